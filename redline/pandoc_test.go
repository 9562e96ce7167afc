package redline

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/clm-engine/clm/playbook"
)

// TestRegions checks how the pandoc check pairs the paragraphs that differ:
// in order, repeated text included, and a region without text taking in
// the text after it (or before it at the end, or joining the region just
// before it).
func TestRegions(t *testing.T) {
	cases := []struct {
		name     string
		old, new []string
		want     []rdRegion
	}{
		{"repeated paragraph, second changed", []string{"A", "B", "A", "B"}, []string{"A", "B", "A", "C"}, []rdRegion{{3, 4, 3, 4}}},
		{"inserted before the next text", []string{"A", "", "B"}, []string{"A", "", "N", "B"}, []rdRegion{{2, 3, 2, 4}}},
		{"inserted at the end after empty paragraphs", []string{"A", "B", "", ""}, []string{"A", "B", "", "", "N"}, []rdRegion{{1, 4, 1, 5}}},
		{"inserted right after a changed paragraph", []string{"A", "B", ""}, []string{"A", "C", "", "N"}, []rdRegion{{1, 3, 1, 4}}},
		{"changed then new ones", []string{"A", "B", "D"}, []string{"A", "C", "N", "D"}, []rdRegion{{1, 2, 1, 3}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := rdRegions(c.old, c.new); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("regions %v, want %v", got, c.want)
			}
		})
	}
}

// rdRecorder records the errors a check reports instead of failing.
type rdRecorder struct {
	testing.TB
	errs []string
}

func (r *rdRecorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *rdRecorder) Logf(string, ...any) {}

// TestPandocCheckOrder checks that the pandoc check compares paragraphs whose
// text pandoc prints more than once: a right redline passes, and a wrong
// expectation of the second occurrence is caught, not skipped.
func TestPandocCheckOrder(t *testing.T) {
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Skip("pandoc is not installed")
	}
	var body strings.Builder
	for _, p := range []string{"The Supplier shall keep records for three years.", "Audit. The Customer may audit once a year.",
		"The Supplier shall keep records for three years.", "Audit. The Customer may audit once a year.", ""} {
		body.WriteString(`<w:p>` + genRun("", p) + `</w:p>`)
	}
	orig := genDOCX(t, body.String(), "")
	doc := parseDOCX(t, orig)
	var e playbook.TextEdit
	for _, c := range doc.Clauses {
		if c.Span.Start.Block <= 2 && 2 <= c.Span.End.Block {
			text := doc.Text(c.Span)
			i := len([]rune(text[:strings.LastIndex(text, "three years")]))
			e = playbook.TextEdit{Clause: c.ID, Start: i, End: i + len("three years"), Delete: "three years", Insert: "six years"}
		}
	}
	end := playbook.TextEdit{NewClause: true, Insert: "Survival. This clause survives termination."}
	out, res, err := DOCX(doc, fxReport(doc, []playbook.TextEdit{e, end}, ""), Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Applied) != 2 {
		t.Fatalf("applied %+v, refused %+v", res.Applied, res.Refused)
	}
	cases := []struct {
		name    string
		tamper  func(*Result) *Result
		wantErr bool
	}{
		{"right", func(r *Result) *Result { return r }, false},
		{"wrong second occurrence", func(r *Result) *Result {
			w := *r
			w.Applied = append([]Change{}, r.Applied...)
			w.Applied[0].Edit.Insert = "nine years"
			return &w
		}, true},
		{"wrong clause at the end", func(r *Result) *Result {
			w := *r
			w.Applied = append([]Change{}, r.Applied...)
			w.Applied[1].Edit.Insert = "Survival. Nothing survives."
			return &w
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := &rdRecorder{TB: t}
			pandocCheck(rec, orig, out, doc, c.tamper(res))
			if (len(rec.errs) > 0) != c.wantErr {
				t.Errorf("errors %q, want any: %v", rec.errs, c.wantErr)
			}
		})
	}
}
