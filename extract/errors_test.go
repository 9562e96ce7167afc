package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func zipOf(tb testing.TB, files map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(data)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// ole builds the start of an OLE compound file whose directory names the given
// streams (in UTF-16LE, as the real directory does).
func ole(streams ...string) []byte {
	b := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	b = append(b, make([]byte, 504)...)
	for _, s := range streams {
		for i := 0; i < len(s); i++ {
			b = append(b, s[i], 0)
		}
		b = append(b, make([]byte, 64)...)
	}
	return b
}

// textlessPDF is a valid one-page PDF with no text on the page, like a scan.
func textlessPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
		"<< /Length 26 >>\nstream\n0 0 1 rg 10 10 50 50 re f\nendstream",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		b.WriteString(strings.Join([]string{itoa(i + 1), " 0 obj\n", o, "\nendobj\n"}, ""))
	}
	xref := b.Len()
	b.WriteString("xref\n0 " + itoa(len(objs)+1) + "\n0000000000 65535 f \n")
	for _, o := range offs {
		s := itoa(o)
		b.WriteString(strings.Repeat("0", 10-len(s)) + s + " 00000 n \n")
	}
	b.WriteString("trailer\n<< /Size " + itoa(len(objs)+1) + " /Root 1 0 R >>\nstartxref\n" + itoa(xref) + "\n%%EOF\n")
	return b.Bytes()
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}

// TestBadInput checks that each kind of bad input gets its own error class, an
// error that names the file, and no panic.
func TestBadInput(t *testing.T) {
	good := buildDOCX(t, []genPara{{num: 1, runs: plain("The Supplier shall provide the Services.")}})
	minimalDoc := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>`
	bomb := zipOf(t, map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   strings.Replace(minimalDoc, "%s", `<w:p><w:r><w:t>`+strings.Repeat("A", 3<<20)+`</w:t></w:r></w:p>`, 1),
	})
	tests := []struct {
		name string
		file string
		data []byte
		opts *Options
		want error
		msg  string // substring of the one-line message
	}{
		{"empty file", "empty.docx", nil, nil, ErrEmpty, "empty.docx: empty document"},
		{"blank text", "blank.txt", []byte(" \n\t\n"), nil, ErrEmpty, "blank.txt: empty document"},
		{"binary garbage", "contract.docx", []byte("\x00\x01\x02\x03garbage\x00\xff"), nil, ErrFormat, "contract.docx: unsupported file format"},
		{"truncated zip", "cut.docx", good[:len(good)/2], nil, ErrCorrupt, "cut.docx: corrupt or truncated file"},
		{"zip without document", "sheet.docx", zipOf(t, map[string]string{"xl/workbook.xml": "<workbook/>"}), nil, ErrNoDocument, "sheet.docx: zip package without word/document.xml"},
		{"encrypted OOXML", "locked.docx", ole("EncryptionInfo", "EncryptedPackage"), nil, ErrEncrypted, "locked.docx: password-protected"},
		{"legacy doc", "old.doc", ole("WordDocument", "1Table"), nil, ErrLegacyDOC, "old.doc: legacy Word 97-2003 .doc"},
		{"other OLE file", "book.xls", ole("Workbook"), nil, ErrFormat, "book.xls: unsupported file format"},
		{"zip bomb", "bomb.docx", bomb, &Options{MaxPartBytes: 1 << 20}, ErrLimit, "MaxPartBytes"},
		{"file over MaxBytes", "big.txt", bytes.Repeat([]byte("word "), 1000), &Options{MaxBytes: 100}, ErrLimit, "big.txt: size limit exceeded: file exceeds MaxBytes (100)"},
		{"DTD", "dtd.docx", zipOf(t, map[string]string{
			"word/document.xml": `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "xx">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`,
		}), nil, ErrDTD, "dtd.docx: XML with a DTD"},
		{"malformed XML", "bad.docx", zipOf(t, map[string]string{"word/document.xml": `<w:document xmlns:w="x"><w:body><w:p>`}), nil, ErrCorrupt, "bad.docx: corrupt"},
		{"empty DOCX body", "blank.docx", zipOf(t, map[string]string{"word/document.xml": strings.Replace(minimalDoc, "%s", "<w:p/>", 1)}), nil, ErrEmpty, "blank.docx: empty document"},
		{"truncated PDF", "cut.pdf", textlessPDF()[:100], nil, ErrCorrupt, "cut.pdf: corrupt"},
		{"PDF header only", "head.pdf", []byte("%PDF-1.7\n"), nil, ErrCorrupt, "head.pdf: corrupt"},
		{"scanned PDF", "scan.pdf", textlessPDF(), nil, ErrNoText, "scan.pdf: no text layer (scanned PDF?)"},
		{"RTF", "memo.doc", []byte(`{\rtf1\ansi Hello}`), nil, ErrFormat, "memo.doc: unsupported file format: RTF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			doc, err := Parse(ctx, tt.file, tt.data, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%s) = %v, %v; want %v", tt.file, doc != nil, err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != codes[tt.want] {
				t.Errorf("error %v is not an *Error with code %s", err, codes[tt.want])
			}
			if msg := err.Error(); !strings.Contains(msg, tt.msg) || strings.Contains(msg, "\n") {
				t.Errorf("message %q: want one line containing %q", msg, tt.msg)
			}
		})
	}
}

// TestSniffIgnoresExtension reads content by what it is, not by what it is called.
func TestSniffIgnoresExtension(t *testing.T) {
	docx := buildDOCX(t, []genPara{{num: 1, runs: plain("The Supplier shall provide the Services.")}})
	tests := []struct {
		name string
		data []byte
		want Format
	}{
		{"contract.pdf", docx, FormatDOCX},
		{"contract.txt", docx, FormatDOCX},
		{"contract.docx", []byte("1. Services. The Supplier shall provide the Services."), FormatText},
	}
	for _, tt := range tests {
		doc, err := Parse(context.Background(), tt.name, tt.data, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if doc.Format != tt.want {
			t.Errorf("%s: format %s, want %s", tt.name, doc.Format, tt.want)
		}
	}
}

// TestSniffRefusals covers content that looks like text or like one format but is
// another: each gets its class and a cause a paralegal can act on.
func TestSniffRefusals(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
		msg  string
	}{
		{"word2003.docx", `<?xml version="1.0"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>`, ErrFormat, "Word 2003 XML"},
		{"entities.xml", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>`, ErrDTD, "DTD"},
		{"page.doc", "<html><body><p>1. Services.</p></body></html>", ErrFormat, "HTML"},
		{"web.doc", "MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n", ErrFormat, "web-archive"},
		{"unicode.txt", "\xFF\xFE1\x00.\x00 \x00", ErrFormat, "UTF-16 text is not supported; save it as UTF-8"},
		{"nul.txt", "1. Services. The Supplier\x00 shall provide the Services.", ErrFormat, "NUL bytes"},
		{"zipdir.docx", "PK\x01\x02 central directory without local headers", ErrCorrupt, "damaged zip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(context.Background(), tt.name, []byte(tt.data), nil)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), tt.name+": ") {
				t.Errorf("got %v, want %v naming %s and saying %q", err, tt.want, tt.name, tt.msg)
			}
		})
	}
	// text that only starts like a zip or mentions %PDF- is still text
	for name, data := range map[string]string{
		"pk.txt":  "PKF Holdings Services Agreement\n1. Services. The Supplier shall provide the Services.",
		"pdf.txt": "1. Files. Deliverables in %PDF-1.7 format are accepted.\n2. Term. One year.",
	} {
		doc, err := Parse(context.Background(), name, []byte(data), nil)
		if err != nil || doc.Format != FormatText {
			t.Errorf("%s: %v, want a text document", name, err)
		}
	}
}

// TestParseFileErrors checks that files that cannot be read are *Errors too.
func TestParseFileErrors(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{dir, dir + "/missing.docx"} {
		_, err := ParseFile(context.Background(), path, nil)
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeIO || strings.Count(err.Error(), path) != 1 {
			t.Errorf("ParseFile(%s) = %v, want one *Error with code %s naming the path once", path, err, CodeIO)
		}
	}
}

// TestMaxBlocks refuses a document with too many paragraphs without building them all.
func TestMaxBlocks(t *testing.T) {
	data := bytes.Repeat([]byte("a\n"), 1000)
	_, err := Parse(context.Background(), "lines.txt", data, &Options{MaxBlocks: 100})
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "MaxBlocks (100)") {
		t.Errorf("got %v, want ErrLimit naming MaxBlocks", err)
	}
	if b := textBlocks(data, 101); len(b) != 101 {
		t.Errorf("textBlocks stopped at %d blocks, want 101", len(b))
	}
}

// TestPDFHelper checks the helper-process configuration: an unconfigured program
// gets ErrPDFHelper rather than re-running itself, an explicit command works, and a
// cancelled context is reported as cancelled, not as a corrupt file.
func TestPDFHelper(t *testing.T) {
	ctx := context.Background()
	helperInstalled.Store(false)
	_, err := Parse(ctx, "a.pdf", textlessPDF(), nil)
	helperInstalled.Store(true)
	if !errors.Is(err, ErrPDFHelper) {
		t.Errorf("unconfigured helper: got %v, want ErrPDFHelper", err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(ctx, "scan.pdf", textlessPDF(), &Options{PDFCommand: []string{exe, PDFHelperArg}})
	if !errors.Is(err, ErrNoText) {
		t.Errorf("explicit PDFCommand: got %v, want ErrNoText", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = Parse(cctx, "a.pdf", textlessPDF(), nil)
	if !errors.Is(err, ErrCanceled) {
		t.Errorf("cancelled: got %v, want ErrCanceled", err)
	}
}

// TestCanceled stops DOCX and text parsing when the caller's context has ended.
func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, data := range map[string][]byte{"a.docx": buildDOCX(t, sampleMSA()), "b.txt": []byte("1. Term. One year.")} {
		if _, err := Parse(ctx, name, data, nil); !errors.Is(err, ErrCanceled) {
			t.Errorf("%s: got %v, want ErrCanceled", name, err)
		}
	}
}
