package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestTextBlocks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // "start-end text"
	}{
		{
			name: "empty",
			in:   "",
			want: nil,
		},
		{
			name: "only blank lines",
			in:   "\n \r\n\t\n\f",
			want: nil,
		},
		{
			name: "LF, CRLF, CR and form feed end lines",
			in:   "one\ntwo\r\nthree\rfour\ffive",
			want: []string{"0-3 one", "4-7 two", "9-14 three", "15-19 four", "20-24 five"},
		},
		{
			name: "no newline at end, trailing newline",
			in:   "a\nb\n",
			want: []string{"0-1 a", "2-3 b"},
		},
		{
			name: "blank lines dropped, offsets kept",
			in:   "\n\nTitle\n\n\n  1. Term  \n",
			want: []string{"2-7 Title", "10-21 1. Term"},
		},
		{
			name: "tabs and runs of spaces collapse",
			in:   "1.\tDefinitions \t and   terms",
			want: []string{"0-28 1. Definitions and terms"},
		},
		{
			name: "non-breaking and other Unicode spaces",
			in:   "Section\u00a05.2\u2003The\u202fSupplier\u3000shall",
			want: []string{"0-37 Section 5.2 The Supplier shall"},
		},
		{
			name: "soft hyphen, zero-width space and BOM removed",
			in:   "\ufeffindem\u00adnity\u200b clause",
			want: []string{"0-24 indemnity clause"},
		},
		{
			name: "noncharacters U+FFFE and U+FFFF removed",
			in:   "cl\uffffause\ufffe one",
			want: []string{"0-16 clause one"},
		},
		{
			name: "bytes that are not UTF-8 read as Windows-1252",
			in:   "bad \xff byte \x93q\x94 \x81",
			want: []string{"0-16 bad ÿ byte “q” \ufffd"},
		},
		{
			name: "control characters become spaces",
			in:   "a\x00b\x07 c",
			want: []string{"0-6 a b c"},
		},
		{
			name: "Unicode line and paragraph separators end lines",
			in:   "first\u2028second\u2029third",
			want: []string{"0-5 first", "8-14 second", "17-22 third"},
		},
		{
			name: "vertical tab ends a line",
			in:   "x\vy",
			want: []string{"0-1 x", "2-3 y"},
		},
		{
			name: "non-ASCII text kept",
			in:   "Clause 1 – “Définitions” §5",
			want: []string{"0-35 Clause 1 – “Définitions” §5"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := textBlocks([]byte(tt.in), 0)
			var got []string
			for i, b := range blocks {
				if b.Index != i {
					t.Errorf("block %d has Index %d", i, b.Index)
				}
				if b.Kind != BlockParagraph {
					t.Errorf("block %d has Kind %q", i, b.Kind)
				}
				got = append(got, fmt.Sprintf("%d-%d %s", b.Anchor.Start, b.Anchor.End, b.Text))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("textBlocks(%q):\ngot:\n%s\nwant:\n%s", tt.in, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTextBlocksAnchors checks that every block's anchor covers a source line
// whose normalised text is the block text.
func TestTextBlocksAnchors(t *testing.T) {
	src := "TITLE\r\n\r\n\t1.\u00a0Term.  This Agreement\rstarts\n\f(a) now\u2028"
	for _, b := range textBlocks([]byte(src), 0) {
		line := src[b.Anchor.Start:b.Anchor.End]
		if strings.ContainsAny(line, "\r\n\f") {
			t.Errorf("anchor %d-%d holds a line break: %q", b.Anchor.Start, b.Anchor.End, line)
		}
		if got, _ := normaliseText([]byte(line), nil); got != b.Text {
			t.Errorf("anchor %d-%d: normalised %q, block text %q", b.Anchor.Start, b.Anchor.End, got, b.Text)
		}
	}
}

func BenchmarkTextBlocks(b *testing.B) {
	data := []byte(generatedContract(false))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		textBlocks(data, 0)
	}
}

// TestWindows1252 reads a legacy Windows-1252 contract with its curly quotes,
// dashes and accented letters intact, and anchors its clauses on the right bytes.
func TestWindows1252(t *testing.T) {
	src := "1. Definitions. \x93Affiliate\x94 means an entity controlled by a party \x96 see clause 2.\n2. Notices. Notices go to the Soci\xe9t\xe9\x92s registered office.\n"
	doc, err := Parse(context.Background(), "legacy.txt", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc.Blocks[0].Text, "1. Definitions. “Affiliate” means an entity controlled by a party – see clause 2."; got != want {
		t.Errorf("block 0 = %q, want %q", got, want)
	}
	if got, want := doc.Blocks[1].Text, "2. Notices. Notices go to the Société’s registered office."; got != want {
		t.Errorf("block 1 = %q, want %q", got, want)
	}
	r := NewReport(doc)
	last := r.Clauses[len(r.Clauses)-1]
	if raw := src[*last.Anchor.Start.Byte:*last.Anchor.End.Byte]; raw != "2. Notices. Notices go to the Soci\xe9t\xe9\x92s registered office." {
		t.Errorf("last clause anchors %q", raw)
	}
}
