package extract

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Date is a calendar date with no time of day or zone, as contracts state them.
type Date struct {
	Year  int `expr:"year"`
	Month int `expr:"month"`
	Day   int `expr:"day"`
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
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Add returns d moved forward by p in calendar units. A month added to the 31st
// lands on the last day of the shorter month (2024-01-31 + P1M = 2024-02-29),
// as contracts mean it, not on the 2nd of the month after as time.AddDate would.
// Business days count Monday to Friday with no holidays.
func (d Date) Add(p Duration) Date {
	if p.Business {
		t := d.Time()
		for n := p.Days + 7*p.Weeks; n > 0; {
			t = t.AddDate(0, 0, 1)
			if workday(t) {
				n--
			}
		}
		return DateOf(t)
	}
	y, m := shiftMonths(d.Year, d.Month, 12*p.Years+p.Months)
	day := min(d.Day, daysIn(y, m))
	return Date{y, m, day}.AddDays(7*p.Weeks + p.Days)
}

// shiftMonths returns the year and month months after (before, when negative)
// year y, month m.
func shiftMonths(y, m, months int) (int, int) {
	n := y*12 + (m - 1) + months
	return n / 12, n%12 + 1
}

// TermEnd returns the last day of a term of length p that starts on d: the day
// before the anniversary (one year from 2026-03-01 ends on 2027-02-28), or,
// when the anniversary's day does not exist in its month, that month's last day
// (a month from 31 January 2025 ends on 28 February 2025; a year from 29
// February 2024 on 28 February 2025). Business days count Monday to Friday
// from d, or from the next workday when d falls on a weekend, so a term of ten
// business days ends on the tenth. A zero p gives the zero Date.
func (d Date) TermEnd(p Duration) Date {
	if p.IsZero() {
		return Date{}
	}
	if p.Business {
		t := d.Time()
		for !workday(t) {
			t = t.AddDate(0, 0, 1)
		}
		for n := p.Days + 5*p.Weeks; n > 1; {
			t = t.AddDate(0, 0, 1)
			if workday(t) {
				n--
			}
		}
		return DateOf(t)
	}
	y, m := shiftMonths(d.Year, d.Month, 12*p.Years+p.Months)
	extra := 7*p.Weeks + p.Days
	if d.Day > daysIn(y, m) { // no such day: the term fills the month
		return Date{y, m, daysIn(y, m)}.AddDays(extra)
	}
	return Date{y, m, d.Day}.AddDays(extra - 1)
}

// Prior returns the day p before d: calendar days and weeks counted back,
// months and years back clamped to the month's end (three months before 31
// May is the last day of February), business days counted back over Monday
// to Friday. It is the last day to give a notice of p before d.
func (d Date) Prior(p Duration) Date {
	if p.Business {
		t := d.Time()
		for n := p.Days + 5*p.Weeks; n > 0; {
			t = t.AddDate(0, 0, -1)
			if workday(t) {
				n--
			}
		}
		return DateOf(t)
	}
	y, m := shiftMonths(d.Year, d.Month, -(12*p.Years + p.Months))
	return Date{y, m, min(d.Day, daysIn(y, m))}.AddDays(-(7*p.Weeks + p.Days))
}

func workday(t time.Time) bool {
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Valid reports whether d names a real calendar day.
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// MarshalJSON writes d as "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "YYYY-MM-DD", and "0000-00-00" as the zero Date.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	if s == (Date{}).String() {
		*d = Date{} // the zero Date, as MarshalJSON writes it
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDate reads an ISO 8601 calendar date "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// DateOf returns the calendar day of t in t's location: convert t with In
// first to ask which day it is in a given time zone.
func DateOf(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// Duration is a period as contracts state it, in calendar units: "one (1) year" is
// {Years: 1}, "ninety (90) days" {Days: 90}. Units are kept as written (twelve
// months is not one year) so that the ISO 8601 form quotes the contract.
// Business marks business days ("ten (10) business days"): Monday to Friday.
type Duration struct {
	Years    int  `expr:"years"`
	Months   int  `expr:"months"`
	Weeks    int  `expr:"weeks"`
	Days     int  `expr:"days"`
	Business bool `expr:"business"`
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
	Amount   float64 `json:"amount" expr:"amount"`
	Currency string  `json:"currency" expr:"currency"`
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
//
// Also read: "this 1st day of June 2020", "1 June, 2020", "Jun. 1, 2020",
// "06-01-2020", "2020/06/01", ordinal words ("the first day of June, 2020") and
// two-digit years in numeric dates ("6/21/99" is 1999-06-21; 00-49 are 20xx).
// Invalid dates ("February 30, 2020") and blanks ("June __, 2020") are not dates.
// A numeric date that is valid only one way is read that way; one valid both ways
// with day ≠ month is read as asked and marked Ambiguous.
func findDates(s string, dayFirst bool) []dateMatch {
	if len(s) > valMaxText {
		s = s[:valMaxText]
	}
	low := asciiLower(s)
	var out []dateMatch
	for _, m := range valDateFindAll(low) {
		if dm, ok := valDate(low, m, dayFirst); ok {
			out = append(out, dm)
		}
	}
	return out
}

// valMonthName matches a month name or its abbreviation, lower-cased.
const valMonthName = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?`

// valDaySuffix matches the suffix of an ordinal day, also as text extraction
// splits it ("15t h").
const valDaySuffix = `(?:s\s?t|n\s?d|r\s?d|t\s?h)`

// valDayOrdinal matches a day as an ordinal word, lower-cased.
const valDayOrdinal = `((?:twenty|thirty)[ -](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)`

// valDateRe matches a date in lower-cased text. Month first: 1 month, 2 day,
// 3 year. Day first: 4 day, 5 day in words, 6 month, 7 year. Numeric: 8, 10 and
// 11 the parts, 9 the separator. ISO: 12 year, 13 separator, 14 month, 15 day.
var valDateRe = regexp.MustCompile(
	`\b` + valMonthName + `\s*(\d{1,2})(?:\s?` + valDaySuffix + `)?\b\s*,?\s*(\d{4})\b` +
		`|(?:\b(\d{1,2})(?:\s?` + valDaySuffix + `)?\b|\b` + valDayOrdinal + `\b)(?:\s+day)?(?:\s+of)?\s*,?\s+` + valMonthName + `\s*[,.]?\s*(?:in\s+the\s+year\s+|a\.d\.\s*)?(\d{4})\b` +
		`|\b(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2})\b` +
		`|\b(\d{4})([/.-])(\d{1,2})[/.-](\d{1,2})\b`)

// valMonths numbers the month names valMonthName matches.
var valMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
	"feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

// valOrdinals numbers the ordinal words for days.
var valOrdinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}

// valDate reads one valDateRe match.
func valDate(low string, m []int, dayFirst bool) (dateMatch, bool) {
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return low[m[2*i]:m[2*i+1]]
	}
	num := func(i int) int {
		n, _ := strconv.Atoi(group(i))
		return n
	}
	dm := dateMatch{Start: m[0], End: m[1]}
	switch {
	case group(1) != "":
		dm.Date = Date{num(3), valMonths[strings.TrimSuffix(group(1), ".")], num(2)}
	case group(6) != "":
		day := num(4)
		if w := group(5); w != "" {
			w = strings.ReplaceAll(w, "-", " ")
			if i := strings.IndexByte(w, ' '); i >= 0 {
				day = valOrdinals[w[i+1:]]
				if w[:i] == "twenty" {
					day += 20
				} else {
					day += 30
				}
			} else {
				day = valOrdinals[w]
			}
		}
		dm.Date = Date{num(7), valMonths[strings.TrimSuffix(group(6), ".")], day}
	case group(9) != "":
		if m[16] > 0 && strings.IndexByte("./-$:,", low[m[16]-1]) >= 0 || m[1] < len(low) && strings.IndexByte("/-", low[m[1]]) >= 0 ||
			m[1]+1 < len(low) && low[m[1]] == '.' && low[m[1]+1] >= '0' && low[m[1]+1] <= '9' {
			return dateMatch{}, false // a longer run of numbers: a reference or a figure
		}
		if low[m[21]] != low[m[18]] {
			return dateMatch{}, false // "6/1-2020"
		}
		if group(9) == "." && len(group(11)) == 2 {
			return dateMatch{}, false // "1.2.20" is a section number
		}
		y := num(11)
		if len(group(11)) == 2 {
			if y < 50 {
				y += 2000
			} else {
				y += 1900
			}
		}
		a, b := num(8), num(10)
		md, dmY := Date{y, a, b}, Date{y, b, a}
		switch {
		case md.Valid() && dmY.Valid():
			dm.Date = md
			if dayFirst {
				dm.Date = dmY
			}
			dm.Ambiguous = a != b
		case md.Valid():
			dm.Date = md
		default:
			dm.Date = dmY
		}
	case group(12) != "":
		if m[24] > 0 && strings.IndexByte("./-$:,", low[m[24]-1]) >= 0 || m[1] < len(low) && strings.IndexByte("/-", low[m[1]]) >= 0 {
			return dateMatch{}, false
		}
		if group(13) == "." || low[m[29]] != low[m[26]] {
			return dateMatch{}, false
		}
		dm.Date = Date{num(12), num(14), num(15)}
	}
	if !dm.Date.Valid() || dm.Date.Year < 1900 || dm.Date.Year > 2199 {
		return dateMatch{}, false
	}
	return dm, true
}

// A durationMatch is a period found in a text, with its byte range.
type durationMatch struct {
	Duration   Duration
	Start, End int
}

// findDurations returns the periods written in s: "ninety (90) days", "90 days",
// "thirty (30) days'", "one (1) year", "twelve (12) months", "ten business days",
// "a period of two years", "six-month", "annual" is not a duration.
//
// A count in words and digits ("thirty (30)") is one match whose digits decide;
// a count that is a reference ("Section 30 days"), a decimal ("1.5 years") or part
// of a date is not a count. "one (1) year and six (6) months" is one match, P1Y6M.
func findDurations(s string) []durationMatch {
	if len(s) > valMaxText {
		s = s[:valMaxText]
	}
	low := asciiLower(s)
	if !strings.Contains(low, "day") && !strings.Contains(low, "week") && !strings.Contains(low, "month") && !strings.Contains(low, "year") {
		return nil // every match ends in a unit
	}
	var out []durationMatch
	for _, m := range valDurationFindAll(low) {
		d, start, ok := valDuration(low, m)
		if !ok {
			continue
		}
		dm := durationMatch{Duration: d, Start: start, End: m[1]}
		if n := len(out); n > 0 && valDurationJoins(low[out[n-1].End:dm.Start], out[n-1].Duration, d) {
			out[n-1].Duration = valDurationSum(out[n-1].Duration, d)
			out[n-1].End = dm.End
			continue
		}
		out = append(out, dm)
	}
	return out
}

// valMaxText bounds the text the value finders read: a sentence longer than this
// is cut, so that a pathological block costs linear time at most once.
const valMaxText = 1 << 16

// valNumberWord matches one number word.
const valNumberWord = `(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b`

// valDurationRe matches a count and a unit in lower-cased text: group 1 is a count
// in words, 2 the digits after it, 3 a count in digits, 4 the words after it,
// 5 digits alone in parentheses, 6 the qualifier ("business"), 7 the unit.
var valDurationRe = regexp.MustCompile(
	`(?:\b(` + valNumberWord + `(?:(?:[ -]|\s+and\s+)` + valNumberWord + `)*)(?:\s*\(\s*(\d{1,4})\s*\))?` +
		`|\b(\d{1,4})(?:\s*\(\s*([a-z][a-z -]{0,40}?)\s*\))?` +
		`|\(\s*(\d{1,4})\s*\))` +
		`[\s-]{0,3}(?:(business|working|banking|calendar|consecutive|full)[\s-]+)?(days?|weeks?|months?|years?)\b`)

// valDuration reads the Duration of one valDurationRe match m in low, and where
// the match really starts.
func valDuration(low string, m []int) (Duration, int, bool) {
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return low[m[2*i]:m[2*i+1]]
	}
	start := m[0]
	var n int
	var ok bool
	switch {
	case group(1) != "":
		words := group(1)
		if d := group(2); d != "" {
			n, ok = parseCount(d)
		} else {
			// "two and three years" is three years: drop leading words until the rest reads.
			for off := 0; ; {
				if n, ok = parseCount(words[off:]); ok {
					start = m[2] + off
					break
				}
				i := strings.IndexAny(words[off:], " -")
				if i < 0 {
					break
				}
				off += i + 1
				for off < len(words) && (words[off] == ' ' || words[off] == '-') {
					off++
				}
			}
		}
	case group(3) != "":
		n, ok = parseCount(group(3))
		if ok && valNumberIsReference(low, m[6], m[7]) {
			return Duration{}, 0, false
		}
	default:
		n, ok = parseCount(group(5))
	}
	if !ok || n <= 0 {
		return Duration{}, 0, false
	}
	var d Duration
	switch unit := group(7); unit[0] {
	case 'd':
		d.Days = n
	case 'w':
		d.Weeks = n
	case 'm':
		d.Months = n
	case 'y':
		d.Years = n
	}
	switch group(6) {
	case "business", "working", "banking":
		if d.Days == 0 && d.Weeks == 0 {
			return Duration{}, 0, false // "business months" is not a unit
		}
		d.Business = true
	}
	return d, start, true
}

// valNumberIsReference reports whether the digits low[from:to] are not a count:
// a section or article number, a decimal, a date or an amount.
func valNumberIsReference(low string, from, to int) bool {
	if from > 0 && strings.IndexByte(".,/$-:", low[from-1]) >= 0 && !(low[from-1] == '-' && from > 1 && low[from-2] == ' ') {
		return true
	}
	if to < len(low) && strings.IndexByte("./%", low[to]) >= 0 && to+1 < len(low) && low[to+1] >= '0' && low[to+1] <= '9' {
		return true
	}
	before := strings.TrimRight(low[:from], " ")
	for _, w := range []string{"section", "sections", "article", "clause", "paragraph", "schedule", "exhibit", "annex", "appendix", "item", "rule", "§", "no.", "number"} {
		if strings.HasSuffix(before, w) && (len(before) == len(w) || !valIsWordByte(before[len(before)-len(w)-1])) {
			return true
		}
	}
	return false
}

// valIsWordByte reports whether b is an ASCII letter or digit.
func valIsWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// valDurationJoins reports whether two periods separated by gap are one period
// ("one (1) year and six (6) months"): the second in a smaller unit.
func valDurationJoins(gap string, a, b Duration) bool {
	switch strings.TrimSpace(gap) {
	case "and", ",", ", and", "plus":
	default:
		return false
	}
	if a.Business || b.Business {
		return false
	}
	unit := func(d Duration) int {
		switch {
		case d.Years != 0:
			return 4
		case d.Months != 0:
			return 3
		case d.Weeks != 0:
			return 2
		}
		return 1
	}
	smallest := func(d Duration) int {
		switch {
		case d.Days != 0:
			return 1
		case d.Weeks != 0:
			return 2
		case d.Months != 0:
			return 3
		}
		return 4
	}
	return unit(b) < smallest(a)
}

// valDurationSum adds two periods unit by unit.
func valDurationSum(a, b Duration) Duration {
	return Duration{Years: a.Years + b.Years, Months: a.Months + b.Months, Weeks: a.Weeks + b.Weeks, Days: a.Days + b.Days}
}

// A moneyMatch is an amount of money found in a text, with its byte range.
type moneyMatch struct {
	Money      Money
	Start, End int
}

// findMoney returns the amounts of money written in s: "$1,000,000", "US$ 5 million",
// "USD 250,000", "€10,000", "£1m", "One Million Dollars ($1,000,000)" (one match).
//
// The currency is an ISO 4217 code: "$" alone and "dollars" alone are USD, "Rs."
// is INR, "RMB" is CNY. Scales follow the number ("5 million", "£1m", "$2.5MM",
// "Rs. 10 lakh"). An amount in words with its figure in parentheses is one match
// whose figure decides.
func findMoney(s string) []moneyMatch {
	if len(s) > valMaxText {
		s = s[:valMaxText]
	}
	low := asciiLower(s)
	var out []moneyMatch
	// Figures with a currency sign, code or name.
	for _, m := range valMoneyRe.FindAllStringSubmatchIndex(s, -1) {
		if mm, ok := valMoney(s, m); ok {
			out = append(out, mm)
		}
	}
	// Amounts in words ("One Million Dollars"), absorbing a figure that follows in
	// parentheses.
	for _, m := range valWordMoneyRe.FindAllStringSubmatchIndex(low, -1) {
		amt, ok := valWordAmount(low[m[2]:m[3]])
		if !ok || amt <= 0 {
			continue
		}
		cur := valCurrencyWord(low[m[4]:m[5]])
		mm := moneyMatch{Money: Money{Amount: amt, Currency: cur}, Start: m[2], End: m[1]}
		// A figure inside the parentheses right after the words is the same amount.
		keep := out[:0]
		for _, f := range out {
			if f.Start >= mm.End && f.Start <= mm.End+4 && strings.TrimSpace(s[mm.End:f.Start]) == "(" {
				end := f.End
				if k := strings.IndexByte(s[end:min(len(s), end+3)], ')'); k >= 0 {
					end += k + 1
				}
				mm.Money = f.Money
				if mm.Money.Currency == "" {
					mm.Money.Currency = cur
				}
				mm.End = end
				continue
			}
			if f.Start < mm.End && f.End > mm.Start {
				mm.Start = -1 // the words overlap a figure: keep the figure
			}
			keep = append(keep, f)
		}
		out = keep
		if mm.Start >= 0 {
			out = append(out, mm)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// valAmount is a figure: "1,000,000", "250000.00", "5".
const valAmount = `\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`

// valScale is a scale after a figure.
const valScale = `(?:\s*(?i:(million|billion|thousand|lakhs?|crores?|mm|bn|m|k))\b)?`

// valMoneyRe matches a figure and its currency on the original text: group 1 a
// sign or code before the figure, 2 the figure, 3 its scale, 4 a code or name after.
var valMoneyRe = regexp.MustCompile(
	`(?:(US\s?\$|U\.S\.\s?\$|USD\s?\$|C\$|CA\$|CDN\$|Cdn\$|A\$|AU\$|AUD\$|HK\$|S\$|SG\$|NZ\$|R\$|NT\$|\$|€|£|¥|₹|\bRs\.?|\bINR|\bRMB|\b[A-Z]{3})\s?)?` +
		`\b(` + valAmount + `)` + valScale +
		`(?:\s?(\b[A-Z]{3}\b|(?i:(?:(?:united states|u\.\s?s\.|us|canadian|australian|hong kong|singapore|new zealand)\s+)?dollars?|euros?|pounds sterling|pounds|sterling|yen|yuan|renminbi|rupees|swiss francs|francs)\b))?`)

// valCurrencyCodes are the ISO 4217 codes a contract writes next to a figure,
// with the codes contracts use for them ("RMB" is CNY).
var valCurrencyCodes = map[string]string{
	"USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY",
	"CAD": "CAD", "AUD": "AUD", "NZD": "NZD", "CHF": "CHF", "HKD": "HKD", "SGD": "SGD",
	"INR": "INR", "KRW": "KRW", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "MXN": "MXN",
	"BRL": "BRL", "ZAR": "ZAR", "RUB": "RUB", "ILS": "ILS", "TWD": "TWD", "NTD": "TWD",
	"THB": "THB", "MYR": "MYR", "IDR": "IDR", "PHP": "PHP", "PLN": "PLN", "CZK": "CZK",
	"HUF": "HUF", "TRY": "TRY", "AED": "AED", "SAR": "SAR", "ARS": "ARS", "CLP": "CLP",
	"COP": "COP", "PEN": "PEN", "VND": "VND", "PKR": "PKR", "EGP": "EGP", "NGN": "NGN",
}

// valCurrencySigns are the signs and prefixes written before a figure.
var valCurrencySigns = map[string]string{
	"$": "USD", "US$": "USD", "U.S.$": "USD", "USD$": "USD", "C$": "CAD", "CA$": "CAD",
	"CDN$": "CAD", "Cdn$": "CAD", "A$": "AUD", "AU$": "AUD", "AUD$": "AUD", "HK$": "HKD",
	"S$": "SGD", "SG$": "SGD", "NZ$": "NZD", "R$": "BRL", "NT$": "TWD", "€": "EUR",
	"£": "GBP", "¥": "JPY", "₹": "INR", "Rs.": "INR", "Rs": "INR",
}

// valMoney reads one valMoneyRe match; a figure with no currency is no money.
func valMoney(s string, m []int) (moneyMatch, bool) {
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	start, end := m[0], m[1]
	cur := ""
	if pre := group(1); pre != "" {
		pre = strings.Join(strings.Fields(pre), "")
		if c, ok := valCurrencySigns[pre]; ok {
			cur = c
		} else if c, ok := valCurrencyCodes[pre]; ok {
			cur = c
		} else {
			start = m[4] // a capitalised word that is no currency code
		}
	}
	if post := group(4); post != "" {
		c := ""
		if len(post) == 3 && strings.ToUpper(post) == post {
			c = valCurrencyCodes[post]
		} else {
			c = valCurrencyWord(asciiLower(post))
		}
		switch {
		case c == "":
			end = m[5] // a capitalised word that is no currency code
			if m[6] >= 0 {
				end = m[7]
			}
		case cur == "":
			cur = c
		case cur == "USD" && c != "USD" && group(1) == "$":
			cur = c // "$100 Canadian dollars"
		}
	}
	if cur == "" {
		return moneyMatch{}, false
	}
	amt, err := strconv.ParseFloat(strings.ReplaceAll(group(2), ",", ""), 64)
	if err != nil {
		return moneyMatch{}, false
	}
	if sc := group(3); sc != "" {
		if sc == "M" || sc == "m" || sc == "K" || sc == "k" {
			// "£1m", "$50K": a single letter scales only when it touches the figure.
			if m[6] != m[5] {
				return moneyMatch{Money: Money{Amount: amt, Currency: cur}, Start: start, End: m[5]}, true
			}
		}
		amt *= valScales[asciiLower(sc)]
	}
	return moneyMatch{Money: Money{Amount: amt, Currency: cur}, Start: start, End: end}, true
}

// valScales are the multipliers written after a figure or number words.
var valScales = map[string]float64{
	"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mm": 1e6, "billion": 1e9, "bn": 1e9,
	"lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}

// valCurrencyWord is the ISO 4217 code of a currency name ("canadian dollars").
func valCurrencyWord(w string) string {
	w = strings.Join(strings.Fields(w), " ")
	switch {
	case strings.HasPrefix(w, "canadian"):
		return "CAD"
	case strings.HasPrefix(w, "australian"):
		return "AUD"
	case strings.HasPrefix(w, "hong kong"):
		return "HKD"
	case strings.HasPrefix(w, "singapore"):
		return "SGD"
	case strings.HasPrefix(w, "new zealand"):
		return "NZD"
	case strings.HasSuffix(w, "dollar") || strings.HasSuffix(w, "dollars"):
		return "USD"
	case strings.HasPrefix(w, "euro"):
		return "EUR"
	case strings.HasPrefix(w, "pound") || w == "sterling":
		return "GBP"
	case w == "yen":
		return "JPY"
	case w == "yuan" || w == "renminbi":
		return "CNY"
	case w == "rupees":
		return "INR"
	case strings.HasSuffix(w, "francs"):
		return "CHF"
	}
	return ""
}

// valWordMoneyRe matches an amount in words and its currency name in lower-cased
// text: group 1 the words, 2 the currency.
var valWordMoneyRe = regexp.MustCompile(
	`\b((?:` + valNumberWord + `|million\b|billion\b)(?:(?:[ -]|\s+and\s+)(?:` + valNumberWord + `|million\b|billion\b))*)\s+` +
		`((?:(?:united states|u\.\s?s\.|us|canadian|australian|hong kong|singapore|new zealand)\s+)?dollars?|euros?|pounds sterling|pounds|yen|yuan|renminbi|rupees|swiss francs)\b`)

// valWordAmount reads an amount in words: "one million two hundred thousand".
func valWordAmount(w string) (float64, bool) {
	total := 0.0
	rest := strings.ReplaceAll(w, "-", " ")
	for _, sc := range []struct {
		word string
		mul  float64
	}{{"billion", 1e9}, {"million", 1e6}} {
		if i := strings.Index(rest, sc.word); i >= 0 {
			head := strings.TrimSpace(rest[:i])
			n, ok := parseCount(head)
			if !ok {
				return 0, false
			}
			total += float64(n) * sc.mul
			rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest[i+len(sc.word):]), "and"))
		}
	}
	if strings.TrimSpace(rest) != "" {
		n, ok := parseCount(rest)
		if !ok {
			return 0, false
		}
		total += float64(n)
	}
	return total, true
}

// A placeMatch is a jurisdiction named in a text, normalised, with its byte range.
type placeMatch struct {
	Name       string // "Delaware", "New York", "England and Wales", "Ontario"
	Start, End int
	US         bool // a US state, US territory, the District of Columbia or the United States
}

// findPlaces returns the jurisdictions named in s: US states, Canadian provinces,
// countries and the like, normalised ("the State of New York" is "New York",
// "the laws of England" is "England and Wales").
//
// A name must start with a capital letter in s ("China", not "china"). A state or
// province followed by its country ("Ontario, Canada", "New York, USA") is one
// match named for the state or province. "the PRC" and "People's Republic of China"
// are "People's Republic of China"; "Washington, D.C." is "District of Columbia".
func findPlaces(s string) []placeMatch {
	if len(s) > valMaxText {
		s = s[:valMaxText]
	}
	// The curly apostrophe is three bytes: "'  " keeps every offset.
	low := strings.ReplaceAll(asciiLower(s), "’", "'  ")
	var out []placeMatch
	for _, m := range valPlaceFindAll(low) {
		if n := len(out); n > 0 && m[0] < out[n-1].End {
			continue // the country of the place before: "Ontario, Canada"
		}
		name := valPlaceKey(low[m[0]:m[1]])
		p, ok := valPlaceNames[name]
		if !ok && strings.HasPrefix(name, "republic of ") {
			p, ok = valPlaceNames[strings.TrimPrefix(name, "republic of ")]
		}
		if !ok || p.name == "" || !valPlaceCapitalised(s, low, m[0]) {
			continue
		}
		if p.abbrev && strings.ToUpper(s[m[0]:m[1]]) != s[m[0]:m[1]] {
			continue // "Prc", "Usa" are no abbreviations
		}
		pm := placeMatch{Name: p.name, Start: m[0], End: m[1], US: p.us}
		// "Ontario, Canada", "New York, U.S.A.": one place, the state or province.
		if p.country != "" {
			if cm := valPlaceCountryRe.FindStringSubmatchIndex(low[pm.End:]); cm != nil {
				from := pm.End + cm[2]
				if c, ok := valPlaceNames[valPlaceKey(low[from:pm.End+cm[3]])]; ok && c.name == p.country && valPlaceCapitalised(s, low, from) {
					pm.End += cm[1]
				}
			}
		}
		out = append(out, pm)
	}
	return out
}

// valPlaceKey is the valPlaceNames key of a lower-cased name as written.
func valPlaceKey(name string) string {
	name = strings.ReplaceAll(name, "'  ", "'")
	name = strings.Join(strings.Fields(name), " ")
	return strings.TrimPrefix(name, "the ")
}

// valPlaceCapitalised reports whether the name at low[at:] is written as a proper
// name in s: its first letter, or the first after "State of", is a capital.
func valPlaceCapitalised(s, low string, at int) bool {
	if strings.HasPrefix(low[at:], "the ") {
		at += 4
	}
	for _, pre := range []string{"state of ", "commonwealth of ", "province of ", "republic of "} {
		if strings.HasPrefix(low[at:], pre) {
			at += len(pre)
			for at < len(s) && s[at] == ' ' {
				at++
			}
			break
		}
	}
	return at < len(s) && 'A' <= s[at] && s[at] <= 'Z'
}

// A valPlace is how findPlaces normalises a name.
type valPlace struct {
	name    string // normalised; empty to ignore the name ("New England")
	us      bool
	country string // the country a state or province is in
	abbrev  bool   // written in capitals only ("PRC", "UK")
}

// valPlaceNames maps every lower-cased name findPlaces knows to its place.
var valPlaceNames = valPlaceTable()

// valPlaceRe matches a place name in lower-cased text: group 1 the name.
var valPlaceRe = valPlaceRegexp()

// valPlaceCountryRe matches ", Canada" after a province: group 1 the country.
var valPlaceCountryRe = regexp.MustCompile(`^,?\s*((?:the\s+)?(?:united states of america|united states|u\.s\.a\.|u\.s\.a\b|usa\b|u\.s\.|canada\b|united kingdom\b|u\.k\.|uk\b|australia\b|people's\s{0,2}republic of china\b|prc\b|p\.r\.c\.|china\b))`)

// valPlaceTable builds valPlaceNames.
func valPlaceTable() map[string]valPlace {
	t := make(map[string]valPlace)
	states := []string{"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
		"Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
		"Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
		"Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
		"New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
		"Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
		"Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
		"Puerto Rico", "Guam", "District of Columbia"}
	for _, n := range states {
		l := asciiLower(n)
		p := valPlace{name: n, us: true, country: "United States"}
		t[l] = p
		t["state of "+l] = p
		t["commonwealth of "+l] = p
		t[l+" state"] = p
	}
	t["new york city"] = t["new york"]
	t["city of new york"] = t["new york"]
	t["washington, d.c."] = t["district of columbia"]
	t["washington d.c."] = t["district of columbia"]
	t["united states virgin islands"] = valPlace{name: "United States Virgin Islands", us: true}
	t["u.s. virgin islands"] = t["united states virgin islands"]
	t["new england"] = valPlace{}
	t["new south wales"] = valPlace{name: "New South Wales", country: "Australia"}
	for _, n := range []string{"Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan",
		"Nova Scotia", "New Brunswick", "Newfoundland and Labrador", "Prince Edward Island", "Yukon",
		"Northwest Territories", "Nunavut"} {
		l := asciiLower(n)
		p := valPlace{name: n, country: "Canada"}
		t[l] = p
		t["province of "+l] = p
	}
	t["québec"] = t["quebec"]
	t["newfoundland"] = t["newfoundland and labrador"]
	for _, n := range []string{"Victoria", "Queensland", "Western Australia", "South Australia", "Tasmania"} {
		t[asciiLower(n)] = valPlace{name: n, country: "Australia"}
		t["state of "+asciiLower(n)] = t[asciiLower(n)]
	}
	us := valPlace{name: "United States", us: true}
	for _, n := range []string{"united states", "united states of america"} {
		t[n] = us
	}
	for _, n := range []string{"usa", "u.s.a.", "u.s.a", "u.s."} {
		t[n] = valPlace{name: "United States", us: true, abbrev: true}
	}
	ew := valPlace{name: "England and Wales", country: "United Kingdom"}
	for _, n := range []string{"england", "england and wales", "wales"} {
		t[n] = ew
	}
	t["united kingdom"] = valPlace{name: "United Kingdom"}
	t["great britain"] = t["united kingdom"]
	t["uk"] = valPlace{name: "United Kingdom", abbrev: true}
	t["u.k."] = t["uk"]
	prc := valPlace{name: "People's Republic of China"}
	for _, n := range []string{"people's republic of china", "china", "p.r. china", "mainland china"} {
		t[n] = prc
	}
	for _, n := range []string{"prc", "p.r.c.", "p.r.c"} {
		t[n] = valPlace{name: "People's Republic of China", abbrev: true}
	}
	t["hong kong"] = valPlace{name: "Hong Kong", country: "People's Republic of China"}
	t["hong kong sar"] = t["hong kong"]
	t["hong kong special administrative region"] = t["hong kong"]
	t["macau"] = valPlace{name: "Macau"}
	t["macao"] = t["macau"]
	t["republic of korea"] = valPlace{name: "South Korea"}
	t["korea"] = t["republic of korea"]
	t["republic of singapore"] = valPlace{name: "Singapore"}
	t["holland"] = valPlace{name: "Netherlands"}
	t["federal republic of germany"] = valPlace{name: "Germany"}
	t["republic of ireland"] = valPlace{name: "Ireland"}
	t["republic of india"] = valPlace{name: "India"}
	t["state of israel"] = valPlace{name: "Israel"}
	t["republic of the philippines"] = valPlace{name: "Philippines"}
	t["russian federation"] = valPlace{name: "Russia"}
	t["uae"] = valPlace{name: "United Arab Emirates", abbrev: true}
	t["republic of china"] = valPlace{name: "Taiwan"}
	for _, n := range []string{"Canada", "Mexico", "Brazil", "Argentina", "Chile", "Colombia", "Peru",
		"Germany", "France", "Italy", "Spain", "Portugal", "Netherlands", "Belgium", "Luxembourg",
		"Switzerland", "Austria", "Ireland", "Scotland", "Northern Ireland", "Sweden", "Norway",
		"Denmark", "Finland", "Iceland", "Poland", "Czech Republic", "Hungary", "Greece", "Cyprus",
		"Malta", "Romania", "Bulgaria", "Croatia", "Slovenia", "Slovakia", "Estonia", "Latvia",
		"Lithuania", "Ukraine", "Russia", "Turkey", "Israel", "Egypt", "South Africa", "Nigeria",
		"Kenya", "Morocco", "United Arab Emirates", "Saudi Arabia", "Qatar", "Kuwait", "India",
		"Pakistan", "Bangladesh", "Sri Lanka", "Japan", "South Korea", "Taiwan", "Singapore",
		"Malaysia", "Thailand", "Vietnam", "Indonesia", "Philippines", "Australia", "New Zealand",
		"Papua New Guinea", "Bermuda", "Cayman Islands", "British Virgin Islands", "Bahamas",
		"Barbados", "Panama", "Costa Rica", "Uruguay", "Venezuela", "Jersey", "Guernsey",
		"Isle of Man", "Gibraltar", "Liechtenstein", "Monaco", "Mauritius", "Kazakhstan", "Ecuador",
		"Bolivia", "Paraguay", "Guatemala", "Honduras", "Dominican Republic", "Jamaica", "Trinidad and Tobago",
		"Ghana", "Tanzania", "Uganda", "Jordan", "Lebanon", "Bahrain", "Oman", "Cambodia", "Mongolia", "Serbia",
		"Belarus", "Armenia", "Azerbaijan", "Uzbekistan", "Macedonia", "Bosnia and Herzegovina"} {
		l := asciiLower(n)
		if _, ok := t[l]; !ok {
			t[l] = valPlace{name: n}
		}
	}
	return t
}

// valPlaceRegexp builds valPlaceRe from valPlaceNames, longest names first.
func valPlaceRegexp() *regexp.Regexp {
	return regexp.MustCompile(valPlacePrefix + `(?:` + strings.Join(valPlaceAlternatives(), "|") + `)`)
}

// valPlacePrefix is the optional start of valPlaceRe: "the" is part of a match
// only where it precedes "State of" and the like.
const valPlacePrefix = `\b(?:the\s+(?:state|commonwealth|province)\s+of\s+|republic\s+of\s+)?`

// valPlaceSorted returns the names of valPlaceNames, longest first (then in
// byte order): the order of valPlaceRe's alternatives.
func valPlaceSorted() []string {
	names := make([]string, 0, len(valPlaceNames))
	for n := range valPlaceNames {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return names
}

// valPlacePattern is the pattern of one name of valPlaceNames.
func valPlacePattern(n string) string {
	q := regexp.QuoteMeta(n)
	q = strings.ReplaceAll(q, " ", `\s+`)
	q = strings.ReplaceAll(q, "'", `'\s{0,2}`)
	if valIsWordByte(n[len(n)-1]) {
		q += `\b`
	}
	return q
}

// valPlaceAlternatives returns the pattern of every name of valPlaceNames,
// longest names first: the alternatives of valPlaceRe, in its order.
func valPlaceAlternatives() []string {
	names := valPlaceSorted()
	for i, n := range names {
		names[i] = valPlacePattern(n)
	}
	return names
}

// parseCount reads a small cardinal written in words or digits ("ninety", "90",
// "twenty-four", "one hundred twenty", "(90)"), as contracts write counts.
// The number words it knows run from zero to ninety-nine, scaled by "hundred"
// and "thousand"; a word count followed by the same count in digits ("thirty
// (30)") is left to the caller, which passes either part.
func parseCount(s string) (int, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "()"))
	if s == "" {
		return 0, false
	}
	if s[0] >= '0' && s[0] <= '9' {
		d := strings.ReplaceAll(s, ",", "")
		if len(d) > 9 {
			return 0, false
		}
		n, err := strconv.Atoi(d)
		return n, err == nil
	}
	words := strings.FieldsFunc(asciiLower(s), func(r rune) bool { return r == ' ' || r == '-' || r == '\n' || r == '\t' })
	total, cur, seen := 0, 0, false
	for i, w := range words {
		if w == "and" && seen && i < len(words)-1 {
			continue
		}
		if w == "a" && i == 0 && len(words) > 1 {
			cur, seen = 1, true // "a hundred"
			continue
		}
		if v, ok := valSmallNumbers[w]; ok {
			r := cur % 100
			if r != 0 && (v >= 10 || r < 20 || r%10 != 0) {
				return 0, false // "twenty thirty", "five six", "ten five"
			}
			cur += v
			seen = true
			continue
		}
		switch w {
		case "hundred":
			if cur == 0 || cur >= 100 {
				return 0, false
			}
			cur *= 100
		case "thousand":
			if cur == 0 || total != 0 {
				return 0, false
			}
			total, cur = cur*1000, 0
		default:
			return 0, false
		}
	}
	if !seen {
		return 0, false
	}
	return total + cur, true
}

// valSmallNumbers are the number words from zero to ninety.
var valSmallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// Finding every match of valPlaceRe or valDateRe with FindAll runs a large
// automaton over every byte of a sentence. valPlaceFindAll and valDateFindAll
// return exactly what FindAll returns, faster: a match can only start at a word
// boundary before a word that starts one of the alternatives, so only there is
// an anchored pattern run, over a window that holds any match.
//
// Anchoring at i is exact because the only assertion that looks before a match
// is the leading \b, true at a candidate by construction; the window is exact
// because every match holds at most valScanNonSpace bytes that are not
// white space, and the window runs one byte past that many.

// valScanNonSpace bounds the bytes other than white space in a match of
// valPlaceRe or valDateRe (the longest is under 80).
const valScanNonSpace = 160

// valRegexpWord reports whether b is a word byte for \b: [0-9A-Za-z_].
func valRegexpWord(b byte) bool {
	return b == '_' || valIsWordByte(b)
}

// valRegexpSpace reports whether b is white space for \s: [\t\n\f\r ].
func valRegexpSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

// valScanWindow returns the end of the window for a match starting at i: one
// byte past the (valScanNonSpace+1)th byte that is not white space.
func valScanWindow(low string, i int) int {
	n := 0
	for j := i; j < len(low); j++ {
		if !valRegexpSpace(low[j]) {
			n++
			if n > valScanNonSpace {
				return min(len(low), j+2)
			}
		}
	}
	return len(low)
}

// valLetterRun returns the ASCII lower-case letters at low[i:].
func valLetterRun(low string, i int) string {
	j := i
	for j < len(low) && 'a' <= low[j] && low[j] <= 'z' {
		j++
	}
	return low[i:j]
}

// valScanFindAll returns what FindAllStringSubmatchIndex(low, -1) returns for a
// pattern whose matches start at a word boundary (\b) and are never empty:
// pick(i) gives the anchored pattern to try at a word start i, or nil when no
// match can start there.
func valScanFindAll(low string, pick func(i int) *regexp.Regexp) [][]int {
	var out [][]int
	for i := 0; i < len(low); i++ {
		if !valRegexpWord(low[i]) || i > 0 && valRegexpWord(low[i-1]) {
			continue
		}
		re := pick(i)
		if re == nil {
			continue
		}
		m := re.FindStringSubmatchIndex(low[i:valScanWindow(low, i)])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		out = append(out, m)
		i = m[1] - 1
	}
	return out
}

// A valPlaceGroup is the alternatives of valPlaceRe whose names start with one
// run of letters, compiled anchored on first use.
type valPlaceGroup struct {
	pattern string
	once    sync.Once
	re      *regexp.Regexp
}

func (g *valPlaceGroup) regexp() *regexp.Regexp {
	g.once.Do(func() { g.re = regexp.MustCompile(g.pattern) })
	return g.re
}

var (
	// valPlaceGroups are valPlaceRe's alternatives by the letters names start with.
	valPlaceGroups = valPlaceGroupTable()
	// valPlaceAnchored is valPlaceRe anchored, for a match that may start with
	// valPlacePrefix; valPlacePrefixRe is that prefix alone.
	valPlaceAnchored = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:` + valPlacePrefix + `(?:` + strings.Join(valPlaceAlternatives(), "|") + `))`)
	})
	valPlacePrefixRe = regexp.MustCompile(`^(?:the\s+(?:state|commonwealth|province)\s+of\s+|republic\s+of\s+)`)
)

// valPlaceGroupTable builds valPlaceGroups.
func valPlaceGroupTable() map[string]*valPlaceGroup {
	alts := make(map[string][]string)
	var order []string
	for _, n := range valPlaceSorted() {
		w := valLetterRun(n, 0)
		if w == "" {
			panic("extract: place name " + n + " does not start with a letter")
		}
		if _, ok := alts[w]; !ok {
			order = append(order, w)
		}
		alts[w] = append(alts[w], valPlacePattern(n))
	}
	t := make(map[string]*valPlaceGroup, len(order))
	for _, w := range order {
		t[w] = &valPlaceGroup{pattern: `^(?:` + strings.Join(alts[w], "|") + `)`}
	}
	return t
}

// valPlaceFindAll returns valPlaceRe.FindAllStringIndex(low, -1).
func valPlaceFindAll(low string) [][]int {
	return valScanFindAll(low, func(i int) *regexp.Regexp {
		w := valLetterRun(low, i)
		if (w == "the" || w == "republic") && valPlacePrefixRe.MatchString(low[i:valScanWindow(low, i)]) {
			return valPlaceAnchored()
		}
		if g := valPlaceGroups[w]; g != nil {
			return g.regexp()
		}
		return nil
	})
}

var (
	// valDateAnchored is valDateRe anchored, with the same groups.
	valDateAnchored = regexp.MustCompile(`^(?:` + valDateRe.String() + `)`)
	// valDateWords are the words a match of valDateRe can start with.
	valDateWords = valDateWordSet()
)

// valDateWordSet builds valDateWords: month names, their abbreviations and the
// ordinal words of days.
func valDateWordSet() map[string]bool {
	t := map[string]bool{"twenty": true, "thirty": true}
	for w := range valMonths {
		t[w] = true
	}
	for w := range valOrdinals {
		t[w] = true
	}
	return t
}

// valDateMayMatch reports whether low holds what every date needs: four digits
// in a row, or digits, a separator, digits, a separator and a digit.
func valDateMayMatch(low string) bool {
	run := 0
	for i := 0; i < len(low); i++ {
		c := low[i]
		if '0' <= c && c <= '9' {
			run++
			if run >= 4 {
				return true
			}
			continue
		}
		if run > 0 && (c == '/' || c == '.' || c == '-') {
			// digits, separator, one or two digits, separator, digit
			j := i + 1
			k := j
			for k < len(low) && k-j < 2 && '0' <= low[k] && low[k] <= '9' {
				k++
			}
			if k > j && k+1 < len(low) && (low[k] == '/' || low[k] == '.' || low[k] == '-') && '0' <= low[k+1] && low[k+1] <= '9' {
				return true
			}
		}
		run = 0
	}
	return false
}

// valDateFindAll returns valDateRe.FindAllStringSubmatchIndex(low, -1).
func valDateFindAll(low string) [][]int {
	if !valDateMayMatch(low) {
		return nil
	}
	return valScanFindAll(low, func(i int) *regexp.Regexp {
		if c := low[i]; '0' <= c && c <= '9' || valDateWords[valLetterRun(low, i)] {
			return valDateAnchored
		}
		return nil
	})
}

var (
	// valDurationAnchored is valDurationRe anchored, with the same groups.
	valDurationAnchored = regexp.MustCompile(`^(?:` + valDurationRe.String() + `)`)
	// valNumberWords are the words valNumberWord matches.
	valNumberWords = valNumberWordSet()
)

// valNumberWordSet builds valNumberWords from valNumberWord.
func valNumberWordSet() map[string]bool {
	t := make(map[string]bool)
	body := strings.TrimSuffix(strings.TrimPrefix(valNumberWord, `(?:`), `)\b`)
	for _, w := range strings.Split(body, "|") {
		t[w] = true
	}
	return t
}

// valDurationByte reports whether b can be part of a match of valDurationRe in
// lower-cased text: letters, digits, white space, '-', '(' and ')'.
func valDurationByte(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || valRegexpSpace(b) || b == '-' || b == '(' || b == ')'
}

// valDurationFindAll returns valDurationRe.FindAllStringSubmatchIndex(low, -1).
// A match starts at "(" or at a word boundary before digits or a number word,
// and holds only valDurationBytes: the anchored pattern runs at those starts,
// over a window that ends one byte after the run of such bytes.
func valDurationFindAll(low string) [][]int {
	var out [][]int
	end := 0 // the end of the run of valDurationBytes that i is in
	for i := 0; i < len(low); i++ {
		c := low[i]
		if c != '(' && (!valRegexpWord(c) || i > 0 && valRegexpWord(low[i-1]) ||
			!('0' <= c && c <= '9') && !valNumberWords[valLetterRun(low, i)]) {
			continue
		}
		if end <= i {
			for end = i; end < len(low) && valDurationByte(low[end]); end++ {
			}
		}
		m := valDurationAnchored.FindStringSubmatchIndex(low[i:min(len(low), end+1)])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		out = append(out, m)
		i = m[1] - 1
	}
	return out
}
