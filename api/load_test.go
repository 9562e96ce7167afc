package api

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

var loadFor = flag.Duration("load", 0, "run TestLoad for this long (e.g. 30s) against a clm serve child process")

// loadClause is one numbered clause of the generated contract.
type loadClause struct {
	heading string
	body    []string // the clause's paragraphs
}

// loadClauses are the clauses of a SaaS agreement in the shape the shipped
// saas-msa-customer playbook reviews.
var loadClauses = []loadClause{
	{"Definitions", []string{
		`"Affiliate" means any entity that directly or indirectly controls, is controlled by, or is under common control with a party.`,
		`"Confidential Information" means all non-public information disclosed by a party that is marked confidential or that a reasonable person would understand to be confidential.`,
		`"Services" means the hosted software services described in each Order Form, together with the related support and documentation.`,
	}},
	{"Services", []string{
		"Supplier shall provide the Services to Customer in accordance with this Agreement and each Order Form, with reasonable skill and care and in accordance with good industry practice.",
		"Supplier shall make the Services available 99.9% of the time in each calendar month, excluding scheduled maintenance notified at least five (5) business days in advance.",
	}},
	{"Term and Renewal", []string{
		"This Agreement commences on the Effective Date and continues for an initial term of three (3) years.",
		"Thereafter this Agreement renews automatically for successive periods of one (1) year unless either party gives notice of non-renewal at least ninety (90) days before the end of the then-current term.",
	}},
	{"Fees and Payment", []string{
		"Customer shall pay the fees set out in each Order Form. Supplier shall invoice the fees annually in advance.",
		"Customer shall pay each undisputed invoice within thirty (30) days of receipt. Late payments bear interest at 1% per month.",
		"Supplier may increase the fees once in each twelve month period by no more than three percent (3%) on ninety (90) days' written notice.",
	}},
	{"Confidentiality", []string{
		"Each party shall keep the other party's Confidential Information confidential and shall not use it except to perform its obligations under this Agreement.",
		"The obligations in this clause survive for five (5) years after termination of this Agreement.",
	}},
	{"Data Protection", []string{
		"Each party shall comply with all applicable data protection laws. Supplier shall process personal data only on the documented instructions of Customer.",
		"Supplier shall notify Customer without undue delay, and in any event within forty-eight (48) hours, after becoming aware of a personal data breach.",
	}},
	{"Intellectual Property", []string{
		"Supplier retains all intellectual property rights in the Services. Customer retains all rights in the data it uploads to the Services.",
	}},
	{"Warranties", []string{
		"Each party warrants that it has full power and authority to enter into this Agreement.",
		"Supplier warrants that the Services will perform materially in accordance with the documentation.",
	}},
	{"Indemnification", []string{
		"Supplier shall defend and indemnify Customer against any claim that the Services infringe the intellectual property rights of a third party.",
	}},
	{"Limitation of Liability", []string{
		"Neither party shall be liable for any indirect, incidental, special or consequential damages, or for any loss of profits, revenue or data.",
		"Each party's total aggregate liability under this Agreement shall not exceed the fees paid or payable in the twelve (12) months preceding the claim.",
	}},
	{"Termination", []string{
		"Either party may terminate this Agreement for material breach by the other party that remains uncured thirty (30) days after written notice.",
		"Customer may terminate this Agreement for convenience on ninety (90) days' written notice.",
	}},
	{"Assignment", []string{
		"Neither party may assign this Agreement without the prior written consent of the other party, such consent not to be unreasonably withheld, except to an Affiliate or a successor to all or substantially all of its business.",
	}},
	{"Governing Law", []string{
		"This Agreement is governed by the laws of the State of New York. The courts of New York County have exclusive jurisdiction.",
	}},
	{"Notices", []string{
		"Notices under this Agreement must be in writing and delivered by hand, by courier or by email to the addresses set out in the Order Form.",
	}},
}

// loadFiller lengthens each clause to bring the contract to about ten pages.
const loadFiller = "The parties shall cooperate in good faith in the performance of this clause and shall keep such records as are reasonably necessary to demonstrate compliance with it, which records shall be made available to the other party on reasonable notice and no more than once in any twelve month period."

// loadFillers is how many filler paragraphs each clause gets.
const loadFillers = 6

// loadDOCX writes a ten-page contract whose one text run "Reference: TOKEN"
// makes each upload's bytes unique.
func loadDOCX(tb testing.TB, token string) []byte {
	tb.Helper()
	esc := func(s string) string {
		return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
	}
	var body strings.Builder
	para := func(text string, bold bool) {
		body.WriteString(`<w:p><w:r>`)
		if bold {
			body.WriteString(`<w:rPr><w:b/></w:rPr>`)
		}
		fmt.Fprintf(&body, `<w:t xml:space="preserve">%s</w:t></w:r></w:p>`, esc(text))
	}
	para("MASTER SUBSCRIPTION AGREEMENT", true)
	para("Reference: "+token, false)
	para(`This Master Subscription Agreement (the "Agreement") is made on 1 March 2026 (the "Effective Date") between Northwind Analytics Ltd, a company registered in England and Wales ("Supplier"), and Contoso Retail Inc., a Delaware corporation ("Customer").`, false)
	for i, c := range loadClauses {
		para(fmt.Sprintf("%d. %s", i+1, c.heading), true)
		for j, p := range c.body {
			para(fmt.Sprintf("%d.%d %s", i+1, j+1, p), false)
		}
		for j := range loadFillers {
			para(fmt.Sprintf("%d.%d %s", i+1, len(c.body)+j+1, loadFiller), false)
		}
	}
	para("IN WITNESS WHEREOF the parties have executed this Agreement on the Effective Date.", false)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	}
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := io.WriteString(w, p.data); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestLoadDOCX checks the load test's contract: about ten pages, read as
// numbered clauses, and reviewed with decisions.
func TestLoadDOCX(t *testing.T) {
	ts := startServer(t, nil)
	data := loadDOCX(t, "AAAAAA")
	words := 0
	for _, c := range loadClauses {
		for _, p := range c.body {
			words += len(strings.Fields(p))
		}
		words += loadFillers * len(strings.Fields(loadFiller))
	}
	if words < 4000 { // about ten pages at 400 to 500 words a page
		t.Errorf("%d words, want about ten pages", words)
	}
	body, ct := multipartBody(t, "load.docx", data, nil)
	r := ts.do(request{method: "POST", path: "/v1/documents", role: "paralegal", body: body, ctype: ct})
	var d struct {
		ID      string
		Clauses int
	}
	r.json(t, &d)
	if r.status != 201 || d.Clauses < 60 {
		t.Fatalf("upload %d: %s", r.status, r.body)
	}
	r = ts.do(request{method: "POST", path: "/v1/reviews", role: "paralegal", ctype: "application/json",
		body: strings.NewReader(`{"document_id":"` + d.ID + `","playbook":"saas-msa-customer"}`)})
	var rv struct {
		ID        string
		Decisions []any
	}
	r.json(t, &rv)
	if r.status != 201 || len(rv.Decisions) < 10 {
		t.Errorf("review %d, %d decisions", r.status, len(rv.Decisions))
	}
	if r := ts.do(request{method: "GET", path: "/v1/reviews/" + rv.ID + "/redline.docx", role: "paralegal"}); r.status != 200 || !bytes.HasPrefix(r.body, []byte("PK")) {
		t.Errorf("redline %d", r.status)
	}
	if other := loadDOCX(t, "AAAAAB"); bytes.Equal(other, data) {
		t.Error("two tokens make the same bytes")
	}
}

// TestLoad runs 16 clients that each upload a unique ten-page contract and
// review it, for -load, against a real clm serve; it reports requests/s,
// latency percentiles, errors (there must be none) and the server's peak RSS.
func TestLoad(t *testing.T) {
	if *loadFor <= 0 {
		t.Skip("a load test: run with go test ./api -run TestLoad -load 30s -v")
	}
	bin := filepath.Join(t.TempDir(), "clm")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/clm").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := filepath.Join(t.TempDir(), "data")
	out, err := exec.Command(bin, "keys", "create", "--role", "paralegal", "--data", dir).Output()
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSpace(string(out))
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-level", "warn")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	addr := make(chan string, 1)
	var logs lockedBuffer
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "clm serve: listening on "); ok {
				addr <- strings.Fields(u)[0]
			} else {
				logs.Write([]byte(sc.Text() + "\n"))
			}
		}
		close(addr)
	}()
	base, ok := <-addr
	if !ok {
		t.Fatal("clm serve exited before listening")
	}

	const clients = 16
	type sample struct {
		op string
		d  time.Duration
	}
	var (
		mu      sync.Mutex
		samples []sample
		errs    atomic.Int64
		seq     atomic.Int64
		wg      sync.WaitGroup
	)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	deadline := time.Now().Add(*loadFor)
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				n := seq.Add(1)
				data := loadDOCX(t, fmt.Sprintf("%08d", n))
				var body bytes.Buffer
				mw := multipart.NewWriter(&body)
				fw, _ := mw.CreateFormFile("file", fmt.Sprintf("contract-%d.docx", n))
				fw.Write(data)
				mw.Close()
				t0 := time.Now()
				st, b := loadCall(client, "POST", base+"/v1/documents", key, mw.FormDataContentType(), &body)
				d := time.Since(t0)
				var doc struct{ ID string }
				if st != http.StatusCreated || json.Unmarshal(b, &doc) != nil {
					errs.Add(1)
					t.Errorf("upload %d: %d %.200s", n, st, b)
					continue
				}
				t1 := time.Now()
				st, b = loadCall(client, "POST", base+"/v1/reviews", key, "application/json",
					strings.NewReader(`{"document_id":"`+doc.ID+`","playbook":"saas-msa-customer"}`))
				d2 := time.Since(t1)
				if st != http.StatusCreated {
					errs.Add(1)
					t.Errorf("review %d: %d %.200s", n, st, b)
				}
				mu.Lock()
				samples = append(samples, sample{"upload", d}, sample{"review", d2})
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	hwm := "unknown"
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
				hwm = strings.TrimSpace(v)
			}
		}
	}
	pct := func(op string) string {
		var ds []time.Duration
		for _, s := range samples {
			if op == "" || s.op == op {
				ds = append(ds, s.d)
			}
		}
		if len(ds) == 0 {
			return "none"
		}
		slices.Sort(ds)
		at := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
		return fmt.Sprintf("n=%d p50=%v p99=%v max=%v", len(ds), at(0.50).Round(time.Millisecond), at(0.99).Round(time.Millisecond), ds[len(ds)-1].Round(time.Millisecond))
	}
	t.Logf("%d clients for %v: %d requests (%d contracts uploaded and reviewed), %.1f requests/s, %d errors",
		clients, elapsed.Round(time.Millisecond), len(samples), len(samples)/2, float64(len(samples))/elapsed.Seconds(), errs.Load())
	t.Logf("all:    %s", pct(""))
	t.Logf("upload: %s", pct("upload"))
	t.Logf("review: %s", pct("review"))
	t.Logf("server peak RSS (VmHWM): %s", hwm)
	if errs.Load() != 0 {
		t.Errorf("%d errors; server log:\n%s", errs.Load(), logs.String())
	}
}

func loadCall(c *http.Client, method, url, key, ctype string, body io.Reader) (int, []byte) {
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		return 0, []byte(err.Error())
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", ctype)
	resp, err := c.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// BenchmarkUploadReview uploads a unique ten-page contract and reviews it,
// through the whole HTTP stack on loopback, one pair per iteration.
func BenchmarkUploadReview(b *testing.B) {
	ts := startServer(b, func(o *Options) { o.MaxUpload = 8 << 20 })
	ts.client = &http.Client{} // the OpenAPI check is not what is measured
	n := 0
	for b.Loop() {
		n++
		body, ct := multipartBody(b, "bench.docx", loadDOCX(b, fmt.Sprintf("%08d", n)), nil)
		r := ts.do(request{method: "POST", path: "/v1/documents", role: "paralegal", body: body, ctype: ct})
		var d struct{ ID string }
		r.json(b, &d)
		r = ts.do(request{method: "POST", path: "/v1/reviews", role: "paralegal", ctype: "application/json",
			body: strings.NewReader(`{"document_id":"` + d.ID + `","playbook":"saas-msa-customer"}`)})
		if r.status != http.StatusCreated {
			b.Fatalf("review %d %s", r.status, r.body)
		}
	}
}
