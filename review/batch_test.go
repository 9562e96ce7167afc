package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

const textContract = `MASTER SERVICES AGREEMENT

This Master Services Agreement is made on 1 March 2026 between Acme Corp. ("Supplier") and Globex Inc. ("Customer").

1. Term. This Agreement commences on 1 March 2026 and continues for two (2) years.

2. Assignment. Neither party may assign this Agreement without the prior written consent of the other party.

3. Governing Law. This Agreement is governed by the laws of the State of Delaware.
`

// writeTree creates files (path → content) under dir.
func writeTree(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// entries maps each input's path below the temporary directory to "status:
// reason" (reason only for refusals and skips).
func entries(t testing.TB, base string, sum *Summary) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, e := range sum.Inputs {
		rel, err := filepath.Rel(base, e.Path)
		if err != nil {
			t.Fatal(err)
		}
		v := e.Status
		if e.Status == StatusRefused || e.Status == StatusSkipped || e.Status == StatusFailed {
			v += ": " + e.Reason
		}
		out[filepath.ToSlash(rel)] = v
	}
	return out
}

// mtimes records the modification times of every file under dir but the state
// and summary, which every run writes.
func mtimes(t testing.TB, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() && info.Name() != StateFile && info.Name() != SummaryFile {
			out[p] = info.ModTime()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBatch(t *testing.T) {
	pb := shippedPlaybook(t, "saas-msa-customer.yaml")
	sample := readFile(t, filepath.Join("..", "testdata", "sample-msa.docx"))
	base := t.TempDir()
	one, two, out := filepath.Join(base, "one"), filepath.Join(base, "two"), filepath.Join(base, "out")
	writeTree(t, one, map[string][]byte{
		"deals/msa.docx":   sample,
		"deals/MSA.TXT":    []byte(textContract),
		"deals/notes.md":   []byte("# not a contract\n"),
		"deals/~$msa.docx": []byte("lock"),
		"fake.docx":        []byte(textContract),
		"junk.pdf":         []byte("this is not a PDF at all\n"),
		"empty.txt":        nil,
		".git/hidden.docx": sample,
	})
	writeTree(t, two, map[string][]byte{"deals/msa.docx": sample})
	single := filepath.Join(base, "single.txt")
	writeTree(t, base, map[string][]byte{"single.txt": []byte(textContract)})

	var progress []int
	opts := &BatchOptions{Workers: 2, AsOf: extract.Date{Year: 2026, Month: 11, Day: 26},
		Progress: func(p Progress) { progress = append(progress, p.Done) }}
	ctx := context.Background()
	sum, err := Batch(ctx, []string{one, two, single, filepath.Join(base, "missing")}, out, pb, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"one/deals/MSA.TXT":    StatusReviewed,
		"one/deals/msa.docx":   StatusReviewed,
		"one/deals/notes.md":   "skipped: not a .docx, .pdf or .txt file",
		"one/deals/~$msa.docx": "skipped: a Word lock file",
		"one/empty.txt":        "refused: empty document: the file has no content",
		"one/fake.docx":        "refused: named .docx but the content is plain text",
		"one/junk.pdf":         "refused: named .pdf but the content is plain text (no %PDF- header)",
		"two/deals/msa.docx":   StatusReviewed,
		"single.txt":           StatusReviewed,
		"missing":              "failed: cannot read: no such file or directory",
	}
	if got := entries(t, base, sum); !reflect.DeepEqual(got, want) {
		t.Errorf("inputs:\n got %v\nwant %v", got, want)
	}
	if !slices.Equal(progress, []int{1, 2, 3, 4, 5, 6, 7}) {
		t.Errorf("progress calls %v, want one per contract input, 1 to 7", progress)
	}
	if !sum.Failed() {
		t.Error("Failed() is false with refused inputs")
	}
	// Outputs: the two msa.docx collide, so each gets its root's index.
	files := map[string]bool{}
	for _, e := range sum.Inputs {
		if e.Status != StatusReviewed {
			if e.Redline != "" || e.Report != "" {
				t.Errorf("%s: %s with outputs %q %q", e.Path, e.Status, e.Redline, e.Report)
			}
			continue
		}
		files[e.File] = true
		for _, p := range []string{e.Redline, e.Report} {
			if _, err := os.Stat(filepath.Join(out, p)); err != nil {
				t.Errorf("%s: %v", e.Path, err)
			}
		}
		var r playbook.Report
		if err := json.Unmarshal(readFile(t, filepath.Join(out, e.Report)), &r); err != nil || r.Schema != playbook.Schema || r.Document.SHA256 != e.SHA256 {
			t.Errorf("%s: report %s: %v, schema %q, sha %q", e.Path, e.Report, err, r.Schema, r.Document.SHA256)
		}
		if e.Abstract == nil || e.Abstract.Status != StatusReviewed || e.Abstract.Redline != e.Redline {
			t.Errorf("%s: abstract row %+v", e.Path, e.Abstract)
		}
	}
	wantFiles := map[string]bool{"1/deals/msa.docx": true, "deals/MSA.TXT": true, "2/deals/msa.docx": true, "single.txt": true}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("output names %v, want %v", files, wantFiles)
	}
	var disk Summary
	if err := json.Unmarshal(readFile(t, filepath.Join(out, SummaryFile)), &disk); err != nil {
		t.Fatal(err)
	}
	if disk.Schema != BatchSchema || len(disk.Inputs) != len(sum.Inputs) || disk.Counts[StatusReviewed] != 4 ||
		disk.Counts[StatusRefused] != 3 || disk.Counts[StatusSkipped] != 2 || disk.Counts[StatusFailed] != 1 || disk.AsOf != "2026-11-26" {
		t.Errorf("summary.json: schema %q, %d inputs, counts %v, as of %q", disk.Schema, len(disk.Inputs), disk.Counts, disk.AsOf)
	}
	if got := len(sum.Rows()); got != 7 {
		t.Errorf("%d abstract rows, want 7 (reviewed, refused and failed contract inputs)", got)
	}

	// A rerun does nothing again: every reviewed input is skipped unchanged,
	// with its outputs untouched and the same abstract row.
	before := mtimes(t, out)
	rows := sum.Rows()
	sum2, err := Batch(ctx, []string{one, two, single}, out, pb, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Counts[StatusUnchanged] != 4 || sum2.Counts[StatusReviewed] != 0 {
		t.Errorf("rerun counts %v, want 4 %s", sum2.Counts, StatusUnchanged)
	}
	if after := mtimes(t, out); !reflect.DeepEqual(before, after) {
		t.Errorf("rerun touched outputs:\nbefore %v\nafter  %v", before, after)
	}
	if got := sum2.Rows(); !reflect.DeepEqual(got, rows[:len(got)]) {
		t.Errorf("rerun rows differ:\n got %+v\nwant %+v", got, rows)
	}

	// A changed input, a torn last state line and a different as-of date: the
	// changed one is reviewed again, the deadline cells follow the new date.
	writeTree(t, base, map[string][]byte{"single.txt": []byte(textContract + "\n4. Notices. Notices are given in writing.\n")})
	f, err := os.OpenFile(filepath.Join(out, StateFile), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"playbook":"torn`)
	f.Close()
	opts.AsOf = extract.Date{}
	sum3, err := Batch(ctx, []string{one, two, single}, out, pb, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum3.Counts[StatusUnchanged] != 3 || sum3.Counts[StatusReviewed] != 1 {
		t.Errorf("after a change: counts %v, want 3 unchanged and 1 reviewed", sum3.Counts)
	}
	for _, e := range sum3.Inputs {
		if e.Abstract != nil && e.Abstract.Status == StatusReviewed && (e.Abstract.NextDeadline != "" || e.Abstract.DeadlineNote != "no as-of date") {
			t.Errorf("%s: without an as-of date: deadline %q, note %q", e.Path, e.Abstract.NextDeadline, e.Abstract.DeadlineNote)
		}
	}
	lines := strings.Split(strings.TrimSuffix(string(readFile(t, filepath.Join(out, StateFile))), "\n"), "\n")
	if len(lines) != 5 {
		t.Errorf("state has %d lines, want 5 (4 reviews, then 1; the torn line cut off)", len(lines))
	}
	for i, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Errorf("state line %d is not JSON: %.80s", i+1, l)
		}
	}

	// --force reviews everything again, and a temporary file left by a killed
	// run goes.
	temp := filepath.Join(out, "deals", ".msa.docx.redline.docx.123456")
	writeTree(t, out, map[string][]byte{"deals/.msa.docx.redline.docx.123456": []byte("half")})
	opts.Force = true
	sum4, err := Batch(ctx, []string{one, two, single}, out, pb, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum4.Counts[StatusReviewed] != 4 || sum4.Counts[StatusUnchanged] != 0 {
		t.Errorf("with Force: counts %v, want 4 reviewed", sum4.Counts)
	}
	if _, err := os.Stat(temp); err == nil {
		t.Error("a temporary file of a killed run is still there")
	}
}

// A canceled batch stops, records the inputs it did not do, and says so.
func TestBatchCanceled(t *testing.T) {
	pb := shippedPlaybook(t, "saas-msa-customer.yaml")
	dir := t.TempDir()
	files := map[string][]byte{}
	for i := range 5 {
		files[fmt.Sprintf("c%d.txt", i)] = []byte(textContract)
	}
	writeTree(t, filepath.Join(dir, "in"), files)
	ctx, cancel := context.WithCancel(context.Background())
	opts := &BatchOptions{Workers: 1, Progress: func(p Progress) {
		if p.Done == 2 {
			cancel()
		}
	}}
	sum, err := Batch(ctx, []string{filepath.Join(dir, "in")}, filepath.Join(dir, "out"), pb, opts)
	if err == nil || ctx.Err() == nil {
		t.Fatalf("err %v after cancel", err)
	}
	if sum.Counts[StatusCanceled] == 0 || sum.Counts[StatusReviewed] < 2 || sum.Counts[StatusCanceled]+sum.Counts[StatusReviewed] != 5 || !sum.Failed() {
		t.Errorf("counts %v: want 2 or 3 reviewed, the rest canceled", sum.Counts)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", SummaryFile)); err != nil {
		t.Errorf("no summary after cancel: %v", err)
	}
}

// TestBatchBusy checks that a second batch into a directory another one is
// writing into is refused, and that the directory is free again afterwards.
func TestBatchBusy(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no flock")
	}
	pb := shippedPlaybook(t, "saas-msa-customer.yaml")
	dir := t.TempDir()
	writeTree(t, filepath.Join(dir, "in"), map[string][]byte{"a.txt": []byte(textContract)})
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	unlock, err := lockOut(out) // another run holds it
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Batch(context.Background(), []string{filepath.Join(dir, "in")}, out, pb, nil); !errors.Is(err, ErrBusy) {
		t.Fatalf("a second batch into a busy directory: %v, want ErrBusy", err)
	}
	unlock()
	sum, err := Batch(context.Background(), []string{filepath.Join(dir, "in")}, out, pb, nil)
	if err != nil || sum.Counts[StatusReviewed] != 1 {
		t.Fatalf("after the other run: %v, %v", sum, err)
	}
}

func TestAssignNames(t *testing.T) {
	type in struct {
		root int
		rel  string
	}
	for _, tc := range []struct {
		name   string
		inputs []in
		want   []string
	}{
		{"distinct", []in{{1, "a.docx"}, {1, "b/a.docx"}, {2, "c.pdf"}}, []string{"a.docx", "b/a.docx", "c.pdf"}},
		{"same name under two roots", []in{{1, "a.docx"}, {2, "a.docx"}, {2, "b.docx"}}, []string{"1/a.docx", "2/a.docx", "b.docx"}},
		{"same root twice", []in{{1, "x/a.docx"}, {2, "x/a.docx"}}, []string{"1/x/a.docx", "2/x/a.docx"}},
		{"names differing in case", []in{{1, "A.docx"}, {1, "a.docx"}}, []string{"1/A.docx", "1/a~2.docx"}},
		{"prefix meets a real folder", []in{{1, "1/a.docx"}, {1, "a.docx"}, {2, "a.docx"}}, []string{"1/a.docx", "1/a~2.docx", "2/a.docx"}},
		{"file name too long for the suffixes", []in{{1, "d/" + strings.Repeat("é", 120) + ".txt"}},
			[]string{"d/" + strings.Repeat("é", 113) + "~c841f558.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inputs := make([]input, len(tc.inputs))
			for i, x := range tc.inputs {
				inputs[i] = input{root: x.root, rel: x.rel}
			}
			inputs = append(inputs, input{root: 1, rel: "notes.md", skip: "not a contract"})
			assignNames(inputs)
			var got []string
			for _, x := range inputs[:len(tc.inputs)] {
				got = append(got, x.file)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if inputs[len(inputs)-1].file != "" {
				t.Errorf("a skipped file got a name")
			}
		})
	}
}

func TestSniffMismatch(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		data       string
		want       string
	}{
		{"docx zip", "a.docx", "PK\x03\x04rest", ""},
		{"docx that is text", "a.DOCX", "This Agreement ...", "named .docx but the content is plain text"},
		{"docx that is a PDF", "a.docx", "%PDF-1.7\n...", "named .docx but the content is a PDF"},
		{"docx that is a legacy doc", "a.docx", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...", ""},
		{"docx of binary junk", "a.docx", "\x00\x01\x02", "named .docx but the content is neither a Word package nor a PDF"},
		{"pdf", "a.pdf", "%PDF-1.4\n", ""},
		{"pdf after junk", "a.pdf", "junk\n%PDF-1.4\n", ""},
		{"pdf of junk", "a.Pdf", "\x00junk", "named .pdf but the content is neither a Word package nor a PDF (no %PDF- header)"},
		{"pdf that is a zip", "a.pdf", "PK\x03\x04", "named .pdf but the content is a zip package (no %PDF- header)"},
		{"text", "a.txt", "This Agreement", ""},
		{"text that is a docx", "a.txt", "PK\x03\x04", "named .txt but the content is a zip package"},
		{"binary text is left to extract", "a.txt", "\x00\x00", ""},
		{"empty is left to extract", "a.docx", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffMismatch(tc.file, []byte(tc.data)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// BenchmarkBatch reviews eight copies of the sample contract (DOCX) and eight
// of a text contract per iteration, writing every output, with one and two
// workers.
func BenchmarkBatch(b *testing.B) {
	pb, err := playbook.LoadFile(filepath.Join("..", "playbooks", "saas-msa-customer.yaml"), nil)
	if err != nil {
		b.Fatal(err)
	}
	sample := readFile(b, filepath.Join("..", "testdata", "sample-msa.docx"))
	dir := b.TempDir()
	files := map[string][]byte{}
	for i := range 8 {
		files[fmt.Sprintf("docx/%d.docx", i)] = sample
		files[fmt.Sprintf("txt/%d.txt", i)] = []byte(textContract)
	}
	writeTree(b, filepath.Join(dir, "in"), files)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			opts := &BatchOptions{Workers: workers, Force: true, AsOf: extract.Date{Year: 2026, Month: 11, Day: 26}}
			out := filepath.Join(dir, fmt.Sprintf("out%d", workers))
			for b.Loop() {
				sum, err := Batch(context.Background(), []string{filepath.Join(dir, "in")}, out, pb, opts)
				if err != nil || sum.Counts[StatusReviewed] != 16 {
					b.Fatalf("%v %v", err, sum.Counts)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*16)/1000, "ms/doc")
		})
	}
}
