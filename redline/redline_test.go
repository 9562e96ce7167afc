package redline

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

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
// the original's accepted view with the edited blocks rewritten.
func expectAccepted(tb testing.TB, doc *extract.Document, orig []byte, res *Result) []string {
	tb.Helper()
	_, parts, _ := rdZip(tb, orig)
	want := rdParas(tb, parts["word/document.xml"], true)
	r := &rlRun{doc: doc}
	type ed struct {
		from, to int
		ins      string
	}
	byBlock := map[int][]ed{}
	for _, ch := range res.Applied {
		var ci int
		for i, c := range doc.Clauses {
			if c.ID == ch.Clause {
				ci = i
			}
		}
		e := ch.Edit
		for _, sg := range r.segments(doc.Clauses[ci].Span) {
			if sg.start <= e.Start && e.End <= sg.end {
				t := doc.Blocks[sg.block].Text
				base := len([]rune(t[:sg.from]))
				rs := []rune(t)
				from := len(string(rs[:base+e.Start-sg.start]))
				to := len(string(rs[:base+e.End-sg.start]))
				byBlock[sg.block] = append(byBlock[sg.block], ed{from, to, e.Insert})
				break
			}
		}
	}
	for bi, eds := range byBlock {
		sort.Slice(eds, func(i, j int) bool { return eds[i].from > eds[j].from })
		t := doc.Blocks[bi].Text
		for _, e := range eds {
			t = t[:e.from] + e.ins + t[e.to:]
		}
		want[doc.Blocks[bi].Anchor.Paragraph] = rdNorm(t)
	}
	return want
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
	if ch := byDecision[rep.Decisions[len(cases)].ID]; ch.Code != CodeNotSupported {
		t.Errorf("new clause: code %q, want %q", ch.Code, CodeNotSupported)
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
		for _, f := range strings.Fields(string(b)) {
			if strings.Trim(f, "-+|=:") != "" {
				words = append(words, f)
			}
		}
		return strings.Join(words, " ")
	}
	if a, b := run(out, "reject"), run(orig, "reject"); a != b {
		tb.Errorf("pandoc: rejecting every change differs from the original %s", rdFirstDiff(a, b))
	}
	got, want := run(out, "accept"), run(orig, "accept")
	// Rewrite the original's accepted text block by block as intended.
	exp := expectAccepted(tb, doc, orig, res)
	_, op, _ := rdZip(tb, orig)
	old := rdParas(tb, op["word/document.xml"], true)
	for i := range old {
		if old[i] != exp[i] {
			if strings.Count(want, old[i]) != 1 {
				tb.Logf("pandoc: paragraph %d not found once in pandoc's text; not compared", i)
				return
			}
			want = strings.Replace(want, old[i], exp[i], 1)
		}
	}
	if got != want {
		tb.Errorf("pandoc: accepting every change differs from the intended text %s", rdFirstDiff(got, want))
	}
}
