package playbook

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
)

func TestRunTestsTestdata(t *testing.T) {
	pb, err := LoadFile("testdata/saas.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pb.Tests) != 12 {
		t.Errorf("%d tests, want 12 (2 inline, 10 in saas_test.yaml)", len(pb.Tests))
	}
	tr := RunTests(context.Background(), pb)
	if tr.Failed() > 0 {
		var b bytes.Buffer
		tr.WriteText(&b, false)
		t.Errorf("playbook tests fail:\n%s", b.String())
	}
}

// TestRunTestsOutput checks the go test style output, with a failing test.
func TestRunTestsOutput(t *testing.T) {
	src := ldHead + `  - id: consent
    clause: assignment
    accept: assignment.consent_required && assignment.mutual
    escalate: { to: counsel }
tests:
  - name: mutual passes
    terms: { assignment: { consent_required: true, mutual: true } }
    expect: { rule: consent, outcome: accept }
  - name: wrong expectation
    terms: { assignment: { consent_required: true, mutual: false } }
    expect: { rule: consent, outcome: accept }
  - name: absent term escalates
    terms: { assignment: { consent_required: true, mutual: null } }
    expect: { rule: consent, outcome: escalate }
  - name: clause text
    clause: "Neither party may assign this Agreement without the prior written consent of the other party."
    expect: { rule: consent, outcome: accept, position: standard }
`
	pb := evMustLoad(t, src)
	tr := RunTests(context.Background(), pb)
	for _, verbose := range []bool{false, true} {
		var b bytes.Buffer
		if err := tr.WriteText(&b, verbose); err != nil {
			t.Fatal(err)
		}
		got := regexp.MustCompile(`\d+\.\d+s`).ReplaceAllString(b.String(), "0.000s")
		want := "--- FAIL: wrong expectation (t.yaml:14)\n" +
			"    rule consent: got escalate (counsel): Standard position not met: assignment.consent_required && assignment.mutual is false (assignment.consent_required = true, assignment.mutual = false). Escalated to counsel.; want accept\n" +
			"FAIL\tt.yaml\t0.000s\t(1 of 4 tests failed)\n"
		if verbose {
			want = "--- PASS: mutual passes (t.yaml:11)\n" + want[:len(want)-len("FAIL\tt.yaml\t0.000s\t(1 of 4 tests failed)\n")] +
				"--- PASS: absent term escalates (t.yaml:17)\n--- PASS: clause text (t.yaml:20)\nFAIL\tt.yaml\t0.000s\t(1 of 4 tests failed)\n"
		}
		if got != want {
			t.Errorf("verbose %v: got\n%s\nwant\n%s", verbose, got, want)
		}
	}
}

func TestTestValues(t *testing.T) {
	src := ldHead + `  - id: r
    clause: renewal
    accept: "true"
tests:
  - name: values
    party: Customer
    terms:
      effective_date: 2025-01-01
      renewal: { notice_period: P1Y2M3W4D, limit: 2 }
      liability: { cap_amount: "USD 1,000,000", cap_multiple: 1.5, carve_outs: [fraud] }
      payment: { term: p30d }
      parties: [{ name: Acme Inc., role: Customer }]
    expect: { rule: r, outcome: accept }
`
	pb := evMustLoad(t, src)
	got := pb.Tests[0].Terms
	want := map[extract.TermKind]any{
		"effective_date":           extract.Date{Year: 2025, Month: 1, Day: 1},
		"renewal_notice_period":    extract.Duration{Years: 1, Months: 2, Weeks: 3, Days: 4},
		"renewal_limit":            2,
		"liability_cap_amount":     extract.Money{Amount: 1e6, Currency: "USD"},
		"liability_cap_multiple":   1.5,
		"liability_cap_carve_outs": []string{"fraud"},
		"payment_term":             extract.Duration{Days: 30},
		"parties":                  []extract.Party{{Name: "Acme Inc.", Role: "Customer", Aliases: []string{"Customer"}}},
	}
	if len(got) != len(want) {
		t.Errorf("%d terms, want %d: %v", len(got), len(want), got)
	}
	for k, w := range want {
		if g := evValue(got[k]); g != evValue(w) {
			t.Errorf("%s = %s, want %s", k, g, evValue(w))
		}
	}
	if pb.Tests[0].Party != "Customer" {
		t.Errorf("party %q", pb.Tests[0].Party)
	}
}

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"P90D", "P90D", true}, {"P1Y6M", "P1Y6M", true}, {"p2w", "P2W", true},
		{"P", "", false}, {"90D", "", false}, {"P1H", "", false}, {"", "", false},
	} {
		d, err := ParseDuration(tc.in)
		if (err == nil) != tc.ok || tc.ok && d.String() != tc.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %s ok=%v", tc.in, d, err, tc.want, tc.ok)
		}
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(good, []byte(ldHead+"  - id: a\n    clause: assignment\n    accept: \"true\"\n"), 0o644)
	os.WriteFile(bad, []byte(ldHead+"  - id: a\n    clause: assignment\n    accept: \"true\"\n"), 0o644)
	// The tests file beside bad.yaml names a rule bad.yaml lacks.
	os.WriteFile(filepath.Join(dir, "bad_test.yaml"), []byte("tests:\n  - name: x\n    terms: {}\n    expect: { rule: b, outcome: accept }\n"), 0o644)
	missing := filepath.Join(dir, "missing.yaml")
	list := Check(good, bad, missing)
	var got []string
	for _, e := range list {
		got = append(got, e.Code+" "+e.Error())
	}
	want := []string{
		"test_unknown_rule " + filepath.Join(dir, "bad_test.yaml") + `:4:21: test "x" expects rule "b", which the playbook does not have`,
		"io " + missing + ":1:1: no such file or directory",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %q, want %q", got[i], want[i])
		}
	}
	if Check(good).Err() != nil {
		t.Errorf("Check(good) reports errors")
	}
}

func TestErrorListCap(t *testing.T) {
	var l ErrorList
	for i := 0; i < 12; i++ {
		l = append(l, &Error{File: "f", Line: 12 - i, Column: 1, Code: CodeUnknownKey, Message: "m"})
	}
	l.Sort()
	s := l.Error()
	if l[0].Line != 1 || !regexp.MustCompile(`^f:1:1: m\n(f:\d+:1: m\n){9}\(and 2 more errors\)$`).MatchString(s) {
		t.Errorf("got %q", s)
	}
	if (ErrorList{}).Err() != nil {
		t.Error("empty list is an error")
	}
	e := &Error{File: "p.yaml", Line: 3, Column: 7, Rule: "r1", Message: "bad"}
	if e.Error() != "p.yaml:3:7: bad (rule r1)" {
		t.Errorf("got %q", e.Error())
	}
}

// TestEnvGeneratedDetectsDrift shows the drift test can fail: a catalogue with
// one more term generates a different file.
func TestEnvGeneratedDetectsDrift(t *testing.T) {
	cur, err := os.ReadFile("env_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	more := append(append([]extract.TermInfo(nil), extract.Terms...), extract.TermInfo{Kind: "x_y", Group: "x", Field: "y", GoType: "bool", Meaning: "test"})
	src, err := envGenSource(more)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(src, cur) {
		t.Error("a new term did not change the generated environment")
	}
	clash := append(append([]extract.TermInfo(nil), extract.Terms...), extract.TermInfo{Kind: "renewal", Group: "z", Field: "q", GoType: "bool"})
	if _, err := envGenSource(clash); err == nil {
		t.Error("a term named like a group was accepted")
	}
}

// TestCheckTestsFile checks that a tests file given to Check stands for its
// playbook: errors in either file are reported, once.
func TestCheckTestsFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rule := "  - id: a\n    clause: assignment\n    accept: \"true\"\n"
	okTests := "tests:\n  - name: x\n    terms: {}\n    expect: { rule: a, outcome: accept }\n"
	good := write("good.yaml", ldHead+rule)
	goodTests := write("good_test.yaml", okTests)
	bad := write("bad.yaml", ldHead+rule)
	badTests := write("bad_test.yaml", "tests:\n  - name: x\n    terms: {}\n    expect: { rule: b, outcome: accept }\n")
	broken := write("broken.yaml", ldHead+"  - id: a\n    clause: asignment\n    accept: \"true\"\n")
	brokenTests := write("broken_test.yaml", okTests)
	orphan := write("orphan_test.yaml", okTests)

	unknownRule := "test_unknown_rule " + badTests + `:4:21: test "x" expects rule "b", which the playbook does not have`
	for _, tc := range []struct {
		name  string
		files []string
		want  []string
	}{
		{"tests file of a good playbook", []string{goodTests}, nil},
		{"error in the tests file", []string{badTests}, []string{unknownRule}},
		{"playbook and its tests file, reported once", []string{bad, badTests, bad}, []string{unknownRule}},
		{"error in the playbook of a tests file", []string{brokenTests}, []string{
			"unknown_clause_type " + broken + `:7:13: unknown clause type "asignment" (rule a)`}},
		{"tests file without its playbook", []string{orphan}, []string{
			"io " + orphan + ":1:1: tests file without its playbook " + filepath.Join(dir, "orphan.yaml") + ": no such file or directory"}},
		{"good playbook", []string{good}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, e := range Check(tc.files...) {
				got = append(got, e.Code+" "+e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestPlaybookFile(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"playbooks/saas_test.yaml", "playbooks/saas.yaml"},
		{"nda_test.yml", "nda.yml"},
		{"playbooks/saas.yaml", ""},
		{"playbooks/_test.yaml", ""},
		{"test.yaml", ""},
	} {
		if got := PlaybookFile(tc.in); got != tc.want {
			t.Errorf("PlaybookFile(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if tc.want != "" && TestsFile(tc.want) != tc.in {
			t.Errorf("TestsFile(%q) = %q, want %q", tc.want, TestsFile(tc.want), tc.in)
		}
	}
}
