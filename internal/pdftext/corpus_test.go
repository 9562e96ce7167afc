package pdftext

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// corpusDir holds the shared development corpus, outside this repository.
const corpusDir = "../../../shared/corpus/pdf"

// corpusFiles lists the corpus PDFs, skipping the test if the corpus is absent.
func corpusFiles(tb testing.TB) (text []string, scans []string) {
	tb.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		tb.Skipf("corpus not found at %s (it lives in the shared workspace, not the repository)", corpusDir)
	}
	var all []string
	for _, pat := range []string{"*.pdf", "cuad/*.pdf"} {
		m, err := filepath.Glob(filepath.Join(corpusDir, pat))
		if err != nil {
			tb.Fatal(err)
		}
		all = append(all, m...)
	}
	for _, f := range all {
		if strings.HasPrefix(filepath.Base(f), "scanned-") {
			scans = append(scans, f)
		} else {
			text = append(text, f)
		}
	}
	if len(text) == 0 {
		tb.Skipf("no PDFs in %s", corpusDir)
	}
	return text, scans
}

// words splits text into lower-case words without punctuation; hyphens and
// slashes separate words.
func words(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '/' || r == '–' || r == '—'
	}) {
		w := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, f)
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// resplit splits words of theirs that are missing from ours but are two or
// three words of ours glued together, as pdftotext does where a PDF leaves no
// space between words ("1.1Definition", "ARTICLEI").
func resplit(theirs, ours map[string]int) map[string]int {
	out := make(map[string]int, len(theirs))
	for w, n := range theirs {
		extra := n - ours[w]
		if extra <= 0 {
			out[w] += n
			continue
		}
		parts := split(w, ours, 3)
		if parts == nil {
			out[w] += n
			continue
		}
		out[w] += n - extra
		for _, p := range parts {
			out[p] += extra
		}
	}
	return out
}

// split cuts w into at most k words of vocab, or returns nil.
func split(w string, vocab map[string]int, k int) []string {
	if k == 0 {
		return nil
	}
	for i := len(w) - 1; i > 0; i-- {
		if vocab[w[:i]] == 0 {
			continue
		}
		if vocab[w[i:]] > 0 {
			return []string{w[:i], w[i:]}
		}
		if rest := split(w[i:], vocab, k-1); rest != nil {
			return append([]string{w[:i]}, rest...)
		}
	}
	return nil
}

func bag(ws []string) map[string]int {
	m := make(map[string]int, len(ws))
	for _, w := range ws {
		m[w]++
	}
	return m
}

// TestCorpusCoverage compares the words of our paragraphs with the words
// pdftotext -raw finds, less the running headers and footers we dropped.
func TestCorpusCoverage(t *testing.T) {
	files, _ := corpusFiles(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	var (
		mu                           sync.Mutex
		sumMatch, sumTheirs, sumOurs int
		sumRaw, sumRawTheirs         int
	)
	type score struct {
		name            string
		recall, precise float64
	}
	var scores []score
	t.Run("files", func(t *testing.T) {
		for _, f := range files {
			name := filepath.Base(f)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				res, pls, err := read(context.Background(), data, false)
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
				out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", f, "-").Output()
				if err != nil {
					t.Fatalf("pdftotext: %v", err)
				}
				theirs := bag(words(string(out)))
				for _, p := range pls {
					for i, l := range p.lines {
						if !p.drop[i] {
							continue
						}
						for _, w := range words(l.text) {
							if theirs[w] > 0 {
								theirs[w]--
							}
						}
					}
				}
				var ourWords []string
				for _, p := range res.Paragraphs {
					ourWords = append(ourWords, words(p.Text)...)
				}
				ours := bag(ourWords)
				rawMatch, rawTheirs := 0, 0
				for w, n := range theirs {
					rawMatch += min(n, ours[w])
					rawTheirs += n
				}
				theirs = resplit(theirs, ours)
				match, nTheirs := 0, 0
				for w, n := range theirs {
					match += min(n, ours[w])
					nTheirs += n
				}
				recall := float64(match) / float64(max(nTheirs, 1))
				precise := float64(match) / float64(max(len(ourWords), 1))
				mu.Lock()
				sumMatch += match
				sumTheirs += nTheirs
				sumOurs += len(ourWords)
				sumRaw += rawMatch
				sumRawTheirs += rawTheirs
				scores = append(scores, score{name, recall, precise})
				mu.Unlock()
				t.Logf("coverage %.2f%% precision %.2f%% (%d of %d words; we have %d); before re-splitting words pdftotext glued %.2f%%",
					100*recall, 100*precise, match, nTheirs, len(ourWords), 100*float64(rawMatch)/float64(max(rawTheirs, 1)))
				if testing.Verbose() && os.Getenv("PDFTEXT_MISSING") != "" {
					var missing []string
					for w, n := range theirs {
						if d := n - ours[w]; d > 0 {
							missing = append(missing, w)
						}
					}
					slices.Sort(missing)
					t.Logf("missing: %v", missing)
					var extra []string
					for w, n := range ours {
						if d := n - theirs[w]; d > 0 {
							extra = append(extra, w)
						}
					}
					slices.Sort(extra)
					t.Logf("extra: %v", extra)
				}
				if recall < 0.98 {
					t.Errorf("coverage %.2f%% < 98%%", 100*recall)
				}
			})
		}
	})
	slices.SortFunc(scores, func(a, b score) int {
		if a.recall < b.recall {
			return -1
		}
		if a.recall > b.recall {
			return 1
		}
		return 0
	})
	for i := 0; i < len(scores) && i < 5; i++ {
		t.Logf("worst %d: %.2f%% (precision %.2f%%) %s", i+1, 100*scores[i].recall, 100*scores[i].precise, scores[i].name)
	}
	t.Logf("overall coverage %.2f%%, precision %.2f%% (%d of %d words; we have %d) over %d files",
		100*float64(sumMatch)/float64(max(sumTheirs, 1)), 100*float64(sumMatch)/float64(max(sumOurs, 1)),
		sumMatch, sumTheirs, sumOurs, len(files))
	t.Logf("overall coverage before re-splitting words pdftotext glued: %.2f%% (%d of %d)",
		100*float64(sumRaw)/float64(max(sumRawTheirs, 1)), sumRaw, sumRawTheirs)
}
