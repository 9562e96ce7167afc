package pdftext

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// childLimits runs this test binary as the helper.
func childLimits(timeout time.Duration) Limits {
	return Limits{Timeout: timeout, Env: []string{childEnv + "=1"}}
}

func TestRunMatchesRead(t *testing.T) {
	data := fixture(t, "contract.pdf")
	want, err := Read(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Run(context.Background(), helper(t), data, childLimits(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Run and Read differ:\n%s", diff(format(want), format(got)))
	}
}

// TestRunBadInput feeds broken files to the child: each must give an error
// of the right class in time, and none may take the parent down.
func TestRunBadInput(t *testing.T) {
	contract := fixture(t, "contract.pdf")
	tests := []struct {
		name    string
		data    []byte
		timeout time.Duration
		want    error // nil: a result or any error is fine
	}{
		{"empty", nil, 0, ErrCorrupt},
		{"not a PDF", []byte("PK\x03\x04 this is a zip, not a PDF"), 0, ErrCorrupt},
		{"truncated at 50%", contract[:len(contract)/2], 0, ErrCorrupt},
		{"truncated at 90%", contract[:len(contract)*9/10], 0, ErrCorrupt},
		{"no text", fixture(t, "no-text.pdf"), 0, ErrNoText},
		{"encrypted", fixture(t, "encrypted.pdf"), 0, ErrEncrypted},
		// The library loops forever on these; Read detects them first.
		{"cyclic kids", fixture(t, "cyclic-kids.pdf"), 3 * time.Second, ErrCorrupt},
		{"prev loop", fixture(t, "prev-loop.pdf"), 3 * time.Second, ErrCorrupt},
		// It panics on this one.
		{"self-referencing object", fixture(t, "self-ref.pdf"), 0, ErrCorrupt},
		// It would allocate 40 GB for this one.
		{"huge xref", fixture(t, "huge-xref.pdf"), 0, ErrCorrupt},
		// This one loops inside the library where nothing can stop it but
		// killing the child.
		{"object stream loop", fixture(t, "hang-objstm.pdf"), 3 * time.Second, ErrTimeout},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 8 {
		b := append([]byte(nil), contract...)
		for range 20 {
			b[rng.IntN(len(b))] ^= 1 << rng.IntN(8)
		}
		tests = append(tests, struct {
			name    string
			data    []byte
			timeout time.Duration
			want    error
		}{"bit flips " + string(rune('a'+i)), b, 10 * time.Second, nil})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			timeout := tt.timeout
			if timeout == 0 {
				timeout = 30 * time.Second
			}
			start := time.Now()
			res, err := Run(context.Background(), helper(t), tt.data, childLimits(timeout))
			took := time.Since(start)
			if took > timeout+5*time.Second {
				t.Errorf("took %v, timeout %v", took, timeout)
			}
			if tt.want == nil {
				if err != nil && !isSentinel(err) {
					t.Errorf("error %v is not one of the package's", err)
				}
				t.Logf("result %v, error %v, %v", res != nil, err, took.Round(time.Millisecond))
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Run = %v, %v; want %v", res, err, tt.want)
			}
			t.Logf("%v (%v)", err, took.Round(time.Millisecond))
		})
	}
}

func isSentinel(err error) bool {
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return true
		}
	}
	return false
}

// TestRunScannedCorpus checks the image-only scan of the corpus.
func TestRunScannedCorpus(t *testing.T) {
	_, scans := corpusFiles(t)
	if len(scans) == 0 {
		t.Skip("no scanned-*.pdf in the corpus")
	}
	for _, f := range scans {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Run(context.Background(), helper(t), data, childLimits(30*time.Second))
		if !errors.Is(err, ErrNoText) {
			t.Errorf("%s: got %v, want ErrNoText", filepath.Base(f), err)
		}
	}
}

// TestRunChildFailures checks how Run reports a child that misbehaves.
func TestRunChildFailures(t *testing.T) {
	tests := []struct {
		mode   string
		lim    Limits
		want   error
		stderr string // expected in the message
	}{
		{"hang", Limits{Timeout: time.Second}, ErrTimeout, ""},
		{"crash", Limits{}, ErrCorrupt, "simulated crash"},
		{"garbage", Limits{}, ErrCorrupt, "bad reply"},
		// The runtime says "out of memory"; a -race build may word it
		// differently.
		{"oom", Limits{Memory: 256 << 20}, ErrMemory, "exit status"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			t.Parallel()
			lim := tt.lim
			lim.Env = []string{childEnv + "=" + tt.mode}
			start := time.Now()
			_, err := Run(context.Background(), helper(t), []byte("%PDF-1.4\n"), lim)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.stderr) {
				t.Errorf("message %q lacks %q", err, tt.stderr)
			}
			t.Logf("%s: %.200s (%v)", tt.mode, err, time.Since(start).Round(time.Millisecond))
		})
	}
}

func TestRunContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	lim := Limits{Timeout: time.Minute, Env: []string{childEnv + "=hang"}}
	start := time.Now()
	_, err := Run(ctx, helper(t), nil, lim)
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v", took)
	}
	if _, err := Run(context.Background(), nil, nil, Limits{}); err == nil {
		t.Error("Run with no argv: no error")
	}
	if _, err := Run(context.Background(), []string{"/nonexistent/clm"}, nil, Limits{}); err == nil || isSentinel(err) {
		t.Errorf("Run of a missing program: %v", err)
	}
}
