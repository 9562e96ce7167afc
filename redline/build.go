package redline

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
)

// Build writes a new, clean DOCX from doc's extracted text, for sources that
// have no package of their own to edit (PDF and text): one paragraph per
// block, clause numbers as typed text, clause headings bold, the title
// centred. Into it go the same tracked changes and comments as DOCX writes:
// each fallback edit as a word-level w:del/w:ins, a comment on the clause of
// every fallback and escalation, and each missing clause the playbook inserts
// as inserted paragraphs after its anchor clause, with its comment on them.
// Rejecting every change gives back the blocks' text paragraph by paragraph.
// It works for a DOCX source too, but loses its formatting and automatic
// numbering; use DOCX there. It returns an error wrapping ErrFormat for a nil
// document or report; edits that cannot be placed are Result.Refused entries.
func Build(doc *extract.Document, rep *playbook.Report, opt Options) (out []byte, res *Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, res, err = nil, nil, fmt.Errorf("%w: %v", ErrInternal, v)
		}
	}()
	if doc == nil || rep == nil {
		return nil, nil, fmt.Errorf("%w: nil document or report", ErrFormat)
	}
	if opt.Author == "" {
		opt.Author = "clm"
	}
	if opt.Date.IsZero() {
		opt.Date = time.Now().UTC()
	}
	opt.Date = opt.Date.UTC().Truncate(time.Second)

	b := &bdBuilder{doc: doc, rep: rep, opt: opt, date: opt.Date.Format("2006-01-02T15:04:05Z")}
	b.plan()
	src, err := b.pkg()
	if err != nil {
		return nil, nil, err
	}
	// The model the DOCX path edits: the same clauses over the same text,
	// with every block anchored on its paragraph of the new package.
	syn := *doc
	syn.Format, syn.Source, syn.Blocks = extract.FormatDOCX, src, b.blocks
	return DOCX(&syn, rep, opt)
}

// bdPart is the main document part of a built package.
const bdPart = "word/document.xml"

// bdBuilder is the state of one Build call.
type bdBuilder struct {
	doc  *extract.Document
	rep  *playbook.Report
	opt  Options
	date string

	paras  []bdPara        // one per block
	blocks []extract.Block // doc.Blocks anchored on paras
}

// bdPara is one paragraph of the new document.
type bdPara struct {
	text string
	pPr  string // the content of w:pPr
	bold int    // byte length of the bold lead (number and heading)
}

// plan lays out one paragraph per block, and anchors a copy of every block
// on its paragraph.
func (b *bdBuilder) plan() {
	d := b.doc
	level := make([]int, len(d.Blocks))
	title := make([]bool, len(d.Blocks))
	bold := make([]int, len(d.Blocks))
	for ci := range d.Clauses {
		c := &d.Clauses[ci]
		s := c.Span.Start.Block
		if s < 0 || s >= len(d.Blocks) {
			continue
		}
		for bi := s; bi <= c.Span.End.Block && bi < len(d.Blocks); bi++ {
			if bi == s || level[bi] == 0 {
				level[bi] = c.Level
				title[bi] = c.Kind == extract.KindTitle
			}
		}
		switch {
		case c.Kind == extract.KindTitle && c.Span.Start.Offset == 0 && c.Span.End.Block == s:
			bold[s] = c.Span.End.Offset
		case c.Span.Start.Offset == 0:
			bold[s] = bdLead(d, c)
		}
	}
	b.blocks = make([]extract.Block, len(d.Blocks))
	b.paras = make([]bdPara, len(d.Blocks))
	for bi := range d.Blocks {
		blk := d.Blocks[bi]
		blk.Anchor = extract.Anchor{Part: bdPart, Paragraph: bi}
		b.blocks[bi] = blk
		b.paras[bi] = bdPara{text: blk.Text, pPr: bdPPr(level[bi], title[bi]), bold: bold[bi]}
	}
}

// bdLead returns the byte length of clause c's number and heading at the
// start of its first block, 0 when the clause has no heading there.
func bdLead(d *extract.Document, c *extract.Clause) int {
	if c.Heading == "" {
		return 0
	}
	t := d.Blocks[c.Span.Start.Block].Text
	if c.Span.End.Block == c.Span.Start.Block {
		t = t[:min(max(c.Span.End.Offset, 0), len(t))]
	}
	i := 0
	if c.Number != "" && strings.HasPrefix(t, c.Number) {
		i = len(c.Number)
		for i < len(t) && t[i] == ' ' {
			i++
		}
	}
	if len(t)-i < len(c.Heading) || !strings.EqualFold(t[i:i+len(c.Heading)], c.Heading) {
		return 0
	}
	i += len(c.Heading)
	if i < len(t) && !utf8.RuneStart(t[i]) {
		return 0
	}
	if i < len(t) && (t[i] == '.' || t[i] == ':') {
		i++
	}
	return i
}

// bdPPr is the paragraph properties of a block at clause level lvl.
func bdPPr(lvl int, title bool) string {
	if title {
		return `<w:spacing w:after="240"/><w:jc w:val="center"/>`
	}
	if lvl > 1 {
		return `<w:ind w:left="` + strconv.Itoa(360*min(lvl-1, 6)) + `"/>`
	}
	return ""
}

// bdEsc escapes s for XML text and attribute values, dropping characters
// XML 1.0 cannot hold and invalid UTF-8.
func bdEsc(s string) string {
	var out strings.Builder
	out.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n <= 1:
		case r == '&':
			out.WriteString("&amp;")
		case r == '<':
			out.WriteString("&lt;")
		case r == '>':
			out.WriteString("&gt;")
		case r == '"':
			out.WriteString("&quot;")
		case r == '\t', r == '\n', r == '\r':
			out.WriteRune(r)
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
		default:
			out.WriteRune(r)
		}
	}
	return out.String()
}

// pkg writes the package: content types, relationships, the main document,
// styles, comments and core properties.
func (b *bdBuilder) pkg() ([]byte, error) {
	var doc strings.Builder
	doc.WriteString(bdHead + `<w:document xmlns:w="` + nsW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	if len(b.paras) == 0 {
		doc.WriteString(`<w:p/>`)
	}
	for i := range b.paras {
		b.para(&doc, &b.paras[i])
	}
	doc.WriteString(`<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	name := b.doc.Name
	if name == "" {
		name = b.rep.Document.Name
	}
	created := b.date
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", bdHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
			`<Override PartName="/word/comments.xml" ContentType="` + pkTypeComments + `"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			`</Types>`},
		{"_rels/.rels", bdHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + pkRelOffice + `" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`</Relationships>`},
		{"word/_rels/document.xml.rels", bdHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`<Relationship Id="rId2" Type="` + pkRelComments + `" Target="comments.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", doc.String()},
		{"word/styles.xml", bdHead + bdStyles},
		{"word/comments.xml", bdHead + `<w:comments xmlns:w="` + nsW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`</w:comments>`},
		{"docProps/core.xml", bdHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + bdEsc(name) + `</dc:title><dc:creator>` + bdEsc(b.opt.Author) + `</dc:creator><cp:lastModifiedBy>` + bdEsc(b.opt.Author) + `</cp:lastModifiedBy>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + created + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + created + `</dcterms:modified>` +
			`</cp:coreProperties>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		if err := pkCreate(zw, &zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: b.opt.Date}, []byte(p.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return buf.Bytes(), nil
}

// para writes one paragraph.
func (b *bdBuilder) para(w *strings.Builder, p *bdPara) {
	w.WriteString(`<w:p>`)
	if p.pPr != "" {
		w.WriteString(`<w:pPr>` + p.pPr + `</w:pPr>`)
	}
	bold := min(p.bold, len(p.text))
	if bold > 0 {
		w.WriteString(`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + bdEsc(p.text[:bold]) + `</w:t></w:r>`)
	}
	if bold < len(p.text) {
		w.WriteString(`<w:r><w:t xml:space="preserve">` + bdEsc(p.text[bold:]) + `</w:t></w:r>`)
	}
	w.WriteString(`</w:p>`)
}

const bdHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"

const bdStyles = `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>` +
	`</w:styles>`
