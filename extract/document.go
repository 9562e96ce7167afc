package extract

import (
	"strings"
)

// Format names the kind of source a Document was read from.
type Format string

// The formats extract reads.
const (
	FormatDOCX Format = "docx"
	FormatPDF  Format = "pdf"
	FormatText Format = "txt"
)

// Document is the one model of a contract: blocks in reading order, each anchored
// back into the source, and the clauses segmented over them.
type Document struct {
	Name   string // file name as given by the caller
	Format Format
	SHA256 string // hex SHA-256 of the source bytes
	Pages  int    // PDF page count; 0 for formats without pages
	// Source is the original file as read; redlining edits it and text anchors
	// index into it. It is never modified.
	Source []byte
	Blocks []Block
	// Clauses are spans over Blocks in document order; Clauses[i].ID is "c<i+1>".
	Clauses []Clause
	// Terms are the key terms abstracted from the typed clauses, in the order of
	// the Terms catalogue; nil when typing is off. ClauseTerms gives the terms
	// each clause states itself.
	Terms []Term

	// dayFirst and dayFirstWhy record how numeric dates were read (see
	// termContext), for ClauseTerms.
	dayFirst    bool
	dayFirstWhy string
	// clauseTerms caches ClauseTerms; nil for a Document not made by Parse.
	clauseTerms *clauseTermCache
}

// BlockKind says what a block is in the source.
type BlockKind string

// Block kinds.
const (
	BlockParagraph BlockKind = "paragraph" // a body paragraph or a text line group
	BlockTableCell BlockKind = "cell"      // a paragraph inside a table cell
)

// Block is one paragraph of current-view text in reading order.
//
// Text is normalised: tabs become a single space where they separate a number from
// its text, soft hyphens are removed, non-breaking spaces become spaces and runs of
// white space collapse to one space. Offsets into Text are byte offsets.
type Block struct {
	Index int // position in Document.Blocks
	Kind  BlockKind
	Text  string
	// Number is the list label Word displays for an auto-numbered paragraph ("3.2(a)",
	// "•"); empty when the paragraph has none. Typed numbers stay in Text.
	Number string
	// NumLevel is the list level (ilvl+1) of an auto-numbered paragraph, 0 otherwise.
	NumLevel int
	// NumFormat is the numFmt of the displayed level ("decimal", "lowerLetter", "bullet", ...).
	NumFormat string
	// NumList identifies the list (abstractNum) an auto-numbered paragraph belongs to.
	NumList string
	// Style is the paragraph style id (DOCX), empty elsewhere.
	Style string
	// HeadingLevel is 1..9 when the paragraph style or outline level makes it a heading.
	HeadingLevel int
	// LeadEmphasis is the byte length of the paragraph's leading bold, underlined or
	// all-caps text (a run-in heading such as "Term." in "Term. This Agreement ..."), 0 if none.
	LeadEmphasis int
	// Table is the 1-based ordinal of the table holding the block, 0 outside tables.
	Table int
	// Row and Cell locate a table block (0-based) when Table > 0.
	Row, Cell int
	Anchor    Anchor
}

// Anchor points from a block back into its source.
type Anchor struct {
	// DOCX: the part ("word/document.xml"), the 0-based ordinal of the w:p among all
	// w:p elements of the body in document order (tables included), and for each
	// contributing w:r run the byte range of Text it produced.
	Part      string    `json:"part,omitempty"`
	Paragraph int       `json:"paragraph,omitempty"`
	Runs      []RunSpan `json:"runs,omitempty"`
	// PDF: 1-based page and line of the first and last line of the block.
	Page    int `json:"page,omitempty"`
	Line    int `json:"line,omitempty"`
	EndPage int `json:"end_page,omitempty"`
	EndLine int `json:"end_line,omitempty"`
	// Lines maps byte offsets of Text to the PDF lines they came from, in order.
	Lines []LineRef `json:"lines,omitempty"`
	// Text: byte offsets of the block in the source file, end exclusive.
	Start int `json:"start,omitempty"`
	End   int `json:"end,omitempty"`
}

// LineRef says that the block's text from Offset on comes from a PDF line.
type LineRef struct {
	Offset int `json:"offset"`
	Page   int `json:"page"`
	Line   int `json:"line"`
}

// RunSpan maps a byte range of Block.Text to the w:r run that produced it.
// Run is the 0-based ordinal of the run among the paragraph's w:r descendants.
type RunSpan struct {
	Run   int `json:"run"`
	Start int `json:"start"`
	End   int `json:"end"`
}

// Position is a byte offset inside one block's Text.
type Position struct {
	Block  int `json:"block"`
	Offset int `json:"offset"`
}

// Span is a range of text from Start to End (exclusive), possibly over several blocks.
type Span struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// ClauseKind says what part of a contract a clause is.
type ClauseKind string

// Clause kinds.
const (
	KindTitle      ClauseKind = "title"
	KindPreamble   ClauseKind = "preamble"
	KindRecitals   ClauseKind = "recitals"
	KindClause     ClauseKind = "clause"
	KindDefinition ClauseKind = "definitions"
	KindSignature  ClauseKind = "signature"
	KindExhibit    ClauseKind = "exhibit"
)

// Clause is a numbered or headed unit of a contract, stored as a span over blocks.
type Clause struct {
	ID      string     // "c1", "c2", ... in document order
	Number  string     // label as displayed ("3.2(a)"), empty when unnumbered
	Heading string     // heading text without the number, empty when none
	Level   int        // 1 for top level
	Parent  string     // ID of the enclosing clause, empty at top level
	Kind    ClauseKind // what part of the contract this is
	Span    Span       // the clause's text, number included where it is typed
	Types   []TypeTag  // clause types from Taxonomy, each with its evidence; nil until classified
}

// Text returns the text a span covers, joining blocks with a newline.
func (d *Document) Text(s Span) string {
	if s.Start.Block < 0 || s.End.Block >= len(d.Blocks) || s.Start.Block > s.End.Block {
		return ""
	}
	if s.Start.Block == s.End.Block {
		t := d.Blocks[s.Start.Block].Text
		return t[clamp(s.Start.Offset, len(t)):clamp(s.End.Offset, len(t))]
	}
	var b strings.Builder
	for i := s.Start.Block; i <= s.End.Block; i++ {
		t := d.Blocks[i].Text
		from, to := 0, len(t)
		if i == s.Start.Block {
			from = clamp(s.Start.Offset, len(t))
		}
		if i == s.End.Block {
			to = clamp(s.End.Offset, len(t))
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(t[from:to])
	}
	return b.String()
}

func clamp(i, n int) int {
	if i < 0 {
		return 0
	}
	if i > n {
		return n
	}
	return i
}
