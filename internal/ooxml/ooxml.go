// Package ooxml reads WordprocessingML packages (DOCX) with archive/zip and beevik/etree.
//
// Open checks a package against size limits and parses the main document part,
// its styles and its numbering definitions. Body then returns the body's
// paragraphs in document order with their current-view text (tracked
// insertions accepted, deletions and field instructions dropped), a map from
// runs to text offsets, and the list label Word displays for auto-numbered
// paragraphs ("3.2(a)", "iv.", "•").
//
// Both Transitional and Strict OOXML are read: elements and attributes are
// matched by namespace URI and local name, never by prefix.
package ooxml

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"

	"github.com/beevik/etree"
)

// Sentinel errors. Errors returned by Open and Body wrap one of them.
var (
	// ErrFormat signals input that is not a readable zip package or holds malformed XML.
	ErrFormat = errors.New("ooxml: not a valid zip package")
	// ErrNoDocument signals a zip package without a main document part.
	ErrNoDocument = errors.New("ooxml: no word/document.xml")
	// ErrLimit signals input over one of the Limits; the error text names the limit.
	ErrLimit = errors.New("ooxml: size limit exceeded")
	// ErrDTD signals an XML part with a document type or entity declaration.
	ErrDTD = errors.New("ooxml: XML with a DTD or entity declaration")
)

// Limits used for zero fields of Limits.
const (
	defaultMaxBytes      = 64 << 20
	defaultMaxParts      = 2000
	defaultMaxPartBytes  = 64 << 20
	defaultMaxTotalBytes = 256 << 20
)

// Limits bounds the resources Open spends on one package. A zero field means
// its default; no limit is ever unlimited.
type Limits struct {
	MaxBytes      int64 // size of the zip file; default 64 MiB
	MaxParts      int   // zip entries; default 2000
	MaxPartBytes  int64 // uncompressed bytes of one part; default 64 MiB
	MaxTotalBytes int64 // uncompressed bytes of all parts read; default 256 MiB
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = defaultMaxBytes
	}
	if l.MaxParts <= 0 {
		l.MaxParts = defaultMaxParts
	}
	if l.MaxPartBytes <= 0 {
		l.MaxPartBytes = defaultMaxPartBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = defaultMaxTotalBytes
	}
	return l
}

// Package is an opened DOCX package: the parsed main document part with its
// styles and numbering definitions. A Package is immutable after Open and safe
// for concurrent use.
type Package struct {
	main   string
	strict bool
	body   *etree.Element // w:body, nil when the document has none
	styles *styleSet
	num    *numbering
}

// Paragraph is one w:p of the body with its current-view text.
type Paragraph struct {
	// Index is the 0-based ordinal of this w:p among all w:p elements of the
	// body in document (pre-)order: table paragraphs, text-box paragraphs and
	// paragraphs in skipped mc:Fallback content are all counted.
	Index int
	// Text is the current-view text, normalised: tabs, breaks and Unicode
	// spaces become spaces, runs of white space collapse to one space, soft
	// hyphens are removed, and the text is trimmed.
	Text string
	// Runs maps each w:r that contributed text to the bytes of Text it
	// produced. Run is the run's 0-based ordinal among all w:r descendants of
	// the w:p in document order (deleted runs included).
	Runs []RunSpan
	// Style is the w:pStyle id written on the paragraph, "" when none.
	Style string
	// Number is the list label Word displays ("3.2", "(a)", "iv.", "•"); ""
	// when the paragraph is not auto-numbered or its level shows no text.
	Number string
	// NumLevel is ilvl+1 when the paragraph belongs to a list level, else 0.
	NumLevel int
	// NumFormat is the numFmt of the paragraph's list level ("decimal",
	// "lowerLetter", "bullet", ...).
	NumFormat string
	// NumList is the abstractNumId the paragraph's list resolves to.
	NumList string
	// HeadingLevel is 1..9 for a "heading N" style or an outline level, else 0.
	HeadingLevel int
	// LeadEmphasis is the byte length of a leading bold, underlined or
	// all-caps run-in heading ending in "." or ":" ("Term." in "Term. This
	// Agreement ..."), len(Text) for a short wholly emphasised paragraph, else 0.
	LeadEmphasis int
	// Table is the 1-based ordinal of the outermost table holding the
	// paragraph, 0 outside tables; Row and Cell are 0-based within that table.
	Table, Row, Cell int
}

// RunSpan says that run number Run of a paragraph produced Text[Start:End].
type RunSpan struct{ Run, Start, End int }

// Open reads a DOCX package of size bytes from r.
//
// It returns an error wrapping ErrLimit when the package exceeds lim (zero
// fields mean the defaults), ErrFormat when r is not a zip file or a needed
// part is corrupt or malformed XML, ErrDTD when a needed XML part declares a
// DTD or entities, and ErrNoDocument when there is no main document part.
// Only the package relationships, the content types, the main document part,
// its relationships, styles and numbering are read.
func Open(r io.ReaderAt, size int64, lim Limits) (p *Package, err error) {
	defer func() {
		if v := recover(); v != nil {
			p, err = nil, fmt.Errorf("%w: internal error: %v", ErrFormat, v)
		}
	}()
	lim = lim.withDefaults()
	if size < 0 {
		return nil, fmt.Errorf("%w: negative size", ErrFormat)
	}
	if size > lim.MaxBytes {
		return nil, fmt.Errorf("%w: package of %d bytes exceeds MaxBytes (%d)", ErrLimit, size, lim.MaxBytes)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if len(zr.File) > lim.MaxParts {
		return nil, fmt.Errorf("%w: %d zip entries exceed MaxParts (%d)", ErrLimit, len(zr.File), lim.MaxParts)
	}
	pr := newPartReader(zr, lim)
	return open(pr)
}

// MainPart returns the name of the main document part, e.g. "word/document.xml".
func (p *Package) MainPart() string { return p.main }

// Strict reports whether the document uses the Strict OOXML namespaces.
func (p *Package) Strict() bool { return p.strict }

// Body returns the body's paragraphs in document order: paragraphs of tables
// in row and cell order, text-box paragraphs right after the paragraph that
// anchors them. Headers, footers, notes and comments are not included.
// Each call computes the list numbers afresh; Body does not modify p.
func (p *Package) Body() (paras []Paragraph, err error) {
	defer func() {
		if v := recover(); v != nil {
			paras, err = nil, fmt.Errorf("%w: internal error: %v", ErrFormat, v)
		}
	}()
	if p == nil || p.body == nil {
		return nil, nil
	}
	w := newWalker(p)
	w.blocks(p.body, tableCtx{}, 0)
	return w.out, nil
}
