package review

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

func TestMain(m *testing.M) {
	extract.PDFHelperMain()
	os.Exit(m.Run())
}

// shippedPlaybook loads one of the playbooks in ../playbooks.
func shippedPlaybook(t *testing.T, name string) *playbook.Playbook {
	t.Helper()
	pb, err := playbook.LoadFile(filepath.Join("..", "playbooks", name), nil)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return pb
}

// playbookFor picks the shipped playbook for a corpus document by its name:
// NDAs with the NDA playbook, DPAs with the DPA playbook, everything else with
// the SaaS/MSA playbook.
func playbookFor(name string) string {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "nda"):
		return "mutual-nda.yaml"
	case strings.Contains(n, "data-processing") || strings.Contains(n, "dpa"):
		return "dpa-controller.yaml"
	}
	return "saas-msa-customer.yaml"
}

// checkDecisions checks the review contract: every rule of the playbook gets a
// decision for each clause of its type (unless its guard excludes the clause),
// or one for its missing clause type; every decision has reasons, inputs for
// the terms it read, and edits only when it falls back.
func checkDecisions(t *testing.T, res *Result, pb *playbook.Playbook) {
	t.Helper()
	r := res.Report
	if r.Schema != playbook.Schema || r.Playbook.Revision == "" || r.Document.SHA256 != res.Document.SHA256 {
		t.Errorf("%s: report header %+v %+v", r.Document.Name, r.Playbook, r.Document)
	}
	byRule := map[string][]*playbook.Decision{}
	for _, d := range r.Decisions {
		byRule[d.Rule] = append(byRule[d.Rule], d)
		if len(d.Reasons) == 0 {
			t.Errorf("%s: decision %s has no reasons", r.Document.Name, d.ID)
		}
		if d.Inputs == nil {
			t.Errorf("%s: decision %s has no inputs map", r.Document.Name, d.ID)
		}
		switch d.Outcome {
		case playbook.OutcomeAccept, playbook.OutcomeEscalate:
			if len(d.Edits) > 0 {
				t.Errorf("%s: %s decision %s carries edits", r.Document.Name, d.Outcome, d.ID)
			}
		case playbook.OutcomeFallback:
			if len(d.Edits) == 0 {
				t.Errorf("%s: fallback %s has no edit", r.Document.Name, d.ID)
			}
		default:
			t.Errorf("%s: decision %s has outcome %q", r.Document.Name, d.ID, d.Outcome)
		}
		if d.Clause != "" && !clauseExists(res.Document, d.Clause) {
			t.Errorf("%s: decision %s names clause %s, which does not exist", r.Document.Name, d.ID, d.Clause)
		}
	}
	for _, rule := range pb.Rules {
		typed := 0
		for i := range res.Document.Clauses {
			for _, tt := range res.Document.Clauses[i].Types {
				if tt.Type == rule.Clause {
					typed++
				}
			}
		}
		ds := byRule[rule.ID]
		switch {
		case typed == 0 && len(ds) == 0 && rule.When == nil:
			t.Errorf("%s: rule %s: no clause of type %s and no missing decision", r.Document.Name, rule.ID, rule.Clause)
		case typed > 0 && len(ds) > typed:
			t.Errorf("%s: rule %s: %d decisions for %d clauses of type %s", r.Document.Name, rule.ID, len(ds), typed, rule.Clause)
		case typed > 0 && len(ds) == 0 && rule.When == nil:
			t.Errorf("%s: rule %s: %d clauses of type %s, no decision", r.Document.Name, rule.ID, typed, rule.Clause)
		}
	}
	if r.Summary.SignOff == "" && len(r.Decisions) > 0 {
		t.Errorf("%s: no sign-off level", r.Document.Name)
	}
}

func clauseExists(doc *extract.Document, id string) bool {
	for i := range doc.Clauses {
		if doc.Clauses[i].ID == id {
			return true
		}
	}
	return false
}

// TestReviewSample reviews the bundled example with the SaaS/MSA playbook.
func TestReviewSample(t *testing.T) {
	pb := shippedPlaybook(t, "saas-msa-customer.yaml")
	res, err := File(context.Background(), filepath.Join("..", "testdata", "sample-msa.docx"), pb, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkDecisions(t, res, pb)
	if !res.Report.Party.Resolved || res.Report.Party.Us == nil || res.Report.Party.Us.Term != "Customer" {
		t.Errorf("perspective %+v, want us = Customer", res.Report.Party)
	}
	// Every rule without a guard decides something on this contract.
	decided := map[string]bool{}
	for _, d := range res.Report.Decisions {
		decided[d.Rule] = true
	}
	for _, r := range pb.Rules {
		if r.When == nil && !decided[r.ID] {
			t.Errorf("rule %s made no decision", r.ID)
		}
	}
	// --party overrides the playbook's aliases.
	res2, err := File(context.Background(), filepath.Join("..", "testdata", "sample-msa.docx"), pb, &Options{Party: "Northwind Analytics Ltd"})
	if err != nil {
		t.Fatal(err)
	}
	if p := res2.Report.Party; !p.Resolved || p.How != "option" || p.Us == nil || p.Us.Term != "Supplier" {
		t.Errorf("with Party option: perspective %+v, want us = Supplier by option", p)
	}
}

// TestReviewCorpusDOCX reviews every DOCX of the shared corpus with the
// matching shipped playbook.
func TestReviewCorpusDOCX(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "docx")
	files, _ := filepath.Glob(filepath.Join(dir, "*.docx"))
	if len(files) == 0 {
		t.Skipf("no DOCX corpus in %s (the shared corpus sits beside the repository); skipping", dir)
	}
	pbs := map[string]*playbook.Playbook{}
	for _, f := range files {
		name := playbookFor(filepath.Base(f))
		if pbs[name] == nil {
			pbs[name] = shippedPlaybook(t, name)
		}
		pb := pbs[name]
		res, err := File(context.Background(), f, pb, nil)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		checkDecisions(t, res, pb)
		c := res.Report.Summary.Counts
		t.Logf("%-52s %-24s %2d accept %2d fallback %2d escalate, sign-off %s, perspective %s",
			filepath.Base(f), pb.Name, c[playbook.OutcomeAccept], c[playbook.OutcomeFallback], c[playbook.OutcomeEscalate],
			res.Report.Summary.SignOff, res.Report.Party.How)
	}
}

// A contract that cannot be read is an *extract.Error naming the file.
func TestReviewBadInput(t *testing.T) {
	pb := shippedPlaybook(t, "saas-msa-customer.yaml")
	_, err := Run(context.Background(), "broken.docx", []byte("PK\x03\x04 not really a zip"), pb, nil)
	var e *extract.Error
	if err == nil || !errors.As(err, &e) || e.Name != "broken.docx" {
		t.Fatalf("err = %v, want an *extract.Error naming broken.docx", err)
	}
}
