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
