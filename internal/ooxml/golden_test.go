package ooxml

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "update golden files")

// goldenLines renders paragraphs as "Number | NumLevel | HeadingLevel | Text".
func goldenLines(paras []Paragraph) string {
	var b strings.Builder
	for _, p := range paras {
		fmt.Fprintf(&b, "%s | %d | %d | %s\n", p.Number, p.NumLevel, p.HeadingLevel, p.Text)
	}
	return b.String()
}

func openBytes(tb testing.TB, b []byte) *Package {
	tb.Helper()
	p, err := Open(bytes.NewReader(b), int64(len(b)), Limits{})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return p
}

func bodyOf(tb testing.TB, b []byte) []Paragraph {
	tb.Helper()
	paras, err := openBytes(tb, b).Body()
	if err != nil {
		tb.Fatalf("Body: %v", err)
	}
	return paras
}

// TestGolden checks every fixture against testdata/<name>.golden.txt.
func TestGolden(t *testing.T) {
	for _, fx := range fixtures() {
		t.Run(fx.name, func(t *testing.T) {
			got := goldenLines(bodyOf(t, fx.docx(t)))
			file := filepath.Join("testdata", fx.name+".golden.txt")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("Body of %s differs from %s:\n%s", fx.name, file, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff lists the lines that differ between want and got.
func lineDiff(want, got string) string {
	w := strings.Split(want, "\n")
	g := strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, wl, gl)
		}
	}
	return b.String()
}
