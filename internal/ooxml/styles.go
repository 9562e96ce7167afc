package ooxml

import (
	"strings"

	"github.com/beevik/etree"
)

// tri is an unset, on or off run property.
type tri int8

const (
	triUnset tri = iota
	triOn
	triOff
)

func triOf(on bool) tri {
	if on {
		return triOn
	}
	return triOff
}

// runProps holds the run properties that make text emphasised.
type runProps struct{ bold, underline, caps tri }

// fill sets each unset property of r from o.
func (r *runProps) fill(o runProps) {
	if r.bold == triUnset {
		r.bold = o.bold
	}
	if r.underline == triUnset {
		r.underline = o.underline
	}
	if r.caps == triUnset {
		r.caps = o.caps
	}
}

func (r runProps) complete() bool {
	return r.bold != triUnset && r.underline != triUnset && r.caps != triUnset
}

func (r runProps) emphasised() bool {
	return r.bold == triOn || r.underline == triOn || r.caps == triOn
}

// parseRunProps reads w:b, w:u and w:caps of a w:rPr element.
func parseRunProps(rPr *etree.Element) runProps {
	var r runProps
	if rPr == nil {
		return r
	}
	for _, c := range rPr.ChildElements() {
		switch wLocal(c) {
		case "b":
			r.bold = triOf(onOff(c))
		case "u":
			v, ok := wVal(c)
			r.underline = triOf(!ok || (v != "none" && v != ""))
		case "caps":
			r.caps = triOf(onOff(c))
		}
	}
	return r
}

// style is one w:style of styles.xml.
type style struct {
	id, name, basedOn string
	paragraph         bool
	numID             int
	hasNumID          bool
	ilvl              int
	hasIlvl           bool
	outline           int
	hasOutline        bool
	rpr               runProps
}

// styleSet holds the styles of a package.
type styleSet struct {
	byID     map[string]*style
	defPara  string   // id of the default paragraph style
	defaults runProps // w:docDefaults/w:rPrDefault
}

// maxChain bounds basedOn and link chains; loops end there too.
const maxChain = 16

func parseStyles(root *etree.Element) *styleSet {
	s := &styleSet{byID: map[string]*style{}}
	if root == nil {
		return s
	}
	for _, el := range root.ChildElements() {
		switch wLocal(el) {
		case "docDefaults":
			if d := wChild(el, "rPrDefault"); d != nil {
				s.defaults = parseRunProps(wChild(d, "rPr"))
			}
		case "style":
			st := parseStyle(el)
			if st.id == "" {
				continue
			}
			if _, dup := s.byID[st.id]; dup {
				continue
			}
			s.byID[st.id] = st
			if d, ok := wAttr(el, "default"); ok && st.paragraph && s.defPara == "" && (d == "1" || d == "true" || d == "on") {
				s.defPara = st.id
			}
		}
	}
	return s
}

func parseStyle(el *etree.Element) *style {
	st := &style{}
	st.id, _ = wAttr(el, "styleId")
	typ, ok := wAttr(el, "type")
	st.paragraph = !ok || typ == "paragraph"
	for _, c := range el.ChildElements() {
		switch wLocal(c) {
		case "name":
			st.name, _ = wVal(c)
		case "basedOn":
			st.basedOn, _ = wVal(c)
		case "pPr":
			for _, pc := range c.ChildElements() {
				switch wLocal(pc) {
				case "numPr":
					if id, ok := wInt(wChild(pc, "numId")); ok {
						st.numID, st.hasNumID = id, true
					}
					if lv, ok := wInt(wChild(pc, "ilvl")); ok {
						st.ilvl, st.hasIlvl = lv, true
					}
				case "outlineLvl":
					if lv, ok := wInt(pc); ok {
						st.outline, st.hasOutline = lv, true
					}
				}
			}
		case "rPr":
			st.rpr = parseRunProps(c)
		}
	}
	return st
}

// chain returns the style id and its basedOn ancestors, nearest first.
func (s *styleSet) chain(id string, buf []*style) []*style {
	buf = buf[:0]
	for i := 0; id != "" && i < maxChain; i++ {
		st := s.byID[id]
		if st == nil {
			break
		}
		buf = append(buf, st)
		id = st.basedOn
	}
	return buf
}

// numPr returns the numbering the paragraph style id carries through its
// basedOn chain: the nearest numId and the nearest ilvl.
func (s *styleSet) numPr(id string) (numID int, hasNum bool, ilvl int, hasIlvl bool) {
	var buf [maxChain]*style
	for _, st := range s.chain(id, buf[:0]) {
		if !hasNum && st.hasNumID {
			numID, hasNum = st.numID, true
		}
		if !hasIlvl && st.hasIlvl {
			ilvl, hasIlvl = st.ilvl, true
		}
	}
	return
}

// heading returns 1..9 when the style chain of id names a "heading N" style
// or sets an outline level, else 0.
func (s *styleSet) heading(id string) int {
	var buf [maxChain]*style
	for _, st := range s.chain(id, buf[:0]) {
		if n := headingName(st.name); n > 0 {
			return n
		}
		if st.hasOutline {
			return outlineHeading(st.outline)
		}
		if strings.EqualFold(st.name, "Title") {
			return 0
		}
	}
	return 0
}

// headingName returns N for the style names "heading N" (any letter case).
func headingName(name string) int {
	if len(name) == 9 && strings.EqualFold(name[:8], "heading ") && name[8] >= '1' && name[8] <= '9' {
		return int(name[8] - '0')
	}
	return 0
}

// outlineHeading converts a 0-based w:outlineLvl to a heading level; 9 and
// out-of-range values mean body text.
func outlineHeading(lvl int) int {
	if lvl >= 0 && lvl <= 8 {
		return lvl + 1
	}
	return 0
}

// runProps resolves emphasis for a run: direct formatting, then the
// character style chain, the paragraph style chain and the document defaults.
func (s *styleSet) runProps(direct runProps, rStyle, pStyle string) runProps {
	r := direct
	var buf [maxChain]*style
	for _, id := range [2]string{rStyle, pStyle} {
		for _, st := range s.chain(id, buf[:0]) {
			if r.complete() {
				return r
			}
			r.fill(st.rpr)
		}
	}
	r.fill(s.defaults)
	return r
}
