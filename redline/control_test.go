package redline

import (
	"strings"
	"testing"

	"github.com/clm-engine/clm/playbook"
)

// TestControlCharacters checks that control characters in inserted text are
// written as documented (vertical tab and form feed become a space, the other
// C0 controls but tab, line feed and carriage return go), never as U+FFFD, and
// that the accepted view is the text the decision intends, for a built and an
// edited redline.
func TestControlCharacters(t *testing.T) {
	cases := []struct {
		name   string
		insert string
		clause bool   // a new clause rather than a replacement
		want   string // in the accepted view
	}{
		{"control inside a word", "six\x01ty (60) days", false, "within sixty (60) days of receipt"},
		{"vertical tab between words", "sixty\x0b(60) days", false, "within sixty (60) days of receipt"},
		{"controls at both ends", "\x07sixty (60) days\x1f", false, "within sixty (60) days of receipt"},
		{"escape and NUL", "sixty (60)\x1b\x00 days", false, "within sixty (60) days of receipt"},
		{"new clause", "6. Taxes.\x02 Fees\x0cexclude taxes.\x1b", true, "6. Taxes. Fees exclude taxes."},
	}
	sources := rlSources("generated.txt", bdContract, strings.Split(strings.TrimSpace(bdContract), "\n\n"))
	for _, src := range sources {
		for _, c := range cases {
			t.Run(src.name+"/"+c.name, func(t *testing.T) {
				doc := src.parse(t)
				e := bdEdit(t, doc, "thirty (30) days", c.insert)
				if c.clause {
					e = jnNew(t, doc, "Confidential Information secret", c.insert)
				}
				out, res, err := src.write(doc, fxReport(doc, []playbook.TextEdit{e}, ""))
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Applied) != 1 {
					t.Fatalf("applied %d, refused %+v", len(res.Applied), res.Refused)
				}
				_, parts := bdParts(t, out)
				if x := string(parts["word/document.xml"]); strings.ContainsRune(x, '\uFFFD') {
					t.Errorf("document.xml holds U+FFFD")
				}
				accepted := strings.Join(src.check(t, doc, out, res), "\n")
				if !strings.Contains(accepted, c.want) {
					t.Errorf("accepted text lacks %q:\n%s", c.want, accepted)
				}
				for _, d := range res.Applied[0].Diff {
					if strings.IndexFunc(d.Insert, func(r rune) bool { return r < 0x20 && r != '\n' }) >= 0 {
						t.Errorf("Diff %q holds a control character", d.Insert)
					}
				}
			})
		}
	}
}
