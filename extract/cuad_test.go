package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
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
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "txt"), 0o755); err != nil {
		t.Fatal(err)
	}
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
	var jsonl bytes.Buffer
	for _, c := range contracts {
		if err := os.WriteFile(filepath.Join(dir, "txt", c.id+".txt"), []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		rec := cuadEvalRecord{ContractID: c.id, Txt: "txt/" + c.id + ".txt", Labels: cuadTestLabels(t, c.text, c.labels)}
		b, err := json.Marshal(rec)
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

func TestEvalCUADDev(t *testing.T) {
	needCorpus(t)
	dir := filepath.Join(corpusDir, "cuad-dev")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("CUAD dev set not found at %s: %v", dir, err)
	}
	start := time.Now()
	rep, err := EvalCUAD(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Contracts < 300 {
		t.Errorf("%d contracts scored, want the dev set (390)", rep.Contracts)
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	t.Logf("EvalCUAD wall time %v\n%s", time.Since(start).Round(time.Millisecond), b.String())
	// No floors yet: the classifier is being written.
}
