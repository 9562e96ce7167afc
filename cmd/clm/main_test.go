package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
)

// TestMain lets the test binary serve as the PDF helper, as clm itself does.
func TestMain(m *testing.M) {
	extract.PDFHelperMain()
	os.Exit(m.Run())
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := NewMain(&out, &errb)
	ctx := context.Background()
	code = m.ParseFlags(ctx, args)
	if code == exitOK {
		code = m.Run(ctx)
	}
	m.Close()
	return code, out.String(), errb.String()
}

func TestExtractJSON(t *testing.T) {
	code, out, errs := run(t, "extract", "../../testdata/sample-msa.docx", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r extract.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Schema != "clm.extract/v1" || r.Document.Format != "docx" || r.Document.Pages != nil || len(r.Document.SHA256) != 64 {
		t.Errorf("document = %+v", r.Document)
	}
	var numbers []string
	for i, c := range r.Clauses {
		if want := "c" + itoa(i+1); c.ID != want {
			t.Errorf("clause %d id %q, want %q", i, c.ID, want)
		}
		if c.Level < 1 || (c.Level == 1) != (c.Parent == nil) {
			t.Errorf("%s: level %d parent %v", c.ID, c.Level, c.Parent)
		}
		numbers = append(numbers, c.Number)
	}
	got := strings.Join(numbers, " ")
	for _, want := range []string{"1. 1.1 1.2 2. 2.1 2.2 (a) (b) (c) 3.", "9.1 9.2 9.3"} {
		if !strings.Contains(got, want) {
			t.Errorf("numbers %q do not contain %q", got, want)
		}
	}
	// the raw JSON keeps "parent": null and "pages": null rather than omitting them
	if !strings.Contains(out, `"pages": null`) || !strings.Contains(out, `"parent": null`) {
		t.Errorf("nulls missing from JSON:\n%.400s", out)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestExtractText(t *testing.T) {
	code, out, errs := run(t, "extract", "--format=text", "../../testdata/sample-msa.docx")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"sample-msa.docx (docx, ", "\n  [c", "4.2 Renewal. This Agreement renews automatically"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "contract.docx")
	if err := os.WriteFile(bad, []byte("PK\x03\x04 truncated"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no command", nil, exitUsage, "Usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"no file", []string{"extract"}, exitUsage, "want exactly one FILE"},
		{"bad format", []string{"extract", "x.docx", "--format", "xml"}, exitUsage, "--format must be json or text"},
		{"missing file", []string{"extract", filepath.Join(dir, "nope.pdf")}, exitFail, "nope.pdf: cannot read the file: no such file or directory"},
		{"corrupt file", []string{"extract", bad}, exitFail, bad + ": corrupt or truncated file"},
		{"eval without corpus", []string{"eval"}, exitUsage, `want "cuad DIR"`},
		{"eval unknown set", []string{"eval", "squad", dir}, exitUsage, `want "cuad DIR"`},
		{"eval without labels", []string{"eval", "cuad", dir}, exitFail, "labels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := run(t, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.err) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, tt.code, tt.err)
			}
			if tt.code == exitFail && strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Errorf("want a one-line error, got %q", errs)
			}
		})
	}
}
