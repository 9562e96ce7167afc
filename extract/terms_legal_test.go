package extract

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// tlPreamble names the parties of the hand-written clauses below.
const tlPreamble = "MASTER SERVICES AGREEMENT\n\nThis Master Services Agreement is made on June 1, 2020 between Acme Corp., a Delaware corporation (\"Supplier\"), and Beta LLC (\"Customer\").\n\n"

// tlFormat writes a term value as the tests below state it: lists joined by
// commas, durations and money by their String, numbers by %g.
func tlFormat(v any) string {
	switch v := v.(type) {
	case []string:
		return strings.Join(v, ",")
	case float64:
		return fmt.Sprintf("%g", v)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// tlTerms parses text and returns its terms by kind, with their evidence text.
func tlTerms(tb testing.TB, text string) (map[TermKind]string, map[TermKind]string) {
	tb.Helper()
	doc, err := Parse(context.Background(), "x.txt", []byte(text), nil)
	if err != nil {
		tb.Fatal(err)
	}
	vals, evs := map[TermKind]string{}, map[TermKind]string{}
	for _, t := range doc.Terms {
		vals[t.Kind] = tlFormat(t.Value)
		evs[t.Kind] = doc.Text(t.Evidence)
		c := doc.Clauses[t.Clause].Span
		if t.Evidence.Start.Block < c.Start.Block || t.Evidence.End.Block > c.End.Block ||
			t.Evidence.Start.Block == c.Start.Block && t.Evidence.Start.Offset < c.Start.Offset ||
			t.Evidence.End.Block == c.End.Block && t.Evidence.End.Offset > c.End.Offset {
			tb.Errorf("%s: evidence %v lies outside clause %s %v", t.Kind, t.Evidence, doc.Clauses[t.Clause].ID, c)
		}
	}
	return vals, evs
}

// TestLegalTerms checks the assignment, change of control, indemnification,
// liability and payment terms of hand-written clauses: want gives each kind's
// value ("" when the kind must be absent), evidence words the evidence must hold.
func TestLegalTerms(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		want     map[TermKind]string
		evidence map[TermKind]string
	}{
		{
			name: "mutual assignment with affiliate exception",
			text: "12. Assignment. Neither party may assign this Agreement without the prior written consent of the other party, except to an Affiliate.",
			want: map[TermKind]string{
				"assignment_consent_required":  "true",
				"assignment_consent_party":     "other party",
				"assignment_consent_standard":  "unqualified",
				"assignment_mutual":            "true",
				"assignment_exceptions":        "affiliate",
				"assignment_change_of_control": "",
			},
			evidence: map[TermKind]string{
				"assignment_mutual":     "Neither party may assign",
				"assignment_exceptions": "except to an Affiliate",
			},
		},
		{
			name: "one-way restriction, not to be unreasonably withheld",
			text: "12. Assignment. Supplier shall not assign or transfer this Agreement without Customer's prior written consent, such consent not to be unreasonably withheld.",
			want: map[TermKind]string{
				"assignment_consent_required": "true",
				"assignment_consent_party":    "Customer",
				"assignment_consent_standard": "not_unreasonably_withheld",
				"assignment_mutual":           "false",
				"assignment_exceptions":       "",
			},
			evidence: map[TermKind]string{
				"assignment_consent_standard": "not to be unreasonably withheld",
				"assignment_consent_party":    "Customer's prior written consent",
				"assignment_mutual":           "Supplier shall not assign",
			},
		},
		{
			name: "withheld, conditioned or delayed; merger and sale of assets; change of control deemed an assignment",
			text: "14. Assignment. Neither party shall assign this Agreement without the consent of the other party, which consent shall not be unreasonably withheld, conditioned or delayed; provided, however, that either party may assign this Agreement without consent in connection with a merger, acquisition or sale of all or substantially all of its assets. A change of control of either party shall be deemed an assignment for the purposes of this Section.",
			want: map[TermKind]string{
				"assignment_consent_standard":  "not_unreasonably_withheld",
				"assignment_exceptions":        "merger,sale_of_assets",
				"assignment_change_of_control": "true",
				"change_of_control_triggers":   "consent",
			},
			evidence: map[TermKind]string{
				"assignment_change_of_control": "change of control of either party shall be deemed an assignment",
				"assignment_exceptions":        "sale of all or substantially all of its assets",
			},
		},
		{
			name: "sole discretion",
			text: "9. Assignment. Customer shall not assign, novate or otherwise transfer this Agreement without the prior written consent of Supplier, which consent may be withheld in Supplier's sole discretion.",
			want: map[TermKind]string{
				"assignment_consent_party":    "Supplier",
				"assignment_consent_standard": "sole_discretion",
				"assignment_mutual":           "false",
			},
		},
		{
			name: "passive restriction by either party",
			text: "15. Assignment. This Agreement may not be assigned by either party without the prior written approval of the other party.",
			want: map[TermKind]string{
				"assignment_consent_required": "true",
				"assignment_mutual":           "true",
				"assignment_consent_party":    "other party",
			},
		},
		{
			name: "change of control is not an assignment",
			text: "15. Assignment. Neither party may assign this Agreement without the prior written consent of the other party. A change of control of a party shall not be deemed an assignment.",
			want: map[TermKind]string{
				"assignment_change_of_control": "false",
				"change_of_control_triggers":   "",
			},
		},
		{
			name: "free assignment",
			text: "15. Assignment. Either party may assign this Agreement without the consent of the other party.",
			want: map[TermKind]string{
				"assignment_consent_required": "false",
				"assignment_mutual":           "",
				"assignment_consent_standard": "",
			},
		},
		{
			name: "exceptions listed after except that:",
			text: "9. Assignment. Neither party may assign this Agreement without the other party's written consent, which consent will not be unreasonably withheld, except that: (a) a party's rights and obligations may be transferred to a successor to all or substantially all of the business and assets of that party; and (b) Supplier may assign its rights to any entity that operates the Website.",
			want: map[TermKind]string{
				"assignment_consent_party":    "other party",
				"assignment_consent_standard": "not_unreasonably_withheld",
				"assignment_exceptions":       "sale_of_assets",
				"assignment_mutual":           "true",
			},
			evidence: map[TermKind]string{"assignment_consent_standard": "not be unreasonably withheld"},
		},
		{
			name: "subject with no: no member shall",
			text: "9. Transfer of Interest Prohibited. No Member shall be entitled to sell, pledge or transfer its interest in this Agreement without the consent of the other Member.",
			want: map[TermKind]string{
				"assignment_consent_required": "true",
				"assignment_consent_party":    "other party",
				"assignment_mutual":           "true",
			},
		},
		{
			name: "neither this agreement nor any right shall be assigned; consent of the other",
			text: "9. Assignment. Neither this Agreement nor any interest herein may be assigned, in whole or in part, by either party without the prior written consent of the other, which consent shall not be unreasonably withheld or delayed, except that either party may assign this Agreement to an affiliate.",
			want: map[TermKind]string{
				"assignment_consent_required": "true",
				"assignment_consent_party":    "other party",
				"assignment_consent_standard": "not_unreasonably_withheld",
				"assignment_mutual":           "true",
				"assignment_exceptions":       "affiliate",
			},
			evidence: map[TermKind]string{
				"assignment_mutual":           "may be assigned, in whole or in part, by either party",
				"assignment_consent_standard": "not be unreasonably withheld or delayed",
			},
		},
		{
			name: "change of control named as a way of assigning; consent of the other, not of the party in the proviso",
			text: "9. Assignment. Neither party may, directly or indirectly (including in connection with a change of control transaction), assign this Agreement without the prior written consent of the other; provided that Supplier may assign this Agreement to its affiliates without Customer's prior written consent.",
			want: map[TermKind]string{
				"assignment_consent_party":     "other party",
				"assignment_change_of_control": "true",
				"assignment_exceptions":        "affiliate",
			},
		},
		{
			name: "an assignment for the benefit of creditors is not a restriction",
			text: "9. Assignment. Customer shall not be released from this Agreement if Customer makes an assignment for the benefit of its creditors. Supplier may not assign this Agreement without the prior written consent of Customer.",
			want: map[TermKind]string{
				"assignment_mutual":        "false",
				"assignment_consent_party": "Customer",
			},
			evidence: map[TermKind]string{"assignment_mutual": "Supplier may not assign"},
		},
		{
			name: "exception stated as no consent required; by a party",
			text: "9. Assignment. This Agreement may not be assigned by a party without the written consent of the other party (which will not be unreasonably withheld), except that no such consent will be required in connection with a merger or sale of all or substantially all of such party's assets.",
			want: map[TermKind]string{
				"assignment_mutual":           "true",
				"assignment_consent_standard": "not_unreasonably_withheld",
				"assignment_exceptions":       "merger,sale_of_assets",
			},
		},
		{
			name: "an aside in parentheses does not end the restriction",
			text: "9. Assignment. Supplier shall not assign any right under this Agreement (excepting monies due) without prior consent of Customer.",
			want: map[TermKind]string{
				"assignment_consent_required": "true",
				"assignment_consent_party":    "Customer",
				"assignment_exceptions":       "",
			},
		},
		{
			name: "change of control termination right",
			text: "16. Change of Control. Supplier may terminate this Agreement on thirty (30) days' notice if Customer undergoes a change of control.",
			want: map[TermKind]string{
				"change_of_control_triggers": "termination",
				"change_of_control_party":    "Supplier",
			},
			evidence: map[TermKind]string{"change_of_control_party": "Supplier may terminate"},
		},
		{
			name: "change of control notice and termination by either party",
			text: "16. Change of Control. Each party shall promptly notify the other party in writing of any change of control of such party. Either party may terminate this Agreement upon written notice if the other party is acquired by a competitor of the terminating party.",
			want: map[TermKind]string{
				"change_of_control_triggers": "termination,notice",
				"change_of_control_party":    "either party",
			},
		},
		{
			name: "change of control needs consent",
			text: "16. Change of Control. Any change of control of Supplier shall require the prior written consent of Customer.",
			want: map[TermKind]string{
				"change_of_control_triggers": "consent",
				"change_of_control_party":    "Customer",
			},
		},
		{
			name: "change of control: the other party shall have the right, upon notice, to terminate",
			text: "16. Change of Control. In the event of a change in control of a Party, the other Party shall have the right, upon written prior notice, to terminate this Agreement.",
			want: map[TermKind]string{
				"change_of_control_triggers": "termination",
				"change_of_control_party":    "either party",
			},
		},
		{
			name: "change of control: notice duty and an option to terminate",
			text: "16. Change of Control. Customer will notify Supplier in writing as soon as possible after Customer announces publicly any proposed Change of Control of Customer. Supplier will have the option to terminate this Agreement upon written notice to Customer.",
			want: map[TermKind]string{
				"change_of_control_triggers": "termination,notice",
				"change_of_control_party":    "Supplier",
			},
		},
		{
			name: "change of control in a list under a termination right",
			text: "16. Termination. Either party may terminate this Agreement upon written notice if:\n\n(a) the other party becomes insolvent; or\n\n(b) the voting stock of the other party is transferred to a third party so as to result in a change of control of the other party.",
			want: map[TermKind]string{
				"change_of_control_triggers": "termination",
				"change_of_control_party":    "either party",
			},
		},
		{
			name: "a definition and the end of a restriction are no triggers",
			text: "1. Definitions. \"Change of Control\" means the acquisition of more than fifty percent of the voting securities of a party.\n\n16. Standstill. The restrictions in this Section shall terminate upon a Change of Control of Customer.",
			want: map[TermKind]string{
				"change_of_control_triggers": "",
				"change_of_control_party":    "",
			},
		},
		{
			name: "mutual indemnity",
			text: "10. Indemnification. Each party shall defend, indemnify and hold harmless the other party from and against any and all losses arising out of any third party claim alleging bodily injury, death or damage to tangible property caused by the gross negligence or willful misconduct of the indemnifying party. The indemnifying party shall have the right to control the defense and settlement of any such claim.",
			want: map[TermKind]string{
				"indemnification_mutual":          "true",
				"indemnifying_party":              "each party",
				"indemnification_scope":           "third_party_claims,bodily_injury_property,gross_negligence",
				"indemnification_defense_control": "indemnifying_party",
				"indemnification_outside_cap":     "",
			},
			evidence: map[TermKind]string{
				"indemnifying_party":              "Each party shall defend, indemnify",
				"indemnification_defense_control": "indemnifying party shall have the right to control the defense",
			},
		},
		{
			name: "one-way IP indemnity, indemnitee controls",
			text: "10. Indemnification. Supplier shall indemnify Customer against all claims by third parties that the Services infringe any patent, copyright or trade secret, and against any breach of this Agreement by Supplier. The indemnified party shall have sole control of the defense of any such claim.",
			want: map[TermKind]string{
				"indemnification_mutual":          "false",
				"indemnifying_party":              "Supplier",
				"indemnification_scope":           "third_party_claims,ip_infringement,breach",
				"indemnification_defense_control": "indemnified_party",
			},
		},
		{
			name: "two parties each indemnify",
			text: "10. Indemnification.\n\n10.1 Supplier shall indemnify Customer against any claim that the Services infringe a third party's intellectual property rights.\n\n10.2 Customer shall indemnify Supplier against any claim arising from Customer's breach of its data protection obligations.",
			want: map[TermKind]string{
				"indemnification_mutual": "true",
				"indemnifying_party":     "each party",
				"indemnification_scope":  "third_party_claims,ip_infringement,data_protection",
			},
		},
		{
			name: "cap on fees in the preceding twelve months, carve-outs",
			text: "11. Limitation of Liability. In no event shall either party be liable for any indirect, incidental, special or consequential damages. Except for a party's indemnification obligations, breach of confidentiality or gross negligence, in no event shall either party's aggregate liability exceed the fees paid by Customer in the twelve (12) months preceding the claim.",
			want: map[TermKind]string{
				"consequential_damages_excluded": "true",
				"liability_cap_multiple":         "1",
				"liability_cap_period":           "P12M",
				"liability_cap_amount":           "",
				"liability_cap_carve_outs":       "indemnification,confidentiality,gross_negligence",
				"indemnification_outside_cap":    "true",
			},
			evidence: map[TermKind]string{
				"liability_cap_period":           "twelve (12) months",
				"consequential_damages_excluded": "indirect, incidental, special or consequential damages",
				"liability_cap_carve_outs":       "Except for a party's indemnification obligations",
			},
		},
		{
			name: "two times the fees",
			text: "11. Limitation of Liability. Each party's total liability under this Agreement shall not exceed two times the fees paid or payable under this Agreement during the one (1) year period before the event giving rise to the claim.",
			want: map[TermKind]string{
				"liability_cap_multiple": "2",
				"liability_cap_period":   "P1Y",
			},
		},
		{
			name: "150 percent of the fees",
			text: "11. Limitation of Liability. Supplier's aggregate liability shall be limited to 150% of the fees paid hereunder.",
			want: map[TermKind]string{
				"liability_cap_multiple": "1.5",
				"liability_cap_period":   "",
			},
		},
		{
			name: "cap applies to indemnities too",
			text: "11. Limitation of Liability. The total liability of either party, including its indemnification obligations, shall not exceed the amounts paid by Customer under this Agreement.",
			want: map[TermKind]string{
				"liability_cap_multiple":      "1",
				"indemnification_outside_cap": "false",
				"liability_cap_carve_outs":    "",
			},
		},
		{
			name: "cap carve-outs after the cap: shall not apply to",
			text: "11. Limitation of Liability. In no event shall either party's total liability exceed the fees paid in the six (6) months prior to the claim. The foregoing limitation shall not apply to a party's fraud, death or personal injury, or Customer's obligation to pay fees.",
			want: map[TermKind]string{
				"liability_cap_period":     "P6M",
				"liability_cap_carve_outs": "fraud,bodily_injury,payment",
			},
		},
		{
			name: "defence control: the side that is the subject",
			text: "10. Indemnification. Each party shall indemnify the other party against third party claims arising from its breach of this Agreement. Upon such notice, the indemnifying party shall defend the indemnitee against the claim and shall be entitled to assume control of the defense.",
			want: map[TermKind]string{
				"indemnification_defense_control": "indemnifying_party",
				"indemnification_scope":           "third_party_claims,breach",
			},
		},
		{
			name: "purchase price cap; carve-out in the case of; neither ... nor ... shall have any liability",
			text: "11. Limitation of Liability. Seller's total liability for all claims shall be no greater than an amount equal to the purchase price of the products. NEITHER SELLER NOR BUYER SHALL HAVE ANY LIABILITY FOR ANY SPECIAL, INCIDENTAL OR CONSEQUENTIAL DAMAGES; PROVIDED THAT SUCH LIMITATION SHALL NOT APPLY IN THE CASE OF FRAUD OR WILLFUL MISCONDUCT.",
			want: map[TermKind]string{
				"liability_cap_multiple":         "1",
				"consequential_damages_excluded": "true",
				"liability_cap_carve_outs":       "wilful_misconduct,fraud",
			},
		},
		{
			name: "an exception in an indemnity is not a carve-out from the cap",
			text: "11. Limitation of Liability. Each party's aggregate liability shall not exceed the fees paid under this Agreement. Customer shall indemnify Supplier against all claims, except to the extent caused by the gross negligence of Supplier.",
			want: map[TermKind]string{
				"liability_cap_multiple":   "1",
				"liability_cap_carve_outs": "",
			},
		},
		{
			name: "payment within thirty days of the invoice date, interest per month",
			text: "5. Payment. Customer shall pay each invoice within thirty (30) days of the invoice date. Late payments shall bear interest at the lesser of 1.5% per month and the maximum rate permitted by law.",
			want: map[TermKind]string{
				"payment_term":         "P30D",
				"late_interest_rate":   "1.5",
				"late_interest_period": "P1M",
			},
			evidence: map[TermKind]string{
				"payment_term":         "within thirty (30) days of the invoice date",
				"late_interest_period": "1.5% per month",
			},
		},
		{
			name: "net 45, interest per annum",
			text: "5. Fees and Payment. All invoices are payable net 45. Overdue amounts shall accrue interest at a rate of eight percent (8%) per annum.",
			want: map[TermKind]string{
				"payment_term":         "P45D",
				"late_interest_rate":   "8",
				"late_interest_period": "P1Y",
			},
		},
		{
			name: "interest as a margin over the prime rate",
			text: "5. Payment. Customer shall pay each invoice within ten (10) days following receipt. Customer shall pay interest upon any sum overdue under this Agreement at three (3) percent per annum above the prime rate.",
			want: map[TermKind]string{
				"payment_term":         "P10D",
				"late_interest_rate":   "3",
				"late_interest_period": "P1Y",
			},
			evidence: map[TermKind]string{"payment_term": "within ten (10) days following receipt"},
		},
		{
			name: "an annual rate stated before the margin",
			text: "5. Payment. Payments more than 30 days past due shall accrue interest at an annual rate equal to the prime rate plus an additional 200 basis points (2%).",
			want: map[TermKind]string{
				"payment_term":         "",
				"late_interest_rate":   "2",
				"late_interest_period": "P1Y",
			},
		},
		{
			name: "a deadline after termination is not a payment term",
			text: "5. Payment. Within fifteen (15) days after the date of termination, Customer shall furnish to Supplier a written statement of the Products in stock and shall pay for them.",
			want: map[TermKind]string{"payment_term": ""},
		},
		{
			name: "royalty deadline is not an invoice payment term",
			text: "5. Payment. Licensee shall pay the royalties within thirty (30) days after the end of each calendar quarter.",
			want: map[TermKind]string{
				"payment_term":       "",
				"late_interest_rate": "",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ev := tlTerms(t, tlPreamble+tt.text)
			kinds := make([]string, 0, len(tt.want))
			for k := range tt.want {
				kinds = append(kinds, string(k))
			}
			sort.Strings(kinds)
			for _, k := range kinds {
				want := tt.want[TermKind(k)]
				g, ok := got[TermKind(k)]
				switch {
				case want == "" && ok:
					t.Errorf("%s = %q (evidence %q), want none", k, g, ev[TermKind(k)])
				case want != "" && g != want:
					t.Errorf("%s = %q (evidence %q), want %q", k, g, ev[TermKind(k)], want)
				}
			}
			for k, w := range tt.evidence {
				if !strings.Contains(ev[k], w) {
					t.Errorf("%s evidence = %q, want it to hold %q", k, ev[k], w)
				}
			}
		})
	}
}

// TestLegalTermsFromClause checks terms of clauses read without a preamble (as
// playbook tests give them) or with one that defines other roles: the promise
// to indemnify, the measure and carve-outs of the cap. Regression cases for
// wordings found while writing the shipped playbooks (issue 4).
func TestLegalTermsFromClause(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		want     map[TermKind]string
		evidence map[TermKind]string
	}{
		{
			name: "second promise of a coordinated predicate keeps its subject",
			text: "10.1 Indemnification by Provider. Provider shall defend Customer against any third-party claim alleging that the Services infringe any patent, and shall indemnify Customer against all damages finally awarded.",
			want: map[TermKind]string{
				"indemnification_mutual": "false",
				"indemnifying_party":     "Provider",
				"indemnification_scope":  "third_party_claims,ip_infringement",
			},
			evidence: map[TermKind]string{"indemnifying_party": "Provider shall defend"},
		},
		{
			name: "party named in an aside is not the subject",
			text: "10. Indemnity. Provider, at its own expense and with counsel reasonably acceptable to Customer, shall defend Customer against any third-party claim.",
			want: map[TermKind]string{
				"indemnification_mutual": "false",
				"indemnifying_party":     "Provider",
			},
		},
		{
			name: "each party promising in turn is mutual",
			text: "10. Indemnity. Provider shall defend Customer against any third-party claim of infringement. Customer shall indemnify Provider against any claim arising from Customer Data.",
			want: map[TermKind]string{
				"indemnification_mutual": "true",
				"indemnifying_party":     "each party",
			},
		},
		{
			name: "an undefined name beside a role word does not make it mutual",
			text: "10. Indemnity. Provider shall defend Customer against any third-party claim. NORTHWIND shall also indemnify Customer against all damages finally awarded.",
			want: map[TermKind]string{
				"indemnification_mutual": "false",
				"indemnifying_party":     "Provider",
			},
		},
		{
			name: "under no circumstances ... exceed, far from the negation",
			text: "11.1 Limitation of Liability. Under no circumstances shall either party's total liability arising out of or relating to this Agreement exceed the fees paid in the twelve (12) months preceding the claim.",
			want: map[TermKind]string{
				"liability_cap_multiple": "1",
				"liability_cap_period":   "P12M",
			},
			evidence: map[TermKind]string{"liability_cap_period": "twelve (12) months"},
		},
		{
			name: "fees paid by the customer",
			text: "11.1 Limits. Each party's aggregate liability under this Agreement shall not exceed two (2) times the fees paid by Customer in the twelve (12) months preceding the claim.",
			want: map[TermKind]string{
				"liability_cap_multiple": "2",
				"liability_cap_period":   "P12M",
			},
		},
		{
			name: "limitations that do not apply, in their own clause",
			text: "11.1 Limits. Each party's aggregate liability shall not exceed the fees paid in the twelve (12) months preceding the claim.\n\n11.2 Exceptions. The limitations in Section 11.1 do not apply to a party's indemnification obligations or to its breach of confidentiality.",
			want: map[TermKind]string{
				"liability_cap_carve_outs":    "indemnification,confidentiality",
				"indemnification_outside_cap": "true",
			},
			evidence: map[TermKind]string{"liability_cap_carve_outs": "do not apply to a party's indemnification obligations"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ev := tlTerms(t, tt.text)
			for k, want := range tt.want {
				g, ok := got[k]
				switch {
				case want == "" && ok:
					t.Errorf("%s = %q (evidence %q), want none", k, g, ev[k])
				case want != "" && g != want:
					t.Errorf("%s = %q (evidence %q), want %q", k, g, ev[k], want)
				}
			}
			for k, w := range tt.evidence {
				if !strings.Contains(ev[k], w) {
					t.Errorf("%s evidence = %q, want it to hold %q", k, ev[k], w)
				}
			}
		})
	}
}

// TestSubjectBefore checks tlSubjectBefore, which names the party that is the
// subject of a verb when findParties may have found none.
func TestSubjectBefore(t *testing.T) {
	tests := []struct {
		name, preamble, text, verb, want, words string
	}{
		{"role word without parties", "", "Customer may terminate this Agreement at any time for convenience.", "may terminate", "Customer", "Customer"},
		{"either party", "", "Either party may terminate this Agreement for convenience.", "may terminate", "either party", "Either party"},
		{"each party is either party", "", "Each party may terminate this Agreement for convenience.", "may terminate", "either party", "Each party"},
		{"capitalised name", "", "NORTHWIND may terminate this Agreement for convenience.", "may terminate", "NORTHWIND", "NORTHWIND"},
		{"name of a known party", tlPreamble, "Acme may terminate this Agreement for convenience.", "may terminate", "Supplier", "Acme"},
		{"other party", "", "The other party may terminate this Agreement.", "may terminate", "", ""},
		{"no subject", "", "This Agreement may be terminated for convenience.", "may be", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(context.Background(), "x.txt", []byte(tt.preamble+"1. Ending. "+tt.text), nil)
			if err != nil {
				t.Fatal(err)
			}
			tc := &termContext{doc: doc, sents: make(map[int][]termSentence), terms: doc.Terms}
			for ci := range doc.Clauses {
				for _, s := range tc.sentences(ci) {
					at := strings.Index(s.Text, tt.verb)
					if at < 0 {
						continue
					}
					got, from, to := tlSubjectBefore(tc, s, 0, at)
					if got != tt.want || s.Text[from:to] != tt.words {
						t.Errorf("got %q «%s», want %q «%s»", got, s.Text[from:to], tt.want, tt.words)
					}
					return
				}
			}
			t.Fatalf("no sentence holds %q", tt.verb)
		})
	}
}
