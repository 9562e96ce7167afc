package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/clm-engine/clm/playbook"
)

const samplePlaybook = "../../playbooks/saas-msa-customer.yaml"

func TestReviewJSON(t *testing.T) {
	code, out, errs := run(t, "review", "../../testdata/sample-msa.docx", "--playbook", samplePlaybook, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r playbook.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("report is not JSON: %v", err)
	}
	if r.Schema != "clm.review/v1" || r.Playbook.Name == "" || len(r.Playbook.Revision) != 64 || r.Engine.Version == "" {
		t.Errorf("header: schema %q playbook %+v engine %+v", r.Schema, r.Playbook, r.Engine)
	}
	if len(r.Decisions) == 0 || r.Summary.SignOff == "" {
		t.Errorf("%d decisions, sign-off %q", len(r.Decisions), r.Summary.SignOff)
	}
	for _, d := range r.Decisions {
		if d.Rule == "" || d.Outcome == "" || len(d.Reasons) == 0 {
			t.Errorf("decision %+v lacks rule, outcome or reasons", d)
		}
	}
}

func TestReviewText(t *testing.T) {
	code, out, errs := run(t, "review", "--playbook", samplePlaybook, "../../testdata/sample-msa.docx")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Sign-off:") || !strings.Contains(out, "saas-msa-customer") {
		t.Errorf("text report:\n%s", out)
	}
}

// --fail-on escalate exits 3 exactly when a decision escalates.
func TestReviewFailOnEscalate(t *testing.T) {
	code, out, errs := run(t, "review", "../../testdata/sample-msa.docx", "--playbook", samplePlaybook, "--format", "json", "--fail-on", "escalate")
	var r playbook.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("exit %d, %s: %v", code, errs, err)
	}
	want := exitOK
	if r.Summary.Counts[playbook.OutcomeEscalate] > 0 {
		want = exitEscalate
	}
	if code != want {
		t.Errorf("exit %d with %d escalations, want %d", code, r.Summary.Counts[playbook.OutcomeEscalate], want)
	}
	// A playbook whose only rule always escalates.
	dir := t.TempDir()
	pb := filepath.Join(dir, "always.yaml")
	writeFile(t, pb, "playbook: always\nversion: \"1\"\nowner: x@example.com\nperspective: customer\n"+
		"parties: {us: [Customer], them: [Supplier]}\nauthority: {paralegal: [accept, fallback], counsel: [accept, fallback, escalate]}\n"+
		"rules:\n  - id: law\n    clause: governing_law\n    accept: \"false\"\n    escalate: {to: counsel, reason: always}\n")
	code, _, errs = run(t, "review", "../../testdata/sample-msa.docx", "--playbook", pb, "--fail-on", "escalate")
	if code != exitEscalate {
		t.Errorf("exit %d, want %d: %s", code, exitEscalate, errs)
	}
	code, _, _ = run(t, "review", "../../testdata/sample-msa.docx", "--playbook", pb)
	if code != exitOK {
		t.Errorf("without --fail-on: exit %d, want 0", code)
	}
}

func TestReviewErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	writeFile(t, bad, "playbook: bad\nrules: [\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no playbook", []string{"review", "../../testdata/sample-msa.docx"}, exitUsage, "--playbook is required"},
		{"two files", []string{"review", "a", "b", "--playbook", samplePlaybook}, exitUsage, "exactly one FILE"},
		{"bad format", []string{"review", "a", "--playbook", samplePlaybook, "--format", "pdf"}, exitUsage, "--format"},
		{"bad fail-on", []string{"review", "a", "--playbook", samplePlaybook, "--fail-on", "fallback"}, exitUsage, "--fail-on"},
		{"missing contract", []string{"review", filepath.Join(dir, "nope.docx"), "--playbook", samplePlaybook}, exitFail, "nope.docx"},
		{"broken playbook", []string{"review", "../../testdata/sample-msa.docx", "--playbook", bad}, exitFail, "bad.yaml:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tc.code, tc.msg)
			}
		})
	}
}

// The shipped playbooks check clean and pass their tests.
func TestPlaybookShipped(t *testing.T) {
	code, out, errs := run(t, "playbook", "check", "../../playbooks")
	if code != exitOK || out != "" || errs != "" {
		t.Errorf("check: exit %d, stdout %q, stderr %q; want 0 and nothing", code, out, errs)
	}
	code, out, errs = run(t, "playbook", "test", "../../playbooks")
	if code != exitOK {
		t.Errorf("test: exit %d\n%s%s", code, out, errs)
	}
	if n := strings.Count(out, "ok  \t"); n < 3 {
		t.Errorf("test: %d playbooks ok, want 3 or more:\n%s", n, out)
	}
	// A tests file runs with its playbook.
	code, out, errs = run(t, "playbook", "test", "../../playbooks/mutual-nda_test.yaml")
	if code != exitOK || strings.Count(out, "ok  \t") != 1 {
		t.Errorf("test of a tests file: exit %d\n%s%s", code, out, errs)
	}
}

func TestPlaybookCheckErrors(t *testing.T) {
	dir := t.TempDir()
	pb := filepath.Join(dir, "p.yaml")
	writeFile(t, pb, "playbook: p\nversion: \"1\"\nowner: x@example.com\nperspective: customer\n"+
		"parties: {us: [Customer], them: [Supplier]}\nauthority: {counsel: [accept, fallback, escalate]}\n"+
		"rules:\n  - id: r1\n    clause: assignmnt\n    accept: \"true\"\n    escalate: {to: counsel, reason: x}\n"+
		"  - id: r2\n    clause: assignment\n    accept: assignment.consent_requird\n    escalate: {to: counsel, reason: x}\n")
	code, out, errs := run(t, "playbook", "check", pb)
	if code != exitFail || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 errors, got:\n%s", errs)
	}
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(pb) + `:(\d+):(\d+): .+ \(rule (r1|r2)\)$`)
	for i, want := range []string{"9", "14"} {
		m := re.FindStringSubmatch(lines[i])
		if m == nil || m[1] != want {
			t.Errorf("error %d = %q, want %s:%s:col: ... (rule r%d)", i, lines[i], pb, want, i+1)
		}
	}
	code, out, _ = run(t, "playbook", "check", pb, "--format", "json")
	var got struct {
		Errors []playbook.Error `json:"errors"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitFail || len(got.Errors) != 2 {
		t.Fatalf("json: exit %d, %v, %s", code, err, out)
	}
	if got.Errors[0].Code != playbook.CodeUnknownClauseType || got.Errors[1].Code != playbook.CodeUnknownTerm {
		t.Errorf("codes %q, %q", got.Errors[0].Code, got.Errors[1].Code)
	}
	if code, _, errs := run(t, "playbook", "lint", pb); code != exitUsage {
		t.Errorf("unknown subcommand: exit %d, %s", code, errs)
	}
	if code, _, errs := run(t, "playbook", "check", filepath.Join(dir, "none")); code != exitFail || !strings.Contains(errs, "none") {
		t.Errorf("missing file: exit %d, %s", code, errs)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// --out writes the redline: the original DOCX with tracked changes and comments.
func TestReviewOut(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "redline.docx")
	code, stdout, errs := run(t, "review", "../../testdata/sample-msa.docx", "--playbook", samplePlaybook,
		"--out", out, "--author", "Deal Desk", "--date", "2026-11-26T10:00:00Z", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatalf("redline is not a zip: %v", err)
	}
	defer zr.Close()
	var doc, comments string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		switch f.Name {
		case "word/document.xml":
			doc = string(b)
		case "word/comments.xml":
			comments = string(b)
		}
	}
	if !strings.Contains(doc, "<w:ins ") || !strings.Contains(doc, "<w:delText") || !strings.Contains(doc, `w:author="Deal Desk"`) ||
		!strings.Contains(doc, `w:date="2026-11-26T10:00:00Z"`) {
		t.Errorf("document.xml lacks the tracked changes by Deal Desk")
	}
	if !strings.Contains(comments, "assignment-consent") {
		t.Errorf("comments.xml lacks the rule's comment")
	}
	var r playbook.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	// The playbook's missing IP indemnity is inserted as a tracked new paragraph.
	if !strings.Contains(doc, "Supplier shall defend Customer") || !regexp.MustCompile(`<w:pPr>.*?<w:rPr><w:ins `).MatchString(doc) {
		t.Errorf("document.xml lacks the inserted clause with an inserted paragraph mark")
	}
	if !strings.Contains(errs, "wrote "+out) {
		t.Errorf("stderr %q does not say what was written", errs)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"review", "../../testdata/sample-msa.docx", "--playbook", samplePlaybook, "--out", out, "--date", "yesterday"}, exitUsage, "RFC 3339"},
	} {
		code, _, errs := run(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, %q", tc.args, code, errs)
		}
	}
	// Text input: the redline is a new DOCX built from the extracted clauses.
	txt := filepath.Join(dir, "c.txt")
	writeFile(t, txt, "1. Assignment. Customer shall not assign this Agreement without the consent of Supplier.\n")
	code, _, errs = run(t, "review", txt, "--playbook", samplePlaybook, "--out", filepath.Join(dir, "x.docx"))
	if code != exitOK {
		t.Errorf("text input with --out: exit %d, %q", code, errs)
	}
	if zr, err := zip.OpenReader(filepath.Join(dir, "x.docx")); err != nil {
		t.Errorf("text input's redline: %v", err)
	} else {
		zr.Close()
	}
	// A failed review leaves no file behind.
	code, _, _ = run(t, "review", filepath.Join(dir, "none.txt"), "--playbook", samplePlaybook, "--out", filepath.Join(dir, "y.docx"))
	if _, err := os.Stat(filepath.Join(dir, "y.docx")); code != exitFail || !os.IsNotExist(err) {
		t.Errorf("failed review: exit %d, output file %v", code, err)
	}
}

// --format html prints a self-contained redline preview.
func TestReviewHTML(t *testing.T) {
	code, out, errs := run(t, "review", "../../testdata/sample-msa.docx", "--playbook", samplePlaybook, "--format", "html")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"<html", "<del", "<ins", "assignment-consent", "general_counsel"} {
		if !strings.Contains(out, want) {
			t.Errorf("html preview lacks %q", want)
		}
	}
	if strings.Contains(out, "<script") || strings.Contains(out, "http://") || strings.Contains(out, "https://") {
		t.Errorf("html preview is not self-contained")
	}
}
