package playbook

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/clm-engine/clm/extract"
)

// TestResult is the result of one playbook test.
type TestResult struct {
	Test    *Test
	Pass    bool
	Got     string // the decisions of the expected rule, as outcome and position
	Message string // why it failed
}

// TestReport is the result of RunTests.
type TestReport struct {
	Playbook string
	File     string
	Results  []TestResult
	Elapsed  time.Duration
}

// Failed counts the failed tests.
func (tr *TestReport) Failed() int {
	n := 0
	for _, r := range tr.Results {
		if !r.Pass {
			n++
		}
	}
	return n
}

// RunTests runs the playbook's tests. A test with clause text runs it through
// extract.Parse as a small text document (with any terms it gives replacing the
// extracted ones); a test with terms only judges a clause of the expected rule's
// type with those terms and no text, in which case edits are not checked and an
// unresolved perspective does not escalate. Each test checks every decision of
// its expected rule; outcome "none" expects no decision. ctx bounds the
// extraction of clause texts: once it is done, tests with clause text fail
// with its error.
func RunTests(ctx context.Context, pb *Playbook) *TestReport {
	start := time.Now()
	tr := &TestReport{Playbook: pb.Name, File: pb.File}
	rules := make(map[string]*Rule, len(pb.Rules))
	for _, r := range pb.Rules {
		rules[r.ID] = r
	}
	for _, t := range pb.Tests {
		tr.Results = append(tr.Results, runTest(ctx, pb, rules[t.Expect.Rule], t))
	}
	tr.Elapsed = time.Since(start)
	return tr
}

func runTest(ctx context.Context, pb *Playbook, rule *Rule, t *Test) (res TestResult) {
	res.Test = t
	defer func() {
		if p := recover(); p != nil {
			res.Pass, res.Message = false, fmt.Sprintf("internal error: %v", p)
		}
	}()
	if rule == nil {
		res.Message = fmt.Sprintf("no rule %q", t.Expect.Rule)
		return res
	}
	var doc *extract.Document
	synthetic := !t.HasClause
	if t.HasClause {
		var err error
		doc, err = extract.Parse(ctx, t.Name+".txt", []byte(t.Clause), nil)
		if err != nil {
			res.Message = fmt.Sprintf("extracting the clause: %v", err)
			return res
		}
	} else {
		doc = &extract.Document{Name: t.Name, Format: extract.FormatText,
			Blocks:  []extract.Block{{Kind: extract.BlockParagraph}},
			Clauses: []extract.Clause{{ID: "c1", Level: 1, Kind: extract.KindClause, Types: []extract.TypeTag{{Type: rule.Clause}}}},
		}
	}
	if len(t.Terms) > 0 {
		kept := doc.Terms[:0:0]
		for _, term := range doc.Terms {
			if _, given := t.Terms[term.Kind]; !given {
				kept = append(kept, term)
			}
		}
		for k, v := range t.Terms {
			if v != nil {
				kept = append(kept, extract.Term{Kind: k, Value: v, Clause: 0})
			}
		}
		doc.Terms = kept
	}
	o := (&Options{Party: t.Party}).withDefaults()
	one := &Playbook{Name: pb.Name, Authority: pb.Authority, Parties: pb.Parties, Rules: []*Rule{rule}}
	ev := newEvaluator(doc, one, &o, synthetic)
	ev.pinned = make(map[extract.TermKind]bool, len(t.Terms))
	for k := range t.Terms {
		ev.pinned[k] = true
	}
	ds := ev.run()
	var got []string
	pass := true
	for _, d := range ds {
		g := d.Outcome + " (" + d.Position + ")"
		if d.Outcome == OutcomeEscalate {
			g += ": " + strings.Join(d.Reasons, " ")
		}
		got = append(got, g)
		if d.Outcome != t.Expect.Outcome || t.Expect.Position != "" && d.Position != t.Expect.Position {
			pass = false
		}
	}
	if len(ds) == 0 {
		got = []string{"none"}
		pass = t.Expect.Outcome == "none"
	}
	res.Got = strings.Join(got, "; ")
	res.Pass = pass
	if !pass {
		want := t.Expect.Outcome
		if t.Expect.Position != "" {
			want += " (" + t.Expect.Position + ")"
		}
		res.Message = fmt.Sprintf("rule %s: got %s; want %s", rule.ID, res.Got, want)
		if t.HasClause && len(ev.byTyp[rule.Clause]) == 0 && t.Expect.Position != PositionMissing && t.Expect.Outcome != "none" {
			res.Message += fmt.Sprintf(" (extraction found no %s clause in the test's text)", rule.Clause)
		}
	}
	return res
}

// WriteText writes the results in the style of go test: a --- FAIL block per
// failed test (and --- PASS lines when verbose), then "ok" or "FAIL".
func (tr *TestReport) WriteText(w io.Writer, verbose bool) error {
	b := bufio.NewWriter(w)
	for _, r := range tr.Results {
		switch {
		case !r.Pass:
			fmt.Fprintf(b, "--- FAIL: %s (%s:%d)\n    %s\n", r.Test.Name, r.Test.File, r.Test.Line, r.Message)
		case verbose:
			fmt.Fprintf(b, "--- PASS: %s (%s:%d)\n", r.Test.Name, r.Test.File, r.Test.Line)
		}
	}
	secs := fmt.Sprintf("%.3fs", tr.Elapsed.Seconds())
	if n := tr.Failed(); n > 0 {
		fmt.Fprintf(b, "FAIL\t%s\t%s\t(%d of %d tests failed)\n", tr.File, secs, n, len(tr.Results))
	} else {
		fmt.Fprintf(b, "ok  \t%s\t%s\t(%d tests)\n", tr.File, secs, len(tr.Results))
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("playbook: write test results: %w", err)
	}
	return nil
}
