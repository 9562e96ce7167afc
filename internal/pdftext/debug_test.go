package pdftext

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// TestDump prints what Read makes of the PDF named by $PDFTEXT_DUMP, for
// looking at the output while tuning:
//
//	PDFTEXT_DUMP=x.pdf go test -run TestDump -v            paragraphs and dropped lines
//	PDFTEXT_DUMP=x.pdf PDFTEXT_LINES=1 go test -run TestDump -v   also every line with its geometry
func TestDump(t *testing.T) {
	name := os.Getenv("PDFTEXT_DUMP")
	if name == "" {
		t.Skip("set PDFTEXT_DUMP=file.pdf")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	res, pls, err := read(context.Background(), data, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, %d paragraphs, bad pages %v", res.Pages, len(res.Paragraphs), res.BadPages)
	for pi, p := range pls {
		for i, l := range p.lines {
			if os.Getenv("PDFTEXT_LINES") != "" {
				fmt.Printf("[%d:%d] block %d x=%.1f-%.1f (block %.1f-%.1f) y=%.1f size=%.1f bold=%v drop=%v %q\n",
					pi+1, l.num, l.block, l.x0, l.x1, l.bx0, l.bx1, l.y, l.size, l.bold, p.drop[i], l.text)
			} else if p.drop[i] {
				fmt.Printf("dropped [%d:%d] y=%.0f of %.0f: %q\n", pi+1, l.num, l.y, p.h, l.text)
			}
		}
	}
	fmt.Print(format(res))
}

// TestGlyphs prints the glyphs around the text $PDFTEXT_GREP on page
// $PDFTEXT_PAGE of $PDFTEXT_GLYPHS.
func TestGlyphs(t *testing.T) {
	name := os.Getenv("PDFTEXT_GLYPHS")
	if name == "" {
		t.Skip("set PDFTEXT_GLYPHS=file.pdf PDFTEXT_PAGE=n PDFTEXT_GREP=text")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	src := newSource(context.Background(), data)
	r, err := pdf.NewReader(src, src.size())
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pageTree(r)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(os.Getenv("PDFTEXT_PAGE"))
	if n < 1 || n > len(pages) {
		t.Fatalf("PDFTEXT_PAGE=%d: the file has %d pages", n, len(pages))
	}
	in := newInterp(context.Background())
	if _, _, err := in.page(pages[n-1]); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, g := range in.glyphs {
		all.WriteString(g.text)
	}
	grep := os.Getenv("PDFTEXT_GREP")
	at := strings.Index(all.String(), grep)
	if at < 0 {
		t.Fatalf("%q not on page %d", grep, n)
	}
	pos := 0
	for _, g := range in.glyphs {
		if pos >= at-40 && pos <= at+len(grep)+40 {
			fmt.Printf("x=%7.2f y=%7.2f w=%5.2f end=%5.2f size=%5.2f bold=%v dir=%d %q\n", g.x, g.y, g.w, g.end, g.size, g.bold, g.dir, g.text)
		}
		pos += len(g.text)
	}
}
