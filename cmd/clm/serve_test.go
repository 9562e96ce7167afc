package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// clmBinary builds the clm binary into the test's temporary directory.
func clmBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the clm binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "clm")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// child is a running `clm serve`.
type child struct {
	cmd  *exec.Cmd
	URL  string
	logs *bytes.Buffer
	mu   *sync.Mutex
	done chan error
}

// startServe runs `clm serve --addr 127.0.0.1:0 --data dir` and waits for the
// line that says where it listens.
func startServe(t *testing.T, bin, dir string) *child {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-format", "text")
	cmd.Env = append(os.Environ(), "CLM_MAX_UPLOAD=8M")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, logs: &bytes.Buffer{}, mu: &sync.Mutex{}, done: make(chan error, 1)}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			c.mu.Lock()
			c.logs.WriteString(line + "\n")
			c.mu.Unlock()
			if u, ok := strings.CutPrefix(line, "clm serve: listening on "); ok {
				addr <- strings.Fields(u)[0]
			}
		}
		close(addr)
		c.done <- cmd.Wait()
	}()
	u, ok := <-addr
	if !ok {
		t.Fatalf("clm serve exited before listening:\n%s", c.log())
	}
	c.URL = u
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-c.done
		}
	})
	return c
}

func (c *child) log() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.logs.String()
}

// call sends one request with the key and returns the status and body.
func call(t *testing.T, method, url, key, ctype string, body io.Reader) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// TestServeDurability uploads, reviews and saves a playbook version through a
// real clm serve, kills it with SIGKILL, starts it again on the same data
// directory and gets everything back unchanged.
func TestServeDurability(t *testing.T) {
	bin := clmBinary(t)
	dir := filepath.Join(t.TempDir(), "data")
	out, err := exec.Command(bin, "keys", "create", "--role", "admin", "--name", "root", "--data", dir).Output()
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSpace(string(out))

	c := startServe(t, bin, dir)
	doc := readTestFile(t, "../../testdata/sample-msa.docx")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "sample-msa.docx")
	fw.Write(doc)
	mw.Close()
	st, b := call(t, "POST", c.URL+"/v1/documents", key, mw.FormDataContentType(), &body)
	var d struct{ ID string }
	json.Unmarshal(b, &d)
	if st != 201 || d.ID == "" {
		t.Fatalf("upload: %d %s", st, b)
	}
	st, b = call(t, "POST", c.URL+"/v1/reviews", key, "application/json", strings.NewReader(`{"document_id":"`+d.ID+`","playbook":"saas-msa-customer"}`))
	var rv struct{ ID string }
	json.Unmarshal(b, &rv)
	if st != 201 {
		t.Fatalf("review: %d %s", st, b)
	}
	yml := readTestFile(t, "../../playbooks/saas-msa-customer.yaml")
	yml = bytes.Replace(yml, []byte(`version: "2026.1"`), []byte(`version: "2026.2"`), 1)
	if st, b := call(t, "PUT", c.URL+"/v1/playbooks/saas-msa-customer", key, "application/yaml", bytes.NewReader(yml)); st != 201 {
		t.Fatalf("put playbook: %d %s", st, b)
	}
	paths := []string{
		"/v1/documents/" + d.ID,
		"/v1/documents/" + d.ID + "/original",
		"/v1/documents",
		"/v1/documents/" + d.ID + "/reviews",
		"/v1/reviews/" + rv.ID,
		"/v1/reviews/" + rv.ID + "/redline.docx",
		"/v1/reviews/" + rv.ID + "/redline.html",
		"/v1/playbooks/saas-msa-customer/versions",
		"/v1/playbooks/saas-msa-customer",
		"/v1/audit",
	}
	before := map[string][]byte{}
	for _, p := range paths {
		st, b := call(t, "GET", c.URL+p, key, "", nil)
		if st != 200 {
			t.Fatalf("GET %s: %d %s", p, st, b)
		}
		before[p] = b
	}
	if !bytes.Equal(before["/v1/documents/"+d.ID+"/original"], doc) || !bytes.HasPrefix(before["/v1/reviews/"+rv.ID+"/redline.docx"], []byte("PK")) {
		t.Fatal("original or redline differs before the kill")
	}

	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-c.done

	c2 := startServe(t, bin, dir)
	for _, p := range paths {
		st, b := call(t, "GET", c2.URL+p, key, "", nil)
		if st != 200 || !bytes.Equal(b, before[p]) {
			t.Errorf("GET %s after SIGKILL and restart: %d, %d bytes; before: %d bytes", p, st, len(b), len(before[p]))
		}
	}
	var vs struct{ Versions []struct{ Version int } }
	json.Unmarshal(before["/v1/playbooks/saas-msa-customer/versions"], &vs)
	if len(vs.Versions) != 2 {
		t.Errorf("versions before the kill: %s", before["/v1/playbooks/saas-msa-customer/versions"])
	}
}

// TestServeSIGTERM checks that clm serve stops cleanly on SIGTERM.
func TestServeSIGTERM(t *testing.T) {
	bin := clmBinary(t)
	c := startServe(t, bin, filepath.Join(t.TempDir(), "data"))
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("exit: %v\n%s", err, c.log())
		}
	case <-time.After(time.Minute):
		t.Fatalf("clm serve still running a minute after SIGTERM:\n%s", c.log())
	}
	for _, want := range []string{"msg=\"shutting down: letting in-flight requests finish\"", "msg=stopped"} {
		if !strings.Contains(c.log(), want) {
			t.Errorf("log lacks %s:\n%s", want, c.log())
		}
	}
}

// TestServeFlags checks flags, CLM_* variables and their errors.
func TestServeFlags(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		err    string
		addr   string
		upload int64
	}{
		{"defaults", nil, nil, exitOK, "", "127.0.0.1:8080", 50 << 20},
		{"env", map[string]string{"CLM_ADDR": ":9000", "CLM_MAX_UPLOAD": "10M", "CLM_DATA": "/srv/clm"}, nil, exitOK, "", ":9000", 10 << 20},
		{"flags win over env", map[string]string{"CLM_ADDR": ":9000"}, []string{"--addr", ":9001", "--max-upload", "1048576"}, exitOK, "", ":9001", 1 << 20},
		{"bad size", nil, []string{"--max-upload", "lots"}, exitUsage, `--max-upload: "lots" is not a size`, "", 0},
		{"bad env duration", map[string]string{"CLM_REQUEST_TIMEOUT": "soon"}, nil, exitUsage, `CLM_REQUEST_TIMEOUT="soon"`, "", 0},
		{"bad log format", nil, []string{"--log-format", "xml"}, exitUsage, "--log-format must be json or text", "", 0},
		{"argument", nil, []string{"extra"}, exitUsage, `unexpected argument "extra"`, "", 0},
		{"alert settings", map[string]string{"CLM_TZ": "Europe/London", "CLM_ALERT_LEADS": "60,14", "CLM_SMTP_ADDR": "mail:25", "CLM_SMTP_FROM": "clm@example.com"}, nil, exitOK, "", "127.0.0.1:8080", 50 << 20},
		{"bad time zone", nil, []string{"--tz", "Mars/Olympus"}, exitUsage, `--tz: unknown time zone "Mars/Olympus"`, "", 0},
		{"bad leads", map[string]string{"CLM_ALERT_LEADS": "90,soon"}, nil, exitUsage, "--alert-leads", "", 0},
		{"smtp without sender", nil, []string{"--smtp-addr", "mail:25"}, exitUsage, "need both --smtp-addr and --smtp-from", "", 0},
		{"bad alert interval", map[string]string{"CLM_ALERT_INTERVAL": "often"}, nil, exitUsage, `CLM_ALERT_INTERVAL="often"`, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			m := NewMain(&out, &errb)
			m.Getenv = func(k string) string { return tt.env[k] }
			code := m.ParseFlags(t.Context(), append([]string{"serve"}, tt.args...))
			if code != tt.code || !strings.Contains(errb.String(), tt.err) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errb.String(), tt.code, tt.err)
			}
			if code == exitOK && (m.serve.addr != tt.addr || m.serve.upload != tt.upload) {
				t.Errorf("addr %q upload %d; want %q %d", m.serve.addr, m.serve.upload, tt.addr, tt.upload)
			}
			if tt.env["CLM_DATA"] != "" && m.serve.data != tt.env["CLM_DATA"] {
				t.Errorf("data %q", m.serve.data)
			}
			if tt.env["CLM_TZ"] != "" && (m.serve.loc.String() != tt.env["CLM_TZ"] || fmt.Sprint(m.serve.leads) != "[60 14]" || m.serve.smtpFrom != "clm@example.com") {
				t.Errorf("alert settings: tz %v leads %v from %q", m.serve.loc, m.serve.leads, m.serve.smtpFrom)
			}
		})
	}
}

func readTestFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
