package api

import (
	"archive/zip"
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

// chunked hides a reader's length so the client sends it chunked, without a
// Content-Length the server could refuse up front.
type chunked struct{ r io.Reader }

func (c chunked) Read(p []byte) (int, error) { return c.r.Read(p) }

// zipBomb is a DOCX whose document.xml unpacks to more than extract's
// MaxPartBytes (24 MiB) from a few KiB.
func zipBomb(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`))
	w.Write(bytes.Repeat([]byte("a"), 25<<20))
	w.Write([]byte(`</w:t></w:r></w:p></w:body></w:document>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// oleFile is an OLE compound file whose directory names the given stream.
func oleFile(stream string) []byte {
	b := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	b = append(b, make([]byte, 504)...)
	for _, c := range stream {
		b = append(b, byte(c), 0)
	}
	return append(b, make([]byte, 512)...)
}

func TestUploadErrors(t *testing.T) {
	ts := startServer(t, nil)
	big := bytes.Repeat([]byte("1. Term. "), (4<<20)/9+1)
	bigForm, bigCT := multipartBody(t, "big.txt", big, nil)
	tests := []struct {
		name   string
		body   io.Reader
		ctype  string
		status int
		code   string
		detail string
	}{
		{"over the upload limit (Content-Length)", bytes.NewReader(big), "text/plain", 413, "too_large", "the request body exceeds the upload limit of 4194304 bytes"},
		{"over the upload limit (chunked)", chunked{bytes.NewReader(big)}, "text/plain", 413, "too_large", "the request body exceeds the upload limit of 4194304 bytes"},
		{"over the upload limit (multipart, chunked)", chunked{bigForm}, bigCT, 413, "too_large", "the request body exceeds the upload limit of 4194304 bytes"},
		{"over an extractor limit (zip bomb)", bytes.NewReader(zipBomb(t)), mimeDOCX, 413, extract.CodeLimit, "bomb.docx: size limit exceeded"},
		{"an image", bytes.NewReader([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), "image/png", 415, extract.CodeFormat, "bomb.docx: unsupported file format: binary data (NUL bytes), not a DOCX, PDF or plain-text file"},
		{"RTF", strings.NewReader(`{\rtf1\ansi contract}`), "application/rtf", 415, extract.CodeFormat, "bomb.docx: unsupported file format: RTF is not supported; save it as .docx"},
		{"a legacy .doc", bytes.NewReader(oleFile("WordDocument")), "application/msword", 415, extract.CodeLegacyDOC, "bomb.docx: legacy Word 97-2003 .doc file; save it as .docx"},
		{"no content type", strings.NewReader("1. Term."), "", 415, "unsupported_media_type", "send the contract as multipart/form-data"},
		{"a corrupt DOCX", strings.NewReader("PK\x03\x04 truncated"), mimeDOCX, 422, extract.CodeCorrupt, "bomb.docx: corrupt or truncated file"},
		{"an encrypted DOCX", bytes.NewReader(oleFile("EncryptedPackage")), mimeDOCX, 422, extract.CodeEncrypted, "bomb.docx: password-protected (encrypted) document"},
		{"an empty text", strings.NewReader("   \n\n "), "text/plain", 422, extract.CodeEmpty, "bomb.docx: empty document"},
		{"a bad owner", strings.NewReader("1. Term."), "text/plain", 400, "bad_request", `owner "not an address" is not an email address`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "/v1/documents?name=bomb.docx"
			if tt.code == "bad_request" {
				path += "&owner=not%20an%20address"
			}
			r := ts.do(request{method: "POST", path: path, role: "paralegal", body: tt.body, ctype: tt.ctype})
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			p := r.problem(t)
			if p.Code != tt.code || !strings.HasPrefix(p.Detail, tt.detail) {
				t.Errorf("code %q detail %q; want %q, %q...", p.Code, p.Detail, tt.code, tt.detail)
			}
		})
	}
}

// miniPlaybook is a small valid playbook; bad variants are made from it.
const miniPlaybook = `playbook: mini
version: "1"
authority:
  paralegal: [accept, fallback]
  counsel: [accept, fallback, escalate]
rules:
  - id: law
    clause: governing_law
    accept: 'governing_law in ["New York", "Delaware"]'
`

func TestPlaybooks(t *testing.T) {
	ts := startServer(t, nil)
	put := func(name, role, body, ctype string) *response {
		t.Helper()
		return ts.do(request{method: "PUT", path: "/v1/playbooks/" + name, role: role, body: strings.NewReader(body), ctype: ctype})
	}
	// counsel saves, then saves new bytes, then the same bytes again
	steps := []struct {
		body    string
		status  int
		version int
	}{
		{miniPlaybook, 201, 1},
		{miniPlaybook + "  - id: term\n    clause: expiration\n    accept: term.initial != nil\n", 201, 2},
		{miniPlaybook + "  - id: term\n    clause: expiration\n    accept: term.initial != nil\n", 200, 2},
	}
	for i, st := range steps {
		r := put("mini", "counsel", st.body, "application/yaml")
		var v struct {
			Version int
			By      string
		}
		r.json(t, &v)
		if r.status != st.status || v.Version != st.version || v.By != "counsel" {
			t.Errorf("step %d: %d %s", i, r.status, r.body)
		}
	}
	r := ts.do(request{method: "GET", path: "/v1/playbooks/mini/versions", role: "integration"})
	var vs struct{ Versions []struct{ Version int } }
	r.json(t, &vs)
	if len(vs.Versions) != 2 {
		t.Errorf("versions: %s", r.body)
	}
	r = ts.do(request{method: "GET", path: "/v1/playbooks/mini", role: "paralegal"})
	if r.status != 200 || !strings.HasSuffix(string(r.body), "accept: term.initial != nil\n") || r.header.Get("X-CLM-Playbook-Version") != "2" {
		t.Errorf("get: %d %q %s", r.status, r.header.Get("X-CLM-Playbook-Version"), r.body)
	}
	r = ts.do(request{method: "GET", path: "/v1/playbooks/mini", role: "paralegal", header: map[string]string{"Accept": "application/json"}})
	var pj struct {
		Version int
		YAML    string
	}
	r.json(t, &pj)
	if pj.Version != 2 || !strings.HasPrefix(pj.YAML, "playbook: mini") {
		t.Errorf("get JSON: %s", r.body)
	}
	r = ts.do(request{method: "GET", path: "/v1/playbooks", role: "paralegal"})
	for _, want := range []string{`"name":"mini"`, `"name":"saas-msa-customer"`, `"name":"mutual-nda-recipient"`, `"name":"dpa-controller"`} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("list lacks %s: %s", want, r.body)
		}
	}

	// errors answer 422 with each error's line and column
	bad := []struct {
		name, path, body, ctype string
		status                  int
		want                    playbook.ErrorList
	}{
		{"expression", "mini", miniPlaybook + "  - id: term\n    clause: expiration\n    accept: 'months(term.initial) <= '\n", "application/yaml", 422,
			playbook.ErrorList{{File: "mini.yaml", Line: 12, Column: 37, Rule: "term", Code: "expr_syntax", Message: "accept: unexpected token EOF"}}},
		{"name differs from the path", "other", miniPlaybook, "application/yaml", 422,
			playbook.ErrorList{{File: "other.yaml", Line: 1, Column: 11, Code: "name_mismatch", Message: `the playbook is named "mini" but is stored as "other": they must be equal`}}},
		{"YAML syntax", "mini", "playbook: [mini\n", "application/yaml", 422, nil},
		{"not YAML", "mini", miniPlaybook, "application/json", 415, nil},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			r := put(tt.path, "counsel", tt.body, tt.ctype)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			p := r.problem(t)
			if tt.status != 422 {
				return
			}
			if p.Code != "playbook_invalid" || len(p.Errors) == 0 || p.Errors[0].Line < 1 || p.Errors[0].Column < 1 {
				t.Errorf("problem %+v", p)
			}
			if tt.want != nil && (len(p.Errors) != len(tt.want) || *p.Errors[0] != *tt.want[0]) {
				t.Errorf("errors %+v, want %+v", p.Errors[0], tt.want[0])
			}
			// validate says the same without saving
			r = ts.do(request{method: "POST", path: "/v1/playbooks/validate?name=" + tt.path, role: "paralegal", body: strings.NewReader(tt.body), ctype: "application/yaml"})
			var v struct {
				Valid  bool
				Errors playbook.ErrorList
			}
			r.json(t, &v)
			if r.status != 200 || v.Valid || len(v.Errors) != len(p.Errors) || *v.Errors[0] != *p.Errors[0] {
				t.Errorf("validate: %d %s", r.status, r.body)
			}
		})
	}
	if r := ts.do(request{method: "GET", path: "/v1/playbooks/mini/versions", role: "counsel"}); !strings.Contains(string(r.body), `"version":2`) || strings.Contains(string(r.body), `"version":3`) {
		t.Errorf("a refused PUT made a version: %s", r.body)
	}

	// a review records the revision it used; deleting the playbook keeps it
	body, ct := multipartBody(t, "law.txt", []byte("1. Governing Law. This Agreement is governed by the laws of the State of New York.\n"), nil)
	r = ts.do(request{method: "POST", path: "/v1/documents", role: "paralegal", body: body, ctype: ct})
	var d struct{ ID string }
	r.json(t, &d)
	r = ts.do(request{method: "POST", path: "/v1/reviews", role: "paralegal", ctype: "application/json",
		body: strings.NewReader(`{"document_id":"` + d.ID + `","playbook":"mini"}`)})
	var rv struct {
		ID       string
		Playbook struct{ Revision string }
	}
	r.json(t, &rv)
	latest, err := ts.Store.Playbook(t.Context(), "mini", "")
	if err != nil || r.status != 201 || rv.Playbook.Revision != latest.Revision {
		t.Errorf("review %d revision %q, want %q (%v)", r.status, rv.Playbook.Revision, latest.Revision, err)
	}
	if r := ts.do(request{method: "DELETE", path: "/v1/playbooks/mini", role: "admin"}); r.status != 204 {
		t.Errorf("delete: %d %s", r.status, r.body)
	}
	if r := ts.do(request{method: "GET", path: "/v1/playbooks/mini", role: "admin"}); r.status != 404 {
		t.Errorf("after delete: %d", r.status)
	}
	if r := ts.do(request{method: "GET", path: "/v1/reviews/" + rv.ID, role: "admin"}); r.status != 200 || !strings.Contains(string(r.body), latest.Revision) {
		t.Errorf("review after the playbook's delete: %d", r.status)
	}
}

// TestProblems checks that echo's own errors, bad requests and panics are
// problem bodies too.
func TestProblems(t *testing.T) {
	var logs lockedBuffer
	ts := startServer(t, func(o *Options) {
		o.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
		o.Rand = panicReader{}
	})
	tests := []struct {
		name   string
		req    request
		status int
		code   string
		detail string
	}{
		{"unknown path", request{method: "GET", path: "/v1/nope", role: "admin"}, 404, "not_found", "no such route: GET /v1/nope"},
		{"unknown path without a key", request{method: "GET", path: "/nope"}, 404, "not_found", "no such route: GET /nope"},
		{"wrong method", request{method: "DELETE", path: "/v1/me", role: "admin"}, 405, "method_not_allowed", "DELETE is not allowed on /v1/me (allowed: OPTIONS, GET)"},
		{"missing document", request{method: "GET", path: "/v1/documents/abc", role: "admin"}, 404, "not_found", "store: not found: document abc"},
		{"missing review", request{method: "GET", path: "/v1/reviews/abc/redline.docx", role: "admin"}, 404, "not_found", "store: not found: review abc"},
		{"bad JSON", request{method: "POST", path: "/v1/reviews", role: "admin", ctype: "application/json", body: strings.NewReader(`{"document_id":`)}, 400, "bad_request", "invalid JSON body: unexpected EOF"},
		{"unknown JSON field", request{method: "PATCH", path: "/v1/documents/abc", role: "admin", ctype: "application/json", body: strings.NewReader(`{"ownr":"a@b.c"}`)}, 400, "bad_request", `invalid JSON body: json: unknown field "ownr"`},
		{"bad query", request{method: "GET", path: "/v1/documents?limit=0", role: "admin"}, 400, "bad_request", `limit must be a number from 1 to 500, not "0"`},
		{"unknown playbook", request{method: "POST", path: "/v1/review", role: "admin", ctype: "multipart/form-data; boundary=x",
			body: strings.NewReader("--x\r\nContent-Disposition: form-data; name=\"playbook\"\r\n\r\nnope\r\n--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n1. Term.\r\n--x--\r\n")}, 404, "not_found", `no playbook named "nope"`},
		{"a panic", request{method: "POST", path: "/v1/keys", role: "admin", ctype: "application/json", body: strings.NewReader(`{"role":"admin"}`),
			header: map[string]string{"X-Request-Id": "panic-1"}}, 500, "internal", "internal error; the request id is in the server's log"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(tt.req)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if p := r.problem(t); p.Code != tt.code || p.Detail != tt.detail {
				t.Errorf("code %q detail %q, want %q %q", p.Code, p.Detail, tt.code, tt.detail)
			}
			if tt.status == 405 && r.header.Get("Allow") == "" {
				t.Errorf("405 without Allow")
			}
		})
	}
	l := logs.String()
	for _, want := range []string{`"msg":"panic in handler","request_id":"panic-1","panic":"test: the random source panics"`, `"stack":"goroutine `,
		`"msg":"request","request_id":"panic-1","method":"POST","path":"/v1/keys","route":"/v1/keys","status":500`} {
		if !strings.Contains(l, want) {
			t.Errorf("log lacks %s:\n%.2000s", want, l)
		}
	}
}

// panicReader panics when asked for a key's worth of randomness (request ids
// take less), so that the panic happens inside a handler.
type panicReader struct{}

func (panicReader) Read(p []byte) (int, error) {
	if len(p) > 16 {
		panic("test: the random source panics")
	}
	for i := range p {
		p[i] = byte(i)
	}
	return len(p), nil
}

func TestHealthAndMetrics(t *testing.T) {
	ts := startServer(t, nil)
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := ts.do(request{method: "GET", path: p}); r.status != 200 {
			t.Errorf("%s: %d", p, r.status)
		}
	}
	ts.do(request{method: "GET", path: "/v1/me", role: "paralegal"})
	ts.do(request{method: "GET", path: "/v1/me"})
	r := ts.do(request{method: "GET", path: "/metrics"})
	for _, want := range []string{
		`clm_http_requests_total{method="GET",route="/v1/me",status="200"} 1`,
		`clm_http_requests_total{method="GET",route="/v1/me",status="401"} 1`,
		`clm_http_request_duration_seconds_bucket{method="GET",route="/readyz",status="200",le="+Inf"} 1`,
		"clm_documents 0", "clm_reviews 0", "process_resident_memory_bytes",
	} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	r = ts.do(request{method: "GET", path: "/v1/openapi.yaml"})
	if r.status != 200 || !bytes.Equal(r.body, OpenAPI) {
		t.Errorf("openapi.yaml: %d", r.status)
	}
	if r := ts.do(request{method: "GET", path: "/readyz"}); r.status != http.StatusOK {
		t.Errorf("readyz %d", r.status)
	}
}

// withoutPart rewrites a DOCX without one of its parts.
func withoutPart(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if f.Name == name {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, r)
		r.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRedlineUneditable reviews a DOCX that extract reads but the redliner
// cannot edit in place (no word/_rels/document.xml.rels): the review gets a
// redline built from the clauses instead (review.Result.Redline), so the DOCX
// download works like any other.
func TestRedlineUneditable(t *testing.T) {
	ts := startServer(t, nil)
	data := withoutPart(t, loadDOCX(t, "NORELS"), "word/_rels/document.xml.rels")
	r := ts.do(request{method: "POST", path: "/v1/documents?name=norels.docx", role: "paralegal", body: bytes.NewReader(data), ctype: mimeDOCX})
	var d struct{ ID string }
	r.json(t, &d)
	r = ts.do(request{method: "POST", path: "/v1/reviews", role: "paralegal", ctype: "application/json",
		body: strings.NewReader(`{"document_id":"` + d.ID + `","playbook":"saas-msa-customer"}`)})
	var rv struct{ ID string }
	r.json(t, &rv)
	if r.status != 201 {
		t.Fatalf("review %d %s", r.status, r.body)
	}
	if r := ts.do(request{method: "GET", path: "/v1/reviews/" + rv.ID + "/redline.html", role: "paralegal"}); r.status != 200 {
		t.Errorf("html %d", r.status)
	}
	r = ts.do(request{method: "GET", path: "/v1/reviews/" + rv.ID + "/redline.docx", role: "paralegal"})
	if r.status != 200 || !bytes.HasPrefix(r.body, []byte("PK")) {
		t.Fatalf("docx %d %.80q", r.status, r.body)
	}
}
