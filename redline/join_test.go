package redline

import (
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

// jnParas are the paragraphs of a contract whose clauses 2 and 3 end inside
// the paragraph where clause 4 starts, and clause 4 runs over three
// paragraphs: an edit of clause 4 deletes the marks of the first two.
var jnParas = []string{
	"SERVICES AGREEMENT",
	"1. Payment. Customer shall pay within thirty (30) days. 2. Term. The term is two years. 3. Governing Law. This Agreement is governed by the laws of",
	"the State of Connecticut, and the courts of Hartford have jurisdiction.",
	"No jury trial applies.",
	"4. Notices. Notices are in writing.",
}

// jnEdit is an edit of the clause holding from, replacing the text from from
// to the end of to.
func jnEdit(tb testing.TB, doc *extract.Document, from, to, insert string) playbook.TextEdit {
	tb.Helper()
	for _, c := range doc.Clauses {
		text := doc.Text(c.Span)
		i := strings.Index(text, from)
		j := strings.Index(text, to)
		if i < 0 || j < i {
			continue
		}
		s, e := len([]rune(text[:i])), len([]rune(text[:j+len(to)]))
		return playbook.TextEdit{Clause: c.ID, Start: s, End: e, Delete: string([]rune(text)[s:e]), Insert: insert}
	}
	tb.Fatalf("no clause holds %q … %q", from, to)
	return playbook.TextEdit{}
}

// jnNew is a new clause anchored on the clause holding phrase.
func jnNew(tb testing.TB, doc *extract.Document, phrase, insert string) playbook.TextEdit {
	tb.Helper()
	id := jnEdit(tb, doc, phrase, phrase, phrase).Clause
	n := len([]rune(doc.Text(doc.Clauses[r0(doc, id)].Span)))
	return playbook.TextEdit{Clause: id, NewClause: true, Start: n, End: n, Insert: insert}
}

// TestNewClauseAfterJoin inserts new clauses after paragraphs whose mark
// another edit deletes: rejecting every change gives back every original
// paragraph, accepting gives the intended text, for a built (text) and an
// edited (DOCX) redline, whatever the order of the decisions.
func TestNewClauseAfterJoin(t *testing.T) {
	law := func(doc *extract.Document) playbook.TextEdit {
		return jnEdit(t, doc, "This Agreement is governed", "trial applies.", "This Agreement is governed by the laws of the State of New York.")
	}
	lawTwo := func(doc *extract.Document) playbook.TextEdit {
		return jnEdit(t, doc, "laws of", "Connecticut", "laws of New York")
	}
	renew := func(doc *extract.Document) playbook.TextEdit {
		return jnNew(t, doc, "The term is two years.", "Renewal. Either party may renew the term by written notice.")
	}
	late := func(doc *extract.Document) playbook.TextEdit {
		return jnNew(t, doc, "thirty (30) days", "Late Payment. Late amounts bear interest.\nInterest accrues daily.")
	}
	cases := []struct {
		name  string
		edits []func(*extract.Document) playbook.TextEdit
		want  []string // substrings of the accepted text, paragraphs joined by "\n"
	}{
		{"new clause, then a join of three paragraphs", []func(*extract.Document) playbook.TextEdit{renew, law},
			[]string{"laws of the State of New York.\nRenewal. Either party may renew the term by written notice.\n4. Notices."}},
		{"a join of three paragraphs, then a new clause", []func(*extract.Document) playbook.TextEdit{law, renew},
			[]string{"laws of the State of New York.\nRenewal. Either party may renew the term by written notice.\n4. Notices."}},
		{"two new clauses after a join of two paragraphs", []func(*extract.Document) playbook.TextEdit{late, lawTwo, renew},
			[]string{"laws of New York, and the courts of Hartford have jurisdiction.\n", "Late Payment. Late amounts bear interest.\nInterest accrues daily.\nRenewal. Either party may renew the term by written notice.\n"}},
	}
	sources := rlSources("join.txt", strings.Join(jnParas, "\n\n")+"\n", jnParas)
	for _, src := range sources {
		for _, c := range cases {
			t.Run(src.name+"/"+c.name, func(t *testing.T) {
				doc := src.parse(t)
				if testing.Verbose() {
					for _, c := range doc.Clauses {
						t.Logf("%s %v %q", c.ID, c.Span, doc.Text(c.Span))
					}
				}
				var edits []playbook.TextEdit
				for _, e := range c.edits {
					edits = append(edits, e(doc))
				}
				out, res, err := src.write(doc, fxReport(doc, edits, ""))
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Refused) > 0 || len(res.Applied) != len(edits) {
					t.Fatalf("applied %d, refused %+v; want all %d applied", len(res.Applied), res.Refused, len(edits))
				}
				accepted := strings.Join(src.check(t, doc, out, res), "\n")
				for _, w := range c.want {
					if !strings.Contains(accepted, w) {
						t.Errorf("accepted text lacks %q:\n%s", w, accepted)
					}
				}
			})
		}
	}
}
