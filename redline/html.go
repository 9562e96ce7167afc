package redline

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

// HTML writes a self-contained redline preview of doc reviewed in rep: one
// HTML file with inline CSS and no scripts or external resources. It holds
// the decision summary (sign-off, counts, reasons, perspective), then every
// clause with its number and heading, the word-level changes of its fallback
// edits marked with del and ins, and every decision on it beside it; missing
// clauses the playbook inserts appear as insertions after their anchor
// clause. All text is escaped. It works for every source format. An edit that
// does not match its clause text or overlaps an earlier edit is not marked;
// its decision's note says so. It returns an error wrapping ErrFormat for a
// nil document or report, and w's write error otherwise.
func HTML(w io.Writer, doc *extract.Document, rep *playbook.Report) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: %v", ErrInternal, v)
		}
	}()
	if doc == nil || rep == nil {
		return fmt.Errorf("%w: nil document or report", ErrFormat)
	}
	bw := bufio.NewWriter(w)
	h := &htPage{w: bw, doc: doc, rep: rep}
	h.plan()
	h.page()
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("redline: write HTML: %w", err)
	}
	return nil
}

// htMark is one word-level change in a clause's text: runes [start, end)
// become ins.
type htMark struct {
	start, end int
	ins        string
}

// htPage is the state of one HTML call.
type htPage struct {
	w   *bufio.Writer
	doc *extract.Document
	rep *playbook.Report

	clauses map[string]int                  // clause id → index
	marks   map[int][]htMark                // clause index → marks, sorted
	inserts map[int][]htInsert              // clause index → clauses inserted after it
	notes   map[*playbook.Decision][]string // edits not marked, and why
	byCl    map[int][]*playbook.Decision    // clause index → decisions on it
	other   []*playbook.Decision            // decisions on no clause of the document
}

// htInsert is a missing clause inserted after a clause.
type htInsert struct {
	d    *playbook.Decision
	text string
}

// plan resolves every decision to its clause and every fallback edit to its
// word-level marks.
func (h *htPage) plan() {
	d := h.doc
	h.clauses = make(map[string]int, len(d.Clauses))
	for i, c := range d.Clauses {
		h.clauses[c.ID] = i
	}
	h.marks, h.inserts = map[int][]htMark{}, map[int][]htInsert{}
	h.notes, h.byCl = map[*playbook.Decision][]string{}, map[int][]*playbook.Decision{}
	type rng struct{ s, e int }
	taken := map[int][]rng{}
	for _, dc := range h.rep.Decisions {
		if dc == nil {
			continue
		}
		placed := false
		if ci, ok := h.clauses[dc.Clause]; ok && dc.Clause != "" {
			h.byCl[ci] = append(h.byCl[ci], dc)
			placed = true
		}
		if dc.Outcome != playbook.OutcomeFallback {
			if !placed {
				h.other = append(h.other, dc)
			}
			continue
		}
		for _, e := range dc.Edits {
			ci, ok := h.clauses[e.Clause]
			if e.NewClause {
				if ok {
					h.inserts[ci] = append(h.inserts[ci], htInsert{d: dc, text: rlClean(e.Insert)})
					placed = true
				} else {
					h.notes[dc] = append(h.notes[dc], "the clause to insert after ("+e.Clause+") is not in the document")
				}
				continue
			}
			if !ok {
				h.notes[dc] = append(h.notes[dc], "clause "+e.Clause+" is not in the document")
				continue
			}
			text := []rune(d.Text(d.Clauses[ci].Span))
			if e.Start < 0 || e.End > len(text) || e.Start > e.End || string(text[e.Start:e.End]) != e.Delete {
				h.notes[dc] = append(h.notes[dc], "an edit does not match the clause text and is not shown")
				continue
			}
			clash := false
			for _, o := range taken[ci] {
				if e.Start < o.e && o.s < e.End || e.Start == o.s || e.End == o.e {
					clash = true
					break
				}
			}
			if clash {
				h.notes[dc] = append(h.notes[dc], "an edit overlaps another edit of the clause and is not shown")
				continue
			}
			taken[ci] = append(taken[ci], rng{e.Start, e.End})
			for _, hk := range dfDiff(text[e.Start:e.End], []rune(rlClean(e.Insert))) {
				h.marks[ci] = append(h.marks[ci], htMark{start: e.Start + hk.Start, end: e.Start + hk.End, ins: hk.Insert})
			}
		}
		if !placed {
			h.other = append(h.other, dc)
		}
	}
	for ci := range h.marks {
		ms := h.marks[ci]
		sort.SliceStable(ms, func(i, j int) bool {
			if ms[i].start != ms[j].start {
				return ms[i].start < ms[j].start
			}
			return ms[i].end < ms[j].end
		})
	}
}

func (h *htPage) s(parts ...string) {
	for _, p := range parts {
		h.w.WriteString(p)
	}
}

// esc escapes text for HTML content and attribute values.
func htEsc(s string) string { return html.EscapeString(htClean(s)) }

// htClean drops characters that have no place in an HTML document (C0
// controls other than tab and newline, DEL, noncharacters) and replaces
// invalid UTF-8.
func htClean(s string) string {
	clean := utf8.ValidString(s)
	for _, r := range s {
		if !clean || !htAllowed(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if htAllowed(r) {
			return r
		}
		return -1
	}, s)
}

func htAllowed(r rune) bool {
	switch {
	case r == '\t', r == '\n':
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return false
	case r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
		return false
	}
	return true
}

const htCSS = `body{font:15px/1.5 Georgia,"Times New Roman",serif;color:#1b1b1b;margin:0 auto;max-width:72rem;padding:1rem 1.5rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ccc}
.meta{color:#555;font-size:.9rem;margin:.2rem 0}
.summary{background:#f6f6f3;border:1px solid #ddd;padding:.5rem 1rem;border-radius:4px}
.summary dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}.summary dt{font-weight:bold}.summary dd{margin:0}
.clause{display:grid;grid-template-columns:minmax(0,3fr) minmax(12rem,2fr);gap:1rem;border-top:1px solid #eee;padding:.4rem 0}
.l2 .text{padding-left:1.5rem}.l3 .text{padding-left:3rem}.l4 .text,.l5 .text,.l6 .text{padding-left:4.5rem}
.label{font-family:Helvetica,Arial,sans-serif;font-size:.8rem;color:#555}.label .num,.label .heading{font-weight:bold;color:#1b1b1b}
.label .id{color:#999;margin-left:.5rem}.label .types{color:#357;margin-left:.5rem}
.text p{margin:.2rem 0}
del{color:#a40000;background:#fde8e8;text-decoration:line-through}
ins{color:#05630f;background:#e3f6e3;text-decoration:underline}
.para{font-family:Helvetica,Arial,sans-serif;font-size:.8em}
.inserted .text{border-left:3px solid #05630f;padding-left:.5rem}
.notes{font-family:Helvetica,Arial,sans-serif;font-size:.82rem}
.note{border-left:4px solid #999;background:#fafafa;padding:.3rem .6rem;margin:0 0 .5rem}
.note p{margin:.1rem 0}.note ul{margin:.1rem 0;padding-left:1.1rem}
.note.accept{border-color:#2e7d32}.note.fallback{border-color:#e69500;background:#fff8e6}.note.escalate{border-color:#c62828;background:#fdecec}
.outcome{text-transform:uppercase;font-weight:bold;font-size:.75rem;letter-spacing:.04em}
.who{font-weight:bold}.warn{color:#a40000}
@media print{.clause{break-inside:avoid}}
`

// page writes the whole document.
func (h *htPage) page() {
	d, rep := h.doc, h.rep
	name := d.Name
	if name == "" {
		name = rep.Document.Name
	}
	h.s("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n",
		"<title>Redline: ", htEsc(name), "</title>\n<style>\n", htCSS, "</style>\n</head>\n<body>\n")
	h.s("<header>\n<h1>Redline of ", htEsc(name), "</h1>\n")
	pb := "Playbook " + rep.Playbook.Name
	if rep.Playbook.Version != "" {
		pb += " " + rep.Playbook.Version
	}
	if r := rep.Playbook.Revision; r != "" {
		pb += " (revision " + r[:min(len(r), 12)] + ")"
	}
	h.s("<p class=\"meta\">", htEsc(pb))
	if rep.Engine.Version != "" {
		h.s(" · engine ", htEsc(rep.Engine.Version))
	}
	if d.Format != "" {
		h.s(" · source ", htEsc(string(d.Format)))
	}
	h.s("</p>\n</header>\n")
	h.summary()
	h.s("<main>\n<h2>Clauses</h2>\n")
	next := 0 // first block not yet shown
	for ci := range d.Clauses {
		sp := d.Clauses[ci].Span
		h.gap(next, sp.Start.Block)
		h.clause(ci)
		if e := sp.End.Block + 1; e > next {
			next = e
		}
		for _, in := range h.inserts[ci] {
			h.inserted(in)
		}
	}
	h.gap(next, len(d.Blocks))
	h.s("</main>\n")
	if len(h.other) > 0 {
		h.s("<section class=\"other\">\n<h2>Missing clauses and other decisions</h2>\n<div class=\"notes\">\n")
		for _, dc := range h.other {
			h.note(dc)
		}
		h.s("</div>\n</section>\n")
	}
	h.s("</body>\n</html>\n")
}

// summary writes the decision summary.
func (h *htPage) summary() {
	rep := h.rep
	sm := rep.Summary
	h.s("<section class=\"summary\">\n<h2>Decision summary</h2>\n<dl>\n")
	h.s("<dt>Sign-off</dt><dd>", htEsc(paOr(sm.SignOff, "none")), "</dd>\n")
	counts := map[string]int{}
	for k, v := range sm.Counts {
		counts[k] = v
	}
	if sm.Counts == nil {
		for _, dc := range rep.Decisions {
			if dc != nil {
				counts[dc.Outcome]++
			}
		}
	}
	h.s("<dt>Decisions</dt><dd>", fmt.Sprintf("%d accept, %d fallback, %d escalate",
		counts[playbook.OutcomeAccept], counts[playbook.OutcomeFallback], counts[playbook.OutcomeEscalate]), "</dd>\n")
	h.s("<dt>Perspective</dt><dd>", htEsc(htPerspective(rep.Party)), "</dd>\n")
	edits, marked := 0, 0
	for _, dc := range rep.Decisions {
		if dc != nil && dc.Outcome == playbook.OutcomeFallback {
			edits += len(dc.Edits)
		}
	}
	for _, n := range h.notes {
		marked += len(n)
	}
	h.s("<dt>Edits</dt><dd>", fmt.Sprintf("%d proposed", edits))
	if marked > 0 {
		h.s(fmt.Sprintf(", %d not shown (see the notes)", marked))
	}
	h.s("</dd>\n</dl>\n")
	if len(sm.Reasons) > 0 {
		h.s("<ul class=\"reasons\">\n")
		for _, r := range sm.Reasons {
			h.s("<li>", htEsc(r), "</li>\n")
		}
		h.s("</ul>\n")
	}
	h.s("</section>\n")
}

// htPerspective says which party is us, as the report has it.
func htPerspective(p playbook.Perspective) string {
	if !p.Resolved || p.Us == nil || p.Them == nil {
		return "Unresolved: " + paOr(p.Reason, "no party named") + "."
	}
	return fmt.Sprintf("Us: %s (%s); them: %s (%s); %s.", p.Us.Term, p.Us.Name, p.Them.Term, p.Them.Name, p.Reason)
}

// gap writes blocks [from, to) that belong to no clause.
func (h *htPage) gap(from, to int) {
	if from >= to {
		return
	}
	h.s("<section class=\"clause unclaused\">\n<div class=\"text\">\n")
	for i := max(from, 0); i < to && i < len(h.doc.Blocks); i++ {
		h.s("<p>", htEsc(h.doc.Blocks[i].Text), "</p>\n")
	}
	h.s("</div>\n<aside class=\"notes\"></aside>\n</section>\n")
}

// htClass is the CSS class for an outcome, "other" for unknown ones.
func htClass(outcome string) string {
	switch outcome {
	case playbook.OutcomeAccept, playbook.OutcomeFallback, playbook.OutcomeEscalate:
		return outcome
	}
	return "other"
}

// clause writes clause ci with its marks and notes.
func (h *htPage) clause(ci int) {
	c := &h.doc.Clauses[ci]
	lvl := min(max(c.Level, 1), 6)
	h.s(fmt.Sprintf("<section class=\"clause l%d\" id=\"%s\">\n", lvl, htEsc(c.ID)))
	h.s("<div class=\"text\" data-clause=\"", htEsc(c.ID), "\">\n<div class=\"label\">")
	if c.Number != "" {
		h.s("<span class=\"num\">", htEsc(c.Number), "</span> ")
	}
	if c.Heading != "" {
		h.s("<span class=\"heading\">", htEsc(c.Heading), "</span>")
	} else if c.Kind != "" && c.Kind != extract.KindClause {
		h.s("<span class=\"kind\">", htEsc(string(c.Kind)), "</span>")
	}
	h.s("<span class=\"id\">", htEsc(c.ID), "</span>")
	if len(c.Types) > 0 {
		var ts []string
		for _, t := range c.Types {
			ts = append(ts, strings.ReplaceAll(string(t.Type), "_", " "))
		}
		h.s("<span class=\"types\">", htEsc(strings.Join(ts, ", ")), "</span>")
	}
	h.s("</div>\n<div class=\"body\"><p>")
	text := []rune(h.doc.Text(c.Span))
	pos := 0
	for _, m := range h.marks[ci] {
		if m.start < pos {
			continue // cannot happen: edits of a clause do not overlap
		}
		h.run("", string(text[pos:m.start]))
		h.run("del", string(text[m.start:m.end]))
		h.run("ins", m.ins)
		pos = m.end
	}
	h.run("", string(text[pos:]))
	h.s("</p></div>\n</div>\n<aside class=\"notes\">\n")
	for _, dc := range h.byCl[ci] {
		h.note(dc)
	}
	h.s("</aside>\n</section>\n")
}

// run writes s inside tag (none when empty). A newline of plain text starts
// a paragraph; one inside a deletion or an insertion is a paragraph mark
// deleted or inserted, shown as a marked pilcrow (class "para").
func (h *htPage) run(tag, s string) {
	for i, part := range strings.Split(s, "\n") {
		if i > 0 {
			if tag == "" {
				h.s("</p>\n<p>")
			} else {
				h.s("<", tag, " class=\"para\">¶</", tag, ">")
			}
		}
		if part == "" {
			continue
		}
		if tag != "" {
			h.s("<", tag, ">", htEsc(part), "</", tag, ">")
		} else {
			h.s(htEsc(part))
		}
	}
}

// inserted writes a missing clause inserted by a fallback.
func (h *htPage) inserted(in htInsert) {
	h.s("<section class=\"clause inserted\">\n<div class=\"text\" data-inserted=\"", htEsc(in.d.ID), "\">\n",
		"<div class=\"label\"><span class=\"heading\">Inserted clause</span></div>\n<div class=\"body\"><p>")
	for i, l := range strings.Split(strings.TrimSpace(in.text), "\n") {
		if i > 0 {
			h.s("</p>\n<p>")
		}
		h.run("ins", l)
	}
	h.s("</p></div>\n</div>\n<aside class=\"notes\">\n")
	h.note(in.d)
	h.s("</aside>\n</section>\n")
}

// note writes decision dc as a comment: the rule, the outcome, the position,
// the reasons, the authority or who must decide, and edits not shown.
func (h *htPage) note(dc *playbook.Decision) {
	h.s("<div class=\"note ", htClass(dc.Outcome), "\" data-decision=\"", htEsc(dc.ID), "\">\n<p><span class=\"outcome\">",
		htEsc(dc.Outcome), "</span> · rule <b>", htEsc(dc.Rule), "</b>")
	if dc.Position != "" && dc.Outcome != playbook.OutcomeEscalate {
		h.s(" · position “", htEsc(dc.Position), "”")
	}
	if dc.Jurisdiction != "" {
		h.s(" · ", htEsc(dc.Jurisdiction))
	}
	if dc.Clause == "" {
		h.s(" · no clause")
	}
	h.s("</p>\n")
	if len(dc.Reasons) > 0 {
		h.s("<ul>\n")
		for _, r := range dc.Reasons {
			h.s("<li>", htEsc(r), "</li>\n")
		}
		h.s("</ul>\n")
	}
	switch {
	case dc.Outcome == playbook.OutcomeEscalate:
		h.s("<p class=\"who\">Decision needed from: ", htEsc(paOr(dc.Authority, "a reviewer")), "</p>\n")
	case dc.Authority != "":
		h.s("<p class=\"who\">Authority: ", htEsc(dc.Authority), "</p>\n")
	}
	for _, n := range h.notes[dc] {
		h.s("<p class=\"warn\">Not marked: ", htEsc(n), ".</p>\n")
	}
	h.s("</div>\n")
}
