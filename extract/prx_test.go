package extract

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// prxMust compiles pat both ways for the tests.
func prxMust(tb testing.TB, pat string) (*prx, *regexp.Regexp) {
	tb.Helper()
	t, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		tb.Fatalf("%q: %v", pat, err)
	}
	p := prxCompile(t)
	if p == nil {
		tb.Fatalf("%q: prx does not handle it", pat)
	}
	return p, regexp.MustCompile(pat)
}

// TestPrxAgrees checks prx against the regexp package on the constructs it
// handles, at the edges where a position-set evaluator could go wrong: bounded
// gaps (their bounds counted in runes, cut by the excluded byte), repeats of
// groups, overlapping literal occurrences, word boundaries beside non-ASCII
// runes and invalid UTF-8, and anchors.
func TestPrxAgrees(t *testing.T) {
	tests := []struct {
		pat   string
		texts []string
	}{
		{`\bab\b[^;]{0,5}\bcd\b`, []string{"ab cd", "ab 123 cd", "ab 1234 cd", "ab12345cd", "ab ;cd", "xab cd", "ab cde", "ab cd ab", "ab ééé cd", "ab éééé cd", "ab\ncd", "ab \xff\xfe cd", "ab;ab cd", "cd ab"}},
		{`a[^;]{2,4}b`, []string{"ab", "axb", "axxb", "axxxb", "axxxxb", "axxxxxb", "a;xb", "aab", "aaab", "axxb;", "a\u00e9\u00e9b", "a\u00e9;b"}},
		{`x.{0,3}y`, []string{"xy", "x\ny", "x12y", "x123y", "x1234y", "x\u2028y"}},
		{`(\w+ ){0,2}end`, []string{"end", "a end", "a b end", "a b c end", "  end", "aend"}},
		{`(ab|a)(bc|c)d`, []string{"abcd", "acd", "abd", "abbcd", "aabcd"}},
		{`^(initial )?term( of (this )?agreement)?$`, []string{"term", "initial term", "term of this agreement", "term of agreement", "the term", "term ", "initial  term"}},
		{`\bno\b`, []string{"no", "no.", "notice", "a no b", "éno", "noé", "\xffno\xff", ""}},
		{`\Bss\B`, []string{"asss", "ss", "a ss b", "assb"}},
		{`aa`, []string{"aaa", "a a", "baab"}},
		{`(a|ab)(c|bcd)(d*)$`, []string{"abcd", "abcdd", "acd", "abcdx"}},
		{`(a*)*b`, []string{"b", "aab", "ac"}},
		{`(a?){3}a{3}`, []string{"aaa", "aa", "aaaaaa"}},
		{`x(\s+|-)y`, []string{"x y", "x\t\ny", "x-y", "xy", "x--y"}},
		{`[^a-z]{3,}`, []string{"ab", "a12", "a123", "é€£", "aé€"}},
		{`\d{1,2}/\d{1,2}/\d{2,4}\b`, []string{"1/2/20", "12/31/2020", "123/4/56", "1/2/2", "1/2/20201"}},
		{`(?s:.)z`, []string{"z", "az", "\nz", "éz"}},
		{`a|`, []string{"", "b"}},
		{`[^\x00-\x{10FFFF}]`, []string{"", "abc"}},
		{`“effective date”`, []string{"the “effective date” is", "the \"effective date\""}},
		{`\b(terminat\w*|cancel\w*)\b[^;]{0,20}\b(at any (other )?time|for any (or no )?reason)`, []string{"may terminate this at any time", "terminates; at any time", "cancellation at any other time", "terminated for any or no reason", "terminate for any reason whatsoever here"}},
	}
	for _, tt := range tests {
		p, re := prxMust(t, tt.pat)
		for _, s := range tt.texts {
			if got, want := p.match(s), re.MatchString(s); got != want {
				t.Errorf("%q on %q: prx %v, regexp %v", tt.pat, s, got, want)
			}
		}
	}
}

// TestPrxLongText checks a text too long for the byte sets of firstSet, where
// literals are found by strings.Index instead.
func TestPrxLongText(t *testing.T) {
	long := strings.Repeat("the parties agree that ", prxFirstMax/20) + "this agreement is governed by the laws of delaware; " + strings.Repeat("x", 100)
	for _, pat := range []string{`(governed|construed)[^;]{0,160}laws?`, `agree that the parties`, `no such words`, `x{100}$`} {
		p, re := prxMust(t, pat)
		if got, want := p.match(long), re.MatchString(long); got != want {
			t.Errorf("%q on a %d-byte text: prx %v, regexp %v", pat, len(long), got, want)
		}
	}
}

// clsAllPatterns returns every pattern classify runs, clsDateRe included.
func clsAllPatterns() []*clsPattern {
	var out []*clsPattern
	add := func(ps []clsPattern) {
		for i := range ps {
			out = append(out, &ps[i])
		}
	}
	for i := range clsRules {
		add(clsRules[i].patterns)
		add(clsRules[i].not)
		add(clsRules[i].req)
	}
	for i := range clsLeadRules {
		add(clsLeadRules[i].rule.patterns)
		add(clsLeadRules[i].rule.not)
		out = append(out, &clsLeadRules[i].lead)
	}
	for i := range clsHeadingRules {
		out = append(out, &clsHeadingRules[i].pat)
	}
	add(clsRes(clsDateRe))
	return out
}

// TestPrxClausePatterns checks that prx handles every clause type pattern and
// answers as the regexp package does for each, and for every term pattern it
// handles, on every sentence of the benchmark clauses and, where the shared
// corpus is present, of every thirtieth CUAD dev text.
func TestPrxClausePatterns(t *testing.T) {
	pats := clsAllPatterns()
	for _, p := range pats {
		if p.px == nil {
			t.Errorf("prx does not handle %q", p.src)
		}
	}
	texts := append([]string(nil), benchClauses...)
	if _, err := os.Stat(corpusDir); err == nil {
		files, _ := filepath.Glob(filepath.Join(corpusDir, "cuad-dev", "txt", "*.txt"))
		// Every thirtieth contract: the regexp package takes minutes over
		// all of them.
		var some []string
		for i := 0; i < len(files); i += 30 {
			some = append(some, files[i])
		}
		files = some
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(context.Background(), f, data, &Options{NoTypes: true})
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for ci := range doc.Clauses {
				for _, sn := range clsClauseSentences(doc, &doc.Clauses[ci]) {
					texts = append(texts, sn.raw)
				}
			}
		}
	} else {
		t.Logf("shared corpus absent (%s): checking the benchmark clauses only", corpusDir)
	}
	type pair struct {
		px *prx
		re *regexp.Regexp
	}
	var all []pair
	for _, p := range pats {
		if p.px != nil {
			all = append(all, pair{p.px, regexp.MustCompile(p.src)})
		}
	}
	// The term patterns too, which run on the text as it is.
	for _, r := range termRes {
		if r.px != nil {
			all = append(all, pair{r.px, r.Regexp})
		}
	}
	hits := 0
	for _, raw := range texts {
		for _, s := range []string{strings.ToLower(raw), raw} {
			for _, p := range all {
				got, want := p.px.match(s), p.re.MatchString(s)
				if got != want {
					t.Errorf("%q on %q: prx %v, regexp %v", p.re, s, got, want)
				}
				if want {
					hits++
				}
			}
		}
	}
	t.Logf("%d patterns on %d sentences (as they are and lower-cased), %d matches, all agree", len(all), len(texts), hits)
}

// FuzzPrx compares prx with the regexp package on any expression prx handles
// and any text.
func FuzzPrx(f *testing.F) {
	f.Add(`\b(governed|construed)\b[^;]{0,160}\blaws?\b`, "this agreement is governed by the laws of delaware")
	f.Add(`a[^;]{2,4}b`, "a;xxb axxb")
	f.Add(`(\w+ ){0,2}end$`, "the very end")
	f.Add(`^x(\s+|-)?y*\B`, "x yy")
	f.Add(`(a|ab)(c|bcd)(d*)`, "abcd\xff")
	f.Add(`[^a-z]{3,}é`, "12é")
	f.Fuzz(func(t *testing.T, pat, s string) {
		if len(pat) > 200 || len(s) > 2000 {
			return
		}
		tree, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			return
		}
		re, err := regexp.Compile(pat)
		if err != nil {
			return
		}
		p := prxCompile(tree)
		if p == nil {
			return
		}
		if got, want := p.match(s), re.MatchString(s); got != want {
			t.Fatalf("%q on %q: prx %v, regexp %v", pat, s, got, want)
		}
	})
}

// FuzzClausePatterns checks classify's whole match path, the needed
// literals found by the automaton and prx, against the regexp package on the
// lower-cased text, for every clause type pattern and any sentence.
func FuzzClausePatterns(f *testing.F) {
	for _, c := range benchClauses {
		f.Add(c)
	}
	f.Add("THE LAWS OF \u212aENTUC\u212aY SHALL GOVERN; neither party may assign\u0130")
	pats := clsAllPatterns()
	res := make([]*regexp.Regexp, len(pats))
	for i, p := range pats {
		res[i] = regexp.MustCompile(p.src)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if len(raw) > 1000 {
			return
		}
		sn := &clsSentence{raw: raw, seen: clsAC().newSet()}
		clsAC().scan(raw, sn.seen)
		low := strings.ToLower(raw)
		for i, p := range pats {
			if got, want := p.match(sn), res[i].MatchString(low); got != want {
				t.Fatalf("%q on %q: match %v, regexp %v", p.src, raw, got, want)
			}
		}
	})
}
