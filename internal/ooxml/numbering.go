package ooxml

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/beevik/etree"
)

// How list labels are computed (the model of Word's behaviour used here):
//
//   - A paragraph's list comes from its own w:numPr, else from its paragraph
//     style chain (the default paragraph style when it names none). numId 0
//     on the paragraph cancels style numbering. An ilvl missing everywhere is
//     taken from the abstractNum level whose w:pStyle names the paragraph's
//     style (or a style of its chain), else 0.
//   - w:num → w:abstractNumId; an abstractNum with w:numStyleLink is replaced
//     by the abstractNum of the numbering style's w:num (followed up to
//     maxChain hops). NumList is the final abstractNumId.
//   - Counters belong to the final abstractNum, so every w:num on it shares
//     them and numbering continues across w:num instances.
//   - A w:startOverride applies once per w:num: the first paragraph of that
//     w:num whose level has a startOverride sets the level's counter to the
//     override value instead of continuing. Later paragraphs continue from
//     there, in every w:num on the abstractNum, and later restarts of the
//     level use its w:start ("restart the level when this numbering instance
//     is first referenced", ECMA-376 17.9.26). LibreOffice 7.4 shows the
//     same numbers (see the startoverride fixture); Open-XML-PowerTools'
//     ListItemRetriever applies the override at the same paragraph.
//   - A level restarts at its w:start when it is next used after a higher
//     level was used: by default after any higher level, with w:lvlRestart N
//     only after one of the levels 1..N (1-based), with w:lvlRestart 0 never.
//   - w:lvlOverride/w:lvl replaces the abstract level for that w:num.
//   - %N in w:lvlText shows level N's counter in level N's own w:numFmt. A
//     higher level not used yet shows its start value and from then on
//     counts as used at that value ("1." then a level-3 item "1.1(a)", then a
//     level-2 item "1.2"). With w:isLgl on the displayed level every number
//     except decimalZero and none shows as decimal.
//   - A paragraph whose paragraph mark is a tracked deletion is not
//     numbered and does not advance the counters (the final view of Word),
//     nor is an empty paragraph that only carries a section break.
//   - Each text box is a story of its own with its own counters.

// lvlDef is one w:lvl.
type lvlDef struct {
	start      int
	numFmt     string
	width      int // digits of a custom zero-padded format ("001, 002, 003, ...")
	lvlText    string
	hasText    bool
	restart    int
	hasRestart bool
	isLgl      bool
	pStyle     string
}

// abstractNum is one w:abstractNum.
type abstractNum struct {
	id           string
	lvls         [9]*lvlDef
	numStyleLink string
}

// lvlOverride is one w:num/w:lvlOverride.
type lvlOverride struct {
	start    int
	hasStart bool
	lvl      *lvlDef
}

// numDef is one w:num.
type numDef struct {
	id         int
	abstractID string
	over       [9]lvlOverride
}

// numbering holds the definitions of numbering.xml.
type numbering struct {
	nums      map[int]*numDef
	abstracts map[string]*abstractNum
}

func parseNumbering(root *etree.Element) *numbering {
	n := &numbering{nums: map[int]*numDef{}, abstracts: map[string]*abstractNum{}}
	if root == nil {
		return n
	}
	for _, el := range root.ChildElements() {
		switch wLocal(el) {
		case "abstractNum":
			id, _ := wAttr(el, "abstractNumId")
			id = normID(id)
			if _, dup := n.abstracts[id]; dup {
				continue
			}
			a := &abstractNum{id: id}
			for _, c := range el.ChildElements() {
				switch wLocal(c) {
				case "lvl":
					k, ok := ilvlAttr(c)
					if ok && a.lvls[k] == nil {
						a.lvls[k] = parseLvl(c)
					}
				case "numStyleLink":
					a.numStyleLink, _ = wVal(c)
				}
			}
			n.abstracts[id] = a
		case "num":
			v, _ := wAttr(el, "numId")
			id, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				continue
			}
			if _, dup := n.nums[id]; dup {
				continue
			}
			d := &numDef{id: id}
			for _, c := range el.ChildElements() {
				switch wLocal(c) {
				case "abstractNumId":
					v, _ := wVal(c)
					d.abstractID = normID(v)
				case "lvlOverride":
					k, ok := ilvlAttr(c)
					if !ok {
						continue
					}
					if so, ok := wInt(wChild(c, "startOverride")); ok {
						d.over[k].start, d.over[k].hasStart = so, true
					}
					if l := wChild(c, "lvl"); l != nil {
						d.over[k].lvl = parseLvl(l)
					}
				}
			}
			n.nums[id] = d
		}
	}
	return n
}

// normID canonicalises a decimal id ("01" and "1" are the same id).
func normID(s string) string {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return strconv.Itoa(n)
	}
	return s
}

// ilvlAttr reads the w:ilvl attribute (0..8) of a w:lvl or w:lvlOverride.
func ilvlAttr(el *etree.Element) (int, bool) {
	v, ok := wAttr(el, "ilvl")
	if !ok {
		return 0, false
	}
	k, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || k < 0 || k > 8 {
		return 0, false
	}
	return k, true
}

func parseLvl(el *etree.Element) *lvlDef {
	l := &lvlDef{numFmt: "decimal"}
	var fmtEl *etree.Element
	for _, c := range el.ChildElements() {
		switch wLocal(c) {
		case "start":
			l.start, _ = wInt(c)
		case "numFmt":
			if fmtEl == nil {
				fmtEl = c
			}
		case "lvlText":
			if null, ok := wAttr(c, "null"); ok && onOffString(null) {
				l.hasText = true
				continue
			}
			l.lvlText, l.hasText = wVal(c)
		case "lvlRestart":
			l.restart, l.hasRestart = wInt(c)
		case "isLgl":
			l.isLgl = onOff(c)
		case "pStyle":
			l.pStyle, _ = wVal(c)
		case "":
			// Word 2010 writes custom formats as mc:AlternateContent with
			// the w14 numFmt in mc:Choice and a plain one in mc:Fallback.
			if isMC(c, "AlternateContent") {
				if ch := chooseAlternate(c); ch != nil {
					if f := wChild(ch, "numFmt"); f != nil {
						fmtEl = f
					}
				}
			}
		}
	}
	if fmtEl != nil {
		if v, ok := wVal(fmtEl); ok {
			l.numFmt = strings.TrimSpace(v)
		}
		if l.numFmt == "custom" {
			format, _ := wAttr(fmtEl, "format")
			l.numFmt, l.width = customFormat(format)
		}
	}
	return l
}

func onOffString(v string) bool {
	switch strings.TrimSpace(v) {
	case "0", "false", "off":
		return false
	}
	return true
}

// customFormat maps a w14 custom format such as "001, 002, 003, ..." to a
// zero-padded decimal; other custom formats fall back to decimal.
func customFormat(format string) (string, int) {
	first, _, _ := strings.Cut(format, ",")
	first = strings.TrimSpace(first)
	if len(first) > 1 && first[0] == '0' && strings.Trim(first, "0123456789") == "" {
		return "decimalZero", len(first)
	}
	return "decimal", 0
}

// chooseAlternate returns the branch of an mc:AlternateContent to read: the
// first mc:Choice, or the mc:Fallback when there is no Choice.
func chooseAlternate(ac *etree.Element) *etree.Element {
	var fallback *etree.Element
	for _, c := range ac.ChildElements() {
		if c.NamespaceURI() != nsMC {
			continue
		}
		switch c.Tag {
		case "Choice":
			return c
		case "Fallback":
			if fallback == nil {
				fallback = c
			}
		}
	}
	return fallback
}

// list is a resolved w:num: the abstractNum whose levels and counters it
// uses, and the w:num elements whose overrides apply (the paragraph's own
// first, then those met while following numStyleLink).
type list struct {
	numID int
	abs   *abstractNum
	nums  [maxChain]*numDef
	n     int
}

// resolve follows numId → abstractNum (→ numStyleLink → style → num → ...).
func (nb *numbering) resolve(numID int, styles *styleSet) (list, bool) {
	l := list{numID: numID}
	d := nb.nums[numID]
	for i := 0; d != nil && i < maxChain; i++ {
		l.nums[l.n] = d
		l.n++
		a := nb.abstracts[d.abstractID]
		if a == nil {
			return l, false
		}
		l.abs = a
		if a.numStyleLink == "" {
			return l, true
		}
		st := styles.byID[a.numStyleLink]
		if st == nil {
			break
		}
		linked, ok, _, _ := styles.numPr(st.id)
		if !ok || nb.nums[linked] == nil || nb.nums[linked] == d {
			break
		}
		d = nb.nums[linked]
	}
	// An unresolved link: use the abstractNum's own levels if it has any.
	if l.abs == nil {
		return l, false
	}
	for _, lv := range l.abs.lvls {
		if lv != nil {
			return l, true
		}
	}
	return l, false
}

// lvl returns the effective definition of level k, falling back to the
// nearest lower level that is defined.
func (l *list) lvl(k int) *lvlDef {
	for ; k >= 0; k-- {
		for i := 0; i < l.n; i++ {
			if o := l.nums[i].over[k].lvl; o != nil {
				return o
			}
		}
		if d := l.abs.lvls[k]; d != nil {
			return d
		}
	}
	return nil
}

// startOverride returns the w:startOverride for level k, if any.
func (l *list) startOverride(k int) (int, bool) {
	for i := 0; i < l.n; i++ {
		if o := l.nums[i].over[k]; o.hasStart {
			return o.start, true
		}
	}
	return 0, false
}

// start returns the w:start of level k (startOverride aside).
func (l *list) start(k int) int {
	if d := l.lvl(k); d != nil {
		return d.start
	}
	return 0
}

// levelFor returns the level of the abstractNum whose w:pStyle names one of
// the given styles.
func (l *list) levelFor(styles []*style) (int, bool) {
	for _, st := range styles {
		for k, d := range l.abs.lvls {
			if d != nil && d.pStyle == st.id {
				return k, true
			}
		}
	}
	return 0, false
}

// counters is the state of one abstractNum's levels.
type counters struct {
	value   [9]int
	started [9]bool
}

// numberer assigns labels in document order.
type numberer struct {
	nb         *numbering
	styles     *styleSet
	state      map[*abstractNum]*counters
	overridden map[int]bool // numIds whose startOverride was applied
	resolved   map[int]resolvedList
}

type resolvedList struct {
	l  list
	ok bool
}

func newNumberer(nb *numbering, styles *styleSet) *numberer {
	return &numberer{
		nb:         nb,
		styles:     styles,
		state:      map[*abstractNum]*counters{},
		overridden: map[int]bool{},
		resolved:   map[int]resolvedList{},
	}
}

// label is the numbering result for one paragraph.
type label struct {
	number, format, list string
	level                int // ilvl+1
}

// paragraph computes the label of a paragraph with the given numbering
// properties and advances the counters.
func (n *numberer) paragraph(pStyle string, pNum pNumPr) (label, bool) {
	styleID := pStyle
	if styleID == "" {
		styleID = n.styles.defPara
	}
	numID, hasNum := pNum.numID, pNum.hasNumID
	ilvl, hasIlvl := pNum.ilvl, pNum.hasIlvl
	sNum, sHasNum, sIlvl, sHasIlvl := n.styles.numPr(styleID)
	if !hasNum {
		numID, hasNum = sNum, sHasNum
	}
	if !hasIlvl && sHasIlvl {
		ilvl, hasIlvl = sIlvl, true
	}
	if !hasNum || numID == 0 {
		return label{}, false
	}
	r, seen := n.resolved[numID]
	if !seen {
		r.l, r.ok = n.nb.resolve(numID, n.styles)
		n.resolved[numID] = r
	}
	if !r.ok {
		return label{}, false
	}
	l := &r.l
	if !hasIlvl {
		var buf [maxChain]*style
		ilvl, _ = l.levelFor(n.styles.chain(styleID, buf[:0]))
	}
	if ilvl < 0 || ilvl > 8 {
		ilvl = 0
	}
	def := l.lvl(ilvl)
	if def == nil {
		return label{}, false
	}
	c := n.state[l.abs]
	if c == nil {
		c = &counters{}
		n.state[l.abs] = c
	}
	// Levels above ilvl that were never used count as used at their start
	// value (they show it in this label, and the next paragraph at such a
	// level continues from it), as LibreOffice does when it emulates Word.
	for k := 0; k < ilvl; k++ {
		if !c.started[k] {
			c.value[k], c.started[k] = l.start(k), true
		}
	}
	if so, ok := l.startOverride(ilvl); ok && !n.overridden[numID] {
		n.overridden[numID] = true
		c.value[ilvl] = so
	} else if !c.started[ilvl] {
		c.value[ilvl] = l.start(ilvl)
	} else {
		c.value[ilvl]++
	}
	c.started[ilvl] = true
	for k := ilvl + 1; k < 9; k++ {
		restart := true
		if d := l.lvl(k); d != nil && d.hasRestart {
			restart = d.restart != 0 && ilvl < d.restart
		}
		if restart {
			c.started[k] = false
		}
	}
	out := label{format: def.numFmt, list: l.abs.id, level: ilvl + 1}
	if def.hasText {
		out.number = n.render(l, c, ilvl, def)
	}
	return out, true
}

// render substitutes %1..%9 in the level text of ilvl.
func (n *numberer) render(l *list, c *counters, ilvl int, def *lvlDef) string {
	text := def.lvlText
	if def.numFmt == "bullet" {
		return strings.TrimFunc(bulletText(text), unicode.IsSpace)
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		ch := text[i]
		if ch == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			i++
			v := l.start(k)
			if c.started[k] {
				v = c.value[k]
			}
			f, width := "decimal", 0
			if d := l.lvl(k); d != nil {
				f, width = d.numFmt, d.width
			}
			if def.isLgl && f != "decimalZero" && f != "none" {
				f, width = "decimal", 0
			}
			b.WriteString(formatNumber(v, f, width))
			continue
		}
		b.WriteByte(ch)
	}
	return strings.TrimFunc(b.String(), unicode.IsSpace)
}
