package redline

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/beevik/etree"
	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

// Sentinel errors. Errors returned by DOCX wrap one of them.
var (
	// ErrFormat signals a document that is not a DOCX read by extract, or a package redline cannot edit.
	ErrFormat = errors.New("redline: not an editable DOCX document")
	// ErrInternal signals a bug caught at the API edge.
	ErrInternal = errors.New("redline: internal error")
)

// Options configure a redline. The zero value uses the defaults.
type Options struct {
	// Author is the name on every tracked change and comment; default "clm".
	Author string
	// Date stamps every tracked change and comment; default time.Now().UTC(),
	// truncated to seconds.
	Date time.Time
}

// Refusal codes say why a change was not written.
const (
	CodeNotSupported = "not_supported" // a kind of edit the redliner cannot write (a new clause it cannot place)
	CodeRevision     = "revision"      // the edit would cross an existing tracked change
	CodeField        = "field"         // the edit would cross a field
	CodeObject       = "object"        // the edit would cross a drawing, note reference or other object
	CodeParagraphs   = "paragraphs"    // the edit would split a paragraph, or join paragraphs it cannot join
	CodeMismatch     = "mismatch"      // the paragraph's text no longer matches the document model
	CodeOverlap      = "overlap"       // the edit overlaps another edit in the same paragraph
	CodeNoClause     = "no_clause"     // the decision's clause is not in the document
)

// Change is one edit of a decision and what became of it.
type Change struct {
	Decision string            `json:"decision"` // decision id
	Rule     string            `json:"rule"`
	Clause   string            `json:"clause"`
	Edit     playbook.TextEdit `json:"edit"`
	// Diff lists the word-level changes written for an applied edit.
	Diff []Diff `json:"diff,omitempty"`
	// Code and Reason say why a refused edit was not written; empty when applied.
	Code   string `json:"code,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Diff is one word-level change: Delete is replaced by Insert.
type Diff struct {
	Delete string `json:"delete"`
	Insert string `json:"insert"`
}

// Result says what a redline did: the edits written as tracked changes, those
// refused (for the caller to escalate), and the number of comments written.
type Result struct {
	Applied  []Change `json:"applied"`
	Refused  []Change `json:"refused"`
	Comments int      `json:"comments"`
}

// DOCX writes doc's original package (doc.Source) with the fallback edits of
// rep as tracked changes and a comment on the clause of every fallback and
// escalation. Every zip entry but the main document part, the comments part,
// the document relationships and the content types is copied byte for byte.
// It returns an error wrapping ErrFormat when doc is not a DOCX or its
// package cannot be edited; edits that cannot be placed are not errors but
// Result.Refused entries.
func DOCX(doc *extract.Document, rep *playbook.Report, opt Options) (out []byte, res *Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, res, err = nil, nil, fmt.Errorf("%w: %v", ErrInternal, v)
		}
	}()
	if doc == nil || rep == nil {
		return nil, nil, fmt.Errorf("%w: nil document or report", ErrFormat)
	}
	if doc.Format != extract.FormatDOCX || len(doc.Source) == 0 {
		return nil, nil, fmt.Errorf("%w: document %q is %s, not DOCX", ErrFormat, doc.Name, doc.Format)
	}
	if opt.Author = rlClean(opt.Author); opt.Author == "" {
		opt.Author = "clm"
	}
	if opt.Date.IsZero() {
		opt.Date = time.Now().UTC()
	}
	opt.Date = opt.Date.UTC().Truncate(time.Second)

	pk, err := pkOpen(doc)
	if err != nil {
		return nil, nil, err
	}
	r := &rlRun{doc: doc, rep: rep, pk: pk, res: &Result{Applied: []Change{}, Refused: []Change{}},
		paras: map[int]*paPara{}, hunks: map[int][]*apHunk{}, marks: map[int]bool{},
		newParas: map[int][]*etree.Element{}, newBefore: map[int][]*etree.Element{}, ncParas: map[string][]*etree.Element{}}
	r.rev = apRev{next: &pk.nextID, author: opt.Author, date: opt.Date.Format("2006-01-02T15:04:05Z")}
	r.clauses = make(map[string]int, len(doc.Clauses))
	for i, c := range doc.Clauses {
		r.clauses[c.ID] = i
	}
	r.edits()
	r.comments(opt)
	out, err = pk.write()
	if err != nil {
		return nil, nil, err
	}
	return out, r.res, nil
}

// rlRun is the state of one DOCX call.
type rlRun struct {
	doc     *extract.Document
	rep     *playbook.Report
	pk      *pkPackage
	res     *Result
	rev     apRev
	clauses map[string]int
	paras   map[int]*paPara   // by paragraph ordinal, walked before any change
	hunks   map[int][]*apHunk // accepted hunks by paragraph ordinal
	refused map[*playbook.Decision][]string
	// marks are the paragraphs whose mark an accepted hunk deletes (joined
	// with the next paragraph).
	marks map[int]bool
	// newParas are the inserted paragraphs to write after a paragraph
	// ordinal; ncParas the same by decision id, for the comments.
	newParas  map[int][]*etree.Element
	newBefore map[int][]*etree.Element // the same before a paragraph, after a table
	ncParas   map[string][]*etree.Element
}

// para returns paragraph ordinal i prepared for editing, nil when absent.
func (r *rlRun) para(i int) *paPara {
	if pp, ok := r.paras[i]; ok {
		return pp
	}
	var pp *paPara
	if i >= 0 && i < len(r.pk.paras) {
		pp = paWalk(r.pk.paras[i])
	}
	r.paras[i] = pp
	return pp
}

// rlSeg is one block's share of a clause's text.
type rlSeg struct {
	block      int
	from, to   int // byte offsets in the block's text
	start, end int // rune offsets in the clause text
}

// segments mirrors extract.Document.Text for span.
func (r *rlRun) segments(s extract.Span) []rlSeg {
	d := r.doc
	if s.Start.Block < 0 || s.End.Block >= len(d.Blocks) || s.Start.Block > s.End.Block {
		return nil
	}
	var segs []rlSeg
	n, bytesSoFar := 0, 0
	for i := s.Start.Block; i <= s.End.Block; i++ {
		t := d.Blocks[i].Text
		from, to := 0, len(t)
		if i == s.Start.Block {
			from = min(max(s.Start.Offset, 0), len(t))
		}
		if i == s.End.Block {
			to = min(max(s.End.Offset, 0), len(t))
		}
		if s.Start.Block == s.End.Block {
			bytesSoFar = 0
		} else if bytesSoFar > 0 {
			n++ // the "\n" joining blocks
			bytesSoFar++
		}
		k := utf8.RuneCountInString(t[from:to])
		segs = append(segs, rlSeg{block: i, from: from, to: to, start: n, end: n + k})
		n += k
		bytesSoFar += to - from
	}
	return segs
}

// edits places every fallback edit and applies those that can be made.
func (r *rlRun) edits() {
	r.refused = map[*playbook.Decision][]string{}
	for _, d := range r.rep.Decisions {
		if d.Outcome != playbook.OutcomeFallback {
			continue
		}
		for _, e := range d.Edits {
			e.Insert = rlClean(e.Insert)
			ch := Change{Decision: d.ID, Rule: d.Rule, Clause: e.Clause, Edit: e}
			if code, why := r.edit(&ch); code != "" {
				ch.Code, ch.Reason = code, why
				r.res.Refused = append(r.res.Refused, ch)
				r.refused[d] = append(r.refused[d], why)
				continue
			}
			r.res.Applied = append(r.res.Applied, ch)
		}
	}
	ords := make([]int, 0, len(r.hunks)+len(r.marks))
	for o := range r.hunks {
		ords = append(ords, o)
	}
	for o := range r.marks {
		if _, ok := r.hunks[o]; !ok {
			ords = append(ords, o)
		}
	}
	sort.Ints(ords)
	for _, o := range ords {
		hs := r.hunks[o]
		sort.Slice(hs, func(i, j int) bool { return hs[i].a < hs[j].a })
		r.paras[o].apply(hs, &r.rev)
		if r.marks[o] {
			apMark(r.paras[o].el, "del", &r.rev)
		}
		r.pk.touch(o)
	}
	ords = ords[:0]
	for o := range r.newBefore {
		ords = append(ords, o)
	}
	sort.Ints(ords)
	for _, o := range ords {
		r.pk.insertBefore(o, r.newBefore[o])
	}
	// A new clause anchored on a paragraph whose mark an edit deletes goes
	// after the last paragraph of that join: inserted between them, it would
	// take the joined text's place in the accepted view.
	ords = ords[:0]
	for o := range r.newParas {
		ords = append(ords, o)
	}
	sort.Ints(ords)
	moved := map[int][]*etree.Element{}
	for _, o := range ords {
		to := o
		for r.marks[to] {
			to++
		}
		moved[to] = append(moved[to], r.newParas[o]...)
	}
	ords = ords[:0]
	for o := range moved {
		ords = append(ords, o)
	}
	sort.Ints(ords)
	for _, o := range ords {
		ps := moved[o]
		at := r.pk.para(o)
		lastInBody := apLastInBody(at)
		r.pk.insertAfter(o, ps)
		if lastInBody {
			// The body's last paragraph mark cannot be removed: the anchor's
			// mark is the inserted one, and the last new paragraph keeps the
			// body's final mark.
			apMark(at, "ins", &r.rev)
			paChild(paChild(ps[len(ps)-1], "pPr"), "rPr").RemoveChildAt(0)
			r.pk.touch(o)
		}
	}
}

// edit places one edit's word-level hunks; it returns a refusal code and reason, or "".
func (r *rlRun) edit(ch *Change) (code, why string) {
	e := ch.Edit
	if e.NewClause {
		return r.newClause(ch)
	}
	ci, ok := r.clauses[e.Clause]
	if !ok {
		return CodeNoClause, "clause " + e.Clause + " is not in the document"
	}
	text := []rune(r.doc.Text(r.doc.Clauses[ci].Span))
	if e.Start < 0 || e.End > len(text) || e.Start > e.End || string(text[e.Start:e.End]) != e.Delete {
		return CodeMismatch, "the edit does not match the clause text"
	}
	segs := r.segments(r.doc.Clauses[ci].Span)
	var placed []*apHunk
	var ords []int
	marks := map[int]bool{}
	for _, h := range dfDiff(text[e.Start:e.End], []rune(e.Insert)) {
		a, b := e.Start+h.Start, e.Start+h.End
		if strings.ContainsAny(h.Insert, "\n\r") {
			return CodeParagraphs, "the new text would add a paragraph break"
		}
		k1, k2 := rlSegAt(segs, a), rlSegAt(segs, b)
		if k1 < 0 || k2 < 0 {
			return CodeMismatch, "the change lies outside the clause's text"
		}
		if k1 != k2 {
			if code, why := r.joinable(segs, k1, k2, marks); code != "" {
				return code, why
			}
		}
		for k := k1; k <= k2; k++ {
			sg := &segs[k]
			pa, pb, ins := sg.start, sg.end, ""
			if k == k1 {
				pa, ins = a, h.Insert
			}
			if k == k2 {
				pb = b
			}
			blk := &r.doc.Blocks[sg.block]
			if blk.Anchor.Part != "" && blk.Anchor.Part != r.pk.main {
				return CodeMismatch, "the clause is not in the main document part"
			}
			pp := r.para(blk.Anchor.Paragraph)
			if pp == nil || pp.text != blk.Text {
				return CodeMismatch, "the paragraph's text does not match the document model"
			}
			if k < k2 && sg.to != len(blk.Text) {
				return CodeMismatch, "the clause's text does not run to the end of the paragraph"
			}
			if pa == pb && ins == "" {
				continue // only the paragraph mark goes
			}
			base := utf8.RuneCountInString(blk.Text[:sg.from])
			ah := &apHunk{a: base + pa - sg.start, b: base + pb - sg.start, ins: ins}
			if why := pp.place(ah); why != "" {
				return apCode(why), why
			}
			for _, o := range r.hunks[blk.Anchor.Paragraph] {
				if ah.s < o.e && o.s < ah.e || ah.s == o.s || ah.e == o.e {
					return CodeOverlap, "the change overlaps another edit in the paragraph"
				}
			}
			for i, o := range placed {
				if ords[i] == blk.Anchor.Paragraph && (ah.s < o.e && o.s < ah.e || ah.s == o.s || ah.e == o.e) {
					return CodeOverlap, "the change overlaps another change of the edit"
				}
			}
			placed = append(placed, ah)
			ords = append(ords, blk.Anchor.Paragraph)
		}
		ch.Diff = append(ch.Diff, Diff{Delete: string(text[a:b]), Insert: h.Insert})
	}
	for i, h := range placed {
		r.hunks[ords[i]] = append(r.hunks[ords[i]], h)
	}
	for o := range marks {
		r.marks[o] = true
		r.para(o) // walked before any change
	}
	return "", ""
}

// rlSegAt returns the segment holding clause rune offset x (its end
// included), -1 when none does.
func rlSegAt(segs []rlSeg, x int) int {
	for i := range segs {
		if segs[i].start <= x && x <= segs[i].end {
			return i
		}
	}
	return -1
}

// joinable checks that the paragraphs of segments k1 to k2, and the empty
// paragraphs between them, can be joined: siblings in one container, no
// text or object between them, no revision on their marks. It adds the
// marks to delete (every paragraph from k1's up to, not including, k2's) to
// marks.
func (r *rlRun) joinable(segs []rlSeg, k1, k2 int, marks map[int]bool) (code, why string) {
	first := r.doc.Blocks[segs[k1].block].Anchor.Paragraph
	last := r.doc.Blocks[segs[k2].block].Anchor.Paragraph
	blocks := map[int]bool{}
	for k := k1; k <= k2; k++ {
		blocks[r.doc.Blocks[segs[k].block].Anchor.Paragraph] = true
	}
	p0 := r.pk.para(first)
	if p0 == nil || first >= last {
		return CodeMismatch, "the clause's paragraphs are not in the document"
	}
	for o := first; o <= last; o++ {
		p := r.pk.para(o)
		if p == nil || p.Parent() != p0.Parent() {
			return CodeParagraphs, "the change would join paragraphs in different containers (a table or a content control)"
		}
		if o > first {
			for k := r.pk.para(o-1).Index() + 1; k < p.Index(); k++ {
				if el, ok := p.Parent().Child[k].(*etree.Element); ok && paLocal(el) != "bookmarkStart" && paLocal(el) != "bookmarkEnd" {
					return CodeParagraphs, "the change would join paragraphs across other content (" + el.FullTag() + ")"
				}
			}
		}
		if rev := apMarkRev(p); rev != "" {
			return CodeRevision, "the change would cross " + rev
		}
		if !blocks[o] {
			pp := r.para(o)
			if pp == nil || pp.text != "" {
				return CodeMismatch, "a paragraph between the clause's paragraphs has text the document model lacks"
			}
			for _, u := range pp.units {
				if u.flag != "" {
					return apCode(u.flag), "the change would cross " + u.flag
				}
			}
		}
		if o < last {
			marks[o] = true
		}
	}
	return "", ""
}

// newClause places a missing clause (e.NewClause) after its anchor clause:
// one inserted paragraph per line of the text, with the numbering and style
// of the anchor's numbered paragraph, after the last paragraph of the anchor
// and its sub-clauses.
func (r *rlRun) newClause(ch *Change) (code, why string) {
	e := ch.Edit
	var lines []string
	for _, l := range strings.Split(e.Insert, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return CodeMismatch, "the new clause has no text"
	}
	ci, ok := r.clauses[e.Clause]
	if !ok && e.Clause != "" {
		return CodeNoClause, "clause " + e.Clause + " is not in the document"
	}
	first, last := -1, -1 // blocks: the numbered paragraph to copy, the one to insert after
	if ok {
		first, last = r.ncAnchor(ci)
	} else {
		for i := range r.doc.Blocks {
			if r.doc.Blocks[i].Anchor.Part == r.pk.main && r.doc.Blocks[i].Table == 0 {
				last = i
			}
		}
		first = last
	}
	if first < 0 || last < 0 {
		return CodeNoClause, "the document has no paragraph to insert the clause after"
	}
	fb, lb := &r.doc.Blocks[first], &r.doc.Blocks[last]
	if fb.Anchor.Part != r.pk.main || lb.Anchor.Part != r.pk.main {
		return CodeMismatch, "the clause is not in the main document part"
	}
	src, at := r.pk.para(fb.Anchor.Paragraph), r.pk.para(lb.Anchor.Paragraph)
	if src == nil || at == nil {
		return CodeMismatch, "the anchor clause's paragraphs are not in the document"
	}
	before := -1 // when the anchor ends in a table or a container: the body paragraph that follows it
	if at.Parent() == nil || paLocal(at.Parent()) != "body" {
		if before = r.pk.nextBodyPara(at); before < 0 {
			return CodeNotSupported, "the anchor clause ends inside a table or a container with no paragraph after it; the new clause cannot be placed"
		}
	}
	if rev := apMarkRev(at); rev != "" && before < 0 && apLastInBody(at) {
		return CodeRevision, "the new clause would go after the document's last paragraph, whose mark is " + rev
	}
	if pp := r.para(lb.Anchor.Paragraph); pp == nil || pp.text != lb.Text {
		return CodeMismatch, "the paragraph's text does not match the document model"
	}
	// The runs look like the anchor's body text: its last paragraph's last text run.
	var rPr *etree.Element
	if pp := r.para(lb.Anchor.Paragraph); pp != nil && len(pp.at) > 0 {
		rPr = apRunProps(pp.units[pp.at[len(pp.at)-1]].run)
	}
	pPr := paChild(src, "pPr")
	var ps []*etree.Element
	for i, l := range lines {
		props := pPr
		if i > 0 && first != last {
			props = paChild(at, "pPr") // continuation paragraphs look like the anchor's last
		}
		ps = append(ps, apNewPara(at.Space, props, rPr, l, i > 0 && first == last, &r.rev))
	}
	if before >= 0 {
		r.newBefore[before] = append(r.newBefore[before], ps...)
		r.ncParas[ch.Decision] = append(r.ncParas[ch.Decision], ps...)
		ch.Diff = []Diff{{Insert: strings.Join(lines, "\n")}}
		return "", ""
	}
	o := lb.Anchor.Paragraph
	r.newParas[o] = append(r.newParas[o], ps...)
	r.ncParas[ch.Decision] = append(r.ncParas[ch.Decision], ps...)
	ch.Diff = []Diff{{Insert: strings.Join(lines, "\n")}}
	return "", ""
}

// ncAnchor returns the blocks of clause ci to copy a new clause's paragraph
// properties from (its first, numbered one) and to insert it after (the last
// of the clause and its sub-clauses), -1 when absent.
func (r *rlRun) ncAnchor(ci int) (first, last int) {
	cs := r.doc.Clauses
	first = cs[ci].Span.Start.Block
	last = -1
	under := map[string]bool{cs[ci].ID: true}
	for j := ci; j < len(cs); j++ {
		if j > ci && !under[cs[j].Parent] {
			break
		}
		under[cs[j].ID] = true
		sp := cs[j].Span
		l := sp.End.Block
		if sp.End.Offset == 0 && l > sp.Start.Block {
			l--
		}
		last = max(last, l)
	}
	if first < 0 || first >= len(r.doc.Blocks) || last < 0 || last >= len(r.doc.Blocks) {
		return -1, -1
	}
	return first, last
}

// apCode classifies a placement refusal.
func apCode(why string) string {
	switch {
	case strings.Contains(why, "tracked"):
		return CodeRevision
	case strings.Contains(why, "field"):
		return CodeField
	}
	return CodeObject
}

// comments anchors a comment on the clause of every fallback and escalation.
func (r *rlRun) comments(opt Options) {
	for _, d := range r.rep.Decisions {
		if d.Outcome != playbook.OutcomeFallback && d.Outcome != playbook.OutcomeEscalate {
			continue
		}
		if ps := r.ncParas[d.ID]; len(ps) > 0 {
			id := *r.rev.next
			*r.rev.next++
			cmAnchor(ps[0], ps[len(ps)-1], id)
			// The reference run is part of the insertion.
			p := ps[len(ps)-1]
			ref := p.Child[len(p.Child)-1].(*etree.Element)
			p.RemoveChild(ref)
			ins := paNewElem(p.Space, "ins")
			r.rev.attrs(ins, p.Space)
			ins.AddChild(ref)
			p.AddChild(ins)
			r.pk.addComment(id, opt, cmText(r.rep, d, r.refused[d]))
			r.res.Comments++
			continue
		}
		ci, ok := r.clauses[d.Clause]
		if !ok {
			if d.Clause != "" || len(r.doc.Clauses) == 0 {
				continue
			}
			// A decision on a missing clause type whose clause was not
			// inserted (it escalated): its comment goes on the document's
			// first clause, so that the escalation is not lost on the reader.
			ci = 0
		}
		sp := r.doc.Clauses[ci].Span
		last := sp.End.Block
		if sp.End.Offset == 0 && last > sp.Start.Block {
			last--
		}
		if sp.Start.Block < 0 || last >= len(r.doc.Blocks) {
			continue
		}
		first, lastB := &r.doc.Blocks[sp.Start.Block], &r.doc.Blocks[last]
		if first.Anchor.Part != r.pk.main || lastB.Anchor.Part != r.pk.main {
			continue
		}
		p1, p2 := r.pk.para(first.Anchor.Paragraph), r.pk.para(lastB.Anchor.Paragraph)
		if p1 == nil || p2 == nil {
			continue
		}
		id := *r.rev.next
		*r.rev.next++
		cmAnchor(p1, p2, id)
		r.pk.touch(first.Anchor.Paragraph)
		r.pk.touch(lastB.Anchor.Paragraph)
		r.pk.addComment(id, opt, cmText(r.rep, d, r.refused[d]))
		r.res.Comments++
	}
}

// cmText is the comment on decision d: the rule, the position, the reasons
// and, for escalations, who must decide.
func cmText(rep *playbook.Report, d *playbook.Decision, refused []string) []string {
	head := fmt.Sprintf("Playbook %s, rule %s: %s", rep.Playbook.Name, d.Rule, d.Outcome)
	if d.Outcome == playbook.OutcomeFallback {
		head += fmt.Sprintf(" (position %q)", d.Position)
	}
	out := []string{head + "."}
	out = append(out, d.Reasons...)
	if d.Outcome == playbook.OutcomeEscalate {
		out = append(out, "Decision needed from: "+paOr(d.Authority, "a reviewer")+".")
	} else if d.Authority != "" {
		out = append(out, "Authority: "+d.Authority+".")
	}
	for _, w := range refused {
		out = append(out, "The edit was not made as a tracked change: "+w+"; please make it by hand or escalate.")
	}
	return out
}

// cmAnchor puts commentRangeStart at the start of p1, and commentRangeEnd with
// the commentReference run at the end of p2.
func cmAnchor(p1, p2 *etree.Element, id int) {
	pre := p1.Space
	q := func(s string) string {
		if pre == "" {
			return s
		}
		return pre + ":" + s
	}
	start := etree.NewElement(q("commentRangeStart"))
	start.CreateAttr(q("id"), fmt.Sprint(id))
	at := 0
	for i, t := range p1.Child {
		if el, ok := t.(*etree.Element); ok && paLocal(el) == "pPr" {
			at = i + 1
		}
	}
	p1.InsertChildAt(at, start)
	end := etree.NewElement(q("commentRangeEnd"))
	end.CreateAttr(q("id"), fmt.Sprint(id))
	p2.AddChild(end)
	run := p2.CreateElement(q("r"))
	rPr := run.CreateElement(q("rPr"))
	rPr.CreateElement(q("rStyle")).CreateAttr(q("val"), "CommentReference")
	run.CreateElement(q("commentReference")).CreateAttr(q("id"), fmt.Sprint(id))
}

// rlClean is the text a redline writes for s, the text of an edit, a new
// clause, a comment or an author: XML 1.0 cannot hold the C0 control
// characters other than tab, line feed and carriage return, nor U+FFFE and
// U+FFFF, and an XML writer turns them into U+FFFD. So vertical tab and form
// feed, which separate words, become a space; the other control characters,
// U+FFFE, U+FFFF, U+FFFD and invalid UTF-8 are dropped. The applied Change
// records the cleaned text, so that what a decision's edit intends (its
// Insert as reported in Result) is exactly what the redline shows accepted.
func rlClean(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\v' || r == '\f':
			b.WriteByte(' ')
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF, r == utf8.RuneError:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
