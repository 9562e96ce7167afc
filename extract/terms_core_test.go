package extract

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// trPreamble dates the hand-written contracts below: effective 1 April 2024.
const trPreamble = `SERVICES AGREEMENT

This Services Agreement is entered into as of April 1, 2024 (the "Effective Date") by and between Acme Corp., a Delaware corporation ("Supplier"), and Beta LLC, a New York limited liability company ("Customer").

`

// trWant is one expected term: its value as printed, the words cited as
// evidence, and for computed values the note.
type trWant struct {
	value    string
	evidence string
	computed bool
	note     string
}

// trKinds are the kinds findTermAndRenewal, findConvenienceTermination and
// findCurePeriod produce.
var trKinds = []TermKind{"initial_term", "expiration_date", "perpetual", "auto_renewal", "renewal_term",
	"renewal_limit", "renewal_notice_period", "renewal_notice_party", "convenience_termination_party",
	"convenience_notice_period", "cure_period"}

func TestTermAndRenewalTerms(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[TermKind]trWant // every kind of trKinds not listed must be absent
	}{
		{
			name: "automatic renewal with non-renewal notice",
			text: trPreamble + `1. Term. The initial term of this Agreement shall be three (3) years from the Effective Date. Thereafter this Agreement shall automatically renew for successive one (1) year periods unless either party gives written notice of non-renewal at least ninety (90) days prior to the end of the then-current term.`,
			want: map[TermKind]trWant{
				"initial_term":          {value: "P3Y", evidence: "three (3) years"},
				"expiration_date":       {value: "2027-03-31", evidence: "three (3) years", computed: true, note: "effective 2024-04-01 + P3Y, less one day"},
				"auto_renewal":          {value: "true", evidence: "automatically renew"},
				"renewal_term":          {value: "P1Y", evidence: "one (1) year"},
				"renewal_notice_period": {value: "P90D", evidence: "ninety (90) days"},
				"renewal_notice_party":  {value: "either party", evidence: "either party"},
			},
		},
		{
			name: "term in months, expiration stated as a date",
			text: trPreamble + `1. Term. This Agreement shall commence on the Effective Date and continue for a period of eighteen (18) months. Notwithstanding the foregoing, this Agreement shall expire on December 31, 2025.`,
			want: map[TermKind]trWant{
				"initial_term":    {value: "P18M", evidence: "eighteen (18) months"},
				"expiration_date": {value: "2025-12-31", evidence: "December 31, 2025"},
			},
		},
		{
			name: "expiration stated with until",
			text: trPreamble + `2. Term. This Agreement shall commence on the Effective Date and shall remain in effect until June 30, 2026, unless terminated earlier in accordance with Section 9.`,
			want: map[TermKind]trWant{
				"expiration_date": {value: "2026-06-30", evidence: "June 30, 2026"},
			},
		},
		{
			name: "term ending on an anniversary",
			text: trPreamble + `3. Term. This Agreement will commence on the Effective Date and will terminate on the third anniversary of the Effective Date, unless earlier terminated as provided herein.`,
			want: map[TermKind]trWant{
				"initial_term":    {value: "P3Y", evidence: "third anniversary"},
				"expiration_date": {value: "2027-04-01", evidence: "third anniversary", computed: true, note: "effective 2024-04-01 + P3Y: the anniversary"},
			},
		},
		{
			name: "term counted from an undated event is not computed",
			text: trPreamble + `3. Term. The term of this Agreement shall continue for two (2) years following the Launch Date, unless earlier terminated as provided herein.`,
			want: map[TermKind]trWant{
				"initial_term": {value: "P2Y", evidence: "two (2) years"},
			},
		},
		{
			name: "renewal by mutual agreement is not automatic",
			text: trPreamble + `4. Term and Renewal. The term of this Agreement shall be five (5) years from the Effective Date. This Agreement may be renewed for an additional two (2) year term by mutual written agreement of the parties.`,
			want: map[TermKind]trWant{
				"initial_term":    {value: "P5Y", evidence: "five (5) years"},
				"expiration_date": {value: "2029-03-31", evidence: "five (5) years", computed: true, note: "effective 2024-04-01 + P5Y, less one day"},
				"auto_renewal":    {value: "false", evidence: "may be renewed"},
				"renewal_term":    {value: "P2Y", evidence: "two (2) year"},
			},
		},
		{
			name: "renewal option with a limit; notice to exercise it is not a non-renewal notice",
			text: trPreamble + `5. Renewal. Customer shall have the option to renew this Agreement for up to two (2) additional terms of five (5) years each by giving written notice at least six (6) months prior to the expiration of the then-current term.`,
			want: map[TermKind]trWant{
				"auto_renewal":  {value: "false", evidence: "option to renew"},
				"renewal_term":  {value: "P5Y", evidence: "five (5) years"},
				"renewal_limit": {value: "2", evidence: "two (2) additional terms"},
			},
		},
		{
			name: "evergreen month to month",
			text: trPreamble + `6. Term. This Agreement shall remain in effect for one (1) year from the Effective Date. After the initial term, this Agreement shall continue on a month to month basis until terminated by either party upon thirty (30) days prior written notice.`,
			want: map[TermKind]trWant{
				"initial_term":          {value: "P1Y", evidence: "one (1) year"},
				"expiration_date":       {value: "2025-03-31", evidence: "one (1) year", computed: true, note: "effective 2024-04-01 + P1Y, less one day"},
				"auto_renewal":          {value: "true", evidence: "continue on a month to month basis"},
				"renewal_term":          {value: "P1M", evidence: "month to month"},
				"renewal_notice_period": {value: "P30D", evidence: "thirty (30) days"},
				"renewal_notice_party":  {value: "either party", evidence: "either party"},
			},
		},
		{
			name: "perpetual",
			text: trPreamble + `7. Term. This Agreement shall commence on the Effective Date and shall continue in perpetuity unless terminated in accordance with Section 8.`,
			want: map[TermKind]trWant{
				"perpetual": {value: "true", evidence: "in perpetuity"},
			},
		},
		{
			name: "termination for convenience and cure period",
			text: trPreamble + `8. Termination.
8.1 Either party may terminate this Agreement for any reason upon thirty (30) days' prior written notice to the other party.
8.2 Either party may terminate this Agreement if the other party materially breaches this Agreement and fails to cure such breach within fifteen (15) days after written notice thereof.`,
			want: map[TermKind]trWant{
				"convenience_termination_party": {value: "either party", evidence: "Either party"},
				"convenience_notice_period":     {value: "P30D", evidence: "thirty (30) days"},
				"cure_period":                   {value: "P15D", evidence: "fifteen (15) days"},
			},
		},
		{
			name: "renewed automatically; a party's defined term gives notice",
			text: trPreamble + `9. Term. This Agreement shall be in effect for a term of two (2) years and shall be renewed automatically for additional terms of twelve (12) months each, unless Customer notifies Supplier in writing of its intention not to renew no later than sixty (60) days before the expiration of the then current term.`,
			want: map[TermKind]trWant{
				"initial_term":          {value: "P2Y", evidence: "two (2) years"},
				"expiration_date":       {value: "2026-03-31", evidence: "two (2) years", computed: true, note: "effective 2024-04-01 + P2Y, less one day"},
				"auto_renewal":          {value: "true", evidence: "renewed automatically"},
				"renewal_term":          {value: "P12M", evidence: "twelve (12) months"},
				"renewal_notice_period": {value: "P60D", evidence: "sixty (60) days"},
				"renewal_notice_party":  {value: "Customer", evidence: "Customer"},
			},
		},
		{
			name: "one party may terminate for convenience",
			text: trPreamble + `10. Termination for Convenience. Customer may terminate this Agreement for convenience at any time upon sixty (60) days' written notice to Supplier.`,
			want: map[TermKind]trWant{
				"convenience_termination_party": {value: "Customer", evidence: "Customer"},
				"convenience_notice_period":     {value: "P60D", evidence: "sixty (60) days"},
			},
		},
		{
			name: "convenience party without a preamble",
			text: `10. Termination for Convenience. Customer may terminate this Agreement for convenience at any time upon sixty (60) days' written notice to Supplier.`,
			want: map[TermKind]trWant{
				"convenience_termination_party": {value: "Customer", evidence: "Customer"},
				"convenience_notice_period":     {value: "P60D", evidence: "sixty (60) days"},
			},
		},
		{
			name: "termination for breach is not for convenience",
			text: trPreamble + `11. Termination. Supplier may terminate this Agreement upon thirty (30) days' written notice if Customer fails to pay any amount when due and does not remedy the failure within ten (10) business days.`,
			want: map[TermKind]trWant{
				"cure_period": {value: "P10D", evidence: "ten (10) business days"},
			},
		},
		{
			name: "periods that are not the term",
			text: trPreamble + `1. Warranty. Supplier warrants that the Services will conform to the specifications for a warranty period of twelve (12) months from delivery.
2. Payment. Customer shall pay each undisputed invoice within thirty (30) days after receipt.
3. Confidentiality. The obligations in this Section shall survive for a period of five (5) years after the termination of this Agreement.
4. Term. This Agreement shall commence on the Effective Date and shall remain in effect until June 30, 2027.`,
			want: map[TermKind]trWant{
				"expiration_date": {value: "2027-06-30", evidence: "June 30, 2027"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(t.Context(), "x.txt", []byte(tt.text), nil)
			if err != nil {
				t.Fatal(err)
			}
			got := make(map[TermKind]Term)
			for _, term := range doc.Terms {
				got[term.Kind] = term
			}
			var diffs []string
			for _, k := range trKinds {
				term, ok := got[k]
				w, want := tt.want[k]
				switch {
				case !ok && !want:
					continue
				case !ok:
					diffs = append(diffs, fmt.Sprintf("%s: missing, want %q", k, w.value))
					continue
				case !want:
					diffs = append(diffs, fmt.Sprintf("%s: got %v (%q), want none", k, term.Value, doc.Text(term.Evidence)))
					continue
				}
				info, _ := termInfo(k)
				if gt := trGoType(term.Value); gt != info.GoType {
					diffs = append(diffs, fmt.Sprintf("%s: value of type %s, catalogue says %s", k, gt, info.GoType))
				}
				if v := fmt.Sprint(term.Value); v != w.value {
					diffs = append(diffs, fmt.Sprintf("%s: value %s, want %s", k, v, w.value))
				}
				if e := doc.Text(term.Evidence); e != w.evidence {
					diffs = append(diffs, fmt.Sprintf("%s: evidence %q, want %q", k, e, w.evidence))
				}
				if term.Evidence.Start.Block != term.Evidence.End.Block || !trInside(doc.Clauses[term.Clause].Span, term.Evidence) {
					diffs = append(diffs, fmt.Sprintf("%s: evidence %v outside clause %s", k, term.Evidence, doc.Clauses[term.Clause].ID))
				}
				if term.Computed != w.computed || term.Note != w.note {
					diffs = append(diffs, fmt.Sprintf("%s: computed %v note %q, want %v %q", k, term.Computed, term.Note, w.computed, w.note))
				}
			}
			sort.Strings(diffs)
			if len(diffs) > 0 {
				t.Errorf("terms of\n%s\n%s", tt.text, strings.Join(diffs, "\n"))
			}
		})
	}
}

// trGoType names the Go type of a term value as the catalogue writes it.
func trGoType(v any) string {
	switch v.(type) {
	case Duration:
		return "Duration"
	case Date:
		return "Date"
	case bool:
		return "bool"
	case int:
		return "int"
	case string:
		return "string"
	}
	return fmt.Sprintf("%T", v)
}

// trInside reports whether e lies within s.
func trInside(s, e Span) bool {
	before := func(a, b Position) bool {
		return a.Block < b.Block || a.Block == b.Block && a.Offset <= b.Offset
	}
	return before(s.Start, e.Start) && before(e.End, s.End)
}

// FuzzTermFinders runs the term, renewal, convenience and cure finders on one
// clause typed with every type they read, without Parse's recover, so that an
// index slip panics here.
func FuzzTermFinders(f *testing.F) {
	f.Add("This Agreement shall automatically renew for successive one (1) year periods unless either party gives written notice of non-renewal at least ninety (90) days prior to the end of the then-current term.")
	f.Add("The term shall be three (3) years from the Effective Date and shall terminate on the third anniversary of the Effective Date; it may be renewed for up to two (2) additional terms by mutual agreement.")
	f.Add(`"Term" means the period from April 1, 2024 until June 30, 2026. Customer may terminate for convenience upon thirty (30) days' prior written notice unless a breach is not cured within 10 days.`)
	f.Fuzz(func(t *testing.T, text string) {
		if text == "" || strings.IndexByte(text, '\n') >= 0 {
			return
		}
		doc := clsDoc("Term", text)
		for _, typ := range []ClauseType{"expiration", "renewal", "renewal_notice", "termination_for_convenience", "termination", "definitions"} {
			doc.Clauses[0].Types = append(doc.Clauses[0].Types, TypeTag{Type: typ, Evidence: doc.Clauses[0].Span})
		}
		tc := &termContext{doc: doc, sents: make(map[int][]termSentence)}
		tc.add(Term{Kind: "effective_date", Value: Date{2024, 4, 1}})
		findTermAndRenewal(tc)
		findConvenienceTermination(tc)
		findCurePeriod(tc)
		for _, term := range tc.terms {
			if e := term.Evidence; e.Start.Offset < 0 || e.End.Offset > len(text) || e.Start.Offset > e.End.Offset {
				t.Fatalf("%s: evidence %v outside the text (%d bytes)", term.Kind, e, len(text))
			}
		}
	})
}

// BenchmarkTermFinders times the term, renewal, convenience and cure finders
// on a contract of 50 term and termination sections, parsed and typed once.
func BenchmarkTermFinders(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(trPreamble)
	for i := 1; i <= 50; i++ {
		fmt.Fprintf(&sb, "%d. Term and Termination.\n", i)
		fmt.Fprintf(&sb, "%d.1 The initial term of this Agreement shall be three (3) years from the Effective Date. Thereafter this Agreement shall automatically renew for successive one (1) year periods unless either party gives written notice of non-renewal at least ninety (90) days prior to the end of the then-current term.\n", i)
		fmt.Fprintf(&sb, "%d.2 Customer may terminate this Agreement for convenience upon sixty (60) days' written notice. Either party may terminate this Agreement if the other party fails to cure a material breach within thirty (30) days after written notice.\n", i)
	}
	doc, err := Parse(b.Context(), "x.txt", []byte(sb.String()), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		tc := &termContext{doc: doc, sents: make(map[int][]termSentence)}
		findTermAndRenewal(tc)
		findConvenienceTermination(tc)
		findCurePeriod(tc)
	}
	b.ReportMetric(float64(len(doc.Clauses)), "clauses")
}
