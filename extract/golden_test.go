package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenDOCX are generated Word documents whose clause outline is kept in
// testdata/golden/<name>.golden (rewrite with -update, then read the diff).
var goldenDOCX = map[string]func() []genPara{
	"sample-msa": sampleMSA,
	// numbers typed into the text, as many precedents are, with cross references
	// and numbers inside sentences that must not split
	"typed-numbers": func() []genPara {
		p := func(s string) genPara { return genPara{runs: plain(s)} }
		return []genPara{
			{style: "Title", runs: plain("SUPPLY AGREEMENT")},
			p(`This Supply Agreement is made on 2 January 2026 between Alpha Ltd ("Supplier") and Beta Inc. ("Buyer").`),
			{runs: []genRun{{text: "ARTICLE I", bold: true}}},
			{runs: []genRun{{text: "DEFINITIONS", bold: true}}},
			p(`1.1 "Products" means the goods listed in Schedule 2, as amended under Section 3.2 of this Agreement.`),
			p(`1.2 "Price" means the price in Schedule 3, which is 1.5 times the list price on 1.1.2026.`),
			{runs: []genRun{{text: "ARTICLE II", bold: true}}},
			{runs: []genRun{{text: "SUPPLY", bold: true}}},
			p("2.1 Orders. Buyer may place orders for the Products. Each order is subject to the terms in Sections 2.2 and 2.3."),
			p("2.2 Delivery. Supplier shall deliver within 30 days of an order:"),
			p("(a) to the address in the order; and"),
			p("(b) with the documents listed in (a) above and in clause 2.1."),
			p("2.3 Risk. Risk passes on delivery."),
			p("Section 3. Term. This Agreement lasts 2 years."),
			p("IN WITNESS WHEREOF the parties have signed this Agreement."),
			p("By: __________ Name: Ann Lee Title: CEO"),
		}
	},
	// headings from paragraph styles, with unnumbered body text
	"heading-styles": func() []genPara {
		return []genPara{
			{style: "Title", runs: plain("Data Processing Addendum")},
			{style: "Heading1", runs: plain("Scope")},
			{runs: plain("This Addendum applies where the Processor processes Personal Data on behalf of the Controller.")},
			{runs: plain("It forms part of the Agreement.")},
			{style: "Heading1", runs: plain("Security")},
			{runs: plain("The Processor shall implement the measures in Annex 2.")},
			{num: 2, runs: plain("encryption of Personal Data at rest and in transit;")},
			{num: 2, runs: plain("access control and logging.")},
			{style: "Heading1", runs: plain("Sub-processors")},
			{runs: plain("The Processor may engage the sub-processors listed in Annex 3.")},
		}
	},
}

func TestGoldenDOCX(t *testing.T) {
	for name, gen := range goldenDOCX {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse(context.Background(), name+".docx", buildDOCX(t, gen()), nil)
			if err != nil {
				t.Fatal(err)
			}
			checkTiling(t, doc)
			got := strings.Join(outline(doc, 70), "\n") + "\n"
			path := filepath.Join("testdata", "golden", name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("outline differs from %s (run with -update and review the diff):\n%s", path, lineDiff(string(want), got))
			}
		})
	}
}
