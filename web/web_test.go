package web

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// budget is the weight of every asset of the page together, before
// compression (issue 9).
const budget = 300 << 10

func TestHandler(t *testing.T) {
	h, err := newHandler(static)
	if err != nil {
		t.Fatal(err)
	}
	v := h.version
	tests := []struct {
		name, method, path string
		header             map[string]string
		status             int
		ctype              string
		cache              string // Cache-Control; "" when not checked
		body               string // a substring of the body
	}{
		{"index", "GET", "/", nil, 200, "text/html; charset=utf-8", "no-cache", `src="/static/` + v + `/js/app.js"`},
		{"index.html", "GET", "/index.html", nil, 200, "text/html; charset=utf-8", "no-cache", "<main"},
		{"app path", "GET", "/app/documents/abc", nil, 200, "text/html; charset=utf-8", "no-cache", "<main"},
		{"app root", "GET", "/app/", nil, 200, "text/html; charset=utf-8", "no-cache", "<main"},
		{"head index", "HEAD", "/", nil, 200, "text/html; charset=utf-8", "no-cache", ""},
		{"css", "GET", "/static/app.css", nil, 200, "text/css; charset=utf-8", "no-cache", ":focus-visible"},
		{"module", "GET", "/static/js/app.js", nil, 200, "text/javascript; charset=utf-8", "no-cache", "import"},
		{"page module", "GET", "/static/js/pages/document.js", nil, 200, "text/javascript; charset=utf-8", "no-cache", "export default"},
		{"svg", "GET", "/static/favicon.svg", nil, 200, "image/svg+xml", "no-cache", "<svg"},
		{"versioned", "GET", "/static/" + v + "/js/api.js", nil, 200, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "sessionStorage"},
		{"old version", "GET", "/static/v-000000000000/js/api.js", nil, 200, "text/javascript; charset=utf-8", "no-cache", "sessionStorage"},
		{"missing asset", "GET", "/static/js/nope.js", nil, 404, "application/problem+json", "", `"detail":"no such asset: /static/js/nope.js"`},
		{"missing versioned", "GET", "/static/" + v + "/nope.css", nil, 404, "application/problem+json", "", `"status":404`},
		{"index as asset", "GET", "/static/index.html", nil, 404, "application/problem+json", "", `"code":"not_found"`},
		{"directory", "GET", "/static/js/", nil, 404, "application/problem+json", "", `"code":"not_found"`},
		{"api path", "GET", "/v1/me", nil, 404, "application/problem+json", "", "no such page: /v1/me"},
		{"other path", "GET", "/admin", nil, 404, "application/problem+json", "", "the review page is at /"},
		{"post", "POST", "/", nil, 405, "application/problem+json", "", "POST is not allowed on /"},
		{"delete asset", "DELETE", "/static/app.css", nil, 405, "application/problem+json", "", `"code":"method_not_allowed"`},
		{"revalidate", "GET", "/static/app.css", map[string]string{"If-None-Match": h.assets["app.css"].etag}, 304, "", "no-cache", ""},
		{"revalidate index", "GET", "/", map[string]string{"If-None-Match": h.index.etag}, 304, "", "no-cache", ""},
		{"stale etag", "GET", "/static/app.css", map[string]string{"If-None-Match": `"0000"`}, 200, "text/css; charset=utf-8", "no-cache", "body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, nil)
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d; body %s", res.StatusCode, tc.status, body)
			}
			if tc.ctype != "" && res.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tc.ctype)
			}
			if tc.cache != "" && res.Header.Get("Cache-Control") != tc.cache {
				t.Errorf("Cache-Control %q, want %q", res.Header.Get("Cache-Control"), tc.cache)
			}
			if !strings.Contains(string(body), tc.body) {
				t.Errorf("body does not contain %q:\n%.400s", tc.body, body)
			}
			if tc.method == "HEAD" && len(body) != 0 {
				t.Errorf("HEAD answered a body of %d bytes", len(body))
			}
			if res.StatusCode == 405 && res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q, want GET, HEAD", res.Header.Get("Allow"))
			}
			if res.StatusCode == 200 && res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no X-Content-Type-Options: nosniff")
			}
			if res.StatusCode == 200 && res.Header.Get("Content-Type") == "text/html; charset=utf-8" {
				if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-src blob:") {
					t.Errorf("Content-Security-Policy %q", csp)
				}
			}
			if res.StatusCode >= 400 {
				var p struct {
					Status int    `json:"status"`
					Title  string `json:"title"`
				}
				if err := json.Unmarshal(body, &p); err != nil || p.Status != tc.status || p.Title != http.StatusText(tc.status) {
					t.Errorf("problem body %s (%v)", body, err)
				}
			}
		})
	}
}

// TestHandlerExported checks that Handler serves the embedded page.
func TestHandlerExported(t *testing.T) {
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `<script type="module"`) {
		t.Fatalf("GET /: %d %.200s", rec.Code, rec.Body.String())
	}
}

// TestBudget keeps every asset together under 300 KB before compression.
func TestBudget(t *testing.T) {
	var total int64
	var files []string
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		files = append(files, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d assets, %d bytes together (budget %d)", len(files), total, budget)
	if total >= budget {
		t.Errorf("the page's assets weigh %d bytes, over the budget of %d", total, budget)
	}
}

var (
	importRe = regexp.MustCompile(`(?m)^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]`)
	refRe    = regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`)
	remoteRe = regexp.MustCompile(`(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}/`)
)

// TestAssetsSelfContained checks that every module import and every asset
// index.html names exists, that every module is preloaded, and that no
// asset loads anything from another origin (no CDN, no outside fonts).
func TestAssetsSelfContained(t *testing.T) {
	h, err := newHandler(static)
	if err != nil {
		t.Fatal(err)
	}
	for name, a := range h.assets {
		if name == "favicon.svg" {
			continue // its xmlns is a name, not a request
		}
		if m := remoteRe.Find(a.data); m != nil {
			t.Errorf("%s refers to another origin: %s", name, m)
		}
		if path.Ext(name) != ".js" {
			continue
		}
		for _, m := range importRe.FindAllSubmatch(a.data, -1) {
			target := path.Join(path.Dir(name), string(m[1]))
			if !strings.HasPrefix(string(m[1]), ".") || h.assets[target] == nil {
				t.Errorf("%s imports %s: no such asset (%s)", name, m[1], target)
			}
		}
	}
	idx, err := fs.ReadFile(static, "static/index.html")
	if err != nil {
		t.Fatal(err)
	}
	refs := map[string]bool{}
	for _, m := range refRe.FindAllSubmatch(idx, -1) {
		name := strings.TrimPrefix(string(m[1]), "/static/")
		refs[name] = true
		if h.assets[name] == nil {
			t.Errorf("index.html refers to %s: no such asset", m[1])
		}
	}
	for name := range h.assets {
		if path.Ext(name) == ".js" && !refs[name] {
			t.Errorf("index.html neither loads nor preloads %s", name)
		}
	}
}

// TestNoStrayFiles keeps web/static to the types the handler serves.
func TestNoStrayFiles(t *testing.T) {
	err := fs.WalkDir(os.DirFS("static"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := contentTypes[path.Ext(p)]; !ok {
			t.Errorf("static/%s: the handler does not serve %s files", p, path.Ext(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBrokenAssets checks that a page without index.html is an error, not a
// handler that serves nothing.
func TestBrokenAssets(t *testing.T) {
	_, err := newHandler(fstest.MapFS{"static/app.css": {Data: []byte("body{}")}})
	if err == nil || err.Error() != "static/index.html: file does not exist" {
		t.Fatalf("newHandler without index.html: %v", err)
	}
}
