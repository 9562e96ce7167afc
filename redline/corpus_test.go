package redline

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

// corpusPlaybook names the shipped playbook for a corpus document.
func corpusPlaybook(name string) string {
	switch {
	case strings.Contains(name, "nda"):
		return "mutual-nda.yaml"
	case strings.Contains(name, "data-processing"):
		return "dpa-controller.yaml"
	}
	return "saas-msa-customer.yaml"
}

// TestCorpus redlines every corpus DOCX reviewed with its playbook and checks
// the invariants.
func TestCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "docx")
	files, _ := filepath.Glob(filepath.Join(dir, "*.docx"))
	if len(files) == 0 {
		t.Skip("no corpus at ../shared/corpus/docx")
	}
	pbs := map[string]*playbook.Playbook{}
	withBoth, applied, refused := 0, 0, 0
	reasons := map[string]int{}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			pn := corpusPlaybook(name)
			pb := pbs[pn]
			if pb == nil {
				var err error
				if pb, err = playbook.LoadFile(filepath.Join("..", "playbooks", pn), nil); err != nil {
					t.Fatal(err)
				}
				pbs[pn] = pb
			}
			// review.File's steps, spelt out: review will import redline, and
			// this in-package test may not import review back.
			doc, err := extract.ParseFile(context.Background(), f, nil)
			if err != nil {
				t.Skipf("not read: %v", err)
			}
			rv := struct {
				Document *extract.Document
				Report   *playbook.Report
			}{doc, playbook.Evaluate(doc, pb, playbook.Options{})}
			out, res, err := DOCX(rv.Document, rv.Report, Options{Author: "clm test", Date: testDate})
			if err != nil {
				t.Fatal(err)
			}
			checkRedline(t, rv.Document, rv.Document.Source, out, res, "clm test", false)
			if testing.Verbose() {
				pandocCheck(t, rv.Document.Source, out, rv.Document, res)
			}
			applied += len(res.Applied)
			refused += len(res.Refused)
			for _, r := range res.Refused {
				reasons[r.Code]++
			}
			if len(res.Applied) > 0 && res.Comments > 0 {
				withBoth++
			}
			t.Logf("%d applied, %d refused, %d comments", len(res.Applied), len(res.Refused), res.Comments)
		})
	}
	t.Logf("%d of %d documents got a fallback edit and a comment; %d edits applied, %d refused %v", withBoth, len(files), applied, refused, reasons)
}
