package pdftext

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// articles is the number of articles in the long contract.
const articles = 45

// longContract writes a flat ODT of about 100 pages: 45 articles of 12
// clauses, with the styles (header, footer, page numbers) of
// testdata/contract.fodt.
func longContract(tb testing.TB) []byte {
	tb.Helper()
	tmpl := fixture(tb, "contract.fodt")
	head, _, ok := bytes.Cut(tmpl, []byte("<office:body>"))
	if !ok {
		tb.Fatal("contract.fodt has no body")
	}
	sentences := []string{
		"The Supplier shall perform its obligations under this clause with reasonable skill, care and diligence and in accordance with good industry practice.",
		"The Customer shall give the Supplier such information and assistance as the Supplier reasonably requests in writing for that purpose.",
		"Any failure or delay by a party in exercising a right under this clause shall not constitute a waiver of that or any other right or remedy.",
		"Nothing in this clause shall limit or exclude the liability of either party for fraud, fraudulent misrepresentation or wilful default.",
		"Each party shall bear its own costs incurred in connection with the negotiation, preparation and performance of this clause.",
		"Notices under this clause shall be given in writing to the registered office of the receiving party, marked for the attention of its general counsel.",
	}
	var b bytes.Buffer
	b.Write(head)
	b.WriteString("<office:body>\n<office:text>\n")
	b.WriteString(`<text:p text:style-name="Title">MASTER SERVICES AGREEMENT</text:p>` + "\n")
	for a := 1; a <= articles; a++ {
		fmt.Fprintf(&b, `<text:p text:style-name="Heading">%d. Article %d</text:p>`+"\n", a, a)
		for c := 1; c <= 12; c++ {
			var p strings.Builder
			fmt.Fprintf(&p, "%d.%d ", a, c)
			for k := range 3 + (a+c)%3 {
				p.WriteString(sentences[(a*7+c*3+k)%len(sentences)])
				p.WriteByte(' ')
			}
			fmt.Fprintf(&b, `<text:p text:style-name="Standard">%s</text:p>`+"\n", html.EscapeString(strings.TrimSpace(p.String())))
		}
	}
	b.WriteString("</office:text>\n</office:body>\n</office:document>\n")
	return b.Bytes()
}

// benchPDF returns the long contract as a PDF, made with LibreOffice once
// and kept in the user's cache directory under a hash of its source.
func benchPDF(tb testing.TB) (string, []byte) {
	tb.Helper()
	src := longContract(tb)
	sum := sha256.Sum256(src)
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "clm-pdftext-bench")
	name := "long-" + hex.EncodeToString(sum[:8])
	pdfPath := filepath.Join(dir, name+".pdf")
	if data, err := os.ReadFile(pdfPath); err == nil {
		return pdfPath, data
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		tb.Skip("soffice not installed: cannot make the benchmark PDF")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	fodt := filepath.Join(dir, name+".fodt")
	if err := os.WriteFile(fodt, src, 0o644); err != nil {
		tb.Fatal(err)
	}
	if out, err := exec.Command("soffice", "--headless", "--convert-to", "pdf", "--outdir", dir, fodt).CombinedOutput(); err != nil {
		tb.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(pdfPath)
	if err != nil {
		tb.Fatal(err)
	}
	return pdfPath, data
}

func BenchmarkRead(b *testing.B) {
	_, data := benchPDF(b)
	res, err := Read(context.Background(), data)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(res.Pages), "pages")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun includes starting the child process (this test binary).
func BenchmarkRun(b *testing.B) {
	_, data := benchPDF(b)
	argv := helper(b)
	lim := childLimits(time.Minute)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), argv, data, lim); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPdftotext runs poppler's pdftotext -raw on the same file, for
// comparison.
func BenchmarkPdftotext(b *testing.B) {
	path, _ := benchPDF(b)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	for b.Loop() {
		if out, err := exec.Command("pdftotext", "-raw", path, "-").CombinedOutput(); err != nil {
			b.Fatalf("pdftotext: %v\n%s", err, out)
		}
	}
}

// TestLongContract checks the benchmark document: its size, and that every
// clause number starts a paragraph.
func TestLongContract(t *testing.T) {
	if testing.Short() {
		t.Skip("makes a 100-page PDF with LibreOffice")
	}
	_, data := benchPDF(t)
	res, err := Read(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res)
	t.Logf("%d pages, %d paragraphs, %d bytes", res.Pages, len(res.Paragraphs), len(data))
	if res.Pages < 80 {
		t.Errorf("%d pages, want about 100", res.Pages)
	}
	next := map[string]bool{"MASTER SERVICES AGREEMENT": true}
	for a := 1; a <= articles; a++ {
		next[fmt.Sprintf("%d. Article %d", a, a)] = true
		for c := 1; c <= 12; c++ {
			next[fmt.Sprintf("%d.%d", a, c)] = true
		}
	}
	for _, p := range res.Paragraphs {
		if next[p.Text] {
			delete(next, p.Text)
			continue
		}
		tok, _, _ := strings.Cut(p.Text, " ")
		if !next[tok] {
			t.Errorf("paragraph %d:%d does not start with a clause number: %.60q", p.Page, p.Line, p.Text)
			continue
		}
		delete(next, tok)
	}
	if len(next) > 0 {
		t.Errorf("%d clause numbers do not start a paragraph", len(next))
	}
}
