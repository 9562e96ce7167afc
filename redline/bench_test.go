package redline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/clm-engine/clm/playbook"
)

// benchContract is a ~100-page contract: 60 articles of 10 numbered clauses
// of about 60 words each, in runs with mixed formatting.
func benchContract(tb testing.TB) []byte {
	var b strings.Builder
	for a := 0; a < 60; a++ {
		b.WriteString(genClause(genRun("<w:b/>", fmt.Sprintf("Article %d Heading.", a+1))))
		for c := 0; c < 10; c++ {
			b.WriteString(`<w:p>` + genNum(1) + genRun("<w:b/>", fmt.Sprintf("Clause %d-%d.", a+1, c+1)) +
				genRun("", fmt.Sprintf(" The Supplier shall deliver the item numbered %d-%d within thirty (30) days of the order and shall keep records of ", a+1, c+1)) +
				genRun("<w:i/>", "each delivery") +
				genRun("", " for the term of this Agreement, and shall provide copies of those records to the Customer on reasonable written request made at any time during normal business hours, subject to the confidentiality obligations of this Agreement and to applicable law.") + `</w:p>`)
		}
	}
	return genDOCX(tb, b.String(), "")
}

func BenchmarkRedline(b *testing.B) {
	data := benchContract(b)
	doc := parseDOCX(b, data)
	var edits []playbook.TextEdit
	for a := 0; a < 50; a++ {
		tag := fmt.Sprintf("numbered %d-%d within thirty (30) days", a+1, a%10+1)
		edits = append(edits, fxEdit(b, doc, tag, strings.Replace(tag, "thirty (30)", "sixty (60)", 1)))
	}
	rep := fxReport(doc, edits, "")
	out, res, err := DOCX(doc, rep, Options{Date: testDate})
	if err != nil || len(res.Applied) != 50 {
		b.Fatalf("%v, %d applied: %+v", err, len(res.Applied), res.Refused)
	}
	checkRedline(b, doc, data, out, res, "clm", true)
	b.ReportMetric(float64(len(doc.Blocks)), "paragraphs")
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := DOCX(doc, rep, Options{Date: testDate}); err != nil {
			b.Fatal(err)
		}
	}
}
