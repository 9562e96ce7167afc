package pdftext

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// format renders a Result as golden text: one paragraph per line, prefixed
// with its position.
func format(res *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages: %d\n", res.Pages)
	if len(res.BadPages) > 0 {
		fmt.Fprintf(&b, "bad pages: %v\n", res.BadPages)
	}
	for _, p := range res.Paragraphs {
		fmt.Fprintf(&b, "%d:%d-%d:%d\t%s\n", p.Page, p.Line, p.EndPage, p.EndLine, p.Text)
	}
	return b.String()
}

// goldenFiles are the testdata PDFs that have text to compare.
var goldenFiles = []string{"contract", "contract-cairo", "twocol", "minimal", "pdf20", "self-parent", "rotated", "bad-page"}

func TestGolden(t *testing.T) {
	for _, name := range goldenFiles {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Read(context.Background(), data)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkResult(t, res)
			got := format(res)
			golden := filepath.Join("testdata", name+".golden.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run go test -run TestGolden -update to accept):\n%s", golden, diff(string(want), got))
			}
		})
	}
}

// diff lists the lines that differ between want and got.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}

// TestReadErrors reads the broken fixtures in-process.
func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrCorrupt},
		{"not a PDF", []byte("hello, world\n"), ErrCorrupt},
		{"header only", []byte("%PDF-1.4\n%%EOF\n"), ErrCorrupt},
		{"no text", fixture(t, "no-text.pdf"), ErrNoText},
		{"cyclic kids", fixture(t, "cyclic-kids.pdf"), ErrCorrupt},
		{"self-referencing object", fixture(t, "self-ref.pdf"), ErrCorrupt},
		{"prev loop", fixture(t, "prev-loop.pdf"), ErrCorrupt},
		{"huge xref", fixture(t, "huge-xref.pdf"), ErrCorrupt},
		{"encrypted", fixture(t, "encrypted.pdf"), ErrEncrypted},
		{"truncated", fixture(t, "contract.pdf")[:30000], ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(context.Background(), tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read = %v, %v; want %v", res, err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "pdftext: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestReadContext(t *testing.T) {
	data := fixture(t, "contract.pdf")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, data); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: got %v", err)
	}
	ctx, cancel = context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if _, err := Read(ctx, data); !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: got %v", err)
	}
}

// TestReadPositions checks Page, Line and the dropped running lines of the
// LibreOffice contract: header on line 1, "Page N of 3" last.
func TestReadPositions(t *testing.T) {
	_, pls, err := read(context.Background(), fixture(t, "contract.pdf"), false)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pls {
		if len(p.lines) < 3 {
			t.Fatalf("page %d: %d lines", i+1, len(p.lines))
		}
		first, last := p.lines[0], p.lines[len(p.lines)-1]
		if first.text != "ACME Master Services Agreement – Confidential" || !p.drop[0] {
			t.Errorf("page %d line 1 = %q, dropped %v", i+1, first.text, p.drop[0])
		}
		if want := fmt.Sprintf("Page %d of 3", i+1); last.text != want || !p.drop[len(p.lines)-1] {
			t.Errorf("page %d last line = %q, dropped %v; want %q dropped", i+1, last.text, p.drop[len(p.lines)-1], want)
		}
		for k, l := range p.lines {
			if l.num != k+1 {
				t.Errorf("page %d: line %d numbered %d", i+1, k+1, l.num)
			}
			if p.drop[k] && k != 0 && k != len(p.lines)-1 {
				t.Errorf("page %d: body line %d %q dropped", i+1, k+1, l.text)
			}
		}
	}
}

func fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
