package ooxml

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/beevik/etree"
)

// maxDepth bounds the recursion of the walkers; etree itself refuses XML
// nested deeper than 1024 elements.
const maxDepth = 1100

// tableCtx locates content inside the outermost table.
type tableCtx struct{ table, row, cell int }

// walker turns the body into Paragraphs in document order.
type walker struct {
	p      *Package
	num    *numberer
	out    []Paragraph
	paras  int // w:p elements met so far, in document order
	tables int // outermost tables met so far
}

func newWalker(p *Package) *walker {
	return &walker{p: p, num: newNumberer(p.num, p.styles)}
}

// blocks walks block-level content: paragraphs, tables and their wrappers.
func (w *walker) blocks(el *etree.Element, tc tableCtx, depth int) {
	if depth > maxDepth {
		return
	}
	for _, t := range el.Child {
		c, ok := t.(*etree.Element)
		if !ok {
			continue
		}
		switch wLocal(c) {
		case "p":
			w.paragraph(c, tc, depth+1)
		case "tbl":
			w.table(c, tc, depth+1)
		case "sdt":
			w.sdt(c, func(content *etree.Element) { w.blocks(content, tc, depth+1) })
		case "customXml", "ins", "moveTo", "smartTag":
			w.blocks(c, tc, depth+1)
		case "":
			if isMC(c, "AlternateContent") {
				w.alternate(c, func(branch *etree.Element) { w.blocks(branch, tc, depth+1) })
				continue
			}
			w.paras += countParas(c)
		default:
			// w:del and w:moveFrom, w:sectPr, w:altChunk, bookmarks, ...
			w.paras += countParas(c)
		}
	}
}

// sdt walks the w:sdtContent of a w:sdt and counts paragraphs elsewhere.
func (w *walker) sdt(sdt *etree.Element, walk func(*etree.Element)) {
	for _, c := range sdt.ChildElements() {
		if isW(c, "sdtContent") {
			walk(c)
		} else {
			w.paras += countParas(c)
		}
	}
}

// alternate walks the chosen branch of an mc:AlternateContent and counts
// the paragraphs of the others.
func (w *walker) alternate(ac *etree.Element, walk func(*etree.Element)) {
	chosen := chooseAlternate(ac)
	for _, c := range ac.ChildElements() {
		if c == chosen {
			walk(c)
		} else {
			w.paras += countParas(c)
		}
	}
}

// table walks a w:tbl row by row and cell by cell.
func (w *walker) table(tbl *etree.Element, tc tableCtx, depth int) {
	outer := tc.table == 0
	if outer {
		w.tables++
		tc = tableCtx{table: w.tables}
	}
	row := 0
	w.each(tbl, "tr", depth, func(tr *etree.Element) {
		if outer {
			tc.row, tc.cell = row, 0
		}
		row++
		cell := 0
		w.each(tr, "tc", depth+1, func(cellEl *etree.Element) {
			if outer {
				tc.cell = cell
			}
			cell++
			w.blocks(cellEl, tc, depth+2)
		})
	})
}

// each calls fn for every child local of el, looking through the row- and
// cell-level wrappers w:sdt, w:customXml and mc:AlternateContent.
func (w *walker) each(el *etree.Element, local string, depth int, fn func(*etree.Element)) {
	if depth > maxDepth {
		return
	}
	for _, c := range el.ChildElements() {
		switch name := wLocal(c); {
		case name == local:
			fn(c)
		case name == "sdt":
			w.sdt(c, func(content *etree.Element) { w.each(content, local, depth+1, fn) })
		case name == "customXml":
			w.each(c, local, depth+1, fn)
		case isMC(c, "AlternateContent"):
			w.alternate(c, func(branch *etree.Element) { w.each(branch, local, depth+1, fn) })
		default:
			w.paras += countParas(c)
		}
	}
}

// pNumPr is the w:numPr written on a paragraph.
type pNumPr struct {
	numID    int
	hasNumID bool
	ilvl     int
	hasIlvl  bool
}

// pProps are the paragraph properties Body uses.
type pProps struct {
	style       string
	num         pNumPr
	outline     int
	hasOutline  bool
	markDeleted bool // the paragraph mark is a tracked deletion
	sectPr      bool
}

func readPProps(pPr *etree.Element) pProps {
	var pp pProps
	if pPr == nil {
		return pp
	}
	for _, c := range pPr.ChildElements() {
		switch wLocal(c) {
		case "pStyle":
			pp.style, _ = wVal(c)
		case "numPr":
			if v, ok := wInt(wChild(c, "numId")); ok {
				pp.num.numID, pp.num.hasNumID = v, true
			}
			if v, ok := wInt(wChild(c, "ilvl")); ok {
				pp.num.ilvl, pp.num.hasIlvl = v, true
			}
		case "outlineLvl":
			pp.outline, pp.hasOutline = wInt(c)
		case "rPr":
			pp.markDeleted = wChild(c, "del") != nil || wChild(c, "moveFrom") != nil
		case "sectPr":
			pp.sectPr = true
		}
	}
	return pp
}

// deferred is content met inside a paragraph that comes after it: text-box
// content to emit, or skipped content whose paragraphs are only counted.
type deferred struct {
	el   *etree.Element
	emit bool
}

// paraWalk is the state of one paragraph's inline walk.
type paraWalk struct {
	w        *walker
	b        textBuilder
	pStyle   string // effective paragraph style, for run properties
	runs     int    // w:r elements met so far in this paragraph
	fields   []bool // open complex fields: true once past w:fldChar separate
	unsep    int    // open fields still in their instruction part
	deferred []deferred
}

func (w *walker) paragraph(p *etree.Element, tc tableCtx, depth int) {
	index := w.paras
	w.paras++
	pp := readPProps(wChild(p, "pPr"))
	styleID := pp.style
	if styleID == "" {
		styleID = w.p.styles.defPara
	}
	pw := &paraWalk{w: w, pStyle: styleID}
	pw.inline(p, depth)

	para := Paragraph{
		Index: index,
		Text:  string(pw.b.buf),
		Runs:  pw.b.spans,
		Style: pp.style,
		Table: tc.table,
		Row:   tc.row,
		Cell:  tc.cell,
	}
	if !pp.markDeleted && !(pp.sectPr && para.Text == "") {
		if lb, ok := w.num.paragraph(pp.style, pp.num); ok {
			para.Number, para.NumLevel, para.NumFormat, para.NumList = lb.number, lb.level, lb.format, lb.list
		}
	}
	if pp.hasOutline {
		para.HeadingLevel = outlineHeading(pp.outline)
	} else {
		para.HeadingLevel = w.p.styles.heading(styleID)
	}
	para.LeadEmphasis = leadEmphasis(para.Text, pw.b.spans, pw.b.emph)
	w.out = append(w.out, para)

	for _, d := range pw.deferred {
		if d.emit {
			// A text box is a story of its own: its lists neither continue
			// nor disturb the body's (as in Open-XML-PowerTools).
			body := w.num
			w.num = newNumberer(w.p.num, w.p.styles)
			w.blocks(d.el, tc, depth+1)
			w.num = body
		} else {
			w.paras += countParas(d.el)
		}
	}
}

func (pw *paraWalk) visible() bool { return pw.unsep == 0 }

// skip passes over content that contributes no text, counting its runs and
// (later, in order) its paragraphs.
func (pw *paraWalk) skip(el *etree.Element) {
	runs, paras := countRunsParas(el)
	pw.runs += runs
	if paras > 0 {
		pw.deferred = append(pw.deferred, deferred{el: el})
	}
}

// inline walks run-level content.
func (pw *paraWalk) inline(el *etree.Element, depth int) {
	if depth > maxDepth {
		pw.skip(el)
		return
	}
	for _, t := range el.Child {
		c, ok := t.(*etree.Element)
		if !ok {
			continue
		}
		switch wLocal(c) {
		case "r":
			pw.run(c, depth+1)
		case "ins", "moveTo", "hyperlink", "smartTag", "customXml", "bdo", "dir", "fldSimple":
			pw.inline(c, depth+1)
		case "sdt":
			for _, sc := range c.ChildElements() {
				if isW(sc, "sdtContent") {
					pw.inline(sc, depth+1)
				} else {
					pw.skip(sc)
				}
			}
		case "":
			if isMC(c, "AlternateContent") {
				chosen := chooseAlternate(c)
				for _, branch := range c.ChildElements() {
					if branch == chosen {
						pw.inline(branch, depth+1)
					} else {
						pw.skip(branch)
					}
				}
				continue
			}
			pw.skip(c)
		default:
			// w:del, w:moveFrom, w:pPr, bookmarks, proofErr, math, ...
			pw.skip(c)
		}
	}
}

// run walks one w:r.
func (pw *paraWalk) run(r *etree.Element, depth int) {
	ord := pw.runs
	pw.runs++
	rPr := wChild(r, "rPr")
	direct := parseRunProps(rPr)
	rStyle, _ := wVal(wChild(rPr, "rStyle"))
	emph := pw.w.p.styles.runProps(direct, rStyle, pw.pStyle).emphasised()
	outerRun, outerEmph := pw.b.run, pw.b.runEmph
	pw.b.run, pw.b.runEmph = ord, emph
	defer func() { pw.b.run, pw.b.runEmph = outerRun, outerEmph }()

	for _, t := range r.Child {
		c, ok := t.(*etree.Element)
		if !ok {
			continue
		}
		switch wLocal(c) {
		case "t":
			if pw.visible() {
				text := c.Text()
				if !preserveSpace(c) {
					// Word (and LibreOffice) drop the white space at the
					// ends of a w:t without xml:space="preserve".
					text = strings.Trim(text, " \t\r\n")
				}
				pw.b.writeString(text)
			}
		case "tab", "ptab", "br", "cr":
			if pw.visible() {
				pw.b.space()
			}
		case "noBreakHyphen":
			if pw.visible() {
				pw.b.writeRune('-')
			}
		case "fldChar":
			pw.fldChar(c)
		case "ruby":
			for _, rc := range c.ChildElements() {
				if isW(rc, "rubyBase") {
					pw.inline(rc, depth+1)
				} else {
					pw.skip(rc)
				}
			}
			pw.b.run, pw.b.runEmph = ord, emph
		case "drawing", "pict", "object":
			pw.textBoxes(c, depth+1)
		case "":
			if isMC(c, "AlternateContent") {
				pw.textBoxes(c, depth+1)
				continue
			}
			pw.skip(c)
		default:
			// rPr, delText, instrText, softHyphen, sym, footnoteReference, ...
			pw.skip(c)
		}
	}
}

// preserveSpace reports whether xml:space="preserve" is in effect for el.
func preserveSpace(el *etree.Element) bool {
	for e, i := el, 0; e != nil && i < 4; e, i = e.Parent(), i+1 {
		for _, a := range e.Attr {
			if a.Key == "space" && a.Space == "xml" {
				return a.Value == "preserve"
			}
		}
	}
	return false
}

// fldChar tracks complex fields: text between begin and separate is the
// instruction (hidden), text between separate and end is the result.
func (pw *paraWalk) fldChar(c *etree.Element) {
	typ, _ := wAttr(c, "fldCharType")
	switch typ {
	case "begin":
		pw.fields = append(pw.fields, false)
		pw.unsep++
	case "separate":
		if n := len(pw.fields); n > 0 && !pw.fields[n-1] {
			pw.fields[n-1] = true
			pw.unsep--
		}
	case "end":
		if n := len(pw.fields); n > 0 {
			if !pw.fields[n-1] {
				pw.unsep--
			}
			pw.fields = pw.fields[:n-1]
		}
	}
}

// textBoxes finds the w:txbxContent of a drawing and defers it, reading
// only the chosen branch of each mc:AlternateContent so that a text box
// stored in both mc:Choice and mc:Fallback is read once.
func (pw *paraWalk) textBoxes(el *etree.Element, depth int) {
	if depth > maxDepth {
		pw.skip(el)
		return
	}
	switch {
	case isW(el, "txbxContent"):
		runs, _ := countRunsParas(el)
		pw.runs += runs
		pw.deferred = append(pw.deferred, deferred{el: el, emit: true})
		return
	case isMC(el, "AlternateContent"):
		chosen := chooseAlternate(el)
		for _, c := range el.ChildElements() {
			if c == chosen {
				pw.textBoxes(c, depth+1)
			} else {
				pw.skip(c)
			}
		}
		return
	case isW(el, "r"):
		pw.runs++ // a run nested in a drawing outside a text box
	}
	for _, c := range el.ChildElements() {
		pw.textBoxes(c, depth+1)
	}
}

// countParas counts the w:p elements in el, el included.
func countParas(el *etree.Element) int {
	_, paras := countRunsParas(el)
	return paras
}

// countRunsParas counts the w:r and w:p elements in el, el included.
func countRunsParas(el *etree.Element) (runs, paras int) {
	var walk func(e *etree.Element, depth int)
	walk = func(e *etree.Element, depth int) {
		if depth > maxDepth {
			return
		}
		switch wLocal(e) {
		case "r":
			runs++
		case "p":
			paras++
		}
		for _, t := range e.Child {
			if c, ok := t.(*etree.Element); ok {
				walk(c, depth+1)
			}
		}
	}
	walk(el, 0)
	return runs, paras
}

// textBuilder builds normalised paragraph text and its run map together.
type textBuilder struct {
	buf      []byte
	spans    []RunSpan
	emph     []bool // per span: the run is bold, underlined or all caps
	pending  bool   // white space seen since the last character
	pendRun  int
	pendEmph bool
	run      int // current run ordinal
	runEmph  bool
}

// isSpace reports characters that normalise to a space.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || ('\t' <= r && r <= '\r')
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r)
}

func (b *textBuilder) space() {
	if len(b.buf) > 0 && !b.pending {
		b.pending, b.pendRun, b.pendEmph = true, b.run, b.runEmph
	}
}

func (b *textBuilder) writeString(s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				b.writeRune(r)
			}
			return
		}
		if c > ' ' {
			if b.pending {
				b.pending = false
				b.emit(b.pendRun, b.pendEmph, ' ')
			}
			b.emit(b.run, b.runEmph, rune(c))
			continue
		}
		b.writeRune(rune(c))
	}
}

func (b *textBuilder) writeRune(r rune) {
	switch {
	case r == 0xAD:
		return
	case isSpace(r):
		b.space()
		return
	case r == utf8.RuneError, r < 0x20, r == 0xFEFF:
		return
	}
	if b.pending {
		b.pending = false
		b.emit(b.pendRun, b.pendEmph, ' ')
	}
	b.emit(b.run, b.runEmph, r)
}

func (b *textBuilder) emit(run int, emph bool, r rune) {
	start := len(b.buf)
	if r < utf8.RuneSelf {
		b.buf = append(b.buf, byte(r))
	} else {
		b.buf = utf8.AppendRune(b.buf, r)
	}
	if n := len(b.spans); n > 0 && b.spans[n-1].Run == run && b.spans[n-1].End == start {
		b.spans[n-1].End = len(b.buf)
		return
	}
	b.spans = append(b.spans, RunSpan{Run: run, Start: start, End: len(b.buf)})
	b.emph = append(b.emph, emph)
}

// typedNumber matches a number typed at the start of a paragraph ("5. ",
// "1.1 ", "(a) ", "iv) ") and the white space after it.
var typedNumber = regexp.MustCompile(`^\(?(?:\d{1,3}(?:\.\d{1,3})*\.?|[A-Za-z]{1,2}[.)]|[ivxlcdmIVXLCDM]{1,6}[.)])\)? `)

// Lead emphasis limits: a run-in heading ends within maxLead bytes of its
// start, and a wholly emphasised paragraph of at most maxHeading bytes is a
// standalone heading.
const (
	maxLead    = 100
	maxHeading = 120
)

// leadEmphasis returns the byte length of the paragraph's run-in heading:
// leading text (after an optional typed number) whose letters are bold,
// underlined, all caps or upper case, ending with "." or ":" and followed by
// more text. A short paragraph emphasised throughout counts whole.
func leadEmphasis(text string, spans []RunSpan, emph []bool) int {
	if text == "" {
		return 0
	}
	s := len(typedNumber.FindString(text))
	letters, formatted := 0, 0
	first, last := -1, -1 // candidate ends (after the punctuation)
	firstOK, lastOK := false, false
	whole := true
	j := 0
	for i := s; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		for j < len(spans) && spans[j].End <= i {
			j++
		}
		e := j < len(spans) && spans[j].Start <= i && emph[j]
		switch {
		case unicode.IsLetter(r):
			if !e && !unicode.IsUpper(r) {
				whole = false
			}
			letters++
			if e {
				formatted++
			}
		case (r == '.' || r == ':') && i+size < len(text) && text[i+size] == ' ' && i+size-s <= maxLead:
			ok := formatted > 0 || letters >= 3
			if first < 0 {
				first, firstOK = i+size, ok
			}
			last, lastOK = i+size, ok
		}
		if !whole {
			break
		}
		i += size
	}
	switch {
	case whole && letters > 0 && len(text) <= maxHeading:
		return len(text)
	case whole && first >= 0 && firstOK:
		return first
	case !whole && last >= 0 && lastOK:
		return last
	}
	return 0
}
