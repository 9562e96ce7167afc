package redline

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/clm-engine/clm/playbook"
)

// loPDFTexts converts every DOCX of docs (by name, without extension) to PDF
// with LibreOffice in one run, on a private profile, and returns the text
// pdftotext reads from each PDF. It skips the test when soffice or pdftotext
// is not installed.
func loPDFTexts(tb testing.TB, docs map[string][]byte) map[string]string {
	tb.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		tb.Skip("soffice (LibreOffice) is not installed: skipping the LibreOffice test")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		tb.Skip("pdftotext (poppler) is not installed: skipping the LibreOffice test")
	}
	dir := tb.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	if err := os.Mkdir(in, 0o755); err != nil {
		tb.Fatal(err)
	}
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "pdf", "--outdir", out}
	for name, data := range docs {
		f := filepath.Join(in, name+".docx")
		if err := os.WriteFile(f, data, 0o644); err != nil {
			tb.Fatal(err)
		}
		args = append(args, f)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		tb.Fatalf("soffice: %v\n%s", err, b)
	}
	texts := map[string]string{}
	for name := range docs {
		pdf := filepath.Join(out, name+".pdf")
		b, err := exec.CommandContext(ctx, pdftotext, "-raw", "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			tb.Errorf("%s: LibreOffice wrote no readable PDF: %v", name, err)
			continue
		}
		texts[name] = string(b)
	}
	return texts
}

// loSquash drops white space and soft hyphens and straightens quotes, so that
// line breaks in the PDF do not matter.
func loSquash(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == '\u00ad', r == '\u200b':
			return -1
		case r == '\u2018' || r == '\u2019':
			return '\''
		case r == '\u201c' || r == '\u201d':
			return '"'
		case r == '\u2013' || r == '\u2014':
			return '-'
		}
		return r
	}, s)
}

// loHas reports which inserted texts of res's applied changes are missing
// from the PDF text pdf. White space is ignored (deleted words stand next to
// inserted ones), and the words of an insertion must appear in order with at
// most a page's footer and header (400 characters) between two of them.
func loHas(pdf string, res *Result) (missing []string) {
	text := loSquash(pdf)
	for _, ch := range res.Applied {
		for _, d := range ch.Diff {
			for _, l := range strings.Split(d.Insert, "\n") {
				if strings.TrimSpace(l) != "" && !loFind(text, strings.Fields(l)) {
					missing = append(missing, l)
				}
			}
		}
	}
	return missing
}

// loFind reports whether the words occur in text in order, each within 400
// bytes of the previous one.
func loFind(text string, words []string) bool {
	first := loSquash(words[0])
	for from := 0; ; {
		i := strings.Index(text[from:], first)
		if i < 0 {
			return false
		}
		at, k := from+i+len(first), 1
		for ; k < len(words); k++ {
			w := loSquash(words[k])
			j := strings.Index(text[at:min(len(text), at+400+len(w))], w)
			if j < 0 {
				break
			}
			at += j + len(w)
		}
		if k == len(words) {
			return true
		}
		from += i + 1
	}
}

// TestLibreOffice checks acceptance invariant 4 on the fixtures: the
// redline opens in LibreOffice and the PDF it prints holds every inserted
// word, the new clauses included.
func TestLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping LibreOffice in -short mode")
	}
	orig := genDOCX(t, fixtureBody(), fixtureComments)
	doc := parseDOCX(t, orig)
	edits := []playbook.TextEdit{
		fxEdit(t, doc, "thirty (30) days of receipt", "sixty (60) days of receipt"),
		fxEdit(t, doc, "legal@example.com", "notices@example.com"),
		fxEdit(t, doc, "State of New York", "State of Delaware"),
		{Clause: doc.Clauses[2].ID, NewClause: true, Insert: "Insurance. Supplier shall maintain professional indemnity insurance."},
	}
	out, res, err := DOCX(doc, fxReport(doc, edits, ""), Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Applied) != len(edits) {
		t.Fatalf("%d edits applied, want %d: %+v", len(res.Applied), len(edits), res.Refused)
	}
	texts := loPDFTexts(t, map[string][]byte{"fixture-redline": out})
	if m := loHas(texts["fixture-redline"], res); len(m) > 0 {
		t.Errorf("the PDF lacks inserted text %q:\n%s", m, texts["fixture-redline"])
	}
	// The check can fail: words that were never inserted are not found.
	if m := loHas(texts["fixture-redline"], &Result{Applied: []Change{{Diff: []Diff{{Insert: "Supplier shall maintain cyber insurance."}}}}}); len(m) != 1 {
		t.Errorf("a phrase never inserted was found in the PDF")
	}
}
