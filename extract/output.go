package extract

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Schema names the JSON layout written by WriteJSON.
const Schema = "clm.extract/v1"

// Report is the JSON form of a Document (schema clm.extract/v1). Later versions add
// fields; they never rename or remove these.
type Report struct {
	Schema   string         `json:"schema"`
	Document ReportDocument `json:"document"`
	Clauses  []ReportClause `json:"clauses"`
	Terms    []ReportTerm   `json:"terms"` // empty list when typing is off or nothing was found
}

// ReportTerm is one key term: its kind (from the Terms catalogue), its typed value,
// the id of the clause it comes from and the words that support it, quoted by
// code-point offsets into that clause's text.
type ReportTerm struct {
	Kind      TermKind `json:"kind"`
	Value     any      `json:"value"`
	Clause    string   `json:"clause"`
	Evidence  Evidence `json:"evidence"`
	Computed  bool     `json:"computed"`
	Ambiguous bool     `json:"ambiguous,omitempty"`
	Note      string   `json:"note,omitempty"`
}

// ReportDocument describes the source file.
type ReportDocument struct {
	Name   string `json:"name"`
	Format Format `json:"format"`
	SHA256 string `json:"sha256"`
	Pages  *int   `json:"pages"` // null for formats without pages
}

// ReportClause is one clause with its text and its anchor in the source.
type ReportClause struct {
	ID      string       `json:"id"`
	Number  string       `json:"number"`
	Heading string       `json:"heading"`
	Level   int          `json:"level"`
	Parent  *string      `json:"parent"` // null at top level
	Kind    ClauseKind   `json:"kind"`
	Text    string       `json:"text"`
	Types   []ReportType `json:"types"` // empty list when no type applies
	Anchor  ReportAnchor `json:"anchor"`
}

// ReportType is one clause type with the sentence that triggered it.
type ReportType struct {
	Type     ClauseType `json:"type"`
	Evidence Evidence   `json:"evidence"`
}

// Evidence quotes the words that support a type or a term: Start and End are
// Unicode code-point offsets into the clause's text, End exclusive.
type Evidence struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ReportAnchor locates a clause: block positions in the model plus the source
// location of its first and last character.
type ReportAnchor struct {
	Part  string    `json:"part,omitempty"` // DOCX: the part holding the body
	Start SourcePos `json:"start"`
	End   SourcePos `json:"end"` // exclusive
}

// SourcePos is a position in the model (block, byte offset in its text) and in the
// source: DOCX paragraph ordinal, run ordinal and byte offset in the text that run
// contributes to the block (normalised: tabs and breaks as one space);
// PDF page and line; text byte offset in the file.
type SourcePos struct {
	Block     int  `json:"block"`
	Offset    int  `json:"offset"`
	Paragraph *int `json:"paragraph,omitempty"`
	Run       *int `json:"run,omitempty"`
	RunOffset *int `json:"run_offset,omitempty"`
	Page      *int `json:"page,omitempty"`
	Line      *int `json:"line,omitempty"`
	Byte      *int `json:"byte,omitempty"`
}

// NewReport builds the JSON report of a document.
func NewReport(d *Document) *Report {
	r := &Report{
		Schema:   Schema,
		Document: ReportDocument{Name: d.Name, Format: d.Format, SHA256: d.SHA256},
		Clauses:  make([]ReportClause, 0, len(d.Clauses)),
	}
	if d.Format == FormatPDF {
		p := d.Pages
		r.Document.Pages = &p
	}
	for i := range d.Clauses {
		c := &d.Clauses[i]
		rc := ReportClause{
			ID: c.ID, Number: c.Number, Heading: c.Heading, Level: c.Level, Kind: c.Kind,
			Text: d.Text(c.Span),
			Anchor: ReportAnchor{
				Start: d.sourcePos(c.Span.Start, false),
				End:   d.sourcePos(c.Span.End, true),
			},
		}
		if c.Parent != "" {
			p := c.Parent
			rc.Parent = &p
		}
		rc.Types = make([]ReportType, 0, len(c.Types))
		for _, tt := range c.Types {
			rc.Types = append(rc.Types, ReportType{Type: tt.Type, Evidence: d.evidence(c, tt.Evidence, rc.Text)})
		}
		if b := c.Span.Start.Block; d.Format == FormatDOCX && b >= 0 && b < len(d.Blocks) {
			rc.Anchor.Part = d.Blocks[b].Anchor.Part
		}
		r.Clauses = append(r.Clauses, rc)
	}
	r.Terms = make([]ReportTerm, 0, len(d.Terms))
	for _, t := range d.Terms {
		if t.Clause < 0 || t.Clause >= len(d.Clauses) {
			continue
		}
		c := &d.Clauses[t.Clause]
		r.Terms = append(r.Terms, ReportTerm{
			Kind: t.Kind, Value: t.Value, Clause: c.ID,
			Evidence: d.evidence(c, t.Evidence, r.Clauses[t.Clause].Text),
			Computed: t.Computed, Ambiguous: t.Ambiguous, Note: t.Note,
		})
	}
	return r
}

func intp(i int) *int { return &i }

// Evidence quotes span s inside clause ci (an index into Clauses, as in
// Term.Clause) with code-point offsets into the clause's text, as the JSON
// report does; the zero Evidence when s lies outside the clause.
func (d *Document) Evidence(ci int, s Span) Evidence {
	if ci < 0 || ci >= len(d.Clauses) {
		return Evidence{}
	}
	c := &d.Clauses[ci]
	return d.evidence(c, s, d.Text(c.Span))
}

// evidence turns a span inside clause c into a quote with code-point offsets into
// the clause's text (as Document.Text joins it).
func (d *Document) evidence(c *Clause, s Span, clauseText string) Evidence {
	from := d.clauseOffset(c, s.Start)
	to := d.clauseOffset(c, s.End)
	if from < 0 || to < from || to > len(clauseText) {
		return Evidence{}
	}
	return Evidence{
		Text:  clauseText[from:to],
		Start: utf8.RuneCountInString(clauseText[:from]),
		End:   utf8.RuneCountInString(clauseText[:to]),
	}
}

// clauseOffset is the byte offset of p in the clause's joined text, or -1 when p
// lies outside the clause.
func (d *Document) clauseOffset(c *Clause, p Position) int {
	if p.Block < c.Span.Start.Block || p.Block > c.Span.End.Block {
		return -1
	}
	if p.Block == c.Span.Start.Block {
		return p.Offset - c.Span.Start.Offset
	}
	n := len(d.Text(Span{Start: c.Span.Start, End: Position{Block: p.Block, Offset: 0}}))
	return n + p.Offset
}

// sourcePos maps a model position to the source. end marks an exclusive end position.
func (d *Document) sourcePos(p Position, end bool) SourcePos {
	source := d.Source
	sp := SourcePos{Block: p.Block, Offset: p.Offset}
	if p.Block < 0 || p.Block >= len(d.Blocks) {
		return sp
	}
	b := &d.Blocks[p.Block]
	switch d.Format {
	case FormatDOCX:
		sp.Paragraph = intp(b.Anchor.Paragraph)
		for _, rs := range b.Anchor.Runs {
			if p.Offset >= rs.Start && (p.Offset < rs.End || end && p.Offset == rs.End) {
				sp.Run, sp.RunOffset = intp(rs.Run), intp(p.Offset-rs.Start)
				break
			}
		}
	case FormatPDF:
		page, line := b.Anchor.Page, b.Anchor.Line
		if end && p.Offset >= len(b.Text) && p.Offset > 0 {
			page, line = b.Anchor.EndPage, b.Anchor.EndLine
		} else {
			// the line holding the first byte (or, for an end, the last byte)
			at := p.Offset
			if end {
				at--
			}
			for _, l := range b.Anchor.Lines {
				if l.Offset > at {
					break
				}
				page, line = l.Page, l.Line
			}
		}
		sp.Page, sp.Line = intp(page), intp(line)
	case FormatText:
		off := b.Anchor.Start + p.Offset
		if source != nil && b.Anchor.End <= len(source) && b.Anchor.Start <= b.Anchor.End {
			off = b.Anchor.Start + rawOffset(source[b.Anchor.Start:b.Anchor.End], p.Offset)
		}
		sp.Byte = intp(off)
	}
	return sp
}

// WriteJSON writes the clm.extract/v1 report of d, indented.
func WriteJSON(w io.Writer, d *Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewReport(d))
}

// WriteText writes a readable outline of d: one line per clause, indented by level,
// with its id, number, heading and text.
func WriteText(w io.Writer, d *Document) error {
	pages := ""
	if d.Format == FormatPDF {
		pages = fmt.Sprintf(", %d pages", d.Pages)
	}
	if _, err := fmt.Fprintf(w, "%s (%s%s, %d clauses, sha256 %s)\n\n", d.Name, d.Format, pages, len(d.Clauses), d.SHA256); err != nil {
		return err
	}
	for i := range d.Clauses {
		c := &d.Clauses[i]
		var b strings.Builder
		b.WriteString(strings.Repeat("  ", max(c.Level-1, 0)))
		fmt.Fprintf(&b, "[%s] ", c.ID)
		if c.Kind != KindClause {
			fmt.Fprintf(&b, "(%s) ", c.Kind)
		}
		text := strings.ReplaceAll(d.Text(c.Span), "\n", " ¶ ")
		if c.Number != "" && !strings.HasPrefix(text, c.Number) {
			b.WriteString(c.Number)
			b.WriteByte(' ')
		}
		if c.Heading != "" && !strings.Contains(text, c.Heading) {
			b.WriteString(c.Heading)
			b.WriteString(" | ")
		}
		b.WriteString(text)
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	if len(d.Terms) > 0 {
		if _, err := io.WriteString(w, "\nKey terms\n"); err != nil {
			return err
		}
	}
	for _, t := range d.Terms {
		if t.Clause < 0 || t.Clause >= len(d.Clauses) {
			continue
		}
		line := fmt.Sprintf("  %-30s %s  [%s]", t.Kind, termString(t.Value), d.Clauses[t.Clause].ID)
		if t.Note != "" {
			line += "  (" + t.Note + ")"
		}
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// termString formats a term value for the text outline.
func termString(v any) string {
	switch x := v.(type) {
	case []Party:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = p.Name
			if p.Role != "" {
				parts[i] += " (\"" + p.Role + "\")"
			}
		}
		return strings.Join(parts, "; ")
	case []string:
		return strings.Join(x, ", ")
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}
