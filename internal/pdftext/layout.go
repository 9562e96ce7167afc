package pdftext

import (
	"cmp"
	"slices"
	"strings"
)

// line is one line of text on a page, in reading order.
type line struct {
	text     string
	x0, x1   float64 // left and right ends of the text
	y        float64 // baseline
	size     float64 // largest font size
	bold     bool
	block    int     // lines of one block (a column, or full-width text) share it
	bx0, bx1 float64 // left and right ends of the block
	num      int     // 1-based number on the page
	rotated  bool    // not horizontal; x and y are in the text's own frame
}

// run is a stretch of glyphs shown one after the other on one baseline.
type run struct {
	lo, hi          int // indexes into layout.order
	x0, x1, y, size float64
}

type row struct {
	lo, hi  int // indexes into layout.rowRuns
	y, size float64
}

// layout turns the glyphs of a page into lines. Its buffers are reused from
// page to page.
type layout struct {
	order    []int32 // glyph indexes
	runs     []run
	rowRuns  []int32 // run indexes, grouped by row
	rows     []row
	lineRuns []int32
	free     []span
	sb       strings.Builder
}

type span struct{ a, b float64 }

// Thresholds, in multiples of the font size unless noted.
const (
	runBaseTol  = 0.15 // baseline change that ends a run
	runGapSplit = 1.0  // horizontal gap that ends a run
	rowTol      = 0.5  // baseline difference within one row (superscripts)
	wordGap     = 0.15 // gap between glyphs that makes a space
	minColumn   = 0.3  // each column is at least this part of the text width
	minGutter   = 0.9  // gutter width
	minColRows  = 3    // rows a column needs
	colFill     = 0.6  // a column's long lines fill this part of it
	maxColRows  = 4000 // rows on a page beyond which columns are not looked for
)

// lines appends the lines of one page to dst, numbering them from 1.
func (lay *layout) lines(glyphs []glyph, dst []line) []line {
	start := len(dst)
	block := 0
	for dir := range uint8(4) {
		lay.order = lay.order[:0]
		for i := range glyphs {
			if glyphs[i].dir == dir {
				lay.order = append(lay.order, int32(i))
			}
		}
		if len(lay.order) == 0 {
			continue
		}
		if dir != 0 {
			// Rotate into a frame where the text runs left to right.
			for _, i := range lay.order {
				g := &glyphs[i]
				switch dir {
				case 1:
					g.x, g.y = g.y, -g.x
				case 2:
					g.x, g.y = -g.x, -g.y
				case 3:
					g.x, g.y = -g.y, g.x
				}
			}
		}
		lay.buildRuns(glyphs)
		lay.buildRows()
		first := len(dst)
		dst, block = lay.emit(glyphs, dst, block, dir == 0)
		for i := first; i < len(dst); i++ {
			dst[i].rotated = dir != 0
		}
	}
	for i := start; i < len(dst); i++ {
		dst[i].num = i - start + 1
	}
	return dst
}

func (lay *layout) buildRuns(glyphs []glyph) {
	lay.runs = lay.runs[:0]
	var cur run
	open := false
	var lastEnd, lastY, lastSize float64
	closeRun := func(hi int) {
		cur.hi = hi
		if cur.x1 >= cur.x0 { // has visible text
			lay.runs = append(lay.runs, cur)
		}
		open = false
	}
	for k, gi := range lay.order {
		g := &glyphs[gi]
		if open {
			sz := max(g.size, lastSize)
			gap := g.x - lastEnd
			if abs(g.y-lastY) > runBaseTol*sz || gap < -0.5*sz || gap > runGapSplit*sz {
				closeRun(k)
			}
		}
		if !open {
			cur = run{lo: k, x0: 1e18, x1: -1e18, y: g.y, size: g.size}
			open = true
		}
		if g.text != " " {
			cur.x0 = min(cur.x0, g.x)
			cur.x1 = max(cur.x1, g.x+g.w)
			cur.size = max(cur.size, g.size)
		}
		lastEnd, lastY, lastSize = g.x+g.end, g.y, g.size
	}
	if open {
		closeRun(len(lay.order))
	}
}

func (lay *layout) buildRows() {
	// Top to bottom; stable, so runs of one baseline keep stream order.
	slices.SortStableFunc(lay.runs, func(a, b run) int { return cmp.Compare(b.y, a.y) })
	lay.rows = lay.rows[:0]
	lay.rowRuns = lay.rowRuns[:0]
	for i := range lay.runs {
		r := &lay.runs[i]
		if n := len(lay.rows); n > 0 {
			cur := &lay.rows[n-1]
			if abs(r.y-cur.y) < rowTol*max(cur.size, r.size) {
				lay.rowRuns = append(lay.rowRuns, int32(i))
				cur.hi++
				if r.size > cur.size*1.05 {
					cur.y, cur.size = r.y, r.size
				}
				continue
			}
		}
		lay.rows = append(lay.rows, row{lo: len(lay.rowRuns), hi: len(lay.rowRuns) + 1, y: r.y, size: r.size})
		lay.rowRuns = append(lay.rowRuns, int32(i))
	}
}

// emit finds two-column bands and appends the lines in reading order.
func (lay *layout) emit(glyphs []glyph, dst []line, block int, columns bool) ([]line, int) {
	left, right := 1e18, -1e18
	for _, r := range lay.runs {
		left, right = min(left, r.x0), max(right, r.x1)
	}
	width := right - left
	inSingle := false
	// The search for columns costs up to rows² on a hostile page.
	columns = columns && len(lay.rows) <= maxColRows
	for i := 0; i < len(lay.rows); {
		if columns {
			if j, a, b, ok := lay.band(i, left, right); ok {
				bl, br := 1e18, -1e18
				for k := i; k < j; k++ {
					for _, ri := range lay.rowRuns[lay.rows[k].lo:lay.rows[k].hi] {
						r := lay.runs[ri]
						if r.x1 <= a {
							bl = min(bl, r.x0)
						} else {
							br = max(br, r.x1)
						}
					}
				}
				block++
				for k := i; k < j; k++ {
					dst = lay.line(glyphs, dst, k, -1e18, a, line{block: block, bx0: bl, bx1: a})
				}
				block++
				for k := i; k < j; k++ {
					dst = lay.line(glyphs, dst, k, b, 1e18, line{block: block, bx0: b, bx1: br})
				}
				inSingle = false
				i = j
				continue
			}
		}
		if !inSingle {
			block++
			inSingle = true
		}
		dst = lay.line(glyphs, dst, i, -1e18, 1e18, line{block: block, bx0: left, bx1: left + width})
		i++
	}
	return dst, block
}

// band looks for two columns starting at row i: rows i..j-1 whose text
// leaves a common gutter (a, b) free. ok is false if there is none.
func (lay *layout) band(i int, left, right float64) (j int, a, b float64, ok bool) {
	width := right - left
	size := lay.rows[i].size
	free := append(lay.free[:0], span{left + minColumn*width, right - minColumn*width})
	defer func() { lay.free = free[:0] }()
	gutter := minGutter * size
	// The first row has text on both sides of its gutter.
	first := free
	top := lay.rows[i]
	for _, ri := range lay.rowRuns[top.lo:top.hi] {
		first = subtract(first, lay.runs[ri].x0, lay.runs[ri].x1)
	}
	both := false
	for _, s := range first {
		if s.b-s.a < gutter {
			continue
		}
		l, r := false, false
		for _, ri := range lay.rowRuns[top.lo:top.hi] {
			l = l || lay.runs[ri].x1 <= s.a
			r = r || lay.runs[ri].x0 >= s.b
		}
		both = both || (l && r)
	}
	if !both {
		return 0, 0, 0, false
	}
	j = i
	for ; j < len(lay.rows); j++ {
		next := free
		rw := lay.rows[j]
		for _, ri := range lay.rowRuns[rw.lo:rw.hi] {
			r := lay.runs[ri]
			next = subtract(next, r.x0, r.x1)
		}
		if widest(next) < gutter {
			break
		}
		free = next
	}
	if j-i < minColRows {
		return 0, 0, 0, false
	}
	// The widest free span is the gutter.
	best := span{}
	for _, s := range free {
		if s.b-s.a > best.b-best.a {
			best = s
		}
	}
	a, b = best.a, best.b
	// Both sides need rows of text that fill their column.
	var lw, rw []float64
	lx0, rx1 := 1e18, -1e18
	for k := i; k < j; k++ {
		rr := lay.rows[k]
		l0, l1, r0, r1 := 1e18, -1e18, 1e18, -1e18
		for _, ri := range lay.rowRuns[rr.lo:rr.hi] {
			r := lay.runs[ri]
			if r.x1 <= a {
				l0, l1 = min(l0, r.x0), max(l1, r.x1)
			} else {
				r0, r1 = min(r0, r.x0), max(r1, r.x1)
			}
		}
		if l1 > l0 {
			lw = append(lw, l1-l0)
			lx0 = min(lx0, l0)
		}
		if r1 > r0 {
			rw = append(rw, r1-r0)
			rx1 = max(rx1, r1)
		}
	}
	if len(lw) < minColRows || len(rw) < minColRows {
		return 0, 0, 0, false
	}
	if quantile(lw, 0.75) < colFill*(a-lx0) || quantile(rw, 0.75) < colFill*(rx1-b) {
		return 0, 0, 0, false
	}
	return j, a, b, true
}

// subtract removes [x0, x1] from the spans, reusing their storage.
func subtract(spans []span, x0, x1 float64) []span {
	out := spans[:0:0]
	for _, s := range spans {
		if x1 <= s.a || x0 >= s.b {
			out = append(out, s)
			continue
		}
		if x0 > s.a {
			out = append(out, span{s.a, x0})
		}
		if x1 < s.b {
			out = append(out, span{x1, s.b})
		}
	}
	return out
}

func widest(spans []span) float64 {
	w := 0.0
	for _, s := range spans {
		w = max(w, s.b-s.a)
	}
	return w
}

func quantile(v []float64, q float64) float64 {
	slices.Sort(v)
	return v[int(q*float64(len(v)-1))]
}

// line appends the text of row k between x = lo and hi (by run) as a line.
// Runs are taken left to right; glyphs keep their order within a run.
func (lay *layout) line(glyphs []glyph, dst []line, k int, lo, hi float64, ln line) []line {
	rw := lay.rows[k]
	rs := lay.lineRuns[:0]
	for _, ri := range lay.rowRuns[rw.lo:rw.hi] {
		r := lay.runs[ri]
		if r.x0 >= lo && r.x1 <= hi {
			rs = append(rs, ri)
		}
	}
	lay.lineRuns = rs
	if len(rs) == 0 {
		return dst
	}
	slices.SortStableFunc(rs, func(a, b int32) int { return cmp.Compare(lay.runs[a].x0, lay.runs[b].x0) })
	sb := &lay.sb
	sb.Reset()
	n := 0
	for _, ri := range rs {
		n += lay.runs[ri].hi - lay.runs[ri].lo
	}
	sb.Grow(n + n/4)
	var prev *glyph
	space := false
	nBold, nText := 0, 0
	ln.x0, ln.x1, ln.y = 1e18, -1e18, rw.y
	for n, ri := range rs {
		r := lay.runs[ri]
		if n > 0 && lay.sameRun(glyphs, lay.runs[rs[n-1]], r) {
			continue // drawn twice for a bold or shadow effect
		}
		label := n > 0 && prev != nil && !space && isLabel(sb.String())
		for _, gi := range lay.order[r.lo:r.hi] {
			g := &glyphs[gi]
			if g.text == " " {
				space = prev != nil
				continue
			}
			if prev != nil {
				if g.text == prev.text && abs(g.x-prev.x) < 0.3*prev.w+0.3 && abs(g.y-prev.y) < 0.2*g.size {
					continue // drawn twice
				}
				if space || label || g.x-(prev.x+prev.end) > wordGap*max(g.size, prev.size) {
					sb.WriteByte(' ')
				}
			}
			space, label = false, false
			sb.WriteString(g.text)
			ln.x0 = min(ln.x0, g.x)
			ln.x1 = max(ln.x1, g.x+g.w)
			ln.size = max(ln.size, g.size)
			nText++
			if g.bold {
				nBold++
			}
			prev = g
		}
	}
	if nText == 0 {
		return dst
	}
	ln.text = sb.String()
	ln.bold = nBold*2 > nText
	return append(dst, ln)
}

// sameRun reports whether b repeats run a at almost the same place.
func (lay *layout) sameRun(glyphs []glyph, a, b run) bool {
	if a.hi-a.lo != b.hi-b.lo || abs(a.x0-b.x0) > 0.2*a.size+0.5 || abs(a.y-b.y) > 0.2*a.size {
		return false
	}
	for i := range a.hi - a.lo {
		if glyphs[lay.order[a.lo+i]].text != glyphs[lay.order[b.lo+i]].text {
			return false
		}
	}
	return true
}
