package redline

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/beevik/etree"
	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

// TestMain lets the test binary act as extract's PDF helper process, so
// that the corpus tests read PDFs.
func TestMain(m *testing.M) {
	extract.PDFHelperMain()
	os.Exit(m.Run())
}

// bdContract is a generated text contract: a title, a preamble, numbered
// clauses with run-in headings, a sub-clause, a clause over two paragraphs,
// hostile markup and non-ASCII text.
const bdContract = "MASTER SERVICES AGREEMENT\n\n" +
	"This Master Services Agreement (the \"Agreement\") is made between Acme <Corp> & Sons, Inc. (\"Customer\") and Widget Ltd (\"Supplier\").\n\n" +
	"1. Definitions. \"Services\" means the services described in <script>alert('x')</script> Schedule 1 & its annexes.\n\n" +
	"2. Payment. Customer shall pay each invoice within thirty (30) days of receipt.\n\n" +
	"(a) Late amounts bear interest at one percent per month.\n\n" +
	"3. Term. The term of this Agreement is two years from the Effective Date.\n\n" +
	"The Supplier may renew the term by notice.\n\n" +
	"4. Governing Law. This Agreement is governed by the laws of the State of New York.\n\n" +
	"5. Confidentiality. Each party shall keep the other party’s Confidential Information secret for three years.\n\n" +
	"IN WITNESS WHEREOF the parties have signed this Agreement.\n"

func bdParse(tb testing.TB, name, text string) *extract.Document {
	tb.Helper()
	doc, err := extract.Parse(context.Background(), name, []byte(text), nil)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// bdEdit is a fallback edit replacing phrase (in exactly one clause) with insert.
func bdEdit(tb testing.TB, doc *extract.Document, phrase, insert string) playbook.TextEdit {
	tb.Helper()
	var out []playbook.TextEdit
	for _, c := range doc.Clauses {
		text := doc.Text(c.Span)
		if i := strings.Index(text, phrase); i >= 0 {
			s := len([]rune(text[:i]))
			out = append(out, playbook.TextEdit{Clause: c.ID, Start: s, End: s + len([]rune(phrase)), Delete: phrase, Insert: insert})
		}
	}
	if len(out) != 1 {
		tb.Fatalf("phrase %q is in %d clauses", phrase, len(out))
	}
	return out[0]
}

// bdClauseOf returns the id of the clause holding phrase.
func bdClauseOf(tb testing.TB, doc *extract.Document, phrase string) string {
	tb.Helper()
	return bdEdit(tb, doc, phrase, phrase).Clause
}

// bdReport is a report on bdContract: fallback edits (one hostile, one in
// the second paragraph of a clause, one that no longer matches), an inserted
// missing clause, escalations with and without a clause, and an acceptance.
func bdReport(tb testing.TB, doc *extract.Document) *playbook.Report {
	tb.Helper()
	fb := func(id string, e ...playbook.TextEdit) *playbook.Decision {
		return &playbook.Decision{ID: id + "@" + e[0].Clause, Rule: id, Clause: e[0].Clause, Outcome: playbook.OutcomeFallback,
			Position: "fallback " + id, Authority: "counsel", Reasons: []string{"Standard position not met for " + id + "."}, Edits: e}
	}
	stale := bdEdit(tb, doc, "secret for three years", "secret for five years")
	stale.Delete = "secret for four years"
	law := bdClauseOf(tb, doc, "State of New York")
	conf := bdClauseOf(tb, doc, "Confidential Information")
	ins := playbook.TextEdit{Clause: conf, NewClause: true, Insert: "6. Insurance. Supplier shall maintain <insurance> & cover “all risks”."}
	ins.Start = len([]rune(doc.Text(doc.Clauses[bdIndex(doc, conf)].Span)))
	ins.End = ins.Start
	return &playbook.Report{
		Schema:   playbook.Schema,
		Document: playbook.ReportDocument{Name: doc.Name, Format: string(doc.Format)},
		Playbook: playbook.ReportPlaybook{Name: "generated <pb>", Version: "1.0", Revision: "0123456789abcdef0123"},
		Party: playbook.Perspective{Resolved: true, How: "option", Us: &playbook.PartyRef{Name: "Acme <Corp> & Sons, Inc.", Term: "Customer"},
			Them: &playbook.PartyRef{Name: "Widget Ltd", Term: "Supplier"}, Reason: "named by the caller"},
		Decisions: []*playbook.Decision{
			fb("payment-days", bdEdit(tb, doc, "thirty (30) days of receipt", "sixty (60) days of receipt")),
			fb("hostile", bdEdit(tb, doc, "<script>alert('x')</script> Schedule 1", "Schedule 1 <b onclick=\"x()\">&amp;</b>")),
			fb("renewal", bdEdit(tb, doc, "renew the term by notice", "renew the term by written notice")),
			fb("stale", stale),
			{ID: "law@" + law, Rule: "law", Clause: law, Outcome: playbook.OutcomeEscalate, Position: "general counsel", Authority: "general counsel",
				Reasons: []string{"Governing law is not on the list <img src=x onerror=alert(1)>.", "Escalated to general counsel."}},
			{ID: "conf@" + conf, Rule: "conf", Clause: conf, Outcome: playbook.OutcomeAccept, Position: playbook.PositionStandard, Authority: "paralegal",
				Reasons: []string{"Three years is acceptable."}},
			{ID: "insurance@missing", Rule: "insurance", Outcome: playbook.OutcomeFallback, Position: playbook.PositionMissing, Authority: "counsel",
				Reasons: []string{"The contract has no insurance clause; the playbook's clause is inserted."}, Edits: []playbook.TextEdit{ins}},
			{ID: "liability@missing", Rule: "liability", Outcome: playbook.OutcomeEscalate, Position: "general counsel", Authority: "general counsel",
				Reasons: []string{"The contract has no limitation of liability clause, and the rule has no position for a missing one."}},
		},
		Summary: playbook.Summary{SignOff: "general counsel", Counts: map[string]int{"accept": 1, "fallback": 5, "escalate": 2},
			Reasons: []string{"2 decisions need general counsel & <b>counsel</b>."}},
	}
}

func bdIndex(doc *extract.Document, id string) int {
	for i, c := range doc.Clauses {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// bdView is the text of every body paragraph of a document part with all
// tracked changes accepted or rejected: a paragraph whose mark is removed
// (inserted, when rejecting; deleted, when accepting) joins the next one.
func bdView(tb testing.TB, docXML []byte, accept bool) []string {
	tb.Helper()
	d := etree.NewDocument()
	if err := d.ReadFromBytes(docXML); err != nil {
		tb.Fatal(err)
	}
	gone := func(kind string) bool { return kind == "ins" && !accept || kind == "del" && accept }
	var text func(e *etree.Element, b *strings.Builder)
	text = func(e *etree.Element, b *strings.Builder) {
		for _, c := range e.ChildElements() {
			switch l := paLocal(c); l {
			case "pPr", "rPr", "instrText", "delInstrText", "p":
				continue
			case "ins", "del", "moveTo", "moveFrom":
				k := map[string]string{"ins": "ins", "moveTo": "ins", "del": "del", "moveFrom": "del"}[l]
				if gone(k) {
					continue
				}
			case "t", "delText":
				s := c.Text()
				if !paPreserve(c) {
					s = strings.TrimSpace(s)
				}
				b.WriteString(s)
				continue
			case "tab", "br", "cr":
				b.WriteByte(' ')
				continue
			}
			text(c, b)
		}
	}
	var out []string
	carry := ""
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		for _, c := range e.ChildElements() {
			if paLocal(c) != "p" {
				walk(c)
				continue
			}
			var b strings.Builder
			b.WriteString(carry)
			text(c, &b)
			mark := ""
			if pPr := paChild(c, "pPr"); pPr != nil {
				if rPr := paChild(pPr, "rPr"); rPr != nil {
					if paChild(rPr, "ins") != nil {
						mark = "ins"
					} else if paChild(rPr, "del") != nil {
						mark = "del"
					}
				}
			}
			if gone(mark) {
				carry = b.String()
				continue
			}
			carry = ""
			out = append(out, bdNorm(b.String()))
		}
	}
	walk(d.Root())
	if carry != "" {
		out = append(out, bdNorm(carry))
	}
	return out
}

func bdNorm(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) }), " ")
}

// bdParts reads every entry of a zip.
func bdParts(tb testing.TB, data []byte) ([]string, map[string][]byte) {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatalf("the package is not a zip: %v", err)
	}
	var names []string
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		names = append(names, f.Name)
		parts[f.Name] = b
	}
	return names, parts
}

// bdStructure checks that a built package opens: the parts of a minimal
// package, all well-formed; relationships and content types consistent;
// w:ids unique over bookmarks, revisions and comments; no revision nested
// in another; no w:t in a deletion; every comment referenced once, with its
// range. It returns the parts.
func bdStructure(tb testing.TB, data []byte) map[string][]byte {
	tb.Helper()
	names, parts := bdParts(tb, data)
	for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/_rels/document.xml.rels", "word/comments.xml", "docProps/core.xml"} {
		if parts[want] == nil {
			tb.Errorf("no part %s in %v", want, names)
		}
	}
	docs := map[string]*etree.Document{}
	for _, n := range names {
		d := etree.NewDocument()
		if err := d.ReadFromBytes(parts[n]); err != nil || d.Root() == nil {
			tb.Errorf("%s is not well-formed: %v", n, err)
			continue
		}
		docs[n] = d
	}
	if docs["word/document.xml"] == nil || docs["word/comments.xml"] == nil || docs["[Content_Types].xml"] == nil {
		tb.FailNow()
	}
	// Content types: every part has one; relationships point at parts.
	ct := string(parts["[Content_Types].xml"])
	for _, n := range names {
		if !strings.HasSuffix(n, ".rels") && n != "[Content_Types].xml" && !strings.Contains(ct, `PartName="/`+n+`"`) {
			tb.Errorf("part %s has no content type override", n)
		}
	}
	for _, rels := range []string{"_rels/.rels", "word/_rels/document.xml.rels"} {
		if docs[rels] == nil {
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(rels, "_rels/.rels"), "_rels/document.xml.rels")
		seen := map[string]bool{}
		for _, r := range docs[rels].Root().ChildElements() {
			id := r.SelectAttrValue("Id", "")
			if seen[id] {
				tb.Errorf("%s: relationship id %s twice", rels, id)
			}
			seen[id] = true
			if t := r.SelectAttrValue("Target", ""); r.SelectAttrValue("TargetMode", "") != "External" && parts[pkResolve(base+"x", t)] == nil {
				tb.Errorf("%s: target %s is not in the package", rels, t)
			}
		}
	}
	ids := map[string]int{}
	refs, starts, ends := map[string]int{}, map[string]int{}, map[string]int{}
	var walk func(e *etree.Element, inRev string)
	walk = func(e *etree.Element, inRev string) {
		for _, c := range e.ChildElements() {
			id := paAttr(c, "id")
			switch l := paLocal(c); l {
			case "ins", "del", "moveFrom", "moveTo":
				ids[id]++
				if paLocal(e) == "rPr" {
					continue // a paragraph mark's revision
				}
				if inRev != "" {
					tb.Errorf("w:%s %s nested in w:%s", l, id, inRev)
				}
				walk(c, l)
				continue
			case "t":
				if inRev == "del" || inRev == "moveFrom" {
					tb.Errorf("w:t %q inside a deletion", c.Text())
				}
			case "bookmarkStart", "comment":
				ids[id]++
			case "commentReference":
				refs[id]++
			case "commentRangeStart":
				starts[id]++
			case "commentRangeEnd":
				ends[id]++
			}
			walk(c, inRev)
		}
	}
	walk(docs["word/document.xml"].Root(), "")
	walk(docs["word/comments.xml"].Root(), "")
	for id, n := range ids {
		if n > 1 {
			tb.Errorf("w:id %s used %d times", id, n)
		}
	}
	comments := map[string]bool{}
	for _, c := range docs["word/comments.xml"].Root().ChildElements() {
		id := paAttr(c, "id")
		comments[id] = true
		if refs[id] != 1 || starts[id] != 1 || ends[id] != 1 {
			tb.Errorf("comment %s: %d references, %d range starts, %d range ends; want 1 each", id, refs[id], starts[id], ends[id])
		}
	}
	for id := range refs {
		if !comments[id] {
			tb.Errorf("comment reference %s has no comment", id)
		}
	}
	return parts
}

// bdExpect returns the paragraphs a built redline must show with every
// change rejected (the blocks' text) and accepted (the applied edits made,
// and the inserted clauses, in order, as inserted).
func bdExpect(tb testing.TB, doc *extract.Document, res *Result) (reject, accept []string, inserted [][]string) {
	tb.Helper()
	// The whole text: blocks joined by "\n", as rune offsets.
	var all []rune
	starts := make([]int, len(doc.Blocks))
	for i, b := range doc.Blocks {
		if i > 0 {
			all = append(all, '\n')
		}
		starts[i] = len(all)
		all = append(all, []rune(b.Text)...)
		reject = append(reject, bdNorm(b.Text))
	}
	// global maps clause rune k to its offset in all, as Document.Text joins.
	global := func(sp extract.Span, k int) int {
		n, wrote := 0, false
		for i := sp.Start.Block; i <= sp.End.Block; i++ {
			t := doc.Blocks[i].Text
			from, to := 0, len(t)
			if i == sp.Start.Block {
				from = min(max(sp.Start.Offset, 0), len(t))
			}
			if i == sp.End.Block {
				to = min(max(sp.End.Offset, 0), len(t))
			}
			if wrote && sp.Start.Block != sp.End.Block {
				n++ // the "\n"
			}
			seg := len([]rune(t[from:to]))
			base := starts[i] + len([]rune(t[:from]))
			if k <= n+seg {
				return base + max(k-n, 0)
			}
			n += seg
			wrote = wrote || to > from
		}
		return -1
	}
	type ed struct {
		a, b int
		ins  string
	}
	var eds []ed
	for _, ch := range res.Applied {
		if ch.Edit.NewClause {
			var lines []string
			for _, l := range strings.Split(ch.Edit.Insert, "\n") {
				if l = bdNorm(l); l != "" {
					lines = append(lines, l)
				}
			}
			inserted = append(inserted, lines)
			continue
		}
		ci := bdIndex(doc, ch.Clause)
		if ci < 0 {
			tb.Fatalf("applied edit on unknown clause %s", ch.Clause)
		}
		sp := doc.Clauses[ci].Span
		a, b := global(sp, ch.Edit.Start), global(sp, ch.Edit.End)
		if a < 0 || b < 0 || string(all[a:b]) != ch.Edit.Delete {
			tb.Fatalf("edit %+v maps to %q", ch.Edit, string(all[max(a, 0):max(b, 0)]))
		}
		eds = append(eds, ed{a, b, ch.Edit.Insert})
	}
	sort.Slice(eds, func(i, j int) bool { return eds[i].a > eds[j].a })
	for _, e := range eds {
		all = append(append(append([]rune{}, all[:e.a]...), []rune(e.ins)...), all[e.b:]...)
	}
	for _, p := range strings.Split(string(all), "\n") {
		accept = append(accept, bdNorm(p))
	}
	return reject, accept, inserted
}

// bdCheckViews checks that rejecting every change gives the blocks' text
// and accepting gives the intended text, with our reader and with pandoc.
func bdCheckViews(tb testing.TB, doc *extract.Document, out []byte, res *Result, usePandoc bool) {
	tb.Helper()
	_, parts := bdParts(tb, out)
	reject, accept, inserted := bdExpect(tb, doc, res)
	if d := rdDiffList(bdView(tb, parts["word/document.xml"], false), reject); d != "" {
		tb.Errorf("rejecting every change does not give the extracted text: %s", d)
	}
	full := bdView(tb, parts["word/document.xml"], true)
	got := append([]string{}, full...)
	// Take the inserted clauses out where they are, then compare the rest.
	for _, lines := range inserted {
		at := -1
		for i := 0; i+len(lines) <= len(got); i++ {
			if strings.Join(got[i:i+len(lines)], "\n") == strings.Join(lines, "\n") {
				at = i
				break
			}
		}
		if at < 0 {
			tb.Errorf("accepting every change does not show the inserted clause %q", lines)
			continue
		}
		got = append(got[:at:at], got[at+len(lines):]...)
	}
	if d := rdDiffList(got, accept); d != "" {
		tb.Errorf("accepting every change does not give the intended text: %s", d)
		return
	}
	if !usePandoc {
		return
	}
	if _, err := exec.LookPath("pandoc"); err != nil {
		tb.Log("pandoc is not installed: skipping the independent reader")
		return
	}
	// pandoc keeps paragraphs apart whose mark a change removes, where Word
	// joins them: compare the text without white space.
	if g, w := bdPandoc(tb, out, "reject"), bdBare(strings.Join(reject, "")); g != w {
		tb.Errorf("pandoc: rejecting every change differs from the extracted text %s", rdFirstDiff(g, w))
	}
	if g, w := bdPandoc(tb, out, "accept"), bdBare(strings.Join(full, "")); g != w {
		tb.Errorf("pandoc: accepting every change differs from the intended text %s", rdFirstDiff(g, w))
	}
}

// bdPandoc returns pandoc's plain-text reading of a DOCX without white space.
func bdPandoc(tb testing.TB, data []byte, mode string) string {
	tb.Helper()
	f := filepath.Join(tb.TempDir(), "in.docx")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	b, err := exec.Command("pandoc", "--track-changes="+mode, "--wrap=none", "-f", "docx", "-t", "plain", f).Output()
	if err != nil {
		tb.Fatalf("pandoc: %v", err)
	}
	return bdBare(string(b))
}

// bdBare is s without white space and without the backslashes pandoc's
// plain writer escapes with.
func bdBare(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\\", "")), "")
}

// rdDiffList describes the first difference between two paragraph lists.
func rdDiffList(got, want []string) string {
	for i := 0; i < len(got) || i < len(want); i++ {
		g, w := "<none>", "<none>"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("paragraph %d:\n got %q\nwant %q", i, g, w)
		}
	}
	return ""
}

func TestBuild(t *testing.T) {
	doc := bdParse(t, "generated.txt", bdContract)
	full := bdReport(t, doc)
	cases := []struct {
		name     string
		rep      *playbook.Report
		applied  []string // decision ids applied, in order
		refused  map[string]string
		comments int
		has      []string // substrings of document.xml
		hasComm  []string // substrings of comments.xml
	}{
		{name: "no decisions", rep: &playbook.Report{}, has: []string{
			`<w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">MASTER SERVICES AGREEMENT</w:t></w:r>`, `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">2. Payment.</w:t></w:r>`,
			`<w:t xml:space="preserve">1. Definitions.</w:t>`, `&lt;script&gt;alert('x')&lt;/script&gt;`, `Acme &lt;Corp&gt; &amp; Sons`,
			`<w:ind w:left="360"/>`}},
		{name: "full report", rep: full,
			applied:  []string{"payment-days@c4", "hostile@c3", "renewal@c6", "insurance@missing"},
			refused:  map[string]string{"stale@c8": CodeMismatch},
			comments: 7, // four fallbacks, three escalations (liability@missing on the first clause)
			has: []string{`<w:delText xml:space="preserve">thirty (30)</w:delText>`, `<w:t>sixty (60)</w:t>`,
				`w:author="Reviewer &amp; Co" w:date="2026-03-01T09:30:00Z"`, `written `, `<w:t>Schedule 1 &lt;b onclick="x()"&gt;&amp;amp;&lt;/b&gt;</w:t>`, `<w:delText xml:space="preserve">&lt;script&gt;alert(`,
				`6. Insurance. Supplier shall maintain &lt;insurance&gt; &amp; cover “all risks”.`},
			hasComm: []string{`Playbook generated &lt;pb&gt;, rule payment-days: fallback (position "fallback payment-days").`,
				`Decision needed from: general counsel.`, `&lt;img src=x onerror=alert(1)&gt;`, `w:initials="R&amp;C"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, res, err := Build(doc, c.rep, Options{Author: "Reviewer & Co", Date: testDate})
			if err != nil {
				t.Fatal(err)
			}
			parts := bdStructure(t, out)
			var applied []string
			for _, ch := range res.Applied {
				applied = append(applied, ch.Decision)
			}
			if strings.Join(applied, " ") != strings.Join(c.applied, " ") {
				t.Errorf("applied %v, want %v", applied, c.applied)
			}
			refused := map[string]string{}
			for _, ch := range res.Refused {
				refused[ch.Decision] = ch.Code
			}
			if len(refused) != len(c.refused) {
				t.Errorf("refused %v, want %v", refused, c.refused)
			}
			for k, v := range c.refused {
				if refused[k] != v {
					t.Errorf("refused %v, want %v", refused, c.refused)
				}
			}
			if res.Comments != c.comments {
				t.Errorf("%d comments, want %d", res.Comments, c.comments)
			}
			for _, s := range c.has {
				if !strings.Contains(string(parts["word/document.xml"]), s) {
					t.Errorf("document.xml lacks %s", s)
				}
			}
			for _, s := range c.hasComm {
				if !strings.Contains(string(parts["word/comments.xml"]), s) {
					t.Errorf("comments.xml lacks %s", s)
				}
			}
			bdCheckViews(t, doc, out, res, true)
			// The built package reads back through extract as the same text.
			back, err := extract.Parse(context.Background(), "back.docx", out, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.applied) == 0 && len(back.Blocks) != len(doc.Blocks) {
				t.Errorf("read back %d blocks, want %d", len(back.Blocks), len(doc.Blocks))
			}
			if os.Getenv("REDLINE_KEEP") != "" {
				os.WriteFile(filepath.Join(os.Getenv("REDLINE_KEEP"), "build-"+strings.ReplaceAll(c.name, " ", "-")+".docx"), out, 0o644)
			}
		})
	}
}

// TestBuildWordLevel checks that a one-phrase change in a 200-word clause of
// a text source is one w:del and one w:ins.
func TestBuildWordLevel(t *testing.T) {
	doc := bdParse(t, "long.txt", "1. "+longClause()+"\n")
	text := doc.Text(doc.Clauses[0].Span)
	e := bdEdit(t, doc, text, strings.Replace(text, "thirty (30)", "sixty (60)", 1))
	rep := &playbook.Report{Decisions: []*playbook.Decision{{ID: "w@" + e.Clause, Rule: "w", Clause: e.Clause,
		Outcome: playbook.OutcomeFallback, Edits: []playbook.TextEdit{e}}}}
	out, res, err := Build(doc, rep, Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	parts := bdStructure(t, out)
	x := string(parts["word/document.xml"])
	if n, m := strings.Count(x, "<w:del "), strings.Count(x, "<w:ins "); n != 1 || m != 1 {
		t.Errorf("%d w:del and %d w:ins, want 1 each", n, m)
	}
	if !strings.Contains(x, `<w:delText xml:space="preserve">thirty (30)</w:delText>`) {
		t.Errorf("no deletion of thirty (30)")
	}
	bdCheckViews(t, doc, out, res, false)
}

func TestBuildErrors(t *testing.T) {
	doc := bdParse(t, "a.txt", "1. Term. The term is one year.\n")
	cases := []struct {
		name string
		doc  *extract.Document
		rep  *playbook.Report
		want error
	}{
		{"nil document", nil, &playbook.Report{}, ErrFormat},
		{"nil report", doc, nil, ErrFormat},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, _, err := Build(c.doc, c.rep, Options{}); !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
		})
	}
	// An empty document still makes a package that opens.
	out, _, err := Build(&extract.Document{Name: "empty.txt", Format: extract.FormatText}, &playbook.Report{}, Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	bdStructure(t, out)
}

// TestBuildLibreOffice converts a built redline with LibreOffice and finds
// the inserted words in the PDF text.
func TestBuildLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversion skipped in -short mode")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not installed")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	doc := bdParse(t, "generated.txt", bdContract)
	out, _, err := Build(doc, bdReport(t, doc), Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "redline.docx")
	if err := os.WriteFile(in, out, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	txt, err := exec.CommandContext(ctx, pdftotext, filepath.Join(dir, "redline.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := bdNorm(string(txt))
	for _, want := range []string{"sixty (60)", "written notice", "6. Insurance. Supplier shall maintain <insurance>", "IN WITNESS WHEREOF"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q:\n%s", want, text)
		}
	}
}

// bdPlaybook names the shipped playbook for a corpus contract.
func bdPlaybook(name string) string {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "nda") || strings.Contains(n, "non-disclosure") || strings.Contains(n, "confidential"):
		return "mutual-nda.yaml"
	case strings.Contains(n, "data-processing") || strings.Contains(n, "dpa"):
		return "dpa-controller.yaml"
	}
	return "saas-msa-customer.yaml"
}

// TestBuildCorpus builds redlines and previews of every tenth CUAD text
// contract, the PDF corpus and every third CUAD PDF, each reviewed with a shipped playbook, and
// checks the invariants (pandoc on a quarter of them).
func TestBuildCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus skipped in -short mode")
	}
	txt, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "cuad-dev", "txt", "*.txt"))
	pdf, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "pdf", "*.pdf"))
	cuadPDF, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "pdf", "cuad", "*.pdf"))
	sort.Strings(txt)
	sort.Strings(cuadPDF)
	var files []string
	for i := 0; i < len(txt); i += 10 {
		files = append(files, txt[i])
	}
	files = append(files, pdf...)
	for i := 0; i < len(cuadPDF); i += 3 {
		files = append(files, cuadPDF[i])
	}
	if len(files) == 0 {
		t.Skip("no corpus at ../shared/corpus")
	}
	pbs := map[string]*playbook.Playbook{}
	docs, withBoth, applied, inserted, comments := 0, 0, 0, 0, 0
	refused := map[string]int{}
	for i, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			pn := bdPlaybook(name)
			if pbs[pn] == nil {
				pb, err := playbook.LoadFile(filepath.Join("..", "playbooks", pn), nil)
				if err != nil {
					t.Fatal(err)
				}
				pbs[pn] = pb
			}
			doc, err := extract.ParseFile(context.Background(), f, nil)
			if err != nil {
				t.Skipf("not read: %v", err)
			}
			rep := playbook.Evaluate(doc, pbs[pn], playbook.Options{})
			out, res, err := Build(doc, rep, Options{Author: "clm test", Date: testDate})
			if err != nil {
				t.Fatal(err)
			}
			bdStructure(t, out)
			bdCheckViews(t, doc, out, res, i%4 == 0 || strings.HasSuffix(f, ".pdf"))
			var buf bytes.Buffer
			if err := HTML(&buf, doc, rep); err != nil {
				t.Fatal(err)
			}
			htCheckClauses(t, doc, rep, htParse(t, buf.Bytes()))
			docs++
			comments += res.Comments
			for _, ch := range res.Applied {
				if ch.Edit.NewClause {
					inserted++
				} else {
					applied++
				}
			}
			for _, ch := range res.Refused {
				refused[ch.Code]++
			}
			if len(res.Applied) > 0 && res.Comments > 0 {
				withBoth++
			}
			t.Logf("%s: %d applied, %d refused, %d comments", doc.Format, len(res.Applied), len(res.Refused), res.Comments)
		})
	}
	t.Logf("%d documents, %d with an applied change and a comment; %d edits and %d inserted clauses applied, refused %v, %d comments",
		docs, withBoth, applied, inserted, refused, comments)
}

// bdBenchText is a ~100-page text contract: 60 articles of 10 numbered
// clauses of about 60 words each.
func bdBenchText() string {
	var b strings.Builder
	for a := 0; a < 60; a++ {
		fmt.Fprintf(&b, "%d. Article %d Heading.\n\n", a+1, a+1)
		for c := 0; c < 10; c++ {
			fmt.Fprintf(&b, "%d.%d Delivery. The Supplier shall deliver the item numbered %d-%d within thirty (30) days of the order and shall keep records of each delivery for the term of this Agreement, and shall provide copies of those records to the Customer on reasonable written request made at any time during normal business hours, subject to the confidentiality obligations of this Agreement and to applicable law.\n\n", a+1, c+1, a+1, c+1)
		}
	}
	return b.String()
}

// bdBenchReport has 50 fallback edits on doc, one per clause.
func bdBenchReport(tb testing.TB, doc *extract.Document) *playbook.Report {
	tb.Helper()
	rep := &playbook.Report{}
	for a := 0; a < 50; a++ {
		tag := fmt.Sprintf("numbered %d-%d within thirty (30) days", a+1, a%10+1)
		e := bdEdit(tb, doc, tag, strings.Replace(tag, "thirty (30)", "sixty (60)", 1))
		rep.Decisions = append(rep.Decisions, &playbook.Decision{ID: fmt.Sprintf("r%d@%s", a, e.Clause), Rule: fmt.Sprintf("r%d", a),
			Clause: e.Clause, Outcome: playbook.OutcomeFallback, Position: "sixty days", Edits: []playbook.TextEdit{e}})
	}
	return rep
}

func BenchmarkBuild(b *testing.B) {
	doc := bdParse(b, "bench.txt", bdBenchText())
	rep := bdBenchReport(b, doc)
	out, res, err := Build(doc, rep, Options{Date: testDate})
	if err != nil || len(res.Applied) != 50 {
		b.Fatalf("%v, %d applied: %+v", err, len(res.Applied), res.Refused)
	}
	bdCheckViews(b, doc, out, res, false)
	b.ReportMetric(float64(len(doc.Blocks)), "paragraphs")
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Build(doc, rep, Options{Date: testDate}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	doc := bdParse(b, "bench.txt", bdBenchText())
	rep := bdBenchReport(b, doc)
	b.ReportMetric(float64(len(doc.Blocks)), "paragraphs")
	for b.Loop() {
		if err := HTML(io.Discard, doc, rep); err != nil {
			b.Fatal(err)
		}
	}
}

// ExampleBuild redlines a text contract: the new DOCX carries the fallback
// edit as a tracked change and a comment on its clause.
func ExampleBuild() {
	doc, err := extract.Parse(context.Background(), "nda.txt", []byte("1. Term. This Agreement lasts two (2) years.\n"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	text := doc.Text(doc.Clauses[0].Span)
	from := strings.Index(text, "two (2)")
	rep := &playbook.Report{Decisions: []*playbook.Decision{{ID: "term@c1", Rule: "term", Clause: "c1", Outcome: playbook.OutcomeFallback,
		Position: "three years", Edits: []playbook.TextEdit{{Clause: "c1", Start: from, End: from + 7, Delete: "two (2)", Insert: "three (3)"}}}}}
	_, res, err := Build(doc, rep, Options{Author: "Legal"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d applied %+v, %d refused, %d comments\n", len(res.Applied), res.Applied[0].Diff, len(res.Refused), res.Comments)
	// Output: 1 applied [{Delete:two (2) Insert:three (3)}], 0 refused, 1 comments
}
