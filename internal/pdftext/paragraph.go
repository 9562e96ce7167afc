package pdftext

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pageLines holds the lines of one page.
type pageLines struct {
	lines []line
	w, h  float64
	drop  []bool // running header, footer or page number
}

// Header and footer detection.
const (
	hfBand   = 0.1 // top and bottom part of the page searched
	hfLines  = 3   // lines searched from each end of a page
	hfRepeat = 0.5 // part of the pages a running line appears on
)

// pageNumberRE matches a lone page number: "3", "- 3 -", "Page 3 of 10",
// "3/10", "iv".
var pageNumberRE = regexp.MustCompile(`^(?:(?i:page|pg\.?|p\.)\s*)?(?:[-–—]\s*)?(?:\d{1,4}|[ivx]{1,5})(?:\s*[-–—])?(?:\s*(?:(?i:of)|/)\s*\d{1,4})?$`)

// markRunning marks running headers and footers, and lone page numbers, in
// the top and bottom bands of the pages.
func markRunning(pages []pageLines) {
	type key struct {
		top  bool
		text string
	}
	count := map[key]int{}
	seen := map[key]bool{}
	candidates := func(p *pageLines, f func(i int, top bool)) {
		ls := p.lines
		// Lines in reading order need not be top-down (columns), so look at
		// every line and keep those among the outermost few by height.
		ys := make([]float64, 0, len(ls))
		for _, l := range ls {
			if !l.rotated {
				ys = append(ys, l.y)
			}
		}
		if len(ys) == 0 {
			return
		}
		slices.Sort(ys)
		lowCut, highCut := -1e18, 1e18
		if len(ys) > hfLines {
			lowCut, highCut = ys[hfLines-1], ys[len(ys)-hfLines]
		}
		// The outermost line counts even outside the band: pages of HTML
		// converters end where their content ends, mid-page.
		top, bottom := ys[len(ys)-1], ys[0]
		for i, l := range ls {
			if l.rotated {
				continue
			}
			if l.y >= highCut && (l.y+0.7*l.size >= p.h*(1-hfBand) || l.y == top) {
				f(i, true)
			} else if l.y <= lowCut && (l.y <= p.h*hfBand || l.y == bottom) {
				f(i, false)
			}
		}
	}
	// Text that also appears in the body of a page is not a running line.
	body := map[string]bool{}
	var isCand []bool
	var buf []byte
	for pi := range pages {
		p := &pages[pi]
		clear(seen)
		isCand = append(isCand[:0], make([]bool, len(p.lines))...)
		candidates(p, func(i int, top bool) {
			isCand[i] = true
			k := key{top, normRunning(p.lines[i].text)}
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		})
		for i, l := range p.lines {
			if !isCand[i] {
				buf = appendRunning(buf[:0], l.text)
				if !body[string(buf)] {
					body[string(buf)] = true
				}
			}
		}
	}
	need := max(2, int(math.Ceil(hfRepeat*float64(len(pages)))))
	for pi := range pages {
		p := &pages[pi]
		p.drop = make([]bool, len(p.lines))
		candidates(p, func(i int, top bool) {
			t := p.lines[i].text
			k := normRunning(t)
			if (count[key{top, k}] >= need && !body[k]) || pageNumberRE.MatchString(strings.TrimSpace(t)) {
				p.drop[i] = true
			}
		})
		for i := range p.lines {
			if !p.drop[i] && interiorPageNumber(p.lines, i) {
				p.drop[i] = true
			}
		}
	}
}

// interiorPageNumber reports whether line i is a page number inside the
// page: a lone number, centred in its block, set apart by blank space above
// and below. HTML converters print the page breaks of the original document
// (SEC filings) that way, in the middle of their own pages.
func interiorPageNumber(ls []line, i int) bool {
	l := &ls[i]
	if l.rotated || !pageNumberRE.MatchString(l.text) {
		return false
	}
	if w := l.bx1 - l.bx0; abs((l.x0+l.x1)/2-(l.bx0+l.bx1)/2) > 0.1*w {
		return false
	}
	apart := func(j int) bool {
		return j < 0 || j >= len(ls) || ls[j].block != l.block || ls[j].rotated || abs(ls[j].y-l.y) > 2*max(l.size, ls[j].size)
	}
	return apart(i-1) && apart(i+1) && (i > 0 || i < len(ls)-1)
}

// normRunning lower-cases s and replaces each run of digits with "#", so
// that "Page 2 of 9" and "Page 3 of 9" compare equal.
func normRunning(s string) string {
	return string(appendRunning(make([]byte, 0, len(s)), s))
}

func appendRunning(b []byte, s string) []byte {
	digit := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if !digit {
				b = append(b, '#')
			}
			digit = true
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		digit = false
		b = append(b, c)
	}
	return b
}

// lineSpacing estimates the usual distance between baselines of the lines
// of a paragraph, as a multiple of the font size.
func lineSpacing(pages []pageLines) float64 {
	var hist [64]int // buckets of 0.05 from 0.8
	for _, p := range pages {
		var prev *line
		for i := range p.lines {
			l := &p.lines[i]
			if p.drop[i] {
				continue
			}
			if prev != nil && prev.block == l.block && abs(prev.size-l.size) < 0.1*l.size {
				r := (prev.y - l.y) / l.size
				if b := int((r - 0.8) / 0.05); b >= 0 && b < len(hist) {
					hist[b]++
				}
			}
			prev = l
		}
	}
	mode := 0
	for b := range hist {
		if hist[b] > hist[mode] {
			mode = b
		}
	}
	if hist[mode] == 0 {
		return 1.2
	}
	// Where most paragraphs are one line long, the mode is the paragraph
	// gap: prefer a smaller spacing that is common too.
	for b := 0; b < mode; b++ {
		if hist[b]*10 >= hist[mode]*3 {
			mode = b
			break
		}
	}
	return 0.8 + 0.05*float64(mode) + 0.025
}

// assemble joins the kept lines into paragraphs.
func assemble(pages []pageLines) []Paragraph {
	spacing := lineSpacing(pages)
	for pi := range pages {
		for i := range pages[pi].lines {
			pages[pi].lines[i].text = unglueNumber(pages[pi].lines[i].text)
		}
	}
	vocab := vocabulary(pages)
	var (
		out       []Paragraph
		buf       []byte
		prev      *line
		prevPage  int
		first     *line
		cur       Paragraph
		lineCount int
	)
	flush := func() {
		if prev == nil {
			return
		}
		cur.Text = finishText(buf, cur.Lines)
		if cur.Text != "" {
			out = append(out, cur)
		}
		buf = buf[:0]
	}
	// starts records where line l begins in buf, once it has been appended.
	starts := func(pi int, l *line) {
		cur.Lines = append(cur.Lines, LineStart{Offset: max(0, len(buf)-len(l.text)), Page: pi + 1, Line: l.num})
	}
	for pi := range pages {
		p := &pages[pi]
		skipped := false // a dropped line since prev
		for i := range p.lines {
			if p.drop[i] {
				skipped = true
				continue
			}
			l := &p.lines[i]
			// Across a page break, or a page number dropped inside the
			// page, the text may flow on.
			if prev == nil || breaksBefore(prev, l, first, lineCount, prevPage != pi || skipped, spacing) {
				flush()
				cur = Paragraph{Page: pi + 1, Line: l.num}
				first = l
				lineCount = 0
				buf = append(buf, l.text...)
			} else {
				buf = joinLine(buf, l.text, vocab)
			}
			starts(pi, l)
			cur.EndPage, cur.EndLine = pi+1, l.num
			lineCount++
			prev, prevPage, skipped = l, pi, false
		}
	}
	flush()
	return out
}

// breaksBefore reports whether line l starts a new paragraph after prev.
// first is the first line of the current paragraph and n its line count;
// jump is set when a page break or a dropped line lies between them.
func breaksBefore(prev, l, first *line, n int, jump bool, spacing float64) bool {
	clause := clauseStart(l.text)
	ends := endsSentence(prev.text)
	if jump || prev.block != l.block {
		// Text flows on across a page or column break when the line before
		// stops mid-sentence, and the next one starts in lower case or the
		// line before runs to the margin.
		if ends || clause || boldBreak(prev, l, ends) {
			return true
		}
		r, _ := utf8.DecodeRuneInString(l.text)
		return !unicode.IsLower(r) && short(prev, 0.12)
	}
	sz := max(prev.size, l.size)
	delta := prev.y - l.y
	switch {
	case delta <= 0:
		return true
	case delta > spacing*sz*1.3+0.1*sz:
		return true
	case abs(prev.size-l.size) > max(1, 0.12*sz):
		return true
	case boldBreak(prev, l, ends):
		return true
	}
	tol := max(0.9*sz, 4)
	if l.x0 > prev.x0+tol {
		// Deeper: a hanging indent continues the paragraph's first line.
		return !(n == 1 && !ends && !short(prev, 0.12))
	}
	if l.x0 < prev.x0-tol {
		// Shallower: a first-line indent, unless the paragraph already had
		// more lines.
		return n > 1 || clause
	}
	if clause && (ends || short(prev, 0.12)) {
		return true
	}
	if ends && short(prev, 0.12) {
		return true
	}
	// A short line without end punctuation, then a capital: a heading.
	if !ends && short(prev, 0.4) && startsUpper(l.text) && !endsWithJoiner(prev.text) {
		return true
	}
	return false
}

// boldBreak reports a change between bold and regular type that separates a
// heading from its text: a short bold line before regular text, or a bold
// line after a finished sentence.
func boldBreak(prev, l *line, ends bool) bool {
	return (prev.bold && !l.bold && short(prev, 0.25)) || (!prev.bold && l.bold && ends)
}

// short reports whether l stops before the right edge of its block by more
// than frac of the block width.
func short(l *line, frac float64) bool {
	w := l.bx1 - l.bx0
	return l.x1 < l.bx1-max(frac*w, 2*l.size)
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ”’\"')]")
	if s == "" {
		return false
	}
	switch s[len(s)-1] {
	case '.', ':', ';', '!', '?':
		return true
	}
	return false
}

func endsWithJoiner(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == ',' || r == '-' || r == 0xad || r == '–' || r == '(' || r == '&' {
		return true
	}
	i := strings.LastIndexByte(s, ' ')
	switch strings.ToLower(s[i+1:]) {
	case "and", "or", "the", "of", "to", "a", "an", "in", "by", "for", "with", "between":
		return true
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '(' || r == '“' || r == '"'
}

var clauseWords = []string{"section", "article", "clause", "schedule", "exhibit", "annex", "appendix", "part"}

// clauseStart reports whether s begins with a clause number: "1.", "1.1",
// "12)", "(a)", "a)", "a.", "(iv)", "iv.", "A.", "Section 5", "ARTICLE IV".
func clauseStart(s string) bool {
	tok, rest, _ := strings.Cut(s, " ")
	if tok == "" {
		return false
	}
	lt := strings.ToLower(tok)
	for _, w := range clauseWords {
		if lt == w {
			num, _, _ := strings.Cut(rest, " ")
			num = strings.TrimRight(num, ".:")
			return num != "" && strings.Trim(num, "0123456789IVXLCivxlc.") == "" && (tok[0] == 'S' || tok[0] == 'A' ||
				tok[0] == 'C' || tok[0] == 'E' || tok[0] == 'P')
		}
	}
	if tok[0] >= '0' && tok[0] <= '9' && !strings.ContainsAny(tok, ".)") {
		// A bare number: only before a capital ("1 DEFINITIONS").
		return len(tok) <= 3 && strings.Trim(tok, "0123456789") == "" &&
			rest != "" && startsUpper(rest) && !unicode.IsDigit(rune(rest[0]))
	}
	return isLabel(tok)
}

// isLabel reports whether tok is a list or clause label: "1.", "1.1",
// "1.1.1", "12)", "(a)", "a)", "a.", "(iv)", "iv.", "A.", "IV.".
func isLabel(tok string) bool {
	if tok == "" || len(tok) > 12 {
		return false
	}
	if strings.HasSuffix(tok, ")") {
		return isOrdinal(strings.TrimSuffix(strings.TrimPrefix(tok, "("), ")"))
	}
	if tok[0] >= '0' && tok[0] <= '9' {
		parts := strings.Split(strings.TrimSuffix(tok, "."), ".")
		if len(parts) > 4 || (len(parts) == 1 && !strings.HasSuffix(tok, ".")) {
			return false
		}
		for _, p := range parts {
			if p == "" || len(p) > 3 || strings.Trim(p, "0123456789") != "" {
				return false
			}
		}
		return true
	}
	if body, ok := strings.CutSuffix(tok, "."); ok && body != "" {
		if len(body) == 1 && unicode.IsLetter(rune(body[0])) {
			return true // A. b.
		}
		return strings.Trim(body, "ivxlc") == "" || strings.Trim(body, "IVXLC") == ""
	}
	return false
}

func isOrdinal(s string) bool {
	if s == "" || len(s) > 5 {
		return false
	}
	if strings.Trim(s, "0123456789") == "" && len(s) <= 3 {
		return true
	}
	if len(s) <= 2 && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return true
	}
	return strings.Trim(s, "ivxlcIVXLC") == ""
}

// joinLine appends a line to a paragraph, re-joining a word hyphenated at
// the line end. vocab holds the document's words, to tell a hyphenated word
// ("Cus-" "tomer") from a compound ("Health-" "related").
func joinLine(buf []byte, next string, vocab map[string]bool) []byte {
	last, n := utf8.DecodeLastRune(buf)
	if last == 0xad { // soft hyphen: always a break inside a word
		return append(buf[:len(buf)-n], next...)
	}
	if last == '-' || last == 0x2010 {
		stem := buf[:len(buf)-n]
		before, _ := utf8.DecodeLastRune(stem)
		first, _ := utf8.DecodeRuneInString(next)
		if unicode.IsLetter(before) && unicode.IsLower(first) {
			head := strings.ToLower(string(lastWord(stem)))
			tail := strings.ToLower(firstWord(next))
			compound := false
			switch {
			case vocab[head+tail]:
			case vocab[head+"-"+tail], len(head) == 1:
				compound = true // "first-class" elsewhere, "e-commerce"
			case len(head) >= 3 && len(tail) >= 3 && vocab[head] && vocab[tail]:
				compound = true // "Health-" "related"
			}
			if compound {
				return append(buf, next...)
			}
			return append(stem, next...)
		}
		if unicode.IsLetter(before) && unicode.IsLetter(first) {
			return append(buf, next...) // "non-" + "Disclosure": a compound
		}
	}
	buf = append(buf, ' ')
	return append(buf, next...)
}

// lastWord returns the letters at the end of b.
func lastWord(b []byte) []byte {
	i := len(b)
	for i > 0 {
		r, n := utf8.DecodeLastRune(b[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	return b[i:]
}

// firstWord returns the letters at the start of s.
func firstWord(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}

// vocabulary collects the lower-case words of the kept lines, and the
// hyphenated compounds among them, leaving out the halves of words
// hyphenated at a line end.
func vocabulary(pages []pageLines) map[string]bool {
	vocab := map[string]bool{}
	var word []byte
	add := func() {
		if len(word) > 0 && !vocab[string(word)] {
			vocab[string(word)] = true
		}
	}
	skipFirst := false
	for _, p := range pages {
		for i, l := range p.lines {
			if p.drop[i] {
				continue
			}
			t := l.text
			hyphen := strings.HasSuffix(t, "-")
			if hyphen {
				if k := strings.LastIndexByte(t, ' '); k >= 0 {
					t = t[:k]
				} else {
					t = ""
				}
			}
			if skipFirst {
				if k := strings.IndexByte(t, ' '); k >= 0 {
					t = t[k+1:]
				} else {
					t = ""
				}
			}
			skipFirst = hyphen
			// Words are letters; a hyphen between letters also makes a
			// compound entry ("first-class").
			word = word[:0]
			start := 0 // where the current compound began in word
			compound := false
			for k, r := range t {
				switch {
				case unicode.IsLetter(r):
					word = utf8.AppendRune(word, unicode.ToLower(r))
					continue
				case r == '-' && len(word) > start && k+1 < len(t) && t[k+1] != ' ':
					sub := word[start:]
					if !vocab[string(sub)] {
						vocab[string(sub)] = true
					}
					word = append(word, '-')
					start = len(word)
					compound = true
					continue
				}
				if compound {
					sub := word[start:]
					if len(sub) > 0 && !vocab[string(sub)] {
						vocab[string(sub)] = true
					}
				}
				add()
				word, start, compound = word[:0], 0, false
			}
			if compound {
				if sub := word[start:]; len(sub) > 0 && !vocab[string(sub)] {
					vocab[string(sub)] = true
				}
			}
			add()
		}
	}
	return vocab
}

// unglueNumber puts a space between a clause number and a word drawn right
// against it: "12.Decisions" → "12. Decisions", "1.1Definitions" →
// "1.1 Definitions".
func unglueNumber(s string) string {
	tok, _, _ := strings.Cut(s, " ")
	for i := 1; i < len(tok); i++ {
		if c := tok[i]; c < 'A' || c > 'Z' {
			continue
		}
		if isLabel(tok[:i]) && isWord(strings.TrimRight(tok[i:], ",;:")) {
			return s[:i] + " " + s[i:]
		}
	}
	return s
}

// isWord reports whether s is two or more letters.
func isWord(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// finishText removes soft hyphens and collapses white space.
func finishText(buf []byte, lines []LineStart) string {
	var b strings.Builder
	b.Grow(len(buf))
	space := false
	k := 0 // next line start to move from buf offsets to text offsets
	for i, r := range string(buf) {
		switch {
		case r == 0xad:
			continue
		case r == ' ':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		for k < len(lines) && lines[k].Offset <= i {
			lines[k].Offset = b.Len()
			k++
		}
		b.WriteRune(r)
	}
	for ; k < len(lines); k++ {
		lines[k].Offset = b.Len()
	}
	return b.String()
}
