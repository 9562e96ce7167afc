package extract

import (
	"regexp"
	"testing"
)

// FuzzTermSplitSource checks termSplitSource on any pattern Go accepts: it
// never panics, every branch it gives compiles, and a text matches the pattern
// exactly when it matches one of the branches.
func FuzzTermSplitSource(f *testing.F) {
	for _, r := range termRes {
		f.Add(r.String(), "the supplier shall not assign this agreement without consent")
	}
	f.Add(`a|b[|]c`, "abc")
	f.Add(`(?i)x(?P<n>y|z)w`, "XZW")
	f.Fuzz(func(t *testing.T, src, text string) {
		whole, err := regexp.Compile(src)
		if err != nil {
			return
		}
		pats, _, ok := termSplitSource(src)
		if !ok || pats == nil {
			return
		}
		hit := false
		for _, p := range pats {
			b, err := regexp.Compile(p)
			if err != nil {
				t.Fatalf("branch %q of %q does not compile: %v", p, src, err)
			}
			hit = hit || b.MatchString(text)
		}
		if hit != whole.MatchString(text) {
			t.Fatalf("%q on %q: the pattern matches %v, its branches %q %v", src, text, whole.MatchString(text), pats, hit)
		}
	})
}
