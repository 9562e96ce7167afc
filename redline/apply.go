package redline

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// apHunk is one word-level change placed in a paragraph: text runes [a, b)
// become ins.
type apHunk struct {
	a, b int
	ins  string
	s, e int // unit range, set by place
	ch   *Change
}

// apRev allocates revision attributes.
type apRev struct {
	next   *int
	author string
	date   string
}

func (rv *apRev) attrs(el *etree.Element, prefix string) {
	p := ""
	if prefix != "" {
		p = prefix + ":"
	}
	el.CreateAttr(p+"id", strconv.Itoa(*rv.next))
	*rv.next++
	el.CreateAttr(p+"author", rv.author)
	el.CreateAttr(p+"date", rv.date)
}

// place computes the unit range of h and returns why it cannot be made, or "".
func (pp *paPara) place(h *apHunk) string {
	if h.a < 0 || h.b > len(pp.at) || h.a > h.b {
		return "the change lies outside the paragraph's text"
	}
	h.s, h.e = pp.bound(h.a, h.b)
	if h.a < h.b {
		if why := pp.check(h.s, h.e); why != "" {
			return "the change would cross " + why
		}
		return ""
	}
	// A pure insertion: the run it follows (or precedes at the start) must be editable.
	u := h.s - 1
	if h.a == 0 {
		u = h.s
	}
	if u < 0 || u >= len(pp.units) {
		return "the paragraph has no run to insert next to"
	}
	if f := pp.units[u].flag; f != "" {
		return "the insertion would go inside " + f
	}
	if pp.units[u].run == nil {
		return "the paragraph has no run to insert next to"
	}
	return ""
}

// apply makes the placed hunks (sorted, not overlapping) as tracked changes.
func (pp *paPara) apply(hunks []*apHunk, rv *apRev) {
	// Split runs at every boundary, right to left.
	var cuts []int
	for _, h := range hunks {
		cuts = append(cuts, h.s, h.e)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(cuts)))
	for i, c := range cuts {
		if i > 0 && cuts[i-1] == c {
			continue
		}
		pp.split(c)
	}
	prefix := pp.el.Space
	for i := len(hunks) - 1; i >= 0; i-- {
		h := hunks[i]
		var after, before *etree.Element // where the w:ins goes
		var rPrFrom *etree.Element
		if h.s < h.e {
			var runs []*etree.Element
			for u := h.s; u < h.e; u++ {
				if r := pp.units[u].run; r != nil && (len(runs) == 0 || runs[len(runs)-1] != r) {
					runs = append(runs, r)
				}
			}
			if len(runs) > 0 {
				rPrFrom = runs[0]
				after = apDelete(runs, prefix, rv)
			}
		}
		if h.ins == "" {
			continue
		}
		if after == nil {
			if h.s > 0 && h.a > 0 {
				after = pp.units[h.s-1].run
			} else {
				before = pp.units[h.s].run
			}
			if rPrFrom == nil {
				rPrFrom = after
				if rPrFrom == nil {
					rPrFrom = before
				}
			}
		}
		ins := paNewElem(prefix, "ins")
		rv.attrs(ins, prefix)
		r := paNewElem(prefix, "r")
		if c := apRunProps(rPrFrom); c != nil {
			r.AddChild(c)
		}
		t := paNewElem(prefix, "t")
		t.SetText(h.ins)
		if strings.TrimSpace(h.ins) != h.ins {
			paSetPreserve(t)
		}
		r.AddChild(t)
		ins.AddChild(r)
		if after != nil {
			if p := after.Parent(); paLocal(p) == "del" {
				after = p
			}
			after.Parent().InsertChildAt(after.Index()+1, ins)
		} else {
			if p := before.Parent(); paLocal(p) == "del" {
				before = p
			}
			before.Parent().InsertChildAt(before.Index(), ins)
		}
	}
}

// apDelete wraps runs (in document order) in w:del elements, one per group of
// adjacent siblings, turning w:t into w:delText; it returns the last w:del.
func apDelete(runs []*etree.Element, prefix string, rv *apRev) *etree.Element {
	var last *etree.Element
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && apAdjacent(runs[j-1], runs[j]) {
			j++
		}
		parent := runs[i].Parent()
		del := paNewElem(prefix, "del")
		rv.attrs(del, prefix)
		parent.InsertChildAt(runs[i].Index(), del)
		// Move runs i..j-1 and what lies between them (proofErr dropped).
		from, to := runs[i].Index(), runs[j-1].Index()
		var move []etree.Token
		for k := from; k <= to; k++ {
			move = append(move, parent.Child[k])
		}
		for _, t := range move {
			// Classify while t still has its parent: prefixes resolve through it.
			drop := false
			if el, ok := t.(*etree.Element); ok {
				switch paLocal(el) {
				case "proofErr":
					drop = true
				case "r":
					for _, c := range el.ChildElements() {
						switch paLocal(c) {
						case "t":
							c.Tag = "delText"
						case "instrText":
							c.Tag = "delInstrText"
						}
					}
				}
			}
			parent.RemoveChild(t)
			if !drop {
				del.AddChild(t)
			}
		}
		last = del
		i = j
	}
	return last
}

// apAdjacent reports whether run b follows run a in the same parent with only
// proofErr marks, empty runs and white space between them.
func apAdjacent(a, b *etree.Element) bool {
	if a.Parent() != b.Parent() {
		return false
	}
	p := a.Parent()
	for k := a.Index() + 1; k < b.Index(); k++ {
		switch t := p.Child[k].(type) {
		case *etree.CharData:
		case *etree.Element:
			if l := paLocal(t); l == "proofErr" {
				continue
			}
			return false
		default:
			return false
		}
	}
	return true
}

// apMarkRev says which revision already marks paragraph p's mark, "" when none.
func apMarkRev(p *etree.Element) string {
	pPr := paChild(p, "pPr")
	if pPr == nil {
		return ""
	}
	rPr := paChild(pPr, "rPr")
	if rPr == nil {
		return ""
	}
	for _, c := range rPr.ChildElements() {
		switch paLocal(c) {
		case "ins", "moveTo":
			return "an existing tracked insertion by " + paOr(paAttr(c, "author"), "another author")
		case "del", "moveFrom":
			return "an existing tracked deletion by " + paOr(paAttr(c, "author"), "another author")
		}
	}
	return ""
}

// apMark marks paragraph p's mark as a tracked insertion or deletion (kind
// "ins" or "del"): w:pPr/w:rPr/w:ins or w:del, first in the w:rPr.
func apMark(p *etree.Element, kind string, rv *apRev) {
	prefix := p.Space
	pPr := paChild(p, "pPr")
	if pPr == nil {
		pPr = paNewElem(prefix, "pPr")
		p.InsertChildAt(0, pPr)
	}
	rPr := paChild(pPr, "rPr")
	if rPr == nil {
		rPr = paNewElem(prefix, "rPr")
		at := len(pPr.Child)
		for i, t := range pPr.Child {
			if el, ok := t.(*etree.Element); ok && (paLocal(el) == "sectPr" || paLocal(el) == "pPrChange") {
				at = i
				break
			}
		}
		pPr.InsertChildAt(at, rPr)
	}
	m := paNewElem(prefix, kind)
	rv.attrs(m, prefix)
	rPr.InsertChildAt(0, m)
}

// apRunProps copies the w:rPr of run r (nil when r or its rPr is nil)
// without revision marks.
func apRunProps(r *etree.Element) *etree.Element {
	if r == nil {
		return nil
	}
	rPr := paChild(r, "rPr")
	if rPr == nil {
		return nil
	}
	return apCopy(rPr, "rPrChange", "ins", "del", "moveFrom", "moveTo")
}

// apCopy deep-copies el, which must be in the document tree, without its
// w children named in drop. (A detached copy no longer resolves its prefixes,
// so the children are chosen on the original.)
func apCopy(el *etree.Element, drop ...string) *etree.Element {
	c := etree.NewElement(el.FullTag())
	for _, a := range el.Attr {
		c.CreateAttr(a.FullKey(), a.Value)
	}
	for _, t := range el.Child {
		if x, ok := t.(*etree.Element); ok {
			if l := paLocal(x); l != "" && slices.Contains(drop, l) {
				continue
			}
			c.AddChild(x.Copy())
			continue
		}
		if cd, ok := t.(*etree.CharData); ok {
			c.AddChild(etree.NewText(cd.Data))
		}
	}
	return c
}

// apNewPara builds an inserted paragraph holding text: a copy of the
// properties pPr (numbering and style; no section break, no revision) with an
// inserted mark, and one inserted run with run properties rPr.
func apNewPara(prefix string, pPr, rPr *etree.Element, text string, noNum bool, rv *apRev) *etree.Element {
	p := paNewElem(prefix, "p")
	np := paNewElem(prefix, "pPr")
	markRPr := paNewElem(prefix, "rPr")
	if pPr != nil {
		drop := []string{"sectPr", "pPrChange", "rPr"}
		if noNum {
			drop = append(drop, "numPr")
		}
		np = apCopy(pPr, drop...)
		if old := paChild(pPr, "rPr"); old != nil {
			markRPr = apCopy(old, "rPrChange", "ins", "del", "moveFrom", "moveTo")
		}
	}
	np.AddChild(markRPr)
	p.AddChild(np)
	m := paNewElem(prefix, "ins")
	rv.attrs(m, prefix)
	markRPr.InsertChildAt(0, m)
	ins := paNewElem(prefix, "ins")
	rv.attrs(ins, prefix)
	r := paNewElem(prefix, "r")
	if rPr != nil {
		r.AddChild(rPr.Copy())
	}
	t := paNewElem(prefix, "t")
	t.SetText(text)
	if strings.TrimSpace(text) != text {
		paSetPreserve(t)
	}
	r.AddChild(t)
	ins.AddChild(r)
	p.AddChild(ins)
	return p
}

// apLastInBody reports whether body paragraph p has no paragraph or table
// after it.
func apLastInBody(p *etree.Element) bool {
	parent := p.Parent()
	for k := p.Index() + 1; k < len(parent.Child); k++ {
		if el, ok := parent.Child[k].(*etree.Element); ok {
			switch paLocal(el) {
			case "p", "tbl", "sdt", "customXml", "altChunk":
				return false
			}
		}
	}
	return true
}
