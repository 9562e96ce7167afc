package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"strings"
	"testing"

	"crypto/rand"
	"io"

	"github.com/clm-engine/clm/store"
)

const sampleMSA = "../testdata/sample-msa.docx"

// TestSession walks README's curl session: create a key, upload the sample
// contract, review it with a shipped playbook, read the report and download
// the redline.
func TestSession(t *testing.T) {
	ts := startServer(t, nil)

	// an admin creates a paralegal's key
	r := ts.do(request{method: "POST", path: "/v1/keys", role: "admin", ctype: "application/json",
		body: strings.NewReader(`{"role":"paralegal","name":"pat"}`)})
	if r.status != http.StatusCreated {
		t.Fatalf("create key: %d %s", r.status, r.body)
	}
	var nk struct {
		Key, Name, Role string
	}
	r.json(t, &nk)
	if !strings.HasPrefix(nk.Key, KeyPrefix) || len(nk.Key) != len(KeyPrefix)+64 || nk.Name != "pat" || nk.Role != "paralegal" {
		t.Fatalf("new key %+v", nk)
	}
	ts.Keys["pat"] = nk.Key
	if r := ts.do(request{method: "GET", path: "/v1/me", role: "pat"}); r.status != 200 || !strings.Contains(string(r.body), `"name":"pat","role":"paralegal"`) {
		t.Errorf("me: %d %s", r.status, r.body)
	}

	// upload
	data := readFile(t, sampleMSA)
	body, ct := multipartBody(t, "sample-msa.docx", data, map[string]string{"owner": "ops@example.com"})
	r = ts.do(request{method: "POST", path: "/v1/documents", role: "pat", body: body, ctype: ct})
	if r.status != http.StatusCreated {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	var d store.Document
	r.json(t, &d)
	sum := sha256.Sum256(data)
	if d.ID != hex.EncodeToString(sum[:]) || d.SHA256 != d.ID || d.Format != "docx" || d.Clauses != 38 || d.Uploader != "pat" ||
		d.Owner != "ops@example.com" || d.Name != "sample-msa.docx" || r.header.Get("Location") != "/v1/documents/"+d.ID {
		t.Errorf("uploaded %+v (Location %q)", d, r.header.Get("Location"))
	}
	// the same bytes again, raw this time: the same document, 200
	r = ts.do(request{method: "POST", path: "/v1/documents?name=copy.docx", role: "integration", body: bytes.NewReader(data), ctype: mimeDOCX})
	var d2 store.Document
	r.json(t, &d2)
	if r.status != http.StatusOK || d2.ID != d.ID || d2.Name != "sample-msa.docx" {
		t.Errorf("second upload: %d %+v", r.status, d2)
	}

	// review with a shipped playbook
	r = ts.do(request{method: "POST", path: "/v1/reviews", role: "pat", ctype: "application/json",
		body: strings.NewReader(`{"document_id":"` + d.ID + `","playbook":"saas-msa-customer"}`)})
	if r.status != http.StatusCreated {
		t.Fatalf("review: %d %s", r.status, r.body)
	}
	var rv struct {
		DocumentID string `json:"document_id"`
		By         string
		Schema     string
		Playbook   struct{ Name, Revision string }
		Summary    struct{ Counts map[string]int }
	}
	r.json(t, &rv)
	var idOnly struct{ ID string }
	r.json(t, &idOnly)
	shipped := readFile(t, "../playbooks/saas-msa-customer.yaml")
	psum := sha256.Sum256(shipped)
	if idOnly.ID == "" || rv.DocumentID != d.ID || rv.By != "pat" || rv.Schema != "clm.review/v1" ||
		rv.Playbook.Name != "saas-msa-customer" || rv.Playbook.Revision != hex.EncodeToString(psum[:]) || rv.Summary.Counts["escalate"] == 0 {
		t.Errorf("review %+v", rv)
	}
	report := r.body
	if r := ts.do(request{method: "GET", path: "/v1/reviews/" + idOnly.ID, role: "integration"}); r.status != 200 || !bytes.Equal(r.body, report) {
		t.Errorf("get review: %d, body equal %v", r.status, bytes.Equal(r.body, report))
	}

	r = ts.do(request{method: "GET", path: "/v1/documents/" + d.ID + "/reviews", role: "integration"})
	if r.status != 200 || !strings.Contains(string(r.body), `"id":"`+idOnly.ID+`"`) || !strings.Contains(string(r.body), `"outcome":"escalate"`) {
		t.Errorf("reviews of the document: %d %s", r.status, r.body)
	}

	// download the redline and its preview
	r = ts.do(request{method: "GET", path: "/v1/reviews/" + idOnly.ID + "/redline.docx", role: "pat"})
	if r.status != 200 || !bytes.HasPrefix(r.body, []byte("PK")) || r.header.Get("Content-Type") != mimeDOCX {
		t.Errorf("redline: %d %q %.20q", r.status, r.header.Get("Content-Type"), r.body)
	}
	r = ts.do(request{method: "GET", path: "/v1/reviews/" + idOnly.ID + "/redline.html", role: "counsel"})
	if r.status != 200 || !bytes.Contains(r.body, []byte("<html")) {
		t.Errorf("redline.html: %d %.100s", r.status, r.body)
	}
	r = ts.do(request{method: "GET", path: "/v1/documents/" + d.ID + "/original", role: "pat"})
	if r.status != 200 || !bytes.Equal(r.body, data) {
		t.Errorf("original: %d, %d bytes", r.status, len(r.body))
	}
	r = ts.do(request{method: "GET", path: "/v1/documents/" + d.ID, role: "integration"})
	var ex struct {
		Schema  string
		Clauses []struct{ ID string }
	}
	r.json(t, &ex)
	if r.status != 200 || ex.Schema != "clm.extract/v1" || len(ex.Clauses) != 38 {
		t.Errorf("extract: %d %.100s", r.status, r.body)
	}

	// the list knows the latest outcome and finds the document by party
	tests := []struct {
		query string
		n     int
	}{
		{"", 1},
		{"?q=contoso", 1},
		{"?q=nobody", 0},
		{"?outcome=escalate", 1},
		{"?outcome=accept", 0},
		{"?owner=ops@example.com", 1},
		{"?uploader=pat", 1},
		{"?uploader=integration", 0},
		{"?from=2000-01-01&to=2999-12-31", 1},
		{"?to=2000-01-01", 0},
	}
	for _, tt := range tests {
		r := ts.do(request{method: "GET", path: "/v1/documents" + tt.query, role: "pat"})
		var page documentList
		r.json(t, &page)
		if r.status != 200 || len(page.Documents) != tt.n {
			t.Errorf("list %q: %d, %d documents, want %d", tt.query, r.status, len(page.Documents), tt.n)
		}
	}

	// one-shot review: JSON by default, the DOCX when asked for it
	body, ct = multipartBody(t, "sample-msa.docx", data, map[string]string{"playbook": "saas-msa-customer"})
	r = ts.do(request{method: "POST", path: "/v1/review", role: "integration", body: body, ctype: ct})
	if r.status != 200 || !bytes.Contains(r.body, []byte(`"schema":"clm.review/v1"`)) {
		t.Errorf("one-shot JSON: %d %.200s", r.status, r.body)
	}
	body, ct = multipartBody(t, "sample-msa.docx", data, map[string]string{"playbook": "saas-msa-customer"})
	r = ts.do(request{method: "POST", path: "/v1/review", role: "paralegal", body: body, ctype: ct, header: map[string]string{"Accept": mimeDOCX}})
	if r.status != 200 || !bytes.HasPrefix(r.body, []byte("PK")) {
		t.Errorf("one-shot DOCX: %d %.100q", r.status, r.body)
	}

	// every write is in the audit log, with who made it
	r = ts.do(request{method: "GET", path: "/v1/audit", role: "admin"})
	var log struct{ Entries []store.AuditEntry }
	r.json(t, &log)
	var got []string
	for _, e := range log.Entries {
		if e.Who != "test" && e.Who != "clm" { // the keys of the test and the shipped playbooks
			got = append(got, e.Who+" "+e.Action)
		}
	}
	if want := "pat review.create, pat document.create, admin key.create"; strings.Join(got, ", ") != want {
		t.Errorf("audit %q, want %q", strings.Join(got, ", "), want)
	}
}

// TestRoles walks the role × route table: no key 401, an unknown key 401,
// a role outside the route's list 403, a role inside anything else.
func TestRoles(t *testing.T) {
	ts := startServer(t, nil)
	ctx := context.Background()
	revoked, _, err := CreateKey(ctx, ts.Store, store.Change{Who: "test"}, randReader(), store.RoleAdmin, "gone")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Store.RevokeKey(ctx, store.Change{Who: "test"}, "gone"); err != nil {
		t.Fatal(err)
	}
	ts.Keys["revoked"] = revoked
	vals := map[string]string{"id": "nope", "name": "nope", "owner": "nope"}
	for _, rt := range ts.Server.routes {
		if rt.Roles == nil {
			continue
		}
		path := fillPath(rt.Path, vals)
		for _, role := range append([]string{"", "bad", "revoked"}, store.Roles...) {
			t.Run(rt.Method+" "+rt.Path+" "+role, func(t *testing.T) {
				r := ts.do(request{method: rt.Method, path: path, role: role})
				allowed := false
				for _, a := range rt.Roles {
					allowed = allowed || a == role
				}
				switch {
				case role == "" || role == "bad" || role == "revoked":
					if r.status != http.StatusUnauthorized || r.header.Get("WWW-Authenticate") == "" {
						t.Errorf("%d, want 401 with WWW-Authenticate", r.status)
					}
					r.problem(t)
				case !allowed:
					if r.status != http.StatusForbidden {
						t.Errorf("%d, want 403", r.status)
					}
					r.problem(t)
				case r.status == http.StatusUnauthorized || r.status == http.StatusForbidden:
					t.Errorf("%d for an allowed role: %s", r.status, r.body)
				}
			})
		}
	}
	// integration may review but not download: the DOCX answer of the one-shot review
	body, ct := multipartBody(t, "x.txt", []byte("1. Term. One year."), map[string]string{"playbook": "saas-msa-customer"})
	r := ts.do(request{method: "POST", path: "/v1/review", role: "integration", body: body, ctype: ct, header: map[string]string{"Accept": mimeDOCX}})
	if r.status != http.StatusForbidden {
		t.Errorf("integration one-shot DOCX: %d", r.status)
	}
}

// TestREADMERoleTable fails when README's role × route table and the routes
// differ.
func TestREADMERoleTable(t *testing.T) {
	ts := startServer(t, nil)
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := roleTable(ts.Server.routes)
	if !strings.Contains(string(readme), want) {
		t.Errorf("README.md (## HTTP API) must carry this role × route table, made from the routes:\n\n%s", want)
	}
}

func randReader() io.Reader { return rand.Reader }
