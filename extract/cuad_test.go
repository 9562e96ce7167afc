package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const cuadTestText = `SERVICES AGREEMENT

1. Governing Law. This Agreement shall be governed by the laws of the State of New York.

2. Assignment. Neither party may assign this Agreement without the prior written consent of the other party.

3. Employees. Neither party shall solicit or hire the employees of the other party during the term.

4. Notices. All notices under this Agreement must be in writing and delivered by hand.
`

// cuadTestSpan locates s in text as one excerpt piece; it fails when s is missing.
func cuadTestSpan(t *testing.T, text, s string) cuadEvalSpan {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in test text", s)
	}
	return cuadEvalSpan{Start: i, End: i + len(s), ByteStart: i, ByteEnd: i + len(s)}
}

// cuadTestLabels builds labels: category -> excerpts, each excerpt a list of pieces.
func cuadTestLabels(t *testing.T, text string, cats map[string][][]string) map[string]cuadEvalLabel {
	t.Helper()
	labels := map[string]cuadEvalLabel{}
	for cat, excerpts := range cats {
		var l cuadEvalLabel
		for _, pieces := range excerpts {
			l.Excerpts = append(l.Excerpts, strings.Join(pieces, " <omitted> "))
			var spans []cuadEvalSpan
			for _, p := range pieces {
				spans = append(spans, cuadTestSpan(t, text, p))
			}
			l.Spans = append(l.Spans, spans)
		}
		labels[cat] = l
	}
	return labels
}

func TestCUADExcerptWords(t *testing.T) {
	src := []byte("x New-York, 2024! Société  Générale; end")
	sp := func(s string) cuadEvalSpan {
		i := bytes.Index(src, []byte(s))
		return cuadEvalSpan{ByteStart: i, ByteEnd: i + len(s)}
	}
	var got []string
	for _, w := range cuadEvalWords(src, []cuadEvalSpan{sp("New-York, 2024!"), sp("Société  Générale;"), {ByteStart: len(src) - 2, ByteEnd: len(src) + 50}}) {
		got = append(got, string(src[w.start:w.end]))
	}
	want := []string{"New", "York", "2024", "Société", "Générale", "nd"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("words = %q, want %q", got, want)
	}
}

func TestCUADScoreContract(t *testing.T) {
	doc, err := Parse(context.Background(), "s.txt", []byte(cuadTestText), nil)
	if err != nil {
		t.Fatal(err)
	}
	// clause ids by the start of their text
	clauseAt := func(prefix string) int {
		for i := range doc.Clauses {
			if strings.HasPrefix(doc.Text(doc.Clauses[i].Span), prefix) {
				return i
			}
		}
		t.Fatalf("no clause starts with %q", prefix)
		return -1
	}
	const (
		gl  = "1. Governing"
		asg = "2. Assignment"
		emp = "3. Employees"
		ntc = "4. Notices"
	)
	O := func(labelled, predicted, located bool, clauses, hit int) cuadEvalOutcome {
		return cuadEvalOutcome{Labelled: labelled, Predicted: predicted, Located: located, Clauses: clauses, ClausesHit: hit}
	}
	type tpfpfn struct{ tp, fp, fn bool }
	tests := []struct {
		name   string
		labels map[string][][]string          // category -> excerpts -> pieces
		typed  map[string][]ClauseType        // clause prefix -> types
		want   map[ClauseType]cuadEvalOutcome // others: zero
		counts map[ClauseType]tpfpfn          // TP/FP/FN of the types in want
	}{
		{
			name:   "true positive",
			labels: map[string][][]string{"Governing Law": {{"governed by the laws of the State of New York"}}},
			typed:  map[string][]ClauseType{gl: {"governing_law"}},
			want:   map[ClauseType]cuadEvalOutcome{"governing_law": O(true, true, true, 1, 1)},
			counts: map[ClauseType]tpfpfn{"governing_law": {tp: true}},
		},
		{
			name:   "found in the wrong place is FP and FN",
			labels: map[string][][]string{"Governing Law": {{"governed by the laws of the State of New York"}}},
			typed:  map[string][]ClauseType{ntc: {"governing_law"}},
			want:   map[ClauseType]cuadEvalOutcome{"governing_law": O(true, true, false, 1, 0)},
			counts: map[ClauseType]tpfpfn{"governing_law": {fp: true, fn: true}},
		},
		{
			name:   "false negative",
			labels: map[string][][]string{"Governing Law": {{"governed by the laws of the State of New York"}}},
			want:   map[ClauseType]cuadEvalOutcome{"governing_law": O(true, false, false, 0, 0)},
			counts: map[ClauseType]tpfpfn{"governing_law": {fn: true}},
		},
		{
			name:   "false positive",
			typed:  map[string][]ClauseType{gl: {"governing_law"}, asg: {"assignment"}},
			want:   map[ClauseType]cuadEvalOutcome{"governing_law": O(false, true, false, 1, 0), "assignment": O(false, true, false, 1, 0)},
			counts: map[ClauseType]tpfpfn{"governing_law": {fp: true}, "assignment": {fp: true}},
		},
		{
			name:   "located plus a stray clause: TP, clause precision 1/2",
			labels: map[string][][]string{"Governing Law": {{"governed by the laws of the State of New York"}}},
			typed:  map[string][]ClauseType{gl: {"governing_law"}, ntc: {"governing_law"}},
			want:   map[ClauseType]cuadEvalOutcome{"governing_law": O(true, true, true, 2, 1)},
			counts: map[ClauseType]tpfpfn{"governing_law": {tp: true}},
		},
		{
			name:   "short excerpt: min(3, words) words make a hit",
			labels: map[string][][]string{"Governing Law": {{"New York"}}},
			typed:  map[string][]ClauseType{gl: {"governing_law"}},
			want:   map[ClauseType]cuadEvalOutcome{"governing_law": O(true, true, true, 1, 1)},
			counts: map[ClauseType]tpfpfn{"governing_law": {tp: true}},
		},
		{
			name:   "non_solicit from No-Solicit Of Employees",
			labels: map[string][][]string{"No-Solicit Of Employees": {{"shall solicit or hire the employees"}}},
			typed:  map[string][]ClauseType{emp: {"non_solicit"}},
			want:   map[ClauseType]cuadEvalOutcome{"non_solicit": O(true, true, true, 1, 1)},
			counts: map[ClauseType]tpfpfn{"non_solicit": {tp: true}},
		},
		{
			name:   "non_solicit from No-Solicit Of Customers",
			labels: map[string][][]string{"No-Solicit Of Customers": {{"shall solicit or hire the employees"}}},
			typed:  map[string][]ClauseType{emp: {"non_solicit"}},
			want:   map[ClauseType]cuadEvalOutcome{"non_solicit": O(true, true, true, 1, 1)},
			counts: map[ClauseType]tpfpfn{"non_solicit": {tp: true}},
		},
		{
			name: "non_solicit: one located excerpt of either category is enough",
			labels: map[string][][]string{
				"No-Solicit Of Employees": {{"shall solicit or hire the employees"}},
				"No-Solicit Of Customers": {{"must be in writing and delivered"}},
			},
			typed:  map[string][]ClauseType{emp: {"non_solicit"}},
			want:   map[ClauseType]cuadEvalOutcome{"non_solicit": O(true, true, true, 1, 1)},
			counts: map[ClauseType]tpfpfn{"non_solicit": {tp: true}},
		},
		{
			name:   "non_solicit labelled under Customers, typed elsewhere",
			labels: map[string][][]string{"No-Solicit Of Customers": {{"shall solicit or hire the employees"}}},
			typed:  map[string][]ClauseType{gl: {"non_solicit"}},
			want:   map[ClauseType]cuadEvalOutcome{"non_solicit": O(true, true, false, 1, 0)},
			counts: map[ClauseType]tpfpfn{"non_solicit": {fp: true, fn: true}},
		},
		{
			name:   "two pieces, exactly half the words inside: located",
			labels: map[string][][]string{"Anti-Assignment": {{"Neither party may assign", "must be in writing"}}},
			typed:  map[string][]ClauseType{asg: {"assignment"}},
			want:   map[ClauseType]cuadEvalOutcome{"assignment": O(true, true, true, 1, 1)},
			counts: map[ClauseType]tpfpfn{"assignment": {tp: true}},
		},
		{
			name:   "two pieces, under half the words inside: not located, no hit",
			labels: map[string][][]string{"Anti-Assignment": {{"may assign", "All notices under this Agreement must"}}},
			typed:  map[string][]ClauseType{asg: {"assignment"}},
			want:   map[ClauseType]cuadEvalOutcome{"assignment": O(true, true, false, 1, 0)},
			counts: map[ClauseType]tpfpfn{"assignment": {fp: true, fn: true}},
		},
		{
			name:   "excerpt across two typed clauses: located in their union, both hit",
			labels: map[string][][]string{"Anti-Assignment": {{"consent of the other party.\n\n3. Employees. Neither party"}}},
			typed:  map[string][]ClauseType{asg: {"assignment"}, emp: {"assignment"}},
			want:   map[ClauseType]cuadEvalOutcome{"assignment": O(true, true, true, 2, 2)},
			counts: map[ClauseType]tpfpfn{"assignment": {tp: true}},
		},
		{
			name:   "excerpt across clauses, only one typed: 5 of 9 words located",
			labels: map[string][][]string{"Anti-Assignment": {{"consent of the other party.\n\n3. Employees. Neither party"}}},
			typed:  map[string][]ClauseType{asg: {"assignment"}},
			want:   map[ClauseType]cuadEvalOutcome{"assignment": O(true, true, true, 1, 1)},
			counts: map[ClauseType]tpfpfn{"assignment": {tp: true}},
		},
		{
			name: "one excerpt located among several",
			labels: map[string][][]string{"Governing Law": {
				{"All notices under this Agreement"},
				{"the State of New York"},
			}},
			typed:  map[string][]ClauseType{gl: {"governing_law"}},
			want:   map[ClauseType]cuadEvalOutcome{"governing_law": O(true, true, true, 1, 1)},
			counts: map[ClauseType]tpfpfn{"governing_law": {tp: true}},
		},
		{
			name:   "unmapped category and unmapped type are ignored",
			labels: map[string][][]string{"Document Name": {{"SERVICES AGREEMENT"}}},
			typed:  map[string][]ClauseType{ntc: {"notices"}},
		},
	}
	types := cuadEvalTypes()
	if len(types) != 30 {
		t.Fatalf("%d types with CUAD categories, want 30", len(types))
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i := range doc.Clauses {
				doc.Clauses[i].Types = nil
			}
			for prefix, ts := range tc.typed {
				c := &doc.Clauses[clauseAt(prefix)]
				for _, ty := range ts {
					c.Types = append(c.Types, TypeTag{Type: ty, Evidence: c.Span})
				}
			}
			got := scoreCUADContract(doc, cuadTestLabels(t, cuadTestText, tc.labels))
			if len(got) != len(types) {
				t.Fatalf("%d outcomes, want %d", len(got), len(types))
			}
			for k, ti := range types {
				id := Taxonomy[ti].ID
				if got[k] != tc.want[id] {
					t.Errorf("%s: got %+v, want %+v", id, got[k], tc.want[id])
				}
				c := tc.counts[id]
				if got[k].tp() != c.tp || got[k].fp() != c.fp || got[k].fn() != c.fn {
					t.Errorf("%s: TP/FP/FN = %v/%v/%v, want %v/%v/%v", id,
						got[k].tp(), got[k].fp(), got[k].fn(), c.tp, c.fp, c.fn)
				}
			}
		})
	}
}

func TestCUADPRF(t *testing.T) {
	for _, tc := range []struct {
		tp, fp, fn int
		p, r, f1   float64
	}{
		{0, 0, 0, 0, 0, 0},
		{0, 3, 0, 0, 0, 0},
		{0, 0, 3, 0, 0, 0},
		{1, 1, 0, 0.5, 1, 2.0 / 3},
		{3, 1, 1, 0.75, 0.75, 0.75},
	} {
		p, r, f1 := cuadEvalPRF(tc.tp, tc.fp, tc.fn)
		if p != tc.p || r != tc.r || f1 != tc.f1 {
			t.Errorf("prf(%d,%d,%d) = %v %v %v, want %v %v %v", tc.tp, tc.fp, tc.fn, p, r, f1, tc.p, tc.r, tc.f1)
		}
	}
}

// writeCUADTestDir writes a two-contract CUAD-style directory.
func writeCUADTestDir(t *testing.T) string {
	t.Helper()
	second := strings.ReplaceAll(cuadTestText, "New York", "Delaware")
	contracts := []struct {
		id, text string
		labels   map[string][][]string
	}{
		{"one", cuadTestText, map[string][][]string{
			"Governing Law":           {{"governed by the laws of the State of New York"}},
			"Anti-Assignment":         {{"Neither party may assign this Agreement"}},
			"No-Solicit Of Employees": {{"shall solicit or hire the employees"}},
			"Document Name":           {{"SERVICES AGREEMENT"}},
		}},
		{"two", second, map[string][][]string{
			"Governing Law":           {{"the State of Delaware"}},
			"No-Solicit Of Customers": {{"shall solicit or hire"}},
		}},
	}
	var files []cuadTestFile
	for _, c := range contracts {
		files = append(files, cuadTestFile{c.id, c.text, cuadTestLabels(t, c.text, c.labels)})
	}
	return writeCUADFiles(t, files)
}

// cuadTestFile is one contract of a synthetic CUAD directory.
type cuadTestFile struct {
	id, text string
	labels   map[string]cuadEvalLabel
}

// writeCUADFiles writes a CUAD directory in the layout of cuad-dev: txt/<id>.txt
// and one labels.jsonl record per contract.
func writeCUADFiles(t *testing.T, files []cuadTestFile) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	var jsonl bytes.Buffer
	for _, c := range files {
		if err := os.WriteFile(filepath.Join(dir, "txt", c.id+".txt"), []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(cuadEvalRecord{ContractID: c.id, Txt: "txt/" + c.id + ".txt", Labels: c.labels})
		if err != nil {
			t.Fatal(err)
		}
		jsonl.Write(b)
		jsonl.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(dir, "labels.jsonl"), jsonl.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestEvalCUADSynthetic(t *testing.T) {
	dir := writeCUADTestDir(t)
	rep, err := EvalCUAD(context.Background(), dir, &CUADOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Contracts != 2 || len(rep.Types) != 30 || rep.Dir != dir {
		t.Fatalf("contracts %d, types %d, dir %q", rep.Contracts, len(rep.Types), rep.Dir)
	}
	// Labels do not depend on the classifier; the other counts must be consistent.
	wantLabelled := map[ClauseType]int{"governing_law": 2, "assignment": 1, "non_solicit": 2}
	for i, s := range rep.Types {
		if ti := cuadEvalTypes()[i]; s.Type != Taxonomy[ti].ID || !reflect.DeepEqual(s.Categories, Taxonomy[ti].CUAD) {
			t.Errorf("row %d is %s %q, want %s", i, s.Type, s.Categories, Taxonomy[ti].ID)
		}
		if s.Labelled != wantLabelled[s.Type] {
			t.Errorf("%s: labelled %d, want %d", s.Type, s.Labelled, wantLabelled[s.Type])
		}
		if s.TP+s.FN != s.Labelled || s.TP+s.FP != s.Predicted || s.ClausesHit > s.Clauses || s.Predicted > s.Clauses {
			t.Errorf("%s: inconsistent counts %+v", s.Type, s)
		}
	}
	if rep.MsPerContract <= 0 {
		t.Errorf("ms/contract %v", rep.MsPerContract)
	}
	var text, js bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "governing_law") || !strings.Contains(text.String(), "2 contracts") {
		t.Errorf("text report:\n%s", text.String())
	}
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back CUADReport
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, rep) {
		t.Errorf("JSON round trip differs:\n%s", js.String())
	}
	t.Logf("\n%s", text.String())
}

func TestEvalCUADErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := EvalCUAD(ctx, t.TempDir(), nil); err == nil || !strings.Contains(err.Error(), "no labels") {
		t.Errorf("empty dir: err = %v", err)
	}
	dir := writeCUADTestDir(t)
	if err := os.WriteFile(filepath.Join(dir, "labels.test.jsonl"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := EvalCUAD(ctx, dir, nil); err == nil || !strings.Contains(err.Error(), "2 labels") {
		t.Errorf("two labels files: err = %v", err)
	}
	dir = writeCUADTestDir(t)
	if err := os.Remove(filepath.Join(dir, "txt", "two.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := EvalCUAD(ctx, dir, nil); err == nil || !strings.Contains(err.Error(), "two.txt") {
		t.Errorf("missing txt: err = %v", err)
	}
	dir = writeCUADTestDir(t)
	if err := os.WriteFile(filepath.Join(dir, "labels.jsonl"), []byte("{\"txt\": \"txt/one.txt\"}\n{broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := EvalCUAD(ctx, dir, nil); err == nil || !strings.Contains(err.Error(), "record 2") {
		t.Errorf("broken jsonl: err = %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := EvalCUAD(cctx, writeCUADTestDir(t), nil); err == nil {
		t.Errorf("canceled: no error")
	}
}

// cuadTestReadings formats the readings of a CUAD answer for comparison.
func cuadTestReadings(rs []any) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprint(r))
	}
	return out
}

func TestCUADValueParse(t *testing.T) {
	const (
		date  = cuadValKindDate
		dur   = cuadValKindDuration
		place = cuadValKindPlace
	)
	tests := []struct {
		kind   cuadValKind
		answer string
		want   []string // nil: the answer does not parse
	}{
		// dates: m/d/yy and m/d/yyyy; two-digit years pivot at 50
		{date, "6/21/99", []string{"1999-06-21"}},
		{date, "1/1/00", []string{"2000-01-01"}},
		{date, "1/1/49", []string{"2049-01-01"}},
		{date, "1/1/50", []string{"1950-01-01"}},
		{date, "12/31/2006", []string{"2006-12-31"}},
		{date, "09/01/2006; 8/31/2007", []string{"2006-09-01", "2007-08-31"}},
		{date, "07/31/2000; 07/[]/2000", []string{"2000-07-31"}},
		{date, "31/01/2025", []string{"2025-01-31"}}, // 31 cannot be a month
		{date, "[]/[]/2015", nil},
		{date, "04/30/[]", nil},
		{date, "4/30/[][]", nil},
		{date, "[ ]/[ ]/20[ ]", nil},
		{date, "perpetual", nil},
		{date, "2/30/20", nil},
		{date, "6/1/202", nil},
		{date, "", nil},
		// durations
		{dur, "successive 1 year", []string{"P1Y"}},
		{dur, "Successive 1 year", []string{"P1Y"}},
		{dur, "succesive 1 year", []string{"P1Y"}},
		{dur, "2 successive 10 years", []string{"P10Y"}},
		{dur, "four successive 10 years", []string{"P10Y"}},
		{dur, "2 5 years", []string{"P5Y"}},
		{dur, "30 days", []string{"P30D"}},
		{dur, "(6) months", []string{"P6M"}},
		{dur, "60) days", []string{"P60D"}},
		{dur, "3 Months", []string{"P3M"}},
		{dur, "6 weeks", []string{"P6W"}},
		{dur, "three (3) years", []string{"P3Y"}},
		{dur, "0.5 year", []string{"P6M"}},
		{dur, "180 days / 6 months", []string{"P180D", "P6M"}},
		{dur, "6 months; 12 months", []string{"P6M", "P12M"}},
		{dur, "successive 12 months; successive 6 months;", []string{"P12M", "P6M"}},
		{dur, "perpetual", nil},
		{dur, "Perpetual", nil},
		{dur, "perpetual, 11/15/2014", nil},
		{dur, "successive [] years", nil},
		{dur, "[]", nil},
		{dur, "0 days", nil},
		{dur, "0.3 days", nil},
		{dur, "until terminated by either party 30 days", nil},
		// governing law
		{place, "New York", []string{"new york"}},
		{place, "State of New York", []string{"new york"}},
		{place, "Ontario, Canada", []string{"ontario"}},
		{place, "British Columbia,Canada", []string{"british columbia"}},
		{place, "Province of Ontario, Canada", []string{"ontario"}},
		{place, "England", []string{"england and wales"}},
		{place, "England; Wales", []string{"england and wales"}},
		{place, "England and Wales, UK", []string{"england and wales"}},
		{place, "People's Republic of China", []string{"china"}},
		{place, "Delaware, Illinois", []string{"delaware", "illinois"}},
		{place, "Texas; Singapore; Belgium", []string{"texas", "singapore", "belgium"}},
		{place, "California; the state in which the breach occurs", []string{"california"}},
		{place, "[* * *]", nil},
		{place, "[]", nil},
		{place, "the state in which the breach occurs", nil},
		{place, "", nil},
	}
	for _, tc := range tests {
		got := cuadTestReadings(cuadValParse(tc.kind, tc.answer))
		if tc.kind == place && len(got) > 0 {
			// findPlaces may add names of its own; ours must be there, in order
			got = slices.DeleteFunc(got, func(s string) bool { return !slices.Contains(tc.want, s) })
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%d %q: readings %q, want %q", tc.kind, tc.answer, got, tc.want)
		}
	}
}

func TestCUADValueMatch(t *testing.T) {
	D := func(y, m, d int) Date { return Date{y, m, d} }
	tests := []struct {
		kind   cuadValKind
		answer string
		ours   any
		want   bool
	}{
		{cuadValKindDate, "6/21/99", D(1999, 6, 21), true},
		{cuadValKindDate, "6/21/99", D(1999, 6, 22), false},
		{cuadValKindDate, "6/21/99", "1999-06-21", false}, // a date term holds a Date
		{cuadValKindDate, "09/01/2006; 8/31/2007", D(2007, 8, 31), true},
		{cuadValKindDuration, "successive 1 year", Duration{Years: 1}, true},
		{cuadValKindDuration, "successive 1 year", Duration{Months: 12}, true},
		{cuadValKindDuration, "12 months", Duration{Years: 1}, true},
		{cuadValKindDuration, "2 weeks", Duration{Days: 14}, true},
		{cuadValKindDuration, "30 days", Duration{Months: 1}, false}, // months never fold into days
		{cuadValKindDuration, "1 month", Duration{Days: 30}, false},
		{cuadValKindDuration, "10 days", Duration{Days: 10, Business: true}, true},
		{cuadValKindDuration, "180 days / 6 months", Duration{Months: 6}, true},
		{cuadValKindDuration, "180 days / 6 months", Duration{Days: 180}, true},
		{cuadValKindDuration, "180 days / 6 months", Duration{Days: 90}, false},
		{cuadValKindDuration, "4 years, 6 months", Duration{Years: 4, Months: 6}, false},
		{cuadValKindPlace, "State of New York", "New York", true},
		{cuadValKindPlace, "new york", "New York", true},
		{cuadValKindPlace, "Ontario, Canada", "Ontario", true},
		{cuadValKindPlace, "England", "England and Wales", true},
		{cuadValKindPlace, "England and Wales, UK", "England and Wales", true},
		{cuadValKindPlace, "Delaware, Illinois", "Illinois", true},
		{cuadValKindPlace, "Illinois; New York", "New York", true},
		{cuadValKindPlace, "Illinois; New York", "Delaware", false},
		{cuadValKindPlace, "New York", "New Jersey", false},
		{cuadValKindPlace, "New York", Date{}, false},
	}
	for _, tc := range tests {
		rs := cuadValParse(tc.kind, tc.answer)
		if len(rs) == 0 {
			t.Errorf("%q does not parse", tc.answer)
			continue
		}
		if got := cuadValMatch(tc.kind, rs, tc.ours); got != tc.want {
			t.Errorf("%q vs %v: match %v, want %v", tc.answer, tc.ours, got, tc.want)
		}
	}
}

func TestCUADScoreValues(t *testing.T) {
	doc := &Document{Terms: []Term{
		{Kind: "governing_law", Value: "New York"},
		{Kind: "effective_date", Value: Date{2020, 6, 1}},
		{Kind: "renewal_term", Value: Duration{Years: 1}},
	}}
	labels := map[string]cuadEvalLabel{
		"Governing Law":                      {Answer: "State of New York"},
		"Agreement Date":                     {Answer: "6/1/20"},    // no term: a miss with no value
		"Effective Date":                     {Answer: "6/2/20"},    // a different value: a miss
		"Expiration Date":                    {Answer: "perpetual"}, // does not parse
		"Renewal Term":                       {Answer: "12 months"}, // P1Y = P12M
		"Notice Period To Terminate Renewal": {Answer: "   "},       // no answer
		"Anti-Assignment":                    {Answer: "Yes"},       // not a value category
		"Document Name":                      {Answer: "AGREEMENT"}, // not a value category
	}
	want := map[string]cuadValueOutcome{
		"Governing Law":   {Answered: true, Parsed: true, Matched: true},
		"Agreement Date":  {Answered: true, Parsed: true, NoValue: true},
		"Effective Date":  {Answered: true, Parsed: true},
		"Expiration Date": {Answered: true},
		"Renewal Term":    {Answered: true, Parsed: true, Matched: true},
	}
	got := scoreCUADValues(doc, labels)
	if len(got) != len(cuadValueCategories) {
		t.Fatalf("%d outcomes, want %d", len(got), len(cuadValueCategories))
	}
	for i, vc := range cuadValueCategories {
		if got[i] != want[vc.Category] {
			t.Errorf("%s: %+v, want %+v", vc.Category, got[i], want[vc.Category])
		}
	}
	rep := cuadEvalSum([]cuadEvalContract{{ID: "x", Outcomes: make([]cuadEvalOutcome, 30), Values: got}})
	wantRows := map[string]CUADValueScore{
		"Governing Law":   {Answers: 1, Parsed: 1, Matched: 1, Share: 1},
		"Agreement Date":  {Answers: 1, Parsed: 1, NoValue: 1},
		"Effective Date":  {Answers: 1, Parsed: 1},
		"Expiration Date": {Answers: 1},
		"Renewal Term":    {Answers: 1, Parsed: 1, Matched: 1, Share: 1},
	}
	for i, v := range rep.Values {
		w := wantRows[v.Category]
		w.Category, w.Kind = cuadValueCategories[i].Category, cuadValueCategories[i].Kind
		if v != w {
			t.Errorf("row %+v, want %+v", v, w)
		}
	}
}

func TestCUADFoldOf(t *testing.T) {
	// FNV-1a 32: "a" = 0xe40c292c, "one" = 0xba26f0ef, "two" = 0xbe2549a9.
	for _, tc := range []struct {
		id   string
		k    int
		want int
	}{
		{"a", 5, 0}, {"one", 5, 4}, {"two", 5, 3}, {"one", 2, 1}, {"a", 2, 0},
	} {
		if got := cuadFoldOf(tc.id, tc.k); got != tc.want {
			t.Errorf("fold of %q in %d = %d, want %d", tc.id, tc.k, got, tc.want)
		}
	}
	// 1000 ids over 5 folds: every fold gets a fair share
	sizes := make([]int, 5)
	for i := range 1000 {
		sizes[cuadFoldOf(fmt.Sprintf("contract-%d", i), 5)]++
	}
	for f, n := range sizes {
		if n < 150 || n > 250 {
			t.Errorf("fold %d has %d of 1000 ids: %v", f, n, sizes)
		}
	}
}

// cuadTestContract builds a scored contract: governing_law TP or FN, and the
// Governing Law value matched or not.
func cuadTestContract(id string, found, matched bool) cuadEvalContract {
	types := cuadEvalTypes()
	c := cuadEvalContract{ID: id, Outcomes: make([]cuadEvalOutcome, len(types)), Values: make([]cuadValueOutcome, len(cuadValueCategories))}
	for k, ti := range types {
		if Taxonomy[ti].ID == "governing_law" {
			c.Outcomes[k] = cuadEvalOutcome{Labelled: true, Predicted: found, Located: found, Clauses: cuadEvalB2I(found), ClausesHit: cuadEvalB2I(found)}
		}
	}
	for i, vc := range cuadValueCategories {
		if vc.Kind == "governing_law" {
			c.Values[i] = cuadValueOutcome{Answered: true, Parsed: true, Matched: matched}
		}
	}
	return c
}

func TestCUADEvalFolds(t *testing.T) {
	// Two folds: "a" and "b" go to fold 0 and 1 (FNV-1a: 0xe40c292c, 0xe70c2de5),
	// "c" to fold 0 (0xe60c2c52), "d" to fold 1 (0xe10c2473).
	for _, id := range []string{"a", "c"} {
		if cuadFoldOf(id, 2) != 0 {
			t.Fatalf("%q not in fold 0", id)
		}
	}
	for _, id := range []string{"b", "d"} {
		if cuadFoldOf(id, 2) != 1 {
			t.Fatalf("%q not in fold 1", id)
		}
	}
	all := []cuadEvalContract{
		cuadTestContract("a", true, true),
		cuadTestContract("b", true, false),
		cuadTestContract("c", true, true),
		cuadTestContract("d", false, false),
	}
	rep := cuadEvalSum(all)
	cuadEvalFolds(rep, all, 2)
	if rep.Folds != 2 || !reflect.DeepEqual(rep.FoldSizes, []int{2, 2}) {
		t.Fatalf("folds %d sizes %v", rep.Folds, rep.FoldSizes)
	}
	if len(rep.Spread) != len(cuadEvalFigures()) || len(rep.Spread) != 2*len(cuadFloorTypes)+1+len(cuadValueCategories) {
		t.Fatalf("%d figures", len(rep.Spread))
	}
	byName := map[string]CUADSpread{}
	for _, s := range rep.Spread {
		byName[s.Figure] = s
	}
	// governing_law: all TP 3 FN 1 -> F1 6/7; fold 0 F1 1; fold 1 TP 1 FN 1 -> 2/3.
	f1 := 6.0 / 7
	want := map[string]CUADSpread{
		"governing_law F1":       {Figure: "governing_law F1", All: f1, Min: 2.0 / 3, Max: 1, MaxDev: f1 - 2.0/3, Folds: 2},
		"governing_law clause P": {Figure: "governing_law clause P", All: 1, Min: 1, Max: 1, MaxDev: 0, Folds: 2},
		"assignment F1":          {Figure: "assignment F1"}, // nothing to count in any fold
		"macro F1":               {Figure: "macro F1", All: f1 / 30, Min: 2.0 / 3 / 30, Max: 1.0 / 30, MaxDev: (f1 - 2.0/3) / 30, Folds: 2},
		"value Governing Law":    {Figure: "value Governing Law", All: 0.5, Min: 0, Max: 1, MaxDev: 0.5, Folds: 2},
		"value Renewal Term":     {Figure: "value Renewal Term"},
	}
	for name, w := range want {
		g := byName[name]
		if g.Figure != w.Figure || g.Folds != w.Folds || !cuadTestNear(g.All, w.All) || !cuadTestNear(g.Min, w.Min) ||
			!cuadTestNear(g.Max, w.Max) || !cuadTestNear(g.MaxDev, w.MaxDev) {
			t.Errorf("%s: %+v, want %+v", name, g, w)
		}
	}
}

func cuadTestNear(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

// writeCUADFoldDir writes a CUAD-style directory of n contracts, alternately
// under New York and Delaware law, with Governing Law labels and answers.
func writeCUADFoldDir(t *testing.T, n int) string {
	t.Helper()
	var files []cuadTestFile
	for i := range n {
		id := fmt.Sprintf("contract-%d", i)
		text, law := cuadTestText, "New York"
		if i%2 == 1 {
			text, law = strings.ReplaceAll(cuadTestText, "New York", "Delaware"), "Delaware"
		}
		labels := cuadTestLabels(t, text, map[string][][]string{
			"Governing Law":   {{"governed by the laws of the State of " + law}},
			"Anti-Assignment": {{"Neither party may assign this Agreement"}},
		})
		l := labels["Governing Law"]
		l.Answer = law
		labels["Governing Law"] = l
		labels["Renewal Term"] = cuadEvalLabel{Answer: "perpetual"}
		files = append(files, cuadTestFile{id, text, labels})
	}
	return writeCUADFiles(t, files)
}

func TestEvalCUADFolds(t *testing.T) {
	dir := writeCUADFoldDir(t, 9)
	ctx := context.Background()
	rep, err := EvalCUAD(ctx, dir, &CUADOptions{Workers: 3, Folds: 3})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Contracts != 9 || rep.Folds != 3 || len(rep.FoldSizes) != 3 {
		t.Fatalf("contracts %d, folds %d, sizes %v", rep.Contracts, rep.Folds, rep.FoldSizes)
	}
	wantSizes := make([]int, 3)
	for i := range 9 {
		wantSizes[cuadFoldOf(fmt.Sprintf("contract-%d", i), 3)]++
	}
	if !reflect.DeepEqual(rep.FoldSizes, wantSizes) {
		t.Errorf("fold sizes %v, want %v", rep.FoldSizes, wantSizes)
	}
	// The value rows depend on the labels only, not on the finders.
	for _, v := range rep.Values {
		switch v.Category {
		case "Governing Law":
			if v.Answers != 9 || v.Parsed != 9 || v.Matched+v.NoValue > 9 {
				t.Errorf("Governing Law row %+v", v)
			}
		case "Renewal Term":
			if v.Answers != 9 || v.Parsed != 0 || v.Share != 0 {
				t.Errorf("Renewal Term row %+v (perpetual parses as nothing)", v)
			}
		default:
			if v.Answers != 0 {
				t.Errorf("%s row %+v", v.Category, v)
			}
		}
	}
	if len(rep.Spread) != len(cuadEvalFigures()) {
		t.Fatalf("%d spread rows, want %d", len(rep.Spread), len(cuadEvalFigures()))
	}
	for _, s := range rep.Spread {
		if s.Folds > 3 || s.Min > s.Max || !cuadTestNear(s.MaxDev, max(math.Abs(s.Min-s.All), math.Abs(s.Max-s.All))) {
			t.Errorf("inconsistent spread %+v", s)
		}
		if s.Figure == "governing_law F1" && s.Folds != 3 {
			t.Errorf("governing_law is labelled in every fold: %+v", s)
		}
		if s.Figure == "value Renewal Term" && s.Folds != 0 {
			t.Errorf("no Renewal Term answer parses: %+v", s)
		}
	}
	// The split depends on the ids only: one worker gives the same figures.
	one, err := EvalCUAD(ctx, dir, &CUADOptions{Workers: 1, Folds: 3})
	if err != nil {
		t.Fatal(err)
	}
	one.MsPerContract = rep.MsPerContract
	if !reflect.DeepEqual(one, rep) {
		t.Errorf("1 worker gives another report:\n%+v\n%+v", one, rep)
	}
	var text bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Spread over 3 folds", "no fold is held out", "governing_law F1", "value Governing Law", "Governing Law  ", "no value"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
	var js bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back CUADReport
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, rep) {
		t.Errorf("JSON round trip differs:\n%s", js.String())
	}
	for _, folds := range []int{1, -1} {
		if _, err := EvalCUAD(ctx, dir, &CUADOptions{Folds: folds}); err == nil || !strings.Contains(err.Error(), "folds") {
			t.Errorf("%d folds: err = %v", folds, err)
		}
	}
	// Without folds the report has none.
	plain, err := EvalCUAD(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Folds != 0 || plain.FoldSizes != nil || plain.Spread != nil {
		t.Errorf("folds without asking: %d %v %v", plain.Folds, plain.FoldSizes, plain.Spread)
	}
	t.Logf("\n%s", text.String())
}
