package playbook_test

import (
	"context"
	"fmt"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

func ExampleEvaluate() {
	pb, err := playbook.Load("example.yaml", []byte(`
playbook: example
parties: { us: [Customer], them: [Supplier] }
authority:
  paralegal: [accept, fallback]
  counsel: [accept, fallback, escalate]
rules:
  - id: assignment-consent
    clause: assignment
    accept: assignment.consent_required && assignment.mutual
    fallbacks:
      - name: make consent mutual
        when: assignment.consent_required && !assignment.mutual
        edit: { replace: "{{us}} shall not assign", with: "Neither party shall assign" }
    escalate: { to: counsel, reason: Assignment outside playbook positions }
`), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := extract.Parse(context.Background(), "msa.txt", []byte(
		"This Agreement is made between Northwind Ltd (\"Supplier\") and Contoso Inc. (\"Customer\").\n\n"+
			"1. Assignment. Customer shall not assign this Agreement without the prior written consent of Supplier.\n"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := playbook.Evaluate(doc, pb, playbook.Options{})
	for _, d := range r.Decisions {
		fmt.Println(d.ID, d.Outcome, d.Position, d.Authority)
		for _, e := range d.Edits {
			fmt.Printf("%q -> %q\n", e.Delete, e.Insert)
		}
	}
	// Output:
	// assignment-consent@c2 fallback make consent mutual paralegal
	// "Customer shall not assign" -> "Neither party shall assign"
}

func ExampleLoad_error() {
	_, err := playbook.Load("bad.yaml", []byte(`playbook: bad
rules:
  - id: notice
    clause: renewal
    accept: days(renewal.notice_period) > "60"
`), nil)
	fmt.Println(err)
	// Output:
	// bad.yaml:5:41: accept: invalid operation: > (mismatched types int and string) (rule notice)
}
