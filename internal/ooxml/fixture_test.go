package ooxml

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// fixture is a DOCX package built in code from XML fragments.
type fixture struct {
	name      string
	body      string // children of w:body
	styles    string // children of w:styles; "" writes no styles part
	numbering string // children of w:numbering; "" writes no numbering part
	strict    bool   // use the Strict namespaces
}

const (
	docNamespaces = `xmlns:w="%s" xmlns:r="%s" ` +
		`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
		`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
		`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
		`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
		`xmlns:v="urn:schemas-microsoft-com:vml" ` +
		`xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"`
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
		`</Types>`
)

// parts returns the fixture's zip entries in order.
func (fx fixture) parts() [][2]string {
	wNS, rNS, relBase := nsW, "http://schemas.openxmlformats.org/officeDocument/2006/relationships", relTransitional
	if fx.strict {
		wNS, rNS, relBase = nsWStrict, "http://purl.oclc.org/ooxml/officeDocument/relationships", relStrict
	}
	ns := fmt.Sprintf(docNamespaces, wNS, rNS)
	head := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	parts := [][2]string{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", head + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/></Relationships>`},
	}
	var docRels strings.Builder
	docRels.WriteString(head + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	if fx.styles != "" {
		docRels.WriteString(`<Relationship Id="rId1" Type="` + relBase + `styles" Target="styles.xml"/>`)
	}
	if fx.numbering != "" {
		docRels.WriteString(`<Relationship Id="rId2" Type="` + relBase + `numbering" Target="numbering.xml"/>`)
	}
	docRels.WriteString(`</Relationships>`)
	parts = append(parts,
		[2]string{"word/_rels/document.xml.rels", docRels.String()},
		[2]string{"word/document.xml", head + `<w:document ` + ns + `><w:body>` + fx.body +
			`<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>`})
	if fx.styles != "" {
		parts = append(parts, [2]string{"word/styles.xml", head + `<w:styles ` + ns + `>` + fx.styles + `</w:styles>`})
	}
	if fx.numbering != "" {
		parts = append(parts, [2]string{"word/numbering.xml", head + `<w:numbering ` + ns + `>` + fx.numbering + `</w:numbering>`})
	}
	return parts
}

// docx returns the fixture as DOCX bytes.
func (fx fixture) docx(tb testing.TB) []byte {
	tb.Helper()
	return zipParts(tb, fx.parts())
}

// zipParts writes name/content pairs into a zip archive.
func zipParts(tb testing.TB, parts [][2]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// XML fragment helpers.

// run is a run with text.
func run(text string) string {
	return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

// bold is a bold run with text.
func bold(text string) string {
	return `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

// para is a paragraph with pPr children and content.
func para(pPr, content string) string {
	if pPr != "" {
		pPr = `<w:pPr>` + pPr + `</w:pPr>`
	}
	return `<w:p>` + pPr + content + `</w:p>`
}

// plain is an unnumbered paragraph of one run.
func plain(text string) string { return para("", run(text)) }

// numPr is a w:numPr; ilvl < 0 omits w:ilvl.
func numPr(numID, ilvl int) string {
	s := `<w:numPr>`
	if ilvl >= 0 {
		s += fmt.Sprintf(`<w:ilvl w:val="%d"/>`, ilvl)
	}
	return s + fmt.Sprintf(`<w:numId w:val="%d"/></w:numPr>`, numID)
}

// item is a numbered paragraph of one run.
func item(numID, ilvl int, text string) string { return para(numPr(numID, ilvl), run(text)) }

// styled is a paragraph of one run in a paragraph style.
func styled(style, text string) string {
	return para(`<w:pStyle w:val="`+style+`"/>`, run(text))
}

// lvl is a w:lvl; extra holds further children (w:lvlRestart, w:isLgl, ...).
func lvl(ilvl, start int, format, text, extra string) string {
	return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/>%s<w:lvlText w:val="%s"/>`+
		`<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="%d" w:hanging="360"/></w:pPr></w:lvl>`,
		ilvl, start, format, extra, text, 720*(ilvl+1))
}

// absNum wraps levels in a w:abstractNum.
func absNum(id int, levels ...string) string {
	return fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="multilevel"/>%s</w:abstractNum>`,
		id, strings.Join(levels, ""))
}

// num is a w:num; overrides are w:lvlOverride elements.
func num(numID, abstractID int, overrides ...string) string {
	return fmt.Sprintf(`<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>`, numID, abstractID, strings.Join(overrides, ""))
}

// startOverride is a w:lvlOverride with a w:startOverride.
func startOverride(ilvl, start int) string {
	return fmt.Sprintf(`<w:lvlOverride w:ilvl="%d"><w:startOverride w:val="%d"/></w:lvlOverride>`, ilvl, start)
}

// paraStyle is a paragraph w:style; pPr and rPr are inner XML.
func paraStyle(id, name, basedOn, pPr, rPr string) string {
	s := `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/>`
	if basedOn != "" {
		s += `<w:basedOn w:val="` + basedOn + `"/>`
	}
	if pPr != "" {
		s += `<w:pPr>` + pPr + `</w:pPr>`
	}
	if rPr != "" {
		s += `<w:rPr>` + rPr + `</w:rPr>`
	}
	return s + `</w:style>`
}

const normalStyle = `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>`

// fixtures are the golden numbering and text cases. Each golden file
// testdata/<name>.golden.txt states what Word displays, one paragraph a
// line: "Number | NumLevel | HeadingLevel | Text".
func fixtures() []fixture {
	return []fixture{
		{
			// Every common numFmt, one abstractNum per format.
			name: "formats",
			numbering: absNum(0, lvl(0, 1, "decimal", "%1.", "")) +
				absNum(1, lvl(0, 1, "lowerLetter", "(%1)", "")) +
				absNum(2, lvl(0, 1, "upperLetter", "%1.", "")) +
				absNum(3, lvl(0, 1, "lowerRoman", "(%1)", "")) +
				absNum(4, lvl(0, 1, "upperRoman", "%1.", "")) +
				absNum(5,
					lvl(0, 1, "bullet", "\uf0b7", ""),
					lvl(1, 1, "bullet", "o", ""),
					lvl(2, 1, "bullet", "\uf0a7", "")) +
				absNum(6, lvl(0, 25, "lowerLetter", "%1)", "")) +
				absNum(7, lvl(0, 1, "decimalZero", "%1.", "")) +
				absNum(8, lvl(0, 1, "ordinal", "%1", "")) +
				absNum(9, lvl(0, 1, "cardinalText", "%1:", "")) +
				absNum(10, lvl(0, 1, "none", "%1", "")) +
				absNum(11, lvl(0, 8, "upperRoman", "Article %1", "")) +
				num(1, 0) + num(2, 1) + num(3, 2) + num(4, 3) + num(5, 4) + num(6, 5) + num(7, 6) +
				num(8, 7) + num(9, 8) + num(10, 9) + num(11, 10) + num(12, 11),
			body: item(1, 0, "decimal one") + item(1, 0, "decimal two") + item(1, 0, "decimal three") +
				item(2, 0, "lower letter a") + item(2, 0, "lower letter b") +
				item(3, 0, "upper letter A") + item(3, 0, "upper letter B") +
				item(4, 0, "lower roman i") + item(4, 0, "lower roman ii") + item(4, 0, "lower roman iii") + item(4, 0, "lower roman iv") +
				item(5, 0, "upper roman I") + item(5, 0, "upper roman II") +
				item(6, 0, "Symbol bullet") + item(6, 1, "Courier o bullet") + item(6, 2, "Wingdings square bullet") +
				item(7, 0, "letter 25 is y") + item(7, 0, "letter 26 is z") + item(7, 0, "letter 27 is aa") + item(7, 0, "letter 28 is bb") +
				item(8, 0, "decimal zero 01") + item(8, 0, "decimal zero 02") +
				item(9, 0, "ordinal 1st") + item(9, 0, "ordinal 2nd") +
				item(10, 0, "cardinal text One") + item(10, 0, "cardinal text Two") +
				item(11, 0, "format none shows no label") +
				item(12, 0, "Article VIII") + item(12, 0, "Article IX") + item(12, 0, "Article X") +
				item(12, 0, "Article XI") + item(12, 0, "Article XII") + item(12, 0, "Article XIII") +
				item(12, 0, "Article XIV"),
		},
		{
			// Multi-level lvlText referring to higher levels in their own formats.
			name: "multilevel",
			numbering: absNum(0,
				lvl(0, 1, "decimal", "%1.", ""),
				lvl(1, 1, "decimal", "%1.%2.", ""),
				lvl(2, 1, "lowerLetter", "%1.%2(%3)", ""),
				lvl(3, 1, "lowerRoman", "(%4)", "")) +
				absNum(1,
					lvl(0, 1, "upperRoman", "Article %1", ""),
					lvl(1, 1, "upperLetter", "Section %1.%2", "")) +
				absNum(2,
					lvl(0, 3, "decimal", "%1.", ""),
					lvl(1, 1, "decimal", "%1.%2", "")) +
				num(1, 0) + num(2, 1) + num(3, 2),
			body: item(1, 0, "First clause") +
				item(1, 1, "Sub clause") + item(1, 1, "Second sub clause") +
				item(1, 2, "Paragraph") + item(1, 2, "Next paragraph") +
				item(1, 3, "Roman item") + item(1, 3, "Roman item two") +
				item(1, 2, "Paragraph after romans") +
				item(1, 0, "Second clause") + item(1, 2, "Level 3 right after level 1") +
				item(1, 1, "Sub clause of second: the skipped level counted as 2.1") +
				plain("Unnumbered text between items") +
				item(1, 1, "Sub clause continues after plain text") +
				item(2, 0, "Article one") + item(2, 1, "Section I.A") + item(2, 1, "Section I.B") + item(2, 0, "Article two") + item(2, 1, "Section II.A") +
				item(3, 1, "level 2 before any level 1: start value of level 1 shows") +
				item(3, 0, "level 1 continues from the start value shown above") +
				item(3, 1, "then level 2 restarts"),
		},
		{
			// Two w:num on one abstractNum share counters; a startOverride
			// restarts its level at the first paragraph that uses that num.
			name: "startoverride",
			numbering: absNum(0,
				lvl(0, 1, "decimal", "%1.", ""),
				lvl(1, 1, "lowerLetter", "(%2)", "")) +
				absNum(1, lvl(0, 1, "decimal", "%1)", "")) +
				num(1, 0) +
				num(2, 0, startOverride(0, 1)) +
				num(3, 0) +
				num(4, 0, startOverride(0, 10)) +
				num(5, 1, `<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Part %1"/></w:lvl></w:lvlOverride>`) +
				num(6, 1) +
				absNum(2,
					lvl(0, 1, "decimal", "%1.", ""),
					lvl(1, 1, "lowerLetter", "%1.(%2)", "")) +
				num(7, 2) + num(8, 2, startOverride(0, 1), startOverride(1, 1)) + num(9, 2, startOverride(1, 5)),
			body: item(1, 0, "list one item 1") + item(1, 1, "sub a") + item(1, 0, "list one item 2") + item(1, 0, "list one item 3") +
				item(2, 0, "num 2 restarts at 1") + item(2, 1, "sub a under restarted list") + item(2, 0, "num 2 continues 2") +
				item(1, 0, "num 1 again continues the shared counter: 3") +
				item(3, 0, "num 3 without override continues: 4") +
				item(2, 0, "num 2 used again does not restart: 5") +
				item(4, 0, "num 4 restarts at 10") + item(4, 0, "then 11") +
				item(5, 0, "lvlOverride with a whole w:lvl replaces the level: Part I") + item(5, 0, "Part II") +
				item(6, 0, "num 6 shares abstractNum 1 but not the override: 3)") +
				item(7, 0, "one") + item(7, 1, "a") + item(7, 0, "two") + item(7, 1, "a") + item(7, 1, "b") +
				item(8, 1, "num 8 first used at level 1 restarts level 1") + item(8, 1, "continues") +
				item(8, 0, "the level 0 override is not applied: the first paragraph of num 8 used it up") +
				item(8, 1, "restarts after level 0") +
				item(7, 0, "num 7 continues the shared counter") +
				item(9, 0, "num 9 has an override on level 1 only: level 0 continues") +
				item(9, 1, "first level 1 paragraph of num 9 starts at 5") + item(9, 1, "continues") +
				item(9, 0, "level 0") + item(9, 1, "later restarts use w:start, not the override"),
		},
		{
			// w:lvlRestart: 0 never restarts, N restarts only after levels 1..N.
			name: "lvlrestart",
			numbering: absNum(0,
				lvl(0, 1, "decimal", "%1.", ""),
				lvl(1, 1, "lowerLetter", "(%2)", `<w:lvlRestart w:val="0"/>`)) +
				absNum(1,
					lvl(0, 1, "decimal", "%1.", ""),
					lvl(1, 1, "decimal", "%1.%2", ""),
					lvl(2, 1, "lowerRoman", "(%3)", `<w:lvlRestart w:val="1"/>`)) +
				num(1, 0) + num(2, 1),
			body: item(1, 0, "one") + item(1, 1, "a") + item(1, 1, "b") + item(1, 0, "two") + item(1, 1, "c continues: lvlRestart 0") +
				item(2, 0, "one") + item(2, 1, "one point one") + item(2, 2, "i") + item(2, 2, "ii") +
				item(2, 1, "one point two") + item(2, 2, "iii: not restarted by level 2") +
				item(2, 0, "two") + item(2, 1, "two point one") + item(2, 2, "i: restarted by level 1"),
		},
		{
			// w:isLgl shows every level as decimal.
			name: "islgl",
			numbering: absNum(0,
				lvl(0, 1, "upperRoman", "ARTICLE %1", ""),
				lvl(1, 1, "decimal", "%1.%2", `<w:isLgl/>`),
				lvl(2, 1, "lowerLetter", "%1.%2.%3", ""),
				lvl(3, 1, "lowerLetter", "%1.%2.%3.%4", `<w:isLgl/>`)) +
				num(1, 0),
			body: item(1, 0, "Definitions") + item(1, 1, "legal 1.1") + item(1, 1, "legal 1.2") +
				item(1, 0, "Services") + item(1, 1, "legal 2.1") +
				item(1, 2, "not legal: level 1 in its own format") + item(1, 3, "legal again"),
		},
		{
			// Numbering from paragraph styles and basedOn chains.
			name: "stylelinked",
			styles: normalStyle +
				paraStyle("Heading1", "heading 1", "Normal", numPr(1, 0)+`<w:outlineLvl w:val="0"/>`, `<w:b/>`) +
				paraStyle("Heading2", "heading 2", "Heading1", `<w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/>`, "") +
				paraStyle("Heading3", "heading 3", "Heading2", `<w:outlineLvl w:val="2"/>`, "") +
				paraStyle("ClauseL3", "Clause Level 3", "Normal", numPr(2, -1), "") +
				paraStyle("MyHeading", "My Heading", "Heading1", "", "") +
				paraStyle("Title", "Title", "Normal", "", "") +
				paraStyle("Outline", "Outline Body", "Normal", `<w:outlineLvl w:val="3"/>`, ""),
			numbering: absNum(0,
				lvl(0, 1, "decimal", "%1.", `<w:pStyle w:val="Heading1"/>`),
				lvl(1, 1, "decimal", "%1.%2", `<w:pStyle w:val="Heading2"/>`)) +
				absNum(1,
					lvl(0, 1, "decimal", "%1.", ""),
					lvl(1, 1, "decimal", "%1.%2", ""),
					lvl(2, 1, "lowerLetter", "(%3)", `<w:pStyle w:val="ClauseL3"/>`)) +
				num(1, 0) + num(2, 1),
			body: styled("Title", "Master Agreement") +
				styled("Heading1", "Definitions") +
				styled("Heading2", "Defined terms") +
				styled("ClauseL3", "ilvl from the level whose pStyle names the style") +
				styled("Heading3", "Heading 3 inherits numId and ilvl 1 from Heading 2") +
				para(`<w:pStyle w:val="Heading2"/>`+numPr(0, -1), run("numId 0 on the paragraph cancels style numbering")) +
				styled("Heading2", "Interpretation") +
				styled("MyHeading", "basedOn Heading 1 inherits its numbering") +
				para(`<w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="1"/></w:numPr>`, run("paragraph ilvl overrides the style level")) +
				styled("Outline", "outline level 3 gives heading level 4") +
				para(`<w:outlineLvl w:val="1"/>`, run("direct outline level")) +
				styled("Heading1", ""),
		},
		{
			// The default paragraph style can carry numbering too.
			name: "defaultstyle",
			styles: `<w:style w:type="paragraph" w:default="1" w:styleId="Body"><w:name w:val="Body Numbered"/><w:pPr>` + numPr(1, 0) + `</w:pPr></w:style>` +
				paraStyle("Plain", "Plain", "", "", ""),
			numbering: absNum(0, lvl(0, 1, "decimal", "%1.", "")) + num(1, 0),
			body:      plain("numbered by the default style") + styled("Plain", "not numbered") + plain("numbered again"),
		},
		{
			// numStyleLink: the list's abstractNum links to a numbering style
			// whose numPr names the real list.
			name: "numstylelink",
			styles: normalStyle +
				`<w:style w:type="numbering" w:styleId="LegalList"><w:name w:val="Legal List"/><w:pPr>` + numPr(5, -1) + `</w:pPr></w:style>`,
			numbering: `<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="multilevel"/><w:styleLink w:val="LegalList"/>` +
				lvl(0, 1, "decimal", "%1.", "") + lvl(1, 1, "lowerLetter", "(%2)", "") + `</w:abstractNum>` +
				`<w:abstractNum w:abstractNumId="11"><w:multiLevelType w:val="multilevel"/><w:numStyleLink w:val="LegalList"/></w:abstractNum>` +
				num(5, 10) + num(6, 11),
			body: item(6, 0, "through the link") + item(6, 1, "sub through the link") +
				item(5, 0, "the style's own num shares the counters") + item(6, 0, "and back"),
		},
		{
			// Current-view text: tracked changes, fields, containers, typed numbers.
			name:      "text",
			numbering: absNum(0, lvl(0, 1, "decimal", "%1.", "")) + num(1, 0),
			body: plain("5. Typed numbers stay in the text") +
				para("", run("Keep ")+`<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">`+run("inserted ")+`</w:ins>`+
					`<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">deleted </w:delText></w:r></w:del>`+
					run("text")+
					`<w:moveFrom w:id="3" w:author="A" w:date="2024-01-01T00:00:00Z">`+run(" moved away")+`</w:moveFrom>`+
					`<w:moveTo w:id="4" w:author="A" w:date="2024-01-01T00:00:00Z">`+run(" moved here")+`</w:moveTo>`) +
				item(1, 0, "numbered one") +
				para(numPr(1, 0)+`<w:rPr><w:del w:id="5" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:rPr>`,
					`<w:del w:id="6" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>deleted numbered paragraph</w:delText></w:r></w:del>`) +
				item(1, 0, "numbered two: the deleted paragraph takes no number") +
				para("", run("See Section ")+
					`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \r \h </w:instrText></w:r>`+
					`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`+run("3.2")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`+
					run(" on page ")+
					`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>`+
					`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+
					run("9")+`<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve"> = 1 "one" "many" </w:instrText></w:r>`+
					`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`+run("many")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`+
					run(" and ")+`<w:fldSimple w:instr=" NUMPAGES ">`+run("12")+`</w:fldSimple>`+run(" pages.")) +
				para("", run("Visit ")+`<w:hyperlink r:id="rId9">`+run("the site")+`</w:hyperlink>`+
					`<w:smartTag w:uri="urn:x" w:element="place">`+run(" in Paris")+`</w:smartTag>`+
					`<w:customXml w:element="c">`+run(" today")+`</w:customXml>`+
					`<w:sdt><w:sdtPr><w:alias w:val="Party"/></w:sdtPr><w:sdtContent>`+run(" for Acme")+`</w:sdtContent></w:sdt>`+
					`<w:bdo w:val="ltr">`+run(".")+`</w:bdo>`) +
				`<w:sdt><w:sdtPr><w:tag w:val="block"/></w:sdtPr><w:sdtContent>` +
				plain("Paragraph inside a block content control") + item(1, 0, "numbered inside the control") +
				`</w:sdtContent></w:sdt>` +
				para("", `<w:r><w:t>Tab</w:t><w:tab/><w:t>break</w:t><w:br/><w:t>soft</w:t><w:softHyphen/><w:t>hy`+"\u00ad"+`phen</w:t>`+
					`<w:t xml:space="preserve"> non`+"\u00a0"+`breaking</w:t><w:noBreakHyphen/><w:t xml:space="preserve">hyphen   many    spaces</w:t>`+
					`<w:cr/><w:t>end</w:t><w:sym w:font="Wingdings" w:char="F0E0"/><w:t xml:space="preserve">  </w:t></w:r>`) +
				item(1, 0, "") +
				item(1, 0, "the empty numbered paragraph above still took number 4") +
				para("", `<w:r><w:t> Without xml:space the ends </w:t></w:r><w:r><w:t> of w:t are dropped: </w:t></w:r>`+
					`<w:r><w:t xml:space="preserve">kept </w:t></w:r><w:r><w:t>joined</w:t></w:r>`),
		},
		{
			// A text box stored in both mc:Choice and mc:Fallback is read once,
			// after the paragraph that anchors it.
			name:      "textbox",
			numbering: absNum(0, lvl(0, 1, "decimal", "%1.", "")) + num(1, 0),
			body: item(1, 0, "Before the box") +
				para("", run("Host text ")+`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>`+
					`<wps:wsp><wps:txbx><w:txbxContent>`+item(1, 0, "Box line one: a text box numbers on its own")+plain("Box line two")+`</w:txbxContent></wps:txbx></wps:wsp>`+
					`</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:rect><v:textbox><w:txbxContent>`+
					item(1, 0, "Box line one: a text box numbers on its own")+plain("Box line two")+`</w:txbxContent></v:textbox></v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r>`+
					run("continues after the box")) +
				item(1, 0, "After the box"),
		},
		{
			// Tables: row and cell order, nested tables, content controls around rows.
			name:      "table",
			numbering: absNum(0, lvl(0, 1, "decimal", "%1.", "")) + num(1, 0),
			body: item(1, 0, "before the table") +
				`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>` +
				`<w:tr><w:tc><w:tcPr><w:tcW w:w="4000"/></w:tcPr>` + plain("r0c0") + `</w:tc><w:tc>` + item(1, 0, "r0c1 numbered") + plain("r0c1 second") + `</w:tc></w:tr>` +
				`<w:sdt><w:sdtContent><w:tr><w:tc>` + plain("r1c0 in a row control") + `</w:tc><w:tc>` +
				`<w:tbl><w:tr><w:tc>` + plain("nested r0c0") + `</w:tc><w:tc>` + item(1, 0, "nested numbered") + `</w:tc></w:tr></w:tbl>` +
				plain("") + `</w:tc></w:tr></w:sdtContent></w:sdt>` +
				`</w:tbl>` +
				item(1, 0, "after the table") +
				`<w:tbl><w:tr><w:tc>` + plain("second table") + `</w:tc></w:tr></w:tbl>`,
		},
		{
			// Strict OOXML namespaces with numbering and styles.
			name:   "strict",
			strict: true,
			styles: normalStyle +
				paraStyle("Heading1", "heading 1", "Normal", numPr(1, 0), `<w:b w:val="true"/>`),
			numbering: absNum(0,
				lvl(0, 1, "decimal", "%1.", ""),
				lvl(1, 1, "lowerLetter", "(%2)", "")) + num(1, 0),
			body: styled("Heading1", "Strict heading") + item(1, 1, "strict item") +
				para("", run("Strict ")+`<w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>old </w:delText></w:r></w:del>`+run("text")) +
				styled("Heading1", "Second heading"),
		},
		{
			// Run-in headings: LeadEmphasis is checked in TestLeadEmphasis.
			name: "emphasis",
			styles: normalStyle +
				`<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>`,
			body: para("", bold("Term.")+run(" This Agreement starts today.")) +
				para("", run("5. ")+bold("Governing Law")+run(". New York law applies.")) +
				para("", `<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>Notices:</w:t></w:r>`+run(" in writing.")) +
				para("", `<w:r><w:rPr><w:caps/></w:rPr><w:t>confidentiality.</w:t></w:r>`+run(" Keep it secret.")) +
				para("", run("DEFINITIONS. In this Agreement:")) +
				para("", bold("STANDALONE HEADING")) +
				para("", `<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Styled.</w:t></w:r>`+run(" Character style bold.")) +
				para("", run("Plain text. With a period.")) +
				para("", bold("Bold start")+run(" but no period in the lead.")) +
				para("", `<w:r><w:rPr><w:b w:val="false"/></w:rPr><w:t>Not bold.</w:t></w:r>`+run(" Off is off.")),
		},
	}
}
