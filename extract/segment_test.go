package extract

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "update golden files")

var dumpSegment = flag.String("segment-dump", "", "print the clauses of this contract file, .txt, .docx or .pdf (debugging)")

// segmentText runs textBlocks and segment over a plain-text contract.
func segmentText(text string) *Document {
	doc := &Document{Format: FormatText, Blocks: textBlocks([]byte(text), 0)}
	segment(doc)
	return doc
}

// outline writes one line per clause: id, level, parent, kind, number, heading
// and the first n bytes of its text.
func outline(doc *Document, n int) []string {
	var lines []string
	for _, c := range doc.Clauses {
		parent := c.Parent
		if parent == "" {
			parent = "-"
		}
		text := strings.TrimRight(strings.ReplaceAll(doc.Text(c.Span), "\n", " / "), " ")
		if len(text) > n {
			for n > 0 && !utf8.RuneStart(text[n]) {
				n--
			}
			text = text[:n] + "…"
		}
		lines = append(lines, fmt.Sprintf("%s L%d %s %s %q %q | %s", c.ID, c.Level, parent, c.Kind, c.Number, c.Heading, text))
	}
	return lines
}

// checkClauses verifies the segmentation invariants: ids in order, levels and
// parents consistent, and clauses tiling the blocks (every byte of every block in
// exactly one clause, in order).
func checkClauses(tb testing.TB, doc *Document) {
	tb.Helper()
	if len(doc.Blocks) == 0 {
		if len(doc.Clauses) != 0 {
			tb.Fatalf("%d clauses for no blocks", len(doc.Clauses))
		}
		return
	}
	if len(doc.Clauses) == 0 {
		tb.Fatalf("no clauses for %d blocks", len(doc.Blocks))
	}
	index := map[string]int{}
	next := Position{}
	for i, c := range doc.Clauses {
		if want := fmt.Sprintf("c%d", i+1); c.ID != want {
			tb.Fatalf("clause %d has id %q, want %q", i, c.ID, want)
		}
		index[c.ID] = i
		if c.Level < 1 {
			tb.Fatalf("%s: level %d", c.ID, c.Level)
		}
		if c.Parent == "" {
			if c.Level != 1 {
				tb.Fatalf("%s: level %d without parent", c.ID, c.Level)
			}
		} else {
			p, ok := index[c.Parent]
			if !ok || p >= i {
				tb.Fatalf("%s: parent %q is not an earlier clause", c.ID, c.Parent)
			}
			if pl := doc.Clauses[p].Level; c.Level != pl+1 {
				tb.Fatalf("%s: level %d under %s at level %d", c.ID, c.Level, c.Parent, pl)
			}
		}
		if c.Span.Start != next {
			tb.Fatalf("%s starts at %+v, want %+v (previous clause ends at %+v)", c.ID, c.Span.Start, next, prevEnd(doc, i))
		}
		s, e := c.Span.Start, c.Span.End
		if e.Block < s.Block || e.Block >= len(doc.Blocks) || (e.Block == s.Block && e.Offset < s.Offset) {
			tb.Fatalf("%s: bad span %+v", c.ID, c.Span)
		}
		if e.Offset > len(doc.Blocks[e.Block].Text) || s.Offset > len(doc.Blocks[s.Block].Text) {
			tb.Fatalf("%s: span %+v beyond block text", c.ID, c.Span)
		}
		if !utf8.RuneStart(at(doc.Blocks[s.Block].Text, s.Offset)) || !utf8.RuneStart(at(doc.Blocks[e.Block].Text, e.Offset)) {
			tb.Fatalf("%s: span %+v splits a character", c.ID, c.Span)
		}
		if e.Offset == len(doc.Blocks[e.Block].Text) {
			next = Position{Block: e.Block + 1}
		} else {
			next = e
			if e.Offset == 0 && e.Block > s.Block {
				tb.Fatalf("%s: ends at the start of block %d", c.ID, e.Block)
			}
		}
	}
	if next.Block != len(doc.Blocks) || next.Offset != 0 {
		tb.Fatalf("clauses end at %+v, blocks end at block %d", next, len(doc.Blocks))
	}
	// The clause texts put back together are the block texts.
	var got, want strings.Builder
	for _, c := range doc.Clauses {
		for b := c.Span.Start.Block; b <= c.Span.End.Block; b++ {
			t := doc.Blocks[b].Text
			from, to := 0, len(t)
			if b == c.Span.Start.Block {
				from = c.Span.Start.Offset
			}
			if b == c.Span.End.Block {
				to = c.Span.End.Offset
			}
			if from == 0 && b > 0 {
				got.WriteByte('\n')
			}
			got.WriteString(t[from:to])
		}
	}
	for i, b := range doc.Blocks {
		if i > 0 {
			want.WriteByte('\n')
		}
		want.WriteString(b.Text)
	}
	if got.String() != want.String() {
		tb.Fatalf("clause texts do not add up to the document text")
	}
}

func at(s string, i int) byte {
	if i >= len(s) {
		return 0
	}
	return s[i]
}

func prevEnd(doc *Document, i int) Position {
	if i == 0 {
		return Position{}
	}
	return doc.Clauses[i-1].Span.End
}

func TestSegment(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "one line with nested numbering and run-in headings",
			text: `MASTER SERVICES AGREEMENT The Parties hereby agree as follows: 1. Services. 1.1 Provision of Services. ` +
				`(a) Provider agrees to provide the Services. (b) Recipient may request changes. 1.2 Standard of Service. ` +
				`(a) Provider represents that it is qualified. 2. Term. This Agreement starts today.`,
			want: []string{
				`c1 L1 - title "" "" | MASTER SERVICES AGREEMENT`,
				`c2 L1 - preamble "" "" | The Parties hereby agree as fo…`,
				`c3 L1 - clause "1." "Services" | 1. Services.`,
				`c4 L2 c3 clause "1.1" "Provision of Services" | 1.1 Provision of Services.`,
				`c5 L3 c4 clause "(a)" "" | (a) Provider agrees to provide…`,
				`c6 L3 c4 clause "(b)" "" | (b) Recipient may request chan…`,
				`c7 L2 c3 clause "1.2" "Standard of Service" | 1.2 Standard of Service.`,
				`c8 L3 c7 clause "(a)" "" | (a) Provider represents that i…`,
				`c9 L1 - clause "2." "Term" | 2. Term. This Agreement starts…`,
			},
		},
		{
			name: "cross references and numbers in sentences do not split",
			text: "1. Fees. Fees are as set out in Section 5.2 of this Agreement. Fees are payable pursuant to Sections 1.5 - 1.8 below. " +
				"Paragraphs (a) and (b) being void, the Customer shall pay within 30 days. The price is $1.5 million. The order dated 1.1.2020 stands. " +
				"See clause 3. 2. Payment. The Customer shall pay.",
			want: []string{
				`c1 L1 - clause "1." "Fees" | 1. Fees. Fees are as set out i…`,
				`c2 L1 - clause "2." "Payment" | 2. Payment. The Customer shall…`,
			},
		},
		{
			name: "labels out of sequence do not split inside a block",
			text: "1. Scope. The scope is wide. 7. The Supplier shall refer to this later. (c) The note. 2. Price. Low.",
			want: []string{
				`c1 L1 - clause "1." "Scope" | 1. Scope. The scope is wide. 7…`,
				`c2 L1 - clause "2." "Price" | 2. Price. Low.`,
			},
		},
		{
			name: "(i) after (h) is a letter, (i) with (ii) after it a numeral",
			text: "1. Terms. (a) One. (b) Two. (c) Three. (d) Four. (e) Five. (f) Six. (g) Seven. (h) Eight: (i) Nine. (j) Ten. " +
				"2. More. (a) The following: (i) First. (ii) Second. (b) Next.",
			want: []string{
				`c1 L1 - clause "1." "Terms" | 1. Terms.`,
				`c2 L2 c1 clause "(a)" "One" | (a) One.`,
				`c3 L2 c1 clause "(b)" "Two" | (b) Two.`,
				`c4 L2 c1 clause "(c)" "Three" | (c) Three.`,
				`c5 L2 c1 clause "(d)" "Four" | (d) Four.`,
				`c6 L2 c1 clause "(e)" "Five" | (e) Five.`,
				`c7 L2 c1 clause "(f)" "Six" | (f) Six.`,
				`c8 L2 c1 clause "(g)" "Seven" | (g) Seven.`,
				`c9 L2 c1 clause "(h)" "Eight" | (h) Eight:`,
				`c10 L2 c1 clause "(i)" "Nine" | (i) Nine.`,
				`c11 L2 c1 clause "(j)" "Ten" | (j) Ten.`,
				`c12 L1 - clause "2." "More" | 2. More.`,
				`c13 L2 c12 clause "(a)" "" | (a) The following:`,
				`c14 L3 c13 clause "(i)" "First" | (i) First.`,
				`c15 L3 c13 clause "(ii)" "Second" | (ii) Second.`,
				`c16 L2 c12 clause "(b)" "Next" | (b) Next.`,
			},
		},
		{
			name: "articles, sections and a heading on the next line",
			text: "ARTICLE I\nDEFINITIONS\nSection 1.1 Defined Terms. Terms have meanings.\nSection 1.2 Construction. Words are words.\n" +
				"ARTICLE II TERM\nSection 2.1 Initial Term. Two years.\n(a) The Term may be extended.\n",
			want: []string{
				`c1 L1 - definitions "ARTICLE I" "DEFINITIONS" | ARTICLE I / DEFINITIONS`,
				`c2 L2 c1 definitions "1.1" "Defined Terms" | Section 1.1 Defined Terms. Ter…`,
				`c3 L2 c1 definitions "1.2" "Construction" | Section 1.2 Construction. Word…`,
				`c4 L1 - clause "ARTICLE II" "TERM" | ARTICLE II TERM`,
				`c5 L2 c4 clause "2.1" "Initial Term" | Section 2.1 Initial Term. Two …`,
				`c6 L3 c5 clause "(a)" "" | (a) The Term may be extended.`,
			},
		},
		{
			name: "label forms",
			text: "§ 1 Scope. In scope.\n2. Second. Text.\n2.1 Sub. Text.\n2.1.1 Deeper. Text.\n2.1(a) Compound. Text.\n" +
				"A. Upper letter. Text.\nB. Next letter. Text.\nI. Roman. Text.\nII. Roman two. Text.\n" +
				"a. Lower. Text.\ni. Lower roman. Text.\n(A) Paren upper. Text.\n(1) Paren number. Text.\n" +
				"Article 4 Fourth. Text.\nSECTION 5. Fifth. Text.\n",
			want: []string{
				`c1 L1 - clause "1" "Scope" | § 1 Scope. In scope.`,
				`c2 L1 - clause "2." "Second" | 2. Second. Text.`,
				`c3 L2 c2 clause "2.1" "Sub" | 2.1 Sub. Text.`,
				`c4 L3 c3 clause "2.1.1" "Deeper" | 2.1.1 Deeper. Text.`,
				`c5 L4 c4 clause "2.1(a)" "Compound" | 2.1(a) Compound. Text.`,
				`c6 L5 c5 clause "A." "Upper letter" | A. Upper letter. Text.`,
				`c7 L5 c5 clause "B." "Next letter" | B. Next letter. Text.`,
				`c8 L6 c7 clause "I." "Roman" | I. Roman. Text.`,
				`c9 L6 c7 clause "II." "Roman two" | II. Roman two. Text.`,
				`c10 L7 c9 clause "a." "Lower" | a. Lower. Text.`,
				`c11 L8 c10 clause "i." "Lower roman" | i. Lower roman. Text.`,
				`c12 L9 c11 clause "(A)" "Paren upper" | (A) Paren upper. Text.`,
				`c13 L10 c12 clause "(1)" "Paren number" | (1) Paren number. Text.`,
				`c14 L1 - clause "Article 4" "Fourth" | Article 4 Fourth. Text.`,
				`c15 L2 c14 clause "5." "Fifth" | SECTION 5. Fifth. Text.`,
			},
		},
		{
			name: "title, preamble, recitals, definitions, signature, exhibit restarting numbering",
			text: "Exhibit 10.1\nSUPPLY AGREEMENT\n" +
				"This Supply Agreement is made on 1 May 2020 between Acme Inc. (\"Acme\") and Beta LLC (\"Beta\").\n" +
				"RECITALS\nA. Acme makes widgets.\nB. Beta wishes to buy widgets.\n" +
				"NOW, THEREFORE, the parties agree as follows:\n" +
				"1. Definitions. In this Agreement:\n1.1 \"Widget\" means a widget.\n2. Supply. Acme shall supply Widgets.\n" +
				"IN WITNESS WHEREOF, the parties have signed this Agreement.\nACME INC.\nBy: ______\nName: A. Smith\nTitle: CEO\n" +
				"EXHIBIT A\nSPECIFICATIONS\n1. Size. Widgets are small.\n2. Colour. Widgets are red.\n",
			want: []string{
				`c1 L1 - title "" "" | Exhibit 10.1 / SUPPLY AGREEMEN…`,
				`c2 L1 - preamble "" "" | This Supply Agreement is made …`,
				`c3 L1 - recitals "" "RECITALS" | RECITALS`,
				`c4 L2 c3 recitals "A." "" | A. Acme makes widgets.`,
				`c5 L2 c3 recitals "B." "" | B. Beta wishes to buy widgets.…`,
				`c6 L1 - definitions "1." "Definitions" | 1. Definitions. In this Agreem…`,
				`c7 L2 c6 definitions "1.1" "" | 1.1 "Widget" means a widget.`,
				`c8 L1 - clause "2." "Supply" | 2. Supply. Acme shall supply W…`,
				`c9 L1 - signature "" "" | IN WITNESS WHEREOF, the partie…`,
				`c10 L1 - exhibit "" "EXHIBIT A - SPECIFICATIONS" | EXHIBIT A / SPECIFICATIONS`,
				`c11 L2 c10 clause "1." "Size" | 1. Size. Widgets are small.`,
				`c12 L2 c10 clause "2." "Colour" | 2. Colour. Widgets are red.`,
			},
		},
		{
			name: "whereas recitals in one line",
			text: "AGREEMENT This Agreement is made between A and B. WHEREAS, A sells goods; and WHEREAS, B buys goods. " +
				"WHEREAS, both agree. NOW, THEREFORE, the parties agree as follows: 1. Sale. A sells. 2. Price. B pays.",
			want: []string{
				`c1 L1 - title "" "" | AGREEMENT`,
				`c2 L1 - preamble "" "" | This Agreement is made between…`,
				`c3 L1 - recitals "" "" | WHEREAS, A sells goods; and WH…`,
				`c4 L1 - recitals "" "" | WHEREAS, both agree. NOW, THER…`,
				`c5 L1 - clause "1." "Sale" | 1. Sale. A sells.`,
				`c6 L1 - clause "2." "Price" | 2. Price. B pays.`,
			},
		},
		{
			name: "all-caps heading lines and paragraphs under them",
			text: "LICENSE AGREEMENT\nThis License Agreement is made between Licensor and Licensee.\n" +
				"GRANT OF LICENSE\nLicensor grants Licensee a licence to use the Software.\nThe licence is not exclusive.\n" +
				"TERM AND TERMINATION\nThis Agreement lasts one year.\n",
			want: []string{
				`c1 L1 - title "" "" | LICENSE AGREEMENT`,
				`c2 L1 - preamble "" "" | This License Agreement is made…`,
				`c3 L1 - clause "" "GRANT OF LICENSE" | GRANT OF LICENSE`,
				`c4 L2 c3 clause "" "" | Licensor grants Licensee a lic…`,
				`c5 L2 c3 clause "" "" | The licence is not exclusive.`,
				`c6 L1 - clause "" "TERM AND TERMINATION" | TERM AND TERMINATION`,
				`c7 L2 c6 clause "" "" | This Agreement lasts one year.`,
			},
		},
		{
			name: "heading without punctuation before a sub-label, caps run-in headings",
			text: "1. Subject and Scope of Agreement 1.1 The Supplier supplies. 1.2 The Buyer buys. " +
				"2. PAYMENT TERMS. Invoices are due monthly.",
			want: []string{
				`c1 L1 - clause "1." "Subject and Scope of Agreement" | 1. Subject and Scope of Agreem…`,
				`c2 L2 c1 clause "1.1" "" | 1.1 The Supplier supplies.`,
				`c3 L2 c1 clause "1.2" "" | 1.2 The Buyer buys.`,
				`c4 L1 - clause "2." "PAYMENT TERMS" | 2. PAYMENT TERMS. Invoices are…`,
			},
		},
		{
			name: "unnumbered document with run-in headings in one line",
			text: "SERVICES: Kubient shall provide services. FEES: Customer shall pay fees monthly. NON-SOLICITATION: Neither party shall solicit.",
			want: []string{
				`c1 L1 - clause "" "SERVICES" | SERVICES: Kubient shall provid…`,
				`c2 L1 - clause "" "FEES" | FEES: Customer shall pay fees …`,
				`c3 L1 - clause "" "NON-SOLICITATION" | NON-SOLICITATION: Neither part…`,
			},
		},
		{
			name: "unnumbered paragraphs",
			text: "The undersigned agree to file jointly.\nEach party is responsible for its own filings.\nThis may be signed in counterparts.\n",
			want: []string{
				`c1 L1 - clause "" "" | The undersigned agree to file …`,
				`c2 L1 - clause "" "" | Each party is responsible for …`,
				`c3 L1 - clause "" "" | This may be signed in counterp…`,
			},
		},
		{
			name: "table of contents stays in the title",
			text: "DISTRIBUTION AGREEMENT\nTABLE OF CONTENTS\n1. Definitions .......... 1\n2. Appointment .......... 3\n" +
				"This Distribution Agreement is entered into between X and Y.\n1. Definitions. Words.\n2. Appointment. X appoints Y.\n",
			want: []string{
				`c1 L1 - title "" "" | DISTRIBUTION AGREEMENT / TABLE…`,
				`c2 L1 - preamble "" "" | This Distribution Agreement is…`,
				`c3 L1 - definitions "1." "Definitions" | 1. Definitions. Words.`,
				`c4 L1 - clause "2." "Appointment" | 2. Appointment. X appoints Y.`,
			},
		},
		{
			name: "signature page first, then the terms",
			text: "AGREEMENT\nIN WITNESS WHEREOF the parties sign.\nBy: ____\nName: X\n" +
				"TERMS AND CONDITIONS\n1. Scope. The Supplier shall supply the goods described in the order form.\n",
			want: []string{
				`c1 L1 - title "" "" | AGREEMENT`,
				`c2 L1 - signature "" "" | IN WITNESS WHEREOF the parties…`,
				`c3 L1 - clause "" "TERMS AND CONDITIONS" | TERMS AND CONDITIONS`,
				`c4 L2 c3 clause "1." "Scope" | 1. Scope. The Supplier shall s…`,
			},
		},
		{
			name: "lower-case list items split only at the start of a line",
			text: "1. Covenants. The Company shall: (a) keep books; (b) pay taxes; and\n(c) file returns on time.\n(d) The Company may borrow.\n",
			want: []string{
				`c1 L1 - clause "1." "Covenants" | 1. Covenants. The Company shal…`,
				`c2 L2 c1 clause "(c)" "" | (c) file returns on time.`,
				`c3 L2 c1 clause "(d)" "" | (d) The Company may borrow.`,
			},
		},
		{
			name: "decimal numbering with N.0 headings and sections continuing under articles",
			text: "1.0 INTRODUCTION This Agreement covers hosting. 2.0 DEFINITIONS \"Server\" means a computer. 2.1 Other terms. Words.",
			want: []string{
				`c1 L1 - clause "1.0" "INTRODUCTION" | 1.0 INTRODUCTION This Agreemen…`,
				`c2 L1 - definitions "2.0" "DEFINITIONS" | 2.0 DEFINITIONS "Server" means…`,
				`c3 L2 c2 definitions "2.1" "Other terms" | 2.1 Other terms. Words.`,
			},
		},
		{
			name: "definition paragraphs, bullets and page numbers",
			text: "1. DEFINITIONS\n\"Affiliate\" means any entity that controls a party.\n\"Business Day\" or \"Day\" means a weekday.\n7\n" +
				"2. SERVICES\nThe Supplier shall provide:\n• hosting of the platform;\n• Support during business hours.\n- 8 -\n3. FEES\nFees are monthly.\n",
			want: []string{
				`c1 L1 - definitions "1." "DEFINITIONS" | 1. DEFINITIONS`,
				`c2 L2 c1 definitions "" "Affiliate" | "Affiliate" means any entity t…`,
				`c3 L2 c1 definitions "" "Business Day" | "Business Day" or "Day" means …`,
				`c4 L1 - clause "2." "SERVICES" | 2. SERVICES / The Supplier sha…`,
				`c5 L2 c4 clause "•" "" | • hosting of the platform;`,
				`c6 L2 c4 clause "•" "" | • Support during business ho…`,
				`c7 L1 - clause "3." "FEES" | 3. FEES / Fees are monthly.`,
			},
		},
		{
			name: "enumeration restarting at 1. inside a lettered item",
			text: "5. Duties\n5.01. You shall:\nA. Keep books.\nB. If You are a corporation, comply with the following:\n" +
				"1. You will provide your articles of incorporation to the Company.\n2. Every share certificate will bear a legend.\n6. Term\n6.01. The term is ten years.\n",
			want: []string{
				`c1 L1 - clause "5." "Duties" | 5. Duties`,
				`c2 L2 c1 clause "5.01." "" | 5.01. You shall:`,
				`c3 L3 c2 clause "A." "" | A. Keep books.`,
				`c4 L3 c2 clause "B." "" | B. If You are a corporation, c…`,
				`c5 L4 c4 clause "1." "" | 1. You will provide your artic…`,
				`c6 L4 c4 clause "2." "" | 2. Every share certificate wil…`,
				`c7 L1 - clause "6." "Term" | 6. Term`,
				`c8 L2 c7 clause "6.01." "" | 6.01. The term is ten years.`,
			},
		},
		{
			name: "label spellings: no space after a parenthesis or period, space before a period, letter sections, Item",
			text: "(A)The first recital.\n1. Scope.\n2 . Price. The price is fixed.\n3. Franchise.\n3.A. GRANT. Words.\n3.B. TERRITORY. Words.\n" +
				"Item Four Term The term is one year.\na.As of the date the Agreement ends.\n",
			want: []string{
				`c1 L1 - clause "(A)" "" | (A)The first recital.`,
				`c2 L1 - clause "1." "Scope" | 1. Scope.`,
				`c3 L1 - clause "2." "Price" | 2 . Price. The price is fixed.`,
				`c4 L1 - clause "3." "Franchise" | 3. Franchise.`,
				`c5 L2 c4 clause "3.A." "GRANT" | 3.A. GRANT. Words.`,
				`c6 L2 c4 clause "3.B." "TERRITORY" | 3.B. TERRITORY. Words.`,
				`c7 L1 - clause "Item Four" "Term" | Item Four Term The term is one…`,
				`c8 L2 c7 clause "a." "" | a.As of the date the Agreement…`,
			},
		},
		{
			name: "the filing's exhibit label is not an exhibit",
			text: "1. Scope. All of it.\nExhibit 10.1\n2. Price. Low.\nEXHIBIT B\nPRICE LIST\n1. Widgets. Cheap.\n",
			want: []string{
				`c1 L1 - clause "1." "Scope" | 1. Scope. All of it. / Exhibit…`,
				`c2 L1 - clause "2." "Price" | 2. Price. Low.`,
				`c3 L1 - exhibit "" "EXHIBIT B - PRICE LIST" | EXHIBIT B / PRICE LIST`,
				`c4 L2 c3 clause "1." "Widgets" | 1. Widgets. Cheap.`,
			},
		},
		{
			name: "quoted and unquoted replacement text is a clause under the amending item",
			text: "1. Term. The term is one year.\n" +
				"2. Section 5.2 is hereby amended to read as follows: \"5.2 Fees. Fees are due monthly.\" 3. Section 6.1 is deleted and replaced by the following: 6.1 Notices. Notices are written.\n" +
				"4. Section 7 is amended as follows:\n" +
				"\"7.1 Audit. The Customer may audit the Supplier once a year.\n" +
				"7.2 Records. The Supplier keeps records for seven years.\"\n" +
				"5. Counterparts. This Amendment may be signed in counterparts.\n",
			want: []string{
				`c1 L1 - clause "1." "Term" | 1. Term. The term is one year.`,
				`c2 L1 - clause "2." "" | 2. Section 5.2 is hereby amend…`,
				`c3 L2 c2 clause "5.2" "Fees" | "5.2 Fees. Fees are due monthl…`,
				`c4 L1 - clause "3." "" | 3. Section 6.1 is deleted and …`,
				`c5 L2 c4 clause "6.1" "Notices" | 6.1 Notices. Notices are writt…`,
				`c6 L1 - clause "4." "" | 4. Section 7 is amended as fol…`,
				`c7 L2 c6 clause "7.1" "Audit" | "7.1 Audit. The Customer may a…`,
				`c8 L2 c6 clause "7.2" "Records" | 7.2 Records. The Supplier keep…`,
				`c9 L1 - clause "5." "Counterparts" | 5. Counterparts. This Amendmen…`,
			},
		},
		{
			name: "unnumbered closing paragraphs after the last numbered clause",
			text: "1. Term. The term is one year.\n2. Price. The price is fixed.\n" +
				"The Supplier shall invoice the Customer at the end of each month for the fixed price.\n" +
				"3. Law. The laws of New York govern this Agreement.\n" +
				"Except as herein expressly amended, the Agreement in all other respects is ratified and continues in full force.\n" +
				"IN WITNESS WHEREOF the parties sign.\nBy: ____\n",
			want: []string{
				`c1 L1 - clause "1." "Term" | 1. Term. The term is one year.`,
				`c2 L1 - clause "2." "Price" | 2. Price. The price is fixed. …`,
				`c3 L1 - clause "3." "Law" | 3. Law. The laws of New York g…`,
				`c4 L1 - clause "" "" | Except as herein expressly ame…`,
				`c5 L1 - signature "" "" | IN WITNESS WHEREOF the parties…`,
			},
		},
		{
			name: "a long paragraph's list of long items splits, a short list stays in its sentence",
			text: "1. Scope. The Supplier shall deliver (a) widgets and (b) gadgets on time.\n" +
				"2. Services. The services provided by the Supplier during the term of this Agreement shall include " +
				"(1) standard maintenance upgrades and modifications offered by the Supplier to its customers generally, including the changes needed to comply with industry and regulatory requirements of which it is notified, " +
				"(2) call-in support between the hours of 6:30 a.m. and 6:30 p.m. Eastern Time from Monday through Friday of every week, excluding public holidays, " +
				"(3) in the event of material discrepancies between the services as provided and their specifications, reasonable efforts (in relation to their importance, impact and the scheduled development plans) to correct those discrepancies, and " +
				"(4) availability of the basic services with at least 99% uptime in every calendar month, exclusive of outages caused by off-peak prescheduled maintenance or by causes beyond the reasonable control of the Supplier.\n" +
				"3. Term. The term of this Agreement is one (1) year from the date of signature.\n",
			want: []string{
				`c1 L1 - clause "1." "Scope" | 1. Scope. The Supplier shall d…`,
				`c2 L1 - clause "2." "Services" | 2. Services. The services prov…`,
				`c3 L2 c2 clause "(1)" "" | (1) standard maintenance upgra…`,
				`c4 L2 c2 clause "(2)" "" | (2) call-in support between th…`,
				`c5 L2 c2 clause "(3)" "" | (3) in the event of material d…`,
				`c6 L2 c2 clause "(4)" "" | (4) availability of the basic …`,
				`c7 L1 - clause "3." "Term" | 3. Term. The term of this Agre…`,
			},
		},
		{
			name: "a number after a word is not a label: Obligation 2., Pricing Schedule 2., under Article 2",
			text: "1. Article heading number 1\n\n1.1 Obligation 1. The Supplier shall perform the work.\n\n" +
				"1.2 Obligation 2. The Supplier shall perform the work.\n\n" +
				"1.3 Obligation 3. The Supplier shall deliver as set out in the Pricing Schedule 2. The Customer shall pay.\n\n" +
				"2. Fees\n\n2.1 Payment. The Customer shall pay under Article 2 The Supplier invoices.\n",
			want: []string{
				`c1 L1 - clause "1." "Article heading number 1" | 1. Article heading number 1`,
				`c2 L2 c1 clause "1.1" "Obligation 1" | 1.1 Obligation 1. The Supplier…`,
				`c3 L2 c1 clause "1.2" "Obligation 2" | 1.2 Obligation 2. The Supplier…`,
				`c4 L2 c1 clause "1.3" "Obligation 3" | 1.3 Obligation 3. The Supplier…`,
				`c5 L1 - clause "2." "Fees" | 2. Fees`,
				`c6 L2 c5 clause "2.1" "Payment" | 2.1 Payment. The Customer shal…`,
			},
		},
		{
			name: "a number after a run-in heading in one line is not a label, run-in labels still split",
			text: "1. Services. 1.1 Provision of Services. (a) Provider agrees to provide. 1.2 Obligation 2. The Supplier works. " +
				"2. Fees. The Customer pays. Pricing Schedule 3. The price is low. 3. Term. One year.",
			want: []string{
				`c1 L1 - clause "1." "Services" | 1. Services.`,
				`c2 L2 c1 clause "1.1" "Provision of Services" | 1.1 Provision of Services.`,
				`c3 L3 c2 clause "(a)" "" | (a) Provider agrees to provide…`,
				`c4 L2 c1 clause "1.2" "Obligation 2" | 1.2 Obligation 2. The Supplier…`,
				`c5 L1 - clause "2." "Fees" | 2. Fees. The Customer pays. Pr…`,
				`c6 L1 - clause "3." "Term" | 3. Term. One year.`,
			},
		},
		{
			name: "signature blocks of several parties, each a party name over By:",
			text: "1. Term. This Agreement lasts one year.\n\nIN WITNESS WHEREOF, the parties have executed this Agreement.\n\n" +
				"ALPHA JOSHUA, INC., a California corporation\n\nBy: ________ Name: Geoffrey Hawkes Title: President\n\n" +
				"BETA WILLOW, INC., a California corporation\n\nBy: ________ Name: Geoffrey Hawkes Title: President\n\n" +
				"[PARTNER NAME]\n\nBy: ________\n\nName:\n\nTitle:\n",
			want: []string{
				`c1 L1 - clause "1." "Term" | 1. Term. This Agreement lasts …`,
				`c2 L1 - signature "" "" | IN WITNESS WHEREOF, the partie…`,
				`c3 L1 - signature "" "" | BETA WILLOW, INC., a Californi…`,
				`c4 L1 - signature "" "" | [PARTNER NAME] / By: ________ …`,
			},
		},
		{
			name: "an appendix heading in running text after the last numbered clause, not a reference",
			text: "1. Terms. The terms are as set out in Appendix A. Appendix B lists the fees. The Appendix Of Terms applies. " +
				"2. Law. Schedule 3 of the Agreement applies. Delaware law governs. Accept. Appendix List of Restricted Trademark Terms " +
				"Partner Restricted Trademark Terms Chase Brand Add Chase as a negative Keyword.",
			want: []string{
				`c1 L1 - clause "1." "Terms" | 1. Terms. The terms are as set…`,
				`c2 L1 - clause "2." "Law" | 2. Law. Schedule 3 of the Agre…`,
				`c3 L1 - exhibit "" "Appendix List of Restricted Trademark Terms" | Appendix List of Restricted Tr…`,
			},
		},
		{
			name: "empty document",
			text: "\n\n",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := segmentText(tt.text)
			checkClauses(t, doc)
			got := outline(doc, 30)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("clauses:\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestSegmentWord checks Word structure: list paragraphs, heading styles, bold
// run-in headings and tables.
func TestSegmentWord(t *testing.T) {
	p := func(text string) Block { return Block{Kind: BlockParagraph, Text: text} }
	num := func(number, list string, level int, text string) Block {
		return Block{Kind: BlockParagraph, Text: text, Number: number, NumList: list, NumLevel: level, NumFormat: "decimal"}
	}
	head := func(level int, text string) Block {
		return Block{Kind: BlockParagraph, Text: text, HeadingLevel: level, Style: fmt.Sprintf("Heading%d", level)}
	}
	cell := func(table int, b Block) Block { b.Kind, b.Table = BlockTableCell, table; return b }
	lead := func(n int, text string) Block { return Block{Kind: BlockParagraph, Text: text, LeadEmphasis: n} }
	tests := []struct {
		name   string
		blocks []Block
		want   []string
	}{
		{
			name: "auto-numbered paragraphs and headings",
			blocks: []Block{
				p("CONSULTING AGREEMENT"),
				p("This Consulting Agreement is made between Acme Inc. and Jane Doe."),
				head(1, "Definitions"),
				num("1.", "1", 1, "\"Services\" means the services."),
				num("2.", "1", 1, "\"Fees\" means the fees."),
				head(1, "Services"),
				num("3.", "1", 1, "Consultant shall perform the Services."),
				num("3.1", "1", 2, "Consultant shall work diligently."),
				num("•", "7", 1, "a bullet under 3.1"),
				num("•", "7", 1, "another bullet"),
				num("3.2", "1", 2, "Consultant may subcontract."),
				p("Plain paragraph that continues 3.2."),
				num("4.", "1", 1, "Acme shall pay the Fees."),
			},
			want: []string{
				`c1 L1 - title "" "" | CONSULTING AGREEMENT`,
				`c2 L1 - preamble "" "" | This Consulting Agreement is m…`,
				`c3 L1 - definitions "" "Definitions" | Definitions`,
				`c4 L2 c3 definitions "1." "" | "Services" means the services.`,
				`c5 L2 c3 definitions "2." "" | "Fees" means the fees.`,
				`c6 L1 - clause "" "Services" | Services`,
				`c7 L2 c6 clause "3." "" | Consultant shall perform the S…`,
				`c8 L3 c7 clause "3.1" "" | Consultant shall work diligent…`,
				`c9 L4 c8 clause "•" "" | a bullet under 3.1`,
				`c10 L4 c8 clause "•" "" | another bullet`,
				`c11 L3 c7 clause "3.2" "" | Consultant may subcontract. / …`,
				`c12 L2 c6 clause "4." "" | Acme shall pay the Fees.`,
			},
		},
		{
			name: "bold run-in headings and typed numbers",
			blocks: []Block{
				lead(5, "Term. This Agreement lasts two years."),
				lead(11, "5. Payment: Fees are due monthly."),
				p("5.1 Invoices are sent monthly."),
				lead(len("GOVERNING LAW"), "GOVERNING LAW"),
				p("This Agreement is governed by the laws of England."),
			},
			want: []string{
				`c1 L1 - clause "" "Term" | Term. This Agreement lasts two…`,
				`c2 L1 - clause "5." "Payment" | 5. Payment: Fees are due month…`,
				`c3 L2 c2 clause "5.1" "" | 5.1 Invoices are sent monthly.`,
				`c4 L1 - clause "" "GOVERNING LAW" | GOVERNING LAW`,
				`c5 L2 c4 clause "" "" | This Agreement is governed by …`,
			},
		},
		{
			name: "typed numbers in tables do not split, auto-numbered cells do",
			blocks: []Block{
				p("1. Prices. The prices are:"),
				cell(1, p("1. Widget")),
				cell(1, p("2. Gadget")),
				cell(1, num("(a)", "4", 1, "auto-numbered cell")),
				p("2. Delivery. Goods are delivered."),
			},
			want: []string{
				`c1 L1 - clause "1." "Prices" | 1. Prices. The prices are: / 1…`,
				`c2 L2 c1 clause "(a)" "" | auto-numbered cell`,
				`c3 L1 - clause "2." "Delivery" | 2. Delivery. Goods are deliver…`,
			},
		},
		{
			name: "heading-styled exhibit restarts numbering",
			blocks: []Block{
				num("1.", "1", 1, "Scope. Everything."),
				num("2.", "1", 1, "Price. Low."),
				head(1, "Exhibit A – Statement of Work"),
				p("1. Deliverables. Reports."),
				p("2. Timeline. Soon."),
			},
			want: []string{
				`c1 L1 - clause "1." "Scope" | Scope. Everything.`,
				`c2 L1 - clause "2." "Price" | Price. Low.`,
				`c3 L1 - exhibit "" "Exhibit A – Statement of Work" | Exhibit A – Statement of Wor…`,
				`c4 L2 c3 clause "1." "Deliverables" | 1. Deliverables. Reports.`,
				`c5 L2 c3 clause "2." "Timeline" | 2. Timeline. Soon.`,
			},
		},
		{
			name: "sentences in heading styles are paragraphs, bold table labels head rows",
			blocks: []Block{
				head(1, "Letter of Intent"),
				head(1, "This non-binding letter of intent expresses our mutual interest in working together on the terms below."),
				head(1, "Fees"),
				head(1, "You, the Customer, will pay us the fees described in the order form each month."),
				cell(1, lead(len("Governing Law"), "Governing Law")),
				cell(1, p("The laws of the State of New York govern this letter.")),
				cell(1, p("1. Not a clause number inside a table.")),
			},
			want: []string{
				`c1 L1 - title "" "" | Letter of Intent`,
				`c2 L1 - clause "" "" | This non-binding letter of int…`,
				`c3 L1 - clause "" "Fees" | Fees`,
				`c4 L2 c3 clause "" "" | You, the Customer, will pay us…`,
				`c5 L2 c3 clause "" "Governing Law" | Governing Law / The laws of th…`,
			},
		},
		{
			name: "a heading after the title starts its own clause and holds the paragraphs after it",
			blocks: []Block{
				{Kind: BlockParagraph, Text: "Data Processing Addendum", Style: "Title"},
				head(1, "Scope"),
				p("This Addendum applies where the Processor processes Personal Data."),
				p("It forms part of the Agreement."),
				head(1, "Security"),
				p("The Processor shall implement the measures in Annex 2."),
			},
			want: []string{
				`c1 L1 - title "" "" | Data Processing Addendum`,
				`c2 L1 - clause "" "Scope" | Scope`,
				`c3 L2 c2 clause "" "" | This Addendum applies where th…`,
				`c4 L2 c2 clause "" "" | It forms part of the Agreement…`,
				`c5 L1 - clause "" "Security" | Security`,
				`c6 L2 c5 clause "" "" | The Processor shall implement …`,
			},
		},
		{
			name: "empty auto-numbered paragraph still starts a clause",
			blocks: []Block{
				num("1.", "1", 1, "First."),
				num("2.", "1", 1, ""),
				p("Continuation."),
			},
			want: []string{
				`c1 L1 - clause "1." "First" | First.`,
				`c2 L1 - clause "2." "" | Continuation.`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.blocks {
				tt.blocks[i].Index = i
			}
			doc := &Document{Format: FormatDOCX, Blocks: tt.blocks}
			segment(doc)
			checkClauses(t, doc)
			got := outline(doc, 30)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("clauses:\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestSegmentGolden segments every testdata/segment/*.txt and compares the
// outline with the .golden file next to it; -update rewrites the golden files.
func TestSegmentGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "segment", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/segment/*.txt")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := &Document{Format: FormatText, Blocks: textBlocks(data, 0)}
			segment(doc)
			checkClauses(t, doc)
			got := []byte(strings.Join(outline(doc, 60), "\n") + "\n")
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestSegmentGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s:\n%s", f, golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff lists the lines that differ between want and got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}

// cuadLong lists the CUAD development contracts in which one clause holds more
// than a quarter of the words, each with the reason. Genuinely unnumbered
// documents come first; the rest are short amendments or documents whose longest
// clause has no typed structure inside it.
var cuadLong = map[string]string{
	// Genuinely unnumbered.
	"QBIOMEDINC_04_08_2020-EX-99.1-JOINT FILING AGREEMENT.txt":                                  "one unnumbered paragraph (joint filing agreement)",
	"NELNETINC_04_08_2020-EX-1-JOINT FILING AGREEMENT.txt":                                      "one unnumbered paragraph (joint filing agreement)",
	"BLACKROCKMUNIHOLDINGSINVESTMENTQUALITYFUND_04_07_2020-EX-99.01-JOINT FILING AGREEMENT.txt": "one unnumbered paragraph (joint filing agreement)",
	"MACY_S,INC_05_11_2020-EX-99.4-JOINT FILING AGREEMENT.txt":                                  "one unnumbered paragraph (joint filing agreement)",
	"VIRGINGALACTICHOLDINGS,INC_04_08_2020-EX-99.1-JOINT FILING STATEMENT.txt":                  "one unnumbered paragraph (joint filing agreement)",
	"SPRINGBANKPHARMACEUTICALS,INC_04_08_2020-EX-99.A-JOINT FILING AGREEMENT.txt":               "one unnumbered paragraph (joint filing agreement)",
	"TALLGRASSENERGY,LP_02_20_2020-EX-99.26-JOINT FILING AGREEMENT.txt":                         "one unnumbered paragraph; the signature blocks of many filers are most of the text",
	"PRECIGEN,INC_01_22_2020-EX-99.1-JOINT FILING AGREEMENT.txt":                                "one unnumbered paragraph; the signature blocks of many filers are most of the text",
	"ATENTOSA_07_06_2020-EX-99.1-JOINT FILING AGREEMENT.txt":                                    "one unnumbered paragraph; the signature blocks of many filers are most of the text",
	"GALERATHERAPEUTICS,INC_02_14_2020-EX-99.A-JOINT FILING AGREEMENT.txt":                      "one unnumbered paragraph; the signature blocks of many filers are most of the text",
	"MFAFINANCIAL,INC_07_06_2020-EX-99.D-JOINT FILING AGREEMENT.txt":                            "one unnumbered paragraph; the signature blocks of many filers are most of the text",
	"OLDAPIWIND-DOWNLTD_01_08_2016-EX-1.3-AGENCY AGREEMENT2.txt":                                "a one-paragraph certificate; its (i)/(ii) items start in lower case inside the sentence",
	"PcquoteComInc_19990721_S-1A_EX-10.11_6377149_EX-10.11_Co-Branding Agreement2.txt":          "a one-paragraph amendment of 123 words, the rest redacted",
	"GridironBionutrientsInc_20171206_8-K_EX-10.2_10972556_EX-10.2_Endorsement Agreement.txt":   "529 words; the unnumbered party block of an addendum",
	"SalesforcecomInc_20171122_10-Q_EX-10.1_10961535_EX-10.1_Reseller Agreement.txt":            "435 words; an unnumbered cover block and preamble",
	"BellringBrandsInc_20190920_S-1_EX-10.12_11817081_EX-10.12_Manufacturing Agreement4.txt":    "258 words; the preamble of a two-clause amendment",
	"KUBIENT,INC_07_02_2020-EX-10.14-MASTER SERVICES AGREEMENT_Part2.txt":                       "an unnumbered revenue-share table flattened into one line",
	// Short documents whose longest numbered clause has no structure inside.
	"BellringBrandsInc_20190920_S-1_EX-10.12_11817081_EX-10.12_Manufacturing Agreement2.txt": "344 words; the replacement text quoted by clause 1 is one paragraph of 107 words",
	"NETGEAR,INC_04_21_2003-EX-10.16- AMENDMENT #2 TO THE DISTRIBUTION AGREEMENT.txt":        "555 words; clause 2 is one long paragraph",
	"SoupmanInc_20150814_8-K_EX-10.1_9230148_EX-10.1_Franchise Agreement4.txt":               "492 words of a disclosure fragment; item 3(C) is one sentence of 130 words",
	"RgcResourcesInc_20151216_8-K_EX-10.3_9372751_EX-10.3_Franchise Agreement.txt":           "805 words; item (a) holds a fee formula laid out as loose lines",
	"SCOUTCAMINC_05_12_2020-EX-10.22-SERVICES AGREEMENT.txt":                                 "clause 7 (Confidential Information) is 333 words without sub-clauses",
	// Longer documents.
	"ZONDWINDSYSTEMPARTNERSLTDSERIES85-B_04_03_2006-EX-10-MANAGEMENT AND MAINTENANCE AGREEMENT.txt": "short amendment: replacement item (iii) is one paragraph of ~350 words",
	"CreditcardscomInc_20070810_S-1_EX-10.33_362297_EX-10.33_Affiliate Agreement.txt":               "the appendix of restricted trademark terms (~1,170 words) is one flattened list",
	"SECURIANFUNDSTRUST_05_01_2012-EX-99.28.H.9-NET INVESTMENT INCOME MAINTENANCE AGREEMENT.txt":    "page layout puts unnumbered paragraphs of other clauses after 1.5",
}

// TestSegmentCUAD segments every CUAD development contract, checks that the
// clauses tile the text, and that no clause holds more than a quarter of a
// numbered document's words.
func TestSegmentCUAD(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "cuad-dev", "txt")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("no CUAD corpus at %s", dir)
	}
	type result struct {
		name    string
		frac    float64
		clauses int
		words   int
		largest string
	}
	var results []result
	clauses, kinds := 0, map[ClauseKind]int{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := &Document{Format: FormatText, Blocks: textBlocks(data, 0)}
		segment(doc)
		checkClauses(t, doc)
		total := 0
		for _, b := range doc.Blocks {
			total += len(strings.Fields(b.Text))
		}
		r := result{name: filepath.Base(f), clauses: len(doc.Clauses), words: total}
		best := 0
		for _, c := range doc.Clauses {
			kinds[c.Kind]++
			if w := len(strings.Fields(doc.Text(c.Span))); w > best {
				best = w
				r.largest = fmt.Sprintf("%s %s %q", c.ID, c.Kind, c.Number)
			}
		}
		if total > 0 {
			r.frac = float64(best) / float64(total)
		}
		clauses += len(doc.Clauses)
		results = append(results, r)
	}
	sort.Slice(results, func(i, j int) bool { return results[i].frac > results[j].frac })
	over := 0
	for _, r := range results {
		if r.frac <= 0.25 {
			continue
		}
		over++
		reason, ok := cuadLong[r.name]
		t.Logf("%.2f of %5d words in %s (%d clauses) %s: %s", r.frac, r.words, r.largest, r.clauses, r.name, reason)
		if !ok {
			t.Errorf("%s: largest clause %s holds %.0f%% of the words", r.name, r.largest, 100*r.frac)
		}
	}
	for _, r := range results {
		if _, ok := cuadLong[r.name]; ok && r.frac <= 0.25 {
			t.Logf("%s is listed in cuadLong but its largest clause holds %.0f%%", r.name, 100*r.frac)
		}
	}
	t.Logf("%d files, %d clauses (%.1f per file), %d with a clause over 25%% of the words; kinds %v",
		len(results), clauses, float64(clauses)/float64(len(results)), over, kinds)
}

// TestSegmentCorpusWordPDF checks the segmentation invariants on the blocks the
// DOCX and PDF readers make from the shared corpus.
func TestSegmentCorpusWordPDF(t *testing.T) {
	var files []string
	for _, pat := range []string{"docx/*.docx", "pdf/*.pdf", "pdf/cuad/*.pdf"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no DOCX or PDF corpus at ../../shared/corpus")
	}
	clauses := 0
	for _, f := range files {
		doc, err := ParseFile(context.Background(), f, nil)
		if err != nil {
			continue // refusals are the readers' business
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			// Segment again so that this test checks segment itself.
			segment(doc)
			checkClauses(t, doc)
			clauses += len(doc.Clauses)
		})
	}
	t.Logf("%d files, %d clauses", len(files), clauses)
}

func TestSegmentDump(t *testing.T) {
	if *dumpSegment == "" {
		t.Skip("no -segment-dump file")
	}
	var doc *Document
	if strings.HasSuffix(*dumpSegment, ".txt") {
		data, err := os.ReadFile(*dumpSegment)
		if err != nil {
			t.Fatal(err)
		}
		doc = &Document{Format: FormatText, Blocks: textBlocks(data, 0)}
		segment(doc)
	} else {
		var err error
		if doc, err = ParseFile(context.Background(), *dumpSegment, nil); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Println(strings.Join(outline(doc, 70), "\n"))
	if os.Getenv("SEGMENT_BIG") != "" {
		best, bi := 0, 0
		for i, c := range doc.Clauses {
			if w := len(strings.Fields(doc.Text(c.Span))); w > best {
				best, bi = w, i
			}
		}
		text := doc.Text(doc.Clauses[bi].Span)
		fmt.Printf("\n--- largest %s (%d words):\n%s\n", doc.Clauses[bi].ID, best, text[:min(len(text), 3000)])
	}
}

// generatedContract builds a contract of about 100 pages: 60 articles of 15
// sections, each with lettered items and cross references. With oneLine the
// whole contract is a single line, as in many CUAD texts.
func generatedContract(oneLine bool) string {
	var b strings.Builder
	sep := "\n"
	if oneLine {
		sep = " "
	}
	b.WriteString("MASTER SERVICES AGREEMENT" + sep)
	b.WriteString("This Master Services Agreement is made on 1 January 2024 between Alpha Ltd and Beta Inc." + sep)
	b.WriteString("WHEREAS, Alpha provides services; and WHEREAS, Beta wishes to buy them." + sep)
	b.WriteString("NOW, THEREFORE, the parties agree as follows:" + sep)
	for a := 1; a <= 60; a++ {
		fmt.Fprintf(&b, "ARTICLE %d%sSERVICE LEVEL %d%s", a, sep, a, sep)
		for s := 1; s <= 15; s++ {
			fmt.Fprintf(&b, "%d.%d Obligations of the Provider. The Provider shall perform the services described in Section %d.%d "+
				"within 30 days and in accordance with Exhibit A, subject to Sections 1.5 - 1.8 below and to a fee of $1.5 million. "+
				"The Customer shall, as set out in Section 5.2 of this Agreement:%s", a, s, (a+s)%60+1, s, sep)
			fmt.Fprintf(&b, "(a) The Customer shall provide access to its premises, systems and personnel as reasonably required, "+
				"and paragraphs (a) and (b) being applicable, shall cooperate in good faith.%s", sep)
			fmt.Fprintf(&b, "(b) The Customer shall pay all invoices dated 1.1.2024 or later within thirty days of receipt.%s", sep)
		}
	}
	b.WriteString("IN WITNESS WHEREOF, the parties have signed this Agreement." + sep + "By: ______" + sep + "Name: A. Person" + sep)
	b.WriteString("EXHIBIT A" + sep + "SERVICES" + sep + "1. Hosting. The Provider hosts the software." + sep)
	return b.String()
}

func BenchmarkSegment(b *testing.B) {
	for _, bc := range []struct {
		name    string
		oneLine bool
	}{{"lines", false}, {"one-line", true}} {
		b.Run(bc.name, func(b *testing.B) {
			data := []byte(generatedContract(bc.oneLine))
			blocks := textBlocks(data, 0)
			doc := &Document{Format: FormatText, Blocks: blocks}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				segment(doc)
			}
			b.ReportMetric(float64(len(doc.Clauses)), "clauses")
		})
	}
}
