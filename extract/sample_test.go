package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// sampleMSA is the bundled example contract (testdata/sample-msa.docx at the
// repository root): a short master services agreement written for this project,
// with auto-numbered clauses on three levels, run-in headings, a bullet list,
// recitals and a signature block.
func sampleMSA() []genPara {
	h := func(s string) genPara { return genPara{num: 1, ilvl: 0, runs: []genRun{{text: s, bold: true}}} }
	c := func(head, body string) genPara { return genPara{num: 1, ilvl: 1, runs: runInHeading(head, body)} }
	s := func(body string) genPara { return genPara{num: 1, ilvl: 1, runs: plain(body)} }
	item := func(body string) genPara { return genPara{num: 1, ilvl: 2, runs: plain(body)} }
	p := func(body string) genPara { return genPara{runs: plain(body)} }
	return []genPara{
		{style: "Title", runs: plain("Master Services Agreement")},
		p(`This Master Services Agreement (the "Agreement") is made on 1 March 2026 (the "Effective Date") between Northwind Analytics Ltd, a company registered in England and Wales with number 09876543 ("Supplier"), and Contoso Retail Inc., a Delaware corporation ("Customer").`),
		{runs: []genRun{{text: "BACKGROUND", bold: true}}},
		p("A. Supplier provides hosted analytics services. B. Customer wishes to buy those services on the terms of this Agreement."),
		p("The parties agree as follows:"),
		h("Definitions"),
		s(`In this Agreement, "Services" means the hosted analytics services described in an Order Form, and "Order Form" means an ordering document signed by both parties that refers to this Agreement.`),
		s(`"Confidential Information" means all information disclosed by a party that is marked confidential or would reasonably be understood to be confidential.`),
		h("Services"),
		c("Provision.", "Supplier shall provide the Services to Customer in accordance with each Order Form and the service levels in Schedule 1."),
		c("Personnel.", "Supplier shall ensure that its personnel:"),
		item("are suitably skilled and experienced;"),
		item("comply with Customer's reasonable site and security policies; and"),
		item("do not solicit Customer's employees during the Term and for twelve (12) months after it."),
		h("Fees and Payment"),
		c("Fees.", "Customer shall pay the fees set out in each Order Form. Fees are exclusive of VAT."),
		c("Invoicing.", "Supplier shall invoice monthly in arrears and Customer shall pay each undisputed invoice within thirty (30) days of receipt. Late payments bear interest at 2% per annum above the base rate of the Bank of England."),
		h("Term and Termination"),
		c("Term.", "This Agreement starts on the Effective Date and continues for an initial term of three (3) years (the \"Initial Term\")."),
		c("Renewal.", "This Agreement renews automatically for successive periods of one (1) year unless either party gives the other written notice of non-renewal at least ninety (90) days before the end of the then-current term."),
		c("Termination for convenience.", "Customer may terminate this Agreement for convenience on sixty (60) days' written notice to Supplier."),
		c("Termination for breach.", "Either party may terminate this Agreement immediately by notice if the other party commits a material breach that is not remedied within thirty (30) days of written notice, as set out in Section 4.2 of this Agreement."),
		h("Liability"),
		c("Cap.", "Each party's total liability arising out of or in connection with this Agreement shall not exceed the fees paid or payable by Customer in the twelve (12) months before the event giving rise to the claim."),
		c("Exclusions.", "Nothing in this Agreement limits liability for death or personal injury caused by negligence, for fraud, or for breach of clause 7."),
		h("Assignment and Change of Control"),
		c("Assignment.", "Customer shall not assign, novate or otherwise transfer this Agreement without the prior written consent of Supplier, which consent may be withheld in Supplier's sole discretion."),
		c("Change of control.", "Supplier may terminate this Agreement on thirty (30) days' notice if Customer undergoes a change of control."),
		h("Confidentiality"),
		s("Each party shall keep the other party's Confidential Information confidential and use it only to perform this Agreement, for the Term and five (5) years after it."),
		h("Data Protection"),
		genPara{num: 2, runs: plain("Supplier processes personal data only on Customer's documented instructions.")},
		genPara{num: 2, runs: plain("Supplier notifies Customer of a personal data breach without undue delay and in any event within 48 hours.")},
		h("General"),
		c("Notices.", "Notices must be in writing and delivered by hand or by email to the addresses in the Order Form."),
		c("Governing law.", "This Agreement and any dispute arising out of it are governed by the laws of England and Wales, and the courts of London have exclusive jurisdiction."),
		c("Entire agreement.", "This Agreement and the Order Forms are the entire agreement between the parties about their subject matter."),
		p("IN WITNESS WHEREOF the parties have signed this Agreement on the Effective Date."),
		p("Signed for Northwind Analytics Ltd: By: ____________ Name: Jane Smith Title: Director"),
		p("Signed for Contoso Retail Inc.: By: ____________ Name: Omar Haddad Title: General Counsel"),
		{style: "Heading1", runs: plain("Schedule 1 - Service Levels")},
		p("Availability: 99.9% per calendar month, measured at the Supplier's network edge."),
	}
}

// TestSampleDOCX keeps the bundled example equal to what the generator writes;
// run with -update to rewrite it.
func TestSampleDOCX(t *testing.T) {
	path := filepath.Join("..", "testdata", "sample-msa.docx")
	got := buildDOCX(t, sampleMSA())
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -run TestSampleDOCX -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the generator's output; run go test ./extract -run TestSampleDOCX -update", path)
	}
}
