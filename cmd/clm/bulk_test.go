package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/clm-engine/clm/internal/calctest"
	"github.com/clm-engine/clm/review"
)

// corpusDir is the shared corpus beside the repository; tests that read it
// skip when it is absent.
const corpusDir = "../../../shared/corpus"

func needCorpus(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("the shared corpus is absent (%s): %v", corpusDir, err)
	}
}

func TestBulkUsage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	writeFile(t, file, "x")
	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"directory without --out", []string{"review", dir, "--playbook", samplePlaybook}, "need --out OUTDIR"},
		{"no inputs", []string{"review", "--playbook", samplePlaybook}, "want exactly one FILE, or several PATHs"},
		{"--out is a file", []string{"review", dir, "--playbook", samplePlaybook, "--out", file}, "is a file; bulk review writes into a directory"},
		{"no playbook", []string{"review", dir, "--out", filepath.Join(dir, "o")}, "--playbook is required"},
		{"--format", []string{"review", dir, "--playbook", samplePlaybook, "--out", filepath.Join(dir, "o"), "--format", "json"}, "--format applies to one FILE"},
		{"negative workers", []string{"review", dir, "--playbook", samplePlaybook, "--out", filepath.Join(dir, "o"), "--workers", "-1"}, "--workers must be 0"},
		{"abstract kind", []string{"review", dir, "--playbook", samplePlaybook, "--out", filepath.Join(dir, "o"), "--abstract", "a.ods"}, "--abstract must name a .xlsx or .csv file"},
		{"bad as-of", []string{"review", dir, "--playbook", samplePlaybook, "--out", filepath.Join(dir, "o"), "--as-of", "26/11/2026"}, "--as-of must be YYYY-MM-DD"},
		{"bad fail-on", []string{"review", dir, "--playbook", samplePlaybook, "--out", filepath.Join(dir, "o"), "--fail-on", "fallback"}, "--fail-on must be"},
		{"bulk flag on one file", []string{"review", "../../testdata/sample-msa.docx", "--playbook", samplePlaybook, "--workers", "2"}, "--workers applies to bulk review only"},
		{"quiet on one file", []string{"review", "../../testdata/sample-msa.docx", "--playbook", samplePlaybook, "--quiet"}, "--quiet applies to bulk review only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, tc.args...)
			if code != exitUsage || !strings.Contains(errs, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, exitUsage, tc.msg)
			}
		})
	}
}

// Bulk review of a folder: exit 0 when everything was reviewed, progress lines
// on a stderr that is not a terminal, nothing with --quiet, 3 with --fail-on
// escalate.
func TestBulkSmall(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	sample, err := os.ReadFile("../../testdata/sample-msa.docx")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a/msa.docx", "b/msa.docx", "readme.md"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(in, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, p), sample, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := run(t, "review", in, "--playbook", samplePlaybook, "--out", out, "--workers", "2", "--as-of", "2026-11-26")
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "3 inputs: 2 reviewed, 1 skipped") || !strings.Contains(stderr, "clm: 2/2 inputs done, 0 refused or failed") {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
	for _, p := range []string{"a/msa.docx.redline.docx", "a/msa.docx.report.json", "b/msa.docx.redline.docx", "b/msa.docx.report.json", "summary.json", "state.jsonl"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Error(err)
		}
	}
	code, stdout, stderr = run(t, "review", in, "--playbook", samplePlaybook, "--out", out, "--quiet", "--fail-on", "escalate")
	if code != exitEscalate || stderr != "" || !strings.Contains(stdout, "2 skipped-unchanged") {
		t.Errorf("rerun with --quiet --fail-on escalate: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "review", in, "--playbook", samplePlaybook, "--out", out, "--quiet", "--force")
	if code != exitOK || !strings.Contains(stdout, "3 inputs: 2 reviewed, 1 skipped") {
		t.Errorf("rerun with --force: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// Acceptance: the whole corpus in one command — a redline and a report for
// every file that can be read, the refused ones listed with reasons, and an
// abstract that excelize and LibreOffice read to the cells of the CSV.
func TestBulkCorpus(t *testing.T) {
	needCorpus(t)
	dir := t.TempDir()
	out, xlsx, csvPath := filepath.Join(dir, "out"), filepath.Join(dir, "abstract.xlsx"), filepath.Join(dir, "abstract.csv")
	code, stdout, stderr := run(t, "review", corpusDir, "--playbook", samplePlaybook, "--out", out, "--abstract", xlsx, "--as-of", "2026-11-26", "--quiet")
	if code != exitFail { // the corpus holds a scanned PDF
		t.Fatalf("exit %d, want %d (a refused input): %s%s", code, exitFail, stdout, stderr)
	}
	sum := readSummary(t, out)
	var refused []string
	contracts := 0
	for _, e := range sum.Inputs {
		switch e.Status {
		case review.StatusReviewed:
			contracts++
			for _, p := range []string{e.Redline, e.Report} {
				if st, err := os.Stat(filepath.Join(out, p)); err != nil || st.Size() == 0 {
					t.Errorf("%s: output %s: %v", e.Path, p, err)
				}
			}
		case review.StatusRefused, review.StatusFailed:
			contracts++
			refused = append(refused, filepath.Base(e.Path)+": "+e.Reason)
		case review.StatusSkipped:
			if ext := strings.ToLower(filepath.Ext(e.Path)); ext == ".docx" || ext == ".pdf" || ext == ".txt" {
				t.Errorf("%s skipped: %s", e.Path, e.Reason)
			}
		default:
			t.Errorf("%s: status %s", e.Path, e.Status)
		}
	}
	want := []string{"scanned-image-only__LUCIDINC_04_15_2011-EX-10.9-DISTRIBUTOR AGREEMENT.pdf: no text layer (scanned PDF?)"}
	if !reflect.DeepEqual(refused, want) {
		t.Errorf("refused %q, want %q", refused, want)
	}
	if sum.Counts[review.StatusReviewed] < 400 {
		t.Errorf("only %d reviewed: %v", sum.Counts[review.StatusReviewed], sum.Counts)
	}
	t.Logf("corpus: %v", sum.Counts)

	// The rerun reviews nothing and writes the CSV abstract: the same cells
	// as the XLSX, which excelize and LibreOffice read.
	code, stdout, stderr = run(t, "review", corpusDir, "--playbook", samplePlaybook, "--out", out, "--abstract", csvPath, "--as-of", "2026-11-26", "--quiet")
	if code != exitFail || !strings.Contains(stdout, strconv.Itoa(sum.Counts[review.StatusReviewed])+" skipped-unchanged") {
		t.Fatalf("rerun: exit %d: %s%s", code, stdout, stderr)
	}
	recs := calctest.ReadCSV(t, csvPath)
	if len(recs) != contracts+1 {
		t.Errorf("CSV has %d records, want a header and %d rows", len(recs), contracts)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		for len(rows[i]) < len(review.AbstractHeader) {
			rows[i] = append(rows[i], "")
		}
	}
	if !reflect.DeepEqual(rows, recs) {
		t.Errorf("excelize reads the XLSX to other cells than the CSV's (%d and %d rows)", len(rows), len(recs))
	}
	if got := calctest.SofficeCSV(t, xlsx); !reflect.DeepEqual(got, recs) {
		for i := range min(len(got), len(recs)) {
			if !reflect.DeepEqual(got[i], recs[i]) {
				t.Errorf("LibreOffice's CSV differs first at record %d:\n got %q\nwant %q", i, got[i], recs[i])
				break
			}
		}
		t.Errorf("LibreOffice's CSV of the XLSX has %d records, ours %d", len(got), len(recs))
	}
}

// Acceptance: a bulk run killed half-way (SIGKILL) and started again finishes
// the rest without redoing what was done.
func TestBulkResumeAfterKill(t *testing.T) {
	needCorpus(t)
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH: cannot build the clm binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "clm")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "out")
	args := []string{"review", corpusDir, "--playbook", samplePlaybook, "--out", out, "--workers", "1", "--as-of", "2026-11-26"}

	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Progress lines come at most every 2 seconds; the second one says some
	// inputs are done. Kill the run then.
	progress := regexp.MustCompile(`^clm: (\d+)/(\d+) inputs done`)
	sc := bufio.NewScanner(stderr)
	lines := 0
	for sc.Scan() {
		m := progress.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		if done, total := atoi(m[1]), atoi(m[2]); done == total {
			t.Fatal("the run finished before it could be killed")
		}
		if lines++; lines == 2 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	for sc.Scan() { // drain
	}
	var ee *exec.ExitError
	if err := cmd.Wait(); !errors.As(err, &ee) {
		t.Fatalf("killed run: %v", err)
	}

	// What the state says was done, and the times of those outputs.
	done := map[string]time.Time{}
	state, err := os.ReadFile(filepath.Join(out, review.StateFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(state), "\n") {
		var rec struct {
			Entry review.Entry `json:"entry"`
		}
		if json.Unmarshal([]byte(l), &rec) != nil {
			continue // a torn last line
		}
		for _, p := range []string{rec.Entry.Redline, rec.Entry.Report} {
			st, err := os.Stat(filepath.Join(out, p))
			if err != nil {
				t.Fatalf("the state lists %s, which is not on disk: %v", p, err)
			}
			done[p] = st.ModTime()
		}
	}
	if len(done) == 0 {
		t.Fatal("nothing done before the kill")
	}

	res, err := exec.Command(bin, append(args, "--workers", "2", "--quiet")...).CombinedOutput()
	if ee := (*exec.ExitError)(nil); err != nil && (!errors.As(err, &ee) || ee.ExitCode() != exitFail) {
		t.Fatalf("rerun: %v\n%s", err, res)
	}
	sum := readSummary(t, out)
	unchanged := 0
	for _, e := range sum.Inputs {
		_, wasDone := done[e.Redline]
		switch {
		case e.Status == review.StatusUnchanged:
			unchanged++
			if !wasDone {
				t.Errorf("%s: skipped-unchanged but not done before the kill", e.Path)
			}
		case e.Status == review.StatusReviewed && wasDone:
			t.Errorf("%s: reviewed again after the kill", e.Path)
		case e.Status == review.StatusReviewed, e.Status == review.StatusSkipped:
		case e.Status == review.StatusRefused && strings.Contains(e.Path, "scanned-image-only"):
		default:
			t.Errorf("%s: %s %s", e.Path, e.Status, e.Reason)
		}
	}
	if unchanged != len(done)/2 {
		t.Errorf("%d skipped-unchanged, want the %d done before the kill", unchanged, len(done)/2)
	}
	for p, mt := range done {
		if st, err := os.Stat(filepath.Join(out, p)); err != nil || !st.ModTime().Equal(mt) {
			t.Errorf("%s was rewritten after the kill", p)
		}
	}
	t.Logf("killed after %d inputs; the rerun: %v", len(done)/2, sum.Counts)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// readSummary reads the summary.json of a bulk review's output directory.
func readSummary(t *testing.T, out string) review.Summary {
	t.Helper()
	var sum review.Summary
	data, err := os.ReadFile(filepath.Join(out, review.SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &sum); err != nil {
		t.Fatal(err)
	}
	return sum
}
