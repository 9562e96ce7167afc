package pdftext

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzRead reads mutated PDFs in-process, with panics in this package's own
// code not recovered (see read). Seeds are the PDFs in testdata, except those
// named hang-*: they send the library into a loop that only killing the
// child process (Run) ends.
func FuzzRead(f *testing.F) {
	seeds, err := filepath.Glob("testdata/*.pdf")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		if !strings.HasPrefix(filepath.Base(s), "hang-") {
			f.Add(fixture(f, filepath.Base(s)))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		type outcome struct {
			res *Result
			err error
		}
		done := make(chan outcome, 1)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		go func() {
			res, _, err := read(ctx, data, true)
			done <- outcome{res, err}
		}()
		var o outcome
		select {
		case o = <-done:
		case <-time.After(20 * time.Second):
			// A loop inside the library that reads nothing, so ctx cannot
			// stop it; the goroutine is lost. Run kills such a child.
			t.Skip("Read did not return: a library loop that only Run can stop")
		}
		if o.err != nil {
			if !isSentinel(o.err) {
				t.Fatalf("error %v wraps none of the package's sentinels", o.err)
			}
			if errors.Is(o.err, ErrNoText) && o.res != nil {
				t.Fatal("result with an error")
			}
			return
		}
		checkResult(t, o.res)
	})
}

// checkResult checks the invariants of a Result.
func checkResult(t *testing.T, res *Result) {
	t.Helper()
	if res.Pages < 1 {
		t.Fatalf("Pages = %d", res.Pages)
	}
	for i, p := range res.Paragraphs {
		switch {
		case p.Text == "" || strings.TrimSpace(p.Text) != p.Text || strings.Contains(p.Text, "  "):
			t.Fatalf("paragraph %d: badly spaced text %q", i, p.Text)
		case !utf8.ValidString(p.Text):
			t.Fatalf("paragraph %d: invalid UTF-8 %q", i, p.Text)
		case p.Page < 1 || p.EndPage > res.Pages || p.Line < 1 || p.EndLine < 1:
			t.Fatalf("paragraph %d: position %d:%d-%d:%d of %d pages", i, p.Page, p.Line, p.EndPage, p.EndLine, res.Pages)
		case p.EndPage < p.Page || (p.EndPage == p.Page && p.EndLine < p.Line):
			t.Fatalf("paragraph %d: ends before it starts: %d:%d-%d:%d", i, p.Page, p.Line, p.EndPage, p.EndLine)
		}
		if i > 0 {
			q := res.Paragraphs[i-1]
			if p.Page < q.EndPage || (p.Page == q.EndPage && p.Line <= q.EndLine) {
				t.Fatalf("paragraph %d starts at %d:%d, before the previous one ends at %d:%d", i, p.Page, p.Line, q.EndPage, q.EndLine)
			}
		}
	}
}
