package redline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/beevik/etree"
)

// Namespaces the redliner recognises.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// paLocal returns el's local name when it is in the WordprocessingML namespace, else "".
func paLocal(el *etree.Element) string {
	switch el.NamespaceURI() {
	case nsW, nsWStrict:
		return el.Tag
	}
	return ""
}

// paAttr returns the value of attribute key of el (any prefix or none).
func paAttr(el *etree.Element, key string) string {
	for _, a := range el.Attr {
		if a.Key == key && a.Space != "xmlns" {
			return a.Value
		}
	}
	return ""
}

// paUnit is one source item of a paragraph's current-view text: a rune of a
// w:t, a w:tab/w:br/w:noBreakHyphen, or an obstacle (content an edit may not
// cross: a field, another revision, a drawing) that yields no text.
type paUnit struct {
	run   *etree.Element // the w:r holding the item; nil for obstacles outside runs
	child *etree.Element // the run's child (w:t, w:tab, ...) or the obstacle element
	off   int            // byte offset of the rune in child's trimmed text
	r     rune           // the rune as written; ' ' for tab and breaks, '-' for noBreakHyphen
	text  bool           // a rune of a w:t
	// flag is empty for editable units, else why an edit may not touch them.
	flag     string
	obstacle bool
}

// paPara is one paragraph prepared for editing.
type paPara struct {
	el    *etree.Element
	units []paUnit
	text  string // normalised current-view text, as ooxml builds it
	// at[i] is the unit of the i-th rune of text.
	at []int
}

// paWalk builds the units and the normalised text of paragraph p.
func paWalk(p *etree.Element) *paPara {
	pp := &paPara{el: p}
	w := &paWalker{pp: pp}
	w.inline(p, "", 0)
	pp.text = string(w.buf)
	return pp
}

type paWalker struct {
	pp      *paPara
	buf     []rune
	pending bool
	pendU   int
	fields  []bool // open complex fields: true once past separate
}

// inline walks run-level content; flag is inherited from containers.
func (w *paWalker) inline(el *etree.Element, flag string, depth int) {
	if depth > 200 {
		w.obstacle(nil, el, "content nested too deep")
		return
	}
	for _, t := range el.Child {
		c, ok := t.(*etree.Element)
		if !ok {
			continue
		}
		switch paLocal(c) {
		case "r":
			w.run(c, flag)
		case "hyperlink", "smartTag", "customXml", "bdo", "dir":
			w.inline(c, flag, depth+1)
		case "ins", "moveTo":
			f := flag
			if f == "" {
				f = "an existing tracked insertion by " + paOr(paAttr(c, "author"), "another author")
			}
			w.inline(c, f, depth+1)
		case "fldSimple":
			f := flag
			if f == "" {
				f = "a field (" + strings.TrimSpace(paAttr(c, "instr")) + ")"
			}
			w.inline(c, f, depth+1)
		case "sdt":
			for _, sc := range c.ChildElements() {
				if paLocal(sc) == "sdtContent" {
					w.inline(sc, flag, depth+1)
				}
			}
		case "del", "moveFrom":
			w.obstacle(nil, c, "an existing tracked deletion by "+paOr(paAttr(c, "author"), "another author"))
		case "pPr", "proofErr", "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd",
			"permStart", "permEnd", "lastRenderedPageBreak":
			// No text; an edit may pass over these.
		default:
			if c.NamespaceURI() == nsMC || paLocal(c) == "" {
				w.obstacle(nil, c, "embedded content ("+c.Tag+")")
				continue
			}
			w.obstacle(nil, c, "an element the redliner does not edit (w:"+c.Tag+")")
		}
	}
}

func paOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (w *paWalker) obstacle(run, el *etree.Element, why string) {
	w.pp.units = append(w.pp.units, paUnit{run: run, child: el, flag: why, obstacle: true})
}

// run walks one w:r.
func (w *paWalker) run(r *etree.Element, flag string) {
	for _, t := range r.Child {
		c, ok := t.(*etree.Element)
		if !ok {
			continue
		}
		f := flag
		if f == "" && len(w.fields) > 0 {
			f = "a field"
		}
		switch paLocal(c) {
		case "rPr", "softHyphen", "lastRenderedPageBreak":
		case "t":
			if len(w.fields) > 0 && !w.fields[len(w.fields)-1] {
				w.obstacle(r, c, "a field instruction")
				continue
			}
			text := c.Text()
			if !paPreserve(c) {
				text = strings.Trim(text, " \t\r\n")
			}
			for off, rr := range text {
				w.unit(paUnit{run: r, child: c, off: off, r: rr, text: true, flag: f})
			}
		case "tab", "ptab", "br", "cr":
			w.unit(paUnit{run: r, child: c, r: ' ', flag: f})
		case "noBreakHyphen":
			w.unit(paUnit{run: r, child: c, r: '-', flag: f})
		case "fldChar":
			switch paAttr(c, "fldCharType") {
			case "begin":
				w.fields = append(w.fields, false)
			case "separate":
				if n := len(w.fields); n > 0 {
					w.fields[n-1] = true
				}
			case "end":
				if n := len(w.fields); n > 0 {
					w.fields = w.fields[:n-1]
				}
			}
			w.obstacle(r, c, "a field")
		case "instrText":
			w.obstacle(r, c, "a field instruction")
		default:
			w.obstacle(r, c, "an object in the text (w:"+c.Tag+")")
		}
	}
}

// unit records u and feeds its rune through the normaliser (ooxml's rules).
func (w *paWalker) unit(u paUnit) {
	w.pp.units = append(w.pp.units, u)
	i := len(w.pp.units) - 1
	r := u.r
	switch {
	case r == 0xAD:
		return
	case paIsSpace(r):
		if len(w.buf) > 0 && !w.pending {
			w.pending, w.pendU = true, i
		}
		return
	case r == utf8.RuneError, r < 0x20, r == 0xFEFF:
		return
	}
	if w.pending {
		w.pending = false
		w.buf = append(w.buf, ' ')
		w.pp.at = append(w.pp.at, w.pendU)
	}
	w.buf = append(w.buf, r)
	w.pp.at = append(w.pp.at, i)
}

func paIsSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || ('\t' <= r && r <= '\r')
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r)
}

// paPreserve reports whether xml:space="preserve" is in effect for el.
func paPreserve(el *etree.Element) bool {
	for e, i := el, 0; e != nil && i < 4; e, i = e.Parent(), i+1 {
		for _, a := range e.Attr {
			if a.Key == "space" && a.Space == "xml" {
				return a.Value == "preserve"
			}
		}
	}
	return false
}

// bound returns the unit range of text runes [a, b): the first unit of rune a
// and the unit after the last item of rune b-1 (obstacles after it excluded).
func (pp *paPara) bound(a, b int) (s, e int) {
	n := len(pp.at)
	if a < n {
		s = pp.at[a]
	} else {
		s = len(pp.units)
	}
	if b < n {
		e = pp.at[b]
	} else {
		e = len(pp.units)
	}
	for e > s && pp.units[e-1].obstacle {
		e--
	}
	if b == n && b > 0 {
		// Trailing white space after the last rune is not part of the text.
		last := pp.at[n-1] + 1
		if last < e {
			e = last
		}
	}
	if a == b && a > 0 {
		// An insertion point sits right after rune a-1's first item.
		e2 := pp.at[a-1] + 1
		return e2, e2
	}
	return s, e
}

// check returns why the unit range [s, e) may not be edited, "" when it may.
func (pp *paPara) check(s, e int) string {
	for i := s; i < e; i++ {
		if f := pp.units[i].flag; f != "" {
			return f
		}
	}
	return ""
}

// paNewElem creates an element prefix:tag with no parent.
func paNewElem(prefix, tag string) *etree.Element {
	if prefix == "" {
		return etree.NewElement(tag)
	}
	return etree.NewElement(prefix + ":" + tag)
}

// paSetPreserve sets xml:space="preserve" on el.
func paSetPreserve(el *etree.Element) {
	el.CreateAttr("xml:space", "preserve")
}

// split splits the run of unit u so that u starts a run; it returns false
// when no split is needed. Only units of the same run after u change owner.
func (pp *paPara) split(u int) {
	if u <= 0 || u >= len(pp.units) {
		return
	}
	cur, prev := &pp.units[u], &pp.units[u-1]
	if cur.run == nil || cur.run != prev.run {
		return
	}
	r := cur.run
	parent := r.Parent()
	if parent == nil {
		return
	}
	r2 := etree.NewElement(r.FullTag())
	for _, a := range r.Attr {
		r2.CreateAttr(a.FullKey(), a.Value)
	}
	if rPr := paChild(r, "rPr"); rPr != nil {
		r2.AddChild(rPr.Copy())
	}
	// Move cur.child's tail (from off) and every later child to r2.
	c := cur.child
	moveFrom := c.Index()
	var t2 *etree.Element
	if paLocal(c) == "t" && cur.off > 0 {
		text := c.Text()
		if !paPreserve(c) {
			text = strings.Trim(text, " \t\r\n")
		}
		head, tail := text[:cur.off], text[cur.off:]
		c.SetText(head)
		paSetPreserve(c)
		t2 = paNewElem(c.Space, "t")
		t2.SetText(tail)
		paSetPreserve(t2)
		r2.AddChild(t2)
		moveFrom++
	}
	var move []etree.Token
	for i := moveFrom; i < len(r.Child); i++ {
		move = append(move, r.Child[i])
	}
	for _, t := range move {
		r.RemoveChild(t)
		r2.AddChild(t)
	}
	parent.InsertChildAt(r.Index()+1, r2)
	// Re-own the moved units.
	off := cur.off
	for i := u; i < len(pp.units) && pp.units[i].run == r; i++ {
		pp.units[i].run = r2
		if t2 != nil && pp.units[i].child == c {
			pp.units[i].off -= off
		}
	}
	if t2 != nil {
		for i := u; i < len(pp.units) && pp.units[i].child == c; i++ {
			pp.units[i].child = t2
		}
	}
}

// paChild returns el's first w child local.
func paChild(el *etree.Element, local string) *etree.Element {
	for _, c := range el.ChildElements() {
		if c.Tag == local && paLocal(c) != "" {
			return c
		}
	}
	return nil
}
