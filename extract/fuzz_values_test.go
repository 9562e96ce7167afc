package extract

import (
	"math"
	"testing"
)

// valFuzzSeeds are wordings the value finders must read, and near misses.
var valFuzzSeeds = []string{
	"within ninety (90) days after", "thirty (30) days' prior written notice", "one (1) year and six (6) months",
	"10 business days", "a six-month period", "Section 30 days", "1.5 years", "twenty-four (24) months",
	"One Million Dollars ($1,000,000)", "US$ 5 million", "USD 250,000", "€10,000", "£1m", "Rs. 10,000", "RMB 1,000",
	"the 1st day of June, 2020", "June 1st, 2020", "6/1/2020", "2020-06-01", "June __, 2020", "February 30, 2020",
	"the laws of the State of New York", "Ontario, Canada", "the People’s Republic of China", "England and Wales",
	"", "(", "$", "£", "’", "1/1/1", "-1-1-1", "the State of", "one hundred and",
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"ninety", "twenty-four", "one hundred twenty", "(90)", "a hundred", "1,000", "and", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := parseCount(s)
		if ok && n < 0 {
			t.Fatalf("parseCount(%q) = %d", s, n)
		}
		if !ok && n != 0 {
			t.Fatalf("parseCount(%q) = %d, false", s, n)
		}
	})
}

func FuzzFindDurations(f *testing.F) {
	for _, s := range valFuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, m := range findDurations(s) {
			if m.Start < last || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("findDurations(%q): range [%d,%d) after %d", s, m.Start, m.End, last)
			}
			last = m.End
			d := m.Duration
			if d.IsZero() || d.Years < 0 || d.Months < 0 || d.Weeks < 0 || d.Days < 0 || d.Business && (d.Years != 0 || d.Months != 0) {
				t.Fatalf("findDurations(%q): invalid %+v", s, d)
			}
		}
	})
}

func FuzzFindMoney(f *testing.F) {
	for _, s := range valFuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, m := range findMoney(s) {
			if m.Start < last || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("findMoney(%q): range [%d,%d) after %d", s, m.Start, m.End, last)
			}
			last = m.End
			if m.Money.Amount < 0 || math.IsNaN(m.Money.Amount) || math.IsInf(m.Money.Amount, 0) || len(m.Money.Currency) != 3 {
				t.Fatalf("findMoney(%q): invalid %+v", s, m.Money)
			}
		}
	})
}

func FuzzFindDates(f *testing.F) {
	for _, s := range valFuzzSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, dayFirst bool) {
		last := 0
		for _, m := range findDates(s, dayFirst) {
			if m.Start < last || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("findDates(%q): range [%d,%d) after %d", s, m.Start, m.End, last)
			}
			last = m.End
			if !m.Date.Valid() {
				t.Fatalf("findDates(%q): invalid %+v", s, m.Date)
			}
		}
	})
}

func FuzzFindPlaces(f *testing.F) {
	for _, s := range valFuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, m := range findPlaces(s) {
			if m.Start < last || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("findPlaces(%q): range [%d,%d) after %d", s, m.Start, m.End, last)
			}
			last = m.End
			if _, ok := valPlaceNames[valPlaceKey(asciiLower(m.Name))]; !ok || m.Name == "" {
				t.Fatalf("findPlaces(%q): unknown place %q", s, m.Name)
			}
		}
	})
}

func FuzzValScanFindAll(f *testing.F) {
	for _, s := range append(valScanCases, valFuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		low := asciiLower(s)
		if got, want := valPlaceFindAll(low), valPlaceRe.FindAllStringIndex(low, -1); !valSameMatches(got, want) {
			t.Fatalf("valPlaceFindAll(%q) = %v; want %v", s, got, want)
		}
		if got, want := valDateFindAll(low), valDateRe.FindAllStringSubmatchIndex(low, -1); !valSameMatches(got, want) {
			t.Fatalf("valDateFindAll(%q) = %v; want %v", s, got, want)
		}
		if got, want := valDurationFindAll(low), valDurationRe.FindAllStringSubmatchIndex(low, -1); !valSameMatches(got, want) {
			t.Fatalf("valDurationFindAll(%q) = %v; want %v", s, got, want)
		}
	})
}
