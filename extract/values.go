package extract

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date with no time of day or zone, as contracts state them.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as ISO 8601 "YYYY-MM-DD".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Time is d at midnight UTC.
func (d Date) Time() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// AddDays returns d moved by n calendar days (n may be negative).
func (d Date) AddDays(n int) Date { return dateOf(d.Time().AddDate(0, 0, n)) }

// Add returns d moved forward by p in calendar units. A month added to the 31st
// lands on the last day of the shorter month (2024-01-31 + P1M = 2024-02-29),
// as contracts mean it, not on the 2nd of the month after as time.AddDate would.
// Business days count Monday to Friday with no holidays.
func (d Date) Add(p Duration) Date {
	if p.Business {
		t := d.Time()
		for n := p.Days + 7*p.Weeks; n > 0; {
			t = t.AddDate(0, 0, 1)
			if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
				n--
			}
		}
		return dateOf(t)
	}
	months := 12*p.Years + p.Months
	y, m := d.Year, d.Month+months
	y += (m - 1) / 12
	m = (m-1)%12 + 1
	day := min(d.Day, daysIn(y, m))
	return Date{y, m, day}.AddDays(7*p.Weeks + p.Days)
}

// Valid reports whether d names a real calendar day.
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// MarshalJSON writes d as "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// ParseDate reads an ISO 8601 calendar date "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return dateOf(t), nil
}

func dateOf(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// Duration is a period as contracts state it, in calendar units: "one (1) year" is
// {Years: 1}, "ninety (90) days" {Days: 90}. Units are kept as written (twelve
// months is not one year) so that the ISO 8601 form quotes the contract.
// Business marks business days ("ten (10) business days"): Monday to Friday.
type Duration struct {
	Years, Months, Weeks, Days int
	Business                   bool
}

// IsZero reports whether p is the zero Duration.
func (p Duration) IsZero() bool { return p == Duration{} }

// String formats p as an ISO 8601 duration ("P1Y", "P90D", "P1Y6M", "P2W"). ISO
// 8601 has no business days: "P10D" with Business set means ten business days,
// and terms say so in their note.
func (p Duration) String() string {
	if p.Years == 0 && p.Months == 0 && p.Weeks == 0 && p.Days == 0 {
		return "P0D"
	}
	var b strings.Builder
	b.WriteByte('P')
	for _, u := range []struct {
		n int
		c byte
	}{{p.Years, 'Y'}, {p.Months, 'M'}, {p.Weeks, 'W'}, {p.Days, 'D'}} {
		if u.n != 0 {
			b.WriteString(strconv.Itoa(u.n))
			b.WriteByte(u.c)
		}
	}
	return b.String()
}

// ApproxDays is p in days, counting a year as 365 days, a month as 30, and a
// business week as 7 days. It orders durations ("is the notice window over 60
// days?"); computing a deadline uses Date.Add.
func (p Duration) ApproxDays() int {
	d := 365*p.Years + 30*p.Months + 7*p.Weeks + p.Days
	if p.Business {
		d = 365*p.Years + 30*p.Months + 7*p.Weeks + (p.Days*7+4)/5
	}
	return d
}

// MarshalJSON writes p as its ISO 8601 string.
func (p Duration) MarshalJSON() ([]byte, error) { return json.Marshal(p.String()) }

// Money is an amount with its ISO 4217 currency code ("USD"); Currency is empty
// when the contract does not say.
type Money struct {
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency"`
}

// String formats m as "USD 1000000.00".
func (m Money) String() string {
	if m.Currency == "" {
		return strconv.FormatFloat(m.Amount, 'f', 2, 64)
	}
	return m.Currency + " " + strconv.FormatFloat(m.Amount, 'f', 2, 64)
}

// A dateMatch is a date found in a text, with its byte range in that text.
type dateMatch struct {
	Date       Date
	Start, End int
	// Ambiguous marks a numeric date that reads as a valid date both month-first
	// and day-first ("6/1/2020"); Date is the reading findDates was asked for.
	Ambiguous bool
}

// findDates returns the dates written in s, in order, in every common form:
// "June 1, 2020", "1st June 2020", "the 1st day of June, 2020", "6/1/2020",
// "2020-06-01", "June 1st, 2020". A numeric date is read day-first when dayFirst is
// set, month-first otherwise. Partial dates ("June 2020", "____, 2020") are not dates.
func findDates(s string, dayFirst bool) []dateMatch {
	return nil // written by the values work
}

// A durationMatch is a period found in a text, with its byte range.
type durationMatch struct {
	Duration   Duration
	Start, End int
}

// findDurations returns the periods written in s: "ninety (90) days", "90 days",
// "thirty (30) days'", "one (1) year", "twelve (12) months", "ten business days",
// "a period of two years", "six-month", "annual" is not a duration.
func findDurations(s string) []durationMatch {
	return nil // written by the values work
}

// A moneyMatch is an amount of money found in a text, with its byte range.
type moneyMatch struct {
	Money      Money
	Start, End int
}

// findMoney returns the amounts of money written in s: "$1,000,000", "US$ 5 million",
// "USD 250,000", "€10,000", "£1m", "One Million Dollars ($1,000,000)" (one match).
func findMoney(s string) []moneyMatch {
	return nil // written by the values work
}

// A placeMatch is a jurisdiction named in a text, normalised, with its byte range.
type placeMatch struct {
	Name       string // "Delaware", "New York", "England and Wales", "Ontario"
	Start, End int
	US         bool // a US state, US territory or the District of Columbia
}

// findPlaces returns the jurisdictions named in s: US states, Canadian provinces,
// countries and the like, normalised ("the State of New York" is "New York",
// "the laws of England" is "England and Wales").
func findPlaces(s string) []placeMatch {
	return nil // written by the values work
}

// parseCount reads a small cardinal written in words or digits ("ninety", "90",
// "twenty-four", "one hundred twenty", "(90)"), as contracts write counts.
func parseCount(s string) (int, bool) {
	n, err := strconv.Atoi(strings.Trim(s, "() "))
	return n, err == nil
}
