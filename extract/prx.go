package extract

import (
	"math/bits"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A prx answers one question about a regular expression, whether it matches
// anywhere in a text, by carrying sets of positions through the expression's
// syntax tree: each part maps the set of positions where it may start to the
// set of positions where it may end. The answer is exactly regexp.MatchString's
// (which match would be chosen does not matter to whether there is one), but a
// bounded gap such as "[^;]{0,200}" costs one pass over the text instead of the
// two hundred threads or backtracking states the regexp package gives it; that
// is what the clause type patterns are made of.
//
// Sets are bitsets over the byte offsets 0..len(text), holding only offsets
// where a rune starts (or the end), as the regexp package steps: a byte that is
// not valid UTF-8 is one rune, U+FFFD.
type prx struct {
	root *prxNode
}

type prxOp uint8

const (
	prxEmpty   prxOp = iota // the empty string
	prxNone                 // nothing
	prxLit                  // lit
	prxClass                // one rune of the class
	prxCat                  // subs in turn
	prxAlt                  // any of subs
	prxRepeat               // subs[0] from min to max times (max -1: no limit)
	prxWordB                // \b
	prxNoWordB              // \B
	prxBegin                // start of text
	prxEnd                  // end of text
)

type prxNode struct {
	op   prxOp
	lit  string
	subs []*prxNode
	// a class: ASCII runes by bitmap, the others by ranges (pairs, inclusive)
	ascii  [2]uint64
	ranges []rune
	// a repeat
	min, max int
	class    *prxNode // the class or one-rune literal repeated, for the one-pass window
	// gap marks a repeated class that holds every rune outside ASCII and all
	// but the few ASCII bytes of excl ("[^;]", "."): its runs are cut only at
	// those bytes.
	gap  bool
	excl string
}

// prxCompile returns the prx of a parsed expression, or nil when it holds a
// construct prx does not handle (case folding, line anchors).
func prxCompile(re *syntax.Regexp) *prx {
	nd := prxFrom(re)
	if nd == nil {
		return nil
	}
	return &prx{root: nd}
}

func prxFrom(re *syntax.Regexp) *prxNode {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return &prxNode{op: prxEmpty}
	case syntax.OpNoMatch:
		return &prxNode{op: prxNone}
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			for _, r := range re.Rune {
				if unicode.SimpleFold(r) != r {
					return nil
				}
			}
		}
		if len(re.Rune) == 0 {
			return &prxNode{op: prxEmpty}
		}
		return &prxNode{op: prxLit, lit: string(re.Rune)}
	case syntax.OpCharClass:
		return prxClassOf(re.Rune)
	case syntax.OpAnyCharNotNL:
		return prxClassOf([]rune{0, '\n' - 1, '\n' + 1, unicode.MaxRune})
	case syntax.OpAnyChar:
		return prxClassOf([]rune{0, unicode.MaxRune})
	case syntax.OpBeginText:
		return &prxNode{op: prxBegin}
	case syntax.OpEndText:
		return &prxNode{op: prxEnd}
	case syntax.OpWordBoundary:
		return &prxNode{op: prxWordB}
	case syntax.OpNoWordBoundary:
		return &prxNode{op: prxNoWordB}
	case syntax.OpCapture:
		return prxFrom(re.Sub[0])
	case syntax.OpStar:
		return prxRep(re.Sub[0], 0, -1)
	case syntax.OpPlus:
		return prxRep(re.Sub[0], 1, -1)
	case syntax.OpQuest:
		return prxRep(re.Sub[0], 0, 1)
	case syntax.OpRepeat:
		return prxRep(re.Sub[0], re.Min, re.Max)
	case syntax.OpConcat, syntax.OpAlternate:
		nd := &prxNode{op: prxCat}
		if re.Op == syntax.OpAlternate {
			nd.op = prxAlt
		}
		for _, s := range re.Sub {
			sn := prxFrom(s)
			if sn == nil {
				return nil
			}
			nd.subs = append(nd.subs, sn)
		}
		return nd
	}
	// Line anchors (multi-line mode) and anything newer.
	return nil
}

// prxClassOf returns the class node of ranges (pairs of inclusive bounds).
func prxClassOf(ranges []rune) *prxNode {
	nd := &prxNode{op: prxClass}
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
			nd.ascii[r>>6] |= 1 << (uint(r) & 63)
		}
		if hi >= utf8.RuneSelf {
			nd.ranges = append(nd.ranges, max(lo, utf8.RuneSelf), hi)
		}
	}
	return nd
}

func prxRep(sub *syntax.Regexp, lo, hi int) *prxNode {
	s := prxFrom(sub)
	if s == nil {
		return nil
	}
	nd := &prxNode{op: prxRepeat, subs: []*prxNode{s}, min: lo, max: hi}
	switch {
	case s.op == prxClass:
		nd.class = s
	case s.op == prxLit && utf8.RuneCountInString(s.lit) == 1:
		r, _ := utf8.DecodeRuneInString(s.lit)
		nd.class = prxClassOf([]rune{r, r})
	}
	if c := nd.class; c != nil && len(c.ranges) == 2 && c.ranges[0] == utf8.RuneSelf && c.ranges[1] == unicode.MaxRune {
		var excl []byte
		for b := 0; b < utf8.RuneSelf; b++ {
			if !c.has(rune(b)) {
				excl = append(excl, byte(b))
			}
		}
		if len(excl) <= 4 {
			nd.gap, nd.excl = true, string(excl)
		}
	}
	return nd
}

// has reports whether the class holds r.
func (nd *prxNode) has(r rune) bool {
	if r < utf8.RuneSelf {
		return nd.ascii[r>>6]&(1<<(uint(r)&63)) != 0
	}
	for i := 0; i < len(nd.ranges); i += 2 {
		if r < nd.ranges[i] {
			return false
		}
		if r <= nd.ranges[i+1] {
			return true
		}
	}
	return false
}

// prxRun is a text being matched and the state of one match on it: an arena
// of sets, and the sets of the text itself (where runes start, where words
// start or end), made once for all the expressions run on the text.
type prxRun struct {
	s     string
	w     int // words in a set
	ascii bool
	buf   []uint64
	top   int
	queue []int

	starts []uint64 // the positions where a rune starts, and the end
	wb     []uint64 // the word boundaries, once wbOK
	wbOK   bool
	pos    []int32 // byte position of each rune, and the end; nil until needed

	// fb holds, once fbOK, the set of positions of each byte b at
	// fb[b*w:(b+1)*w]: made in one pass on first use. The bytes present
	// mark the sets to clear for the next text; the rest of fb stays zero.
	fb      []uint64
	fbOK    bool
	present [4]uint64
}

// prxWordTab is 1 for the bytes \w matches.
var prxWordTab = func() (t [256]uint8) {
	for c := range t {
		if clsWordByte(byte(c)) {
			t[c] = 1
		}
	}
	return t
}()

var prxRuns = sync.Pool{New: func() any { return new(prxRun) }}

// match reports whether the expression matches somewhere in s. The prxRun
// taken from the pool keeps s, so that the next expression run on the same
// string by the same goroutine (as a term finder runs dozens on a sentence)
// finds its sets made.
func (p *prx) match(s string) bool {
	r := prxRuns.Get().(*prxRun)
	if !r.holds(s) {
		r.reset(s)
	}
	ok := p.run(r)
	prxRuns.Put(r)
	return ok
}

// holds reports whether r is set to s: the same string, not only equal text.
func (r *prxRun) holds(s string) bool {
	return len(r.s) == len(s) && unsafe.StringData(r.s) == unsafe.StringData(s) && r.starts != nil
}

// reset sets r to the text s.
func (r *prxRun) reset(s string) {
	if r.fbOK {
		for b := range 256 {
			if r.present[b>>6]&(1<<(uint(b)&63)) != 0 {
				clear(r.fb[b*r.w : (b+1)*r.w])
			}
		}
		r.fbOK, r.present = false, [4]uint64{}
	}
	r.s, r.w, r.top = s, (len(s)+64)/64, 0
	r.wbOK, r.pos = false, r.pos[:0]
	r.ascii = true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			r.ascii = false
			break
		}
	}
	r.starts = slices.Grow(r.starts[:0], r.w)[:r.w]
	in := r.starts
	clear(in)
	if r.ascii {
		for i := range in {
			in[i] = ^uint64(0)
		}
		if n := len(s) + 1; n&63 != 0 {
			in[len(in)-1] = 1<<(uint(n)&63) - 1
		}
		return
	}
	for i := 0; i < len(s); {
		in[i>>6] |= 1 << (uint(i) & 63)
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	in[len(s)>>6] |= 1 << (uint(len(s)) & 63)
}

// run reports whether the expression matches somewhere in r's text.
func (p *prx) run(r *prxRun) bool {
	r.top = 0
	return !prxEmptySet(r.eval(p.root, r.starts))
}

// bounds returns the set of word boundaries of the text: the positions where
// a word byte follows a non-word byte (or the start), or the reverse (or the
// end).
func (r *prxRun) bounds() []uint64 {
	if r.wbOK {
		return r.wb
	}
	s := r.s
	wb := slices.Grow(r.wb[:0], r.w)[:r.w]
	var carry uint64 // whether the byte before the word's first is a word byte
	for wi := range wb {
		base := wi << 6
		var m uint64 // bit i: s[base+i] is a word byte
		for i, c := range []byte(s[base:min(base+64, len(s))]) {
			m |= uint64(prxWordTab[c]) << uint(i)
		}
		wb[wi] = m ^ (m<<1 | carry)
		carry = m >> 63
	}
	r.wb, r.wbOK = wb, true
	return wb
}

// prxFirstMax is the longest text for which firstSet makes its sets: they
// take 32 bytes of memory a byte of text.
const prxFirstMax = 64 << 10

// firstSet returns the set of positions of the text holding byte b, or nil
// for a text longer than prxFirstMax.
func (r *prxRun) firstSet(b byte) []uint64 {
	w := r.w
	if len(r.s) > prxFirstMax {
		return nil
	}
	if !r.fbOK {
		if len(r.fb) < 256*w {
			r.fb = make([]uint64, 256*w)
		}
		fb := r.fb
		for i, c := range []byte(r.s) {
			fb[int(c)*w+i>>6] |= 1 << (uint(i) & 63)
			r.present[c>>6] |= 1 << (c & 63)
		}
		r.fbOK = true
	}
	return r.fb[int(b)*w : (int(b)+1)*w]
}

// runes returns the byte position of each rune of the text, and of the end.
func (r *prxRun) runes() []int32 {
	if len(r.pos) > 0 {
		return r.pos
	}
	pos := r.pos[:0]
	for i := 0; i < len(r.s); {
		pos = append(pos, int32(i))
		_, w := utf8.DecodeRuneInString(r.s[i:])
		i += w
	}
	r.pos = append(pos, int32(len(r.s)))
	return r.pos
}

// alloc returns an empty set.
func (r *prxRun) alloc() []uint64 {
	if r.top+r.w > len(r.buf) {
		r.buf = make([]uint64, max(2*len(r.buf), 16*r.w))
		r.top = 0
	}
	set := r.buf[r.top : r.top+r.w : r.top+r.w]
	r.top += r.w
	clear(set)
	return set
}

func prxEmptySet(set []uint64) bool {
	for _, x := range set {
		if x != 0 {
			return false
		}
	}
	return true
}

func prxHas(set []uint64, i int) bool { return set[i>>6]&(1<<(uint(i)&63)) != 0 }
func prxSet(set []uint64, i int)      { set[i>>6] |= 1 << (uint(i) & 63) }

// prxFill sets the positions lo..hi (inclusive) of set.
func prxFill(set []uint64, lo, hi int) {
	for lo <= hi {
		wi, b := lo>>6, uint(lo)&63
		n := min(64-int(b), hi-lo+1)
		m := ^uint64(0)
		if n < 64 {
			m = (1<<uint(n) - 1) << b
		}
		set[wi] |= m
		lo += n
	}
}

// rune returns the rune at i of the text and its width, as the regexp package
// reads it.
func (r *prxRun) rune(i int) (rune, int) {
	if c := r.s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(r.s[i:])
}

// eval returns the set of positions where nd may end when it starts at a
// position of in. The result may be in itself.
func (r *prxRun) eval(nd *prxNode, in []uint64) []uint64 {
	s := r.s
	switch nd.op {
	case prxEmpty:
		return in
	case prxNone:
		return r.alloc()
	case prxLit:
		out := r.alloc()
		l := nd.lit
		f := r.firstSet(l[0])
		if f == nil {
			for off := 0; off < len(s); {
				j := strings.Index(s[off:], l)
				if j < 0 {
					break
				}
				q := off + j
				if prxHas(in, q) {
					prxSet(out, q+len(l))
				}
				off = q + 1
			}
			return out
		}
		for wi, x := range in {
			for x &= f[wi]; x != 0; x &= x - 1 {
				i := wi<<6 + bits.TrailingZeros64(x)
				if strings.HasPrefix(s[i:], l) {
					prxSet(out, i+len(l))
				}
			}
		}
		return out
	case prxClass:
		out := r.alloc()
		for wi, x := range in {
			for ; x != 0; x &= x - 1 {
				i := wi<<6 + bits.TrailingZeros64(x)
				if i == len(s) {
					break
				}
				c, w := r.rune(i)
				if nd.has(c) {
					prxSet(out, i+w)
				}
			}
		}
		return out
	case prxCat:
		cur := in
		for _, sub := range nd.subs {
			cur = r.eval(sub, cur)
			if prxEmptySet(cur) {
				break
			}
		}
		return cur
	case prxAlt:
		out := r.alloc()
		for _, sub := range nd.subs {
			mark := r.top
			x := r.eval(sub, in)
			for i := range out {
				out[i] |= x[i]
			}
			r.top = mark
		}
		return out
	case prxRepeat:
		if nd.gap {
			return r.gap(nd, in)
		}
		if nd.class != nil {
			return r.window(nd, in)
		}
		return r.repeat(nd, in)
	case prxWordB:
		out, wb := r.alloc(), r.bounds()
		for i := range out {
			out[i] = in[i] & wb[i]
		}
		return out
	case prxNoWordB:
		out, wb := r.alloc(), r.bounds()
		for i := range out {
			out[i] = in[i] &^ wb[i]
		}
		return out
	case prxBegin:
		out := r.alloc()
		if prxHas(in, 0) {
			prxSet(out, 0)
		}
		return out
	case prxEnd:
		out := r.alloc()
		if prxHas(in, len(s)) {
			prxSet(out, len(s))
		}
		return out
	}
	panic("extract: prx: unknown op")
}

// repeat evaluates a repeat of any expression: min rounds, then rounds that
// add the positions not reached before (a position first reached after fewer
// rounds has at least as many rounds left), until max or nothing new.
func (r *prxRun) repeat(nd *prxNode, in []uint64) []uint64 {
	sub := nd.subs[0]
	if nd.min == 0 && nd.max == 1 { // x?
		out := r.alloc()
		x := r.eval(sub, in)
		for i := range out {
			out[i] = in[i] | x[i]
		}
		return out
	}
	cur := in
	for k := 0; k < nd.min; k++ {
		cur = r.eval(sub, cur)
		if prxEmptySet(cur) {
			return cur
		}
	}
	acc := r.alloc()
	copy(acc, cur)
	for k := nd.min; nd.max < 0 || k < nd.max; k++ {
		nx := r.eval(sub, cur)
		fresh := r.alloc()
		any := false
		for i := range fresh {
			fresh[i] = nx[i] &^ acc[i]
			acc[i] |= fresh[i]
			any = any || fresh[i] != 0
		}
		if !any {
			break
		}
		cur = fresh
	}
	return acc
}

// gap evaluates a repeat of a class cut only by a few ASCII bytes: from each
// start j, the positions min to max runes on, up to the next cutting byte, as
// ranges of bits.
func (r *prxRun) gap(nd *prxNode, in []uint64) []uint64 {
	out := r.alloc()
	s := r.s
	var pos []int32
	if !r.ascii {
		pos = r.runes()
	}
	cut := -1    // the next cutting byte at or after the start, len(s) for none
	filled := -1 // out is filled up to here
	for wi, x := range in {
		for ; x != 0; x &= x - 1 {
			j := wi<<6 + bits.TrailingZeros64(x)
			if cut < j {
				cut = len(s)
				var k int
				switch len(nd.excl) {
				case 0:
					k = -1
				case 1:
					k = strings.IndexByte(s[j:], nd.excl[0])
				default:
					k = strings.IndexAny(s[j:], nd.excl)
				}
				if k >= 0 {
					cut = j + k
				}
			}
			lo, hi := j+nd.min, cut
			if nd.max >= 0 {
				hi = min(hi, j+nd.max)
			}
			if pos != nil {
				// Count runes: rune index rj of j, then the positions of the
				// runes min and max on.
				rj, _ := slices.BinarySearch(pos, int32(j))
				if rj+nd.min >= len(pos) {
					continue
				}
				lo = int(pos[rj+nd.min])
				if nd.max >= 0 {
					hi = min(cut, int(pos[min(rj+nd.max, len(pos)-1)]))
				}
			}
			lo = max(lo, filled+1)
			if lo <= hi {
				prxFill(out, lo, hi)
				filled = hi
			}
		}
	}
	if pos != nil {
		for i := range out {
			out[i] &= r.starts[i]
		}
	}
	return out
}

// window evaluates a repeat of one rune class in one pass: a position p is
// reached when some start j of in precedes it with between min and max runes
// of the class, and nothing else, between them. Starts are kept by their rune
// index in a run of the class; the latest one at least min runes back is the
// one to test against max.
func (r *prxRun) window(nd *prxNode, in []uint64) []uint64 {
	out := r.alloc()
	s, cl := r.s, nd.class
	// Start at the first position of in.
	first := -1
	for wi, x := range in {
		if x != 0 {
			first = wi<<6 + bits.TrailingZeros64(x)
			break
		}
	}
	if first < 0 {
		return out
	}
	q := r.queue[:0]
	at := -1 // index in q of the latest start at least min runes back
	g := 0   // rune index of p
	for p := first; ; {
		if prxHas(in, p) {
			q = append(q, g)
		}
		for at+1 < len(q) && q[at+1] <= g-nd.min {
			at++
		}
		if at >= 0 && (nd.max < 0 || g-q[at] <= nd.max) {
			prxSet(out, p)
		}
		if p == len(s) {
			break
		}
		var c rune
		w := 1
		if b := s[p]; b < utf8.RuneSelf {
			c = rune(b)
		} else {
			c, w = utf8.DecodeRuneInString(s[p:])
		}
		if !cl.has(c) {
			q, at = q[:0], -1
			// Nothing reaches beyond p until the next start.
			nxt := -1
			for i := p + w; i <= len(s); i++ {
				if in[i>>6] == 0 && i&63 == 0 {
					i += 63
					continue
				}
				if prxHas(in, i) {
					nxt = i
					break
				}
			}
			if nxt < 0 {
				break
			}
			g += utf8.RuneCountInString(s[p:nxt])
			p = nxt
			continue
		}
		g++
		p += w
	}
	r.queue = q
	return out
}
