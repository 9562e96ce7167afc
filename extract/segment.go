package extract

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segmentation splits a document's blocks into clauses in one pass over the text.
//
// Clause starts come from Word's structure (every auto-numbered paragraph, every
// heading-styled paragraph that reads as a heading, bold label cells in tables),
// from typed labels at the start of a block and, inside blocks, from typed labels
// at sentence boundaries that fit the numbering seen so far, and from headings
// without numbers (all-caps and title-case heading lines, run-in headings such as
// "Term." or "FEES:", bold leads). In plain text, typed bullets, paragraphs that
// define a quoted term ("Affiliate" means ...) and, in unnumbered text, every
// paragraph start clauses too. Front matter (title, preamble, recitals), the
// signature block and exhibits get their own clauses; a table of contents stays in
// the title, page numbers never start a clause.
//
// Acceptance. At the start of a block a well-formed label is accepted when it is
// followed by a capital, a quote, another label or the end of the block; letters
// with a period ("A.", "i."), bare numbers and labels followed by a lower-case word
// must also fit the numbering. Inside a block a label is accepted only at a segment
// boundary (after ". ", "; ", ": ", a closing quote or parenthesis, a rule of
// asterisks, right after another label or its heading, or after a capitalised word
// that does not introduce a reference such as "Section"), only when followed by a
// capital, quote or label, and only when it fits: the next sibling of an open item,
// the first item of a new list, or, for decimals, the next number at any level of
// the current path ("1.2" → "1.3", "1.2.1", "2.", "2.1"; up to three ahead after a
// sentence end). "(i)" after "(h)" is read as a letter unless "(ii)" comes before
// "(j)". A list label followed by a lower-case word does not split, but is
// remembered so that the list still fits later. "1." restarting inside numbered
// text is an enumeration, nested under the clause that introduces it. A number
// right after a word belongs to the word when the word is a reference word
// ("Pricing Schedule 2.") or when it is in the heading of the decimal clause just
// started and is not a child of it ("1.2 Obligation 2. The ..." is not clause 2);
// "Article 2" after a lower-case word is a reference.
//
// Lists inside a paragraph. A paragraph that holds at least a hundred words and a
// fifth of the document's words is split into the items of a list "(1) ... (2)
// ..." or "(a) ...; (b) ..." inside it, even in lower case, when the list starts
// at its first item and its items are long: 25 words on average and none under
// eight (twenty when there are two). The items nest under the paragraph's clause
// and end with the paragraph; "thirty (30)" is not an item. Shorter lists stay
// in their sentence.
//
// Amendments. Replacement text that an amending instruction introduces with a
// colon ("Section 5.2 is amended to read as follows:", "replaced by the
// following:") is a clause under the instruction when it opens with a label
// after an opening quote, with a label that does not continue the document's
// numbering, or, in the block after the instruction, without a label. Its
// numbers are not the document's: "5.2" inside it does not move the numbering,
// the next decimal of the quoted numbering continues it, and the document's next
// label closes it.
//
// Closing paragraphs. In plain text and PDF, an unlabelled paragraph inside a
// numbered clause that no numbered clause follows (only unnumbered clauses, the
// signature, exhibits or the end) is a clause of its own: "Except as amended
// hereby ..." after the last numbered clause is not part of it.
//
// Numbers. Clause.Number is the typed label as written, from its first character
// to its closing period or parenthesis: "5." stays "5." (Word shows "5." for such a
// list), "1.1" stays "1.1", "(a)" stays "(a)", "1.1(a)" stays "1.1(a)", "2.A." stays
// "2.A.". The keywords "Section", "Clause" and "§" are dropped ("Section 5.2" →
// "5.2", "§ 5" → "5"), because the number alone is what cross references use.
// "Article" keeps its keyword as written ("ARTICLE IV", "Article 4"), because
// article numbers repeat the numbers of the sections inside them. Trailing colons
// are dropped, and a space before the period is dropped ("2 ." → "2."). Bullets
// keep their glyph. For Word list paragraphs Number is Block.Number.
//
// Headings. A heading is short (at most 12 words), has no sentence inside it and
// no verb, and is in capitals or title case (or at most four words in sentence
// case). It is the heading-styled paragraph, the bold lead, the all-caps line, a
// short title after the label ("1. Subject and Scope of Agreement"), a run-in
// heading ending with a period or colon ("5. Term. This ..."), or a heading that
// runs straight into its first sentence ("Term The term of ..."). A bare label
// ("ARTICLE I") takes the next line as its heading. Trailing periods and colons
// are trimmed.
//
// Hierarchy. Every accepted start pushes an entry on a stack of label classes.
// Ranked classes (decimal depth, Word list level within one list) pop entries of
// the same family with an equal or higher rank; other classes pop to an entry of
// the same class (a sibling) or push (a child). Structural classes (exhibits, the
// signature block, articles, Word headings by level, all-caps heading lines) pop
// everything below their rank, so they are top-level structure; an exhibit is
// only popped by the next exhibit, and its clauses nest under it.
//
// Kinds. Clauses before the first body clause are title (short lines and filing
// legends before the preamble), preamble (the opening paragraph naming the parties
// or the date) and recitals (a RECITALS/BACKGROUND/WITNESSETH heading, each
// WHEREAS paragraph, lettered recitals). "IN WITNESS WHEREOF", signature lines
// ("By:", "AGREED AND ACCEPTED") and letter closings start a signature clause;
// typed numbers do not split inside it, and it ends at a fitting numbered clause
// or a paragraph of prose (signature pages often come first). EXHIBIT, SCHEDULE,
// ANNEX, APPENDIX, ATTACHMENT and ADDENDUM headings in the body start exhibit
// clauses and restart the numbering ("Exhibit 10.1", the label of the filing, is
// not an exhibit). In text and PDF, after the last numbered clause of the body,
// an exhibit keyword in title case after a sentence end starts an exhibit when
// a capitalised identifier or caption follows ("... Accept. Appendix List of
// Restricted Trademark Terms"). A clause headed Definitions or Interpretation, and the clauses
// under it, are definitions. Everything else is a clause; tables stay in the
// clause around them, except a paragraph of prose in a cover page table after the
// title, which starts the preamble or the body. In a Word signature block the
// label that started it ("Signature:", "Party Name:") starts the next party's
// signature clause when it comes again; in text and PDF, once the signature
// clause holds a "By:" line, a party name line over another "By:" line starts
// the next party's signature clause. A heading-styled Word paragraph is the
// title only when it is the first paragraph; after the title it starts a clause.

// maxDepth is the deepest decimal label read ("1.2.3.4").
const maxDepth = 4

// maxStack bounds the depth of the clause hierarchy.
const maxStack = 24

// style is the written form of a typed label.
type style uint8

const (
	styleNone        style = iota
	styleDecimal           // 1.  1.1  1.1.1  Section 5.2  § 5
	styleParenDigit        // (1)  1)
	styleParenLower        // (a)  a)
	styleParenUpper        // (A)  A)
	styleParenRomanL       // (i)  i)
	styleParenRomanU       // (I)  I)
	styleDotLower          // a.
	styleDotUpper          // A.
	styleDotRomanL         // i.
	styleDotRomanU         // I.
	styleArticle           // ARTICLE IV, Article 4
	styleBullet            // • - * o at the start of a block
	styleNumItem           // 1. 2. 3. restarting inside a numbered clause: an enumeration
	styleDefinition        // a paragraph defining a term: "Affiliate" means ...
	styleCount             // number of styles
)

// dotted reports whether s is a letter or numeral followed by a period, the
// labels most easily confused with initials and abbreviations.
func (s style) dotted() bool {
	return s >= styleDotLower && s <= styleDotRomanU
}

// label is a typed clause label found in a block's text.
type label struct {
	end     int    // offset just after the label
	number  string // Clause.Number
	st      style  // first reading
	val     int    // ordinal of the first reading (list styles and articles)
	alt     style  // second reading of an ambiguous label ("(i)": letter or numeral), or styleNone
	altVal  int
	dec     [maxDepth]int // components of a decimal label, trailing zeros dropped
	depth   int
	written int  // components as written, zeros included ("2.0" is 2)
	bare    bool // a number without period or parenthesis ("1 DEFINITIONS")
	keyword bool // written with "Section", "Clause", "§" or "Article"
}

// family groups label classes for the hierarchy stack.
type family uint8

const (
	famFront     family = iota + 1 // title, preamble, recitals heading
	famRecital                     // a WHEREAS paragraph
	famExhibit                     // EXHIBIT A, SCHEDULE 1, ...
	famSignature                   // IN WITNESS WHEREOF, By:
	famArticle                     // ARTICLE IV
	famHeading                     // Word heading style; rank is the level
	famCaps                        // all-caps heading line, short bold paragraph
	famDecimal                     // 1. 1.1 Section 5.2; rank is the depth
	famWord                        // Word list paragraph; rank is the level, key the list
	famList                        // (a) (i) a. A. (1); st is the style
	famRunin                       // paragraph opening with a run-in heading
	famPlain                       // unlabelled paragraph that starts the body
	famQuote                       // replacement text quoted in an amendment; rank is the decimal depth
)

// entry is one open clause on the hierarchy stack.
type entry struct {
	fam    family
	rank   int
	key    string // Word list id
	st     style  // list style
	val    int    // list value or article number
	dec    [maxDepth]int
	depth  int
	leaf   bool // never has children (title, preamble, signature, plain)
	text   bool // an unnumbered heading or paragraph: the paragraphs after it are clauses
	clause int  // index into segmenter.bounds
	inline bool // an item of a list of long items inside one paragraph: it ends with the paragraph
}

// structural returns the rank of a structural entry: lower ranks enclose higher.
func (e *entry) structural() (int, bool) {
	switch e.fam {
	case famExhibit:
		return 0, true
	case famFront, famSignature:
		return 1, true
	case famArticle:
		return 2, true
	case famHeading:
		return 2 + e.rank, true
	case famCaps:
		return 12 + e.rank, true
	}
	return 0, false
}

// phase is the part of the contract the segmenter is in.
type phase uint8

const (
	phTitle phase = iota
	phPreamble
	phRecitals
	phBody
	phSignature
)

// strength is how clearly a position starts a new segment of text.
type strength uint8

const (
	bNone   strength = iota
	bWeak            // after a capitalised word: "Scope of Agreement 1.1 The ..."
	bStrong          // after ". ", "; ", ": ", a closing quote or parenthesis, or a label
	bStart           // start of a block
)

// boundary is the start of a clause.
type boundary struct {
	pos      Position
	labelEnd int // offset after the typed label (pos.Offset when none)
	number   string
	heading  string
	fixed    bool // heading decided when the boundary was made
	auto     bool // derive the heading from the text after the label
	kind     ClauseKind
	level    int
	parent   int  // index of the parent boundary, -1 at top level
	closing  bool // may follow closing paragraphs: unnumbered, and neither a list item nor quoted text
}

// para is an unnumbered paragraph inside a numbered clause that becomes a clause
// of its own if no numbered clause follows it (a closing paragraph).
type para struct {
	block  int
	parent int // the enclosing exhibit's boundary, -1 if none
	level  int
}

// segmenter holds the state of one segmentation pass.
type segmenter struct {
	doc         *Document
	bounds      []boundary
	stack       []entry
	phase       phase
	lastDec     [maxDepth]int // last decimal label accepted since the last exhibit
	lastDecN    int
	lastArticle int
	pending     int    // boundary whose heading may be the next block ("ARTICLE I" / "DEFINITIONS"), -1 if none
	frontEnding bool   // "NOW, THEREFORE" seen: the next plain block starts the body
	toc         bool   // inside a table of contents before the body
	tocFirst    string // first label in the table of contents
	tocMiss     int    // lines since the last one that looked like a contents entry
	frontBlock  int    // block whose frontAt is cached, -1 if none
	frontAt     int    // offset of the words ending the front matter in frontBlock, -1 if none
	// seen holds, per list style, the last label seen inside the current clause
	// without starting a clause (see advance); any new clause clears it.
	seen [styleCount]int
	// paras are the paragraphs that may be closing paragraphs (see closingParas).
	paras []para
	// enum holds the items of lists of long items found in the block being
	// scanned, in order; enumAt is the next one.
	enum   []enumItem
	enumAt int
	// sigLabel is the label ("Signature:") of the Word paragraph or table cell
	// that started the signature clause; the same label again starts the next
	// party's signature.
	sigLabel string
	// sigBy is set once the signature clause holds a "By:" line (text and PDF):
	// a party name over another "By:" line then starts the next party's signature.
	sigBy    bool
	docBytes int // bytes of text in the document, counted when first needed; -1 before
}

// segment fills doc.Clauses from doc.Blocks. Clauses tile the blocks: in order,
// each starting where the previous one ends, together covering every byte of every
// block's text. It runs in time linear in the size of the text.
func segment(doc *Document) {
	doc.Clauses = nil
	if len(doc.Blocks) == 0 {
		return
	}
	s := &segmenter{doc: doc, pending: -1, frontBlock: -1, docBytes: -1}
	for b := range doc.Blocks {
		s.block(b)
	}
	if len(s.bounds) == 0 {
		s.add(0, 0, entry{fam: famPlain, leaf: true}, KindClause, "", 0)
	}
	s.closingParas()
	s.finish()
}

// block looks for clause starts in block b.
func (s *segmenter) block(b int) {
	blk := &s.doc.Blocks[b]
	t := blk.Text
	if p := s.pending; p >= 0 {
		s.pending = -1
		if blk.Number == "" && blk.Table == 0 && s.headingBlock(t) {
			s.setHeading(p, t)
			return
		}
	}
	if blk.Number != "" || (blk.HeadingLevel > 0 && s.headingParagraph(b)) {
		from := s.wordBlock(b)
		if len(t) >= 1000 {
			s.scan(b, from)
		}
		return
	}
	if t == "" {
		return
	}
	if s.toc {
		if !s.tocEnds(t) {
			return // a line of the table of contents stays in the front clause
		}
		s.toc = false
	} else if s.phase < phBody && blk.Table == 0 && tocHeading(t) {
		s.toc, s.tocFirst, s.tocMiss = true, "", 0
		if len(s.bounds) == 0 {
			s.add(b, 0, entry{fam: famFront, leaf: true}, KindTitle, "", 0)
		}
		return
	}
	if blk.Table > 0 {
		switch {
		case s.phase == phSignature && s.sigLabel != "" && strings.HasPrefix(t, s.sigLabel):
			s.startSignature(b, 0) // the next party's signature: "Signature:" again
			return
		case s.phase == phTitle && len(s.bounds) > 0 && sentence(t) && wordCount(t, 20) >= 20:
			// A paragraph in a cover page table after the title.
			if preambleText(t) {
				s.phase = phPreamble
				s.add(b, 0, entry{fam: famFront, leaf: true}, KindPreamble, "", 0)
			} else {
				s.enterBody()
				s.add(b, 0, entry{fam: famPlain, leaf: true, text: true}, KindClause, "", 0)
			}
			return
		case s.phase == phTitle || s.phase == phSignature:
		case matchWitness(t, 0) > 0 || matchSignLine(t, 0) > 0:
			s.startSignature(b, 0)
			return
		}
		// A bold label cell ("Training Data") heads the rows after it; typed
		// numbers in tables never split.
		if s.phase != phSignature && blk.LeadEmphasis >= len(t) && wordCount(t, 9) <= 8 && headingish(t) &&
			!notHeading(cleanHeading(t)) {
			s.enterBody()
			idx := s.add(b, 0, entry{fam: famCaps, rank: 2}, KindClause, "", 0)
			s.fix(idx, t)
		}
		return
	}
	from := s.blockStart(b)
	if from >= 0 && from < len(t) && (s.doc.Format != FormatDOCX || len(t) >= 1000) {
		s.scan(b, from)
	}
	if s.phase == phPreamble || s.phase == phRecitals {
		if endsFront(t) {
			s.frontEnding = true
		}
	}
}

// blockStart handles the start of a plain (non-Word-structured) block and returns
// the offset from which to look for clause starts inside it, or -1.
func (s *segmenter) blockStart(b int) int {
	t := s.doc.Blocks[b].Text
	if pageNumber(t) {
		return -1 // a page number never starts a clause
	}
	if s.phase == phSignature && s.leavesSignature(b) {
		s.phase = phBody
		if e := s.candidate(b, 0, bStart); e >= 0 {
			return e
		}
		s.add(b, 0, entry{fam: famPlain, leaf: true}, KindClause, "", 0)
		return 0
	}
	if e := s.candidate(b, 0, bStart); e >= 0 {
		return e
	}
	switch s.phase {
	case phTitle:
		if n := s.doc.Blocks[b].LeadEmphasis; n > 0 && n < len(t) {
			if e := s.headStart(b); e >= 0 {
				return e
			}
		}
		if titleLine(t) {
			if len(s.bounds) == 0 {
				s.add(b, 0, entry{fam: famFront, leaf: true}, KindTitle, "", 0)
			}
			return -1
		}
		if e := s.headStart(b); e >= 0 {
			return e
		}
		if len(s.bounds) == 0 {
			if e := legendEnd(t); e > 0 && e < len(t) {
				s.add(b, 0, entry{fam: famFront, leaf: true}, KindTitle, "", 0)
				if e2 := leadingTitle(t[e:]); e2 > 0 {
					e += e2
				}
				s.phase = phPreamble
				s.add(b, e, entry{fam: famFront, leaf: true}, KindPreamble, "", e)
				return e
			}
			if e := leadingTitle(t); e > 0 {
				s.add(b, 0, entry{fam: famFront, leaf: true}, KindTitle, "", 0)
				s.phase = phPreamble
				s.add(b, e, entry{fam: famFront, leaf: true}, KindPreamble, "", e)
				return e
			}
		}
		if !preambleText(t) {
			s.enterBody()
			s.add(b, 0, entry{fam: famPlain, leaf: true, text: true}, KindClause, "", 0)
			return 0
		}
		s.phase = phPreamble
		s.add(b, 0, entry{fam: famFront, leaf: true}, KindPreamble, "", 0)
		return 0
	case phPreamble, phRecitals:
		if s.frontEnding || (s.phase == phPreamble && s.preambleDone(b)) {
			s.enterBody()
			s.add(b, 0, entry{fam: famPlain, leaf: true, text: true}, KindClause, "", 0)
		}
	case phBody:
		// Under an unnumbered heading, and in unnumbered text, each paragraph is a
		// clause. In plain text a lettered item is one paragraph: an unlabelled
		// paragraph after it belongs to the enclosing clause, so it becomes a clause
		// of its own beside the item.
		if s.replacement(b) {
			s.add(b, 0, entry{fam: famQuote, rank: 1}, KindClause, "", 0)
			return 0
		}
		if len(s.stack) == 0 || !s.paragraphStart(b) {
			break
		}
		for len(s.stack) > 0 && s.stack[len(s.stack)-1].inline {
			s.stack = s.stack[:len(s.stack)-1] // a list inside a paragraph ends with it
		}
		n := len(s.stack)
		top := &s.stack[n-1]
		var closed []entry
		if !top.text && top.fam == famList && s.doc.Format != FormatDOCX && s.itemParagraph(top.clause, b) {
			for len(s.stack) > 0 && s.stack[len(s.stack)-1].fam == famList {
				closed = append(closed, s.stack[len(s.stack)-1])
				s.stack = s.stack[:len(s.stack)-1]
			}
			top = nil
		}
		if top == nil || top.text {
			s.add(b, 0, entry{fam: famPlain, leaf: true, text: true}, KindClause, "", 0)
		} else if s.doc.Format != FormatDOCX {
			s.closingCandidate(b)
		}
		for _, e := range closed {
			s.seen[e.st] = e.val // the list may go on after the paragraph
		}
	}
	return 0
}

// closingCandidate records block b, an unlabelled paragraph inside a numbered
// clause, as a possible closing paragraph: a paragraph of at least ten words
// after one that ended with a sentence.
func (s *segmenter) closingCandidate(b int) {
	prev := strings.TrimRight(s.doc.Blocks[b-1].Text, " ")
	if prev == "" || !strings.ContainsRune(".!?\"”", rune(prev[len(prev)-1])) || wordCount(s.doc.Blocks[b].Text, 10) < 10 {
		return
	}
	p := para{block: b, parent: -1, level: 1}
	for i := len(s.stack) - 1; i >= 0; i-- {
		if s.stack[i].fam == famExhibit {
			p.parent, p.level = s.stack[i].clause, i+2
			break
		}
	}
	s.paras = append(s.paras, p)
}

// closingParas makes the recorded paragraphs that no numbered clause follows
// (only a signature, an exhibit, an unnumbered heading or paragraph, or the end)
// clauses of their own: "Except as amended hereby, the Agreement remains ..."
// after the last numbered clause is not part of it.
func (s *segmenter) closingParas() {
	if len(s.paras) == 0 {
		return
	}
	var keep []para
	j := 0
	for _, p := range s.paras {
		for j < len(s.bounds) && (s.bounds[j].pos.Block < p.block || s.bounds[j].pos.Block == p.block && s.bounds[j].pos.Offset == 0) {
			j++
		}
		if j == len(s.bounds) || s.bounds[j].closing {
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		return
	}
	bounds := make([]boundary, 0, len(s.bounds)+len(keep))
	newIdx := make([]int, len(s.bounds))
	k := 0
	for i := range s.bounds {
		for k < len(keep) && keep[k].block <= s.bounds[i].pos.Block {
			p := keep[k]
			parent := p.parent
			if parent >= 0 {
				parent = newIdx[parent]
			}
			bounds = append(bounds, boundary{pos: Position{Block: p.block}, kind: KindClause, level: p.level, parent: parent, closing: true})
			k++
		}
		bd := s.bounds[i]
		if bd.parent >= 0 {
			bd.parent = newIdx[bd.parent]
		}
		newIdx[i] = len(bounds)
		bounds = append(bounds, bd)
	}
	for ; k < len(keep); k++ {
		p := keep[k]
		parent := p.parent
		if parent >= 0 {
			parent = newIdx[parent]
		}
		bounds = append(bounds, boundary{pos: Position{Block: p.block}, kind: KindClause, level: p.level, parent: parent, closing: true})
	}
	s.bounds = bounds
}

// amendIntro reports whether t ends by introducing replacement text: a
// sentence ending with a colon that amends, replaces or adds ("Section 5.2 is
// hereby amended to read as follows:").
func amendIntro(t string) bool {
	t = strings.TrimRight(t, " ")
	if t == "" || t[len(t)-1] != ':' {
		return false
	}
	t = t[max(0, len(t)-200):]
	if i := strings.LastIndex(t, ". "); i >= 0 {
		t = t[i:]
	}
	var buf [200]byte
	h := string(fold(t, buf[:0]))
	for _, w := range [...]string{"amend", "replace", "restate", "insert", "added", "add ", "substitut", "supplement", "delete", "read as follows", "to read"} {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// inQuote reports whether a clause of quoted replacement text is open.
func (s *segmenter) inQuote() (*entry, bool) {
	for i := len(s.stack) - 1; i >= 0; i-- {
		if s.stack[i].fam == famQuote {
			return &s.stack[i], true
		}
	}
	return nil, false
}

// quoted recognises a label that opens replacement text in an amendment at
// offset i of block b: after a colon that introduces it, a label after an opening
// quote ("... amended to read as follows: "5.2 Term. ..."), or a label that does
// not continue the amendment's own numbering; inside quoted text, the next
// decimal of the quoted numbering. The replacement text is a clause under the
// amending instruction, and its numbers do not count as the document's. It
// returns the offset after the label, or -1.
func (s *segmenter) quoted(b, i int, str strength) int {
	if s.phase != phBody || str < bStrong {
		return -1
	}
	t := s.doc.Blocks[b].Text
	qe, open := s.inQuote()
	if !open && (i > 0 && t[i-2] != ':' || i == 0 && b == 0) || !s.numbered() {
		return -1
	}
	j := i
	r, n := utf8.DecodeRuneInString(t[i:])
	q := r == '"' || r == '“'
	if q {
		j += n
	}
	l, ok := parseLabel(t, j)
	if !ok || l.bare || l.st == styleArticle || followOf(t, l.end) != fUpper {
		return -1
	}
	var intro bool
	if i == 0 {
		intro = b > 0 && amendIntro(s.doc.Blocks[b-1].Text)
	} else {
		intro = str == bStrong && t[i-2] == ':' && amendIntro(t[:i-1])
	}
	if !intro && !open {
		return -1
	}
	_, _, fitsDoc := s.reading(&l, b, bWeak)
	switch {
	case intro && (q || (!fitsDoc && !l.st.dotted())):
	case open && l.st == styleDecimal && !fitsDoc && qe.depth > 0 && fitsPath(l.dec[:l.depth], qe.dec[:qe.depth], 1):
	case open && q && i == 0 && !fitsDoc && !l.st.dotted():
	default:
		return -1
	}
	e := entry{fam: famQuote, rank: 1}
	if l.st == styleDecimal {
		e.rank, e.dec, e.depth = l.depth, l.dec, l.depth
	}
	idx := s.add(b, i, e, KindClause, l.number, l.end)
	s.bounds[idx].auto = true
	return l.end
}

// replacement reports whether block b is unlabelled replacement text after an
// amending instruction that ends with a colon in the block before it.
func (s *segmenter) replacement(b int) bool {
	if b == 0 || !s.numbered() || s.doc.Format == FormatDOCX {
		return false
	}
	t := s.doc.Blocks[b].Text
	r, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(r) && r != '"' && r != '“' {
		return false
	}
	if _, ok := parseLabel(t, 0); ok {
		return false
	}
	return wordCount(t, 10) >= 10 && amendIntro(s.doc.Blocks[b-1].Text)
}

// large reports whether paragraph text t holds at least a hundred words and a
// fifth of the document's text: only then are its lists of long items clauses
// (see enumerations), so that lists in ordinary paragraphs stay in their sentence.
func (s *segmenter) large(t string) bool {
	if len(t) < 600 {
		return false
	}
	if s.docBytes < 0 {
		s.docBytes = 0
		for i := range s.doc.Blocks {
			s.docBytes += len(s.doc.Blocks[i].Text)
		}
	}
	return 5*len(t) >= s.docBytes && wordCount(t, 100) >= 100
}

// enumItem is an item of a list of long items inside one paragraph.
type enumItem struct {
	off int // offset of the label
	end int // offset after the label
	st  style
	val int
	num string
}

// enumChain is a run of parenthesised labels of one style, 1, 2, 3, ...
type enumChain struct {
	st    style
	items []enumItem
}

// enumerations finds the lists of long items inside t after offset from:
// "(1) ... (2) ... (3) ..." or "(a) ...; (b) ...", starting at the first item,
// with items of 25 words on average and none shorter than eight words (twenty
// when there are only two). Labels after a number word ("thirty (30) days") are
// not items. It runs in time linear in the length of t.
func enumerations(t string, from int) []enumItem {
	var chains [styleCount]enumChain
	var out []enumItem
	for i := max(from, 1); i < len(t); i++ {
		k := strings.IndexByte(t[i:], '(')
		if k < 0 {
			break
		}
		if i += k; t[i-1] != ' ' {
			continue
		}
		l, ok := parseLabel(t, i)
		if !ok || l.end >= len(t) {
			continue
		}
		number := -1 // whether a number word comes before: "thirty (30)"
		for k := 0; k < 2; k++ {
			st, v := l.st, l.val
			if k == 1 {
				st, v = l.alt, l.altVal
			}
			if st < styleParenDigit || st > styleParenRomanU {
				continue
			}
			c := &chains[st]
			if v != 1 && (len(c.items) == 0 || v != c.items[len(c.items)-1].val+1) {
				continue
			}
			if number < 0 {
				number = 0
				if numberWordAny(lastWord(t[:i-1])) {
					number = 1
				}
			}
			if number == 1 {
				break
			}
			it := enumItem{off: i, end: l.end, st: st, val: v, num: l.number}
			switch {
			case v == 1:
				out = c.close(t, out)
				c.st, c.items = st, append(c.items[:0], it)
			case len(c.items) > 0 && v == c.items[len(c.items)-1].val+1:
				c.items = append(c.items, it)
			}
		}
	}
	for st := range chains {
		out = chains[st].close(t, out)
	}
	if len(out) == 0 {
		return nil
	}
	return sortItems(out)
}

// close appends the items of chain c to out when they make a list of long items,
// and empties the chain.
func (c *enumChain) close(t string, out []enumItem) []enumItem {
	n := len(c.items)
	if n < 2 {
		c.items = c.items[:0]
		return out
	}
	total, least := 0, 1<<30
	for k, it := range c.items {
		end := len(t)
		if k+1 < n {
			end = c.items[k+1].off
		} else {
			end = sentenceEnd(t, it.end, min(len(t), it.end+1500))
		}
		w := wordCount(t[it.end:end], 1000)
		total += w
		least = min(least, w)
	}
	if total >= 25*n && (least >= 20 || (n > 2 && least >= 8)) {
		out = append(out, c.items...)
	}
	c.items = c.items[:0]
	return out
}

// sentenceEnd returns the offset of the first sentence end in t[from:limit], or limit.
func sentenceEnd(t string, from, limit int) int {
	for i := from; i+2 < limit; i++ {
		if t[i] == '.' && t[i+1] == ' ' && isUpper(t[i+2]) && !abbreviation(lastWord(t[from:i])) {
			return i + 1
		}
	}
	return limit
}

// sortItems sorts items by offset, keeping the first reading of a label read
// twice.
func sortItems(items []enumItem) []enumItem {
	sort.SliceStable(items, func(i, j int) bool { return items[i].off < items[j].off })
	out := items[:0]
	for _, it := range items {
		if len(out) == 0 || out[len(out)-1].off != it.off {
			out = append(out, it)
		}
	}
	return out
}

// numberWordAny reports whether w is a number written as a word ("thirty",
// "Twenty-five", "hundred"), which a figure in parentheses repeats.
func numberWordAny(w string) bool {
	w = strings.Trim(w, ",;:")
	if w == "" || len(w) > 24 {
		return false
	}
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		w = w[i+1:]
	}
	if numberWord(w) > 0 {
		return true
	}
	var buf [24]byte
	switch string(fold(w, buf[:0])) {
	case "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "zero":
		return true
	}
	return false
}

// itemParagraph reports whether the list item at boundary idx is a complete
// paragraph on the block before b: it starts that block and holds a sentence of
// at least fifteen words.
func (s *segmenter) itemParagraph(idx, b int) bool {
	bd := &s.bounds[idx]
	if bd.pos.Block != b-1 || bd.pos.Offset != 0 {
		return false
	}
	t := s.doc.Blocks[b-1].Text
	return wordCount(t, 15) >= 15 && strings.ContainsRune(".;:", rune(t[len(t)-1]))
}

// paragraphStart reports whether block b starts a new paragraph rather than
// continuing the previous block's sentence: it starts with a capital, and the
// previous block ended a sentence or was a heading line.
func (s *segmenter) paragraphStart(b int) bool {
	if b == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s.doc.Blocks[b].Text)
	if !unicode.IsUpper(r) && r != '"' && r != '“' {
		return false
	}
	prev := s.doc.Blocks[b-1].Text
	if last := s.bounds[len(s.bounds)-1]; last.pos.Block == b-1 && last.pos.Offset == 0 && len(prev) < 150 && headingish(prev) {
		return true // the previous block is a heading line
	}
	return prev != "" && strings.ContainsRune(".:;!?)\"”", rune(prev[len(prev)-1]))
}

// preambleDone reports whether block b, which starts with no label, is body text
// after a finished preamble: a long paragraph after one that ended a sentence.
func (s *segmenter) preambleDone(b int) bool {
	if b == 0 || len(s.bounds) == 0 {
		return false
	}
	last := s.bounds[len(s.bounds)-1]
	if last.kind != KindPreamble || last.pos.Block == b {
		return false
	}
	prev := strings.TrimRight(s.doc.Blocks[b-1].Text, " ")
	if prev == "" || !strings.ContainsRune(".:;", rune(prev[len(prev)-1])) {
		return false
	}
	return wordCount(s.doc.Blocks[b].Text, 25) >= 25
}

// tocEnds reports whether block text t, inside a table of contents, starts the
// text after it: the preamble, the recitals, a paragraph of prose, the first label
// of the contents again (not as an entry), or the third line in a row that is not
// an entry.
func (s *segmenter) tocEnds(t string) bool {
	if matchRecitals(t, 0, bStart) > 0 || matchWhereas(t, 0, bStart) > 0 || prose(t) ||
		(preambleText(t) && (wordCount(t, 20) >= 20 || strings.HasPrefix(t, "This ") || strings.HasPrefix(t, "THIS "))) {
		return true
	}
	entry := tocEntry(t)
	if l, ok := parseLabel(t, 0); ok {
		if s.tocFirst == "" {
			s.tocFirst = strings.ToUpper(l.number)
		} else if strings.ToUpper(l.number) == s.tocFirst && !entry {
			return true
		}
	}
	if entry || wordCount(t, 8) < 8 {
		s.tocMiss = 0
		return false
	}
	s.tocMiss++
	return s.tocMiss >= 3
}

// tocHeading reports whether t opens a table of contents.
func tocHeading(t string) bool {
	if wordCount(t, 21) > 20 {
		return strings.HasPrefix(t, "TABLE OF CONTENTS") || strings.HasPrefix(t, "Table of Contents")
	}
	h := strings.ToUpper(t)
	return strings.Contains(h, "TABLE OF CONTENTS") || h == "CONTENTS" || h == "INDEX"
}

// tocEntry reports whether t looks like a contents entry: leader dots, or a page
// number at the end.
func tocEntry(t string) bool {
	if strings.Contains(t, "....") || strings.Contains(t, ". . .") {
		return true
	}
	w := lastWord(t)
	if w == "" || len(w) > 4 || w == t {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) && !strings.ContainsRune("ivxIVX", rune(w[i])) {
			return false
		}
	}
	return true
}

// leavesSignature reports whether block b, inside a signature block, starts the
// text that follows it (signature pages often come first): a numbered clause that
// fits the numbering, a paragraph of prose, or a heading line before either.
func (s *segmenter) leavesSignature(b int) bool {
	t := s.doc.Blocks[b].Text
	if s.numberedStart(t) || prose(t) {
		return true
	}
	if capsLine(t) && b+1 < len(s.doc.Blocks) {
		next := s.doc.Blocks[b+1].Text
		return s.numberedStart(next) || prose(next)
	}
	return false
}

// numberedStart reports whether t starts with a decimal or article label that
// fits the numbering.
func (s *segmenter) numberedStart(t string) bool {
	if t == "" {
		return false
	}
	l, ok := parseLabel(t, 0)
	if !ok || (l.st != styleDecimal && l.st != styleArticle) || l.bare {
		return false
	}
	if f := followOf(t, l.end); f != fUpper && f != fEnd {
		return false
	}
	_, _, fits := s.reading(&l, 0, bWeak)
	return fits
}

// pageNumber reports whether t is a page number line: "7", "- 7 -", "Page 7",
// "Page 7 of 9", "vii".
func pageNumber(t string) bool {
	if len(t) > 16 {
		return false
	}
	u := strings.Trim(t, "-–— ")
	if len(u) >= 5 && strings.EqualFold(u[:5], "page ") {
		u = u[5:]
		if i := strings.Index(u, " of "); i > 0 {
			u = u[:i]
		}
	}
	if u == "" {
		return false
	}
	digits := true
	for i := 0; i < len(u); i++ {
		digits = digits && isDigit(u[i])
	}
	return (digits && len(u) <= 3) || (romanValue(u) > 0 && isLower(u[0]))
}

// prose reports whether t reads as running text: at least 40 words, 15 of them
// starting with a lower-case letter.
func prose(t string) bool {
	if len(t) < 200 || strings.Contains(t, "By:") || strings.Contains(t, "/s/") || strings.Contains(t, "Name:") {
		return false
	}
	words, lower, in := 0, 0, false
	for i := 0; i < len(t); i++ {
		if t[i] == ' ' {
			in = false
		} else if !in {
			in = true
			words++
			if isLower(t[i]) {
				lower++
			}
		}
	}
	return words >= 40 && lower >= 15
}

// scan looks for clause starts inside block b from offset from.
func (s *segmenter) scan(b, from int) {
	t := s.doc.Blocks[b].Text
	chain := -1 // offset just after the last accepted start, where another label may follow
	if from > 0 {
		chain = from + 1
		if t[from-1] == ' ' {
			chain = from
		}
	}
	head := chain > 0 // the text since chain may still be a heading
	s.enum, s.enumAt = nil, 0
	if s.large(t[from:]) {
		s.enum = enumerations(t, from)
	}
	for i := max(from, 1); i < len(t); i++ {
		if t[i-1] != ' ' {
			continue
		}
		for s.enumAt < len(s.enum) && s.enum[s.enumAt].off < i {
			s.enumAt++
		}
		if s.enumAt < len(s.enum) && s.enum[s.enumAt].off == i && s.phase == phBody {
			it := s.enum[s.enumAt]
			if n := len(s.stack); n > 0 && s.stack[n-1].leaf && s.stack[n-1].fam == famPlain {
				s.stack[n-1].leaf = false // the paragraph holds the items
			}
			idx := s.add(b, i, entry{fam: famList, st: it.st, val: it.val, inline: true}, KindClause, it.num, it.end)
			s.bounds[idx].auto = true
			chain, head = it.end+1, true
			i = it.end - 1
			continue
		}
		c := t[i]
		if c == '"' || c == 0xE2 {
			if i >= 2 && t[i-2] == ':' {
				if e := s.quoted(b, i, bStrong); e > i {
					chain, head = e+1, true
					i = e - 1
				}
			}
			continue
		}
		if !isDigit(c) && !isLetter(c) && c != '(' && c != 0xC2 {
			continue
		}
		str := strengthAt(t, i, chain)
		if str < bStrong && isDigit(c) && afterWord(t, i) && s.numberOfWord(b, i, chain) {
			continue
		}
		if str < bStrong && head && chain < i-1 && (isDigit(c) || c == '(' || isUpper(c)) {
			// "1. Products and Payments A. Product. ...", "ARTICLE 1 SERVICES 1.1 ..."
			if head = i-chain < 120 && headingish(t[chain:i-1]); head {
				str = bStrong
			}
		}
		if str == bNone {
			continue
		}
		if e := s.candidate(b, i, str); e > i {
			chain, head = e+1, true
			i = e - 1
		}
	}
}

// candidate tries every kind of clause start at offset i of block b and returns
// the offset after what it recognised, or -1 when nothing starts there.
func (s *segmenter) candidate(b, i int, str strength) int {
	t := s.doc.Blocks[b].Text
	if s.phase != phSignature {
		if e := matchWitness(t, i); e > 0 {
			s.startSignature(b, i)
			return e
		}
		if s.phase != phTitle {
			if e := matchSignLine(t, i); e > 0 {
				s.startSignature(b, i)
				return e
			}
		}
	}
	if s.phase != phTitle {
		if e, head := matchExhibit(t, i, str); e > 0 {
			if s.phase < phBody {
				return e // "EXHIBIT 10.16" before the body is the filing's label
			}
			s.startExhibit(b, i, e, head)
			return e
		}
	}
	if s.phase == phBody && str == bStrong {
		if e, head := s.inlineExhibit(b, i); e > 0 {
			s.startExhibit(b, i, e, head)
			return e
		}
	}
	if s.phase == phSignature {
		if str == bStart && s.sigLabel != "" && strings.HasPrefix(t, s.sigLabel) && s.bounds[len(s.bounds)-1].pos.Block != b {
			s.startSignature(b, 0) // the next party's signature: "Party Name:" again
			return len(t)
		}
		if str == bStart && matchClosing(t) {
			s.startSignature(b, 0) // the next signature page: "Very truly yours,"
			return len(t)
		}
		if str == bStart && s.doc.Format != FormatDOCX {
			if byLine(t) {
				s.sigBy = true
			} else if s.sigBy && s.partyBlock(b) {
				s.startSignature(b, 0) // the next party's block: "BETA INC." over "By: ____" again
				return len(t)
			}
		}
		return -1
	}
	if s.phase < phBody {
		if e := s.front(b, i, str); e > 0 {
			return e
		}
	}
	if e := s.quoted(b, i, str); e > 0 {
		return e
	}
	if e := s.tryLabel(b, i, str); e > 0 {
		return e
	}
	if s.phase == phTitle {
		return -1
	}
	switch {
	case str == bStart:
		return s.headStart(b)
	case str == bStrong:
		if s.phase == phBody && s.doc.Format != FormatDOCX && t[i-2] == '.' {
			if e, term := definition(t, i); e > 0 {
				idx := s.add(b, i, entry{fam: famList, st: styleDefinition}, KindClause, "", i)
				s.fix(idx, term)
				return e
			}
		}
		if s.numbered() {
			break
		}
		if e, head := runin(t, i, true); e > 0 {
			s.enterBody()
			idx := s.add(b, i, entry{fam: famRunin}, KindClause, "", i)
			s.fix(idx, head)
			return e
		}
	}
	return -1
}

// headStart recognises a heading without a number at the start of block b: an
// all-caps line, a short bold paragraph, or a run-in heading ("TERM. This ...").
func (s *segmenter) headStart(b int) int {
	blk := &s.doc.Blocks[b]
	t := blk.Text
	if s.phase == phSignature {
		return -1
	}
	if e, term := definition(t, 0); e > 0 && s.phase == phBody {
		idx := s.add(b, 0, entry{fam: famList, st: styleDefinition}, KindClause, "", 0)
		s.fix(idx, term)
		return e
	}
	if n := bullet(t); n > 0 && s.phase == phBody {
		// A typed bullet is one paragraph: the paragraphs after it are not part of it.
		s.add(b, 0, entry{fam: famList, st: styleBullet, leaf: true, text: true}, KindClause, t[:n], n)
		return n
	}
	if s.phase >= phBody && wordCount(t, 9) <= 8 && b+1 < len(s.doc.Blocks) && s.doc.Blocks[b+1].Text != "" &&
		matchSignLine(s.doc.Blocks[b+1].Text, 0) > 0 && partyLine(strings.ToUpper(t)) {
		s.startSignature(b, 0) // "ACME INC." over "By: ____"
		return len(t)
	}
	whole := blk.LeadEmphasis >= len(t) && headingish(t)
	if whole || (capsLine(t) && !(s.phase < phBody && partyLine(t))) {
		s.enterBody()
		idx := s.add(b, 0, entry{fam: famCaps, text: true}, KindClause, "", 0)
		s.fix(idx, t)
		return len(t)
	}
	if s.phase >= phPreamble && s.doc.Format != FormatDOCX && titleHeading(t) && !partyLine(strings.ToUpper(t)) &&
		b+1 < len(s.doc.Blocks) && wordCount(s.doc.Blocks[b+1].Text, 10) >= 10 {
		s.enterBody()
		idx := s.add(b, 0, entry{fam: famCaps, rank: 1, text: true}, KindClause, "", 0)
		s.fix(idx, t)
		return len(t)
	}
	if n := blk.LeadEmphasis; n > 0 && n < len(t) && leadEnds(t, n) {
		if head, ok := leadHeading(t[:n]); ok {
			s.enterBody()
			idx := s.add(b, 0, entry{fam: famRunin}, KindClause, "", 0)
			s.fix(idx, head)
			return n
		}
	}
	if e, head := runin(t, 0, true); e > 0 {
		s.enterBody()
		idx := s.add(b, 0, entry{fam: famRunin}, KindClause, "", 0)
		s.fix(idx, head)
		return e
	}
	if s.doc.Format != FormatDOCX {
		if e, head := runin(t, 0, false); e > 0 {
			s.enterBody()
			idx := s.add(b, 0, entry{fam: famRunin}, KindClause, "", 0)
			s.fix(idx, head)
			return e
		}
		if e := headBeforeSentence(t, true); e > 0 && s.phase == phBody && wordCount(t[:e], 7) <= 6 && !notHeading(cleanHeading(t[:e])) {
			idx := s.add(b, 0, entry{fam: famRunin}, KindClause, "", 0)
			s.fix(idx, t[:e])
			return e
		}
	}
	return -1
}

// headingParagraph reports whether a heading-styled paragraph without a list
// number reads as a heading: short, or opening with a typed label. Templates
// style whole sentences as headings; those are read as plain paragraphs.
func (s *segmenter) headingParagraph(b int) bool {
	t := s.doc.Blocks[b].Text
	if l, ok := parseLabel(t, 0); ok && followOf(t, l.end) != fOther {
		return true
	}
	return t == "" || (wordCount(t, 13) <= 12 && !sentence(t))
}

// wordBlock starts a clause at a Word list or heading paragraph and returns the
// offset after its typed label.
func (s *segmenter) wordBlock(b int) int {
	blk := &s.doc.Blocks[b]
	t := blk.Text
	number, labelEnd := blk.Number, 0
	var dec []int
	if l, ok := parseLabel(t, 0); ok && number == "" && followOf(t, l.end) != fOther {
		number, labelEnd = l.number, l.end
		if l.st == styleDecimal {
			dec = l.dec[:l.depth]
		}
	}
	if dec == nil && number != "" {
		if l, ok := parseLabel(number, 0); ok && l.st == styleDecimal {
			dec = l.dec[:l.depth]
		}
	}
	rest := strings.TrimSpace(t[labelEnd:])
	if s.phase == phSignature {
		s.phase = phBody
	}
	if blk.HeadingLevel > 0 && blk.Number == "" {
		if s.phase == phTitle && labelEnd == 0 && !recitalsWord(rest) && len(s.bounds) == 0 {
			// The first paragraph, styled as a heading, is the title; a heading
			// after the title starts a clause of its own.
			s.add(b, 0, entry{fam: famFront, leaf: true}, KindTitle, "", 0)
			return len(t)
		}
		if s.phase != phTitle && labelEnd == 0 {
			if e, head := matchExhibit(t, 0, bStart); e > 0 {
				s.startExhibit(b, 0, e, head)
				return len(t)
			}
		}
		if s.phase < phBody && recitalsWord(rest) {
			s.phase = phRecitals
			idx := s.add(b, 0, entry{fam: famFront}, KindRecitals, "", 0)
			s.fix(idx, rest)
			return len(t)
		}
	}
	kind := KindClause
	var e entry
	if blk.Number == "" {
		e = entry{fam: famHeading, rank: blk.HeadingLevel, text: labelEnd == 0}
	} else {
		// A list paragraph nests by its list level even when it also has a heading
		// style: heading styles are often used for looks only.
		e = entry{fam: famWord, rank: blk.NumLevel, key: blk.NumList}
		if s.phase == phRecitals && strings.HasSuffix(blk.NumFormat, "Letter") {
			kind = KindRecitals
		}
	}
	if kind != KindRecitals {
		s.enterBody()
	}
	idx := s.add(b, 0, e, kind, number, labelEnd)
	s.bounds[idx].auto = true
	if len(dec) > 0 {
		s.lastDecN = copy(s.lastDec[:], dec)
	}
	switch {
	case rest == "" && (labelEnd > 0 || blk.HeadingLevel > 0):
		s.pending = idx // "ARTICLE I" alone: its heading may be the next paragraph
	case blk.HeadingLevel > 0 && blk.LeadEmphasis == 0:
		if headingish(rest) {
			s.fix(idx, rest)
		}
	}
	return labelEnd
}

// front recognises the start of the recitals: a RECITALS heading or a WHEREAS.
func (s *segmenter) front(b, i int, str strength) int {
	t := s.doc.Blocks[b].Text
	if e := matchRecitals(t, i, str); e > 0 {
		s.phase = phRecitals
		idx := s.add(b, i, entry{fam: famFront}, KindRecitals, "", i)
		s.fix(idx, t[i:e])
		return e
	}
	if e := matchWhereas(t, i, str); e > 0 {
		s.phase = phRecitals
		s.add(b, i, entry{fam: famRecital}, KindRecitals, "", i)
		return e
	}
	return -1
}

// tryLabel accepts a typed label at offset i of block b when it is well formed,
// is followed by the start of a sentence, and (except at the start of a block)
// fits the numbering seen so far. It returns the offset after the label, or -1.
func (s *segmenter) tryLabel(b, i int, str strength) int {
	t := s.doc.Blocks[b].Text
	l, ok := parseLabel(t, i)
	if !ok {
		return -1
	}
	f := followOf(t, l.end)
	switch {
	case f == fEnd && str != bStart:
		return -1
	case l.bare && (str != bStart || f != fUpper):
		return -1
	case str == bWeak && l.st.dotted():
		return -1
	case str == bWeak && !l.keyword && l.written < 2 && letters(lastWord(t[:i-1])) < 2:
		return -1
	case str != bStart && l.keyword && afterWord(t, i) && !isUpper(lastWord(t[:i-1])[0]):
		return -1 // "... under Article 2 The ..." is a reference
	}
	st, val, fits := s.reading(&l, b, str)
	if f == fLower || f == fOther {
		if str != bStart {
			if fits && (f == fLower) {
				s.advance(st, val)
			}
			return -1
		}
		if !fits {
			return -1
		}
	}
	if !fits && st == styleDecimal && str == bStrong && l.depth == 1 && !s.decimalSeen() && capsHead(t, l.end) {
		fits = true // a fragment starting at "4. BANKRUPTCY Neither ..."
	}
	if !fits && (str != bStart || st.dotted() || l.bare) {
		return -1
	}
	kind := KindClause
	var e entry
	switch st {
	case styleDecimal:
		e = entry{fam: famDecimal, rank: l.depth, dec: l.dec, depth: l.depth}
	case styleArticle:
		e = entry{fam: famArticle, val: val}
	default:
		e = entry{fam: famList, st: st, val: val}
	}
	if s.phase < phBody && matchWhereas(t, skipSeparators(t, l.end), bStart) > 0 {
		s.phase = phRecitals // "1) WHEREAS ..."
		kind = KindRecitals
	} else if s.phase < phBody {
		if e.fam == famList && s.phase != phTitle {
			if s.phase == phPreamble && str != bStart && !s.afterFront(b, i) {
				return -1 // "between (1) ACME and (2) ..." stays in the preamble
			}
			if s.phase == phRecitals {
				kind = KindRecitals
			}
		}
		if kind != KindRecitals {
			s.enterBody()
		}
	}
	idx := s.add(b, i, e, kind, l.number, l.end)
	s.bounds[idx].auto = true
	switch st {
	case styleDecimal:
		s.lastDec, s.lastDecN = l.dec, l.depth
	case styleArticle:
		s.lastArticle = val
	}
	if f == fEnd {
		s.pending = idx
	}
	return l.end
}

// afterWord reports whether offset i of t (just after a space) directly follows a
// word, not punctuation that ends a segment: "Obligation 2." or "under Article 2".
func afterWord(t string, i int) bool {
	if i < 2 || t[i-1] != ' ' {
		return false
	}
	return isLetter(t[i-2])
}

// numberOfWord reports whether the number at offset i of block b, right after a
// word, belongs to that word rather than starting a clause: after a reference
// word ("Pricing Schedule 2. The ..."), or in the heading of the decimal clause
// just started when it is not a child of it ("1.2 Obligation 2. The ..." is not
// clause 2).
func (s *segmenter) numberOfWord(b, i, chain int) bool {
	t := s.doc.Blocks[b].Text
	if referenceWord(lastWord(t[:i-1])) {
		return true
	}
	n := len(s.bounds)
	if n == 0 || chain < 0 {
		return false
	}
	last := &s.bounds[n-1]
	if last.pos.Block != b || last.labelEnd+1 != chain || last.number == "" || i-chain >= 120 || !headingish(t[chain:i-1]) {
		return false
	}
	prev, ok := parseLabel(last.number, 0)
	if !ok || prev.st != styleDecimal {
		return false
	}
	l, ok := parseLabel(t, i)
	return ok && l.st == styleDecimal && !l.keyword && l.depth < prev.depth
}

// decimalSeen reports whether a decimal label has been accepted since the last
// exhibit.
func (s *segmenter) decimalSeen() bool {
	if s.lastDecN > 0 {
		return true
	}
	for i := range s.stack {
		if s.stack[i].fam == famDecimal || s.stack[i].fam == famArticle {
			return true
		}
	}
	return false
}

// capsHead reports whether the word after offset e of t is in capitals and at
// least three letters long, as in "4. BANKRUPTCY Neither ...".
func capsHead(t string, e int) bool {
	e = skipSeparators(t, e)
	k := e
	for k < len(t) && t[k] != ' ' {
		k++
	}
	w := strings.TrimRight(t[e:k], ".:")
	return letters(w) >= 3 && capsWord(w)
}

// afterFront reports whether offset i of block b comes after the words that end
// the front matter ("agree as follows", "NOW, THEREFORE") in that block.
func (s *segmenter) afterFront(b, i int) bool {
	if s.frontBlock != b {
		s.frontBlock, s.frontAt = b, frontEnd(s.doc.Blocks[b].Text)
	}
	return s.frontAt >= 0 && i > s.frontAt
}

// reading picks the reading of a label (a letter or a roman numeral for "(i)")
// and reports whether it fits the numbering seen so far.
func (s *segmenter) reading(l *label, b int, str strength) (style, int, bool) {
	switch l.st {
	case styleDecimal:
		step := 1
		if str == bStrong || str == bStart {
			step = 3 // tolerate a missed or skipped clause after a sentence end
		}
		if s.fitsDecimal(l.dec[:l.depth], step) {
			return l.st, 0, true
		}
		// "1." restarting inside numbered text is an enumeration: "P. ... the
		// following: 1. ... 2. ...".
		if l.depth == 1 && l.written == 1 && s.decimalSeen() && (str == bStart || s.onStack(styleNumItem)) {
			if v := l.dec[0]; s.fitsList(styleNumItem, v) {
				return styleNumItem, v, true
			}
		}
		return l.st, 0, false
	case styleArticle:
		return l.st, l.val, l.val == s.lastArticle+1 || (s.lastArticle == 0 && l.val == 1)
	}
	fa := s.fitsList(l.st, l.val)
	if l.alt == styleNone {
		return l.st, l.val, fa
	}
	fr := s.fitsList(l.alt, l.altVal)
	switch {
	case fa && fr:
		if s.romanNext(b, l) {
			return l.alt, l.altVal, true
		}
		return l.st, l.val, true
	case fa:
		return l.st, l.val, true
	case fr:
		return l.alt, l.altVal, true
	case l.altVal == 1:
		return l.alt, l.altVal, false
	}
	return l.st, l.val, false
}

// fitsList reports whether value v of list style st is the next sibling of an
// open item of that style, or the first item of a new list.
func (s *segmenter) fitsList(st style, v int) bool {
	for i := len(s.stack) - 1; i >= 0; i-- {
		if e := &s.stack[i]; e.fam == famList && e.st == st {
			return v == e.val+1
		}
	}
	return v == 1 || (st < styleCount && s.seen[st] > 0 && v == s.seen[st]+1)
}

// onStack reports whether a list item of style st is open.
func (s *segmenter) onStack(st style) bool {
	for i := range s.stack {
		if s.stack[i].fam == famList && s.stack[i].st == st {
			return true
		}
	}
	return false
}

// advance records a list label that fits but does not start a clause (it is
// followed by a lower-case word): "(b)" in "(a) deliver; (b) install" moves the
// open "(a)" to "(b)", and "(a) the Company ...; (b) ..." inside one clause is
// remembered, so that "(c) the Company ..." at the start of the next block fits.
func (s *segmenter) advance(st style, v int) {
	for i := len(s.stack) - 1; i >= 0; i-- {
		if e := &s.stack[i]; e.fam == famList && e.st == st {
			e.val = v
			return
		}
	}
	if int(st) < len(s.seen) {
		s.seen[st] = v
	}
}

// fitsDecimal reports whether the decimal label v continues the numbering: the
// next sibling (up to step ahead) at any level of the current path, with deeper
// components 1, or the first child of the current path. The current path is the
// deepest open decimal clause (or the open article's number) and, separately, the
// last decimal label accepted.
func (s *segmenter) fitsDecimal(v []int, step int) bool {
	var path []int
	var art [1]int
	for i := len(s.stack) - 1; i >= 0 && path == nil; i-- {
		switch e := &s.stack[i]; e.fam {
		case famDecimal:
			path = e.dec[:e.depth]
		case famArticle:
			art[0] = e.val
			path = art[:]
		}
	}
	if fitsPath(v, path, step) {
		return true
	}
	return s.lastDecN > 0 && fitsPath(v, s.lastDec[:s.lastDecN], step)
}

func fitsPath(v, path []int, step int) bool {
	if len(path) == 0 {
		return len(v) <= 3 && ones(v)
	}
	if len(v) > len(path)+1 {
		return false
	}
	for i := range v {
		if i == len(path) {
			return v[i] == 1 // first child of path
		}
		if v[i] != path[i] {
			return v[i] > path[i] && v[i] <= path[i]+step && ones(v[i+1:])
		}
	}
	return false // v is path or one of its ancestors
}

func ones(v []int) bool {
	for _, x := range v {
		if x != 1 {
			return false
		}
	}
	return true
}

// romanNext decides an ambiguous "(i)" or "i." by looking ahead for its
// successor: "(ii)" makes it a numeral, "(j)" a letter. Letters win a tie.
func (s *segmenter) romanNext(b int, l *label) bool {
	r, a := toRoman(l.altVal+1), string(rune('a'+l.val%26))
	if l.alt == styleParenRomanU || l.alt == styleDotRomanU {
		a = strings.ToUpper(a)
	} else {
		r = strings.ToLower(r)
	}
	var rn, an string
	if l.alt == styleParenRomanL || l.alt == styleParenRomanU {
		rn, an = "("+r+")", "("+a+")"
	} else {
		rn, an = " "+r+". ", " "+a+". "
	}
	off := l.end
	for budget := 4000; b < len(s.doc.Blocks) && budget > 0; b++ {
		t := s.doc.Blocks[b].Text[off:]
		if len(t) > budget {
			t = t[:budget]
		}
		budget -= len(t)
		off = 0
		ir, ia := strings.Index(" "+t, rn), strings.Index(" "+t, an)
		switch {
		case ir >= 0 && (ia < 0 || ir < ia):
			return true
		case ia >= 0:
			return false
		}
	}
	return false
}

// enterBody ends the front matter: the clauses that follow are the body.
func (s *segmenter) enterBody() {
	if s.phase < phBody {
		s.stack = s.stack[:0]
		s.phase = phBody
		s.frontEnding = false
	}
}

func (s *segmenter) startSignature(b, i int) {
	s.phase = phSignature
	s.sigLabel = ""
	s.sigBy = byLine(s.doc.Blocks[b].Text[i:])
	if blk := &s.doc.Blocks[b]; s.doc.Format == FormatDOCX && i == 0 {
		if k := strings.IndexByte(blk.Text, ':'); k > 0 && k < 24 {
			s.sigLabel = blk.Text[:k+1]
		}
	}
	s.add(b, i, entry{fam: famSignature, leaf: true}, KindSignature, "", i)
}

func (s *segmenter) startExhibit(b, i, end int, head string) {
	s.phase = phBody
	s.frontEnding = false
	s.lastDecN, s.lastArticle = 0, 0
	idx := s.add(b, i, entry{fam: famExhibit}, KindExhibit, "", i)
	s.fix(idx, head)
	if i == 0 && end >= len(s.doc.Blocks[b].Text) && wordCount(head, 3) == 2 {
		s.pending = idx // "EXHIBIT A" alone: its title may be the next line
	}
}

// numbered reports whether a numbered clause is open.
func (s *segmenter) numbered() bool {
	for i := range s.stack {
		switch s.stack[i].fam {
		case famDecimal, famList, famWord, famArticle:
			return true
		}
	}
	return false
}

// add records a clause start at offset off of block b, placing it in the
// hierarchy, and returns its index.
func (s *segmenter) add(b, off int, e entry, kind ClauseKind, number string, labelEnd int) int {
	if len(s.bounds) == 0 && (b != 0 || off != 0) {
		k := KindTitle
		if s.phase != phTitle {
			k = KindPreamble
		}
		s.add(0, 0, entry{fam: famFront, leaf: true}, k, "", 0)
	}
	s.push(e)
	s.seen = [len(s.seen)]int{}
	idx := len(s.bounds)
	s.stack[len(s.stack)-1].clause = idx
	parent := -1
	if n := len(s.stack); n > 1 {
		parent = s.stack[n-2].clause
	}
	s.bounds = append(s.bounds, boundary{
		pos:      Position{Block: b, Offset: off},
		labelEnd: labelEnd,
		number:   number,
		kind:     kind,
		level:    len(s.stack),
		parent:   parent,
		closing:  number == "" && e.fam != famList && e.fam != famQuote,
	})
	return idx
}

// push places e on the hierarchy stack, popping what it closes.
func (s *segmenter) push(e entry) {
	st := s.stack
	if len(st) >= maxStack {
		st = st[:maxStack-1] // deeper nesting means nothing; it only costs time
	}
	for len(st) > 0 && st[len(st)-1].leaf {
		st = st[:len(st)-1]
	}
	if r, ok := e.structural(); ok {
		for len(st) > 0 {
			if tr, tok := st[len(st)-1].structural(); tok && tr < r {
				break
			}
			st = st[:len(st)-1]
		}
	} else if e.fam == famDecimal || e.fam == famWord || e.fam == famQuote {
		lower := -1
		for i := range st {
			if st[i].fam != e.fam || st[i].key != e.key {
				continue
			}
			if st[i].rank >= e.rank {
				st = st[:i]
				lower = -2
				break
			}
			lower = i
		}
		if lower >= 0 {
			st = st[:lower+1]
		} else if lower == -1 && e.fam == famDecimal {
			// No decimal clause is open: a decimal label closes open list items and
			// run-in paragraphs.
			for len(st) > 0 && (st[len(st)-1].fam == famList || st[len(st)-1].fam == famRunin) {
				st = st[:len(st)-1]
			}
		}
	} else {
		for i := range st {
			if st[i].fam == e.fam && st[i].st == e.st {
				st = st[:i]
				break
			}
		}
	}
	s.stack = append(st, e)
}

// fix sets the heading of boundary idx.
func (s *segmenter) fix(idx int, head string) {
	s.bounds[idx].heading = cleanHeading(head)
	s.bounds[idx].fixed = true
}

// setHeading makes block text t the heading of the bare label at boundary p.
func (s *segmenter) setHeading(p int, t string) {
	bd := &s.bounds[p]
	h := cleanHeading(t)
	if bd.kind == KindExhibit && bd.heading != "" {
		h = bd.heading + " - " + h
	}
	bd.heading, bd.fixed = h, true
}

// headingBlock reports whether t can be the heading of a bare label on the line
// before it: a short title or all-caps line without a label of its own.
func (s *segmenter) headingBlock(t string) bool {
	if _, ok := parseLabel(t, 0); ok {
		return false
	}
	if matchWitness(t, 0) > 0 || matchSignLine(t, 0) > 0 {
		return false
	}
	if e, _ := matchExhibit(t, 0, bStart); e > 0 {
		return false
	}
	return headingish(t)
}

// finish turns the boundaries into clauses.
func (s *segmenter) finish() {
	blocks := s.doc.Blocks
	n := len(s.bounds)
	clauses := make([]Clause, n)
	for i := range s.bounds {
		bd := &s.bounds[i]
		end := Position{Block: len(blocks) - 1, Offset: len(blocks[len(blocks)-1].Text)}
		if i+1 < n {
			next := s.bounds[i+1].pos
			if next.Offset > 0 {
				end = next
			} else {
				end = Position{Block: next.Block - 1, Offset: len(blocks[next.Block-1].Text)}
			}
		}
		if bd.auto && !bd.fixed {
			limit := len(blocks[bd.pos.Block].Text)
			if i+1 < n && s.bounds[i+1].pos.Block == bd.pos.Block {
				limit = s.bounds[i+1].pos.Offset
			}
			bd.heading = autoHeading(&blocks[bd.pos.Block], bd.pos.Offset, bd.labelEnd, limit)
		}
		kind := bd.kind
		if kind == KindClause {
			if definitionsHeading(bd.heading) {
				kind = KindDefinition
			} else if kind == KindClause && bd.parent >= 0 && clauses[bd.parent].Kind == KindDefinition {
				kind = KindDefinition
			}
		}
		parent := ""
		if bd.parent >= 0 {
			parent = clauses[bd.parent].ID
		}
		clauses[i] = Clause{
			ID:      "c" + strconv.Itoa(i+1),
			Number:  bd.number,
			Heading: bd.heading,
			Level:   bd.level,
			Parent:  parent,
			Kind:    kind,
			Span:    Span{Start: bd.pos, End: end},
		}
	}
	s.doc.Clauses = clauses
}

// autoHeading finds the heading of a labelled clause in blk.Text[from:limit]: the
// bold lead of a Word paragraph, the whole rest when it is a short title
// ("1. Subject and Scope of Agreement"), or a run-in heading ("Term. This ...").
func autoHeading(blk *Block, start, from, limit int) string {
	t := blk.Text
	from = skipSeparators(t, from)
	if from >= limit {
		return ""
	}
	if n := blk.LeadEmphasis; n > from && start == 0 && leadEnds(t, n) {
		if h, ok := leadHeading(t[from:min(n, limit)]); ok {
			return h
		}
	}
	rest := strings.TrimRight(t[from:limit], " ")
	if headingish(rest) && (!strings.HasSuffix(rest, ".") || titled(rest)) {
		return cleanHeading(rest)
	}
	if e := runinEnd(rest); e > 0 && e+1 < len(rest) && headingish(rest[:e]) {
		return cleanHeading(rest[:e])
	}
	if e := headBeforeSentence(rest, false); e > 0 {
		return cleanHeading(rest[:e])
	}
	if e := capsBeforeSentence(rest); e > 0 {
		return cleanHeading(rest[:e])
	}
	return ""
}

// titled reports whether every word of h is capitalised or a short function word.
func titled(h string) bool {
	for i, w := range strings.Fields(h) {
		if !titleWord(strings.Trim(w, "\"'“”‘’()[],.:"), i == 0) {
			return false
		}
	}
	return true
}

// capsBeforeSentence returns the length of an all-caps heading that runs into its
// first sentence ("INTRODUCTION This Agreement ...", "DEFINITIONS "Server" means"),
// or 0.
func capsBeforeSentence(t string) int {
	k := 0
	for n := 0; n < 10 && k < len(t); n++ {
		ws := k
		for k < len(t) && t[k] != ' ' {
			k++
		}
		w := t[ws:k]
		if !capsWord(w) || strings.ContainsAny(w, ",;") {
			if n == 0 || !(sentenceStarter(w) || w[0] == '"' || strings.HasPrefix(w, "“")) {
				return 0
			}
			if letters(t[:ws]) < 3 {
				return 0
			}
			return ws - 1
		}
		k++
	}
	return 0
}

// headBeforeSentence returns the length of a title-case heading that runs into
// its first sentence without punctuation ("Term The term of this Agreement ..."),
// or 0: up to eight capitalised words followed by a word that opens sentences and
// then a lower-case word.
func headBeforeSentence(t string, caps bool) int {
	k := 0
	for n := 0; n < 9 && k < len(t); n++ {
		ws := k
		for k < len(t) && t[k] != ' ' {
			k++
		}
		w := t[ws:k]
		if n > 0 && ((sentenceStarter(w) && (nextLower(t, k) || determiner(w))) || (caps && capsWord(w) && letters(w) >= 2 && nextLower(t, k))) {
			// "Term The term of ...", "Warranties and Indemnification SIC represents ..."
			if headingish(t[:ws-1]) && !smallWord(lastWord(t[:ws-1])) {
				return ws - 1
			}
			return 0
		}
		if !titleWord(strings.Trim(w, "\"'“”‘’()"), n == 0) || strings.ContainsAny(w, ".:;,") {
			return 0
		}
		k++
	}
	return 0
}

// determiner reports whether w is a capitalised determiner that opens a sentence
// about a defined term ("This Agreement", "Each Party").
func determiner(w string) bool {
	switch w {
	case "This", "The", "Each", "Either", "Neither", "All", "Any", "No":
		return true
	}
	return false
}

// nextLower reports whether the word after offset k (a space) starts with a
// lower-case letter.
func nextLower(t string, k int) bool {
	return k+1 < len(t) && t[k] == ' ' && isLower(t[k+1])
}

// sentenceStarter reports whether w often opens a sentence in a contract.
func sentenceStarter(w string) bool {
	switch w {
	case "The", "This", "Each", "Either", "Neither", "All", "Any", "In", "If", "Subject", "Upon", "No", "Notwithstanding",
		"Unless", "Except", "During", "Nothing", "Within", "Without", "Such", "Where", "When", "At", "On", "Following":
		return true
	}
	return false
}

// leadEnds reports whether an emphasised lead of n bytes ends at a word boundary
// or on punctuation.
func leadEnds(t string, n int) bool {
	return n >= len(t) || t[n] == ' ' || strings.ContainsRune(".:-)", rune(t[n-1]))
}

// leadHeading returns the heading in an emphasised lead ("Term." or "5. Term:").
func leadHeading(lead string) (string, bool) {
	lead = strings.TrimSpace(lead)
	if l, ok := parseLabel(lead, 0); ok {
		lead = strings.TrimSpace(lead[skipSeparators(lead, l.end):])
	}
	if lead == "" || !headingish(lead) {
		return "", false
	}
	return cleanHeading(lead), true
}

// runinEnd returns the length of the run-in heading at the start of t, ending at
// the first ". " or ": " that is not an abbreviation, or 0.
func runinEnd(t string) int {
	for i := 0; i < len(t) && i < 150; i++ {
		if (t[i] == '.' || t[i] == ':') && (i+1 == len(t) || t[i+1] == ' ') {
			if t[i] == '.' && abbreviation(lastWord(t[:i])) {
				continue
			}
			return i
		}
	}
	return 0
}

// skipSeparators skips spaces, colons and dashes after a label.
func skipSeparators(t string, i int) int {
	for i < len(t) {
		switch {
		case t[i] == ' ' || t[i] == ':' || t[i] == '-' || t[i] == '.':
			i++
		case strings.HasPrefix(t[i:], "–") || strings.HasPrefix(t[i:], "—"):
			i += 3
		default:
			return i
		}
	}
	return i
}

// cleanHeading trims spaces and trailing periods, colons and dashes.
func cleanHeading(h string) string {
	for len(h) > 0 && (h[0] == ' ' || h[0] == '\t') {
		h = h[1:]
	}
	for len(h) > 0 {
		switch c := h[len(h)-1]; {
		case c == '.' || c == ':' || c == ';' || c == ',' || c == '-' || c == ' ':
			h = h[:len(h)-1]
		case strings.HasSuffix(h, "–") || strings.HasSuffix(h, "—"):
			h = h[:len(h)-3]
		default:
			return h
		}
	}
	return h
}

// trimPunct trims quotes, brackets and punctuation around a word.
func trimPunct(w string) string {
	for len(w) > 0 {
		r, n := utf8.DecodeRuneInString(w)
		if !isPunct(r) {
			break
		}
		w = w[n:]
	}
	for len(w) > 0 {
		r, n := utf8.DecodeLastRuneInString(w)
		if !isPunct(r) {
			break
		}
		w = w[:len(w)-n]
	}
	return w
}

func isPunct(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '(', ')', '[', ']', ',', '.', ':', '-':
		return true
	}
	return false
}

// definitionsHeading reports whether a heading names a definitions clause.
func definitionsHeading(h string) bool {
	if h == "" {
		return false
	}
	l := strings.ToLower(h)
	return strings.Contains(l, "definition") || strings.HasPrefix(l, "interpretation") ||
		strings.HasPrefix(l, "defined terms") || strings.HasPrefix(l, "construction and interpretation")
}

// ---- label parsing ----

// parseLabel reads a typed label at offset i of t: a decimal number ("1.",
// "1.1", "1.1.1", "1.1(a)", "1)"), a parenthesised letter, numeral or number
// ("(a)", "(A)", "(iv)", "(1)"), a letter or numeral with a period ("a.", "A.",
// "iv.", "IV."), or a keyword label ("Section 5.2", "§ 5", "ARTICLE IV",
// "Article 4"). The label must be followed by a space, a colon or the end of t.
func parseLabel(t string, i int) (label, bool) {
	var l label
	if i >= len(t) {
		return l, false
	}
	ok := false
	switch c := t[i]; {
	case c == '(':
		ok = parseParen(&l, t, i+1, true)
		if ok {
			l.number = t[i:l.end]
		}
	case isDigit(c):
		ok = parseDecimal(&l, t, i)
	case c == 0xC2 && strings.HasPrefix(t[i:], "§"):
		j := i + 2
		if j < len(t) && t[j] == ' ' {
			j++
		}
		if j < len(t) && isDigit(t[j]) && parseDecimal(&l, t, j) && l.st == styleDecimal {
			l.keyword, l.bare, ok = true, false, true
		}
	case isUpper(c):
		if j := keyword(t, i, "article"); j > 0 {
			ok = parseArticle(&l, t, i, j)
			break
		}
		if j := keyword(t, i, "item"); j > 0 && j < len(t) && isUpper(t[j]) && numberWordPrefix(t[j:]) {
			ok = parseArticle(&l, t, i, j) // "Item Four" in translated contracts
			break
		}
		j := keyword(t, i, "section")
		if j < 0 {
			j = keyword(t, i, "clause")
		}
		if j > 0 {
			if j < len(t) && isDigit(t[j]) && parseDecimal(&l, t, j) && l.st == styleDecimal {
				l.keyword, l.bare, ok = true, false, true
			}
			break
		}
		ok = parseLetters(&l, t, i)
	case isLower(c):
		ok = parseLetters(&l, t, i)
	}
	if !ok || l.end > len(t) {
		return label{}, false
	}
	if e := l.end; e < len(t) && t[e] != ' ' && t[e] != ':' && !(t[e-1] == ')' && isUpper(t[e])) &&
		!(t[e-1] == '.' && e+1 < len(t) && isUpper(t[e]) && isLower(t[e+1])) {
		return label{}, false // "(A)The Parties" and "a.As of" are accepted, "1.5million" is not
	}
	return l, true
}

// keyword matches word (lower case) at t[i:] written in title or upper case and
// followed by a space, returning the offset after the space or -1.
func keyword(t string, i int, word string) int {
	j := i + len(word)
	if j >= len(t) || t[j] != ' ' || !strings.EqualFold(t[i:j], word) {
		return -1
	}
	if !isUpper(t[i+1]) && t[i+1:j] != word[1:] {
		return -1
	}
	return j + 1
}

// parseDecimal reads "1", "1.", "1.1", "1.1.", "1.1(a)", "1)" at t[i:].
func parseDecimal(l *label, t string, i int) bool {
	k, n := i, 0
	var comps [maxDepth]int
	for {
		j := k
		for k < len(t) && isDigit(t[k]) && k-j < 4 {
			k++
		}
		if k-j == 0 || k-j > 3 || (k < len(t) && isDigit(t[k])) {
			return false
		}
		v, _ := strconv.Atoi(t[j:k])
		if n == maxDepth {
			return false
		}
		comps[n] = v
		n++
		if k+1 < len(t) && t[k] == '.' && isDigit(t[k+1]) {
			k++
			continue
		}
		if n < maxDepth && k+2 < len(t) && t[k] == '.' && isUpper(t[k+1]) && (t[k+2] == '.' || t[k+2] == ' ') {
			// "1.A." as in franchise agreements: the letter is the last component.
			comps[n] = int(t[k+1]-'A') + 1
			n++
			k += 2
		}
		break
	}
	if comps[0] == 0 {
		return false
	}
	depth := n
	for depth > 1 && comps[depth-1] == 0 {
		depth--
	}
	for _, c := range comps[:depth] {
		if c == 0 {
			return false
		}
	}
	l.st, l.dec, l.depth, l.written = styleDecimal, comps, depth, n
	spaced := false
	switch {
	case k < len(t) && t[k] == '.':
		k++
	case k+1 < len(t) && t[k] == ' ' && t[k+1] == '.' && (k+2 == len(t) || t[k+2] == ' '):
		k += 2 // "2 . Broker Dealer represents ..."
		spaced = true
	case k < len(t) && t[k] == ')' && n == 1:
		l.st, l.val = styleParenDigit, comps[0]
		k++
	case k < len(t) && t[k] == '(' && n > 1:
		var sub label
		if !parseParen(&sub, t, k+1, true) || sub.st == styleParenDigit {
			return false
		}
		l.st, l.val, l.alt, l.altVal = sub.st, sub.val, sub.alt, sub.altVal
		k = sub.end
	case n == 1:
		l.bare = true
	}
	l.end = k
	l.number = t[i:k]
	if spaced {
		l.number = t[i:k-2] + "."
	}
	return true
}

// parseParen reads "a)", "iv)", "1)" at t[i:], after an opening parenthesis when
// open is set.
func parseParen(l *label, t string, i int, open bool) bool {
	k := i
	for k < len(t) && k-i < 6 && (isLetter(t[k]) || isDigit(t[k])) {
		k++
	}
	if k == i || k >= len(t) || t[k] != ')' {
		return false
	}
	tok := t[i:k]
	l.end = k + 1
	if isDigit(tok[0]) {
		v, err := strconv.Atoi(tok)
		if err != nil || v == 0 || len(tok) > 3 {
			return false
		}
		l.st, l.val = styleParenDigit, v
		return true
	}
	return letterStyles(l, tok, styleParenLower, styleParenUpper, styleParenRomanL, styleParenRomanU)
}

// parseLetters reads "a.", "A.", "iv.", "IV.", "a)", "iv)" at t[i:].
func parseLetters(l *label, t string, i int) bool {
	k := i
	for k < len(t) && k-i < 6 && isLetter(t[k]) {
		k++
	}
	if k == i || k >= len(t) {
		return false
	}
	tok := t[i:k]
	switch t[k] {
	case '.':
		l.end = k + 1
		if !letterStyles(l, tok, styleDotLower, styleDotUpper, styleDotRomanL, styleDotRomanU) {
			return false
		}
	case ')':
		l.end = k + 1
		if !letterStyles(l, tok, styleParenLower, styleParenUpper, styleParenRomanL, styleParenRomanU) {
			return false
		}
	default:
		return false
	}
	l.number = t[i:l.end]
	return true
}

// letterStyles sets the readings of a letter token: a letter ("a", "aa") and/or a
// roman numeral ("iv").
func letterStyles(l *label, tok string, lower, upper, romanL, romanU style) bool {
	up := isUpper(tok[0])
	for i := 0; i < len(tok); i++ {
		if isUpper(tok[i]) != up || !isLetter(tok[i]) {
			return false
		}
	}
	letter, roman := lower, romanL
	if up {
		letter, roman = upper, romanU
	}
	a := alphaValue(tok)
	r := romanValue(tok)
	switch {
	case a > 0 && r > 0:
		l.st, l.val, l.alt, l.altVal = letter, a, roman, r
	case a > 0:
		l.st, l.val = letter, a
	case r > 0:
		l.st, l.val = roman, r
	default:
		return false
	}
	return true
}

// parseArticle reads the number after "ARTICLE " at t[j:]: a roman numeral, a
// number or a number word, optionally followed by a period.
func parseArticle(l *label, t string, i, j int) bool {
	k := j
	for k < len(t) && (isLetter(t[k]) || isDigit(t[k])) {
		k++
	}
	tok := t[j:k]
	if tok == "" {
		return false
	}
	v := 0
	switch {
	case isDigit(tok[0]):
		n, err := strconv.Atoi(tok)
		if err != nil || n == 0 || n > 999 {
			return false
		}
		v = n
	default:
		if v = romanValue(tok); v == 0 {
			v = numberWord(tok)
		}
	}
	if v == 0 {
		return false
	}
	l.st, l.val, l.keyword = styleArticle, v, true
	l.number = t[i:k]
	if k < len(t) && (t[k] == '.' || t[k] == ':') {
		k++
	}
	l.end = k
	return true
}

// followKind is what follows a label.
type followKind uint8

const (
	fEnd   followKind = iota // end of the block
	fUpper                   // a capital letter, quote, bracket or another label
	fLower                   // a lower-case letter
	fOther                   // anything else
)

// followOf classifies the text after a label ending at e.
func followOf(t string, e int) followKind {
	if e < len(t) && t[e] == ':' {
		e++
	}
	e = skipSeparators(t, e)
	if e >= len(t) {
		return fEnd
	}
	r, _ := utf8.DecodeRuneInString(t[e:])
	switch {
	case unicode.IsUpper(r), r == '"', r == '“', r == '‘', r == '\'', r == '[', r == '«':
		return fUpper
	case r == '(':
		if _, ok := parseLabel(t, e); ok {
			return fUpper
		}
		return fOther
	case unicode.IsLower(r):
		return fLower
	case isDigit(t[e]):
		if _, ok := parseLabel(t, e); ok {
			return fUpper
		}
	}
	return fOther
}

// strengthAt classifies position i (just after a space) of t as a segment start.
func strengthAt(t string, i, chain int) strength {
	if i == 0 {
		return bStart
	}
	if i < 2 || t[i-1] != ' ' {
		return bNone
	}
	if i == chain {
		return bStrong
	}
	p := i - 2
	switch t[p] {
	case ';', ':', '!', '?', '"', ')', '\'':
		return bStrong
	case '.':
		if !abbreviation(lastWord(t[:p])) {
			return bStrong
		}
		return bWeak // "Acme Inc. WHEREAS", but not "Mr. A. Smith"
	}
	if r, _ := utf8.DecodeLastRuneInString(t[:p+1]); r == '”' || r == '’' || r == '»' {
		return bStrong
	}
	if c := t[p]; (c == '*' || c == '_' || c == '=' || c == '-') && p > 0 && t[p-1] == c {
		return bStrong // after a rule of "*****" or "_____"
	}
	w := lastWord(t[:p+1])
	if w != "" && isUpper(w[0]) && isLetter(w[len(w)-1]) && !referenceWord(w) {
		return bWeak
	}
	return bNone
}

// lastWord returns the word at the end of t (at most 40 bytes).
func lastWord(t string) string {
	i := len(t)
	for i > 0 && t[i-1] != ' ' && len(t)-i < 40 {
		i--
	}
	return t[i:]
}

// ---- headings and keywords ----

// matchWitness matches "IN WITNESS WHEREOF" (or THEREOF) at t[i:].
func matchWitness(t string, i int) int {
	if t[i] != 'I' || len(t)-i < 17 {
		return -1
	}
	for _, w := range [...]string{"in witness whereof", "in witness thereof"} {
		if len(t)-i >= len(w) && strings.EqualFold(t[i:i+len(w)], w) {
			return i + len(w)
		}
	}
	return -1
}

// matchSignLine matches the start of a signature block at t[i:]: "By:",
// "Signature:", "AGREED AND ACCEPTED".
func matchSignLine(t string, i int) int {
	switch t[i] {
	case 'B', 'S', 'A', 'V', 'Y':
	default:
		return -1
	}
	for _, w := range [...]string{"By:", "BY:", "By :", "Signature:", "SIGNATURE:", "AGREED AND ACCEPTED", "ACCEPTED AND AGREED",
		"AGREED TO AND ACCEPTED", "AGREED:", "ACCEPTED:", "AGREED TO BY", "ACKNOWLEDGED AND AGREED", "AGREED AND ACKNOWLEDGED",
		"Accepted and agreed", "Agreed and accepted", "Very truly yours", "Sincerely", "Yours sincerely", "Yours faithfully", "Yours truly"} {
		if strings.HasPrefix(t[i:], w) {
			e := i + len(w)
			if e == len(t) || t[e] == ' ' || t[e] == '_' || t[e] == ':' || t[e] == ',' {
				return e
			}
		}
	}
	return -1
}

// byLine reports whether t opens with a "By:" signature line.
func byLine(t string) bool {
	return t != "" && (t[0] == 'B' || t[0] == 'b') && matchSignLine(t, 0) > 0
}

// partyBlock reports whether block b is the name of a signing party over a
// "By:" line: a short line in capitals or naming a company ("ACME INC., a
// Delaware corporation", "[PARTY NAME]"), not a field ("Name: ...").
func (s *segmenter) partyBlock(b int) bool {
	t := s.doc.Blocks[b].Text
	if len(t) > 150 || wordCount(t, 13) > 12 || (!isUpper(t[0]) && t[0] != '[') || strings.Contains(t, ": ") || strings.HasSuffix(t, ":") {
		return false
	}
	first := t
	if k := strings.IndexByte(t, ' '); k > 0 {
		first = t[:k]
	}
	if first = strings.Trim(first, "[],"); !partyLine(strings.ToUpper(t)) && (letters(first) < 2 || !capsWord(first)) {
		return false
	}
	for n := b + 1; n < len(s.doc.Blocks) && n <= b+2; n++ {
		if next := s.doc.Blocks[n].Text; next != "" {
			return byLine(next)
		}
	}
	return false
}

// matchClosing reports whether t is the complimentary close of a letter.
func matchClosing(t string) bool {
	for _, w := range [...]string{"Very truly yours", "Sincerely", "Yours sincerely", "Yours faithfully", "Yours truly"} {
		if strings.HasPrefix(t, w) {
			return true
		}
	}
	return false
}

// matchExhibit matches an exhibit heading at t[i:] ("EXHIBIT A", "Schedule 1 -
// Fees", "ANNEX II") and returns the end of what it matched and the heading. In
// running text the keyword must be in capitals and not followed by a lower-case
// word ("Exhibit A to the Services Agreement" is a reference).
func matchExhibit(t string, i int, str strength) (int, string) {
	if str == bNone || (t[i] != 'E' && t[i] != 'S' && t[i] != 'A') {
		return -1, ""
	}
	kw := -1
	for _, w := range [...]string{"exhibit", "schedule", "annex", "appendix", "attachment", "addendum"} {
		if j := i + len(w); j < len(t) && t[j] == ' ' && strings.EqualFold(t[i:j], w) {
			kw = j
			break
		}
	}
	if kw < 0 {
		return -1, ""
	}
	caps := isUpper(t[kw-1])
	if !caps && str != bStart {
		return -1, ""
	}
	if str == bWeak {
		var buf [8]byte
		switch string(fold(lastWord(t[:i-1]), buf[:0])) {
		case "this", "the", "in", "to", "of", "and", "or", "such", "any", "each", "said", "under", "per", "as", "see", "with", "on", "by", "hereto", "that":
			return -1, "" // "THIS SCHEDULE 1" in a sentence in capitals
		}
	}
	// The identifier: "A", "1", "A-1", "10.1", "'B'", "IV".
	j := kw + 1
	k := j
	for k < len(t) && t[k] != ' ' && k-j < 10 {
		k++
	}
	id := strings.Trim(t[j:k], "\"'‘’“”.:,")
	if !exhibitID(id) || (str != bStart && (t[k-1] == ',' || t[k-1] == ';')) {
		return -1, ""
	}
	if (t[i] == 'E' || t[i] == 'e') && strings.IndexByte(id, '.') >= 0 && isDigit(id[0]) {
		return -1, "" // "Exhibit 10.1" is the label of the filing, not of the contract
	}
	words := wordCount(t[i:], 13)
	if k < len(t) {
		r, _ := utf8.DecodeRuneInString(t[k+1:])
		if unicode.IsLower(r) {
			return -1, ""
		}
		if str == bStart && !caps && words > 12 && !(r == '-' || r == '–' || r == '—' || r == ':' || unicode.IsUpper(r) || r == '"' || r == '“') {
			return -1, ""
		}
	}
	if str == bStart && words <= 12 {
		return len(t), t[i:]
	}
	// In running text the heading is the keyword, the identifier and the capitals after it.
	e := k
	for n := 0; n < 12 && e < len(t); n++ {
		w := e + 1
		x := w
		for x < len(t) && t[x] != ' ' {
			x++
		}
		word := t[w:x]
		if !capsWord(word) && word != "-" && word != "–" && word != "—" {
			break
		}
		if _, ok := parseLabel(t, w); ok {
			break
		}
		e = x
	}
	return e, t[i:e]
}

// inlineExhibit matches an exhibit heading in running text after the last
// numbered clause of the body: after a sentence end, the keyword in title case
// and a capitalised identifier or caption ("... Accept. Appendix List of
// Restricted Trademark Terms ..."). It returns the end of the heading (the
// keyword, the identifier and at most five words of the caption) and the heading.
// References ("as set out in Appendix A", "the Appendix") have no sentence end
// before them.
func (s *segmenter) inlineExhibit(b, i int) (int, string) {
	t := s.doc.Blocks[b].Text
	if s.lastDecN == 0 || i < 2 || t[i-2] != '.' || abbreviation(lastWord(t[:i-2])) || (t[i] != 'A' && t[i] != 'E' && t[i] != 'S') {
		return -1, ""
	}
	kw := -1
	for _, w := range [...]string{"Appendix", "Exhibit", "Schedule", "Annex", "Attachment"} {
		if strings.HasPrefix(t[i:], w+" ") {
			kw = i + len(w)
			break
		}
	}
	if kw < 0 {
		return -1, ""
	}
	e, words, id := kw, 0, false
	for words < 5 && e < len(t) && t[e] == ' ' {
		w := e + 1
		x := w
		for x < len(t) && t[x] != ' ' {
			x++
		}
		word := strings.Trim(t[w:x], "\"'‘’“”:")
		first := words == 0 && !id
		switch {
		case first && e == kw && exhibitID(word) && (isDigit(word[0]) || capsWord(word)) && len(word) <= 4:
			id = true
		case word == "" || !titleWord(word, first) || ((first || id && words == 0) && !isUpper(word[0])):
			x = -1
		default:
			words++
		}
		if x < 0 {
			break
		}
		e = x
	}
	if !id && words < 2 {
		return -1, ""
	}
	if id && words == 0 && e < len(t) && !isUpper(t[skipSeparators(t, e)]) {
		return -1, "" // "Schedule 3.4 of the Disclosure Schedule sets forth ..."
	}
	for e > kw { // the caption does not end in "of", "and", ...
		k := strings.LastIndexByte(t[:e], ' ')
		if k < kw || !smallWord(t[k+1:e]) {
			break
		}
		e = k
	}
	if s.laterLabel(b, e, s.lastDec[0]+1) {
		return -1, "" // numbered clauses follow: a heading in the body, not an exhibit
	}
	return e, strings.TrimRight(t[i:e], ".:")
}

// laterLabel reports whether the top-level number n is written as a label
// ("24." or "24 ") at the start of a block or after a space, from offset from
// of block b to the end of the document.
func (s *segmenter) laterLabel(b, from, n int) bool {
	num := strconv.Itoa(n)
	for ; b < len(s.doc.Blocks); b++ {
		t := s.doc.Blocks[b].Text
		for k := from; k < len(t); {
			j := strings.Index(t[k:], num)
			if j < 0 {
				break
			}
			j += k
			e := j + len(num)
			if (j == 0 || t[j-1] == ' ') && e < len(t) && (t[e] == '.' || t[e] == ' ') {
				return true
			}
			k = e
		}
		from = 0
	}
	return false
}

func exhibitID(id string) bool {
	if id == "" || len(id) > 6 {
		return false
	}
	digits, letters := 0, 0
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case isDigit(c):
			digits++
		case isLetter(c):
			letters++
		case c == '-' || c == '.':
		default:
			return false
		}
	}
	return digits > 0 || letters <= 2 || romanValue(id) > 0
}

// matchRecitals matches a recitals heading at t[i:]: RECITALS, BACKGROUND,
// WITNESSETH (also letter-spaced), PRELIMINARY STATEMENT(S).
func matchRecitals(t string, i int, str strength) int {
	for _, w := range [...]string{"RECITALS", "Recitals", "BACKGROUND", "Background", "WITNESSETH", "Witnesseth", "PRELIMINARY STATEMENTS", "PRELIMINARY STATEMENT"} {
		if !strings.HasPrefix(t[i:], w) || (str != bStart && !isUpper(w[1])) || (str == bWeak && t[i-2] != '.') {
			continue
		}
		e := i + len(w)
		if e < len(t) && t[e] == ':' {
			e++
		}
		if e == len(t) || t[e] == ' ' {
			return e
		}
	}
	for _, w := range [...]string{"WITNESSETH", "RECITALS", "Witnesseth", "Recitals"} {
		// Letter-spaced: "W I T N E S S E T H:".
		k := i
		for n := 0; n < len(w); n++ {
			if k >= len(t) || t[k] != w[n] {
				k = -1
				break
			}
			k++
			if n < len(w)-1 && k < len(t) && t[k] == ' ' {
				k++
			}
		}
		if k > i+len(w) {
			if k < len(t) && t[k] == ':' {
				k++
			}
			if k == len(t) || t[k] == ' ' {
				return k
			}
		}
	}
	return -1
}

// matchWhereas matches a recital opening "WHEREAS" (or "Whereas" at the start of
// a block).
func matchWhereas(t string, i int, str strength) int {
	if str == bWeak && (i < 2 || t[i-2] != '.') {
		return -1
	}
	w := "WHEREAS"
	if strings.HasPrefix(t[i:], "Whereas") && (str == bStart || strings.HasPrefix(t[i:], "Whereas,")) {
		w = "Whereas"
	}
	if !strings.HasPrefix(t[i:], w) {
		return -1
	}
	e := i + len(w)
	if e == len(t) || t[e] == ' ' || t[e] == ',' || t[e] == ':' {
		return e
	}
	return -1
}

// recitalsWord reports whether a heading is a recitals heading.
func recitalsWord(h string) bool {
	return matchRecitals(h, 0, bStart) == len(h) && h != ""
}

// endsFront reports whether a front-matter block ends the recitals or preamble:
// "NOW, THEREFORE, ..." or "... agree as follows:".
func endsFront(t string) bool {
	return frontEnd(t) >= 0
}

// frontEnd returns the offset of the first words in t that end the front matter,
// or -1.
func frontEnd(t string) int {
	at := -1
	for _, w := range [...]string{"NOW, THEREFORE", "NOW THEREFORE", "Now, therefore", "Now, Therefore", "Now Therefore", "agree as follows", "AGREE AS FOLLOWS", "agreed as follows", "as follows:"} {
		if i := strings.Index(t, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

// runin recognises a run-in heading at t[i:] ending with "." or ":" and followed
// by a capital: "NATURE OF ENGAGEMENT: Customer ..." (caps) or, when caps is
// false, "Governing Law. This ..." (title case). It returns the offset after the
// heading's punctuation and the heading.
func runin(t string, i int, caps bool) (int, string) {
	if !isUpper(t[i]) {
		return -1, ""
	}
	k := i
	for words := 1; words <= 8; words++ {
		ws := k
		for k < len(t) && t[k] != ' ' {
			k++
		}
		word := t[ws:k]
		last := word[len(word)-1]
		core := word
		if last == '.' || last == ':' {
			core = word[:len(word)-1]
		}
		if core == "" || strings.ContainsAny(core, ",;") {
			return -1, ""
		}
		if caps && !capsWord(core) {
			return -1, ""
		}
		if !caps && !titleWord(core, words == 1) {
			return -1, ""
		}
		if last == '.' || last == ':' {
			if last == '.' && abbreviation(core) {
				if k >= len(t) {
					return -1, ""
				}
				k++
				continue
			}
			head := t[i : k-1]
			if k+1 >= len(t) || t[k] != ' ' || notHeading(head) || letters(head) < 3 {
				return -1, ""
			}
			r, _ := utf8.DecodeRuneInString(t[k+1:])
			if !unicode.IsUpper(r) && r != '"' && r != '“' && r != '(' && !isDigit(t[k+1]) {
				return -1, ""
			}
			if !caps && words == 1 && len(head) < 4 {
				return -1, ""
			}
			next := t[k+1:]
			if sp := strings.IndexByte(next, ' '); sp >= 0 {
				next = next[:sp]
			}
			if caps && words > 3 && capsWord(next) {
				return -1, "" // more capitals: a sentence in capitals, not a heading
			}
			return k, head
		}
		if k >= len(t) {
			return -1, ""
		}
		k++
	}
	return -1, ""
}

// notHeading rejects run-in headings that are form fields, salutations or
// sentences.
func notHeading(h string) bool {
	switch strings.ToLower(h) {
	case "by", "name", "title", "date", "dated", "address", "attn", "attention", "fax", "facsimile", "tel",
		"telephone", "phone", "email", "e-mail", "to", "from", "re", "cc", "its", "signature", "witness",
		"note", "copy", "copies", "with a copy to", "print name", "printed name", "dear sir", "dear sirs",
		"dear madam", "source", "gentlemen", "ladies and gentlemen", "dear", "whereas", "provided", "now", "therefore",
		"now therefore", "in witness whereof", "agreed", "accepted", "exhibit", "schedule", "annex", "appendix",
		"and", "between", "by and between", "by and among", "among", "or", "with", "for", "of", "on the one part",
		"on the other part", "party", "parties", "the parties":
		return true
	}
	var buf [24]byte
	for _, w := range strings.Fields(h) {
		if verbWord(fold(strings.Trim(w, "\"'()"), buf[:0])) {
			return true
		}
	}
	return false
}

// definition recognises a definition opening at t[i:]: a quoted term followed by
// "means", "shall mean", "has the meaning" and the like. It returns the offset
// after the term and the term.
func definition(t string, i int) (int, string) {
	open, n := utf8.DecodeRuneInString(t[i:])
	if open != '"' && open != '“' {
		return -1, ""
	}
	j := i + n
	k := j
	for k < len(t) && k-j < 100 && t[k] != '"' && !strings.HasPrefix(t[k:], "”") {
		k++
	}
	if k >= len(t) || k == j || k-j >= 100 {
		return -1, ""
	}
	term := t[j:k]
	r, _ := utf8.DecodeRuneInString(term)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return -1, ""
	}
	_, n = utf8.DecodeRuneInString(t[k:])
	e := k + n
	rest := t[e:min(len(t), e+100)]
	for _, w := range [...]string{" means", " shall mean", " mean ", " has the meaning", " shall have the meaning",
		" have the meaning", " is defined", " refers to", " includes", " shall include"} {
		x := strings.Index(rest, w)
		if x < 0 {
			continue
		}
		// Other names may come between: "Affiliate" or "Affiliates" means ...
		if gap := rest[:x]; x == 0 || (strings.ContainsAny(gap, "\"“”") && !strings.ContainsAny(gap, ".;")) {
			return e, term
		}
	}
	return -1, ""
}

// bullet returns the length of a bullet glyph that opens t and is followed by a
// space and more text, or 0.
func bullet(t string) int {
	r, n := utf8.DecodeRuneInString(t)
	switch r {
	case '•', '·', '▪', '◦', '●', '○', '■', '□', '➢', '►', '‣', '⁃', '✓', '-', '*', '–', '—', 'o', '§', '\uF0B7', '\uF0A7', '\uF0D8':
	default:
		return 0
	}
	if n+1 >= len(t) || t[n] != ' ' || (r == 'o' && !isUpper(t[n+1])) || (r == '§' && isDigit(t[n+1])) {
		return 0
	}
	return n
}

// capsLine reports whether block text t is an all-caps heading line: at most 12
// words, at least three letters, no lower-case letters, not starting with a
// digit and not ending with a comma.
func capsLine(t string) bool {
	if len(t) > 150 || !isUpper(t[0]) && t[0] != '[' {
		return false
	}
	if t[len(t)-1] == ',' || wordCount(t, 13) > 12 || letters(t) < 3 || strings.Contains(t, ": ") {
		return false // "TERM: 12 MONTHS" is a field, not a heading
	}
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
	}
	return !notHeading(cleanHeading(strings.Trim(t, "[]*")))
}

// titleHeading reports whether block text t is a heading line in title case
// ("Change Management"): at most eight words, no digits, commas or closing
// period, every word capitalised or a short function word.
func titleHeading(t string) bool {
	if len(t) > 80 || strings.ContainsAny(t, "0123456789,;") || strings.HasSuffix(t, ".") || wordCount(t, 9) > 8 || !isUpper(t[0]) {
		return false
	}
	h := cleanHeading(t)
	if letters(h) < 4 || notHeading(h) {
		return false
	}
	for i, w := range strings.Fields(h) {
		if !titleWord(strings.Trim(w, "\"'“”‘’()[]"), i == 0) {
			return false
		}
	}
	return headingish(h)
}

// partyLine reports whether an all-caps line names a party ("ACME, INC.").
func partyLine(t string) bool {
	for _, w := range [...]string{"INC", "LLC", "L.L.C", "LTD", "LIMITED", "CORPORATION", "CORP", "COMPANY", "L.P", "LP", "LLP", "N.A", "S.A",
		"GMBH", "PLC", "B.V", "AG", "TRUST", "FUND", "PARTNERS", "HOLDINGS"} {
		if i := strings.Index(t, w); i >= 0 {
			e := i + len(w)
			if (i == 0 || !isLetter(t[i-1])) && (e == len(t) || !isLetter(t[e])) {
				return true
			}
		}
	}
	return false
}

// preambleText reports whether t reads like the opening of an agreement: it names
// the parties or the date ("made", "entered into", "between", "dated").
func preambleText(t string) bool {
	t = t[:min(len(t), 800)]
	for _, w := range [...]string{"between", "BETWEEN", "Between", "among", "AMONG", "entered into", "ENTERED INTO",
		"made", "MADE", "dated", "DATED", "Dated", "effective as of", "EFFECTIVE AS OF", "by and", "BY AND", "Dear ", "This Agreement", "THIS AGREEMENT",
		"incorporated under", "organized under", "organised under", "existing under"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// legend reports whether t is a filing legend before the title ("CONFIDENTIAL
// TREATMENT REQUESTED ... portions have been omitted").
func legend(t string) bool {
	if wordCount(t, 81) > 80 {
		return false
	}
	h := strings.ToLower(t[:min(len(t), 300)])
	return strings.Contains(h, "confidential treatment") || strings.Contains(h, "been omitted") ||
		strings.Contains(h, "redacted") || strings.Contains(h, "table of contents") ||
		strings.HasPrefix(h, "contents") || strings.Contains(h, "contents clause page")
}

// legendEnd returns the end of a filing legend that opens a long block ("Confidential
// treatment has been requested ... as amended. "), or 0.
func legendEnd(t string) int {
	h := strings.ToLower(t[:min(len(t), 200)])
	if !strings.Contains(h, "confidential treatment") && !strings.Contains(h, "omitted") && !strings.Contains(h, "redacted") {
		return 0
	}
	for i := 0; i+1 < len(t) && i < 800; i++ {
		if t[i] == '.' && t[i+1] == ' ' && !abbreviation(lastWord(t[:i])) && i > 40 {
			return i + 2
		}
	}
	return 0
}

// titleLine reports whether a block before the preamble is part of the title: a
// short line that is not a sentence opening the agreement ("This Agreement ...").
func titleLine(t string) bool {
	if legend(t) {
		return true
	}
	if wordCount(t, 16) > 15 || len(t) > 200 {
		return false
	}
	for _, w := range [...]string{"This ", "THIS ", "These ", "THESE "} {
		if strings.HasPrefix(t, w) {
			return false
		}
	}
	return !sentence(t)
}

// sentence reports whether t ends like a sentence and has at least three words
// in lower case.
func sentence(t string) bool {
	if !strings.ContainsRune(".;:", rune(t[len(t)-1])) {
		return false
	}
	lower, in := 0, false
	for i := 0; i < len(t); i++ {
		if t[i] == ' ' {
			in = false
		} else if !in {
			in = true
			if isLower(t[i]) {
				lower++
			}
		}
	}
	return lower >= 3
}

// leadingTitle returns the end of an all-caps title at the start of a long first
// block ("SECOND AMENDMENT TO SERVICES AGREEMENT This SECOND AMENDMENT ..."), or 0.
func leadingTitle(t string) int {
	k, end, n := 0, 0, 0
	if filingLabel(t) {
		for x := 0; x < 2 && k < len(t); x++ { // keyword and identifier
			for k < len(t) && t[k] != ' ' {
				k++
			}
			if k < len(t) {
				k++
			}
			end, n = k, n+1
		}
	}
	for n < 20 && k < len(t) {
		ws := k
		for k < len(t) && t[k] != ' ' {
			k++
		}
		word := t[ws:k]
		switch word {
		case "THIS", "THESE", "WHEREAS", "WHEREAS,", "RECITALS", "RECITALS:", "WITNESSETH", "WITNESSETH:", "BACKGROUND", "BACKGROUND:":
			return end
		}
		if _, ok := parseLabel(t, ws); ok && (isDigit(word[0]) || word[0] == '(') {
			return end
		}
		if hasLower(word) {
			return end
		}
		if capsWord(word) {
			end = min(k+1, len(t)) // the space stays with the title
		}
		n++
		k++
	}
	return 0
}

// filingLabel reports whether t opens with an exhibit label such as "Exhibit
// 10.2" or "EXHIBIT C", as filed copies of contracts do.
func filingLabel(t string) bool {
	sp := strings.IndexByte(t, ' ')
	if sp <= 0 {
		return false
	}
	switch kw := t[:sp]; {
	case strings.EqualFold(kw, "exhibit"), strings.EqualFold(kw, "schedule"), strings.EqualFold(kw, "annex"):
	default:
		return false
	}
	id := t[sp+1:]
	if e := strings.IndexByte(id, ' '); e >= 0 {
		id = id[:e]
	}
	return exhibitID(strings.Trim(id, "\"'‘’“”.:,"))
}

// headingish reports whether h can be a heading: at most 12 words, no sentence
// inside, no verbs, and written in capitals or title case; a phrase of up to four
// words in sentence case ("Governing law") is accepted too.
func headingish(h string) bool {
	h = cleanHeading(h)
	if h == "" || len(h) > 150 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(h)
	if !unicode.IsUpper(r) || strings.IndexByte(h, ';') >= 0 {
		return false
	}
	var buf [24]byte
	n, nletters, title := 0, 0, true
	first := ""
	for rest := h; rest != ""; {
		var w string
		if sp := strings.IndexByte(rest, ' '); sp >= 0 {
			w, rest = rest[:sp], rest[sp+1:]
		} else {
			w, rest = rest, ""
		}
		if w == "" {
			continue
		}
		if n++; n > 12 {
			return false
		}
		if n == 1 {
			first = w
		}
		if rest != "" && w[len(w)-1] == '.' && !abbreviation(w[:len(w)-1]) {
			return false // a sentence ends inside
		}
		core := trimPunct(w)
		if core == "" {
			continue
		}
		if verbWord(fold(core, buf[:0])) {
			return false
		}
		if title && !titleWord(core, n == 1) {
			title = false
		}
		nletters += letters(core)
	}
	if nletters < 2 {
		return false
	}
	if !title {
		switch first {
		case "That", "These", "Those", "It", "Its", "We", "You", "Our", "Your", "For", "To", "As", "With", "By":
			return false // a sentence, not a heading
		}
		if sentenceStarter(first) {
			return false
		}
	}
	return title || n <= 4
}

// fold appends the ASCII lower case of w to buf, up to its capacity.
func fold(w string, buf []byte) []byte {
	for i := 0; i < len(w) && len(buf) < cap(buf); i++ {
		c := w[i]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// titleWord reports whether w fits a title-case heading: capitalised, a number,
// or (not first) a short function word.
func titleWord(w string, first bool) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) || unicode.IsDigit(r) || !unicode.IsLetter(r) {
		return true
	}
	return !first && smallWord(w)
}

// smallWord reports whether w is a function word that title case leaves in lower
// case ("of", "and", "the").
func smallWord(w string) bool {
	if len(w) > 8 {
		return false
	}
	var buf [8]byte
	switch string(fold(w, buf[:0])) {
	case "a", "an", "the", "of", "and", "or", "to", "for", "in", "on", "by", "with", "at", "from", "upon",
		"under", "as", "vs", "per", "into", "not", "nor", "but", "its", "their", "other", "than", "between",
		"among", "during", "after", "before", "without", "within", "against", "over", "via", "&", "non":
		return true
	}
	return false
}

// verbWord reports whether a lower-case word marks a sentence rather than a heading.
func verbWord(w []byte) bool {
	switch string(w) {
	case "shall", "will", "may", "must", "is", "are", "was", "were", "be", "been", "has", "have", "had",
		"does", "do", "did", "can", "could", "should", "would", "agrees", "agree", "means", "mean",
		"includes", "hereby", "represents", "warrants", "acknowledges", "provides":
		return true
	}
	return false
}

// abbreviation reports whether w (without its period) is an abbreviation or an
// initial, after which a period does not end a sentence.
func abbreviation(w string) bool {
	if len(w) == 1 && isLetter(w[0]) {
		return true
	}
	if len(w) >= 3 && w[len(w)-2] == '.' && isLetter(w[len(w)-1]) { // "U.S", "e.g", "i.e"
		return true
	}
	w = strings.TrimLeft(w, "(\"'")
	if len(w) > 6 {
		return false
	}
	var buf [6]byte
	switch string(fold(w, buf[:0])) {
	case "inc", "co", "corp", "ltd", "llc", "no", "nos", "mr", "mrs", "ms", "dr", "st", "jr", "sr",
		"vs", "etc", "sec", "art", "para", "ph", "approx", "dept", "est", "fig", "min", "max", "p", "pp",
		"l.p", "n.a", "u.s", "s.a", "e.g", "i.e", "cf", "al", "esq", "hon", "gen", "gov", "sq", "ste", "ave", "blvd", "rd":
		return true
	}
	return false
}

// referenceWord reports whether a capitalised word introduces a cross reference
// rather than ending a heading ("Section 5.2", "Exhibit A").
func referenceWord(w string) bool {
	w = strings.Trim(w, "\"'“”‘’()[],")
	if len(w) > 14 {
		return false
	}
	var buf [14]byte
	switch string(fold(w, buf[:0])) {
	case "section", "sections", "article", "articles", "clause", "clauses", "paragraph", "paragraphs",
		"subsection", "subsections", "exhibit", "exhibits", "schedule", "schedules", "annex", "appendix",
		"attachment", "item", "items", "part", "parts", "rule", "rules", "no", "nos", "number", "page", "pages",
		"form", "chapter", "title", "regulation", "note", "step", "level", "phase", "tier", "version", "class",
		"series", "year", "years", "day", "days", "month", "months", "code", "act", "usc", "cfr", "table", "figure",
		"appendices", "subparagraph", "subparagraphs", "sub-section", "sub-clause", "and", "or", "to", "through":
		return true
	}
	return false
}

// ---- small helpers ----

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func isLetter(c byte) bool { return isUpper(c) || isLower(c) }

// capsWord reports whether w has letters and none of them lower case.
func capsWord(w string) bool {
	seen := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			seen = true
		}
	}
	return seen
}

func hasLower(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

func letters(t string) int {
	n := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// wordCount counts the space-separated words of t, stopping at limit.
func wordCount(t string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(t) && n < limit; i++ {
		if t[i] == ' ' {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// alphaValue returns the ordinal of a letter label ("a" 1, "z" 26, "aa" 27), or 0.
func alphaValue(tok string) int {
	c := tok[0] | 0x20
	for i := 1; i < len(tok); i++ {
		if tok[i]|0x20 != c {
			return 0
		}
	}
	if len(tok) > 3 {
		return 0
	}
	return int(c-'a') + 1 + 26*(len(tok)-1)
}

// romanValue returns the value (1 to 39) of a roman numeral written in one case,
// or 0.
func romanValue(tok string) int {
	if len(tok) > 6 {
		return 0
	}
	v, prev := 0, 0
	for i := len(tok) - 1; i >= 0; i-- {
		d := 0
		switch tok[i] | 0x20 {
		case 'i':
			d = 1
		case 'v':
			d = 5
		case 'x':
			d = 10
		default:
			return 0
		}
		if d < prev {
			v -= d
		} else {
			v += d
			prev = d
		}
	}
	if v < 1 || v > 39 || !strings.EqualFold(toRoman(v), tok) {
		return 0
	}
	return v
}

// toRoman writes 1 to 39 as an upper-case roman numeral.
func toRoman(v int) string {
	var b strings.Builder
	for ; v >= 10; v -= 10 {
		b.WriteByte('X')
	}
	b.WriteString([...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}[v])
	return b.String()
}

// numberWordPrefix reports whether t starts with a number word ("Four ...").
func numberWordPrefix(t string) bool {
	k := strings.IndexByte(t, ' ')
	if k < 0 {
		k = len(t)
	}
	return numberWord(strings.TrimRight(t[:k], ".:")) > 0
}

// numberWord returns the value of an article number written as a word ("ONE",
// "Two"), or 0.
func numberWord(w string) int {
	for i, n := range [...]string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"} {
		if strings.EqualFold(w, n) {
			return i + 1
		}
	}
	return 0
}
