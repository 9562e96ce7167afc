package obligation

import (
	"errors"
	"testing"

	"github.com/clm-engine/clm/extract"
)

func date(t testing.TB, s string) extract.Date {
	t.Helper()
	if s == "" {
		return extract.Date{}
	}
	d, err := extract.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var (
	years     = func(n int) extract.Duration { return extract.Duration{Years: n} }
	months    = func(n int) extract.Duration { return extract.Duration{Months: n} }
	days      = func(n int) extract.Duration { return extract.Duration{Days: n} }
	weeks     = func(n int) extract.Duration { return extract.Duration{Weeks: n} }
	business  = func(n int) extract.Duration { return extract.Duration{Days: n, Business: true} }
	yearMonth = extract.Duration{Years: 1, Months: 6}
)

func TestTermEnd(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start string
		p     extract.Duration
		want  string
	}{
		{"three years", "2026-03-01", years(3), "2029-02-28"},
		{"three years into a leap February", "2025-03-01", years(3), "2028-02-29"},
		{"one year from a leap day", "2024-02-29", years(1), "2025-02-28"},
		{"four years from a leap day", "2024-02-29", years(4), "2028-02-28"},
		{"one year mid-month", "2024-06-15", years(1), "2025-06-14"},
		{"one year from January 1", "2025-01-01", years(1), "2025-12-31"},
		{"one month from March 31 fills April", "2025-03-31", months(1), "2025-04-30"},
		{"one month from January 31, leap year", "2024-01-31", months(1), "2024-02-29"},
		{"one month from January 31", "2025-01-31", months(1), "2025-02-28"},
		{"one month from January 30", "2025-01-30", months(1), "2025-02-28"},
		{"one month from January 29", "2025-01-29", months(1), "2025-02-28"},
		{"one month from May 1", "2025-05-01", months(1), "2025-05-31"},
		{"twelve months across the year", "2025-11-15", months(12), "2026-11-14"},
		{"eighteen months", "2025-08-31", yearMonth, "2027-02-28"},
		{"ninety days", "2025-01-01", days(90), "2025-03-31"},
		{"one day", "2025-01-01", days(1), "2025-01-01"},
		{"two weeks", "2025-02-20", weeks(2), "2025-03-05"},
		{"ten business days from a Monday", "2025-06-02", business(10), "2025-06-13"},
		{"ten business days from a Saturday", "2025-05-31", business(10), "2025-06-13"},
		{"zero length", "2025-01-01", extract.Duration{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := TermEnd(date(t, tc.start), tc.p); got != date(t, tc.want) {
				t.Errorf("TermEnd(%s, %s) = %s, want %s", tc.start, tc.p, got, tc.want)
			}
		})
	}
}

func TestPrior(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    string
		p    extract.Duration
		want string
	}{
		{"ninety days", "2029-02-28", days(90), "2028-11-30"},
		{"ninety days across a leap February", "2028-03-31", days(90), "2028-01-01"},
		{"thirty days across a plain February", "2027-03-15", days(30), "2027-02-13"},
		{"three months clamps to February's end", "2025-05-31", months(3), "2025-02-28"},
		{"three months clamps to a leap February", "2024-05-31", months(3), "2024-02-29"},
		{"one month from March 31", "2025-03-31", months(1), "2025-02-28"},
		{"thirteen months back over a year", "2025-01-15", months(13), "2023-12-15"},
		{"one year back from a leap day", "2028-02-29", years(1), "2027-02-28"},
		{"two weeks", "2025-03-05", weeks(2), "2025-02-19"},
		{"five business days from a Friday", "2025-06-13", business(5), "2025-06-06"},
		{"five business days from a Monday", "2025-06-16", business(5), "2025-06-09"},
		{"one business day from a Monday", "2025-06-16", business(1), "2025-06-13"},
		{"zero", "2025-06-16", extract.Duration{}, "2025-06-16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Prior(date(t, tc.d), tc.p); got != date(t, tc.want) {
				t.Errorf("Prior(%s, %s) = %s, want %s", tc.d, tc.p, got, tc.want)
			}
		})
	}
}

func TestNonRenewalDeadline(t *testing.T) {
	// The bundled sample: effective 2026-03-01, three years, renews for a year
	// unless notice is given ninety days before the end of the term.
	sample := Renewal{Effective: extract.Date{Year: 2026, Month: 3, Day: 1}, InitialTerm: years(3),
		Automatic: true, RenewalTerm: years(1), NoticePeriod: days(90)}
	stated := sample
	stated.Expiration = extract.Date{Year: 2029, Month: 3, Day: 31} // stated end wins
	limited := sample
	limited.Limit = 2
	monthly := Renewal{Effective: extract.Date{Year: 2024, Month: 1, Day: 31}, InitialTerm: months(1),
		Automatic: true, RenewalTerm: months(1), NoticePeriod: days(10)}
	leap := Renewal{Effective: extract.Date{Year: 2024, Month: 2, Day: 29}, InitialTerm: years(1),
		Automatic: true, RenewalTerm: years(1), NoticePeriod: months(1)}
	for _, tc := range []struct {
		name     string
		r        Renewal
		asOf     string
		want     string // deadline; empty: undated
		end      string
		renewals int
		reason   string
	}{
		{"initial term", sample, "2026-11-26", "2028-11-30", "2029-02-28", 0, ""},
		{"on the deadline itself", sample, "2028-11-30", "2028-11-30", "2029-02-28", 0, ""},
		{"the day after rolls to the first renewal", sample, "2028-12-01", "2029-11-30", "2030-02-28", 1, ""},
		{"renewal ending in a leap February", sample, "2030-12-01", "2031-12-01", "2032-02-29", 3, ""},
		{"stated expiration wins", stated, "2026-11-26", "2028-12-31", "2029-03-31", 0, ""},
		{"renewal limit reached", limited, "2031-01-01", "", "", 0, "the last of 2 renewal terms ends 2031-02-28; its notice deadline 2030-11-30 has passed"},
		{"within the renewal limit", limited, "2029-12-01", "2030-11-30", "2031-02-28", 2, ""},
		{"monthly terms clamp to month ends", monthly, "2024-03-25", "2024-04-20", "2024-04-30", 2, ""},
		{"monthly, March", monthly, "2024-02-20", "2024-03-21", "2024-03-31", 1, ""},
		{"leap-day start, one month notice", leap, "2025-01-01", "2025-01-28", "2025-02-28", 0, ""},
		{"leap-day start, renewal", leap, "2025-02-01", "2026-01-28", "2026-02-28", 1, ""},
		{"no as-of date", sample, "", "", "", 0, "no as-of date"},
		{"not automatic", Renewal{Effective: sample.Effective, InitialTerm: years(3), NoticePeriod: days(90)}, "2026-11-26", "", "", 0,
			"the agreement does not renew automatically (or does not say it does)"},
		{"no notice period", Renewal{Effective: sample.Effective, InitialTerm: years(3), Automatic: true, RenewalTerm: years(1)}, "2026-11-26", "", "", 0,
			"no notice period for non-renewal"},
		{"no end of the initial term", Renewal{InitialTerm: years(3), Automatic: true, RenewalTerm: years(1), NoticePeriod: days(90)}, "2026-11-26", "", "", 0,
			"no expiration date, and no effective date with an initial term"},
		{"perpetual", Renewal{Perpetual: true, Automatic: true, NoticePeriod: days(30)}, "2026-11-26", "", "", 0,
			"the agreement has no fixed term (perpetual)"},
		{"passed, no renewal term", Renewal{Expiration: extract.Date{Year: 2020, Month: 12, Day: 31}, Automatic: true, NoticePeriod: days(30)}, "2026-11-26", "", "", 0,
			"the notice deadline 2020-12-01 for the term ending 2020-12-31 has passed and the renewal term is not stated"},
		{"day-long renewals from long ago stop", Renewal{Expiration: extract.Date{Year: 1, Month: 1, Day: 31}, Automatic: true, RenewalTerm: days(1), NoticePeriod: days(1)}, "2026-11-26", "", "", 0,
			"the renewal terms do not reach 2026-11-26"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := NonRenewalDeadline(tc.r, date(t, tc.asOf))
			if tc.want == "" {
				var ue *UndatedError
				if !errors.As(err, &ue) || !errors.Is(err, ErrUndated) {
					t.Fatalf("got %+v, %v; want undated: %s", d, err, tc.reason)
				}
				if ue.Reason != tc.reason {
					t.Errorf("reason %q, want %q", ue.Reason, tc.reason)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := Deadline{Date: date(t, tc.want), TermEnd: date(t, tc.end), Renewals: tc.renewals}
			if d != want {
				t.Errorf("got deadline %s (term end %s, %d renewals), want %s (%s, %d)", d.Date, d.TermEnd, d.Renewals, want.Date, want.TermEnd, want.Renewals)
			}
		})
	}
}

func TestRenewalFromTerms(t *testing.T) {
	terms := []extract.Term{
		{Kind: "effective_date", Value: extract.Date{Year: 2026, Month: 3, Day: 1}},
		{Kind: "initial_term", Value: years(3)},
		{Kind: "expiration_date", Value: extract.Date{Year: 2029, Month: 2, Day: 28}},
		{Kind: "auto_renewal", Value: true},
		{Kind: "renewal_term", Value: years(1)},
		{Kind: "renewal_limit", Value: 3},
		{Kind: "renewal_notice_period", Value: days(90)},
		{Kind: "governing_law", Value: "Delaware"},
		{Kind: "perpetual", Value: "not a bool"}, // ignored
	}
	want := Renewal{Effective: extract.Date{Year: 2026, Month: 3, Day: 1}, InitialTerm: years(3),
		Expiration: extract.Date{Year: 2029, Month: 2, Day: 28}, Automatic: true, RenewalTerm: years(1), Limit: 3, NoticePeriod: days(90)}
	if got := RenewalFromTerms(terms); got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}
