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
	return runWith(t, nil, args...)
}

// runWith runs clm in-process; getenv, when set, replaces the process's
// environment.
func runWith(t *testing.T, getenv func(string) string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := NewMain(&out, &errb)
	if getenv != nil {
		m.Getenv = getenv
	}
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
		{"eval one fold", []string{"eval", "cuad", dir, "--folds", "1"}, exitUsage, "--folds must be 0 or at least 2, not 1"},
		{"eval negative folds", []string{"eval", "cuad", "--folds=-3", dir}, exitUsage, "--folds must be 0 or at least 2, not -3"},
		{"eval folds not a number", []string{"eval", "cuad", dir, "--folds", "five"}, exitUsage, "invalid value"},
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

// writeCUADDir writes a CUAD-style directory (see shared/corpus/MANIFEST.md) of n
// one-clause contracts with Governing Law labels and answers.
func writeCUADDir(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	var jsonl bytes.Buffer
	for i := range n {
		id := "c" + itoa(i)
		law := []string{"New York", "Delaware", "Ontario"}[i%3]
		excerpt := "This Agreement is governed by the laws of " + law + "."
		text := "SUPPLY AGREEMENT\n\n1. Governing Law. " + excerpt + "\n\n2. Notices. Notices must be in writing.\n"
		if err := os.WriteFile(filepath.Join(dir, "txt", id+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		at := strings.Index(text, excerpt)
		rec := map[string]any{
			"contract_id": id,
			"txt":         "txt/" + id + ".txt",
			"labels": map[string]any{
				"Governing Law": map[string]any{
					"answer":   law,
					"excerpts": []string{excerpt},
					"spans":    [][]map[string]int{{{"start": at, "end": at + len(excerpt), "byte_start": at, "byte_end": at + len(excerpt)}}},
				},
			},
		}
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		jsonl.Write(b)
		jsonl.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(dir, "labels.jsonl"), jsonl.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestEvalCUAD(t *testing.T) {
	dir := writeCUADDir(t, 6)
	tests := []struct {
		name  string
		args  []string
		folds int
	}{
		{"text", []string{"eval", "cuad", dir, "--workers", "2"}, 0},
		{"json", []string{"eval", "cuad", dir, "--format", "json"}, 0},
		{"text with folds", []string{"eval", "cuad", "--folds", "3", dir}, 3},
		{"json with folds", []string{"eval", "--format=json", "--folds=2", "cuad", dir}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if strings.Contains(tt.name, "json") {
				var r extract.CUADReport
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatal(err)
				}
				if r.Contracts != 6 || len(r.Types) != 30 || len(r.Values) != 6 || r.Folds != tt.folds {
					t.Fatalf("contracts %d, types %d, values %d, folds %d", r.Contracts, len(r.Types), len(r.Values), r.Folds)
				}
				for _, v := range r.Values {
					if v.Category == "Governing Law" && (v.Answers != 6 || v.Parsed != 6) {
						t.Errorf("Governing Law row %+v, want 6 answers, all parsed", v)
					}
				}
				if (tt.folds > 0) != (len(r.Spread) > 0) || len(r.FoldSizes) != tt.folds {
					t.Errorf("folds %d: fold sizes %v, %d spread rows", tt.folds, r.FoldSizes, len(r.Spread))
				}
				return
			}
			for _, want := range []string{"governing_law", "6 contracts", "Governing Law", "no value"} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if got := strings.Contains(out, "Spread over 3 folds"); got != (tt.folds == 3) {
				t.Errorf("folds %d, spread shown %v:\n%s", tt.folds, got, out)
			}
		})
	}
}
