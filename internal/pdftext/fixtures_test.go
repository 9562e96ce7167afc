package pdftext

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var (
	update = flag.Bool("update", false, "update testdata/*.golden.txt")
	regen  = flag.Bool("regen", false, "rebuild the testdata PDFs (the LibreOffice ones need soffice and pdftocairo)")
)

// pdfFile is a hand-written PDF. Objects are numbered from 1 in order; the
// builder writes the cross-reference table, so the offsets are right.
type pdfFile struct {
	header  string   // default "%PDF-1.4"
	objs    []string // bodies of objects 1, 2, ...
	trailer string   // extra trailer entries
	prev    bool     // point /Prev at this same xref section (a loop)
}

func (f pdfFile) bytes() []byte {
	var b bytes.Buffer
	h := f.header
	if h == "" {
		h = "%PDF-1.4"
	}
	b.WriteString(h + "\n")
	offs := make([]int, len(f.objs))
	for i, o := range f.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(f.objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	extra := f.trailer
	if f.prev {
		extra += fmt.Sprintf(" /Prev %d", xref)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(f.objs)+1, extra, xref)
	return b.Bytes()
}

// stream formats a stream object.
func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// simplePDF has one page per content stream, all using Helvetica as /F1.
func simplePDF(header string, contents ...string) pdfFile {
	f := pdfFile{header: header}
	kids := ""
	for i := range contents {
		kids += fmt.Sprintf("%d 0 R ", 4+2*i)
	}
	f.objs = []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, len(contents)),
		helvetica,
	}
	for i, c := range contents {
		f.objs = append(f.objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			stream("", c))
	}
	return f
}

// hangObjStm builds a PDF whose catalog sits in an object stream that ends
// inside a hex string. ledongthuc/pdf reads such a string with a loop that
// never sees the end of the data: it spins forever without reading the file.
func hangObjStm() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	offs := map[int]int{}
	obj := func(n int, body string) {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	obj(2, "<< /Type /Pages /Kids [] /Count 0 >>")
	obj(3, stream("/Type /ObjStm /N 1 /First 4", "1 0 <41"))
	xref := b.Len()
	row := func(typ, f2, f3 int) []byte { return []byte{byte(typ), byte(f2 >> 8), byte(f2), byte(f3)} }
	var data []byte
	data = append(data, row(0, 0, 255)...)
	data = append(data, row(2, 3, 0)...) // object 1: in object stream 3
	data = append(data, row(1, offs[2], 0)...)
	data = append(data, row(1, offs[3], 0)...)
	data = append(data, row(1, xref, 0)...)
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n", len(data))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// handmade are the hand-written PDFs in testdata.
var handmade = map[string]func() []byte{
	// Two pages, a running header and page numbers, a TJ-kerned word gap,
	// and Helvetica without /Widths.
	"minimal.pdf": func() []byte {
		page := func(n int, clause string) string {
			return fmt.Sprintf("BT /F1 9 Tf 72 750 Td (Minimal Test Header) Tj ET\n"+
				"BT /F1 12 Tf 72 700 Td (%d. %s) Tj 0 -14 Td [(document, with kerned)-250(words.)] TJ ET\n"+
				"BT /F1 9 Tf 300 40 Td (%d) Tj ET", n, clause, n)
		}
		return simplePDF("", page(1, "First clause of the minimal"), page(2, "Second clause of the minimal")).bytes()
	},
	// PDF 2.0 header, which the library refuses as is.
	"pdf20.pdf": func() []byte {
		return simplePDF("%PDF-2.0", "BT /F1 12 Tf 72 700 Td (Version two header.) Tj ET").bytes()
	},
	// A page with drawing only.
	"no-text.pdf": func() []byte {
		return simplePDF("", "0 0 1 rg 72 72 200 100 re f").bytes()
	},
	// /Kids contains the Pages node itself; the library's Page loops forever.
	"cyclic-kids.pdf": func() []byte {
		f := simplePDF("", "BT /F1 12 Tf 72 700 Td (Cyclic.) Tj ET")
		f.objs[1] = "<< /Type /Pages /Kids [4 0 R 2 0 R] /Count 2 >>"
		return f.bytes()
	},
	// The page is its own /Parent and has no /Resources; the library's
	// resource lookup loops forever. The font is missing too.
	"self-parent.pdf": func() []byte {
		f := simplePDF("", "BT /F1 12 Tf 72 700 Td (Parent loop.) Tj ET")
		f.objs[3] = "<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>"
		return f.bytes()
	},
	// The content stream reference points at an object that is a
	// reference to itself; the library panics.
	"self-ref.pdf": func() []byte {
		f := simplePDF("", "")
		f.objs[4] = "5 0 R"
		return f.bytes()
	},
	// The trailer's /Prev points at its own cross-reference section.
	"prev-loop.pdf": func() []byte {
		f := simplePDF("", "BT /F1 12 Tf 72 700 Td (Prev loop.) Tj ET")
		f.prev = true
		return f.bytes()
	},
	// A cross-reference subsection claiming a billion objects.
	"huge-xref.pdf": func() []byte {
		b := simplePDF("", "BT /F1 12 Tf 72 700 Td (Huge.) Tj ET").bytes()
		return bytes.Replace(b, []byte("xref\n0 6\n"), []byte("xref\n1000000000 6\n"), 1)
	},
	// Standard security handler with a user password we do not have.
	"encrypted.pdf": func() []byte {
		f := simplePDF("", "BT /F1 12 Tf 72 700 Td (Secret.) Tj ET")
		f.objs = append(f.objs, "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 "+
			"/O <"+strings.Repeat("5a", 32)+"> /U <"+strings.Repeat("a5", 32)+"> >>")
		f.trailer = " /Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"
		return f.bytes()
	},
	// See hangObjStm.
	"hang-objstm.pdf": hangObjStm,
	// Page 1 is shown rotated (/Rotate 90) with its text drawn upright on
	// screen; page 2 has a vertical note in its margin.
	"rotated.pdf": func() []byte {
		f := simplePDF("",
			"BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Landscape page text, line one.) Tj 0 -14 Td (Line two of the landscape page.) Tj ET",
			"BT /F1 12 Tf 72 700 Td (Upright body text.) Tj ET BT /F1 8 Tf 0 1 -1 0 30 300 Tm (Vertical margin note) Tj ET")
		f.objs[3] = strings.Replace(f.objs[3], "/Type /Page ", "/Type /Page /Rotate 90 ", 1)
		return f.bytes()
	},
	// Page 2's content is a self-reference; page 1 is fine.
	"bad-page.pdf": func() []byte {
		f := simplePDF("", "BT /F1 12 Tf 72 700 Td (The good page.) Tj ET", "")
		f.objs[6] = "7 0 R"
		return f.bytes()
	},
}

// TestHandmadeFixtures checks that the hand-written PDFs in testdata are
// what the builders above produce.
func TestHandmadeFixtures(t *testing.T) {
	for name, build := range handmade {
		path := filepath.Join("testdata", name)
		want := build()
		if *regen {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestHandmadeFixtures -regen)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its builder (run go test -run TestHandmadeFixtures -regen)", path)
		}
	}
}

// TestRegenerateLibreOffice rebuilds testdata/<name>.pdf from
// testdata/<name>.fodt with LibreOffice, and <name>-cairo.pdf from that
// with pdftocairo (a second producer), when run with -regen.
func TestRegenerateLibreOffice(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rebuild the LibreOffice fixtures")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not installed")
	}
	srcs, err := filepath.Glob("testdata/*.fodt")
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range srcs {
		out, err := exec.Command("soffice", "--headless", "--convert-to", "pdf", "--outdir", "testdata", src).CombinedOutput()
		if err != nil {
			t.Fatalf("soffice %s: %v\n%s", src, err, out)
		}
	}
	if _, err := exec.LookPath("pdftocairo"); err != nil {
		t.Skip("pdftocairo not installed")
	}
	if out, err := exec.Command("pdftocairo", "-pdf", "testdata/contract.pdf", "testdata/contract-cairo.pdf").CombinedOutput(); err != nil {
		t.Fatalf("pdftocairo: %v\n%s", err, out)
	}
}
