package ooxml

import (
	"strconv"
	"strings"
)

// formatNumber renders n in a w:numFmt. width pads decimalZero to that many
// digits (2 when 0). Unknown formats fall back to decimal.
func formatNumber(n int, format string, width int) string {
	switch format {
	case "none":
		return ""
	case "decimal", "":
		return strconv.Itoa(n)
	case "decimalZero":
		if width < 2 {
			width = 2
		}
		s := strconv.Itoa(n)
		if n >= 0 && len(s) < width {
			s = strings.Repeat("0", width-len(s)) + s
		}
		return s
	case "lowerLetter":
		return letters(n, 'a')
	case "upperLetter":
		return letters(n, 'A')
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperRoman":
		return roman(n)
	case "ordinal":
		return ordinal(n)
	case "cardinalText":
		return capitalise(cardinal(n))
	case "ordinalText":
		return capitalise(ordinalWords(n))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		return enclosed(n, 0x2460, 20)
	case "decimalEnclosedParen":
		return enclosed(n, 0x2474, 20)
	case "decimalEnclosedFullstop":
		return enclosed(n, 0x2488, 20)
	case "decimalFullWidth", "decimalFullWidth2":
		return fullWidth(n)
	case "numberInDash":
		return "- " + strconv.Itoa(n) + " -"
	case "hex":
		if n < 0 {
			return strconv.Itoa(n)
		}
		return strings.ToUpper(strconv.FormatInt(int64(n), 16))
	case "chicago":
		return chicago(n)
	}
	return strconv.Itoa(n)
}

// letters renders 1→a, 26→z, 27→aa, 53→aaa (Word repeats the letter).
func letters(n int, base byte) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	ch := base + byte((n-1)%26)
	count := (n-1)/26 + 1
	if count > 1000 {
		count = 1000
	}
	return strings.Repeat(string(ch), count)
}

// roman renders n in upper-case Roman numerals; thousands repeat M.
func roman(n int) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	if n >= 1000000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, p := range romanTable {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

var romanTable = [...]struct {
	v int
	s string
}{
	{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
	{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"},
}

func ordinal(n int) string {
	s := strconv.Itoa(n)
	m := n % 100
	if m < 0 {
		m = -m
	}
	switch {
	case m >= 11 && m <= 13:
		return s + "th"
	case m%10 == 1:
		return s + "st"
	case m%10 == 2:
		return s + "nd"
	case m%10 == 3:
		return s + "rd"
	}
	return s + "th"
}

var (
	smallWords = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tensWords     = [...]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	smallOrdinals = [...]string{"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"}
	tensOrdinals = [...]string{"", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"}
)

// cardinal spells 0..999999 in English words ("twenty-one"); other values
// are decimal.
func cardinal(n int) string {
	switch {
	case n < 0 || n >= 1000000:
		return strconv.Itoa(n)
	case n < 20:
		return smallWords[n]
	case n < 100:
		if n%10 == 0 {
			return tensWords[n/10]
		}
		return tensWords[n/10] + "-" + smallWords[n%10]
	case n < 1000:
		if n%100 == 0 {
			return smallWords[n/100] + " hundred"
		}
		return smallWords[n/100] + " hundred " + cardinal(n%100)
	}
	if n%1000 == 0 {
		return cardinal(n/1000) + " thousand"
	}
	return cardinal(n/1000) + " thousand " + cardinal(n%1000)
}

// ordinalWords spells 0..999999 as English ordinal words ("twenty-first").
func ordinalWords(n int) string {
	switch {
	case n < 0 || n >= 1000000:
		return ordinal(n)
	case n < 20:
		return smallOrdinals[n]
	case n < 100:
		if n%10 == 0 {
			return tensOrdinals[n/10]
		}
		return tensWords[n/10] + "-" + smallOrdinals[n%10]
	case n < 1000:
		if n%100 == 0 {
			return smallWords[n/100] + " hundredth"
		}
		return smallWords[n/100] + " hundred " + ordinalWords(n%100)
	}
	if n%1000 == 0 {
		return cardinal(n/1000) + " thousandth"
	}
	return cardinal(n/1000) + " thousand " + ordinalWords(n%1000)
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// enclosed renders 1..max as consecutive code points from first, else decimal.
func enclosed(n int, first rune, max int) string {
	if n >= 1 && n <= max {
		return string(first + rune(n-1))
	}
	return strconv.Itoa(n)
}

func fullWidth(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r += 0xFF10 - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// chicago renders the footnote symbols *, †, ‡, §, doubled after four.
func chicago(n int) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	syms := [...]string{"*", "†", "‡", "§"}
	count := (n-1)/4 + 1
	if count > 100 {
		count = 100
	}
	return strings.Repeat(syms[(n-1)%4], count)
}

// bulletText maps the private-use characters of the Symbol and Wingdings
// fonts in a bullet's lvlText to the characters they show.
func bulletText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r >= 0xE000 && r <= 0xF8FF {
			if m, ok := symbolBullets[r]; ok {
				b.WriteString(m)
			} else {
				b.WriteString("•")
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// symbolBullets maps Symbol/Wingdings code points (U+F000 + font code) to
// Unicode.
var symbolBullets = map[rune]string{
	0xF0B7: "•", // Symbol bullet
	0xF0A7: "▪", // Wingdings small square
	0xF0A8: "◆", // Symbol diamond
	0xF06E: "■", // Wingdings black square
	0xF06C: "●", // Wingdings black circle
	0xF071: "❑", // Wingdings shadowed square
	0xF075: "◆", // Wingdings black diamond
	0xF076: "❖", // Wingdings diamond minus X
	0xF0D8: "➢", // Wingdings arrowhead
	0xF0E0: "➔", // Wingdings arrow
	0xF0FC: "✓", // Wingdings check mark
	0xF0FB: "✗", // Wingdings ballot x
	0xF02D: "-", // Symbol minus
	0xF0BE: "—", // Symbol horizontal bar
}
