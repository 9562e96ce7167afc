package redline

import (
	"fmt"
	"strings"
	"testing"
)

// TestDiffAnchors checks that changes stay apart only where a real anchor
// (two common words, or one long word, or a paragraph break) lies between
// them, and that applying the hunks gives the new text.
func TestDiffAnchors(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		want     []string // "delete→insert" per hunk
	}{
		{"one phrase", "pay within thirty (30) days of receipt", "pay within sixty (60) days of receipt",
			[]string{"thirty (30)→sixty (60)"}},
		{"markup rewrite is one change", "described in <script>alert('x')</script> Schedule 1 & its annexes.",
			"described in Schedule 1 <b onclick=\"x()\">&amp;</b> & its annexes.",
			[]string{"<script>alert('x')</script> Schedule 1→Schedule 1 <b onclick=\"x()\">&amp;</b>"}},
		{"a lone short word is no anchor", "The Supplier may terminate this Agreement.", "The Customer may cancel this Agreement.",
			[]string{"Supplier may terminate→Customer may cancel"}},
		{"a lone number is no anchor", "fees of USD 5/user monthly", "fees of EUR 5/seat monthly",
			[]string{"USD 5/user→EUR 5/seat"}},
		{"two common words anchor", "The Supplier shall pay the fees monthly.", "The Customer shall pay all fees monthly.",
			[]string{"Supplier→Customer", "the→all"}},
		{"one long word anchors", "Supplier delivers goods.", "Vendor delivers items.",
			[]string{"Supplier→Vendor", "goods→items"}},
		{"a paragraph break anchors", "notice to Supplier.\nIt may terminate.", "notice to Vendor.\nIt can terminate.",
			[]string{"Supplier→Vendor", "may→can"}},
		{"pure insertion", "written notice", "prior written notice", []string{"→prior "}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old, nw := []rune(c.old), []rune(c.new)
			hs := dfDiff(old, nw)
			var got []string
			var applied strings.Builder
			at := 0
			for _, h := range hs {
				got = append(got, string(old[h.Start:h.End])+"→"+h.Insert)
				applied.WriteString(string(old[at:h.Start]) + h.Insert)
				at = h.End
			}
			applied.WriteString(string(old[at:]))
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("hunks %q, want %q", got, c.want)
			}
			if applied.String() != c.new {
				t.Errorf("applying the hunks gives %q, want %q", applied.String(), c.new)
			}
		})
	}
}
