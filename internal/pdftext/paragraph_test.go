package pdftext

import (
	"strings"
	"testing"
)

func TestClauseStart(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"1. Definitions", true},
		{"1.1 The Supplier shall", true},
		{"12.3.4 Notices", true},
		{"(a) the Customer", true},
		{"a) the Customer", true},
		{"(iv) any other", true},
		{"iv. any other", true},
		{"A. Recitals", true},
		{"Section 5 Term", true},
		{"SECTION 5.2", true},
		{"ARTICLE IV", true},
		{"Schedule 1", true},
		{"1 DEFINITIONS", true},
		{"12.", true},
		{"30 days after", false},
		{"2024 (the “Effective Date”)", false},
		{"1,000,000 shares", false},
		{"The Supplier", false},
		{"section of the Agreement", false},
		{"e.g. the Customer", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := clauseStart(tt.line); got != tt.want {
			t.Errorf("clauseStart(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestJoinLine(t *testing.T) {
	vocab := map[string]bool{"customer": true, "health": true, "related": true, "first-class": true, "class": true}
	tests := []struct {
		name, a, b, want string
	}{
		{"plain", "shall be", "delivered", "shall be delivered"},
		{"hyphenated word", "to the Cus-", "tomer under", "to the Customer under"},
		{"word seen whole elsewhere", "the cus-", "tomer", "the customer"},
		{"compound of two known words", "Health-", "related products", "Health-related products"},
		{"compound seen with its hyphen", "first-", "class post", "first-class post"},
		{"one-letter prefix", "e-", "commerce", "e-commerce"},
		{"capital after the hyphen", "non-", "Disclosure", "non-Disclosure"},
		{"soft hyphen", "Cus\u00ad", "tomer", "Customer"},
		{"dash and space", "the parties –", "each", "the parties – each"},
		{"number range", "pages 1-", "10", "pages 1- 10"},
	}
	for _, tt := range tests {
		if got := string(joinLine([]byte(tt.a), tt.b, vocab)); got != tt.want {
			t.Errorf("%s: joinLine(%q, %q) = %q, want %q", tt.name, tt.a, tt.b, got, tt.want)
		}
	}
}

func TestPageNumber(t *testing.T) {
	for _, s := range []string{"3", "- 3 -", "-4-", "— 12 —", "Page 3", "Page 3 of 10", "page 3 of 10", "PAGE 3 OF 10", "3/10", "iv"} {
		if !pageNumberRE.MatchString(s) {
			t.Errorf("%q is not taken for a page number", s)
		}
	}
	for _, s := range []string{"(c)", "iii.", "1.", "3 days", "Page", "12345", "Section 3"} {
		if pageNumberRE.MatchString(s) {
			t.Errorf("%q is taken for a page number", s)
		}
	}
}

func TestUnglueNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"12.Decisions regarding", "12. Decisions regarding"},
		{"(a)The Supplier", "(a) The Supplier"},
		{"1.1Definitions", "1.1 Definitions"},
		{"U.S.A. law", "U.S.A. law"},
		{"e.g.The", "e.g.The"},
		{"12. Decisions", "12. Decisions"},
	}
	for _, tt := range tests {
		if got := unglueNumber(tt.in); got != tt.want {
			t.Errorf("unglueNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFinishText(t *testing.T) {
	if got := finishText([]byte("  a\u00adb   c  "), nil); got != "ab c" {
		t.Errorf("finishText = %q", got)
	}
}

func TestInteriorPageNumber(t *testing.T) {
	body := func(y float64, text string) line {
		return line{text: text, x0: 72, x1: 540, y: y, size: 10, bx0: 72, bx1: 540}
	}
	num := func(y float64, text string, x0 float64) line {
		return line{text: text, x0: x0, x1: x0 + 10, y: y, size: 10, bx0: 72, bx1: 540}
	}
	tests := []struct {
		name  string
		lines []line
		want  bool
	}{
		{"centred, blank space around", []line{body(500, "but not"), num(470, "7", 301), body(440, "including")}, true},
		{"dashes", []line{body(500, "but not"), num(470, "- 7 -", 298), body(440, "including")}, true},
		{"not centred", []line{body(500, "but not"), num(470, "7", 72), body(440, "including")}, false},
		{"no space above", []line{body(480, "but not"), num(470, "7", 301), body(440, "including")}, false},
		{"not a number", []line{body(500, "but not"), num(470, "Notes", 301), body(440, "including")}, false},
	}
	for _, tt := range tests {
		if got := interiorPageNumber(tt.lines, 1); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestFinishTextLines moves line starts from the assembly buffer to the finished
// text, across collapsed spaces and removed soft hyphens.
func TestFinishTextLines(t *testing.T) {
	buf := []byte("  Cus\u00adtomer   shall pay the   Fees. Late payments bear interest.")
	raw := string(buf)
	lines := []LineStart{
		{Offset: strings.Index(raw, "Cus"), Line: 1},
		{Offset: strings.Index(raw, "the"), Line: 2},
		{Offset: strings.Index(raw, "Late"), Line: 3},
	}
	text := finishText(buf, lines)
	if text != "Customer shall pay the Fees. Late payments bear interest." {
		t.Fatalf("text %q", text)
	}
	want := []string{"Customer shall", "the Fees.", "Late payments"}
	for i, l := range lines {
		if !strings.HasPrefix(text[l.Offset:], want[i]) {
			t.Errorf("line %d starts at %d: %q, want %q", l.Line, l.Offset, text[l.Offset:], want[i])
		}
	}
}
