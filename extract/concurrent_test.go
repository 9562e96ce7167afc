package extract

import (
	"context"
	"sync"
	"testing"
)

// TestParseConcurrent parses documents of each format from several goroutines at
// once (run it with -race): Parse keeps no shared mutable state.
func TestParseConcurrent(t *testing.T) {
	inputs := map[string][]byte{
		"a.docx": buildDOCX(t, sampleMSA()),
		"b.txt":  longContractText()[:20000],
		"c.pdf":  textlessPDF(),
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		for name, data := range inputs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				doc, err := Parse(context.Background(), name, data, nil)
				if name == "c.pdf" {
					if err == nil {
						t.Errorf("%s: parsed a PDF without text", name)
					}
					return
				}
				if err != nil || len(doc.Clauses) == 0 {
					t.Errorf("%s: %v", name, err)
				}
			}()
		}
	}
	wg.Wait()
}
