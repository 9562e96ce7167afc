package api

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
)

const corpusDir = "../../shared/corpus"

// TestCorpus sends every DOCX and PDF of the shared corpus through the API:
// upload, review with the SaaS playbook, and the redline download. The
// image-only PDF must answer 422 with the extractor's reason; every other file
// must be stored, reviewed and redlined.
func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no shared corpus at %s (it sits beside the repository): %v", corpusDir, err)
	}
	var files []string
	for _, pat := range []string{"docx/*.docx", "pdf/*.pdf", "pdf/cuad/*.pdf"} {
		m, err := filepath.Glob(filepath.Join(corpusDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 30 {
		t.Fatalf("%d corpus files, want the 27 DOCX and 30 PDFs of MANIFEST.md", len(files))
	}
	ts := startServer(t, func(o *Options) { o.MaxUpload = 16 << 20 })
	redlined := 0
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data := readFile(t, f)
			body, ct := multipartBody(t, name, data, nil)
			r := ts.do(request{method: "POST", path: "/v1/documents", role: "paralegal", body: body, ctype: ct})
			if strings.HasPrefix(name, "scanned-image-only") {
				if r.status != http.StatusUnprocessableEntity {
					t.Fatalf("scanned PDF: %d %s", r.status, r.body)
				}
				if p := r.problem(t); p.Code != extract.CodeNoText || !strings.HasSuffix(p.Detail, "no text layer (scanned PDF?)") {
					t.Errorf("scanned PDF: %+v", p)
				}
				return
			}
			var d struct {
				ID      string
				Clauses int
			}
			r.json(t, &d)
			if r.status != http.StatusCreated || d.Clauses == 0 {
				t.Fatalf("upload: %d %s", r.status, r.body)
			}
			r = ts.do(request{method: "POST", path: "/v1/reviews", role: "paralegal", ctype: "application/json",
				body: strings.NewReader(`{"document_id":"` + d.ID + `","playbook":"saas-msa-customer"}`)})
			var rv struct{ ID string }
			r.json(t, &rv)
			if r.status != http.StatusCreated {
				t.Fatalf("review: %d %s", r.status, r.body)
			}
			r = ts.do(request{method: "GET", path: "/v1/reviews/" + rv.ID + "/redline.docx", role: "paralegal"})
			if r.status != http.StatusOK || !bytes.HasPrefix(r.body, []byte("PK")) {
				t.Errorf("redline: %d %.300s", r.status, r.body)
				return
			}
			redlined++
		})
	}
	t.Logf("%d corpus files: %d uploaded, reviewed and redlined; the scanned PDF refused with 422", len(files), redlined)
}
