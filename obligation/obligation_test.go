package obligation

import (
	"context"
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
)

// contract writes a short agreement around the given clauses (written for these
// tests), numbered 1., 2., ...
func contract(preamble string, clauses ...string) []byte {
	var b strings.Builder
	b.WriteString("SERVICES AGREEMENT\n\n")
	b.WriteString(preamble)
	b.WriteString("\n\n")
	for i, c := range clauses {
		b.WriteString(string(rune('1'+i)) + ". " + c + "\n\n")
	}
	b.WriteString("9. Governing Law. This Agreement is governed by the laws of the State of New York.\n")
	return []byte(b.String())
}

const dated = `This Services Agreement is entered into as of %s (the "Effective Date") by and between Acme Corp., a Delaware corporation ("Customer"), and Widget Ltd, a company registered in England and Wales ("Supplier").`

const undatedPreamble = `This Services Agreement is entered into by and between Acme Corp., a Delaware corporation ("Customer"), and Widget Ltd ("Supplier").`

func preamble(date string) string { return strings.Replace(dated, "%s", date, 1) }

func TestFromDocument(t *testing.T) {
	const renewal = `Term. This Agreement shall commence on the Effective Date and continue for an initial term of %s. Thereafter it shall automatically renew for successive one (1) year periods unless either party gives the other written notice of non-renewal at least %s prior to the end of the then current term.`
	term := func(initial, notice string) string {
		return strings.Replace(strings.Replace(renewal, "%s", initial, 1), "%s", notice, 1)
	}
	tests := []struct {
		name string
		text []byte
		asOf string
		// want maps kind to the due date, or to "-" + a words of the reason or trigger for an undated one
		want map[string]string
		// computation: a piece of the non-renewal notice computation
		computation string
	}{
		{
			name: "issue example: 3 years from 2024-04-01, 90 days",
			text: contract(preamble("April 1, 2024"), term("three (3) years", "ninety (90) days")),
			asOf: "2026-11-26",
			want: map[string]string{
				KindNonRenewalNotice: "2026-12-31", KindExpiration: "2027-03-31", KindRenewal: "2027-04-01",
			},
			computation: "the initial term ends 2027-03-31 (effective 2024-04-01 + 3 years); notice 90 days before: 2026-12-31",
		},
		{
			name: "window for the initial term passed: the next term's deadline, across 29 February",
			text: contract(preamble("April 1, 2024"), term("three (3) years", "ninety (90) days")),
			asOf: "2027-01-15",
			want: map[string]string{
				KindNonRenewalNotice: "2028-01-01", KindExpiration: "2027-03-31", KindRenewal: "2027-04-01",
			},
			computation: "next term 2027-04-01 to 2028-03-31, notice 90 days before: 2028-01-01",
		},
		{
			name: "renewed eleven times, sixty days prior to the end of the then current term",
			text: contract(preamble("January 1, 2015"), term("one (1) year", "sixty (60) days")),
			asOf: "2026-11-26",
			want: map[string]string{
				// the current term ends 2026-12-31; its deadline (2026-11-01) has passed
				KindNonRenewalNotice: "2027-11-01", KindExpiration: "2026-12-31", KindRenewal: "2027-01-01",
			},
			computation: "renewed 11 time(s) for 1 year",
		},
		{
			name: "on the deadline itself",
			text: contract(preamble("January 1, 2015"), term("one (1) year", "sixty (60) days")),
			asOf: "2026-11-01",
			want: map[string]string{KindNonRenewalNotice: "2026-11-01", KindExpiration: "2026-12-31"},
		},
		{
			name: "leap day start: a year from 29 February 2024 ends 28 February 2025",
			text: contract(preamble("February 29, 2024"), term("one (1) year", "thirty (30) days")),
			asOf: "2024-06-01",
			want: map[string]string{
				KindExpiration: "2025-02-28", KindRenewal: "2025-03-01", KindNonRenewalNotice: "2025-01-29",
			},
		},
		{
			name: "month end: notice three months before 31 May clamps to the end of February",
			text: contract(preamble("June 1, 2023"), term("two (2) years", "three (3) months")),
			asOf: "2024-01-01",
			want: map[string]string{KindExpiration: "2025-05-31", KindNonRenewalNotice: "2025-02-28"},
		},
		{
			name: "business days: ten business days before Friday 31 December 2027",
			text: contract(preamble("January 1, 2025"), term("three (3) years", "ten (10) business days")),
			asOf: "2026-11-26",
			// 2027-12-31 is a Friday; ten workdays back is Friday 17 December
			want: map[string]string{KindExpiration: "2027-12-31", KindNonRenewalNotice: "2027-12-17"},
		},
		{
			name: "no effective date: undated, with the reason",
			text: contract(undatedPreamble, term("two (2) years", "thirty (30) days")),
			asOf: "2026-11-26",
			want: map[string]string{
				KindExpiration:       "-no effective date",
				KindNonRenewalNotice: "-cannot be computed",
			},
		},
		{
			name: "a fixed term with a stated end: no renewal, no notice",
			text: contract(preamble("January 1, 2025"), `Term. This Agreement commences on the Effective Date and expires on December 31, 2027, unless terminated earlier in accordance with its terms.`),
			asOf: "2026-11-26",
			want: map[string]string{KindExpiration: "2027-12-31", KindRenewal: "", KindNonRenewalNotice: ""},
		},
		{
			name: "event-triggered obligations are undated and name their trigger",
			text: contract(preamble("January 1, 2025"),
				`Termination for Convenience. Customer may terminate this Agreement for convenience upon sixty (60) days' prior written notice to Supplier.`,
				`Termination for Breach. Either party may terminate this Agreement if the other party materially breaches it and fails to cure the breach within thirty (30) days after written notice.`,
				`Payment. Customer shall pay each invoice within forty-five (45) days of receipt.`,
				`Assignment. Neither party may assign this Agreement without the prior written consent of the other party, such consent not to be unreasonably withheld.`,
				`Change of Control. If Supplier undergoes a change of control, Customer may terminate this Agreement upon written notice.`),
			asOf: "2026-11-26",
			want: map[string]string{
				KindConvenienceNotice: "-terminate for convenience",
				KindCurePeriod:        "-notice of a breach",
				KindPayment:           "-invoice",
				KindConsentRequired:   "-assignment",
				KindChangeOfControl:   "-change of control",
				KindExpiration:        "",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.Parse(context.Background(), "contract.txt", tt.text, nil)
			if err != nil {
				t.Fatal(err)
			}
			asOf, err := extract.ParseDate(tt.asOf)
			if err != nil {
				t.Fatal(err)
			}
			obls := FromDocument(doc, Options{AsOf: asOf})
			got := map[string]Obligation{}
			for _, ob := range obls {
				if _, dup := got[ob.Kind]; dup {
					t.Errorf("two %s obligations", ob.Kind)
				}
				got[ob.Kind] = ob
			}
			for kind, want := range tt.want {
				ob, ok := got[kind]
				switch {
				case want == "":
					if ok {
						t.Errorf("%s: got %+v, want none", kind, ob)
					}
				case !ok:
					t.Errorf("%s: missing; got %+v", kind, obls)
				case strings.HasPrefix(want, "-"):
					if ob.Due != nil {
						t.Errorf("%s: due %s, want undated", kind, ob.Due)
					}
					if why := ob.Reason + " " + ob.Trigger; !strings.Contains(why, want[1:]) {
						t.Errorf("%s: reason %q, trigger %q; want one to say %q", kind, ob.Reason, ob.Trigger, want[1:])
					}
				case ob.Due == nil:
					t.Errorf("%s: undated (%s), want %s", kind, ob.Reason, want)
				case ob.Due.String() != want:
					t.Errorf("%s: due %s, want %s (%s)", kind, ob.Due, want, ob.Computation)
				}
				if ok && ob.Clause == "" {
					t.Errorf("%s: no clause cited", kind)
				}
				if ok && ob.Evidence.Text == "" {
					t.Errorf("%s: no evidence", kind)
				}
			}
			if tt.computation != "" && !strings.Contains(got[KindNonRenewalNotice].Computation, tt.computation) {
				t.Errorf("computation %q, want it to contain %q", got[KindNonRenewalNotice].Computation, tt.computation)
			}
			for i := 1; i < len(obls); i++ {
				a, b := obls[i-1].Due, obls[i].Due
				if a == nil && b != nil || a != nil && b != nil && b.Before(*a) {
					t.Errorf("not in due order: %v before %v", a, b)
				}
			}
		})
	}
}

func TestPlain(t *testing.T) {
	tests := []struct {
		p    extract.Duration
		want string
	}{
		{extract.Duration{Years: 3}, "3 years"},
		{extract.Duration{Years: 1}, "1 year"},
		{extract.Duration{Days: 90}, "90 days"},
		{extract.Duration{Days: 10, Business: true}, "10 business days"},
		{extract.Duration{Years: 1, Months: 6}, "1 year and 6 months"},
		{extract.Duration{Months: 1, Weeks: 2, Days: 3}, "1 month, 2 weeks and 3 days"},
		{extract.Duration{}, "0 days"},
	}
	for _, tt := range tests {
		if got := Plain(tt.p); got != tt.want {
			t.Errorf("Plain(%v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestFromDocumentAgreesWithNonRenewalDeadline checks that the non-renewal
// notice FromDocument lists and the deadline NonRenewalDeadline counts (the
// bulk abstract's) are the same day, as the as-of date walks through a
// contract's renewals.
func TestFromDocumentAgreesWithNonRenewalDeadline(t *testing.T) {
	text := contract(preamble("January 31, 2023"), `Term. This Agreement shall commence on the Effective Date and continue for an initial term of one (1) year. Thereafter it shall automatically renew for successive one (1) year periods unless either party gives the other written notice of non-renewal at least sixty (60) days prior to the end of the then current term.`)
	doc, err := extract.Parse(context.Background(), "contract.txt", text, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := RenewalFromTerms(doc.Terms)
	checked := 0
	for asOf := (extract.Date{Year: 2023, Month: 6, Day: 1}); asOf.Year < 2029; asOf = asOf.AddDays(17) {
		var got *extract.Date
		for _, ob := range FromDocument(doc, Options{AsOf: asOf}) {
			if ob.Kind == KindNonRenewalNotice {
				got = ob.Due
			}
		}
		want, err := NonRenewalDeadline(r, asOf)
		switch {
		case err != nil || got == nil:
			t.Fatalf("as of %s: FromDocument %v, NonRenewalDeadline %v (%v)", asOf, got, want.Date, err)
		case *got != want.Date:
			t.Errorf("as of %s: FromDocument says %s, NonRenewalDeadline %s", asOf, got, want.Date)
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d days checked", checked)
	}
}
