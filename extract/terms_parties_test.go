package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// tpTermsOf parses text and returns its terms of the kinds asked, one per line
// as "kind=value [ambiguous] «evidence»".
func tpTermsOf(tb testing.TB, text string, kinds ...TermKind) string {
	tb.Helper()
	doc, err := Parse(context.Background(), "x.txt", []byte(text), nil)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, t := range doc.Terms {
		for _, k := range kinds {
			if t.Kind != k {
				continue
			}
			v := fmt.Sprint(t.Value)
			if ps, ok := t.Value.([]Party); ok {
				var ns []string
				for _, p := range ps {
					ns = append(ns, p.Name+" as "+strings.Join(p.Aliases, "/"))
				}
				v = strings.Join(ns, "; ")
			}
			if t.Ambiguous {
				v += " ambiguous"
			}
			if t.Computed {
				v += " computed"
			}
			out = append(out, fmt.Sprintf("%s=%s «%s»", k, v, doc.Text(t.Evidence)))
		}
	}
	return strings.Join(out, "\n")
}

func TestFindGoverningLaw(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"state of new york",
			"1. Governing Law. This Agreement shall be governed by the laws of the State of New York, without regard to its conflict of laws principles.\n",
			"governing_law=New York «the State of New York»"},
		{"conflict rules of another place",
			"1. Governing Law. This Agreement shall be governed by the laws of England, without giving effect to the conflict of laws rules of the State of New York.\n",
			"governing_law=England and Wales «England»"},
		{"conflict rules first",
			"1. Governing Law. Without regard to the conflict of laws principles of the State of California, this Agreement shall be governed by the laws of the State of Delaware.\n",
			"governing_law=Delaware «the State of Delaware»"},
		{"rules set aside",
			"1. Governing Law. This Agreement shall be governed by the laws, other than choice of law rules, of the State of Georgia.\n",
			"governing_law=Georgia «the State of Georgia»"},
		{"federal law beside a state",
			"1. Governing Law. This Agreement shall be governed by the federal laws of the United States and the laws of the State of Texas.\n",
			"governing_law=Texas «the State of Texas»"},
		{"adjective",
			"1. Governing Law. This Agreement is governed by English law.\n",
			"governing_law=England and Wales «English»"},
		{"province and country",
			"1. Governing Law. This Agreement shall be governed by the laws of the Province of Ontario and the federal laws of Canada applicable therein.\n",
			"governing_law=Ontario «the Province of Ontario»"},
		{"venue",
			"1. Governing Law and Jurisdiction. This Agreement shall be governed by the laws of the State of Delaware. Each party submits to the exclusive jurisdiction of the courts of the State of New York.\n",
			"governing_law=Delaware «the State of Delaware»\nvenue=New York «the State of New York»"},
		{"no place", "1. Governing Law. This Agreement shall be governed by the laws of the state where the Franchisee is located.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tpTermsOf(t, tt.text, "governing_law", "venue"); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestFindPartiesAndDates(t *testing.T) {
	kinds := []TermKind{"parties", "agreement_date", "effective_date"}
	tests := []struct {
		name, text, want string
	}{
		{"preamble as of effective date",
			"SUPPLY AGREEMENT\n\nThis Supply Agreement is made and entered into as of June 1, 2020 (the \"Effective Date\") by and between Acme Corp., a Delaware corporation (\"Supplier\"), and Beta, LLC (\"Customer\").\n\n1. Supply. Supplier shall supply the Products.\n",
			"parties=Acme Corp. as Supplier; Beta, LLC as Customer «Acme Corp., a Delaware corporation (\"Supplier\"), and Beta, LLC»\n" +
				"agreement_date=2020-06-01 «June 1, 2020»\neffective_date=2020-06-01 «June 1, 2020»"},
		{"aliases",
			"LICENSE AGREEMENT\n\nThis License Agreement is dated the 1st day of June, 2020 between Gamma Inc. (\"Gamma\" or \"Licensor\") and Delta Corp. (\"Licensee\").\n\n1. License. Licensor grants a license.\n",
			"parties=Gamma Inc. as Gamma/Licensor; Delta Corp. as Licensee «Gamma Inc. (\"Gamma\" or \"Licensor\") and Delta Corp.»\n" +
				"agreement_date=2020-06-01 «1st day of June, 2020»\neffective_date=2020-06-01 computed «1st day of June, 2020»"},
		{"stated effective date",
			"SERVICES AGREEMENT\n\nThis Services Agreement is dated May 15, 2020 between Acme Corp. (\"Provider\") and Beta LLC (\"Client\").\n\n1. Term. This Agreement shall become effective on July 1, 2020 and continue for one year.\n",
			"parties=Acme Corp. as Provider; Beta LLC as Client «Acme Corp. (\"Provider\") and Beta LLC»\n" +
				"agreement_date=2020-05-15 «May 15, 2020»\neffective_date=2020-07-01 «July 1, 2020»"},
		{"effective date by event",
			"SERVICES AGREEMENT\n\nThis Services Agreement is dated May 15, 2020 between Acme Corp. (\"Provider\") and Beta LLC (\"Client\").\n\n1. Definitions. \"Effective Date\" means the date of the last signature below.\n",
			"parties=Acme Corp. as Provider; Beta LLC as Client «Acme Corp. (\"Provider\") and Beta LLC»\n" +
				"agreement_date=2020-05-15 «May 15, 2020»"},
		{"date first written above",
			"SERVICES AGREEMENT\n\nThis Services Agreement is made on 3 March 2021 between Acme Corp. (\"Provider\") and Beta LLC (\"Client\").\n\n1. Term. This Agreement is effective as of the date first written above.\n",
			"parties=Acme Corp. as Provider; Beta LLC as Client «Acme Corp. (\"Provider\") and Beta LLC»\n" +
				"agreement_date=2021-03-03 «3 March 2021»\neffective_date=2021-03-03 «3 March 2021»"},
		{"ambiguous month first",
			"SERVICES AGREEMENT\n\nThis Services Agreement is dated 6/1/2020 between Acme Corp. (\"Provider\") and Beta LLC (\"Client\").\n\n1. Governing Law. This Agreement shall be governed by the laws of the State of New York.\n",
			"parties=Acme Corp. as Provider; Beta LLC as Client «Acme Corp. (\"Provider\") and Beta LLC»\n" +
				"agreement_date=2020-06-01 ambiguous «6/1/2020»\neffective_date=2020-06-01 ambiguous computed «6/1/2020»"},
		{"ambiguous day first under English law",
			"SERVICES AGREEMENT\n\nThis Services Agreement is dated 6/1/2020 between Acme Corp. (\"Provider\") and Beta LLC (\"Client\").\n\n1. Governing Law. This Agreement shall be governed by the laws of England and Wales.\n",
			"parties=Acme Corp. as Provider; Beta LLC as Client «Acme Corp. (\"Provider\") and Beta LLC»\n" +
				"agreement_date=2020-01-06 ambiguous «6/1/2020»\neffective_date=2020-01-06 ambiguous computed «6/1/2020»"},
		{"parties outside the US",
			"SUPPLY AGREEMENT\n\nThis Supply Agreement is dated 3/4/2020 between Acme GmbH, a company incorporated in Germany (\"Seller\"), and Beta Ltd, a company registered in England (\"Buyer\").\n\n1. Supply. Seller shall supply.\n",
			"parties=Acme GmbH as Seller; Beta Ltd as Buyer «Acme GmbH, a company incorporated in Germany (\"Seller\"), and Beta Ltd»\n" +
				"agreement_date=2020-04-03 ambiguous «3/4/2020»\neffective_date=2020-04-03 ambiguous computed «3/4/2020»"},
		{"blank date",
			"SUPPLY AGREEMENT\n\nThis Supply Agreement is dated June __, 2020 between Acme Corp. (\"Seller\") and Beta LLC (\"Buyer\").\n\n1. Supply. Seller shall supply.\n",
			"parties=Acme Corp. as Seller; Beta LLC as Buyer «Acme Corp. (\"Seller\") and Beta LLC»"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tpTermsOf(t, tt.text, kinds...); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestFindDateTermsNote(t *testing.T) {
	doc, err := Parse(context.Background(), "x.txt", []byte("SERVICES AGREEMENT\n\nThis Services Agreement is dated 6/1/2020 between Acme Corp. (\"Provider\") and Beta LLC (\"Client\").\n\n1. Governing Law. This Agreement shall be governed by the laws of England and Wales.\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range doc.Terms {
		if tr.Kind == "agreement_date" {
			want := `numeric date "6/1/2020" read day-first (governing law England and Wales); month-first it would be another day`
			if tr.Note != want {
				t.Errorf("note %q; want %q", tr.Note, want)
			}
			return
		}
	}
	t.Fatal("no agreement_date")
}

// TestFindPartiesWordings checks preambles and party lists that name the
// parties without "between": regression cases from the shipped playbooks and
// the DOCX corpus (issue 4).
func TestFindPartiesWordings(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"entered into as of a date by",
			"MUTUAL NDA\n\nThis Agreement is entered into as of June 1, 2020 by Acme Corp., a Delaware corporation (\"Recipient\"), and Beta LLC (\"Discloser\").\n\n1. Purpose. The parties wish to talk.\n",
			"parties=Acme Corp. as Recipient; Beta LLC as Discloser «Acme Corp., a Delaware corporation (\"Recipient\"), and Beta LLC»"},
		{"made by and between after a date",
			"MUTUAL NDA\n\nThis Agreement is made and entered into on June 1, 2020 by and between Acme Corp. (\"Recipient\"), and Beta LLC (\"Discloser\").\n\n1. Purpose. The parties wish to talk.\n",
			"parties=Acme Corp. as Recipient; Beta LLC as Discloser «Acme Corp. (\"Recipient\"), and Beta LLC»"},
		{"unquoted defined terms",
			"CLOUD SERVICES AGREEMENT\n\nThis Cloud Services Agreement is entered into as of January 15, 2026 by and between Northstar Analytics, Inc. (Provider) and Acme Manufacturing LLC (Client).\n\n1. Services. Provider shall provide the Services.\n",
			"parties=Northstar Analytics, Inc. as Provider; Acme Manufacturing LLC as Client «Northstar Analytics, Inc. (Provider) and Acme Manufacturing LLC»"},
		{"unquoted places are no terms",
			"SUPPLY AGREEMENT\n\nThis Agreement is made between Acme Corp. (Delaware) and Beta LLC (USA).\n\n1. Supply. Acme shall supply.\n",
			""},
		{"description before the next name",
			"LICENSE AGREEMENT\n\nThis Agreement is made between Acme Corp. (\"Licensor\"), a Delaware corporation with offices at 1 Main Street, Dover, and Beta LLC (\"Licensee\").\n\n1. License. Licensor grants a license.\n",
			"parties=Acme Corp. as Licensor; Beta LLC as Licensee «Acme Corp. (\"Licensor\"), a Delaware corporation with offices at 1 Main Street, Dover, and Beta LLC»"},
		{"parties listed under a heading",
			"SERVICES AGREEMENT\n\nTHIS AGREEMENT is dated 1 March 2024\n\nPARTIES\n\n(1) ACME LIMITED incorporated in England and Wales with company number 01234567 (\"Supplier\").\n\n(2) BETA LIMITED incorporated in England and Wales with company number 07654321 (\"Customer\").\n\nBACKGROUND\n\n(A) The Supplier provides services.\n",
			"parties=ACME LIMITED as Supplier; BETA LIMITED as Customer «ACME LIMITED»"},
		{"a heading with one party is no list",
			"SERVICES AGREEMENT\n\nPARTIES\n\n(1) ACME LIMITED incorporated in England and Wales (\"Supplier\").\n\nBACKGROUND\n\n(A) The Supplier provides services.\n",
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tpTermsOf(t, tt.text, "parties"); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// tpTableDoc builds a document of table rows (each row a list of cells, each
// cell one block) followed by one body clause, as a DOCX cover page reads.
func tpTableDoc(rows [][]string, body string) *Document {
	doc := &Document{Format: FormatDOCX}
	add := func(b Block) {
		b.Index = len(doc.Blocks)
		doc.Blocks = append(doc.Blocks, b)
		doc.Clauses = append(doc.Clauses, Clause{ID: fmt.Sprintf("c%d", len(doc.Clauses)+1), Level: 1, Kind: KindClause,
			Span: Span{Start: Position{Block: b.Index}, End: Position{Block: b.Index, Offset: len(b.Text)}}})
	}
	for r, row := range rows {
		for c, cell := range row {
			add(Block{Kind: BlockTableCell, Text: cell, Table: 1, Row: r, Cell: c})
		}
	}
	add(Block{Kind: BlockParagraph, Text: body})
	return doc
}

// TestFindPartiesCoverPage checks parties read from cover-page and signature
// tables, where the row label is the defined term.
func TestFindPartiesCoverPage(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		want string
	}{
		{"label and name in one cell",
			[][]string{{"PROVIDER: Northwind Systems Inc.", "CUSTOMER: Contoso Ltd"}, {"Signature", ""}},
			"Northwind Systems Inc. as Provider; Contoso Ltd as Customer «Northwind Systems Inc.»"},
		{"label cell beside the name",
			[][]string{{"Customer", "Contoso Ltd"}, {"Provider", "Northwind Systems Inc."}, {"Effective Date", "January 1, 2026"}},
			"Contoso Ltd as Customer; Northwind Systems Inc. as Provider «Contoso Ltd»"},
		{"party name rows",
			[][]string{{"Party Name: Acme Corp", "Party Name: Globex Industries"}, {"Company:", "Company:"}},
			"Acme Corp as ; Globex Industries as  «Acme Corp»"},
		{"placeholders are no names",
			[][]string{{"PROVIDER: {provider_legal_name}", "CUSTOMER: {customer_legal_name}"}},
			""},
		{"signature fields are no parties",
			[][]string{{"Company: Acme Corp", "Company: Globex Industries"}, {"Name: Jane Roe", "Title: CEO"}},
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tpTableDoc(tt.rows, "1. Services. Provider shall provide the Services to Customer.")
			classify(doc)
			abstractTerms(doc)
			got := ""
			for _, tr := range doc.Terms {
				if ps, ok := tr.Value.([]Party); ok && tr.Kind == "parties" {
					var ns []string
					for _, p := range ps {
						ns = append(ns, p.Name+" as "+p.Role)
					}
					got = strings.Join(ns, "; ") + " «" + doc.Text(tr.Evidence) + "»"
				}
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
