package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/clm-engine/clm/web"
)

// The end-to-end tests drive Debian's Chromium headless against a real
// `clm serve` on loopback. Set CLM_SCREENSHOTS=DIR to keep the screenshots
// of every page in DIR (they go to a temporary directory otherwise), and
// CLM_CHROMIUM to use another browser binary.

// corpusDOCX is the corpus directory whose first DOCX the upload flow uses.
const corpusDOCX = "../../shared/corpus/docx"

// axeScript is axe-core, installed by `npm ci --prefix web/testdata/axe`.
const axeScript = "testdata/axe/node_modules/axe-core/axe.min.js"

// step bounds one flow of the browser test.
const step = 90 * time.Second

func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CLM_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed (apt-get install chromium, or set CLM_CHROMIUM): skipping the browser tests")
	return ""
}

// server is a `clm serve` child process with a page origin in front of it.
type server struct {
	page      string // origin of the page (the server itself, or the harness)
	api       string // origin of clm serve
	admin     string // an admin key
	adminName string
	paralegal string // a paralegal key
	// integration is an integration key: it may review but not download
	// redlines.
	integration string
	harness     bool // the page comes from the test's harness
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root %s: %v", root, err)
	}
	return root
}

// startServer builds clm, creates keys and starts `clm serve` on a free
// loopback port; when the server does not serve the page at / (before the
// API mounts web.Handler), it puts a harness in front: web.Handler for the
// page, and a reverse proxy to clm serve for the API.
func startServer(t *testing.T) *server {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "clm")
	build := exec.Command("go", "build", "-o", bin, "./cmd/clm")
	build.Dir = moduleRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/clm: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	key := func(role string) string {
		out, err := exec.Command(bin, "keys", "create", "--role", role, "--data", data).Output()
		if err != nil {
			t.Fatalf("clm keys create --role %s: %v", role, err)
		}
		return strings.TrimSpace(string(out))
	}
	s := &server{admin: key("admin"), paralegal: key("paralegal"), integration: key("integration")}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--data", data, "--log-format", "text", "--max-upload", "2M")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var logMu sync.Mutex
	var log bytes.Buffer
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		once := sync.OnceFunc(func() { close(ready) })
		for sc.Scan() {
			logMu.Lock()
			log.WriteString(sc.Text() + "\n")
			logMu.Unlock()
			if strings.Contains(sc.Text(), "listening on") {
				once()
			}
		}
		once() // the process ended
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			logMu.Lock()
			t.Logf("clm serve log:\n%s", lastLines(log.String(), 60))
			logMu.Unlock()
		}
	})
	select {
	case <-ready:
	case <-time.After(time.Minute):
		t.Fatal("clm serve did not start within a minute")
	}
	s.api = "http://" + addr
	if err := s.get("/healthz", s.admin, nil); err != nil {
		logMu.Lock()
		defer logMu.Unlock()
		t.Fatalf("clm serve: %v\n%s", err, log.String())
	}
	var who struct{ Name string }
	if err := s.get("/v1/me", s.admin, &who); err != nil {
		t.Fatal(err)
	}
	s.adminName = who.Name

	s.page = s.api
	res, err := http.Get(s.api + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(`<script type="module" src="/static/`)) {
		backend, _ := url.Parse(s.api)
		proxy := httputil.NewSingleHostReverseProxy(backend)
		page := web.Handler()
		mux := http.NewServeMux()
		for _, p := range []string{"/v1/", "/healthz", "/readyz", "/metrics"} {
			mux.Handle(p, proxy)
		}
		mux.Handle("/", page)
		hs := httptest.NewServer(mux)
		t.Cleanup(hs.Close)
		s.page = hs.URL
		s.harness = true
		t.Logf("clm serve does not serve the page at / yet (GET / answered %d): using the test's harness, web.Handler with /v1 proxied to clm serve", res.StatusCode)
	}
	return s
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// get calls the API directly and decodes its JSON into v (when not nil).
func (s *server) get(path, key string, v any) error {
	req, _ := http.NewRequest("GET", s.api+path, nil)
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return &httpError{res.StatusCode, string(body)}
	}
	if v != nil {
		return json.Unmarshal(body, v)
	}
	return nil
}

type httpError struct {
	status int
	body   string
}

func (e *httpError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.status, e.body) }

// upload stores a document through the API and returns its id.
func (s *server) upload(t *testing.T, name string, data []byte, owner string) string {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if owner != "" {
		mw.WriteField("owner", owner)
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", s.api+"/v1/documents", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+s.admin)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var d struct{ ID string }
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode/100 != 2 || json.Unmarshal(body, &d) != nil {
		t.Fatalf("upload %s: %d %s", name, res.StatusCode, body)
	}
	return d.ID
}

// browserTab is one headless tab and what the checks of every page need.
type browserTab struct {
	ctx      context.Context
	shots    string
	axe      string // axe-core's source; empty when it is not installed
	download string // the browser's download directory
}

func newBrowser(t *testing.T, exe string) *browserTab {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.WindowSize(1280, 800),
		chromedp.UserDataDir(t.TempDir()),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses its sandbox as root
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no timeout
		t.Fatalf("start %s: %v", exe, err)
	}
	b := &browserTab{ctx: ctx, download: t.TempDir()}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: b.download, EventsEnabled: new(true),
	}); err != nil {
		t.Fatal(err)
	}

	b.shots = os.Getenv("CLM_SCREENSHOTS")
	if b.shots == "" {
		b.shots = t.TempDir()
	} else if err := os.MkdirAll(b.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s (set CLM_SCREENSHOTS=DIR to keep them)", b.shots)
	if src, err := os.ReadFile(axeScript); err == nil {
		b.axe = string(src)
	} else {
		t.Logf("axe-core is not installed (npm ci --prefix web/testdata/axe): skipping the accessibility checks")
	}

	// Uncaught exceptions in the page fail the test.
	msgs := chromedp.Console(ctx)
	var mu sync.Mutex
	var exceptions []string
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() {
				mu.Lock()
				exceptions = append(exceptions, fmt.Sprintf("%s:%d: %s", m.URL, m.Line+1, m))
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range exceptions {
			t.Errorf("uncaught exception in the page: %s", e)
		}
	})
	return b
}

// timeout bounds one flow.
func (b *browserTab) timeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(b.ctx, step)
	t.Cleanup(cancel)
	return ctx
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.80s: %v", expr, err)
	}
	return v
}

// waitJS waits until the expression is truthy (polling in the page).
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool]("!!("+expr+")")); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// check takes the page's screenshots at desktop and phone widths, checks
// that nothing overflows the phone's width, and runs axe-core on the page.
func (b *browserTab) check(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot := func(suffix string) {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(b.shots, name+"-"+suffix+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shot("1280")
	do(t, ctx, "phone viewport", chromedp.EmulateViewport(390, 844))
	shot("390")
	overflow := eval[int](t, ctx, `document.documentElement.scrollWidth - document.documentElement.clientWidth`)
	if overflow > 0 {
		wide := eval[[]string](t, ctx, `(() => {
			const w = document.documentElement.clientWidth + 1;
			const clipped = (e) => { for (let a = e.parentElement; a; a = a.parentElement) {
				if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= w) return true; } return false; };
			return [...document.querySelectorAll('body *')]
				.filter(e => e.getBoundingClientRect().right > w && !clipped(e))
				.slice(0, 6).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right));
		})()`)
		t.Errorf("%s: the page is %d px wider than a 390 px phone screen: %s", name, overflow, strings.Join(wide, ", "))
	}
	do(t, ctx, "desktop viewport", chromedp.EmulateViewport(1280, 800))
	b.a11y(t, ctx, name)
}

// a11y runs axe-core on the page and fails on serious or critical
// violations.
func (b *browserTab) a11y(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if b.axe == "" {
		return
	}
	if !eval[bool](t, ctx, `typeof window.axe === 'object'`) {
		do(t, ctx, "inject axe-core", chromedp.Evaluate[chromedp.Void](b.axe))
	}
	type violation struct {
		ID, Impact, Help string
		Nodes            []struct{ Target []any }
	}
	vs := eval[[]violation](t, ctx, `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)`)
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			t.Logf("%s: axe (%s) %s: %s", name, v.Impact, v.ID, v.Help)
			continue
		}
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target...))
		}
		t.Errorf("%s: axe %s violation %s: %s at %s", name, v.Impact, v.ID, v.Help, strings.Join(where, ", "))
	}
}

// open loads the page at the hash route with a full load (the key stays
// in sessionStorage) and waits for sel.
func open(t *testing.T, ctx context.Context, origin, route, sel string) {
	t.Helper()
	do(t, ctx, "open "+route,
		chromedp.Navigate("about:blank"),
		chromedp.Navigate(origin+"/#"+route),
		chromedp.WaitVisible(chromedp.CSS(sel)))
}

// signIn signs in with key from the sign-in page.
func signIn(t *testing.T, ctx context.Context, origin, key, wantRole string) {
	t.Helper()
	do(t, ctx, "open the sign-in page",
		chromedp.Navigate(origin+"/#/signin"),
		chromedp.WaitVisible(chromedp.CSS("#key")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#key').value = ''`),
		chromedp.SendKeys(chromedp.CSS("#key"), key),
		chromedp.KeyEvent("\r")) // the keyboard submits the form
	waitJS(t, ctx, "the signed-in page", `!document.querySelector('#who').hidden && document.querySelector('#who-name').textContent !== ''`)
	who := eval[string](t, ctx, `document.querySelector('#who-name').textContent`)
	if !strings.Contains(who, "("+wantRole+")") {
		t.Fatalf("signed in as %q, want the role %s", who, wantRole)
	}
}

// waitUploaded waits until n uploads have ended and fails with the page's
// words when one did not succeed.
func waitUploaded(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	waitJS(t, ctx, fmt.Sprint(n, " finished uploads"), fmt.Sprintf(`document.querySelectorAll('li.upload[data-state="done"], li.upload[data-state="error"]').length === %d`, n))
	if errs := eval[[]string](t, ctx, `[...document.querySelectorAll('li.upload[data-state="error"]')].map(li => li.textContent)`); len(errs) > 0 {
		t.Fatalf("upload failed: %q", errs)
	}
}

// frameTitle reads document.title inside the child frame that shows url,
// through an isolated world (the sandboxed frame is closed to the page's
// own scripts).
func frameTitle(t *testing.T, ctx context.Context, url string) string {
	t.Helper()
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range tree.FrameTree.ChildFrames {
		if c.Frame.URL != url {
			continue
		}
		w, err := chromedp.Call(ctx, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: c.Frame.ID, WorldName: "clm-test"})
		if err != nil {
			t.Fatalf("frame %s: %v", url, err)
		}
		r, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{
			Expression: "document.title", ContextID: w.ExecutionContextID, ReturnByValue: new(true),
		})
		if err != nil {
			t.Fatalf("frame %s: %v", url, err)
		}
		var title string
		if err := json.Unmarshal(r.Result.Value, &title); err != nil {
			t.Fatalf("frame %s: title %s: %v", url, r.Result.Value, err)
		}
		return title
	}
	// Chromium isolates sandboxed frames in a process of their own: then the
	// frame is a target to attach to.
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, i := range infos {
		urls = append(urls, string(i.Type)+" "+i.URL)
		if i.Type != "iframe" || i.URL != url {
			continue
		}
		fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(i.TargetID), chromedp.WithDetachOnCancel())
		defer cancel()
		title, err := chromedp.Run(fctx, chromedp.Title())
		if err != nil {
			t.Fatalf("frame %s: %v", url, err)
		}
		return title
	}
	t.Fatalf("no frame shows %s (frames and targets: %q)", url, urls)
	return ""
}

// firstCorpusDOCX is the corpus's first DOCX by name, or "" without the corpus.
func firstCorpusDOCX() string {
	names, _ := filepath.Glob(filepath.Join(corpusDOCX, "*.docx"))
	sort.Strings(names)
	if len(names) == 0 {
		return ""
	}
	abs, err := filepath.Abs(names[0]) // the browser reads files by absolute path
	if err != nil {
		return ""
	}
	return abs
}

// waitDownload clicks sel and returns the name and bytes of the download it
// starts.
func (b *browserTab) waitDownload(t *testing.T, ctx context.Context, sel string) (string, []byte) {
	t.Helper()
	dctx, cancel := context.WithCancel(ctx)
	defer cancel()
	begins := chromedp.BrowserEvents(dctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(dctx, browser.DownloadProgress)
	do(t, ctx, "click "+sel, chromedp.Click(chromedp.CSS(sel)))
	var name, guid string
	for ev, err := range begins {
		if err != nil {
			t.Fatalf("no download began after clicking %s: %v", sel, err)
		}
		name, guid = ev.SuggestedFilename, ev.GUID
		break
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download %s did not complete: %v", name, err)
		}
		if ev.GUID != guid {
			continue
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatalf("download %s was canceled", name)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			break
		}
	}
	data, err := os.ReadFile(filepath.Join(b.download, guid))
	if err != nil {
		t.Fatalf("download %s: %v", name, err)
	}
	return name, data
}

// fixtureContract is a text contract whose renewal deadlines lie after now:
// it started ten months ago for one year and renews unless notice is given
// thirty days before the end of the term.
func fixtureContract(now time.Time) string {
	start := now.AddDate(0, -10, 0).Format("2 January 2006")
	return `SERVICES AGREEMENT

This Services Agreement is made on ` + start + ` between Acme Corp ("Customer") and Widget Ltd ("Supplier").

1. Term
1.1 This Agreement commences on ` + start + ` and continues for an initial term of one (1) year.
1.2 This Agreement automatically renews for successive one (1) year terms unless either party gives written notice of non-renewal at least thirty (30) days prior to the end of the then-current term.

2. Payment
2.1 Customer shall pay each invoice within thirty (30) days of receipt.

3. Governing Law
3.1 This Agreement is governed by the laws of the State of New York.
`
}

// longContract is a text contract of 100 numbered clauses.
func longContract() string {
	heads := []string{"Definitions", "Services", "Fees", "Payment", "Term", "Termination", "Confidentiality", "Data Protection", "Warranties", "Indemnity"}
	var b strings.Builder
	b.WriteString("MASTER SERVICES AGREEMENT\n\nThis Agreement is made on 1 March 2026 between Alpha Ltd (\"Supplier\") and Beta Inc. (\"Customer\").\n\n")
	for i := 1; i <= 100; i++ {
		fmt.Fprintf(&b, "%d. %s %d\nThe Supplier shall perform the obligations of this section %d with reasonable skill and care, and the Customer shall cooperate in good faith as described in this section.\n\n", i, heads[i%len(heads)], i, i)
	}
	return b.String()
}

var whenLineRe = regexp.MustCompile(`(?m)^\s+when: '.*'$`)

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the browser tests")
	}
	exe := findChromium(t)
	srv := startServer(t)
	b := newBrowser(t, exe)
	origin := srv.page

	if !t.Run("sign in", func(t *testing.T) {
		ctx := b.timeout(t)
		do(t, ctx, "open the page", chromedp.Navigate(origin+"/"), chromedp.WaitVisible(chromedp.CSS("#key")))
		b.check(t, ctx, "01-signin")
		do(t, ctx, "a wrong key",
			chromedp.SendKeys(chromedp.CSS("#key"), "clm_wrong"),
			chromedp.Click(chromedp.CSS("form.signin button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("form.signin p.error")))
		if msg := eval[string](t, ctx, `document.querySelector('form.signin p.error').textContent`); !strings.Contains(msg, "unknown or revoked") {
			t.Errorf("wrong key: %q", msg)
		}
		signIn(t, ctx, origin, srv.admin, "admin")
		if k := eval[string](t, ctx, `sessionStorage.getItem('clm.key')`); k != srv.admin {
			t.Errorf("sessionStorage holds %q, want the key", k)
		}
		if n := eval[int](t, ctx, `localStorage.length + document.cookie.length`); n != 0 {
			t.Errorf("the key leaked into localStorage or a cookie (%d)", n)
		}
		do(t, ctx, "the skip link",
			chromedp.Evaluate[chromedp.Void](`document.querySelector('.skip').focus()`),
			chromedp.KeyEvent("\r"))
		if f := eval[string](t, ctx, `document.activeElement.id`); f != "main" {
			t.Errorf("the skip link moved focus to %q, want main", f)
		}
		// A link into the page under /app/ opens the same page.
		do(t, ctx, "open /app/playbooks",
			chromedp.Navigate(origin+"/app/playbooks"),
			chromedp.WaitVisible(chromedp.CSS(".pb-list a")))
	}) {
		t.FailNow()
	}

	t.Run("upload, review, redline and downloads", func(t *testing.T) {
		docx := firstCorpusDOCX()
		if docx == "" {
			t.Skipf("no corpus at %s: skipping the corpus DOCX flow", corpusDOCX)
		}
		ctx := b.timeout(t)
		do(t, ctx, "open the upload page",
			chromedp.Click(chromedp.CSS(`a[data-nav="upload"]`)),
			chromedp.WaitVisible(chromedp.CSS(".dropzone")))
		b.check(t, ctx, "02-upload")
		do(t, ctx, "upload "+filepath.Base(docx), chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{docx}))
		waitUploaded(t, ctx, 1)
		if id := eval[string](t, ctx, `document.querySelector('li.upload[data-state="done"]').dataset.id`); len(id) != 64 {
			t.Errorf("the finished upload names the document %q", id)
		}
		if p := eval[float64](t, ctx, `document.querySelector('li.upload[data-state="done"] progress').value`); p != 1 {
			t.Errorf("the progress bar of a finished upload shows %v", p)
		}
		b.check(t, ctx, "03-upload-done")

		do(t, ctx, "open the document",
			chromedp.Click(chromedp.CSS(`li.upload[data-state="done"] a`)),
			chromedp.WaitVisible(chromedp.CSS(`#clause-table[data-rendered] tbody tr`)))
		rows := eval[int](t, ctx, `document.querySelectorAll('#clause-table tbody tr').length`)
		if rows == 0 {
			t.Fatal("the clause table is empty")
		}
		headings := eval[[]string](t, ctx, `[...document.querySelectorAll('#clause-table tbody th')].map(e => e.textContent)`)
		if len(headings) != rows || slices.Contains(headings, "") {
			t.Errorf("clause rows without a heading or preview: %q", headings)
		}

		waitJS(t, ctx, "the playbook picker", `document.querySelectorAll('#playbook option').length > 1`)
		do(t, ctx, "review with mutual-nda-recipient",
			chromedp.SetValue(chromedp.CSS("#playbook"), "mutual-nda-recipient"),
			chromedp.Click(chromedp.CSS("#run-review")),
			chromedp.WaitVisible(chromedp.CSS("#decisions li.decision")))
		type decision struct {
			Outcome, Rule, Authority string
			Reasons                  []string
		}
		ds := eval[[]decision](t, ctx, `[...document.querySelectorAll('#decisions li.decision')].map(li => ({
			outcome: li.dataset.outcome, rule: li.dataset.rule,
			authority: li.querySelector('dl.facts').textContent,
			reasons: [...li.querySelectorAll('ul.reasons li')].map(r => r.textContent)}))`)
		withReasons := 0
		for _, d := range ds {
			if !slices.Contains([]string{"accept", "fallback", "escalate"}, d.Outcome) || d.Rule == "" || !strings.Contains(d.Authority, "Authority") {
				t.Errorf("decision %+v: want an outcome, its rule and the authority it needs", d)
			}
			if len(d.Reasons) > 0 && d.Reasons[0] != "" {
				withReasons++
			}
		}
		if withReasons == 0 {
			t.Errorf("no decision shows its reasons: %+v", ds)
		}
		reviewURL := eval[string](t, ctx, `location.href`)
		if !strings.Contains(reviewURL, "?review=rv_") {
			t.Errorf("the address %s does not name the review", reviewURL)
		}
		b.check(t, ctx, "04-review")

		do(t, ctx, "show the redline preview",
			chromedp.Click(chromedp.CSS("#show-redline")),
			chromedp.WaitVisible(chromedp.CSS("#redline-frame")))
		src := eval[string](t, ctx, `document.querySelector('#redline-frame').src`)
		if !strings.HasPrefix(src, "blob:") {
			t.Errorf("the preview frame loads %q, want a blob: URL", src)
		}
		if sb := eval[string](t, ctx, `document.querySelector('#redline-frame').getAttribute('sandbox')`); sb != "" {
			t.Errorf("the preview frame's sandbox is %q, want the strictest (empty)", sb)
		}
		waitJS(t, ctx, "the preview frame's load", `document.querySelector('#redline-frame').dataset.loaded === 'true'`)
		if title := frameTitle(t, ctx, src); !strings.HasPrefix(title, "Redline: ") {
			t.Errorf("the preview frame shows %q, want the redline HTML", title)
		}
		b.check(t, ctx, "05-redline")

		name, data := b.waitDownload(t, ctx, "#download-docx")
		if !bytes.HasPrefix(data, []byte("PK")) || !strings.HasSuffix(name, "-redline.docx") {
			t.Errorf("DOCX download %q starts with %q", name, data[:min(len(data), 4)])
		}
		name, data = b.waitDownload(t, ctx, "#download-json")
		var rep struct {
			Schema    string `json:"schema"`
			Decisions []any  `json:"decisions"`
		}
		if err := json.Unmarshal(data, &rep); err != nil || rep.Schema != "clm.review/v1" || len(rep.Decisions) != len(ds) {
			t.Errorf("JSON download %q: %v, schema %q, %d decisions (page shows %d)", name, err, rep.Schema, len(rep.Decisions), len(ds))
		}

		// A reload of the review's address shows the same review.
		do(t, ctx, "reload the review", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#decisions li.decision")))
		if n := eval[int](t, ctx, `document.querySelectorAll('#decisions li.decision').length`); n != len(ds) {
			t.Errorf("after a reload the page shows %d decisions, want %d", n, len(ds))
		}
	})

	t.Run("many files, errors in words, key terms", func(t *testing.T) {
		ctx := b.timeout(t)
		dir := t.TempDir()
		png := filepath.Join(dir, "scan.png")
		big := filepath.Join(dir, "huge.txt")
		if err := os.WriteFile(png, append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 512)...), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(big, bytes.Repeat([]byte("The Supplier shall deliver the Services. "), 3<<20/41), 0o644); err != nil {
			t.Fatal(err)
		}
		sample, err := filepath.Abs(filepath.Join(moduleRoot(t), "testdata", "sample-msa.docx"))
		if err != nil {
			t.Fatal(err)
		}
		open(t, ctx, origin, "/upload", ".dropzone")
		do(t, ctx, "upload three files",
			chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{sample, png, big}))
		// A file dropped on the drop zone (the browser cannot drag from the
		// disk in a test, so the page gets the drop event a drag would give).
		do(t, ctx, "drop a file", chromedp.Evaluate[chromedp.Void](`(() => {
			const dt = new DataTransfer();
			dt.items.add(new File(['This Agreement is made between Alpha Ltd and Beta Inc.\n\n1. Services\nAlpha shall provide the services.\n'], 'dropped.txt', {type: 'text/plain'}));
			const zone = document.querySelector('.dropzone');
			zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
			zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
		})()`))
		waitJS(t, ctx, "four finished uploads", `document.querySelectorAll('li.upload[data-state="done"], li.upload[data-state="error"]').length === 4`)
		type item struct{ Name, State, Status, Text string }
		items := eval[[]item](t, ctx, `[...document.querySelectorAll('li.upload')].map(li => ({
			name: li.querySelector('.upload-name').textContent, state: li.dataset.state,
			status: li.dataset.status || '', text: li.querySelector('.upload-status').textContent}))`)
		want := map[string]struct{ state, text string }{
			"sample-msa.docx": {"done", "clauses"},
			"scan.png":        {"error", "not a DOCX, PDF or plain-text file"},
			"huge.txt":        {"error", ""},
			"dropped.txt":     {"done", "clauses"},
		}
		for _, it := range items {
			w, ok := want[it.Name]
			if !ok || it.State != w.state || !strings.Contains(it.Text, w.text) {
				t.Errorf("upload %+v, want %+v", it, w)
			}
			if it.Name == "huge.txt" && !strings.Contains(it.Text, "Too large") && !strings.Contains(it.Text, "upload limit") {
				t.Errorf("the 3 MB upload over the 2 MB limit reads %q", it.Text)
			}
		}
		b.check(t, ctx, "06-upload-errors")

		do(t, ctx, "open sample-msa.docx",
			chromedp.Click(chromedp.CSS(`li.upload[data-state="done"] a`)),
			chromedp.WaitVisible(chromedp.CSS(`#terms-table tr[data-term="initial_term"] button`)),
			chromedp.Click(chromedp.CSS(`#terms-table tr[data-term="initial_term"] button`)),
			chromedp.WaitVisible(chromedp.CSS(`#viewer .clause-text mark`)))
		evidence := eval[string](t, ctx, `document.querySelector('#terms-table tr[data-term="initial_term"] q').textContent`)
		marked := eval[string](t, ctx, `document.querySelector('#viewer .clause-text mark').textContent`)
		if evidence == "" || marked != evidence {
			t.Errorf("the clause shows %q highlighted, want the evidence %q", marked, evidence)
		}
		if focused := eval[string](t, ctx, `document.activeElement.id`); focused != "viewer-title" {
			t.Errorf("focus is on %q after showing the clause, want the clause's heading", focused)
		}
		b.check(t, ctx, "07-key-terms")

		open(t, ctx, origin, "/documents?q=msa", "#documents-table")
		names := eval[[]string](t, ctx, `[...document.querySelectorAll('#documents-table tbody th')].map(e => e.textContent)`)
		if !slices.Equal(names, []string{"sample-msa.docx"}) {
			t.Errorf("search msa lists %q", names)
		}
		if v := eval[string](t, ctx, `document.querySelector('#f-q').value`); v != "msa" {
			t.Errorf("the search field shows %q", v)
		}
		// Pages of two documents, forward and back.
		open(t, ctx, origin, "/documents?limit=2", "#documents-table")
		page1 := eval[[]string](t, ctx, `[...document.querySelectorAll('#documents-table tbody th')].map(e => e.textContent)`)
		do(t, ctx, "next page",
			chromedp.Click(chromedp.CSS(`#next-page`)),
			chromedp.WaitVisible(chromedp.CSS(`#prev-page`)))
		page2 := eval[[]string](t, ctx, `[...document.querySelectorAll('#documents-table tbody th')].map(e => e.textContent)`)
		if len(page1) != 2 || len(page2) == 0 || slices.Contains(page1, page2[0]) {
			t.Errorf("page 1 %q, page 2 %q", page1, page2)
		}
		do(t, ctx, "previous page", chromedp.Click(chromedp.CSS(`#prev-page`)))
		waitJS(t, ctx, "the first page again", `!document.querySelector('#prev-page') && document.querySelector('#documents-table')`)
		if back := eval[[]string](t, ctx, `[...document.querySelectorAll('#documents-table tbody th')].map(e => e.textContent)`); !slices.Equal(back, page1) {
			t.Errorf("back on page 1: %q, want %q", back, page1)
		}
		do(t, ctx, "clear the filters", chromedp.Click(chromedp.CSS(`form.filters a.button`)))
		waitJS(t, ctx, "every document", `document.querySelectorAll('#documents-table tbody tr').length > 2`)
		b.check(t, ctx, "08-documents")
	})

	t.Run("playbook error marked at its line, save and history", func(t *testing.T) {
		ctx := b.timeout(t)
		req, _ := http.NewRequest("GET", srv.api+"/v1/playbooks/saas-msa-customer", nil)
		req.Header.Set("Authorization", "Bearer "+srv.admin)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		yaml, _ := io.ReadAll(res.Body)
		res.Body.Close()
		loc := whenLineRe.FindIndex(yaml)
		if loc == nil {
			t.Fatal("saas-msa-customer has no when: '...' line to break")
		}
		line := bytes.Count(yaml[:loc[0]], []byte("\n")) + 1
		// The caret goes before the closing quote of that when: expression.
		caret := len([]rune(string(yaml[:loc[1]-1])))

		open(t, ctx, origin, "/playbooks/saas-msa-customer", "#yaml")
		waitJS(t, ctx, "the first check", `document.querySelector('#yaml-check').classList.contains('ok')`)
		do(t, ctx, "type an error",
			chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const ta = document.querySelector('#yaml'); ta.focus(); ta.setSelectionRange(%d, %d); })()`, caret, caret)),
			chromedp.KeyEvent(" &&"))
		sel := fmt.Sprintf(`#yaml-errors li[data-line="%d"]`, line)
		waitJS(t, ctx, "the error at line "+fmt.Sprint(line), `document.querySelector('`+sel+`')`)
		msg := eval[string](t, ctx, `document.querySelector('`+sel+`').textContent`)
		if !strings.Contains(msg, fmt.Sprintf("Line %d,", line)) || !strings.Contains(msg, "when:") {
			t.Errorf("the error at line %d reads %q", line, msg)
		}
		waitJS(t, ctx, "the message under the editor", `document.querySelector('#yaml-caret').classList.contains('bad')`)
		if caret := eval[string](t, ctx, `document.querySelector('#yaml-caret').textContent`); !strings.HasPrefix(caret, fmt.Sprintf("Line %d, column ", line)) || !strings.Contains(caret, "when:") {
			t.Errorf("under the editor, at the caret: %q", caret)
		}
		gutter := eval[[]string](t, ctx, `[...document.querySelectorAll('.gutter .ln.error')].map(e => e.dataset.line)`)
		if !slices.Equal(gutter, []string{fmt.Sprint(line)}) {
			t.Errorf("the gutter marks lines %q, want [%d]", gutter, line)
		}
		if marks := eval[[]string](t, ctx, `[...document.querySelectorAll('.marks .mark')].map(e => e.dataset.line)`); !slices.Equal(marks, []string{fmt.Sprint(line)}) {
			t.Errorf("the editor marks lines %q, want [%d]", marks, line)
		}
		if eval[bool](t, ctx, `!document.querySelector('#save').disabled`) {
			t.Error("save is enabled on a playbook with an error")
		}
		b.check(t, ctx, "09-playbook-error")

		// Fix it, add a comment, save: a new version by this key.
		do(t, ctx, "fix the error",
			chromedp.KeyEvent("\b\b\b"),
			chromedp.Evaluate[chromedp.Void](`(() => { const ta = document.querySelector('#yaml'); ta.setSelectionRange(ta.value.length, ta.value.length); })()`),
			chromedp.KeyEvent("# checked in the browser test\n"))
		waitJS(t, ctx, "a clean check", `document.querySelector('#yaml-check').classList.contains('ok') && !document.querySelector('#save').disabled`)
		do(t, ctx, "save",
			chromedp.Click(chromedp.CSS("#save")),
			chromedp.WaitVisible(chromedp.CSS("#versions-table tbody tr:nth-child(2)")))
		by := eval[[]string](t, ctx, `[...document.querySelectorAll('#versions-table tbody tr')].map(r => r.cells[0].textContent + ' ' + r.cells[3].textContent)`)
		if !slices.Equal(by, []string{"2 " + srv.adminName, "1 clm"}) {
			t.Errorf("versions %q", by)
		}
		do(t, ctx, "what changed",
			chromedp.Click(chromedp.CSS(`#versions-table tbody tr:first-child button[aria-label^="Changes"]`)),
			chromedp.WaitVisible(chromedp.CSS("pre.diff ins")))
		if d := eval[string](t, ctx, `document.querySelector('pre.diff ins').textContent`); d != "# checked in the browser test" {
			t.Errorf("the change of version 2 reads %q", d)
		}
		b.check(t, ctx, "10-playbook-history")
	})

	t.Run("paralegal may not save playbooks", func(t *testing.T) {
		ctx := b.timeout(t)
		do(t, ctx, "sign out", chromedp.Click(chromedp.CSS("#signout")), chromedp.WaitVisible(chromedp.CSS("#key")))
		if k := eval[string](t, ctx, `sessionStorage.getItem('clm.key') || ''`); k != "" {
			t.Error("sign out left the key in sessionStorage")
		}
		signIn(t, ctx, origin, srv.paralegal, "paralegal")
		open(t, ctx, origin, "/playbooks/saas-msa-customer", "#save-why")
		waitJS(t, ctx, "the first check", `document.querySelector('#yaml-check').classList.contains('ok')`)
		do(t, ctx, "edit", chromedp.Evaluate[chromedp.Void](`document.querySelector('#yaml').focus()`), chromedp.KeyEvent("# x"))
		if eval[bool](t, ctx, `!document.querySelector('#save').disabled`) {
			t.Error("a paralegal sees an enabled save button")
		}
		why := eval[string](t, ctx, `document.getElementById(document.querySelector('#save').getAttribute('aria-describedby')).textContent`)
		if !strings.Contains(why, "paralegal") || !strings.Contains(why, "counsel or admin") {
			t.Errorf("the explanation reads %q", why)
		}
		b.check(t, ctx, "11-playbook-paralegal")
		do(t, ctx, "sign out", chromedp.Click(chromedp.CSS("#signout")), chromedp.WaitVisible(chromedp.CSS("#key")))
	})

	t.Run("integration may review but not download redlines", func(t *testing.T) {
		ctx := b.timeout(t)
		signIn(t, ctx, origin, srv.integration, "integration")
		sample, err := os.ReadFile(filepath.Join(moduleRoot(t), "testdata", "sample-msa.docx"))
		if err != nil {
			t.Fatal(err)
		}
		id := srv.upload(t, "sample-msa.docx", sample, "")
		open(t, ctx, origin, "/documents/"+id, "#latest-review")
		// The playbook that shares a word with the file name is preselected.
		waitJS(t, ctx, "the playbook picker", `document.querySelector('#playbook').value !== ''`)
		if pb := eval[string](t, ctx, `document.querySelector('#playbook').value`); pb != "saas-msa-customer" {
			t.Errorf("the picker preselects %q for sample-msa.docx, want saas-msa-customer", pb)
		}
		do(t, ctx, "review", chromedp.Click(chromedp.CSS("#run-review")), chromedp.WaitVisible(chromedp.CSS("#decisions li.decision")))
		buttons := eval[[]string](t, ctx, `[...document.querySelectorAll('#review button, #document-record button')].map(b => b.id).filter(Boolean)`)
		if slices.Contains(buttons, "show-redline") || slices.Contains(buttons, "download-docx") || slices.Contains(buttons, "download-original") || !slices.Contains(buttons, "download-json") {
			t.Errorf("an integration key sees the buttons %q", buttons)
		}
		if latest := eval[string](t, ctx, `document.querySelector('#latest-review').textContent`); latest != "Escalate" {
			t.Errorf("after the review the document's latest review reads %q", latest)
		}
		do(t, ctx, "sign out", chromedp.Click(chromedp.CSS("#signout")), chromedp.WaitVisible(chromedp.CSS("#key")))
		signIn(t, ctx, origin, srv.admin, "admin")
	})

	t.Run("clause table of a 100-clause contract", func(t *testing.T) {
		ctx := b.timeout(t)
		id := srv.upload(t, "hundred-clauses.txt", []byte(longContract()), "")
		var times []float64
		for i := range 3 {
			do(t, ctx, "a fresh load",
				chromedp.Navigate("about:blank"),
				chromedp.Navigate(origin+"/#/documents/"+id),
				chromedp.WaitVisible(chromedp.CSS("#clause-table[data-rendered]")))
			rows := eval[int](t, ctx, `document.querySelectorAll('#clause-table tbody tr').length`)
			if rows < 100 {
				t.Fatalf("the clause table shows %d rows, want at least 100", rows)
			}
			ms := eval[float64](t, ctx, `window.clmTimings.clauseTable`)
			waitJS(t, ctx, "the first paint", `window.clmTimings.clauseTablePainted`)
			painted := eval[float64](t, ctx, `window.clmTimings.clauseTablePainted`)
			t.Logf("load %d: the clause table of %d rows is in the page %.0f ms after navigation start, painted at %.0f ms", i+1, rows, ms, painted)
			times = append(times, painted)
		}
		slices.Sort(times)
		via := "clm serve"
		if srv.harness {
			via = "the test's harness in front of clm serve"
		}
		t.Logf("clause table of a 100-clause contract shown within %.0f ms of navigation start (median of 3 loads from %s; issue 9 wants under 1000 ms)", times[1], via)
		b.check(t, ctx, "12-hundred-clauses")
	})

	t.Run("obligations and the calendar link", func(t *testing.T) {
		ctx := b.timeout(t)
		open(t, ctx, origin, "/obligations", "#feed-owner")
		waitJS(t, ctx, "the list or its absence", `!document.querySelector('#obligations').textContent.includes('Loading')`)
		err := srv.get("/v1/obligations", srv.admin, nil)
		if he, ok := err.(*httpError); ok && he.status == http.StatusNotFound {
			b.check(t, ctx, "14-obligations-none")
			t.Skip("GET /v1/obligations answers 404 (the obligations API is not in this server yet): skipping the deadline flow")
		}
		if err != nil {
			t.Fatal(err)
		}

		now := time.Now()
		fixture := filepath.Join(t.TempDir(), "renewal-services.txt")
		if err := os.WriteFile(fixture, []byte(fixtureContract(now)), 0o644); err != nil {
			t.Fatal(err)
		}
		const owner = "ann@example.com"
		open(t, ctx, origin, "/upload", "#owner")
		do(t, ctx, "upload the fixture with its owner",
			chromedp.SendKeys(chromedp.CSS("#owner"), owner),
			chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{fixture}))
		waitUploaded(t, ctx, 1)
		fixtureID := eval[string](t, ctx, `document.querySelector('li.upload[data-state="done"]').dataset.id`)
		open(t, ctx, origin, "/documents/"+fixtureID, "#deadlines tbody tr")
		b.check(t, ctx, "13-document-deadlines")
		open(t, ctx, origin, "/obligations?owner="+url.QueryEscape(owner), ".obligations-table tbody tr")
		type row struct{ Kind, Due, Doc string }
		rows := eval[[]row](t, ctx, `[...document.querySelectorAll('.obligations-table tbody tr')].map(r => ({
			kind: r.dataset.kind, due: (r.querySelector('time') || {}).getAttribute?.('datetime') || '',
			doc: r.cells[4].textContent}))`)
		today := now.Format(time.DateOnly)
		found := false
		for _, r := range rows {
			if strings.Contains(r.Doc, "renewal-services.txt") && r.Due > today &&
				(r.Kind == "non_renewal_notice" || r.Kind == "expiration" || r.Kind == "renewal") {
				found = true
			}
		}
		if !found {
			t.Errorf("no future renewal deadline of the fixture among %+v", rows)
		}
		b.check(t, ctx, "14-obligations")

		do(t, ctx, "create the calendar link",
			chromedp.Click(chromedp.CSS(`#feed form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS("#feed-url")))
		link := eval[string](t, ctx, `document.querySelector('#feed-url').value`)
		if !strings.HasPrefix(link, origin+"/v1/obligations.ics?token=") {
			t.Errorf("calendar link %q", link)
		}
		do(t, ctx, "the link is listed", chromedp.WaitVisible(chromedp.CSS("#feed-tokens-table tbody tr")))
		res, err := http.Get(strings.Replace(link, origin, srv.api, 1))
		if err != nil {
			t.Fatal(err)
		}
		ics, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !bytes.Contains(ics, []byte("BEGIN:VCALENDAR")) {
			t.Errorf("the calendar link answers %d %.100s", res.StatusCode, ics)
		}
		b.check(t, ctx, "15-calendar-link")
	})
}
