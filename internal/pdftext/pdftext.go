// Package pdftext reads the text layer of a PDF in reading order, in a child process.
//
// github.com/ledongthuc/pdf parses the file structure (cross-reference
// table, objects, stream filters, encryption). The content streams are
// interpreted here: glyph positions (including text in form XObjects and
// CID fonts, which the library's Page.Content misses), clipping, then lines,
// columns, words, paragraphs, running headers and hyphenation. The library
// can panic or loop forever on hostile files, so untrusted input goes
// through Run, which parses in a child process (see Child) with a time and
// memory limit; Read is the in-process parser that the child calls.
package pdftext

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Paragraph is one paragraph, or heading line, of text.
type Paragraph struct {
	// Text is the paragraph's lines joined with single spaces, with words
	// hyphenated at a line end re-joined.
	Text string `json:"text"`
	// Page and Line locate the first line: the 1-based page and the 1-based
	// line on that page, counting every line of the page in reading order,
	// including dropped running headers and footers.
	Page int `json:"page"`
	Line int `json:"line"`
	// EndPage and EndLine locate the last line.
	EndPage int `json:"end_page"`
	EndLine int `json:"end_line"`
	// Lines locates the start of each of the paragraph's lines in Text, in order.
	Lines []LineStart `json:"lines,omitempty"`
}

// LineStart is where one source line starts in a paragraph's Text: the byte
// offset, and the line's 1-based page and line number.
type LineStart struct {
	Offset int `json:"o"`
	Page   int `json:"p"`
	Line   int `json:"l"`
}

// Result is the text of a PDF.
type Result struct {
	Pages      int         `json:"pages"`
	Paragraphs []Paragraph `json:"paragraphs"`
	// BadPages lists the 1-based pages whose content could not be read to
	// the end; their text is partly or wholly missing from Paragraphs.
	BadPages []int `json:"bad_pages,omitempty"`
}

var (
	// ErrCorrupt signals a PDF that cannot be parsed.
	ErrCorrupt = errors.New("pdftext: corrupt or unreadable PDF")
	// ErrNoText signals a PDF whose pages have no text, such as a scan.
	ErrNoText = errors.New("pdftext: no text layer (scanned PDF?)")
	// ErrTimeout signals that reading took longer than allowed.
	ErrTimeout = errors.New("pdftext: timed out")
	// ErrMemory signals that reading needed more memory than allowed.
	ErrMemory = errors.New("pdftext: memory limit exceeded")
	// ErrEncrypted signals a PDF that cannot be decrypted without a password.
	ErrEncrypted = errors.New("pdftext: encrypted PDF")
)

// Read parses data in-process and returns its text.
//
// Errors wrap ErrCorrupt, ErrNoText, ErrEncrypted, or ErrTimeout (with
// context.DeadlineExceeded) when ctx expires; a canceled ctx gives
// context.Canceled. Panics in the PDF library are recovered as ErrCorrupt,
// or, when only some pages fail, listed in Result.BadPages.
// ctx is checked while the file is read and while content is interpreted,
// but the library can still loop without reading (a truncated object stream),
// so use Run for untrusted files.
func Read(ctx context.Context, data []byte) (*Result, error) {
	res, _, err := read(ctx, data, false)
	return res, err
}

// read is Read that also returns the lines of each page, with the running
// headers and footers it dropped marked. With strict set, a runtime error
// raised in this package's own code is not recovered, so that fuzzing finds
// it.
func read(ctx context.Context, data []byte, strict bool) (res *Result, pls []pageLines, err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, abortErr(err)
	}
	defer func() {
		if x := recover(); x != nil {
			if strict && ownPanic(x) {
				panic(x)
			}
			res, pls, err = nil, nil, panicErr(x)
		}
	}()
	src := newSource(ctx, data)
	if err := checkXref(src.data); err != nil {
		return nil, nil, err
	}
	r, err := pdf.NewReader(src, src.size())
	if err != nil {
		return nil, nil, openErr(err)
	}
	pages, err := pageTree(r)
	if err != nil {
		return nil, nil, err
	}
	if len(pages) == 0 {
		return nil, nil, fmt.Errorf("%w: no pages", ErrCorrupt)
	}
	res = &Result{Pages: len(pages)}
	pls, glyphs := extractPages(ctx, pages, res, strict)
	if len(res.BadPages) == len(pages) {
		return nil, nil, fmt.Errorf("%w: no page could be read", ErrCorrupt)
	}
	if glyphs == 0 {
		if len(res.BadPages) > 0 {
			return nil, nil, fmt.Errorf("%w: no text, and pages %v could not be read", ErrCorrupt, res.BadPages)
		}
		return nil, nil, ErrNoText
	}
	markRunning(pls)
	res.Paragraphs = assemble(pls)
	return res, pls, nil
}

// extractPages returns the lines of every page and the number of glyphs
// with text, recording unreadable pages in res.BadPages.
func extractPages(ctx context.Context, pages []page, res *Result, strict bool) ([]pageLines, int) {
	in := newInterp(ctx)
	in.strict = strict
	var lay layout
	pls := make([]pageLines, len(pages))
	total := 0
	var all []line
	for i, pg := range pages {
		w, h, err := in.safePage(pg)
		if err != nil {
			res.BadPages = append(res.BadPages, i+1)
		}
		for _, g := range in.glyphs {
			if g.text != " " {
				total++
			}
		}
		start := len(all)
		all = lay.lines(in.glyphs, all)
		pls[i] = pageLines{lines: all[start:len(all):len(all)], w: w, h: h}
	}
	return pls, total
}

// safePage runs one page, turning a panic into an error for that page.
// An abort (deadline, read budget) still ends the whole read.
func (in *interp) safePage(pg page) (w, h float64, err error) {
	defer func() {
		if x := recover(); x != nil {
			if a, ok := x.(abort); ok {
				panic(a)
			}
			if in.strict && ownPanic(x) {
				panic(x)
			}
			if pe, ok := x.(pageError); ok {
				err = pe.err
				return
			}
			err = fmt.Errorf("%v", x)
		}
	}()
	return in.page(pg)
}

// ownPanic reports whether x is a runtime error (an index out of range, a
// nil dereference) raised in this package's code rather than in the PDF
// library's. It must be called from the deferred function that recovered x.
func ownPanic(x any) bool {
	if _, ok := x.(runtime.Error); !ok {
		return false
	}
	if _, ok := x.(abort); ok {
		return false
	}
	var pcs [64]uintptr
	n := runtime.Callers(2, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case strings.HasPrefix(f.Function, "runtime."):
			panicking = true // the frames of the panic itself
		case panicking:
			return strings.HasPrefix(f.Function, "github.com/clm-engine/clm/internal/pdftext.")
		}
		if !more {
			return false
		}
	}
}

// openErr classifies an error from pdf.NewReader.
func openErr(err error) error {
	var a abort
	if errors.As(err, &a) {
		return abortErr(a.err)
	}
	if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") {
		return fmt.Errorf("%w: %v", ErrEncrypted, err)
	}
	return fmt.Errorf("%w: %v", ErrCorrupt, err)
}

// panicErr classifies a recovered panic.
func panicErr(x any) error {
	if a, ok := x.(abort); ok {
		return abortErr(a.err)
	}
	if e, ok := x.(error); ok {
		var a abort
		if errors.As(e, &a) {
			return abortErr(a.err)
		}
	}
	return fmt.Errorf("%w: %v", ErrCorrupt, x)
}

func abortErr(err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("pdftext: %w", err)
	case errors.Is(err, ErrCorrupt), errors.Is(err, ErrTimeout), errors.Is(err, ErrMemory):
		return err
	}
	return fmt.Errorf("%w: %w", ErrCorrupt, err)
}
