// Package web serves the review page: a single-page application in plain
// HTML, CSS and JavaScript modules, embedded in the binary, that does
// everything through the public /v1 API with the caller's key.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// static holds the page: index.html and its assets (no build step).
//
//go:embed static
var static embed.FS

// Paths the handler answers; everything else is the API's.
const (
	// StaticPrefix is the path under which the assets are served.
	StaticPrefix = "/static/"
	// AppPrefix is the path under which every unknown path answers
	// index.html, so links into the page survive a reload.
	AppPrefix = "/app/"
)

// csp is the page's Content-Security-Policy: its own scripts and styles
// only, API calls to its own origin, and blob: frames for the redline
// preview (fetched with the key, then shown in a sandboxed iframe).
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; frame-src blob:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// contentTypes maps the asset extensions the page uses to their media types;
// an asset of any other extension is not served.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".svg":  "image/svg+xml",
	".ico":  "image/x-icon",
	".png":  "image/png",
	".json": "application/json",
}

// asset is one embedded file, read once.
type asset struct {
	data  []byte
	ctype string
	etag  string
}

// handler serves the page from assets read at construction.
type handler struct {
	assets  map[string]*asset // by path under static/, e.g. "js/app.js"
	index   *asset            // index.html with versioned asset URLs
	version string            // hash of every asset: the versioned prefix
}

// Handler returns the page's http.Handler. It answers GET and HEAD on
//
//   - "/" and every path under AppPrefix: index.html, revalidated on every
//     load (Cache-Control: no-cache);
//   - StaticPrefix + "v-<hash>/" + asset: the asset, cacheable for a year
//     (immutable), since the hash of all assets changes with any of them;
//     index.html refers to assets this way;
//   - StaticPrefix + asset: the asset, revalidated by its ETag.
//
// Any other path answers 404 and any other method 405, as
// application/problem+json. The handler is safe for concurrent use.
func Handler() http.Handler {
	h, err := newHandler(static)
	if err != nil {
		// The assets are embedded: a failure here is a broken build, which the
		// package's tests catch; the handler then says so on every request.
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			problem(w, r, http.StatusInternalServerError, "web: the embedded page is broken: "+err.Error())
		})
	}
	return h
}

func newHandler(fsys fs.FS) (*handler, error) {
	sub, err := fs.Sub(fsys, "static")
	if err != nil {
		return nil, err
	}
	h := &handler{assets: map[string]*asset{}}
	all := sha256.New()
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ct, ok := contentTypes[path.Ext(p)]
		if !ok {
			return nil
		}
		data, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		all.Write([]byte(p))
		all.Write(sum[:])
		h.assets[p] = &asset{data: data, ctype: ct, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		return nil
	})
	if err != nil {
		return nil, err
	}
	h.version = "v-" + hex.EncodeToString(all.Sum(nil)[:6])
	idx, ok := h.assets["index.html"]
	if !ok {
		return nil, fmt.Errorf("static/index.html: %w", fs.ErrNotExist)
	}
	// Point index.html at the versioned prefix; relative imports between the
	// modules then stay under it.
	data := bytes.ReplaceAll(idx.data, []byte(`"`+StaticPrefix), []byte(`"`+StaticPrefix+h.version+"/"))
	sum := sha256.Sum256(data)
	h.index = &asset{data: data, ctype: idx.ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		problem(w, r, http.StatusMethodNotAllowed, r.Method+" is not allowed on "+r.URL.Path+" (allowed: GET, HEAD)")
		return
	}
	p := r.URL.Path
	switch {
	case p == "/" || p == "/index.html" || strings.HasPrefix(p, AppPrefix):
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Referrer-Policy", "no-referrer")
		serve(w, r, h.index)
	case strings.HasPrefix(p, StaticPrefix):
		name := strings.TrimPrefix(p, StaticPrefix)
		cache := "no-cache"
		if v, rest, ok := strings.Cut(name, "/"); ok && strings.HasPrefix(v, "v-") {
			name = rest
			if v == h.version {
				cache = "public, max-age=31536000, immutable"
			}
		}
		a := h.assets[name]
		if a == nil || name == "index.html" {
			problem(w, r, http.StatusNotFound, "no such asset: "+p)
			return
		}
		w.Header().Set("Cache-Control", cache)
		serve(w, r, a)
	default:
		problem(w, r, http.StatusNotFound, "no such page: "+p+" (the review page is at /)")
	}
}

// serve writes a with its ETag, answering 304 when the client has it.
func serve(w http.ResponseWriter, r *http.Request, a *asset) {
	hd := w.Header()
	hd.Set("Content-Type", a.ctype)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("ETag", a.etag)
	// http.ServeContent handles If-None-Match, HEAD and ranges; a zero
	// modification time leaves Last-Modified out.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.data))
}

// problem writes an RFC 9457 problem, as the API does for its errors.
func problem(w http.ResponseWriter, r *http.Request, status int, detail string) {
	code := "not_found"
	switch status {
	case http.StatusMethodNotAllowed:
		code = "method_not_allowed"
	case http.StatusInternalServerError:
		code = "internal"
	}
	body, _ := json.Marshal(map[string]any{
		"type": "about:blank", "title": http.StatusText(status), "status": status,
		"detail": detail, "instance": r.URL.Path, "code": code,
	})
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(append(body, '\n'))
	}
}
