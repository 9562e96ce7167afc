package pdftext

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// EnvMemLimit names the environment variable that tells Child its memory
// limit in bytes. Run sets it from Limits.Memory.
const EnvMemLimit = "CLM_PDF_MEMLIMIT"

// Limits bounds the child process that Run starts.
type Limits struct {
	Timeout time.Duration // wall clock for the child; default 60s
	Memory  int64         // bytes the child may allocate; default 1 GiB
	// Env lists extra KEY=VALUE entries for the child's environment, after
	// the parent's own environment and EnvMemLimit.
	Env []string
}

// Defaults and caps of Run and Child.
const (
	defaultTimeout = 60 * time.Second
	defaultMemory  = 1 << 30
	maxInput       = 1 << 30   // bytes of PDF Child reads
	maxOutput      = 256 << 20 // bytes of JSON Run accepts
	stderrKeep     = 4 << 10   // bytes of the start and of the end of the child's stderr
)

// Error codes in the child's JSON reply.
const (
	codeCorrupt   = "pdftext_corrupt"
	codeNoText    = "pdftext_no_text"
	codeTimeout   = "pdftext_timeout"
	codeMemory    = "pdftext_memory"
	codeEncrypted = "pdftext_encrypted"
)

// codes maps error codes to sentinels, in the order errorCode tries them.
var codes = []struct {
	code string
	err  error
}{
	{codeEncrypted, ErrEncrypted},
	{codeNoText, ErrNoText},
	{codeTimeout, ErrTimeout},
	{codeMemory, ErrMemory},
	{codeCorrupt, ErrCorrupt},
}

// reply is what Child writes: a result or an error.
type reply struct {
	Result *Result     `json:"result,omitempty"`
	Error  *replyError `json:"error,omitempty"`
}

type replyError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// childError is an error the child reported. It wraps the sentinel named by
// its code, so errors.Is works across the process boundary.
type childError struct {
	kind error
	msg  string
}

func (e *childError) Error() string { return e.msg }
func (e *childError) Unwrap() error { return e.kind }

func errorCode(err error) string {
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return codeCorrupt
}

// Child is the body of the helper process: it reads a PDF from r (stdin),
// writes the Result or the error as JSON to w (stdout), and returns the exit
// code, 0 unless the reply could not be written or the limits could not be
// applied. It first applies the memory limit in bytes from the environment
// variable EnvMemLimit: debug.SetMemoryLimit, and on Linux an RLIMIT_AS of
// that much above the address space the Go runtime has already reserved, so
// that running out ends the process with "out of memory" instead of taking
// the machine with it.
func Child(r io.Reader, w io.Writer) int {
	if err := applyMemoryLimit(os.Getenv(EnvMemLimit)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	var rep reply
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	switch {
	case err != nil:
		err = fmt.Errorf("%w: reading input: %v", ErrCorrupt, err)
	case len(data) > maxInput:
		err = fmt.Errorf("%w: input over %d bytes", ErrCorrupt, maxInput)
	default:
		rep.Result, err = Read(context.Background(), data)
	}
	if err != nil {
		rep.Result = nil
		rep.Error = &replyError{Code: errorCode(err), Message: err.Error()}
	}
	if err := json.NewEncoder(w).Encode(rep); err != nil {
		fmt.Fprintln(os.Stderr, "pdftext: writing reply:", err)
		return 1
	}
	return 0
}

// applyMemoryLimit applies the limit from EnvMemLimit, if set.
func applyMemoryLimit(s string) error {
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("pdftext: bad %s=%q", EnvMemLimit, s)
	}
	debug.SetMemoryLimit(n)
	return limitAddressSpace(n)
}

// Run starts the helper command argv (for example {"/path/clm", "__pdftext"},
// a program whose main calls os.Exit(Child(os.Stdin, os.Stdout))), feeds it
// data on stdin, and decodes its reply.
//
// A child still running after lim.Timeout is killed with its process group
// and Run returns ErrTimeout; ctx ending kills it too. A crash, a non-zero
// exit or a signal gives ErrCorrupt, or ErrMemory when the child ran out of
// memory, with the tail of the child's stderr in the message. An error the
// child reports comes back wrapping the same sentinel (ErrCorrupt, ErrNoText,
// ErrEncrypted, ...). Failing to start the command is returned as is.
func Run(ctx context.Context, argv []string, data []byte, lim Limits) (*Result, error) {
	if len(argv) == 0 {
		return nil, errors.New("pdftext: Run: no helper command")
	}
	timeout := lim.Timeout
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	mem := lim.Memory
	if mem <= 0 {
		mem = defaultMemory
	}
	if err := ctx.Err(); err != nil {
		return nil, abortErr(err)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), EnvMemLimit+"="+strconv.FormatInt(mem, 10))
	cmd.Env = append(cmd.Env, lim.Env...)
	cmd.Stdin = bytes.NewReader(data)
	stdout := &capBuffer{max: maxOutput}
	stderr := &stderrBuffer{max: stderrKeep}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = sysProcAttr()
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("pdftext: starting helper: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var werr error
	select {
	case werr = <-done:
	case <-timer.C:
		killGroup(cmd)
		<-done
		return nil, fmt.Errorf("%w: helper killed after %v%s", ErrTimeout, timeout, stderr.note())
	case <-ctx.Done():
		killGroup(cmd)
		<-done
		return nil, abortErr(ctx.Err())
	}
	if werr != nil {
		return nil, crashErr(werr, stderr)
	}
	var rep reply
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		return nil, fmt.Errorf("%w: bad reply from helper: %v%s", ErrCorrupt, err, stderr.note())
	}
	if rep.Error != nil {
		kind := ErrCorrupt
		for _, c := range codes {
			if c.code == rep.Error.Code {
				kind = c.err
			}
		}
		msg := rep.Error.Message
		if !strings.HasPrefix(msg, kind.Error()) {
			msg = kind.Error() + ": " + msg
		}
		return nil, &childError{kind: kind, msg: msg}
	}
	if rep.Result == nil {
		return nil, fmt.Errorf("%w: empty reply from helper%s", ErrCorrupt, stderr.note())
	}
	return rep.Result, nil
}

// crashErr classifies a child that did not exit cleanly.
func crashErr(err error, stderr *stderrBuffer) error {
	// What the Go runtime says when RLIMIT_AS stops it; a race-enabled
	// build may say one of the last two instead.
	tail := stderr.String()
	if strings.Contains(tail, "out of memory") || strings.Contains(tail, "cannot allocate memory") ||
		strings.Contains(tail, "too many address space collisions") || strings.Contains(tail, "ThreadSanitizer failed to allocate") {
		return fmt.Errorf("%w: %v%s", ErrMemory, err, stderr.note())
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && killedBySystem(ee) {
		// SIGKILL that we did not send: most likely the kernel's OOM killer.
		return fmt.Errorf("%w: %v%s", ErrMemory, err, stderr.note())
	}
	return fmt.Errorf("%w: helper failed: %v%s", ErrCorrupt, err, stderr.note())
}

// capBuffer is a bytes.Buffer that refuses to grow past max.
type capBuffer struct {
	bytes.Buffer
	max int
}

func (b *capBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, fmt.Errorf("pdftext: helper output over %d bytes", b.max)
	}
	return b.Buffer.Write(p)
}

// stderrBuffer keeps the first and the last max bytes written to it: a Go
// crash names its cause at the top and the failing frames below.
type stderrBuffer struct {
	head, tail []byte
	max        int
	total      int
}

func (b *stderrBuffer) Write(p []byte) (int, error) {
	n := len(p)
	b.total += n
	if k := min(b.max-len(b.head), len(p)); k > 0 {
		b.head = append(b.head, p[:k]...)
		p = p[k:]
	}
	if len(p) >= b.max {
		p = p[len(p)-b.max:]
		b.tail = b.tail[:0]
	}
	if over := len(b.tail) + len(p) - b.max; over > 0 {
		b.tail = append(b.tail[:0], b.tail[over:]...)
	}
	b.tail = append(b.tail, p...)
	return n, nil
}

func (b *stderrBuffer) String() string { return string(b.head) + string(b.tail) }

// note formats stderr for an error message on one line: its start, and its
// end if it was longer, with white space collapsed.
func (b *stderrBuffer) note() string {
	const show = 400
	s := strings.TrimSpace(string(b.head[:min(len(b.head), show)]))
	if s == "" {
		return ""
	}
	if b.total > show {
		t := b.String()
		s += " … " + strings.TrimSpace(t[max(len(t)-show/2, show):])
	}
	return "; stderr: " + strings.Join(strings.Fields(s), " ") // one line
}
