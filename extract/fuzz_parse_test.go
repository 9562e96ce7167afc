package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseDOCX runs whole DOCX extraction (package reader, numbering, segmenter)
// on mutated packages: it must return a document or a classified error, never
// panic (Parse turns panics into "internal error", which fails here).
func FuzzParseDOCX(f *testing.F) {
	f.Add(buildDOCX(f, sampleMSA()))
	f.Add(buildDOCX(f, []genPara{{num: 1, runs: plain("1.1 Typed number. (a) item")}, {num: 2, runs: plain("bullet")}}))
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "*.docx"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(context.Background(), "fuzz.docx", data, &Options{MaxBytes: 1 << 20, MaxPartBytes: 4 << 20, PDFTimeout: 5e9})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("panic inside Parse: %v", err)
			}
			var e *Error
			if !errors.As(err, &e) || e.Code == "" {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		checkTiling(t, doc)
	})
}

// checkTiling asserts the model's invariants: clause ids in order, spans contiguous
// and covering every block's text, parents earlier than their children.
func checkTiling(t *testing.T, doc *Document) {
	t.Helper()
	pos := Position{}
	ids := map[string]bool{}
	for i := range doc.Clauses {
		c := &doc.Clauses[i]
		if c.ID != "c"+itoa(i+1) {
			t.Fatalf("clause %d has id %q", i, c.ID)
		}
		if c.Span.Start != pos {
			t.Fatalf("%s starts at %+v, previous ended at %+v", c.ID, c.Span.Start, pos)
		}
		if c.Level < 1 || (c.Parent != "" && !ids[c.Parent]) {
			t.Fatalf("%s: level %d, parent %q", c.ID, c.Level, c.Parent)
		}
		ids[c.ID] = true
		pos = c.Span.End
		if pos.Block < len(doc.Blocks) && pos.Offset == len(doc.Blocks[pos.Block].Text) && pos.Block+1 < len(doc.Blocks) && i+1 < len(doc.Clauses) && doc.Clauses[i+1].Span.Start.Block == pos.Block+1 {
			pos = Position{Block: pos.Block + 1}
		}
	}
	if last := len(doc.Blocks) - 1; last >= 0 && (pos.Block != last || pos.Offset != len(doc.Blocks[last].Text)) {
		t.Fatalf("clauses end at %+v, document at block %d offset %d", pos, last, len(doc.Blocks[last].Text))
	}
}
