package redline_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/clm-engine/clm/playbook"
	"github.com/clm-engine/clm/redline"
	"github.com/clm-engine/clm/review"
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

// TestCorpus reviews every corpus DOCX with its playbook through the one
// pipeline (review.File, then Result.Redline, which escalates the edits the
// redline refuses) and checks the invariants on each redline; a few redlines
// with edits also go through LibreOffice.
func TestCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "docx")
	files, _ := filepath.Glob(filepath.Join(dir, "*.docx"))
	if len(files) == 0 {
		t.Skip("no corpus at ../shared/corpus/docx")
	}
	pbs := map[string]*playbook.Playbook{}
	withBoth, applied, refused, inserted := 0, 0, 0, 0
	reasons := map[string]int{}
	forLO := map[string][]byte{}
	loRes := map[string]*redline.Result{}
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
			rv, err := review.File(context.Background(), f, pb, nil)
			if err != nil {
				t.Skipf("not read: %v", err)
			}
			out, res, err := rv.Redline(pb, redline.Options{Author: "clm test", Date: redline.TestDate})
			if err != nil {
				t.Fatal(err)
			}
			redline.CheckRedline(t, rv.Document, rv.Document.Source, out, res, "clm test", false)
			if testing.Verbose() {
				redline.PandocCheck(t, rv.Document.Source, out, rv.Document, res)
			}
			applied += len(res.Applied)
			refused += len(res.Refused)
			for _, r := range res.Refused {
				reasons[r.Code]++
				t.Logf("refused %s (%s): %s", r.Decision, r.Code, r.Reason)
			}
			for _, c := range res.Applied {
				if c.Edit.NewClause {
					inserted++
				}
			}
			if len(res.Applied) > 0 && res.Comments > 0 {
				withBoth++
				if len(forLO) < 4 {
					key := strings.TrimSuffix(name, ".docx")
					forLO[key], loRes[key] = out, res
				}
			}
			t.Logf("%d applied, %d refused, %d comments", len(res.Applied), len(res.Refused), res.Comments)
		})
	}
	codes := make([]string, 0, len(reasons))
	for c, n := range reasons {
		codes = append(codes, fmt.Sprintf("%s:%d", c, n))
	}
	sort.Strings(codes)
	t.Logf("%d of %d documents got a fallback edit and a comment; %d edits applied (%d new clauses), %d refused %v",
		withBoth, len(files), applied, inserted, refused, codes)
	if withBoth < 10 {
		t.Errorf("%d documents got an edit and a comment, want at least 10", withBoth)
	}
	if testing.Short() || len(forLO) == 0 {
		return
	}
	t.Run("LibreOffice", func(t *testing.T) {
		texts := redline.PDFTexts(t, forLO)
		for name, res := range loRes {
			if m := redline.PDFHas(texts[name], res); len(m) > 0 {
				t.Errorf("%s: the PDF lacks inserted text %q", name, m)
			}
		}
	})
}
