package redline

import (
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

// rlSource is one way a contract reaches the redliner: plain text written as a
// new DOCX by Build, or a DOCX edited in place by DOCX. check verifies the
// redline's structure and views and returns its accepted paragraphs.
type rlSource struct {
	name  string
	parse func(testing.TB) *extract.Document
	write func(*extract.Document, *playbook.Report) ([]byte, *Result, error)
	check func(testing.TB, *extract.Document, []byte, *Result) []string
}

// rlSources returns both sources for the same contract, given as the text file
// name and text and as the DOCX paragraphs, so that a test runs each case
// through Build and through DOCX alike.
func rlSources(name, text string, paras []string) []rlSource {
	return []rlSource{
		{"text", func(tb testing.TB) *extract.Document { return bdParse(tb, name, text) },
			func(d *extract.Document, r *playbook.Report) ([]byte, *Result, error) {
				return Build(d, r, Options{Date: testDate})
			},
			func(tb testing.TB, d *extract.Document, out []byte, res *Result) []string {
				bdStructure(tb, out)
				bdCheckViews(tb, d, out, res, true)
				_, parts := bdParts(tb, out)
				return bdView(tb, parts["word/document.xml"], true)
			}},
		{"docx", func(tb testing.TB) *extract.Document {
			var body strings.Builder
			for _, p := range paras {
				body.WriteString(`<w:p>` + genRun("", p) + `</w:p>`)
			}
			return parseDOCX(tb, genDOCX(tb, body.String(), ""))
		},
			func(d *extract.Document, r *playbook.Report) ([]byte, *Result, error) {
				return DOCX(d, r, Options{Date: testDate})
			},
			func(tb testing.TB, d *extract.Document, out []byte, res *Result) []string {
				checkRedline(tb, d, d.Source, out, res, "clm", true)
				pandocCheck(tb, d.Source, out, d, res)
				_, np, _ := rdZip(tb, out)
				return rdParas(tb, np["word/document.xml"], true)
			}},
	}
}
