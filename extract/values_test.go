package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"90", 90, true},
		{"(90)", 90, true},
		{" ( 30 ) ", 30, true},
		{"1,000", 1000, true},
		{"ninety", 90, true},
		{"Ninety", 90, true},
		{"twenty-four", 24, true},
		{"twenty four", 24, true},
		{"one hundred twenty", 120, true},
		{"one hundred and twenty", 120, true},
		{"one hundred twenty-five", 125, true},
		{"a hundred", 100, true},
		{"twelve hundred", 1200, true},
		{"two thousand five hundred", 2500, true},
		{"zero", 0, true},
		{"", 0, false},
		{"()", 0, false},
		{"twenty thirty", 0, false},
		{"five six", 0, false},
		{"ten five", 0, false},
		{"hundred", 0, false},
		{"one hundred hundred", 0, false},
		{"one thousand two thousand", 0, false},
		{"annual", 0, false},
		{"and", 0, false},
		{"one and", 0, false},
		{"a", 0, false},
		{"12345678901234", 0, false},
		{"3.5", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseCount(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("parseCount(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// valShow prints matches as "text=value" joined by " | " for table comparisons.
func valShow(s string, ms []string) string { return strings.Join(ms, " | ") }

func TestFindDurations(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"words and digits", "within ninety (90) days after", "ninety (90) days=P90D"},
		{"notice possessive", "upon thirty (30) days' prior written notice", "thirty (30) days=P30D"},
		{"one year", "for one (1) year", "one (1) year=P1Y"},
		{"twelve months", "the twelve (12) months preceding", "twelve (12) months=P12M"},
		{"business days", "within 10 business days", "10 business days=P10D business"},
		{"working days", "five (5) working days", "five (5) working days=P5D business"},
		{"calendar days", "sixty (60) calendar days", "sixty (60) calendar days=P60D"},
		{"a period of", "for a period of two years", "two years=P2Y"},
		{"hyphenated", "a six-month period", "six-month=P6M"},
		{"digit hyphenated", "a 30-day cure period", "30-day=P30D"},
		{"words only", "eighteen months", "eighteen months=P18M"},
		{"digits", "1 year", "1 year=P1Y"},
		{"compound", "twenty-four (24) months", "twenty-four (24) months=P24M"},
		{"hundred", "one hundred twenty (120) days", "one hundred twenty (120) days=P120D"},
		{"digits then words", "90 (ninety) days", "90 (ninety) days=P90D"},
		{"digits decide", "sixty (90) days", "sixty (90) days=P90D"},
		{"parenthesised digits", "within (30) days", "(30) days=P30D"},
		{"weeks", "two (2) weeks", "two (2) weeks=P2W"},
		{"joined", "one (1) year and six (6) months", "one (1) year and six (6) months=P1Y6M"},
		{"two periods", "30 days or 60 days", "30 days=P30D | 60 days=P60D"},
		{"capitals", "NINETY (90) DAYS", "NINETY (90) DAYS=P90D"},
		{"leading words dropped", "two or three years", "three years=P3Y"},
		{"annual", "an annual fee", ""},
		{"days alone", "within days of", ""},
		{"section reference", "as set out in Section 30 days", ""},
		{"decimal", "1.5 years", ""},
		{"zero", "0 days", ""},
		{"business months", "three business months", ""},
		{"no unit", "thirty (30)", ""},
		{"daytime", "90 daytime hours", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range findDurations(tt.in) {
				v := m.Duration.String()
				if m.Duration.Business {
					v += " business"
				}
				got = append(got, fmt.Sprintf("%s=%s", tt.in[m.Start:m.End], v))
			}
			if g := valShow(tt.in, got); g != tt.want {
				t.Errorf("findDurations(%q) = %q; want %q", tt.in, g, tt.want)
			}
		})
	}
}

func TestFindMoney(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"dollar sign", "a fee of $1,000,000 payable", "$1,000,000=USD 1000000.00"},
		{"cents", "$250.50", "$250.50=USD 250.50"},
		{"US$ million", "up to US$ 5 million in aggregate", "US$ 5 million=USD 5000000.00"},
		{"code before", "USD 250,000", "USD 250,000=USD 250000.00"},
		{"code after", "250,000 EUR", "250,000 EUR=EUR 250000.00"},
		{"euro sign", "€10,000", "€10,000=EUR 10000.00"},
		{"pound m", "£1m", "£1m=GBP 1000000.00"},
		{"MM", "$2.5MM", "$2.5MM=USD 2500000.00"},
		{"words and figure", "One Million Dollars ($1,000,000)", "One Million Dollars ($1,000,000)=USD 1000000.00"},
		{"words and figure us", "Ten Thousand U.S. Dollars (US$10,000)", "Ten Thousand U.S. Dollars (US$10,000)=USD 10000.00"},
		{"words only", "five hundred thousand dollars", "five hundred thousand dollars=USD 500000.00"},
		{"rupees", "Rs. 10,000", "Rs. 10,000=INR 10000.00"},
		{"lakh", "Rs 5 lakh", "Rs 5 lakh=INR 500000.00"},
		{"cad", "CAD 1,500", "CAD 1,500=CAD 1500.00"},
		{"canadian dollar sign", "C$100", "C$100=CAD 100.00"},
		{"canadian dollars", "100 Canadian dollars", "100 Canadian dollars=CAD 100.00"},
		{"rmb", "RMB 1,000,000", "RMB 1,000,000=CNY 1000000.00"},
		{"dollars after figure", "1,000 dollars", "1,000 dollars=USD 1000.00"},
		{"two amounts", "$5,000 or $10,000", "$5,000=USD 5000.00 | $10,000=USD 10000.00"},
		{"thousand words", "$50 thousand", "$50 thousand=USD 50000.00"},
		{"k", "$50K", "$50K=USD 50000.00"},
		{"spaced m is no scale", "$5 m of", "$5=USD 5.00"},
		{"no currency", "1,000,000 units", ""},
		{"not a code", "THE 100 units", ""},
		{"dollar alone", "in dollars", ""},
		{"percent", "10% of fees", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range findMoney(tt.in) {
				got = append(got, fmt.Sprintf("%s=%s", tt.in[m.Start:m.End], m.Money))
			}
			if g := valShow(tt.in, got); g != tt.want {
				t.Errorf("findMoney(%q) = %q; want %q", tt.in, g, tt.want)
			}
		})
	}
}

func TestFindDates(t *testing.T) {
	tests := []struct {
		name, in string
		dayFirst bool
		want     string
	}{
		{"month first", "dated June 1, 2020 by", false, "June 1, 2020=2020-06-01"},
		{"ordinal suffix", "June 1st, 2020", false, "June 1st, 2020=2020-06-01"},
		{"abbreviated", "Jun. 1, 2020", false, "Jun. 1, 2020=2020-06-01"},
		{"sept", "Sept. 30, 2019", false, "Sept. 30, 2019=2019-09-30"},
		{"capitals", "JUNE 1, 2020", false, "JUNE 1, 2020=2020-06-01"},
		{"no comma", "June 1 2020", false, "June 1 2020=2020-06-01"},
		{"space before comma", "June 1 , 2020", false, "June 1 , 2020=2020-06-01"},
		{"day first", "1st June 2020", false, "1st June 2020=2020-06-01"},
		{"day first comma", "1 June, 2020", false, "1 June, 2020=2020-06-01"},
		{"day of", "the 1st day of June, 2020", false, "1st day of June, 2020=2020-06-01"},
		{"this day of", "this 1st day of June 2020", false, "1st day of June 2020=2020-06-01"},
		{"ordinal words", "the first day of June, 2020", false, "first day of June, 2020=2020-06-01"},
		{"ordinal compound", "the twenty-first day of June, 2020", false, "twenty-first day of June, 2020=2020-06-21"},
		{"in the year", "this 3rd day of May in the year 2001", false, "3rd day of May in the year 2001=2001-05-03"},
		{"slashes", "6/21/2020", false, "6/21/2020=2020-06-21"},
		{"two-digit year", "6/21/99", false, "6/21/99=1999-06-21"},
		{"two-digit year 20xx", "12/31/18", false, "12/31/18=2018-12-31"},
		{"dashes", "06-21-2020", false, "06-21-2020=2020-06-21"},
		{"iso", "2020-06-01", false, "2020-06-01=2020-06-01"},
		{"iso slashes", "2020/06/01", false, "2020/06/01=2020-06-01"},
		{"ambiguous month first", "6/1/2020", false, "6/1/2020=2020-06-01 ambiguous"},
		{"ambiguous day first", "6/1/2020", true, "6/1/2020=2020-01-06 ambiguous"},
		{"same day and month", "6/6/2020", true, "6/6/2020=2020-06-06"},
		{"only day first valid", "21/6/2020", false, "21/6/2020=2020-06-21"},
		{"only month first valid", "6/21/2020", true, "6/21/2020=2020-06-21"},
		{"two dates", "from June 1, 2020 to May 31, 2021", false, "June 1, 2020=2020-06-01 | May 31, 2021=2021-05-31"},
		{"february 30", "February 30, 2020", false, ""},
		{"leap day", "February 29, 2020", false, "February 29, 2020=2020-02-29"},
		{"not leap", "29/2/2021", false, ""},
		{"blank day", "June __, 2020", false, ""},
		{"blank month", "____ __, 2020", false, ""},
		{"blank day of", "this ___ day of June, 2020", false, ""},
		{"partial", "June 2020", false, ""},
		{"month 13", "13/13/2020", false, ""},
		{"mixed separators", "6/1-2020", false, ""},
		{"section number", "Section 1.2.20", false, ""},
		{"longer run", "1/2/2020/5", false, ""},
		{"may verb", "the Company may 5 times", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range findDates(tt.in, tt.dayFirst) {
				v := m.Date.String()
				if m.Ambiguous {
					v += " ambiguous"
				}
				got = append(got, fmt.Sprintf("%s=%s", tt.in[m.Start:m.End], v))
			}
			if g := valShow(tt.in, got); g != tt.want {
				t.Errorf("findDates(%q, %v) = %q; want %q", tt.in, tt.dayFirst, g, tt.want)
			}
		})
	}
}

func TestFindPlaces(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"state", "the laws of the State of Delaware", "the State of Delaware=Delaware US"},
		{"state of new york", "the State of New York", "the State of New York=New York US"},
		{"new york state", "New York State law", "New York State=New York US"},
		{"commonwealth", "the Commonwealth of Massachusetts", "the Commonwealth of Massachusetts=Massachusetts US"},
		{"lower-case state of", "the laws of the state of California", "the state of California=California US"},
		{"england", "the laws of England", "England=England and Wales"},
		{"england and wales", "the laws of England and Wales", "England and Wales=England and Wales"},
		{"england uk", "England, United Kingdom", "England, United Kingdom=England and Wales"},
		{"ontario canada", "the Province of Ontario, Canada", "the Province of Ontario, Canada=Ontario"},
		{"ontario and canada", "the laws of Ontario and the federal laws of Canada", "Ontario=Ontario | Canada=Canada"},
		{"prc", "the laws of the PRC", "PRC=People's Republic of China"},
		{"prc words", "the People's Republic of China", "People's Republic of China=People's Republic of China"},
		{"prc curly", "the People’s Republic of China", "People’s Republic of China=People's Republic of China"},
		{"china", "China", "China=People's Republic of China"},
		{"hong kong", "the Hong Kong Special Administrative Region", "Hong Kong Special Administrative Region=Hong Kong"},
		{"dc", "Washington, D.C.", "Washington, D.C.=District of Columbia US"},
		{"district of columbia", "the District of Columbia", "District of Columbia=District of Columbia US"},
		{"washington state", "the State of Washington", "the State of Washington=Washington US"},
		{"west virginia", "West Virginia", "West Virginia=West Virginia US"},
		{"new mexico", "New Mexico", "New Mexico=New Mexico US"},
		{"indiana", "Indiana", "Indiana=Indiana US"},
		{"state with country", "Delaware, USA", "Delaware, USA=Delaware US"},
		{"united states", "the United States of America", "United States of America=United States US"},
		{"new south wales", "New South Wales", "New South Wales=New South Wales"},
		{"country", "the laws of Switzerland", "Switzerland=Switzerland"},
		{"two", "California and Texas", "California=California US | Texas=Texas US"},
		{"new england", "New England", ""},
		{"lower case", "china and turkey", ""},
		{"abbreviation in words", "Usage of Prc", ""},
		{"usage", "USAGE", ""},
		{"indian", "Indian", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range findPlaces(tt.in) {
				v := m.Name
				if m.US {
					v += " US"
				}
				got = append(got, fmt.Sprintf("%s=%s", tt.in[m.Start:m.End], v))
			}
			if g := valShow(tt.in, got); g != tt.want {
				t.Errorf("findPlaces(%q) = %q; want %q", tt.in, g, tt.want)
			}
		})
	}
}

// valScanCases are texts where the scanning finders must agree with FindAll:
// places and dates at the edges, inside words, after prefixes and near misses.
var valScanCases = []string{
	"", "a", "the state of new york", "the laws of the State of New York, USA", "new york city and new jersey",
	"renew york", "newyork", "the state of", "the state of  texas", "republic of korea", "the republic of china",
	"people's republic of china", "people'  s republic of china", "u.s.a. and u.s. and usa", "_china china_ china2 2china",
	"washington, d.c., and washington d.c.", "québec and quebec", "ontario, canada", "new south wales, australia",
	"the commonwealth of massachusetts", "province of ontario", "hong kong special administrative region",
	"june 1, 2020", "the 1st day of june, 2020", "6/1/2020", "2020-06-01", "1.2.20", "june 1st, 2020",
	"this twenty-first day of may 2019", "the first day of june in the year 2020", "1 june, 2020 a.d. 2021",
	"section 1.2.3 and 12/31/99 and 2/30/2020", "jun. 1, 2020", "sept 3 2021", "may 5, 2020-06-01",
	"1/2/3", "12-12-12", "2020/1/1", "1234", "_june 1, 2020", "june 1, 2020_", "éjune 1, 2020", "june\u00a01, 2020",
	"dated as of march    5,\n\n 2019 between", "\xffjune 1, 2020 \xe2new york",
	"thirty (30) days", "x(30) days", "(30)days", "one hundred and twenty (120) days' notice", "1.5 years",
	"section 30 days", "ten business-days", "two and three years", "twelve ( twelve ) months", "5(five) years",
	"one (1) year and six (6) months", "ninety(90)-day period", "a 30-day period", "one-year term", "2 years.",
}

func TestValScanFindAllAgrees(t *testing.T) {
	texts := append([]string(nil), valScanCases...)
	for _, c := range valScanCases {
		texts = append(texts, strings.Repeat(c+" ", 3), "x "+c, c+" x")
	}
	// Lines of the shared corpus, when present, as contracts write them.
	files, _ := filepath.Glob("../../shared/corpus/cuad-dev/txt/*.txt")
	for _, f := range files[:min(len(files), 8)] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(data), "\n")...)
	}
	for _, s := range texts {
		low := strings.ReplaceAll(asciiLower(s), "’", "'  ")
		if got, want := valPlaceFindAll(low), valPlaceRe.FindAllStringIndex(low, -1); !valSameMatches(got, want) {
			t.Errorf("valPlaceFindAll(%q) = %v; want %v", s, got, want)
		}
		low = asciiLower(s)
		if got, want := valDateFindAll(low), valDateRe.FindAllStringSubmatchIndex(low, -1); !valSameMatches(got, want) {
			t.Errorf("valDateFindAll(%q) = %v; want %v", s, got, want)
		}
		if got, want := valDurationFindAll(low), valDurationRe.FindAllStringSubmatchIndex(low, -1); !valSameMatches(got, want) {
			t.Errorf("valDurationFindAll(%q) = %v; want %v", s, got, want)
		}
	}
}

// valSameMatches compares match lists, nil and empty alike.
func valSameMatches(a, b [][]int) bool {
	return len(a) == 0 && len(b) == 0 || reflect.DeepEqual(a, b)
}

func TestValNumberWords(t *testing.T) {
	for _, w := range []string{"zero", "one", "twelve", "ninety", "fourty", "hundred", "thousand"} {
		if !valNumberWords[w] {
			t.Errorf("valNumberWords lacks %q", w)
		}
	}
	if len(valNumberWords) != 31 {
		t.Errorf("valNumberWords has %d words; want 31", len(valNumberWords))
	}
}

func TestValScanNonSpaceBound(t *testing.T) {
	for n := range valPlaceNames {
		if l := len(strings.Join(strings.Fields(n), "")) + len("thecommonwealthof"); l > valScanNonSpace/2 {
			t.Errorf("place %q: %d bytes other than space, over half of valScanNonSpace", n, l)
		}
	}
}

func TestDateTermEnd(t *testing.T) {
	tests := []struct {
		start string
		p     Duration
		want  string
	}{
		{"2024-04-01", Duration{Years: 3}, "2027-03-31"},
		{"2026-03-01", Duration{Years: 1}, "2027-02-28"},
		{"2024-02-29", Duration{Years: 1}, "2025-02-28"}, // no 29 February: the month's last day
		{"2024-02-29", Duration{Years: 4}, "2028-02-28"}, // the anniversary exists: the day before it
		{"2025-01-31", Duration{Months: 1}, "2025-02-28"},
		{"2024-01-31", Duration{Months: 1}, "2024-02-29"},
		{"2025-03-31", Duration{Months: 1}, "2025-04-30"},
		{"2025-01-15", Duration{Months: 1}, "2025-02-14"},
		{"2025-12-01", Duration{Months: 1}, "2025-12-31"},
		{"2025-01-01", Duration{Days: 90}, "2025-03-31"},
		{"2025-01-01", Duration{Weeks: 2}, "2025-01-14"},
		{"2025-01-01", Duration{Days: 10, Business: true}, "2025-01-14"}, // Wednesday 1 January is the first
		{"2025-01-04", Duration{Days: 1, Business: true}, "2025-01-06"},  // a Saturday start runs from Monday
		{"2025-01-01", Duration{}, "0000-00-00"},
	}
	for _, tt := range tests {
		start, err := ParseDate(tt.start)
		if err != nil {
			t.Fatal(err)
		}
		if got := start.TermEnd(tt.p).String(); got != tt.want {
			t.Errorf("%s + %s: ends %s, want %s", tt.start, tt.p, got, tt.want)
		}
	}
}

func TestDateJSON(t *testing.T) {
	d := Date{2026, 11, 26}
	b, err := json.Marshal(d)
	if err != nil || string(b) != `"2026-11-26"` {
		t.Fatalf("marshal: %s, %v", b, err)
	}
	var back Date
	if err := json.Unmarshal(b, &back); err != nil || back != d {
		t.Errorf("unmarshal: %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`"0000-00-00"`), &back); err != nil || !back.IsZero() {
		t.Errorf("the zero date does not round-trip: %v, %v", back, err)
	}
	for _, bad := range []string{`"2026-13-01"`, `"26/11/2026"`, `20261126`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("unmarshal %s: no error", bad)
		}
	}
}
