package playbook

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// shDir holds the playbooks the repository ships.
const shDir = "../playbooks"

// TestShippedPlaybooks loads every shipped playbook with Check (no errors) and
// runs its tests (all pass), so that go test ./... guards them.
func TestShippedPlaybooks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(shDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var playbooks []string
	for _, f := range files {
		if PlaybookFile(f) == "" {
			playbooks = append(playbooks, f)
		}
	}
	if len(playbooks) < 3 {
		t.Fatalf("%d playbooks in %s, want at least 3: %v", len(playbooks), shDir, playbooks)
	}
	if errs := Check(files...); len(errs) > 0 {
		t.Errorf("clm playbook check %s:\n%v", shDir, errs)
	}
	for _, f := range playbooks {
		t.Run(filepath.Base(f), func(t *testing.T) {
			pb, err := LoadFile(f, nil)
			if err != nil {
				t.Fatal(err)
			}
			tr := RunTests(context.Background(), pb)
			if len(tr.Results) == 0 {
				t.Fatal("no tests")
			}
			if tr.Failed() > 0 {
				var b bytes.Buffer
				tr.WriteText(&b, false)
				t.Errorf("playbook tests fail:\n%s", b.String())
			}
			for _, miss := range shUntested(pb) {
				t.Errorf("untested: %s", miss)
			}
		})
	}
}

// shUntested lists the paths of each rule that no test expects: its accept,
// each fallback (by position), its escalation and its missing position.
func shUntested(pb *Playbook) []string {
	type key struct{ rule, outcome, position string }
	seen := make(map[key]bool)
	for _, t := range pb.Tests {
		seen[key{t.Expect.Rule, t.Expect.Outcome, t.Expect.Position}] = true
		if t.Expect.Position != PositionMissing && t.Expect.Position != PositionMissingAccepted {
			seen[key{t.Expect.Rule, t.Expect.Outcome, "*"}] = true
		}
	}
	var out []string
	need := func(r *Rule, outcome, position, what string) {
		if !seen[key{r.ID, outcome, position}] {
			out = append(out, "rule "+r.ID+": "+what)
		}
	}
	for _, r := range pb.Rules {
		need(r, OutcomeAccept, "*", "accept")
		need(r, OutcomeEscalate, "*", "escalate")
		fbs := append([]*Fallback(nil), r.Fallbacks...)
		for _, j := range r.Jurisdictions {
			fbs = append(fbs, j.Fallbacks...)
		}
		for _, fb := range fbs {
			need(r, OutcomeFallback, fb.Name, "fallback "+strings.TrimSpace(fb.Name))
		}
		switch {
		case r.Missing == nil:
		case r.Missing.Accept:
			need(r, OutcomeAccept, PositionMissingAccepted, "missing (accepted absence)")
		default:
			need(r, OutcomeFallback, PositionMissing, "missing")
		}
	}
	return out
}
