package ooxml

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var dump = flag.String("dump", "", "print the paragraphs of this DOCX file (development aid)")

// TestDump prints Body of the file named by -dump, one paragraph a line.
func TestDump(t *testing.T) {
	if *dump == "" {
		t.Skip("no -dump file given")
	}
	f, err := os.Open(*dump)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Open(f, st.Size(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	paras, err := p.Body()
	if err != nil {
		t.Fatal(err)
	}
	for _, para := range paras {
		fmt.Printf("%d\t%q\tL%d %s %s\tH%d\tE%d\tT%d/%d/%d\t%s\n", para.Index, para.Number, para.NumLevel, para.NumFormat,
			para.NumList, para.HeadingLevel, para.LeadEmphasis, para.Table, para.Row, para.Cell, para.Text)
	}
}

var writeFixtures = flag.String("fixtures", "", "write the generated fixtures as .docx files into this directory (development aid)")

// TestWriteFixtures writes every fixture to the -fixtures directory, for
// opening them in a word processor.
func TestWriteFixtures(t *testing.T) {
	if *writeFixtures == "" {
		t.Skip("no -fixtures directory given")
	}
	for _, fx := range fixtures() {
		if err := os.WriteFile(filepath.Join(*writeFixtures, fx.name+".docx"), fx.docx(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
