package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTextAnchors checks that the byte offsets reported for a text document point
// at the clause's words in the file, across collapsed white space, tabs, NBSPs and
// soft hyphens.
func TestTextAnchors(t *testing.T) {
	src := "MASTER  AGREEMENT\r\n\r\n1. Services.\tThe Supplier shall\u00a0provide the Ser\u00advices.  1.1 Scope. The scope is in Schedule 1.\n\n2. Fees. The Customer shall pay the Fees.\n"
	doc, err := Parse(context.Background(), "a.txt", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := NewReport(doc)
	if len(r.Clauses) < 3 {
		t.Fatalf("got %d clauses: %+v", len(r.Clauses), r.Clauses)
	}
	norm := func(s string) string { return strings.Join(words(strings.ReplaceAll(s, "\u00ad", "")), " ") }
	for _, c := range r.Clauses {
		if c.Anchor.Start.Byte == nil || c.Anchor.End.Byte == nil {
			t.Fatalf("%s: no byte anchors", c.ID)
		}
		raw := src[*c.Anchor.Start.Byte:*c.Anchor.End.Byte]
		if norm(raw) != norm(c.Text) {
			t.Errorf("%s: source bytes %q do not hold the clause text %q", c.ID, raw, c.Text)
		}
	}
}

// TestDOCXAnchors checks that each DOCX clause's run anchors point at runs whose
// text starts and ends the clause.
func TestDOCXAnchors(t *testing.T) {
	doc, err := Parse(context.Background(), "sample.docx", buildDOCX(t, sampleMSA()), nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, doc); err != nil {
		t.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Clauses {
		a := c.Anchor
		if a.Part != "word/document.xml" || a.Start.Paragraph == nil || a.Start.Run == nil || a.End.Run == nil {
			t.Fatalf("%s: incomplete anchor %+v", c.ID, a)
		}
		b := doc.Blocks[a.Start.Block]
		if b.Anchor.Paragraph != *a.Start.Paragraph {
			t.Errorf("%s: paragraph %d, block says %d", c.ID, *a.Start.Paragraph, b.Anchor.Paragraph)
		}
		// the run that starts the clause holds its first bytes
		for _, rs := range b.Anchor.Runs {
			if rs.Run == *a.Start.Run && (a.Start.Offset < rs.Start || a.Start.Offset > rs.End) {
				t.Errorf("%s: start offset %d outside run %d [%d,%d)", c.ID, a.Start.Offset, rs.Run, rs.Start, rs.End)
			}
		}
	}
	// run-in headings are bold runs: clause 4.2 starts in run 0 ("Renewal.") and
	// its body is run 1
	for _, c := range r.Clauses {
		if c.Number == "4.2" {
			if *c.Anchor.Start.Run != 0 || *c.Anchor.End.Run != 1 || c.Heading != "Renewal" {
				t.Errorf("4.2: runs %d..%d heading %q", *c.Anchor.Start.Run, *c.Anchor.End.Run, c.Heading)
			}
		}
	}
}

// TestRawOffset maps offsets of normalised text back into raw lines with every kind
// of character normalisation drops or collapses.
func TestRawOffset(t *testing.T) {
	lines := []string{
		"1. Services.\u2060 The Supplier shall provide the Services. 2. Fees. Customer pays the fees.",
		"1. Services. The \x01 Supplier shall provide. 2. Fees. Customer pays the fees.",
		"\xEF\xBB\xBF  \xEF\xBB\xBF1. Services.\t\u00a0The Ser\u00advices \xff end.  ",
		"plain line with nothing to normalise",
		"  \u200b \u200c lead  and\u2003trail \u200d ",
	}
	for _, l := range lines {
		norm, _ := normaliseText([]byte(l), nil)
		for off := 0; off <= len(norm); off++ {
			if off < len(norm) && !utf8.RuneStart(norm[off]) {
				continue
			}
			raw := rawOffset([]byte(l), off)
			// the visible text before and after the mapped point must agree
			before, _ := normaliseText([]byte(l[:raw]), nil)
			after, _ := normaliseText([]byte(l[raw:]), nil)
			if strings.TrimSpace(norm[:off]) != before || strings.TrimSpace(norm[off:]) != after {
				t.Errorf("%q: offset %d -> raw %d splits into %q | %q, want %q | %q", l, off, raw, before, after, norm[:off], norm[off:])
			}
		}
	}
}

// TestPDFLineAnchors checks that a clause starting inside a multi-line PDF
// paragraph is anchored on the line where its first word is printed, not on the
// paragraph's first line (pdftotext -raw prints the same lines 31 and 32 of page 13).
func TestPDFLineAnchors(t *testing.T) {
	needCorpus(t)
	path := corpusDir + "/pdf/cuad/AIRTECHINTERNATIONALGROUPINC_05_08_2000-EX-10.4-FRANCHISE AGREEMENT.pdf"
	doc, err := ParseFile(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	// each item appears twice on the page, in clauses on lines 31-32 and 44-45
	want := map[string][][2]int{
		"(1) FOR MONEYS":     {{13, 31}, {13, 44}},
		"(2) FOR INJUNCTIVE": {{13, 32}, {13, 44}},
		"(3) INVOLVING":      {{13, 32}, {13, 45}},
	}
	seen := map[string]int{}
	for _, c := range NewReport(doc).Clauses {
		for prefix, pls := range want {
			if !strings.HasPrefix(c.Text, prefix) {
				continue
			}
			if i := seen[prefix]; i < len(pls) {
				if pl := pls[i]; *c.Anchor.Start.Page != pl[0] || *c.Anchor.Start.Line != pl[1] {
					t.Errorf("%s %q starts at page %d line %d, want %d:%d", c.ID, prefix, *c.Anchor.Start.Page, *c.Anchor.Start.Line, pl[0], pl[1])
				}
			}
			seen[prefix]++
		}
	}
	for prefix, pls := range want {
		if seen[prefix] != len(pls) {
			t.Errorf("%q starts %d clauses, want %d", prefix, seen[prefix], len(pls))
		}
	}
}

// TestEvidenceOffsets quotes type evidence with code-point offsets into the clause
// text, also when the evidence sits in a later block of a multi-block clause.
func TestEvidenceOffsets(t *testing.T) {
	b1 := "Ce contrat est régi par le droit français. Fin."
	law := len("Ce contrat est régi par le droit français.")
	doc := &Document{
		Format: FormatText,
		Blocks: []Block{{Text: "9. Général."}, {Text: b1}},
		Clauses: []Clause{{
			ID: "c1", Level: 1, Kind: KindClause,
			Span: Span{Start: Position{0, 0}, End: Position{1, len(b1)}},
			Types: []TypeTag{
				{Type: "governing_law", Evidence: Span{Start: Position{1, 0}, End: Position{1, law}}},
				{Type: "notices", Evidence: Span{Start: Position{0, 3}, End: Position{0, len("9. Général.")}}},
			},
		}},
	}
	rc := NewReport(doc).Clauses[0]
	if rc.Text != "9. Général.\nCe contrat est régi par le droit français. Fin." {
		t.Fatalf("text %q", rc.Text)
	}
	want := []Evidence{
		{Text: "Ce contrat est régi par le droit français.", Start: 12, End: 54}, // after "9. Général.\n"
		{Text: "Général.", Start: 3, End: 11},
	}
	for i, w := range want {
		if got := rc.Types[i].Evidence; got != w {
			t.Errorf("evidence %d = %+v, want %+v", i, got, w)
		}
		r := []rune(rc.Text)
		if got := string(r[w.Start:w.End]); got != w.Text {
			t.Errorf("code points %d..%d hold %q, want %q", w.Start, w.End, got, w.Text)
		}
	}
}
