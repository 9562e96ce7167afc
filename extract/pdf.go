package extract

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync/atomic"

	"github.com/clm-engine/clm/internal/pdftext"
)

// PDFHelperMain makes the running program act as the PDF helper process when its
// first argument is PDFHelperArg: it reads a PDF on stdin, writes the text as JSON on
// stdout and exits. Otherwise it returns at once. Programs that parse PDFs with the
// default Options.PDFCommand call it first thing in main (and tests in TestMain).
func PDFHelperMain() {
	if len(os.Args) > 1 && os.Args[1] == PDFHelperArg {
		os.Exit(pdftext.Child(os.Stdin, os.Stdout))
	}
	helperInstalled.Store(true)
}

// helperInstalled records that this program serves as its own PDF helper. It is
// process state by nature (it says what main does), so it lives in a package
// variable; without it, the default PDFCommand would re-run a program that never
// meant to be a helper, with whatever its main does.
var helperInstalled atomic.Bool

// readPDF fills doc.Blocks with the paragraphs of a PDF's text layer, read in the
// helper process.
func readPDF(ctx context.Context, doc *Document, data []byte, o *Options) error {
	argv := o.PDFCommand
	if len(argv) == 0 {
		if !helperInstalled.Load() {
			return fail(doc.Name, ErrPDFHelper, "")
		}
		exe, err := os.Executable()
		if err != nil {
			return fail(doc.Name, ErrCorrupt, "cannot start the PDF reader: %v", err)
		}
		argv = []string{exe, PDFHelperArg}
	}
	res, err := pdftext.Run(ctx, argv, data, pdftext.Limits{Timeout: o.PDFTimeout, Memory: o.PDFMemory})
	if err != nil {
		return pdfError(doc.Name, err)
	}
	doc.Pages = res.Pages
	if len(res.Paragraphs) > o.MaxBlocks {
		return fail(doc.Name, ErrLimit, "%d paragraphs exceed MaxBlocks (%d)", len(res.Paragraphs), o.MaxBlocks)
	}
	doc.Blocks = make([]Block, 0, len(res.Paragraphs))
	for _, p := range res.Paragraphs {
		if p.Text == "" {
			continue
		}
		b := Block{
			Kind:   BlockParagraph,
			Text:   p.Text,
			Anchor: Anchor{Page: p.Page, Line: p.Line, EndPage: p.EndPage, EndLine: p.EndLine},
		}
		if len(p.Lines) > 1 {
			b.Anchor.Lines = make([]LineRef, len(p.Lines))
			for i, l := range p.Lines {
				b.Anchor.Lines[i] = LineRef{Offset: l.Offset, Page: l.Page, Line: l.Line}
			}
		}
		doc.Blocks = append(doc.Blocks, b)
	}
	return nil
}

// pdfError maps the PDF reader's errors to extract's classes.
func pdfError(name string, err error) error {
	detail := strings.TrimPrefix(err.Error(), "pdftext: ")
	switch {
	case errors.Is(err, pdftext.ErrNoText):
		return fail(name, ErrNoText, "")
	case errors.Is(err, pdftext.ErrEncrypted):
		return fail(name, ErrEncrypted, "")
	case errors.Is(err, pdftext.ErrTimeout):
		return fail(name, ErrTimeout, "%s", detail)
	case errors.Is(err, pdftext.ErrMemory):
		return fail(name, ErrLimit, "%s", detail)
	case errors.Is(err, context.DeadlineExceeded):
		return fail(name, ErrTimeout, "%s", detail)
	case errors.Is(err, context.Canceled):
		return fail(name, ErrCanceled, "")
	}
	return fail(name, ErrCorrupt, "%s", detail)
}
