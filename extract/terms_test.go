package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// termGoType names the Go type of a term value as the catalogue writes it.
func termGoType(v any) string {
	switch v.(type) {
	case []Party:
		return "[]Party"
	case Date:
		return "Date"
	case Duration:
		return "Duration"
	case bool:
		return "bool"
	case int:
		return "int"
	case string:
		return "string"
	case []string:
		return "[]string"
	case Money:
		return "Money"
	case float64:
		return "float64"
	}
	return "?"
}

// checkTerms checks the invariants every document's terms keep: a catalogue
// kind, at most one term of each kind, the catalogue's Go type, a valid value,
// evidence that is non-empty, inside its clause, and quoted exactly in the JSON
// report; a note wherever a value is computed or ambiguous.
func checkTerms(t *testing.T, doc *Document) {
	t.Helper()
	seen := map[TermKind]bool{}
	rep := NewReport(doc)
	if len(rep.Terms) != len(doc.Terms) {
		t.Errorf("%s: report has %d terms, document %d", doc.Name, len(rep.Terms), len(doc.Terms))
		return
	}
	for i, tm := range doc.Terms {
		info, ok := termInfo(tm.Kind)
		if !ok {
			t.Errorf("%s: term kind %q is not in the catalogue", doc.Name, tm.Kind)
			continue
		}
		if seen[tm.Kind] {
			t.Errorf("%s: two %s terms", doc.Name, tm.Kind)
		}
		seen[tm.Kind] = true
		if got := termGoType(tm.Value); got != info.GoType {
			t.Errorf("%s: %s value %#v is %s, catalogue says %s", doc.Name, tm.Kind, tm.Value, got, info.GoType)
		}
		switch v := tm.Value.(type) {
		case Date:
			if !v.Valid() {
				t.Errorf("%s: %s %v is not a calendar date", doc.Name, tm.Kind, v)
			}
		case Duration:
			if v.IsZero() || v.Years < 0 || v.Months < 0 || v.Weeks < 0 || v.Days < 0 {
				t.Errorf("%s: %s duration %v", doc.Name, tm.Kind, v)
			}
		case []Party:
			for _, p := range v {
				if p.Name == "" && p.Role == "" {
					t.Errorf("%s: party with neither name nor role", doc.Name)
				}
			}
		case string:
			if v == "" {
				t.Errorf("%s: %s is an empty string", doc.Name, tm.Kind)
			}
		}
		if (tm.Computed || tm.Ambiguous) && tm.Note == "" {
			t.Errorf("%s: %s is computed or ambiguous without a note", doc.Name, tm.Kind)
		}
		if tm.Clause < 0 || tm.Clause >= len(doc.Clauses) {
			t.Errorf("%s: %s clause index %d out of range", doc.Name, tm.Kind, tm.Clause)
			continue
		}
		c := &doc.Clauses[tm.Clause]
		if doc.clauseOffset(c, tm.Evidence.Start) < 0 || doc.clauseOffset(c, tm.Evidence.End) < 0 {
			t.Errorf("%s: %s evidence %v lies outside clause %s", doc.Name, tm.Kind, tm.Evidence, c.ID)
			continue
		}
		ev := rep.Terms[i].Evidence
		if ev.Text == "" || ev.Text != doc.Text(tm.Evidence) {
			t.Errorf("%s: %s evidence %q, span text %q", doc.Name, tm.Kind, ev.Text, doc.Text(tm.Evidence))
		}
		runes := []rune(rep.Clauses[tm.Clause].Text)
		if ev.Start < 0 || ev.End > len(runes) || ev.Start >= ev.End || string(runes[ev.Start:ev.End]) != ev.Text {
			t.Errorf("%s: %s evidence offsets [%d,%d) do not quote %q", doc.Name, tm.Kind, ev.Start, ev.End, ev.Text)
		}
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, doc); err != nil {
		t.Errorf("%s: WriteJSON: %v", doc.Name, err)
	}
	var back map[string]any
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Errorf("%s: report JSON does not parse: %v", doc.Name, err)
	}
}

// TestTermsInvariantsCorpus checks the term invariants on every CUAD dev contract
// and reports how many contracts got each kind.
func TestTermsInvariantsCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "cuad-dev", "txt")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("no CUAD dev contracts in %s (the shared corpus sits beside the repository); skipping", dir)
	}
	if testing.Short() {
		files = files[:40]
	}
	count := map[TermKind]int{}
	for _, f := range files {
		doc, err := ParseFile(context.Background(), f, nil)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		checkTerms(t, doc)
		for _, tm := range doc.Terms {
			count[tm.Kind]++
		}
	}
	var kinds []string
	for k := range count {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		t.Logf("%-32s %4d of %d contracts", k, count[TermKind(k)], len(files))
	}
}

// TestTermsInvariantsSample checks the bundled example.
func TestTermsInvariantsSample(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "sample-msa.docx"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(context.Background(), "sample-msa.docx", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkTerms(t, doc)
}

// Date arithmetic follows the conventions README states: months added to a
// month end stay in the shorter month; business days skip weekends.
func TestDateAdd(t *testing.T) {
	for _, tc := range []struct {
		d    Date
		p    Duration
		want Date
	}{
		{Date{2024, 4, 1}, Duration{Years: 3}, Date{2027, 4, 1}},
		{Date{2024, 1, 31}, Duration{Months: 1}, Date{2024, 2, 29}},
		{Date{2023, 1, 31}, Duration{Months: 1}, Date{2023, 2, 28}},
		{Date{2024, 2, 29}, Duration{Years: 1}, Date{2025, 2, 28}},
		{Date{2024, 11, 15}, Duration{Months: 2}, Date{2025, 1, 15}},
		{Date{2024, 12, 31}, Duration{Days: 1}, Date{2025, 1, 1}},
		{Date{2024, 1, 1}, Duration{Weeks: 2}, Date{2024, 1, 15}},
		{Date{2026, 11, 27}, Duration{Days: 3, Business: true}, Date{2026, 12, 2}}, // Fri → Wed
		{Date{2024, 3, 31}, Duration{Months: 12}, Date{2025, 3, 31}},
	} {
		if got := tc.d.Add(tc.p); got != tc.want {
			t.Errorf("%v + %v = %v, want %v", tc.d, tc.p, got, tc.want)
		}
	}
	if got := (Date{2027, 4, 1}).AddDays(-1); got != (Date{2027, 3, 31}) {
		t.Errorf("AddDays(-1) = %v", got)
	}
}

func TestDurationString(t *testing.T) {
	for _, tc := range []struct {
		p    Duration
		want string
		days int
	}{
		{Duration{Years: 1}, "P1Y", 365},
		{Duration{Days: 90}, "P90D", 90},
		{Duration{Years: 1, Months: 6}, "P1Y6M", 545},
		{Duration{Weeks: 2}, "P2W", 14},
		{Duration{Days: 10, Business: true}, "P10D", 14},
		{Duration{}, "P0D", 0},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.p, got, tc.want)
		}
		if got := tc.p.ApproxDays(); got != tc.days {
			t.Errorf("%#v.ApproxDays() = %d, want %d", tc.p, got, tc.days)
		}
	}
}

// ClauseTerms gives each clause its own terms where Document.Terms holds the
// first of each kind in the contract.
func TestClauseTerms(t *testing.T) {
	text := "MASTER AGREEMENT\n\nThis Agreement is made between Acme Corp. (\"Supplier\") and Beta LLC (\"Customer\").\n\n" +
		"1. Assignment by Customer. Customer shall not assign this Agreement without the prior written consent of Supplier.\n\n" +
		"2. Assignment by Supplier. Supplier shall not assign this Agreement without the prior written consent of Customer, such consent not to be unreasonably withheld.\n\n" +
		"3. Governing Law. This Agreement is governed by the laws of the State of Delaware.\n"
	doc, err := Parse(context.Background(), "two.txt", []byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	find := func(ts []Term, k TermKind) any {
		for _, tm := range ts {
			if tm.Kind == k {
				return tm.Value
			}
		}
		return nil
	}
	var assign []int
	for i := range doc.Clauses {
		for _, tt := range doc.Clauses[i].Types {
			if tt.Type == "assignment" {
				assign = append(assign, i)
			}
		}
	}
	if len(assign) != 2 {
		t.Fatalf("%d assignment clauses, want 2", len(assign))
	}
	if got := find(doc.Terms, "assignment_consent_party"); got != "Supplier" {
		t.Errorf("document consent party %v, want Supplier (the first clause)", got)
	}
	for _, tc := range []struct {
		ci            int
		party, stdard string
	}{
		{assign[0], "Supplier", "unqualified"},
		{assign[1], "Customer", "not_unreasonably_withheld"},
	} {
		own := ClauseTerms(doc, tc.ci)
		if got := find(own, "assignment_consent_party"); got != tc.party {
			t.Errorf("clause %s: consent party %v, want %s", doc.Clauses[tc.ci].ID, got, tc.party)
		}
		if got := find(own, "assignment_consent_standard"); got != tc.stdard {
			t.Errorf("clause %s: consent standard %v, want %s", doc.Clauses[tc.ci].ID, got, tc.stdard)
		}
		for _, tm := range own {
			if documentKinds[tm.Kind] {
				t.Errorf("clause %s repeats the document-level %s", doc.Clauses[tc.ci].ID, tm.Kind)
			}
			if tm.Clause != tc.ci && doc.Clauses[tm.Clause].Parent != doc.Clauses[tc.ci].ID {
				t.Errorf("clause %s: %s comes from clause %s", doc.Clauses[tc.ci].ID, tm.Kind, doc.Clauses[tm.Clause].ID)
			}
		}
	}
	if ClauseTerms(doc, -1) != nil || ClauseTerms(doc, len(doc.Clauses)) != nil {
		t.Error("out-of-range clause index gives terms")
	}
}

// BenchmarkAbstractTerms times abstractTerms alone on the ~100-page contract of
// bench_test.go, parsed and typed once.
func BenchmarkAbstractTerms(b *testing.B) {
	doc, err := Parse(b.Context(), "long.txt", longContractText(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		abstractTerms(doc)
	}
}

// BenchmarkAbstractTermsCUAD times abstractTerms on the CUAD dev contracts when
// the shared corpus is present (skipped otherwise).
func BenchmarkAbstractTermsCUAD(b *testing.B) {
	files, _ := filepath.Glob("../../shared/corpus/cuad-dev/txt/*.txt")
	if len(files) == 0 {
		b.Skip("no CUAD corpus")
	}
	var docs []*Document
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := Parse(b.Context(), f, data, nil)
		if err != nil {
			continue
		}
		docs = append(docs, doc)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, doc := range docs {
			abstractTerms(doc)
		}
	}
	b.ReportMetric(float64(len(docs)), "docs")
}

func TestTermNeed(t *testing.T) {
	tests := []struct {
		re   string
		want string
	}{
		{`\bgoverned by\b`, `[[governed by]]`},
		{`\b(?:shall|will) not\b`, `[[shall will] [ not]]`},
		{`\bindemni(?:fication|fy)\b`, `[[indemni]]`},
		{`\b(days?|weeks?|months?)\b`, `[[day week month]]`},
		{`(?i)governed`, `[]`},
		{`\bno\b|\bnot\b`, `[]`},
		{`\b(?:the )?fees?`, `[[fee]]`},
		{`x*abc`, `[[abc]]`},
		{`(?:abc)?def`, `[[def]]`},
		{`(?:abc){2}`, `[[abc] [abc]]`},
		{`[Tt]he other party`, `[[he other party]]`},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(termMustCompile(tt.re).need); got != tt.want {
			t.Errorf("termNeed(%q) = %s; want %s", tt.re, got, tt.want)
		}
	}
}

// TestTermReAgrees checks every termRe of the finders on the sentences of the
// test contracts and the shared corpus (when present): the literal check never
// rejects a text the pattern matches.
func TestTermReAgrees(t *testing.T) {
	texts := append([]string(nil), valScanCases...)
	for _, c := range benchClauses {
		texts = append(texts, c, asciiLower(c))
	}
	files, _ := filepath.Glob("../../shared/corpus/cuad-dev/txt/*.txt")
	for _, f := range files[:min(len(files), 1)] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			texts = append(texts, asciiLower(line))
			// sentences too: a long line has too many places for termLead
			for _, sent := range strings.SplitAfter(line, ". ") {
				texts = append(texts, asciiLower(sent))
			}
		}
	}
	led := 0 // matches found through a termLead
	for _, r := range termRes {
		for _, s := range texts {
			if m, ok := r.leadFirst(s, true); ok && m != nil {
				led++
			}
			if got, want := r.FindStringSubmatchIndex(s), r.Regexp.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: FindStringSubmatchIndex(%q) = %v; want %v", r, s, got, want)
			}
			for _, n := range []int{-1, 0, 1, 2} {
				if got, want := r.FindAllStringSubmatchIndex(s, n), r.Regexp.FindAllStringSubmatchIndex(s, n); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: FindAllStringSubmatchIndex(%q, %d) = %v; want %v", r, s, n, got, want)
				}
				if got, want := r.FindAllStringIndex(s, n), r.Regexp.FindAllStringIndex(s, n); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: FindAllStringIndex(%q, %d) = %v; want %v", r, s, n, got, want)
				}
			}
			m := r.Regexp.MatchString(s)
			if !r.may(s) && m {
				t.Fatalf("%s: literals %q missing from %q, which matches", r, r.need, s)
			}
			if r.MatchString(s) != m {
				t.Fatalf("%s (%d branches): MatchString(%q) = %v; want %v", r, len(r.branches), s, !m, m)
			}
			if got, want := r.FindStringIndex(s), r.Regexp.FindStringIndex(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s (%d branches): FindStringIndex(%q) = %v; want %v", r, len(r.branches), s, got, want)
			}
		}
	}
	if led < 100 {
		t.Errorf("only %d matches found through termLead; want the windowed search exercised", led)
	}
}

// TestTermLeadEdges checks the windowed search of termRe where a window is cut:
// matches at the start and end of the text, next to non-ASCII letters, inside
// a longer word and one after another.
func TestTermLeadEdges(t *testing.T) {
	tests := []struct {
		re, s string
	}{
		{`(?:shall|will) (?:not )?exceed`, "shall exceed"},
		{`(?:shall|will) (?:not )?exceed\b`, "it shall not exceed"},
		{`(?:shall|will) (?:not )?exceed`, "it shall not exceeds; it will exceed"},
		{`(?:shall|will) (?:not )?exceed`, "éshall exceed ünd will not exceed"},
		{`(?:shall|will) (?:not )?exceed`, "marshall exceed, shall exceed"},
		{`(shall|will)\s+(?:\w+,?\s+){0,3}?(indemnify|defend)`, "a shall b c d indemnify; will defend and shall, x, indemnify"},
		{`except(?: for)?[^.;]{0,20}`, "except for fraud; except wilful misconduct. except"},
		{`(?:net|within) (\d+) days`, "within 30 days, net 45 days and within 1 days"},
		{`limited to`, "unlimited to limited to"},
	}
	for _, tt := range tests {
		r := termMustCompile(tt.re)
		termRes = termRes[:len(termRes)-1]
		if r.leader() == nil {
			t.Fatalf("%s: no termLead", tt.re)
		}
		got, ok := r.leadAll(tt.s, -1, true)
		if !ok {
			t.Fatalf("%s on %q: windowed search refused", tt.re, tt.s)
		}
		if want := r.Regexp.FindAllStringSubmatchIndex(tt.s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("%s on %q: %v; want %v", tt.re, tt.s, got, want)
		}
	}
}

func TestTermSplitSource(t *testing.T) {
	tests := []struct {
		src  string
		pats []string
		find bool
		ok   bool
	}{
		{`a|b[|]c`, []string{`a`, `b[|]c`}, true, true},
		{`(?i)^x|y$`, []string{`(?i)^x`, `(?i)y$`}, true, true},
		{`\bfoo (bar|baz\|) end\b`, []string{`\bfoo (bar) end\b`, `\bfoo (baz\|) end\b`}, false, true},
		{`\b(?:one|two)\b`, []string{`\b(?:one)\b`, `\b(?:two)\b`}, true, true},
		{`x(?:a|b)?y(c|d)`, []string{`x(?:a|b)?y(c)`, `x(?:a|b)?y(d)`}, false, true},
		{`(?P<n>a|b)c`, []string{`(?P<n>a)c`, `(?P<n>b)c`}, false, true},
		{`[^;()]{0,9}(u|v)`, []string{`[^;()]{0,9}(u)`, `[^;()]{0,9}(v)`}, false, true},
		{`[[:alpha:]|]x`, nil, false, true},
		{`(a(b|c))`, nil, false, true}, // the alternation is not at the top of the group's concatenation
		{`ab(?i)c|d`, nil, false, false},
		{`(a|b`, nil, false, false},
	}
	for _, tt := range tests {
		pats, find, ok := termSplitSource(tt.src)
		if !reflect.DeepEqual(pats, tt.pats) || find != tt.find || ok != tt.ok {
			t.Errorf("termSplitSource(%q) = %q, %v, %v; want %q, %v, %v", tt.src, pats, find, ok, tt.pats, tt.find, tt.ok)
		}
	}
	// every pattern the finders use is split by the scan, not the slow printer
	for _, r := range termRes {
		if _, _, ok := termSplitSource(r.String()); !ok {
			t.Errorf("termSplitSource cannot scan %s", r)
		}
	}
}
