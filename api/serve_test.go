package api

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clm-engine/clm/store"
)

// TestOpenAPIRoutes checks that the description is valid OpenAPI 3.0.3, that
// every route echo serves is described and that every described operation is
// routed.
func TestOpenAPIRoutes(t *testing.T) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi %q, want 3.0.3", doc.OpenAPI)
	}
	described := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			described[method+" "+path] = true
		}
	}
	ts := startServer(t, nil)
	routed := map[string]bool{}
	for _, r := range ts.Server.e.Routes() {
		routed[r.Method+" "+r.Path] = true
	}
	var missing, extra []string
	for k := range routed {
		method, path, _ := strings.Cut(k, " ")
		if !described[method+" "+openAPIPath(path)] {
			missing = append(missing, k)
		}
	}
	for k := range described {
		method, path, _ := strings.Cut(k, " ")
		if !routed[method+" "+echoPath(path)] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes not in api/openapi.yaml: %s", strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		t.Errorf("operations in api/openapi.yaml that are not routed: %s", strings.Join(extra, ", "))
	}
	if len(routed) != len(ts.Server.routes) {
		t.Errorf("%d echo routes for %d table routes", len(routed), len(ts.Server.routes))
	}
	// the roles an operation's description names are the roles of its route
	for _, r := range ts.Server.routes {
		op := doc.Paths.Find(r.Path).GetOperation(r.Method)
		want := "Roles: all"
		if len(r.Roles) < len(store.Roles) {
			want = "Roles: " + strings.Join(r.Roles, ", ")
		}
		if r.Roles != nil && !strings.HasPrefix(op.Description, want) {
			t.Errorf("%s %s: description %q does not start with %q", r.Method, r.Path, op.Description, want)
		}
	}
}

// openAPIPath turns "/v1/documents/:id" into "/v1/documents/{id}".
func openAPIPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") {
			parts[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

// TestGracefulShutdown starts a request, shuts the server down while the
// request's body is still arriving, and checks that the request is answered
// and Serve returns cleanly.
func TestGracefulShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "clm.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	active := make(chan struct{}, 1)
	srv, err := New(ctx, Options{Store: st, ConnState: func(_ net.Conn, s http.ConnState) {
		if s == http.StateActive {
			select {
			case active <- struct{}{}:
			default:
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if srv.o.MaxUpload != 50<<20 || srv.o.MaxConcurrent < 2 || srv.o.RequestTimeout != 5*time.Minute {
		t.Errorf("defaults: %+v", srv.o)
	}
	secret, _, err := CreateKey(ctx, st, store.Change{Who: "test"}, randReader(), store.RoleParalegal, "p")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := "1. Term. This Agreement lasts one year.\n"
	half := len(body) / 2
	fmt.Fprintf(conn, "POST /v1/documents?name=t.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s",
		secret, len(body), body[:half])
	<-active // the server has the request
	cancel() // SIGTERM, in clm serve
	io.WriteString(conn, body[half:])
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("in-flight request: %d, want 201", resp.StatusCode)
	}
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	if n, _, _ := st.Counts(context.Background()); n != 1 {
		t.Errorf("%d documents stored, want 1", n)
	}
}

// TestDocumentLifecycle sets an owner, deletes a document with its reviews,
// and revokes a key through the API.
func TestDocumentLifecycle(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	ts := startServer(t, func(o *Options) { o.Clock = func() time.Time { return now } })
	body, ct := multipartBody(t, "law.txt", []byte("1. Governing Law. This Agreement is governed by the laws of the State of New York.\n"), nil)
	r := ts.do(request{method: "POST", path: "/v1/documents", role: "integration", body: body, ctype: ct})
	var d store.Document
	r.json(t, &d)
	if r.status != 201 || d.Owner != "" || d.Format != "txt" || !d.Created.Equal(now) {
		t.Fatalf("upload %d %s", r.status, r.body)
	}
	r = ts.do(request{method: "PATCH", path: "/v1/documents/" + d.ID, role: "paralegal", ctype: "application/json", body: strings.NewReader(`{"owner":"amy@example.com"}`)})
	if r.status != 200 || !strings.Contains(string(r.body), `"owner":"amy@example.com"`) {
		t.Errorf("patch %d %s", r.status, r.body)
	}
	r = ts.do(request{method: "POST", path: "/v1/reviews", role: "paralegal", ctype: "application/json",
		body: strings.NewReader(`{"document_id":"` + d.ID + `","playbook":"saas-msa-customer","author":"Pat Lee"}`)})
	var rv struct{ ID string }
	r.json(t, &rv)
	if r.status != 201 {
		t.Fatalf("review %d %s", r.status, r.body)
	}
	if r := ts.do(request{method: "DELETE", path: "/v1/documents/" + d.ID, role: "admin"}); r.status != 204 {
		t.Errorf("delete %d", r.status)
	}
	for _, p := range []string{"/v1/documents/" + d.ID, "/v1/reviews/" + rv.ID, "/v1/reviews/" + rv.ID + "/redline.docx"} {
		if r := ts.do(request{method: "GET", path: p, role: "admin"}); r.status != 404 {
			t.Errorf("%s after delete: %d", p, r.status)
		}
	}
	// revoke the paralegal's key: it stops working at once
	if r := ts.do(request{method: "DELETE", path: "/v1/keys/paralegal", role: "admin"}); r.status != 200 || !strings.Contains(string(r.body), `"revoked":"`) {
		t.Errorf("revoke %d %s", r.status, r.body)
	}
	if r := ts.do(request{method: "GET", path: "/v1/me", role: "paralegal"}); r.status != 401 {
		t.Errorf("revoked key: %d", r.status)
	}
	r = ts.do(request{method: "GET", path: "/v1/keys", role: "admin"})
	if r.status != 200 || strings.Contains(string(r.body), "clm_") || strings.Contains(string(r.body), "hash") {
		t.Errorf("keys list leaks secrets or hashes: %s", r.body)
	}
	r = ts.do(request{method: "GET", path: "/v1/audit?limit=3", role: "admin"})
	for _, want := range []string{`"at":"2026-11-26T09:30:00Z","who":"admin","action":"key.revoke","object":"keys/`, `"action":"document.delete","object":"documents/` + d.ID, `"action":"review.create"`} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("audit lacks %s: %s", want, r.body)
		}
	}
}
