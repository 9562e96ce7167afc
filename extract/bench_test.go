package extract

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// longContract is a ~100-page contract: 42 articles of 15 numbered clauses, some
// with lettered items and cross references, about 30,000 words (100 pages in LibreOffice).
func longContract() []genPara {
	sentence := "The Supplier shall perform its obligations under this clause with reasonable skill, care and diligence, in accordance with Good Industry Practice and the Specification, and shall notify the Customer promptly of any matter that may affect the performance of the Services or the timetable agreed between the parties."
	var ps []genPara
	ps = append(ps, genPara{style: "Title", runs: plain("Master Supply Agreement")})
	ps = append(ps, genPara{runs: plain(`This Master Supply Agreement is made between Example Supplier Ltd ("Supplier") and Example Customer Inc. ("Customer").`)})
	for a := 1; a <= 42; a++ {
		ps = append(ps, genPara{num: 1, ilvl: 0, runs: []genRun{{text: fmt.Sprintf("Article heading number %d", a), bold: true}}})
		for c := 1; c <= 15; c++ {
			body := sentence + fmt.Sprintf(" Subject to Section %d.%d, the Customer may review compliance with this clause on thirty (30) days' notice.", a, max(1, c-1))
			ps = append(ps, genPara{num: 1, ilvl: 1, runs: runInHeading(fmt.Sprintf("Obligation %d.", c), body)})
			if c%5 == 0 {
				for i := 0; i < 3; i++ {
					ps = append(ps, genPara{num: 1, ilvl: 2, runs: plain("the Supplier shall keep complete and accurate records of the Services performed and make them available on request;")})
				}
			}
		}
	}
	return ps
}

// longContractText renders longContract as plain text with typed numbers.
func longContractText() []byte {
	var b strings.Builder
	a, c, i := 0, 0, 0
	for _, p := range longContract() {
		var text strings.Builder
		for _, r := range p.runs {
			text.WriteString(r.text)
		}
		switch {
		case p.num == 0:
			b.WriteString(text.String())
		case p.ilvl == 0:
			a, c = a+1, 0
			fmt.Fprintf(&b, "%d. %s", a, text.String())
		case p.ilvl == 1:
			c, i = c+1, 0
			fmt.Fprintf(&b, "%d.%d %s", a, c, text.String())
		default:
			i++
			fmt.Fprintf(&b, "(%c) %s", 'a'+i-1, text.String())
		}
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

func BenchmarkParseDOCX(b *testing.B) {
	data := buildDOCX(b, longContract())
	b.Run("types", func(b *testing.B) { benchParse(b, "long.docx", data, nil) })
	b.Run("plain", func(b *testing.B) { benchParse(b, "long.docx", data, &Options{NoTypes: true}) })
}

func BenchmarkParseText(b *testing.B) {
	data := longContractText()
	b.Run("types", func(b *testing.B) { benchParse(b, "long.txt", data, nil) })
	b.Run("plain", func(b *testing.B) { benchParse(b, "long.txt", data, &Options{NoTypes: true}) })
}

// BenchmarkParsePDF converts the long contract to PDF with LibreOffice (skipped
// without it) and times Parse, the helper process included.
func BenchmarkParsePDF(b *testing.B) {
	if _, err := exec.LookPath("soffice"); err != nil {
		b.Skip("soffice not installed")
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "long.docx")
	if err := os.WriteFile(src, buildDOCX(b, longContract()), 0o644); err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+dir+"/profile", "--headless", "--convert-to", "pdf", "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "long.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	if os.Getenv("CLM_BENCH_KEEP") != "" {
		os.WriteFile(os.Getenv("CLM_BENCH_KEEP")+"/long.pdf", data, 0o644)
		os.WriteFile(os.Getenv("CLM_BENCH_KEEP")+"/long.docx", buildDOCX(b, longContract()), 0o644)
		os.WriteFile(os.Getenv("CLM_BENCH_KEEP")+"/long.txt", longContractText(), 0o644)
	}
	b.Run("types", func(b *testing.B) { benchParse(b, "long.pdf", data, nil) })
	b.Run("plain", func(b *testing.B) { benchParse(b, "long.pdf", data, &Options{NoTypes: true}) })
}

func benchParse(b *testing.B, name string, data []byte, o *Options) {
	ctx := context.Background()
	doc, err := Parse(ctx, name, data, o)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(ctx, name, data, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(doc.Pages), "pages")
	b.ReportMetric(float64(len(doc.Clauses)), "clauses")
}

// BenchmarkClassify times typing alone on the long contract, parsed once without
// types: the share of BenchmarkParseText/types that classification costs.
func BenchmarkClassify(b *testing.B) {
	doc, err := Parse(context.Background(), "long.txt", longContractText(), &Options{NoTypes: true})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		classify(doc)
	}
}
