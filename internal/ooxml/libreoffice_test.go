package ooxml

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// corpusDir holds the shared development corpus, relative to this package.
const corpusDir = "../../../shared/corpus/docx"

// TestLibreOfficeLabels compares our list labels with the ones LibreOffice
// prints when it converts each corpus DOCX to text. Every body paragraph with
// text is aligned with a LibreOffice output line by its text; the label is
// what LibreOffice printed before the text. Paragraphs where either side has
// a label (bullets excluded) are compared.
func TestLibreOfficeLabels(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping LibreOffice cross-check in -short mode")
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.docx"))
	if len(files) == 0 {
		t.Skipf("no corpus at %s (shared/corpus/docx is not present)", corpusDir)
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not on PATH")
	}
	tmp := t.TempDir()
	outDir := filepath.Join(tmp, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := []string{
		"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(tmp, "profile")),
		"--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", outDir,
	}
	// The generated fixtures go through LibreOffice too; their differences
	// are logged with the known reasons but do not count.
	fxDir := filepath.Join(tmp, "fixtures")
	if err := os.Mkdir(fxDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var fxFiles []string
	for _, fx := range fixtures() {
		name := filepath.Join(fxDir, "fixture-"+fx.name+".docx")
		if err := os.WriteFile(name, fx.docx(t), 0o644); err != nil {
			t.Fatal(err)
		}
		fxFiles = append(fxFiles, name)
	}
	cmd := exec.CommandContext(ctx, soffice, append(append(args, files...), fxFiles...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}

	var total, agree, unaligned int
	for _, file := range files {
		name := filepath.Base(file)
		txt, err := os.ReadFile(filepath.Join(outDir, strings.TrimSuffix(name, ".docx")+".txt"))
		if err != nil {
			t.Errorf("%s: LibreOffice wrote no text: %v", name, err)
			continue
		}
		paras := mustBody(t, file)
		res := compareLabels(paras, loLines(txt))
		for _, m := range res.mismatches {
			t.Logf("MISMATCH %s: ours %q, LibreOffice %q, text %q", name, m.ours, m.lo, clip(m.text, 70))
		}
		for _, x := range res.excluded {
			t.Logf("EXCLUDED %s: LibreOffice prints %q before %q; not a list label (tracked-deleted text)", name, x.lo, clip(x.text, 70))
		}
		for _, u := range res.unaligned {
			t.Logf("UNALIGNED %s: ours %q, text %q", name, u.ours, clip(u.text, 70))
		}
		for _, m := range res.textMisses {
			t.Logf("TEXT %s: no LibreOffice line for %q", name, clip(m, 70))
		}
		t.Logf("%-52s %3d/%3d labels agree (%s), %d numbered paragraphs not aligned, %d/%d paragraphs matched by text",
			name, res.agree, res.total, pct(res.agree, res.total), len(res.unaligned), res.paras-len(res.textMisses), res.paras)
		total += res.total
		agree += res.agree
		unaligned += len(res.unaligned)
	}
	for _, file := range fxFiles {
		name := filepath.Base(file)
		txt, err := os.ReadFile(filepath.Join(outDir, strings.TrimSuffix(name, ".docx")+".txt"))
		if err != nil {
			t.Errorf("%s: LibreOffice wrote no text: %v", name, err)
			continue
		}
		res := compareLabels(mustBody(t, file), loLines(txt))
		for _, m := range res.mismatches {
			t.Logf("FIXTURE MISMATCH %s: ours %q, LibreOffice %q, text %q", name, m.ours, m.lo, clip(m.text, 70))
		}
		why := knownLibreOfficeDifferences[strings.TrimSuffix(strings.TrimPrefix(name, "fixture-"), ".docx")]
		t.Logf("FIXTURE %-40s %3d/%3d labels agree (%s) %s", name, res.agree, res.total, pct(res.agree, res.total), why)
	}
	t.Logf("OVERALL %d/%d labels agree (%s); %d numbered paragraphs not aligned", agree, total, pct(agree, total), unaligned)
	if total == 0 {
		t.Fatal("no labels compared")
	}
	if float64(agree) < 0.99*float64(total) {
		t.Errorf("agreement %s is under 99%%", pct(agree, total))
	}
}

func mustBody(tb testing.TB, file string) []Paragraph {
	tb.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := Open(bytes.NewReader(b), int64(len(b)), Limits{})
	if err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	paras, err := p.Body()
	if err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	return paras
}

// loLines splits LibreOffice text output into normalised lines.
func loLines(txt []byte) []string {
	txt = bytes.TrimPrefix(txt, []byte("\ufeff"))
	raw := strings.Split(strings.ReplaceAll(string(txt), "\r\n", "\n"), "\n")
	lines := make([]string, len(raw))
	for i, l := range raw {
		lines[i] = normalise(l)
	}
	return lines
}

// normalise applies the Text rules to a string.
func normalise(s string) string {
	var b textBuilder
	b.writeString(s)
	return string(b.buf)
}

type labelDiff struct{ ours, lo, text string }

type labelResult struct {
	total, agree int
	mismatches   []labelDiff
	unaligned    []labelDiff
	excluded     []labelDiff
	paras        int      // paragraphs with text
	textMisses   []string // paragraphs no output line matched
}

// compareLabels aligns paragraphs with lines in order and compares labels.
func compareLabels(paras []Paragraph, lines []string) labelResult {
	var res labelResult
	cursor := 0
	for _, p := range paras {
		if p.Text == "" {
			continue
		}
		bullet := p.NumFormat == "bullet"
		line, prefix := -1, ""
		for i := cursor; i < len(lines) && i < cursor+400; i++ {
			if pre, ok := labelBefore(lines[i], p.Text); ok {
				line, prefix = i, pre
				break
			}
		}
		res.paras++
		if line < 0 {
			res.textMisses = append(res.textMisses, p.Text)
			if p.Number != "" && !bullet {
				res.unaligned = append(res.unaligned, labelDiff{ours: p.Number, text: p.Text})
			}
			continue
		}
		cursor = line + 1
		if bullet || (p.Number == "" && prefix == "") {
			continue
		}
		if p.Number == "" && !labelLike.MatchString(prefix) {
			// LibreOffice prints tracked deletions; the words it shows
			// before our (current-view) text are deleted text, not a label.
			res.excluded = append(res.excluded, labelDiff{lo: prefix, text: p.Text})
			continue
		}
		res.total++
		if p.Number == prefix {
			res.agree++
		} else {
			res.mismatches = append(res.mismatches, labelDiff{ours: p.Number, lo: prefix, text: p.Text})
		}
	}
	return res
}

// knownLibreOfficeDifferences explains why LibreOffice 7.4 shows other
// labels than Word for some fixtures.
var knownLibreOfficeDifferences = map[string]string{
	"lvlrestart":  "(LibreOffice 7.4 ignores w:lvlRestart)",
	"islgl":       "(LibreOffice 7.4 ignores w:isLgl)",
	"stylelinked": "(for a style numPr without w:ilvl LibreOffice takes level 0, we take the level whose w:pStyle names the style)",
	"text":        "(LibreOffice shows and numbers the tracked-deleted numbered paragraph; the final view does not)",
}

// labelLike matches what a list label can look like: "3.2", "(a)",
// "Article IV", "Section 2.1:", "§ 3", a bullet character.
var labelLike = regexp.MustCompile(`^(?:[A-Z][A-Za-z]{0,11} )?[(\[]?[0-9A-Za-z]{1,8}(?:[.\-][0-9A-Za-z]{1,8})*[.):\]]?$|^\S$`)

// labelBefore reports whether line is the paragraph text preceded by at most
// a short label, and returns the label.
func labelBefore(line, text string) (string, bool) {
	const keyLen = 40
	if len(text) < keyLen {
		if !strings.HasSuffix(line, text) {
			return "", false
		}
		pre := line[:len(line)-len(text)]
		if len(pre) > 24 {
			return "", false
		}
		return strings.TrimSpace(pre), true
	}
	key := text[:keyLen]
	for !utf8.ValidString(key) {
		key = key[:len(key)-1]
	}
	if i := strings.Index(line, key); i >= 0 && i <= 24 {
		return strings.TrimSpace(line[:i]), true
	}
	// The middle may differ (LibreOffice prints tracked deletions and note
	// reference marks): accept a line that ends like the text and has the
	// text's first word near its start.
	suffix := text[len(text)-keyLen:]
	for !utf8.ValidString(suffix) {
		suffix = suffix[1:]
	}
	first, _, _ := strings.Cut(text, " ")
	if i := strings.Index(line, first); strings.HasSuffix(line, suffix) && len(first) >= 3 && i >= 0 && i <= 24 {
		return strings.TrimSpace(line[:i]), true
	}
	return "", false
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for !utf8.ValidString(s[:n]) {
		n--
	}
	return s[:n] + "…"
}

func pct(a, b int) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f%%", 100*float64(a)/float64(b))
}
