package playbook

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
	"github.com/expr-lang/expr/vm"
)

// BenchmarkCondition runs compiled conditions against one reused Env and VM,
// as Evaluate does.
func BenchmarkCondition(b *testing.B) {
	tr, fa := true, false
	p90 := extract.Duration{Days: 90}
	env := &Env{}
	env.set("assignment_consent_required", tr)
	env.set("assignment_mutual", fa)
	env.set("renewal_notice_period", p90)
	opts := condOptions(500)
	paths := condPaths()
	for _, src := range []string{
		"assignment.consent_required && !assignment.mutual",
		"renewal_notice_period != nil && days(renewal_notice_period) > 60",
	} {
		c, ce := compileCond(src, opts, paths)
		if ce != nil {
			b.Fatal(ce.Message)
		}
		b.Run(src, func(b *testing.B) {
			var v vm.VM
			for b.Loop() {
				out, err := v.Run(c.prog, env)
				if err != nil || out != true {
					b.Fatal(out, err)
				}
			}
		})
	}
}

// benchDoc is a text contract of n numbered clauses of varied types.
func benchDoc(b *testing.B, n int) *extract.Document {
	templates := []string{
		"Assignment. Customer shall not assign this Agreement without the prior written consent of Supplier.",
		"Renewal. This Agreement renews automatically for successive periods of one (1) year unless either party gives notice of non-renewal at least ninety (90) days before the end of the then-current term.",
		"Limitation of Liability. Each party's total liability shall not exceed the fees paid in the twelve (12) months preceding the claim.",
		"Confidentiality. Each party shall keep the other party's Confidential Information confidential.",
		"Governing Law. This Agreement is governed by the laws of the State of Delaware.",
		"Indemnification. Supplier shall indemnify Customer against third party claims of infringement.",
		"Termination for Convenience. Customer may terminate this Agreement for convenience on thirty (30) days' notice.",
		"Payment. Customer shall pay each invoice within thirty (30) days of receipt.",
		"Notices. Notices must be in writing.",
		"Insurance. Supplier shall maintain commercial general liability insurance.",
	}
	var s strings.Builder
	s.WriteString("SERVICES AGREEMENT\n\nThis Agreement is made between Northwind Ltd (\"Supplier\") and Contoso Inc. (\"Customer\").\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&s, "%d. %s\n\n", i+1, templates[i%len(templates)])
	}
	doc, err := extract.Parse(context.Background(), "bench.txt", []byte(s.String()), nil)
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// benchPlaybook is a playbook of n rules over the clause types benchDoc uses.
func benchPlaybook(b *testing.B, n int) *Playbook {
	rules := []string{
		"clause: assignment\n    accept: assignment.consent_required && assignment.mutual\n    fallbacks:\n      - name: mutual\n        when: assignment.consent_required && !assignment.mutual\n        edit: { replace: \"{{us}} shall not assign\", with: \"Neither party shall assign\" }\n",
		"clause: renewal_notice\n    when: renewal.automatic ?? false\n    accept: renewal_notice_period != nil && days(renewal_notice_period) <= 60\n    fallbacks:\n      - name: sixty days\n        text: \"Either party may prevent renewal by notice at least sixty (60) days before the end of the term.\"\n",
		"clause: liability_cap\n    accept: (liability.cap_multiple ?? 0) >= 1\n",
		"clause: confidentiality\n    accept: text matches \"(?i)confidential\"\n",
		"clause: governing_law\n    accept: governing_law in [\"Delaware\", \"New York\"]\n",
		"clause: indemnification\n    accept: indemnification.mutual ?? false\n",
		"clause: termination_for_convenience\n    accept: (termination.convenience_party ?? \"\") == them\n",
		"clause: payment_terms\n    accept: payment.term == nil || days(payment.term) >= 30\n",
		"clause: notices\n    accept: text contains \"writing\"\n",
		"clause: insurance\n    accept: \"true\"\n",
	}
	var s strings.Builder
	s.WriteString("playbook: bench\nparties: {us: [Customer], them: [Supplier]}\nauthority:\n  paralegal: [accept, fallback]\n  counsel: [accept, fallback, escalate]\nrules:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&s, "  - id: r%d\n    %s", i, rules[i%len(rules)])
	}
	pb, err := Load("bench.yaml", []byte(s.String()), nil)
	if err != nil {
		b.Fatal(err)
	}
	return pb
}

// BenchmarkEvaluate reviews a 100-clause document against a 50-rule playbook;
// extraction is outside the loop.
//
// The first Evaluate, outside the loop, also computes each judged clause's own
// terms (extract.ClauseTerms, kept with the document): that is extraction work,
// measured by extract's BenchmarkClauseTerms; the loop measures the review
// beyond extraction.
func BenchmarkEvaluate(b *testing.B) {
	doc := benchDoc(b, 100)
	pb := benchPlaybook(b, 50)
	r := Evaluate(doc, pb, Options{})
	if len(r.Decisions) < 100 {
		b.Fatalf("%d decisions", len(r.Decisions))
	}
	for b.Loop() {
		Evaluate(doc, pb, Options{})
	}
	b.ReportMetric(float64(len(r.Decisions)), "decisions")
}

// BenchmarkLoad compiles the 50-rule playbook.
func BenchmarkLoad(b *testing.B) {
	benchPlaybook(b, 50)
	for b.Loop() {
		benchPlaybook(b, 50)
	}
}
