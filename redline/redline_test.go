package redline

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

var testDate = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

// longClause is a 200-word clause that holds "thirty (30)" once.
func longClause() string {
	words := strings.Fields(strings.Repeat("the supplier shall maintain the services in good working order and shall promptly correct any defect notified by the customer ", 9))
	words = words[:180]
	return "Warranty. " + strings.Join(words[:90], " ") + " within thirty (30) days after notice, and " + strings.Join(words[90:], " ") + "."
}

// fixtureBody holds every construct the redliner must handle.
func fixtureBody() string {
	return strings.Join([]string{
		`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>` + genRun("", "MASTER SERVICES AGREEMENT") + `</w:p>`,
		genClause(genRun("<w:b/>", "Payment."), genRun("", " Customer shall pay each invoice within thirty (30) days of receipt. Late amounts bear interest at "), genRun("<w:i/>", "one percent"), genRun("", " per month.")),
		genClause(genRun("<w:b/>", "Assignment."), genRun("", " Neither party may assign this "), genRun("<w:b/>", "Agreement"), genRun("", " without the prior written consent of the other party, which consent may be withheld in its "), `<w:proofErr w:type="gramStart"/>`, genRun("", "sole discretion"), `<w:proofErr w:type="gramEnd"/>`, genRun("", ".")),
		genClause(genRun("<w:b/>", "Notices."), genRun("", " Notices shall be sent to "), `<w:hyperlink r:id="rId9">`+genRun(`<w:rStyle w:val="Hyperlink"/>`, "legal@example.com")+`</w:hyperlink>`, genRun("", " by email.")),
		genClause(genRun("<w:b/>", "Term."), genRun("", " The term is "), `<w:del w:id="3" w:author="Alice" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>two</w:delText></w:r></w:del><w:ins w:id="4" w:author="Alice" w:date="2025-01-01T00:00:00Z">`+genRun("", "three")+`</w:ins>`, genRun("", " years from the Effective Date.")),
		genClause(genRun("<w:b/>", "Fees."), genRun("", " As set out in Section "), `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \r \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`, genRun("", ", fees are fixed for the initial term.")),
		genClause(genRun("<w:b/>", "Service Levels."), genRun("", " The service levels are in the table below.")),
		`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:p>` + genRun("", "Availability") + `</w:p></w:tc><w:tc><w:p>` + genRun("", "Uptime of 99.5% in each calendar month.") + `</w:p></w:tc></w:tr></w:tbl>`,
		genClause(genRun("<w:b/>", "Confidentiality."), `<w:commentRangeStart w:id="0"/>`, genRun("", " Each party shall keep the other party's "), `<w:bookmarkStart w:id="5" w:name="_Ref1"/>`, genRun("", "Confidential Information"), `<w:bookmarkEnd w:id="5"/>`, genRun("", " secret for three years."), `<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`),
		genClause(genRun("", longClause())),
		genClause(`<w:r><w:rPr><w:b/></w:rPr><w:t>Definitions.</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>  "Data"  means all  non-public infor` + "\u00ad" + `mation   </w:t></w:r><w:r><w:t xml:space="preserve"> of the Customer.</w:t></w:r>`),
		genClause(genRun("<w:b/>", "Law."), `<w:sdt><w:sdtPr><w:alias w:val="Law"/></w:sdtPr><w:sdtContent>`+genRun("", " This Agreement is governed by the laws of the State of New York.")+`</w:sdtContent></w:sdt>`),
	}, "")
}

const fixtureComments = `<w:comment w:id="0" w:author="Bob" w:date="2025-01-01T00:00:00Z" w:initials="B"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>Check the period.</w:t></w:r></w:p></w:comment>`

// fxEdit builds a fallback edit replacing phrase (unique in one clause) with insert.
func fxEdit(tb testing.TB, doc *extract.Document, phrase, insert string) playbook.TextEdit {
	tb.Helper()
	var found []playbook.TextEdit
	for _, c := range doc.Clauses {
		text := doc.Text(c.Span)
		if i := strings.Index(text, phrase); i >= 0 {
			s := len([]rune(text[:i]))
			found = append(found, playbook.TextEdit{Clause: c.ID, Start: s, End: s + len([]rune(phrase)), Delete: phrase, Insert: insert})
		}
	}
	if len(found) != 1 {
		tb.Fatalf("phrase %q is in %d clauses", phrase, len(found))
	}
	return found[0]
}

// fxReport is a report with one fallback decision per edit and one escalation.
func fxReport(doc *extract.Document, edits []playbook.TextEdit, escalate string) *playbook.Report {
	rep := &playbook.Report{Playbook: playbook.ReportPlaybook{Name: "fixture"}}
	for i, e := range edits {
		rule := "rule-" + string(rune('a'+i))
		rep.Decisions = append(rep.Decisions, &playbook.Decision{ID: rule + "@" + e.Clause, Rule: rule, Clause: e.Clause,
			Outcome: playbook.OutcomeFallback, Position: "fallback " + rule, Authority: "counsel",
			Reasons: []string{"Standard position not met."}, Edits: []playbook.TextEdit{e}})
	}
	if escalate != "" {
		rep.Decisions = append(rep.Decisions, &playbook.Decision{ID: "esc@" + escalate, Rule: "esc", Clause: escalate,
			Outcome: playbook.OutcomeEscalate, Position: "general counsel", Authority: "general counsel",
			Reasons: []string{"No fallback position applies.", "Escalated to general counsel."}})
	}
	return rep
}

// expectAccepted returns the paragraph texts with every applied edit made:
// the original's accepted view with the edited paragraphs rewritten, the
// paragraphs an edit joins joined and the new clauses inserted.
func expectAccepted(tb testing.TB, doc *extract.Document, orig []byte, res *Result) []string {
	tb.Helper()
	_, parts, _ := rdZip(tb, orig)
	texts, gone := rdParaViews(tb, parts["word/document.xml"], true)
	r := &rlRun{doc: doc, clauses: map[string]int{}}
	for i, c := range doc.Clauses {
		r.clauses[c.ID] = i
	}
	blockOf := map[int]int{} // paragraph ordinal → block
	for i, b := range doc.Blocks {
		if b.Anchor.Part == "word/document.xml" {
			blockOf[b.Anchor.Paragraph] = i
		}
	}
	type ed struct {
		p0, o0, p1, o1 int // paragraph ordinals and rune offsets in their block text
		ins            string
	}
	var eds []ed
	newAfter := map[int][]string{}
	edited := map[int]bool{}
	for _, ch := range res.Applied {
		e := ch.Edit
		ci, ok := r.clauses[ch.Clause]
		if e.NewClause {
			last := -1
			if ok {
				_, last = r.ncAnchor(ci)
			} else {
				for i, b := range doc.Blocks {
					if b.Table == 0 {
						last = i
					}
				}
			}
			o := doc.Blocks[last].Anchor.Paragraph
			if q := rdNextBodyPara(tb, parts["word/document.xml"], o); q >= 0 {
				o = q - 1 // after a table: before the paragraph that follows it
			}
			for _, l := range strings.Split(e.Insert, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					newAfter[o] = append(newAfter[o], rdNorm(l))
				}
			}
			continue
		}
		segs := r.segments(doc.Clauses[ci].Span)
		at := func(x int) (int, int) {
			sg := segs[rlSegAt(segs, x)]
			t := doc.Blocks[sg.block].Text
			return doc.Blocks[sg.block].Anchor.Paragraph, len([]rune(t[:sg.from])) + x - sg.start
		}
		p0, o0 := at(e.Start)
		p1, o1 := at(e.End)
		for p := p0; p <= p1; p++ {
			edited[p] = true
		}
		eds = append(eds, ed{p0, o0, p1, o1, e.Insert})
	}
	sort.Slice(eds, func(i, j int) bool { return eds[i].p0 < eds[j].p0 || eds[i].p0 == eds[j].p0 && eds[i].o0 < eds[j].o0 })
	para := func(p int) []rune {
		if b, ok := blockOf[p]; ok && edited[p] {
			return []rune(doc.Blocks[b].Text)
		}
		return []rune(texts[p])
	}
	var outTexts []string
	var outGone []bool
	var cur []rune
	for p, k := 0, 0; p < len(texts); p++ {
		text, pos := para(p), 0
		var after []string // new clauses anchored inside a join go after it
		for k < len(eds) && eds[k].p0 == p {
			e := eds[k]
			k++
			cur = append(append(cur, text[pos:e.o0]...), []rune(e.ins)...)
			for ; p < e.p1; p++ {
				after = append(after, newAfter[p]...)
			}
			text, pos = para(p), e.o1
		}
		cur = append(cur, text[pos:]...)
		outTexts, outGone = append(outTexts, string(cur)), append(outGone, gone[p])
		cur = nil
		for _, l := range append(after, newAfter[p]...) {
			outTexts, outGone = append(outTexts, l), append(outGone, false)
		}
	}
	return rdMerge(outTexts, outGone)
}

// checkRedline checks invariants 1, 2, 3 and 5 on a redline of orig.
func checkRedline(tb testing.TB, doc *extract.Document, orig, out []byte, res *Result, author string, strictIDs bool) {
	tb.Helper()
	rdStructure(tb, orig, out, author, strictIDs)
	_, op, _ := rdZip(tb, orig)
	_, np, _ := rdZip(tb, out)
	if d := rdDiff(rdParas(tb, np["word/document.xml"], false), rdParas(tb, op["word/document.xml"], false)); d != "" {
		tb.Errorf("rejecting every change does not give the original: %s", d)
	}
	if d := rdDiff(rdParas(tb, np["word/document.xml"], true), expectAccepted(tb, doc, orig, res)); d != "" {
		tb.Errorf("accepting every change does not give the intended text: %s", d)
	}
}

func parseDOCX(tb testing.TB, data []byte) *extract.Document {
	tb.Helper()
	doc, err := extract.Parse(context.Background(), "fixture.docx", data, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

func TestDOCXFixture(t *testing.T) {
	orig := genDOCX(t, fixtureBody(), fixtureComments)
	doc := parseDOCX(t, orig)
	cases := []struct {
		name, phrase, insert string
		code                 string // "" when the edit must be applied
		del, ins             []string
	}{
		{"split runs", "thirty (30) days of receipt", "sixty (60) days of receipt", "", []string{"thirty (30)"}, []string{"sixty (60)"}},
		{"across formatting", "one percent per month", "one half of one percent per month", "", []string{""}, []string{"half of one "}},
		{"across proofErr", "which consent may be withheld in its sole discretion", "which consent shall not be unreasonably withheld", "", []string{"may be withheld in its sole discretion"}, []string{"shall not be unreasonably withheld"}},
		{"in hyperlink", "legal@example.com", "notices@example.com", "", []string{"legal"}, []string{"notices"}},
		{"other author's insertion", "three years from", "five years from", CodeRevision, nil, nil},
		{"after other revision", "Effective Date", "Commencement Date", "", []string{"Effective"}, []string{"Commencement"}},
		{"across field", "Section 1, fees", "Section 2, fees", CodeField, nil, nil},
		{"table cell", "99.5%", "99.9%", "", []string{"5"}, []string{"9"}},
		{"around bookmark and comment", "Information secret for three years", "Information secret for five years", "", []string{"three"}, []string{"five"}},
		{"200-word clause", "thirty (30) days after notice", "sixty (60) days after notice", "", []string{"thirty (30)"}, []string{"sixty (60)"}},
		{"normalised text", `"Data" means all non-public information of`, `"Data" means all non-public or proprietary information of`, "", []string{""}, []string{"or proprietary "}},
		{"content control", "State of New York", "State of Delaware", "", []string{"New York"}, []string{"Delaware"}},
	}
	var edits []playbook.TextEdit
	for _, c := range cases {
		edits = append(edits, fxEdit(t, doc, c.phrase, c.insert))
	}
	newClause := playbook.TextEdit{Clause: doc.Clauses[len(doc.Clauses)-1].ID, NewClause: true, Insert: "Insurance. Supplier shall maintain insurance."}
	rep := fxReport(doc, append(edits, newClause), edits[0].Clause)
	out, res, err := DOCX(doc, rep, Options{Author: "Playbook Bot", Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	byDecision := map[string]Change{}
	for _, ch := range append(append([]Change{}, res.Applied...), res.Refused...) {
		byDecision[ch.Decision] = ch
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ch := byDecision[rep.Decisions[i].ID]
			if ch.Code != c.code {
				t.Fatalf("code %q (%s), want %q", ch.Code, ch.Reason, c.code)
			}
			var del, ins []string
			for _, d := range ch.Diff {
				del, ins = append(del, d.Delete), append(ins, d.Insert)
			}
			if c.code == "" && (strings.Join(del, "|") != strings.Join(c.del, "|") || strings.Join(ins, "|") != strings.Join(c.ins, "|")) {
				t.Errorf("diff %q → %q, want %q → %q", del, ins, c.del, c.ins)
			}
		})
	}
	if ch := byDecision[rep.Decisions[len(cases)].ID]; ch.Code != "" {
		t.Errorf("new clause: code %q (%s), want it inserted", ch.Code, ch.Reason)
	}
	if want := len(cases) + 2; res.Comments != want {
		t.Errorf("%d comments, want %d", res.Comments, want)
	}
	checkRedline(t, doc, orig, out, res, "Playbook Bot", true)
	// The accepted document reads back through extract with the new words.
	doc2 := parseDOCX(t, out)
	var all strings.Builder
	for _, b := range doc2.Blocks {
		all.WriteString(b.Text + "\n")
	}
	for _, c := range cases {
		if c.code == "" && !strings.Contains(all.String(), c.insert) {
			t.Errorf("re-read text lacks %q", c.insert)
		}
	}
	if os.Getenv("REDLINE_KEEP") != "" {
		os.WriteFile(filepath.Join(os.Getenv("REDLINE_KEEP"), "fixture.docx"), orig, 0o644)
		os.WriteFile(filepath.Join(os.Getenv("REDLINE_KEEP"), "fixture-redline.docx"), out, 0o644)
	}
	pandocCheck(t, orig, out, doc, res)
}

// TestWordLevel checks that a one-phrase change in a long clause yields one
// w:del and one w:ins, with the runs around them untouched.
func TestWordLevel(t *testing.T) {
	orig := genDOCX(t, genClause(genRun("", longClause())), "")
	doc := parseDOCX(t, orig)
	e := fxEdit(t, doc, doc.Text(doc.Clauses[0].Span)[10:], strings.Replace(doc.Text(doc.Clauses[0].Span)[10:], "thirty (30)", "sixty (60)", 1))
	out, res, err := DOCX(doc, fxReport(doc, []playbook.TextEdit{e}, ""), Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	_, np, _ := rdZip(t, out)
	x := string(np["word/document.xml"])
	if n, m := strings.Count(x, "<w:del "), strings.Count(x, "<w:ins "); n != 1 || m != 1 {
		t.Fatalf("%d w:del and %d w:ins, want 1 each", n, m)
	}
	for _, want := range []string{`<w:delText xml:space="preserve">thirty (30)</w:delText>`, `<w:t>sixty (60)</w:t>`, `w:author="clm" w:date="2026-03-01T09:30:00Z"`} {
		if !strings.Contains(x, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	checkRedline(t, doc, orig, out, res, "clm", true)
}

func TestDOCXErrors(t *testing.T) {
	txt, err := extract.Parse(context.Background(), "a.txt", []byte("1. Term. The term is one year.\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		doc  *extract.Document
		rep  *playbook.Report
	}{
		{"nil", nil, &playbook.Report{}},
		{"text source", txt, &playbook.Report{}},
		{"corrupt source", &extract.Document{Format: extract.FormatDOCX, Source: []byte("PK not a zip")}, &playbook.Report{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, _, err := DOCX(c.doc, c.rep, Options{}); !errors.Is(err, ErrFormat) {
				t.Errorf("error %v, want ErrFormat", err)
			}
		})
	}
}

// pandocCheck compares pandoc's reading of the redline with all changes
// rejected and accepted against its reading of the original.
func pandocCheck(tb testing.TB, orig, out []byte, doc *extract.Document, res *Result) {
	tb.Helper()
	if _, err := exec.LookPath("pandoc"); err != nil {
		tb.Log("pandoc is not installed: skipping the independent reader")
		return
	}
	dir := tb.TempDir()
	run := func(data []byte, mode string) string {
		f := filepath.Join(dir, "in.docx")
		if err := os.WriteFile(f, data, 0o644); err != nil {
			tb.Fatal(err)
		}
		b, err := exec.Command("pandoc", "--track-changes="+mode, "--wrap=none", "-t", "plain", f).Output()
		if err != nil {
			tb.Fatalf("pandoc: %v", err)
		}
		// Table borders change width with the cell text: compare words only.
		var words []string
		for _, f := range strings.Fields(strings.ReplaceAll(string(b), "\u00ad", "")) {
			if strings.Trim(f, "-+|=:") != "" {
				words = append(words, f)
			}
		}
		return rdNoteRef.ReplaceAllString(strings.Join(words, " "), "$1")
	}
	// pandoc keeps a list label for a numbered paragraph whose inserted mark it
	// rejects: compare the words without labels.
	if a, b := rdUnlabel(run(out, "reject")), rdUnlabel(run(orig, "reject")); a != b {
		tb.Errorf("pandoc: rejecting every change differs from the original %s", rdFirstDiff(a, b))
	}
	// pandoc puts a space where it joins paragraphs whose mark is deleted
	// (Word does not): compare without spaces before punctuation.
	got, want := rdUnspace(rdUnlabel(run(out, "accept"))), rdUnspace(rdUnlabel(run(orig, "accept")))
	// Rewrite the original's accepted text region by region as intended,
	// each region found in order after the previous one and on word
	// boundaries: pandoc prints some paragraphs more than once (repeated
	// text, a list and its label), so the first occurrence after the last
	// region is the one meant.
	exp := expectAccepted(tb, doc, orig, res)
	_, op, _ := rdZip(tb, orig)
	old := rdParas(tb, op["word/document.xml"], true)
	want = " " + want + " "
	cur, done := 0, 0 // byte offset in want, and old paragraphs, past the last region
	text := func(ps []string) string { return rdUnspace(rdUnlabel(strings.Join(ps, " "))) }
	for _, rg := range rdRegions(old, exp) {
		// Take in unchanged paragraphs before the region until its text
		// occurs once in what is left of pandoc's reading.
		k := 0
		for rg.o0-k > done && strings.Count(want[cur:], " "+text(old[rg.o0-k:rg.o1])+" ") != 1 {
			k++
		}
		if strings.Count(want[cur:], " "+text(old[rg.o0-k:rg.o1])+" ") == 0 {
			k = 0
		}
		o, n := text(old[rg.o0-k:rg.o1]), text(exp[rg.n0-k:rg.n1])
		done = rg.o1
		if o == "" {
			tb.Logf("pandoc: a change in a document without text; not compared")
			return
		}
		at := strings.Index(want[cur:], " "+o+" ")
		if strings.Join(old[rg.o1:], "") == "" {
			// At the end of the document's text: the last occurrence.
			at = strings.LastIndex(want[cur:], " "+o+" ")
		}
		if at < 0 {
			tb.Errorf("pandoc: the original's %q is not in pandoc's reading of it after byte %d", o, cur)
			return
		}
		at += cur
		want = want[:at] + " " + n + " " + want[at+len(o)+2:]
		cur = at + len(n) + 1
	}
	if want = strings.Join(strings.Fields(want), " "); got != want {
		tb.Errorf("pandoc: accepting every change differs from the intended text %s", rdFirstDiff(got, want))
	}
}

// rdNoteRef matches a note reference as pandoc prints it, right after a
// word ("liability[2]"); our reader reads no note references.
var rdNoteRef = regexp.MustCompile(`(\S)\[[0-9]+\]`)

// rdLabel matches a list label as pandoc prints it ("3.", "2.1.", "a)", "iv.").
var rdLabel = regexp.MustCompile(`^\(?([0-9]{1,3}(\.[0-9]{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)]$`)

// rdUnlabel drops list labels from space-separated words: joining or
// inserting numbered paragraphs renumbers the list that follows.
func rdUnlabel(s string) string {
	var out []string
	for _, w := range strings.Fields(s) {
		if !rdLabel.MatchString(w) {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// rdRegion is a run of paragraphs that differ: old[o0:o1] became new[n0:n1].
type rdRegion struct{ o0, o1, n0, n1 int }

// rdRegions pairs the runs of paragraphs that differ between old and new
// (changed, joined or inserted), in order; a region whose old side has no
// text takes in the unchanged paragraphs after it up to one with text (or,
// at the end, before it), so that it can be found.
func rdRegions(old, new []string) []rdRegion {
	var out []rdRegion
	i, j := 0, 0
	for i < len(old) || j < len(new) {
		if i < len(old) && j < len(new) && old[i] == new[j] {
			i, j = i+1, j+1
			continue
		}
		// Resync at the nearest pair of equal paragraphs.
		bi, bj := len(old), len(new)
	search:
		for d := 1; d < 40; d++ {
			for a := 0; a <= d; a++ {
				if x, y := i+a, j+d-a; x < len(old) && y < len(new) && old[x] == new[y] {
					bi, bj = x, y
					break search
				}
			}
		}
		o, n := old[i:bi], new[j:bj]
		switch {
		case strings.Join(o, "") == "":
			// New paragraphs go before the text that follows them, which
			// pandoc prints right after them; at the end, after the text
			// before them.
			for bi < len(old) && bj < len(new) && old[bi] == new[bj] && strings.Join(old[i:bi], "") == "" {
				bi, bj = bi+1, bj+1
			}
			prev := 0
			if len(out) > 0 {
				prev = out[len(out)-1].o1
			}
			k := 0
			for k < i-prev && k < j && strings.Join(old[i-k:bi], "") == "" {
				k++
			}
			if strings.Join(old[i-k:bi], "") == "" && len(out) > 0 && out[len(out)-1].o1 == i-k {
				// Right after the last region: part of it.
				out[len(out)-1].o1, out[len(out)-1].n1 = bi, bj
			} else {
				out = append(out, rdRegion{i - k, bi, j - k, bj})
			}
		case len(o) == len(n):
			for k := range o {
				out = append(out, rdRegion{i + k, i + k + 1, j + k, j + k + 1})
			}
		case len(n) > len(o):
			// Changed paragraphs, then new ones after the last.
			for k := range o {
				e := j + k + 1
				if k == len(o)-1 {
					e = bj
				}
				out = append(out, rdRegion{i + k, i + k + 1, j + k, e})
			}
		default:
			out = append(out, rdRegion{i, bi, j, bj})
		}
		i, j = bi, bj
	}
	return out
}

// TestParagraphs checks edits that join the paragraphs of a clause and new
// clauses inserted in the middle of a numbered list: reject gives back every
// original paragraph, accept the intended text, with our reader and pandoc's.
func TestParagraphs(t *testing.T) {
	plain := func(text string) string { return `<w:p>` + genRun("", text) + `</w:p>` }
	body := strings.Join([]string{
		genClause(genRun("<w:b/>", "Payment."), genRun("", " Customer shall pay each invoice within thirty (30) days.")),
		genClause(genRun("<w:b/>", "Limitation of Liability."), genRun("", " Neither party is liable for indirect loss.")),
		plain("Each party's total liability is capped at the fees paid."),
		`<w:p/>`,
		plain("The cap does not apply to breach of confidentiality."),
		genClause(genRun("<w:b/>", "Term."), genRun("", " This Agreement lasts two years.")),
		plain("Either party may renew it by notice."),
		`<w:tbl><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:p>` + genRun("", "Renewal fee schedule.") + `</w:p></w:tc></w:tr></w:tbl>`,
		genClause(genRun("<w:b/>", "Law."), genRun("", " New York law governs.")),
	}, "")
	orig := genDOCX(t, body, "")
	doc := parseDOCX(t, orig)
	clauseWith := func(s string) string {
		for _, c := range doc.Clauses {
			if strings.Contains(doc.Text(c.Span), s) {
				return c.ID
			}
		}
		t.Fatalf("no clause holds %q", s)
		return ""
	}
	span := func(from, to, insert string) playbook.TextEdit {
		id := clauseWith(from)
		text := doc.Text(doc.Clauses[r0(doc, id)].Span)
		i, j := strings.Index(text, from), strings.Index(text, to)+len(to)
		s, e := len([]rune(text[:i])), len([]rune(text[:j]))
		return playbook.TextEdit{Clause: id, Start: s, End: e, Delete: string([]rune(text)[s:e]), Insert: insert}
	}
	cases := []struct {
		name string
		edit playbook.TextEdit
		code string
	}{
		{"join three paragraphs", span("Neither party", "confidentiality.", "Each party's liability is capped at twice the fees paid in the preceding twelve months."), ""},
		{"join two paragraphs with a space", span("two years.", "Either", "two years. Either"), ""},
		{"new clause in the list", playbook.TextEdit{Clause: clauseWith("Payment."), NewClause: true, Insert: "Taxes. Fees exclude taxes.\nCustomer pays all sales taxes."}, ""},
		{"new clause after a table", playbook.TextEdit{Clause: clauseWith("Term."), NewClause: true, Insert: "Renewal. Renewal needs notice."}, ""},
		{"split a paragraph", span("Customer shall", "days.", "Customer shall pay.\nLate fees apply."), CodeParagraphs},
	}
	var edits []playbook.TextEdit
	for _, c := range cases {
		edits = append(edits, c.edit)
	}
	rep := fxReport(doc, edits, "")
	out, res, err := DOCX(doc, rep, Options{Author: "Playbook Bot", Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Change{}
	for _, ch := range append(append([]Change{}, res.Applied...), res.Refused...) {
		got[ch.Decision] = ch
	}
	for i, c := range cases {
		if ch := got[rep.Decisions[i].ID]; ch.Code != c.code {
			t.Errorf("%s: code %q (%s), want %q", c.name, ch.Code, ch.Reason, c.code)
		}
	}
	_, np, _ := rdZip(t, out)
	x := string(np["word/document.xml"])
	if n := strings.Count(x, `<w:rPr><w:del `); n != 4 {
		t.Errorf("%d deleted paragraph marks, want 4", n)
	}
	checkRedline(t, doc, orig, out, res, "Playbook Bot", true)
	accepted := strings.Join(rdParas(t, np["word/document.xml"], true), "\n")
	for _, want := range []string{"Limitation of Liability. Each party's liability is capped at twice the fees paid in the preceding twelve months.",
		"Term. This Agreement lasts two years. Either party may renew it by notice.", "Taxes. Fees exclude taxes.\nCustomer pays all sales taxes.\nLimitation", "Renewal fee schedule.\nRenewal. Renewal needs notice.\nLaw."} {
		if !strings.Contains(accepted, want) {
			t.Errorf("accepted text lacks %q:\n%s", want, accepted)
		}
	}
	if os.Getenv("REDLINE_KEEP") != "" {
		os.WriteFile(filepath.Join(os.Getenv("REDLINE_KEEP"), "paragraphs-redline.docx"), out, 0o644)
	}
	pandocCheck(t, orig, out, doc, res)
}

// r0 returns the index of clause id.
func r0(doc *extract.Document, id string) int {
	for i, c := range doc.Clauses {
		if c.ID == id {
			return i
		}
	}
	return -1
}

var rdSpacePunct = regexp.MustCompile(` ([.,;:)])`)

// rdUnspace removes the spaces before punctuation.
func rdUnspace(s string) string { return rdSpacePunct.ReplaceAllString(s, "$1") }

// rdNextBodyPara returns, when body paragraph o is inside a table or another
// container, the ordinal of the body paragraph that follows the container;
// -1 when o is a body paragraph.
func rdNextBodyPara(tb testing.TB, docXML []byte, o int) int {
	d := etree.NewDocument()
	if err := d.ReadFromBytes(docXML); err != nil {
		tb.Fatal(err)
	}
	var paras []*etree.Element
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		for _, c := range e.ChildElements() {
			if paLocal(c) == "p" {
				paras = append(paras, c)
			}
			walk(c)
		}
	}
	walk(d.Root())
	p := paras[o]
	if paLocal(p.Parent()) == "body" {
		return -1
	}
	for p.Parent() != nil && paLocal(p.Parent()) != "body" {
		p = p.Parent()
	}
	for _, t := range p.Parent().Child[p.Index()+1:] {
		q, ok := t.(*etree.Element)
		if !ok || paLocal(q) == "bookmarkStart" || paLocal(q) == "bookmarkEnd" || paLocal(q) == "proofErr" {
			continue
		}
		for i := range paras {
			if paras[i] == q {
				return i
			}
		}
		return -1
	}
	return -1
}
