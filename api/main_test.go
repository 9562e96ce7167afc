package api

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/store"
)

// TestMain lets the test binary serve as the PDF helper, as clm itself does.
func TestMain(m *testing.M) {
	extract.PDFHelperMain()
	os.Exit(m.Run())
}

// testServer is the real server on a loopback port over a store in a temporary
// directory, with one key per role. Its client checks every request and
// response against the OpenAPI description.
type testServer struct {
	t      testing.TB
	URL    string
	Store  *store.SQLite
	Server *Server
	Keys   map[string]string // role → secret
	client *http.Client
	stop   func() // stops the server and closes its store; idempotent
}

func startServer(t testing.TB, mod func(*Options)) *testServer {
	t.Helper()
	return startServerDir(t, t.TempDir(), mod, nil)
}

// startServerDir starts the server over the store in dir: a second server on
// the same dir is a restart. keys are the secrets by role made for an earlier
// server on dir; nil makes one key per role.
func startServerDir(t testing.TB, dir string, mod func(*Options), keys map[string]string) *testServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	st, err := store.Open(ctx, filepath.Join(dir, "clm.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Store: st, MaxUpload: 4 << 20, AlertInterval: -1}
	if mod != nil {
		mod(&o)
	}
	srv, err := New(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	ts := &testServer{t: t, URL: "http://" + ln.Addr().String(), Store: st, Server: srv, Keys: map[string]string{}}
	var once sync.Once
	ts.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
			st.Close()
		})
	}
	t.Cleanup(ts.stop)
	if keys != nil {
		ts.Keys = keys
	} else {
		for _, role := range store.Roles {
			secret, _, err := CreateKey(ctx, st, store.Change{Who: "test", At: time.Now()}, rand.Reader, role, role)
			if err != nil {
				t.Fatal(err)
			}
			ts.Keys[role] = secret
		}
	}
	ts.client = &http.Client{Transport: newValidator(t, ts.URL)}
	return ts
}

// validator is an http.RoundTripper that checks each request and response
// against api/openapi.yaml: a response must always match; a request that does
// not match must have been refused with a 4xx.
type validator struct {
	t      testing.TB
	router routers.Router
}

func newValidator(t testing.TB, base string) *validator {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	doc.Servers = openapi3.Servers{{URL: base}}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatal(err)
	}
	r, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &validator{t: t, router: r}
}

// maxValidated bounds the bodies the validator reads; bigger requests (the
// 413 tests) are not checked.
const maxValidated = 8 << 20

func (v *validator) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil && req.ContentLength >= 0 && req.ContentLength <= maxValidated {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
		req.Body = io.NopCloser(bytes.NewReader(b))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	route, params, ferr := v.router.FindRoute(req)
	if ferr != nil {
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
			v.t.Errorf("openapi: %s %s (answered %d) is not described: %v", req.Method, req.URL.Path, resp.StatusCode, ferr)
		}
		return resp, nil
	}
	in := &openapi3filter.RequestValidationInput{Request: req.Clone(req.Context()), PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	if body != nil || req.Body == nil {
		in.Request.Body = io.NopCloser(bytes.NewReader(body))
		if err := openapi3filter.ValidateRequest(req.Context(), in); err != nil && resp.StatusCode/100 != 4 {
			v.t.Errorf("openapi: %s %s answered %d to a request that does not match the description: %v", req.Method, req.URL, resp.StatusCode, err)
		}
	}
	rb, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(rb))
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Body: io.NopCloser(bytes.NewReader(rb)), Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	if err := openapi3filter.ValidateResponse(req.Context(), out); err != nil {
		v.t.Errorf("openapi: the answer %d to %s %s does not match the description: %v\n%.600s", resp.StatusCode, req.Method, req.URL, err, rb)
	}
	return resp, nil
}

// request describes one call.
type request struct {
	method, path string
	role         string // "" sends no key; "bad" a key that does not exist
	body         io.Reader
	ctype        string
	header       map[string]string
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r *response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("%v in %.400s", err, r.body)
	}
}

// problem decodes a problem body, checking its content type and status.
func (r *response) problem(t testing.TB) *problem {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("content type %q, want application/problem+json; body %.300s", ct, r.body)
	}
	var p problem
	r.json(t, &p)
	if p.Status != r.status || p.Type != "about:blank" || p.Title != http.StatusText(r.status) || p.Code == "" || p.RequestID == "" {
		t.Errorf("problem %+v does not match status %d", p, r.status)
	}
	return &p
}

func (ts *testServer) do(r request) *response {
	ts.t.Helper()
	req, err := http.NewRequest(r.method, ts.URL+r.path, r.body)
	if err != nil {
		ts.t.Fatal(err)
	}
	switch r.role {
	case "":
	case "bad":
		req.Header.Set("Authorization", "Bearer clm_0000")
	default:
		k, ok := ts.Keys[r.role]
		if !ok {
			ts.t.Fatalf("no key for role %q", r.role)
		}
		req.Header.Set("Authorization", "Bearer "+k)
	}
	if r.ctype != "" {
		req.Header.Set("Content-Type", r.ctype)
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	resp, err := ts.client.Do(req)
	if err != nil {
		ts.t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: b}
}

// multipartBody builds a multipart/form-data body with a file and fields.
func multipartBody(t testing.TB, name string, data []byte, fields map[string]string) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &b, w.FormDataContentType()
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fillPath replaces {param}s in an OpenAPI path with values.
func fillPath(p string, vals map[string]string) string {
	return paramRe.ReplaceAllStringFunc(p, func(m string) string {
		return url.PathEscape(vals[strings.Trim(m, "{}")])
	})
}

// lockedBuffer collects log output written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
