package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Sentinel errors. Every error Parse returns is an *Error wrapping one of them, so
// callers can test the class with errors.Is and print the one-line message.
var (
	// ErrFormat signals content that is not a DOCX, PDF or plain-text contract.
	ErrFormat = errors.New("extract: unsupported file format")
	// ErrCorrupt signals a damaged or truncated DOCX or PDF.
	ErrCorrupt = errors.New("extract: corrupt or truncated file")
	// ErrEncrypted signals a password-protected document.
	ErrEncrypted = errors.New("extract: password-protected (encrypted) document")
	// ErrLegacyDOC signals a Word 97-2003 binary document.
	ErrLegacyDOC = errors.New("extract: legacy Word 97-2003 .doc file; save it as .docx")
	// ErrNoDocument signals a zip package without a Word main document.
	ErrNoDocument = errors.New("extract: zip package without word/document.xml (not a Word document)")
	// ErrLimit signals input over one of the Options limits; the message names it.
	ErrLimit = errors.New("extract: size limit exceeded")
	// ErrDTD signals XML that declares a DTD or entities.
	ErrDTD = errors.New("extract: XML with a DTD or entity declarations is refused")
	// ErrNoText signals a PDF without a text layer.
	ErrNoText = errors.New("extract: no text layer (scanned PDF?)")
	// ErrEmpty signals a document with no text.
	ErrEmpty = errors.New("extract: empty document")
	// ErrTimeout signals a PDF the reader could not finish within Options.PDFTimeout.
	ErrTimeout = errors.New("extract: timed out")
	// ErrCanceled signals that the caller's context ended first.
	ErrCanceled = errors.New("extract: canceled")
	// ErrIO signals a file that could not be read.
	ErrIO = errors.New("extract: cannot read the file")
	// ErrPDFHelper signals that no PDF helper process is configured.
	ErrPDFHelper = errors.New("extract: PDF reader not configured: call extract.PDFHelperMain first in main, or set Options.PDFCommand")
)

// Error codes carried by *Error for machines (JSON problem bodies, reports).
const (
	CodeFormat     = "extract_format_error"
	CodeCorrupt    = "extract_corrupt_error"
	CodeEncrypted  = "extract_encrypted_error"
	CodeLegacyDOC  = "extract_legacy_doc_error"
	CodeNoDocument = "extract_no_document_error"
	CodeLimit      = "extract_limit_error"
	CodeDTD        = "extract_dtd_error"
	CodeNoText     = "extract_no_text_error"
	CodeEmpty      = "extract_empty_error"
	CodeTimeout    = "extract_timeout_error"
	CodeCanceled   = "extract_canceled_error"
	CodeIO         = "extract_io_error"
	CodePDFHelper  = "extract_pdf_helper_error"
)

var codes = map[error]string{
	ErrFormat:     CodeFormat,
	ErrCorrupt:    CodeCorrupt,
	ErrEncrypted:  CodeEncrypted,
	ErrLegacyDOC:  CodeLegacyDOC,
	ErrNoDocument: CodeNoDocument,
	ErrLimit:      CodeLimit,
	ErrDTD:        CodeDTD,
	ErrNoText:     CodeNoText,
	ErrEmpty:      CodeEmpty,
	ErrTimeout:    CodeTimeout,
	ErrCanceled:   CodeCanceled,
	ErrIO:         CodeIO,
	ErrPDFHelper:  CodePDFHelper,
}

// Error is a failure to read one file: the file's name, a stable code and the cause.
type Error struct {
	Name string // file name as given to Parse
	Code string // one of the Code* constants
	Err  error  // wraps one of the Err* sentinels
}

func (e *Error) Error() string { return e.Name + ": " + trimPrefix(e.Err.Error()) }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// trimPrefix drops the "extract: " package prefix for the human message.
func trimPrefix(s string) string {
	const p = "extract: "
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}

// fail builds an *Error for name from a sentinel and optional detail.
func fail(name string, sentinel error, detail string, args ...any) *Error {
	err := sentinel
	if detail != "" {
		err = fmt.Errorf("%w: "+detail, append([]any{sentinel}, args...)...)
	}
	return &Error{Name: name, Code: codes[sentinel], Err: err}
}

// PDFHelperArg is the first argument that makes a program act as the PDF helper
// process; see PDFHelperMain.
const PDFHelperArg = "__pdftext"

// Options configures Parse. The zero value and a nil *Options use the defaults
// given in the field comments.
type Options struct {
	MaxBytes     int64 // size of the input file; default 64 MiB
	MaxParts     int   // zip entries of a DOCX; default 2000
	MaxPartBytes int64 // uncompressed bytes of one DOCX part; default 24 MiB (a 500-page contract's document.xml is a few MiB)
	MaxBlocks    int   // paragraphs (blocks) in one document; default 200000

	// PDFCommand is the argv of the helper process that reads PDF text; default:
	// the running executable with PDFHelperArg, which works for any program that
	// calls PDFHelperMain first thing in main (the clm binary does).
	PDFCommand []string
	PDFTimeout time.Duration // wall clock for one PDF; default 60s
	PDFMemory  int64         // memory limit of the PDF helper; default 1 GiB

	// NoTypes skips clause typing: plain extraction, clauses without Types.
	NoTypes bool

	Logger *slog.Logger // nil discards
}

func (o *Options) withDefaults() Options {
	var r Options
	if o != nil {
		r = *o
	}
	if r.MaxBytes <= 0 {
		r.MaxBytes = 64 << 20
	}
	if r.MaxParts <= 0 {
		r.MaxParts = 2000
	}
	if r.MaxPartBytes <= 0 {
		r.MaxPartBytes = 24 << 20
	}
	if r.MaxBlocks <= 0 {
		r.MaxBlocks = 200000
	}
	if r.PDFTimeout <= 0 {
		r.PDFTimeout = 60 * time.Second
	}
	if r.PDFMemory <= 0 {
		r.PDFMemory = 1 << 30
	}
	if r.Logger == nil {
		r.Logger = slog.New(slog.DiscardHandler)
	}
	return r
}

// ParseFile reads the file at path and parses it with Parse; errors name the path.
// Returns an *Error wrapping ErrLimit when the file is larger than Options.MaxBytes.
func ParseFile(ctx context.Context, path string, opts *Options) (*Document, error) {
	o := opts.withDefaults()
	name := path
	f, err := os.Open(path)
	if err != nil {
		return nil, fail(name, ErrIO, "%v", pathCause(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, o.MaxBytes+1))
	if err != nil {
		return nil, fail(name, ErrIO, "%v", pathCause(err))
	}
	if int64(len(data)) > o.MaxBytes {
		return nil, fail(name, ErrLimit, "file exceeds MaxBytes (%d)", o.MaxBytes)
	}
	return Parse(ctx, name, data, &o)
}

// pathCause drops the path an *os.PathError repeats, leaving the cause.
func pathCause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse reads a DOCX, PDF or plain-text contract, sniffing the format from the
// content (never from the name), and segments it into clauses.
//
// Every error is an *Error naming the file, with a Code and a cause that wraps one
// of the Err* sentinels. Parse does not panic on any input; PDF text is read in a
// helper process (Options.PDFCommand) so a hostile PDF cannot hang or crash the
// caller. Parse is safe for concurrent use.
func Parse(ctx context.Context, name string, data []byte, opts *Options) (doc *Document, err error) {
	o := opts.withDefaults()
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fail(name, ErrCorrupt, "internal error reading the file: %v", r)
		}
	}()
	if int64(len(data)) > o.MaxBytes {
		return nil, fail(name, ErrLimit, "file exceeds MaxBytes (%d)", o.MaxBytes)
	}
	format, err := sniff(name, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	doc = &Document{Name: filepath.Base(name), Format: format, SHA256: hex.EncodeToString(sum[:]), Source: data,
		clauseTerms: &clauseTermCache{}}
	start := time.Now()
	switch format {
	case FormatDOCX:
		err = readDOCX(ctx, doc, data, &o)
	case FormatPDF:
		err = readPDF(ctx, doc, data, &o)
	case FormatText:
		doc.Blocks = textBlocks(data, o.MaxBlocks+1)
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Name = name // as the caller gave it, path included
		}
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, fail(name, ErrCanceled, "")
	}
	if len(doc.Blocks) > o.MaxBlocks {
		return nil, fail(name, ErrLimit, "%d paragraphs exceed MaxBlocks (%d)", len(doc.Blocks), o.MaxBlocks)
	}
	if !hasText(doc.Blocks) {
		if format == FormatPDF {
			return nil, fail(name, ErrNoText, "")
		}
		return nil, fail(name, ErrEmpty, "no text in the %s body", format)
	}
	for i := range doc.Blocks {
		doc.Blocks[i].Index = i
	}
	segment(doc)
	if !o.NoTypes {
		classify(doc)
		abstractTerms(doc)
	}
	o.Logger.Debug("extracted", "name", name, "format", format, "blocks", len(doc.Blocks),
		"clauses", len(doc.Clauses), "elapsed", time.Since(start))
	return doc, nil
}

func hasText(blocks []Block) bool {
	for i := range blocks {
		if blocks[i].Text != "" {
			return true
		}
	}
	return false
}

// sniff decides the format from the content.
func sniff(name string, data []byte) (Format, error) {
	head := data[:min(len(data), 1024)]
	lead := bytes.TrimLeft(head, " \t\r\n\xEF\xBB\xBF")
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "", fail(name, ErrEmpty, "the file has no content")
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return FormatDOCX, nil
	case bytes.HasPrefix(data, []byte("PK\x01\x02")), bytes.HasPrefix(data, []byte("PK\x07\x08")):
		return "", fail(name, ErrCorrupt, "truncated or damaged zip package")
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "", sniffOLE(name, data)
	case bytes.HasPrefix(lead, []byte("%PDF-")), isPDF(head, data):
		return FormatPDF, nil
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return "", fail(name, ErrFormat, "RTF is not supported; save it as .docx")
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return "", fail(name, ErrFormat, "UTF-16 text is not supported; save it as UTF-8")
	case hasPrefixFold(lead, "<?xml"), hasPrefixFold(lead, "<!doctype"), hasPrefixFold(lead, "<html"), hasPrefixFold(lead, "mime-version:"):
		if bytes.Contains(head, []byte("<!ENTITY")) {
			return "", fail(name, ErrDTD, "")
		}
		return "", fail(name, ErrFormat, "XML, HTML or web-archive file (Word 2003 XML, \"Web Page\" .doc?); save it as .docx")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", fail(name, ErrFormat, "binary data (NUL bytes), not a DOCX, PDF or plain-text file")
	}
	if looksLikeText(data) {
		return FormatText, nil
	}
	return "", fail(name, ErrFormat, "not a DOCX, PDF or plain-text file")
}

// isPDF accepts the PDF header after up to 1 KiB of leading junk, as readers do,
// when the file also ends like a PDF; a text that quotes "%PDF-" is not a PDF.
func isPDF(head, data []byte) bool {
	if !bytes.Contains(head, []byte("%PDF-")) {
		return false
	}
	tail := data[max(0, len(data)-1024):]
	return bytes.Contains(tail, []byte("%%EOF"))
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// sniffOLE tells an encrypted OOXML package from a legacy .doc. Both are OLE
// compound files; the directory names their streams in UTF-16LE.
func sniffOLE(name string, data []byte) error {
	utf16 := func(s string) []byte {
		b := make([]byte, 0, 2*len(s))
		for i := 0; i < len(s); i++ {
			b = append(b, s[i], 0)
		}
		return b
	}
	switch {
	case bytes.Contains(data, utf16("EncryptedPackage")), bytes.Contains(data, utf16("EncryptionInfo")):
		return fail(name, ErrEncrypted, "remove the password in Word and upload it again")
	case bytes.Contains(data, utf16("WordDocument")):
		return fail(name, ErrLegacyDOC, "")
	}
	return fail(name, ErrFormat, "an OLE compound file that is not a Word document")
}

// looksLikeText reports whether data reads as text: control bytes other than
// white space are at most 1% of a 64 KiB sample. Bytes that are not UTF-8 do not
// count against it; they are read as Windows-1252.
func looksLikeText(data []byte) bool {
	sample := data[:min(len(data), 64<<10)]
	bad := 0
	for _, c := range sample {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' || c == 0x7F {
			bad++
		}
	}
	return bad*100 <= len(sample)
}
