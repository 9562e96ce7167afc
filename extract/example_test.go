package extract_test

import (
	"context"
	"fmt"

	"github.com/clm-engine/clm/extract"
)

func ExampleParse() {
	contract := []byte(`SERVICES AGREEMENT
This Services Agreement is made between Alpha Ltd ("Supplier") and Beta Inc. ("Customer").
1. Services. 1.1 Scope. The Supplier shall provide the Services described in Section 1.2 of this Agreement. 1.2 Standards. The Services shall meet the standards in Schedule 1.
2. Term. This Agreement lasts 12 months.
`)
	doc, err := extract.Parse(context.Background(), "services.txt", contract, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range doc.Clauses {
		fmt.Printf("%-3s %-4s level %d %-9s %q\n", c.ID, c.Number, c.Level, c.Kind, c.Heading)
	}
	// Output:
	// c1       level 1 title     ""
	// c2       level 1 preamble  ""
	// c3  1.   level 1 clause    "Services"
	// c4  1.1  level 2 clause    "Scope"
	// c5  1.2  level 2 clause    "Standards"
	// c6  2.   level 1 clause    "Term"
}

func ExampleParse_badInput() {
	_, err := extract.Parse(context.Background(), "contract.docx", []byte("PK\x03\x04 cut short"), nil)
	fmt.Println(err)
	// Output:
	// contract.docx: corrupt or truncated file: not a valid zip package: zip: not a valid zip file
}
