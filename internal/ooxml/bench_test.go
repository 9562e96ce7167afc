package ooxml

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// longContract is a generated contract of about 100 pages: 60 articles of 15
// clauses on a three-level list (numbered Heading 1 articles, "1.1" clauses
// and "(a)" sub-clauses), about 36,000 words.
func longContract() fixture {
	var body strings.Builder
	words := strings.Fields("the supplier shall provide the services to the customer in accordance with the " +
		"specification and any applicable law and the customer shall pay the fees within thirty days of receipt of a " +
		"valid invoice provided that")
	sentence := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[i%len(words)])
		}
		return b.String()
	}
	for a := 1; a <= 60; a++ {
		body.WriteString(styled("Heading1", fmt.Sprintf("Article heading %d", a)))
		for c := 1; c <= 15; c++ {
			level := 1
			if c%3 == 0 {
				level = 2
			}
			body.WriteString(para(`<w:pStyle w:val="ListParagraph"/>`+numPr(1, level),
				bold(fmt.Sprintf("Clause %d.", c))+run(" "+sentence(20))+
					`<w:hyperlink r:id="rId9">`+run(" a link")+`</w:hyperlink>`+
					`<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">`+run(" inserted words ")+`</w:ins>`+
					run(sentence(15)+".")))
		}
	}
	return fixture{
		name: "long",
		styles: normalStyle +
			paraStyle("Heading1", "heading 1", "Normal", numPr(1, 0), `<w:b/>`) +
			paraStyle("ListParagraph", "List Paragraph", "Normal", "", ""),
		numbering: absNum(0,
			lvl(0, 1, "decimal", "%1.", `<w:pStyle w:val="Heading1"/>`),
			lvl(1, 1, "decimal", "%1.%2", ""),
			lvl(2, 1, "lowerLetter", "(%3)", "")) + num(1, 0),
		body: body.String(),
	}
}

func BenchmarkBody(b *testing.B) {
	data := longContract().docx(b)
	b.Run("open+body", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p, err := Open(bytes.NewReader(data), int64(len(data)), Limits{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := p.Body(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("body", func(b *testing.B) {
		p := openBytes(b, data)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Body(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestLongContract(t *testing.T) {
	fx := longContract()
	paras := bodyOf(t, fx.docx(t))
	if len(paras) != 60*16 {
		t.Fatalf("%d paragraphs, want %d", len(paras), 60*16)
	}
	words := 0
	for _, p := range paras {
		words += len(strings.Fields(p.Text))
	}
	last, clause := paras[len(paras)-1], paras[len(paras)-2]
	if last.Number != "(a)" || clause.Number != "60.10" || last.Text[:last.LeadEmphasis] != "Clause 15." {
		t.Errorf("last paragraphs: %+v\n%+v", clause, last)
	}
	t.Logf("%d paragraphs, %d words, document.xml %d bytes", len(paras), words, len(fx.parts()[3][1]))
}
