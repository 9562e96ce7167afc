package redline

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

// htNode is an element of the preview, read back as XML (the preview is
// well-formed XHTML).
type htNode struct {
	name  string
	attr  map[string]string
	kids  []*htNode
	text  string // character data, for a text node (name "")
	outer *htNode
}

// htParse reads the preview; it fails the test when it is not well-formed.
func htParse(tb testing.TB, b []byte) *htNode {
	tb.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.Entity = map[string]string{}
	root := &htNode{name: "#document"}
	cur := root
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatalf("the preview is not well-formed: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &htNode{name: t.Name.Local, attr: map[string]string{}, outer: cur}
			for _, a := range t.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			cur.kids = append(cur.kids, n)
			cur = n
		case xml.EndElement:
			cur = cur.outer
		case xml.CharData:
			cur.kids = append(cur.kids, &htNode{text: string(t), outer: cur})
		}
	}
	return root
}

// find returns the elements below n for which ok holds, in document order.
func (n *htNode) find(ok func(*htNode) bool) []*htNode {
	var out []*htNode
	for _, k := range n.kids {
		if k.name != "" && ok(k) {
			out = append(out, k)
		}
		out = append(out, k.find(ok)...)
	}
	return out
}

// textWithout returns n's text without the elements named skip, paragraphs
// and paragraph marks as newlines.
func (n *htNode) textWithout(skip string) string {
	var b strings.Builder
	paras := 0
	var walk func(m *htNode)
	walk = func(m *htNode) {
		for _, k := range m.kids {
			switch {
			case k.name == "" && m.name != "div":
				b.WriteString(k.text)
			case k.name == skip, k.name == "":
			case k.attr["class"] == "para":
				b.WriteByte('\n') // a paragraph mark deleted or inserted
			case k.name == "p":
				// Every paragraph after the first starts a line, even when
				// all of the first is skipped.
				if paras++; paras > 1 {
					b.WriteByte('\n')
				}
				walk(k)
			default:
				walk(k)
			}
		}
	}
	walk(n)
	return b.String()
}

func htByClass(class string) func(*htNode) bool {
	return func(n *htNode) bool {
		for _, c := range strings.Fields(n.attr["class"]) {
			if c == class {
				return true
			}
		}
		return false
	}
}

func TestHTML(t *testing.T) {
	doc := bdParse(t, "generated <b>.txt", bdContract)
	full := bdReport(t, doc)
	overlap := bdReport(t, doc)
	// A second edit over words an earlier edit changes is not marked.
	overlap.Decisions = append(overlap.Decisions[:1:1], &playbook.Decision{ID: "again@c4", Rule: "again", Clause: "c4",
		Outcome: playbook.OutcomeFallback, Edits: []playbook.TextEdit{bdEdit(t, doc, "thirty (30) days", "ninety (90) days")}})
	cases := []struct {
		name   string
		rep    *playbook.Report
		marked map[string][2]string // clause id → one <del> and its <ins>, "" when none, "*" for any
		notes  map[string][]string  // decision id → substrings of its note
		where  map[string]string    // decision id → the clause id its note is beside; "" elsewhere
		has    []string             // substrings of the page source
	}{
		{name: "no decisions", rep: &playbook.Report{}, has: []string{
			"<title>Redline: generated &lt;b&gt;.txt</title>", "<dt>Sign-off</dt><dd>none</dd>", "0 accept, 0 fallback, 0 escalate",
			"Unresolved: no party named.", `described in &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Schedule 1 &amp; its annexes.`,
			`<span class="num">2.</span> <span class="heading">Payment</span>`, `<span class="kind">preamble</span>`}},
		{name: "full report", rep: full,
			marked: map[string][2]string{"c4": {"thirty (30)", "sixty (60)"}, "c6": {"", "written "}, "c3": {"*", "*"}},
			notes: map[string][]string{
				"payment-days@c4":   {"fallback", "payment-days", "position “fallback payment-days”", "Standard position not met for payment-days.", "Authority: counsel"},
				"law@c7":            {"escalate", "Governing law is not on the list <img src=x onerror=alert(1)>.", "Decision needed from: general counsel"},
				"conf@c8":           {"accept", "Three years is acceptable.", "Authority: paralegal"},
				"stale@c8":          {"Not marked: an edit does not match the clause text and is not shown."},
				"insurance@missing": {"insert missing clause", "no clause"},
				"liability@missing": {"Decision needed from: general counsel", "no limitation of liability clause"},
			},
			where: map[string]string{"payment-days@c4": "c4", "law@c7": "c7", "conf@c8": "c8", "stale@c8": "c8", "insurance@missing": "", "liability@missing": ""},
			has: []string{"<dt>Sign-off</dt><dd>general counsel</dd>", "1 accept, 5 fallback, 2 escalate",
				"Us: Customer (Acme &lt;Corp&gt; &amp; Sons, Inc.); them: Supplier (Widget Ltd); named by the caller.",
				"2 decisions need general counsel &amp; &lt;b&gt;counsel&lt;/b&gt;.", "Playbook generated &lt;pb&gt; 1.0 (revision 0123456789ab)",
				"<ins>6. Insurance. Supplier shall maintain &lt;insurance&gt; &amp; cover “all risks”.</ins>",
				"5 proposed, 1 not shown"}},
		{name: "overlapping edits", rep: overlap,
			marked: map[string][2]string{"c4": {"thirty (30)", "sixty (60)"}},
			notes:  map[string][]string{"again@c4": {"Not marked: an edit overlaps another edit of the clause and is not shown."}},
			where:  map[string]string{"again@c4": "c4"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := HTML(&buf, doc, c.rep); err != nil {
				t.Fatal(err)
			}
			src := buf.String()
			for _, bad := range []string{"<script", "<img", "<link", "<b ", "<iframe", "http:", "https:", "@import", "url("} {
				if strings.Contains(src, bad) {
					t.Errorf("the preview holds %q", bad)
				}
			}
			for _, s := range c.has {
				if !strings.Contains(src, s) {
					t.Errorf("the preview lacks %s", s)
				}
			}
			root := htParse(t, buf.Bytes())
			texts := htCheckClauses(t, doc, c.rep, root)
			for ci, n := range texts {
				cl := doc.Clauses[ci]
				body := n.find(htByClass("body"))[0]
				dels, inss := body.find(func(n *htNode) bool { return n.name == "del" }), body.find(func(n *htNode) bool { return n.name == "ins" })
				m, ok := c.marked[cl.ID]
				switch {
				case ok && m[0] == "*":
				case !ok && len(dels)+len(inss) > 0:
					t.Errorf("%s has %d deletions and %d insertions, want none", cl.ID, len(dels), len(inss))
				case ok && m[0] == "" && (len(dels) != 0 || len(inss) != 1 || inss[0].textWithout("") != m[1]):
					t.Errorf("%s: want one insertion %q", cl.ID, m[1])
				case ok && m[0] != "" && (len(dels) != 1 || len(inss) != 1 || dels[0].textWithout("") != m[0] || inss[0].textWithout("") != m[1]):
					t.Errorf("%s: want %q → %q, got %d deletions and %d insertions", cl.ID, m[0], m[1], len(dels), len(inss))
				}
			}
			// Notes: beside their clause, with their content.
			for id, wants := range c.notes {
				ns := root.find(func(n *htNode) bool { return n.attr["data-decision"] == id })
				if len(ns) != 1 {
					t.Errorf("decision %s has %d notes, want 1", id, len(ns))
					continue
				}
				text := ns[0].textWithout("")
				for _, w := range wants {
					if !strings.Contains(text, w) {
						t.Errorf("note %s lacks %q: %q", id, w, text)
					}
				}
				beside := ""
				for p := ns[0].outer; p != nil; p = p.outer {
					if p.name == "section" {
						for _, k := range p.find(func(n *htNode) bool { return n.attr["data-clause"] != "" }) {
							beside = k.attr["data-clause"]
						}
						break
					}
				}
				if beside != c.where[id] {
					t.Errorf("note %s is beside clause %q, want %q", id, beside, c.where[id])
				}
			}
		})
	}
}

// htCheckClauses checks that the preview shows every clause in order, that
// each clause's text without insertions is the clause text and without
// deletions is the intended text, and returns the clauses' text elements.
func htCheckClauses(tb testing.TB, doc *extract.Document, rep *playbook.Report, root *htNode) []*htNode {
	tb.Helper()
	texts := root.find(func(n *htNode) bool { return n.attr["data-clause"] != "" })
	if len(texts) != len(doc.Clauses) {
		tb.Fatalf("%d clauses shown, want %d", len(texts), len(doc.Clauses))
	}
	for ci, n := range texts {
		cl := doc.Clauses[ci]
		if n.attr["data-clause"] != cl.ID {
			tb.Fatalf("clause %d shown as %s, want %s", ci, n.attr["data-clause"], cl.ID)
		}
		body := n.find(htByClass("body"))[0]
		if got, want := body.textWithout("ins"), htClean(doc.Text(cl.Span)); got != want {
			tb.Errorf("%s without insertions:\n got %q\nwant %q", cl.ID, got, want)
		}
		if got, want := body.textWithout("del"), htClean(htWant(doc, rep, ci)); got != want {
			tb.Errorf("%s without deletions:\n got %q\nwant %q", cl.ID, got, want)
		}
	}
	// Every decision has its note.
	for _, d := range rep.Decisions {
		if n := len(root.find(func(n *htNode) bool { return n.attr["data-decision"] == d.ID })); n != 1 {
			tb.Errorf("decision %s has %d notes, want 1", d.ID, n)
		}
	}
	return texts
}

// htWant returns the text of clause ci with the report's edits made, as
// the playbook states them (not through the word diff): every fallback edit
// on the clause that matches its text and overlaps no earlier one.
func htWant(doc *extract.Document, rep *playbook.Report, ci int) string {
	id := doc.Clauses[ci].ID
	text := []rune(doc.Text(doc.Clauses[ci].Span))
	var eds []playbook.TextEdit
	for _, d := range rep.Decisions {
		if d.Outcome != playbook.OutcomeFallback {
			continue
		}
	next:
		for _, e := range d.Edits {
			if e.Clause != id || e.NewClause || e.Start < 0 || e.End > len(text) || e.Start > e.End || string(text[e.Start:e.End]) != e.Delete {
				continue
			}
			for _, o := range eds {
				if e.Start < o.End && o.Start < e.End || e.Start == o.Start || e.End == o.End {
					continue next
				}
			}
			eds = append(eds, e)
		}
	}
	sort.Slice(eds, func(i, j int) bool { return eds[i].Start > eds[j].Start })
	for _, e := range eds {
		text = append(append(append([]rune{}, text[:e.Start]...), []rune(rlClean(e.Insert))...), text[e.End:]...)
	}
	return string(text)
}

func TestHTMLErrors(t *testing.T) {
	doc := bdParse(t, "a.txt", "1. Term. The term is one year.\n")
	cases := []struct {
		name string
		doc  *extract.Document
		rep  *playbook.Report
		w    io.Writer
		want string
	}{
		{"nil document", nil, &playbook.Report{}, io.Discard, "redline: not an editable DOCX document: nil document or report"},
		{"nil report", doc, nil, io.Discard, "redline: not an editable DOCX document: nil document or report"},
		{"write error", doc, &playbook.Report{}, htFailWriter{}, "redline: write HTML: disk full"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := HTML(c.w, c.doc, c.rep)
			if err == nil || err.Error() != c.want {
				t.Errorf("error %v, want %s", err, c.want)
			}
		})
	}
}

type htFailWriter struct{}

func (htFailWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// FuzzHTMLBuild reads fuzzed text as a contract, proposes replacing each
// clause's first word with fuzzed text, and checks that the preview stays
// well-formed with the intended text and that the built redline opens and
// gives back the extracted and the intended text.
func FuzzHTMLBuild(f *testing.F) {
	f.Add(bdContract, "sixty (60)")
	f.Add("1. Term. <b>x</b> & y\n\n2. Law. \x00\x01 New\u00a0York\n", "<script>\n&amp;")
	f.Add("", "x")
	// Regression: control characters and invalid UTF-8 are dropped from the preview.
	f.Add(" m1e..rTC<b>\n</b> & y\n\n2. L\xf0\xf0\xf0\xf0\xf0\xf0\xf0New\u00a0Yorkx", "<script>\n&a\x0f\x0f\x0f")
	// Regression: a clause whose first paragraph is all deleted keeps its line break.
	f.Add("\xe8\vppppp\x8dpp", "")
	f.Fuzz(func(t *testing.T, text, insert string) {
		if len(text) > 1<<14 || len(insert) > 1<<10 {
			t.Skip()
		}
		// Control characters are cleaned the same way for the preview and
		// the DOCX (rlClean); what the preview drops beyond them (DEL, C1
		// controls, noncharacters) the DOCX keeps.
		if c := rlClean(insert); htClean(c) != c || strings.ContainsRune(insert, '\t') {
			t.Skip()
		}
		doc, err := extract.Parse(context.Background(), "fuzz.txt", []byte(text), nil)
		if err != nil {
			t.Skip()
		}
		rep := &playbook.Report{}
		for _, c := range doc.Clauses {
			ct := []rune(doc.Text(c.Span))
			n := 0
			for n < len(ct) && !unicode.IsSpace(ct[n]) {
				n++
			}
			rep.Decisions = append(rep.Decisions, &playbook.Decision{ID: "f@" + c.ID, Rule: "f", Clause: c.ID, Outcome: playbook.OutcomeFallback,
				Reasons: []string{insert}, Edits: []playbook.TextEdit{{Clause: c.ID, End: n, Delete: string(ct[:n]), Insert: insert}}})
		}
		var buf bytes.Buffer
		if err := HTML(&buf, doc, rep); err != nil {
			t.Fatal(err)
		}
		htCheckClauses(t, doc, rep, htParse(t, buf.Bytes()))
		out, res, err := Build(doc, rep, Options{Date: testDate})
		if err != nil {
			t.Fatal(err)
		}
		bdStructure(t, out)
		bdCheckViews(t, doc, out, res, false)
	})
}
