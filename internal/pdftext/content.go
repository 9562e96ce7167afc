package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/ledongthuc/pdf"
)

// Limits of the content interpreter.
const (
	maxStreamBytes   = 256 << 20 // decoded bytes of one content stream
	maxGlyphsPerPage = 1 << 21
	maxFormDepth     = 12
	maxFormsPerPage  = 1 << 14 // form XObjects run on one page
	maxStateDepth    = 1 << 12
)

var errTooMuchText = errors.New("pdftext: too much text on one page")

// glyph is one shown character code, in display space: points, origin at the
// bottom left of the rotated crop box, y up.
type glyph struct {
	x, y float64 // origin on the baseline
	end  float64 // where the next glyph of the same run would start (width plus character spacing)
	w    float64 // visible width
	size float64 // font size
	text string  // normalised text; " " for white space
	bold bool
	dir  uint8 // 0 horizontal; 1 up, 2 upside down, 3 down
}

// matrix is an affine transform [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: apply m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// rect is an axis-aligned rectangle; empty when x0 > x1.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) intersect(s rect) rect {
	return rect{max(r.x0, s.x0), max(r.y0, s.y0), min(r.x1, s.x1), min(r.y1, s.y1)}
}

func (r *rect) add(x, y float64) {
	r.x0, r.y0 = min(r.x0, x), min(r.y0, y)
	r.x1, r.y1 = max(r.x1, x), max(r.y1, y)
}

var emptyRect = rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}

type gstate struct {
	ctm      matrix
	clip     rect
	font     *font
	fontSize float64
	tc, tw   float64 // character and word spacing
	th       float64 // horizontal scaling
	tl       float64 // leading
	rise     float64
}

// scope is a resource dictionary with its looked-up fonts and XObjects.
type scope struct {
	res   pdf.Value
	fonts map[string]*font
	fdict pdf.Value
	xdict pdf.Value
	xinit bool
	finit bool
}

// interp runs content streams and collects glyphs. One interp serves a whole
// document: it caches decoded fonts and reuses its buffers.
type interp struct {
	ctx    context.Context
	fonts  map[string]*font // by the font dictionary's printed form
	lexers []*lexer         // one per form nesting level
	bufs   [][]byte
	glyphs []glyph
	ops    int
	deflt  *font
	gstack []gstate
	box    rect
	forms  int   // form XObjects run on this page
	err    error // first problem on this page that did not stop it
	strict bool  // see read
}

func newInterp(ctx context.Context) *interp {
	return &interp{ctx: ctx, fonts: map[string]*font{}}
}

// page collects the glyphs of pg. It returns the page's display size.
func (in *interp) page(pg page) (w, h float64, err error) {
	in.glyphs = in.glyphs[:0]
	b := pg.box
	// ctm maps user space to display space: the crop box rotated as the
	// page is shown, with its lower left corner at the origin.
	var ctm matrix
	switch pg.rotate {
	case 90:
		ctm = matrix{0, -1, 1, 0, -b[1], b[2]}
		w, h = b[3]-b[1], b[2]-b[0]
	case 180:
		ctm = matrix{-1, 0, 0, -1, b[2], b[3]}
		w, h = b[2]-b[0], b[3]-b[1]
	case 270:
		ctm = matrix{0, 1, -1, 0, b[3], -b[0]}
		w, h = b[3]-b[1], b[2]-b[0]
	default:
		ctm = matrix{1, 0, 0, 1, -b[0], -b[1]}
		w, h = b[2]-b[0], b[3]-b[1]
	}
	in.box = rect{0, 0, w, h}
	in.forms, in.err = 0, nil
	g := gstate{ctm: ctm, clip: in.box, th: 1}
	data := in.contents(pg.v.Key("Contents"), 0)
	sc := &scope{res: pg.res}
	in.run(data, sc, g, 0)
	return w, h, in.err
}

// fail records a problem that leaves the page incomplete.
func (in *interp) fail(err error) {
	if in.err == nil {
		in.err = err
	}
}

// contents reads a content stream, or the concatenation of an array of
// streams, into the buffer of the given nesting level. What a broken stream
// held before the break is kept, and the page is marked incomplete.
func (in *interp) contents(v pdf.Value, level int) []byte {
	for len(in.bufs) <= level {
		in.bufs = append(in.bufs, nil)
	}
	buf := in.bufs[level][:0]
	var err error
	switch v.Kind() {
	case pdf.Stream:
		buf, err = readStream(v, buf)
		if err != nil {
			in.fail(err)
		}
	case pdf.Array:
		for i := range v.Len() {
			part := v.Index(i)
			if part.Kind() != pdf.Stream {
				continue
			}
			buf, err = readStream(part, buf)
			if err != nil {
				in.fail(err)
			}
			buf = append(buf, '\n')
		}
	}
	in.bufs[level] = buf
	return buf
}

// readStream appends the decoded data of stream v to dst. A stream that
// breaks off (bad compressed data) keeps what was decoded before the error.
func readStream(v pdf.Value, dst []byte) ([]byte, error) {
	rc := v.Reader()
	defer rc.Close()
	w := bytes.NewBuffer(dst)
	n, err := w.ReadFrom(io.LimitReader(rc, maxStreamBytes+1))
	if n > maxStreamBytes {
		return w.Bytes()[:len(dst)], fmt.Errorf("pdftext: content stream over %d bytes", maxStreamBytes)
	}
	if err != nil {
		return w.Bytes(), fmt.Errorf("pdftext: reading stream: %w", err)
	}
	return w.Bytes(), nil
}

func (in *interp) lexer(level int) *lexer {
	for len(in.lexers) <= level {
		in.lexers = append(in.lexers, &lexer{})
	}
	return in.lexers[level]
}

// run interprets one content stream with graphics state g.
func (in *interp) run(data []byte, sc *scope, g gstate, level int) {
	lx := in.lexer(level)
	lx.reset(data)
	base := len(in.gstack)
	defer func() { in.gstack = in.gstack[:base] }()
	var (
		tm, tlm  matrix = identity, identity
		path            = emptyRect
		clipNext bool
	)
	for {
		opb, ok := lx.next()
		if !ok {
			return
		}
		in.ops++
		if in.ops&1023 == 0 {
			if err := in.ctx.Err(); err != nil {
				panic(abort{err})
			}
		}
		switch string(opb) {
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(lx.stack) >= 2 && lx.stack[len(lx.stack)-2].kind == kName {
				g.font = in.font(sc, lx.str(lx.stack[len(lx.stack)-2]))
			}
			g.fontSize = lx.num(1, 2)
		case "Td":
			tlm = matrix{1, 0, 0, 1, lx.num(0, 2), lx.num(1, 2)}.mul(tlm)
			tm = tlm
		case "TD":
			g.tl = -lx.num(1, 2)
			tlm = matrix{1, 0, 0, 1, lx.num(0, 2), lx.num(1, 2)}.mul(tlm)
			tm = tlm
		case "Tm":
			tlm = matrix{lx.num(0, 6), lx.num(1, 6), lx.num(2, 6), lx.num(3, 6), lx.num(4, 6), lx.num(5, 6)}
			tm = tlm
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if o := lx.top(); o.kind == kString {
				in.show(lx.str(o), &g, &tm)
			}
		case "'":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if o := lx.top(); o.kind == kString {
				in.show(lx.str(o), &g, &tm)
			}
		case "\"":
			if len(lx.stack) >= 3 {
				g.tw, g.tc = lx.num(0, 3), lx.num(1, 3)
			}
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if o := lx.top(); o.kind == kString {
				in.show(lx.str(o), &g, &tm)
			}
		case "TJ":
			if o := lx.top(); o.kind == kArray {
				for _, e := range lx.elems[o.lo:o.hi] {
					switch e.kind {
					case kString:
						in.show(lx.str(e), &g, &tm)
					case kNum:
						tx := -e.num / 1000 * g.fontSize * g.th
						tm[4] += tx * tm[0]
						tm[5] += tx * tm[1]
					}
				}
			}
		case "Tc":
			g.tc = lx.num(0, 1)
		case "Tw":
			g.tw = lx.num(0, 1)
		case "Tz":
			g.th = lx.num(0, 1) / 100
		case "TL":
			g.tl = lx.num(0, 1)
		case "Ts":
			g.rise = lx.num(0, 1)
		case "q":
			if len(in.gstack)-base < maxStateDepth {
				in.gstack = append(in.gstack, g)
			}
		case "Q":
			if n := len(in.gstack); n > base {
				g = in.gstack[n-1]
				in.gstack = in.gstack[:n-1]
			}
		case "cm":
			m := matrix{lx.num(0, 6), lx.num(1, 6), lx.num(2, 6), lx.num(3, 6), lx.num(4, 6), lx.num(5, 6)}
			g.ctm = m.mul(g.ctm)
		case "re":
			x, y, w, h := lx.num(0, 4), lx.num(1, 4), lx.num(2, 4), lx.num(3, 4)
			for _, p := range [4][2]float64{{x, y}, {x + w, y}, {x, y + h}, {x + w, y + h}} {
				path.add(g.ctm.apply(p[0], p[1]))
			}
		case "m", "l":
			path.add(g.ctm.apply(lx.num(0, 2), lx.num(1, 2)))
		case "c":
			for i := range 3 {
				path.add(g.ctm.apply(lx.num(2*i, 6), lx.num(2*i+1, 6)))
			}
		case "v", "y":
			for i := range 2 {
				path.add(g.ctm.apply(lx.num(2*i, 4), lx.num(2*i+1, 4)))
			}
		case "W", "W*":
			clipNext = true
		case "n", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*":
			if clipNext {
				g.clip = g.clip.intersect(path)
				clipNext = false
			}
			path = emptyRect
		case "Do":
			if o := lx.top(); o.kind == kName && level < maxFormDepth {
				in.form(sc, lx.str(o), g, level)
			}
		case "ID":
			lx.skipInlineImage()
		}
		lx.clear()
	}
}

// font returns the font named name in sc, decoding it on first use.
func (in *interp) font(sc *scope, name []byte) *font {
	if f, ok := sc.fonts[string(name)]; ok {
		return f
	}
	if !sc.finit {
		sc.finit = true
		sc.fdict = sc.res.Key("Font")
		sc.fonts = map[string]*font{}
	}
	fv := sc.fdict.Key(string(name))
	var f *font
	if fv.Kind() == pdf.Dict {
		key := fv.String()
		if f = in.fonts[key]; f == nil {
			f = loadFont(fv, &lexer{})
			in.fonts[key] = f
		}
	} else {
		f = in.defaultFont()
	}
	sc.fonts[string(name)] = f
	return f
}

func (in *interp) defaultFont() *font {
	if in.deflt == nil {
		in.deflt = defaultFont()
	}
	return in.deflt
}

// form runs the form XObject named name.
func (in *interp) form(sc *scope, name []byte, g gstate, level int) {
	if !sc.xinit {
		sc.xinit = true
		sc.xdict = sc.res.Key("XObject")
	}
	xv := sc.xdict.Key(string(name))
	if xv.Kind() != pdf.Stream || xv.Key("Subtype").Name() != "Form" {
		return
	}
	if m := xv.Key("Matrix"); m.Kind() == pdf.Array && m.Len() == 6 {
		var fm matrix
		for i := range 6 {
			fm[i] = m.Index(i).Float64()
		}
		g.ctm = fm.mul(g.ctm)
	}
	if bb, ok := rectOf(xv.Key("BBox")); ok {
		r := emptyRect
		for _, p := range [4][2]float64{{bb[0], bb[1]}, {bb[2], bb[1]}, {bb[0], bb[3]}, {bb[2], bb[3]}} {
			r.add(g.ctm.apply(p[0], p[1]))
		}
		g.clip = g.clip.intersect(r)
	}
	if g.clip.x0 > g.clip.x1 || g.clip.y0 > g.clip.y1 {
		return // nothing of it can be seen
	}
	if in.forms++; in.forms > maxFormsPerPage {
		panic(pageError{fmt.Errorf("pdftext: over %d form XObjects on one page", maxFormsPerPage)})
	}
	res := xv.Key("Resources")
	fsc := sc
	if res.Kind() == pdf.Dict {
		fsc = &scope{res: res}
	}
	in.run(in.contents(xv, level+1), fsc, g, level+1)
}

// show adds the glyphs of string s and advances the text matrix.
func (in *interp) show(s []byte, g *gstate, tm *matrix) {
	f := g.font
	if f == nil {
		f = in.defaultFont()
	}
	m := tm.mul(g.ctm)
	sx, sy := abs(m[0]), abs(m[3])
	if m[1] != 0 || m[2] != 0 {
		sx, sy = math.Hypot(m[0], m[1]), math.Hypot(m[2], m[3])
	}
	size := abs(g.fontSize) * sy
	var dir uint8
	switch {
	case abs(m[1]) <= 0.2*abs(m[0]) && m[0] > 0:
		dir = 0
	case abs(m[1]) <= 0.2*abs(m[0]):
		dir = 2
	case m[1] > 0:
		dir = 1
	default:
		dir = 3
	}
	// Unit vector along the baseline, and the rise offset.
	var ux, uy float64
	if sx > 0 {
		ux, uy = m[0]/sx, m[1]/sx
	}
	ox, oy := g.rise*m[2], g.rise*m[3]
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(s); i += step {
		code := int(s[i])
		if step == 2 {
			code = code<<8 | int(s[i+1])
		}
		gi := f.lookup(code)
		w0 := gi.width * f.scale
		tx := w0*g.fontSize + g.tc
		if step == 1 && code == 32 {
			tx += g.tw
		}
		tx *= g.th
		if gi.text != "" {
			x, y := m[4]+ox, m[5]+oy
			visible := abs(w0 * g.fontSize * g.th * sx)
			// Keep the glyph if its middle is inside the clip.
			cx, cy := x+ux*visible/2, y+uy*visible/2
			c := g.clip
			if cx >= c.x0-1 && cx <= c.x1+1 && cy >= c.y0-1 && cy <= c.y1+1 &&
				cx >= in.box.x0-1 && cx <= in.box.x1+1 && cy >= in.box.y0-1 && cy <= in.box.y1+1 {
				if len(in.glyphs) >= maxGlyphsPerPage {
					panic(pageError{errTooMuchText})
				}
				in.glyphs = append(in.glyphs, glyph{
					x: x, y: y, w: visible, end: max(visible, tx*sx),
					size: size, text: gi.text, bold: f.bold, dir: dir,
				})
			}
		}
		m[4] += tx * m[0]
		m[5] += tx * m[1]
		tm[4] += tx * tm[0]
		tm[5] += tx * tm[1]
	}
}

// pageError is panicked to give up on one page.
type pageError struct{ err error }
