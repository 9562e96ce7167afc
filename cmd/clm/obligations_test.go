package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

const obligationsContract = `SERVICES AGREEMENT

This Services Agreement is entered into as of April 1, 2024 (the "Effective Date") by and between Acme Corp., a Delaware corporation ("Customer"), and Widget Ltd ("Supplier").

1. Term. This Agreement shall commence on the Effective Date and continue for an initial term of three (3) years. Thereafter it shall automatically renew for successive one (1) year periods unless either party gives the other written notice of non-renewal at least ninety (90) days prior to the end of the then-current term.

2. Payment. Customer shall pay each invoice within thirty (30) days of receipt.
`

func TestObligationsCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "msa.txt")
	if err := os.WriteFile(path, []byte(obligationsContract), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "obligations", path, "--as-of", "2027-01-15", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		AsOf        string `json:"as_of"`
		Obligations []struct {
			Kind, Computation string
			Due               *string
			Trigger           string
		} `json:"obligations"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	due := map[string]string{}
	for _, o := range got.Obligations {
		if o.Due != nil {
			due[o.Kind] = *o.Due
		} else {
			due[o.Kind] = "event: " + o.Trigger
		}
	}
	// 15 January 2027: the notice window of the initial term (31 December) has
	// closed, so the next deadline is a term later
	want := map[string]string{"non_renewal_notice": "2028-01-01", "expiration": "2027-03-31", "renewal": "2027-04-01", "payment": "event: receipt of an invoice"}
	for k, v := range want {
		if due[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, due[k], v, due)
		}
	}

	code, out, errOut = run(t, "obligations", path, "--as-of", "2026-11-26", "--format", "ics", "--leads", "30,7")
	if code != exitOK {
		t.Fatalf("ics: exit %d: %s", code, errOut)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	if err != nil {
		t.Fatalf("ics does not parse: %v", err)
	}
	if n := len(cal.Events()); n != 3 {
		t.Errorf("%d events, want 3", n)
	}
	for _, e := range cal.Events() {
		if len(e.Alarms()) != 2 {
			t.Errorf("event %s: %d alarms, want 2", e.Id(), len(e.Alarms()))
		}
	}

	code, out, _ = run(t, "obligations", path, "--as-of", "2026-11-26")
	if code != exitOK || !strings.Contains(out, "2026-12-31  non_renewal_notice") {
		t.Errorf("text: exit %d\n%s", code, out)
	}
}

func TestObligationsCommandErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "msa.txt")
	if err := os.WriteFile(path, []byte(obligationsContract), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"obligations"}, exitUsage, "want exactly one FILE"},
		{[]string{"obligations", path, "--as-of", "26/11/2026"}, exitUsage, "--as-of must be a date"},
		{[]string{"obligations", path, "--format", "xml"}, exitUsage, "--format must be text, json or ics"},
		{[]string{"obligations", path, "--tz", "Mars/Olympus"}, exitUsage, "unknown time zone"},
		{[]string{"obligations", path, "--leads", "30,soon"}, exitUsage, "--leads"},
		{[]string{"obligations", filepath.Join(t.TempDir(), "missing.docx")}, exitFail, "missing.docx"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
}
