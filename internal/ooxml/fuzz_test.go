package ooxml

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// fuzzPackage turns fuzz input into a package: a zip is used as it is, any
// other input becomes word/document.xml beside the given styles and
// numbering parts. Entries are stored uncompressed to keep executions fast.
func fuzzPackage(tb testing.TB, data []byte, extra [][2]string) []byte {
	if bytes.HasPrefix(data, []byte("PK")) {
		return data
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range append([][2]string{{"word/document.xml", string(data)}}, extra...) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Store})
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzBody opens arbitrary packages and document parts: Open and Body must
// return a sentinel error or paragraphs with a consistent run map, and never
// panic or hang.
func FuzzBody(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, fx := range fixtures() {
		f.Add(fx.docx(f))
		for _, p := range fx.parts() {
			if p[0] == "word/document.xml" {
				f.Add([]byte(p[1]))
			}
		}
	}
	// Styles of the stylelinked fixture, numbering of the multilevel one.
	var extra [][2]string
	for _, p := range append(fixtureNamed(f, "stylelinked").parts(), fixtureNamed(f, "multilevel").parts()...) {
		if p[0] == "word/styles.xml" || p[0] == "word/numbering.xml" {
			extra = append(extra, p)
		}
	}
	extra = extra[:2]
	lim := Limits{MaxBytes: 1 << 20, MaxPartBytes: 4 << 20, MaxTotalBytes: 8 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkg := fuzzPackage(t, data, extra)
		p, err := Open(bytes.NewReader(pkg), int64(len(pkg)), lim)
		if err != nil {
			if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrNoDocument) && !errors.Is(err, ErrLimit) && !errors.Is(err, ErrDTD) {
				t.Fatalf("Open: error %v wraps no sentinel", err)
			}
			return
		}
		paras, err := p.Body()
		if err != nil {
			t.Fatalf("Body: %v", err)
		}
		last := -1
		for _, para := range paras {
			checkRuns(t, para)
			if para.Index <= last {
				t.Fatalf("paragraph indexes out of order: %d after %d", para.Index, last)
			}
			last = para.Index
			if para.LeadEmphasis < 0 || para.LeadEmphasis > len(para.Text) {
				t.Fatalf("LeadEmphasis %d out of range for %q", para.LeadEmphasis, para.Text)
			}
		}
	})
}
