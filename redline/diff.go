package redline

import (
	"unicode"
)

// dfToken is one token of a text being diffed: a word (letters and digits), a
// run of white space, or a single other character. Start and End are rune
// offsets into the text.
type dfToken struct {
	text       string
	start, end int
	word       bool
}

// dfTokens splits s into words, white-space runs and single punctuation marks.
func dfTokens(s []rune) []dfToken {
	var out []dfToken
	for i := 0; i < len(s); {
		j := i + 1
		word := dfWordRune(s[i])
		switch {
		case word:
			for j < len(s) && dfWordRune(s[j]) {
				j++
			}
		case unicode.IsSpace(s[i]):
			for j < len(s) && unicode.IsSpace(s[j]) && s[j] != '\n' && s[i] != '\n' {
				j++
			}
		}
		out = append(out, dfToken{text: string(s[i:j]), start: i, end: j, word: word})
		i = j
	}
	return out
}

func dfWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// dfHunk is one difference: old runes [Start, End) become Insert. Start == End
// is a pure insertion, Insert == "" a pure deletion.
type dfHunk struct {
	Start, End int
	Insert     string
}

// dfMaxCells bounds the LCS table; beyond it the differing middle is replaced
// whole.
const dfMaxCells = 4 << 20

// dfDiff returns the word-level differences that turn old into new, in order.
// Changes not held apart by an anchor (dfAnchor: two common words, one long
// word or a paragraph break) are merged, so that "thirty (30)" → "sixty (60)"
// is one hunk, and a rewrite is not cut into fragments.
func dfDiff(oldText, newText []rune) []dfHunk {
	a, b := dfTokens(oldText), dfTokens(newText)
	// Trim the common prefix and suffix.
	p := 0
	for p < len(a) && p < len(b) && a[p].text == b[p].text {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s].text == b[len(b)-1-s].text {
		s++
	}
	am, bm := a[p:len(a)-s], b[p:len(b)-s]
	if len(am) == 0 && len(bm) == 0 {
		return nil
	}
	// ops: for each matched pair (i, j) of the middle, in order.
	type pair struct{ i, j int }
	var matches []pair
	if len(am) > 0 && len(bm) > 0 && (len(am)+1)*(len(bm)+1) <= dfMaxCells {
		n, m := len(am), len(bm)
		// lcs[i][j] = LCS length of am[i:], bm[j:], flattened.
		w := m + 1
		lcs := make([]int32, (n+1)*w)
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if am[i].text == bm[j].text {
					lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
				} else if x, y := lcs[(i+1)*w+j], lcs[i*w+j+1]; x >= y {
					lcs[i*w+j] = x
				} else {
					lcs[i*w+j] = y
				}
			}
		}
		for i, j := 0, 0; i < n && j < m; {
			switch {
			case am[i].text == bm[j].text:
				matches = append(matches, pair{i, j})
				i++
				j++
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				i++
			default:
				j++
			}
		}
	}
	// Build raw hunks between matches (token indices in am, bm).
	type thunk struct{ a0, a1, b0, b1 int }
	var raw []thunk
	pi, pj := 0, 0
	for _, mt := range append(matches, pair{len(am), len(bm)}) {
		if mt.i > pi || mt.j > pj {
			raw = append(raw, thunk{pi, mt.i, pj, mt.j})
		}
		pi, pj = mt.i+1, mt.j+1
	}
	// Merge hunks that no anchor separates, so that a rewrite is one change
	// rather than fragments hung on a lone "x" or "(".
	var merged []thunk
	for _, h := range raw {
		if k := len(merged) - 1; k >= 0 && !dfAnchor(am[merged[k].a1:h.a0]) {
			merged[k].a1, merged[k].b1 = h.a1, h.b1
			continue
		}
		merged = append(merged, h)
	}
	// Take in the brackets a change opens or closes: "thirty (30)", not
	// "thirty (30". Indices move to the whole token lists.
	for k := range merged {
		h := &merged[k]
		h.a0, h.a1, h.b0, h.b1 = h.a0+p, h.a1+p, h.b0+p, h.b1+p
	}
	for k := range merged {
		h := &merged[k]
		for dfUnbalanced(a[h.a0:h.a1], "(", ")") > 0 && h.a1 < len(a) && h.b1 < len(b) && a[h.a1].text == ")" && b[h.b1].text == ")" &&
			(k+1 == len(merged) || merged[k+1].a0 > h.a1) {
			h.a1++
			h.b1++
		}
		for dfUnbalanced(a[h.a0:h.a1], "(", ")") < 0 && h.a0 > 0 && h.b0 > 0 && a[h.a0-1].text == "(" && b[h.b0-1].text == "(" &&
			(k == 0 || merged[k-1].a1 < h.a0) {
			h.a0--
			h.b0--
		}
	}
	out := make([]dfHunk, 0, len(merged))
	for _, h := range merged {
		out = append(out, dfHunk{Start: dfPos(a, h.a0, oldText), End: dfPos(a, h.a1, oldText),
			Insert: string(newText[dfPos(b, h.b0, newText):dfPos(b, h.b1, newText)])})
	}
	return out
}

// dfLongWord is the rune length from which a lone common word anchors two
// changes apart.
const dfLongWord = 6

// dfAnchor reports whether the unchanged tokens between two changes hold them
// apart: a paragraph break, two words, or one word of dfLongWord runes or more.
// Anything less (white space, punctuation, one short word) is merged into one
// change with its neighbours.
func dfAnchor(gap []dfToken) bool {
	words := 0
	for _, t := range gap {
		switch {
		case t.text == "\n":
			return true
		case t.word:
			if words++; words >= 2 || t.end-t.start >= dfLongWord {
				return true
			}
		}
	}
	return false
}

// dfPos is the rune offset where token k of ts starts (the text's end when k == len(ts)).
func dfPos(ts []dfToken, k int, text []rune) int {
	if k < len(ts) {
		return ts[k].start
	}
	return len(text)
}

// dfUnbalanced returns the count of open minus close tokens in ts.
func dfUnbalanced(ts []dfToken, open, close string) int {
	n := 0
	for _, t := range ts {
		switch t.text {
		case open:
			n++
		case close:
			n--
		}
	}
	return n
}
