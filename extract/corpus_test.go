package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// corpusDir is the shared corpus of public contracts, beside the repository.
const corpusDir = "../../shared/corpus"

func needCorpus(tb testing.TB) {
	tb.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		tb.Skipf("corpus not found at %s (it lives in ../shared beside the repository): %v", corpusDir, err)
	}
}

// needTool skips when a reference tool is missing, except in CI, where .ci/run
// installs it and a missing tool is a failure.
func needTool(tb testing.TB, name string) {
	tb.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%s is not installed; .ci/run must install it", name)
		}
		tb.Skipf("%s is not installed (apt-get install %s)", name, map[string]string{"pdftotext": "poppler-utils", "soffice": "libreoffice-writer-nogui"}[name])
	}
}

// words splits text into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func bag(ws []string) map[string]int {
	m := make(map[string]int, len(ws))
	for _, w := range ws {
		m[w]++
	}
	return m
}

// coverage is the share of the reference words (as a multiset) found in got.
func coverage(ref, got map[string]int) (covered, total int) {
	for w, n := range ref {
		total += n
		covered += min(n, got[w])
	}
	return covered, total
}

// docxBodyWords reads the words of every w:t of the body's current view directly
// from word/document.xml: deleted text (w:delText, w:moveFrom) and the mc:Fallback
// copy of text boxes are not current text.
func docxBodyWords(tb testing.TB, data []byte) []string {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var f *zip.File
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			f = zf
		}
	}
	if f == nil {
		tb.Fatal("no word/document.xml")
	}
	rc, err := f.Open()
	if err != nil {
		tb.Fatal(err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	var text strings.Builder
	inT, skip := false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "Fallback", "moveFrom", "del":
				skip++
			case "t":
				inT = skip == 0
			case "tab", "br", "cr", "p", "tc":
				text.WriteByte(' ')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "Fallback", "moveFrom", "del":
				skip--
			case "t":
				inT = false
			case "p":
				text.WriteByte(' ')
			}
		case xml.CharData:
			if inT {
				text.Write(t)
			}
		}
	}
	return words(text.String())
}

var pageNumberLine = regexp.MustCompile(`(?i)^[\s\-–—]*(page\s*)?\d+(\s*(of|/)\s*\d+)?[\s\-–—]*$`)

// pdfReferenceWords is what pdftotext finds in raw (content-stream) mode, less
// running headers and footers. Raw mode, because the default layout mode prints
// some letter-spaced EVO pages as one word per letter. Dropped: lines
// near the top or bottom of a page that repeat (digits aside) on half the pages or
// more, and lone page numbers.
func pdfReferenceWords(tb testing.TB, path string) []string {
	tb.Helper()
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext %s: %v", path, err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	norm := func(s string) string {
		return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return '#'
			}
			return r
		}, s)), " ")
	}
	type line struct {
		text string
		edge bool
	}
	var all [][]line
	seen := map[string]int{}
	for _, p := range pages {
		var ls []line
		for _, l := range strings.Split(p, "\n") {
			if strings.TrimSpace(l) != "" {
				ls = append(ls, line{text: l})
			}
		}
		keys := map[string]bool{}
		for i := range ls {
			if i < 3 || i >= len(ls)-3 {
				ls[i].edge = true
				keys[norm(ls[i].text)] = true
			}
		}
		for k := range keys {
			seen[k]++
		}
		all = append(all, ls)
	}
	repeat := max(2, (len(pages)+1)/2)
	var ws []string
	for _, ls := range all {
		for _, l := range ls {
			if l.edge && (len(pages) > 1 && seen[norm(l.text)] >= repeat || pageNumberLine.MatchString(l.text)) {
				continue
			}
			ws = append(ws, words(l.text)...)
		}
	}
	return ws
}

type corpusResult struct {
	name             string
	covered, total   int
	clauses          int
	maxClauseShare   float64
	numbered, starts int // auto-numbered blocks, clauses that start on one
	structured       bool
	excused          string // why a clause over 25% of the words is one clause
}

// corpusLong lists the corpus DOCX and PDF files (cuadLong, in segment_test.go, the
// CUAD texts) in which one clause holds more than a quarter of the words, with the
// reason it is one clause. Paragraphs are never split into sentences to meet the
// figure; each entry was read by hand.
var corpusLong = map[string]string{
	"bonterms-mutual-nda-coverpage.docx":          "cover page of ~200 words: its one intro paragraph (~60 words) is the largest clause",
	"bonterms-mutual-nda-filled-acme-globex.docx": "cover page of ~215 words: the title line and its one intro paragraph (~80 words)",
	"bonterms-mutual-nda-redline.docx":            "cover page of ~220 words: the title line and its one intro paragraph",
	"safedocx-commonpaper-mutual-nda-filled.docx": "cover page of ~220 words: one intro paragraph (~60 words)",
	"python-redlines-modified.docx":               "a 51-word test file: one 13-word sentence",
	"commonpaper-amendment.docx":                  "a 109-word form: the Amendment Date table row (label, placeholders, closing sentence)",
	"ZONDWINDSYSTEMPARTNERSLTDSERIES85-B_04_03_2006-EX-10-MANAGEMENT AND MAINTENANCE AGREEMENT.pdf": "short amendment: replacement item (iii) is one paragraph of ~350 words",
}

// TestCorpus extracts every corpus contract and checks that nothing is lost, that
// segmentation is real, and that the image-only PDF is the one refusal.
func TestCorpus(t *testing.T) {
	needCorpus(t)
	ctx := context.Background()
	var files []string
	for _, pat := range []string{"docx/*.docx", "pdf/*.pdf", "pdf/cuad/*.pdf", "cuad-dev/txt/*.txt"} {
		m, err := filepath.Glob(filepath.Join(corpusDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 400 {
		t.Fatalf("found %d corpus files, want the full corpus (>= 400)", len(files))
	}
	byFormat := map[Format][]corpusResult{}
	for _, path := range files {
		name := filepath.Base(path)
		doc, err := ParseFile(ctx, path, nil)
		if strings.HasPrefix(name, "scanned-image-only") {
			if !errors.Is(err, ErrNoText) {
				t.Errorf("%s: got %v, want ErrNoText", name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		var ref []string
		switch doc.Format {
		case FormatDOCX:
			ref = docxBodyWords(t, doc.Source)
		case FormatPDF:
			needTool(t, "pdftotext")
			ref = pdfReferenceWords(t, path)
		case FormatText:
			ref = words(string(doc.Source))
		}
		r := corpusResult{name: name, clauses: len(doc.Clauses)}
		var got []string
		docWords := 0
		biggest := 0
		for i := range doc.Clauses {
			c := &doc.Clauses[i]
			w := words(doc.Text(c.Span))
			got = append(got, w...)
			docWords += len(w)
			biggest = max(biggest, len(w))
			if c.Number != "" || c.Heading != "" {
				r.structured = true
			}
			if b := &doc.Blocks[c.Span.Start.Block]; c.Span.Start.Offset == 0 && b.Number != "" {
				r.starts++
			}
		}
		for i := range doc.Blocks {
			if doc.Blocks[i].Number != "" {
				r.numbered++
			}
		}
		r.covered, r.total = coverage(bag(ref), bag(got))
		if docWords > 0 {
			r.maxClauseShare = float64(biggest) / float64(docWords)
		}

		if r.total > 0 && float64(r.covered) < 0.98*float64(r.total) {
			t.Errorf("%s: clause text covers %d of %d body words (%.2f%%), want >= 98%%", name, r.covered, r.total, 100*float64(r.covered)/float64(r.total))
		}
		if r.structured && len(doc.Clauses) > 1 && r.maxClauseShare > 0.25 {
			reason, ok := corpusLong[name]
			if !ok {
				reason, ok = cuadLong[name]
			}
			if ok {
				r.excused = reason
			} else {
				t.Errorf("%s: one clause holds %.0f%% of the words (> 25%%)", name, 100*r.maxClauseShare)
			}
		}
		byFormat[doc.Format] = append(byFormat[doc.Format], r)
		if r.starts < r.numbered {
			t.Errorf("%s: %d auto-numbered paragraphs but only %d clauses start on one", name, r.numbered, r.starts)
		}
	}
	for _, f := range []Format{FormatDOCX, FormatPDF, FormatText} {
		rs := byFormat[f]
		for _, r := range rs {
			if r.excused != "" {
				t.Logf("%s: largest clause %.0f%% of the words: %s", r.name, 100*r.maxClauseShare, r.excused)
			}
		}
		sort.Slice(rs, func(i, j int) bool {
			return float64(rs[i].covered)/float64(max(rs[i].total, 1)) < float64(rs[j].covered)/float64(max(rs[j].total, 1))
		})
		var cov, tot, clauses, unstructured int
		for _, r := range rs {
			cov, tot, clauses = cov+r.covered, tot+r.total, clauses+r.clauses
			if !r.structured {
				unstructured++
			}
		}
		t.Logf("%-4s %3d files, %6d clauses, word coverage %.3f%% (%d of %d), %d without numbering or headings",
			f, len(rs), clauses, 100*float64(cov)/float64(max(tot, 1)), cov, tot, unstructured)
		for _, r := range rs[:min(3, len(rs))] {
			t.Logf("     lowest: %s %.2f%% (%d clauses, largest clause %.0f%% of words)", r.name, 100*float64(r.covered)/float64(max(r.total, 1)), r.clauses, 100*r.maxClauseShare)
		}
	}
}
