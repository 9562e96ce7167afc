package extract

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// FuzzSegment runs textBlocks and segment over arbitrary text and checks the
// segmentation invariants. The second input decorates the blocks the way the
// DOCX and PDF readers do (list numbers, heading levels, bold leads, tables), so
// that the Word paths are fuzzed too. Seeds are every file in testdata/segment.
func FuzzSegment(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "segment", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, []byte{})
		f.Add(data, []byte{1, 0, 2, 3, 0, 4, 5, 0, 6})
	}
	f.Add([]byte(generatedContract(true)[:3000]), []byte{})
	f.Fuzz(func(t *testing.T, data, attrs []byte) {
		if len(data) > 1<<16 {
			return
		}
		doc := &Document{Format: FormatText, Blocks: textBlocks(data, 0)}
		if len(attrs) > 0 {
			doc.Format = FormatDOCX
			decorate(doc.Blocks, attrs)
		}
		start := time.Now()
		segment(doc)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("segment took %v for %d bytes", d, len(data))
		}
		checkClauses(t, doc)
	})
}

// decorate gives blocks Word attributes chosen by attrs, one byte per block.
func decorate(blocks []Block, attrs []byte) {
	for i := range blocks {
		a := attrs[i%len(attrs)]
		b := &blocks[i]
		switch a % 7 {
		case 1:
			b.Number, b.NumLevel, b.NumList, b.NumFormat = strconv.Itoa(i)+".", 1, "1", "decimal"
		case 2:
			b.Number, b.NumLevel, b.NumList, b.NumFormat = "("+string(rune('a'+i%26))+")", 2, "1", "lowerLetter"
		case 3:
			b.Number, b.NumLevel, b.NumList, b.NumFormat = "•", 1, "2", "bullet"
		case 4:
			b.HeadingLevel = int(a/7)%3 + 1
		case 5:
			b.LeadEmphasis = int(a/7) % (len(b.Text) + 1)
		case 6:
			b.Table, b.Kind = 1, BlockTableCell
		}
	}
}
