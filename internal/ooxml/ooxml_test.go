package ooxml

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"
)

func fixtureNamed(tb testing.TB, name string) fixture {
	tb.Helper()
	for _, fx := range fixtures() {
		if fx.name == name {
			return fx
		}
	}
	tb.Fatalf("no fixture %q", name)
	return fixture{}
}

// checkRuns verifies that the run map covers Text exactly, in order.
func checkRuns(tb testing.TB, p Paragraph) {
	tb.Helper()
	pos, last := 0, -1
	for _, r := range p.Runs {
		if r.Start != pos || r.End <= r.Start || r.End > len(p.Text) || r.Run < last {
			tb.Fatalf("paragraph %d %q: bad run map %v", p.Index, p.Text, p.Runs)
		}
		pos, last = r.End, r.Run
	}
	if pos != len(p.Text) {
		tb.Fatalf("paragraph %d %q: run map %v does not cover the text", p.Index, p.Text, p.Runs)
	}
}

func TestRunMapInvariant(t *testing.T) {
	for _, fx := range fixtures() {
		for _, p := range bodyOf(t, fx.docx(t)) {
			checkRuns(t, p)
		}
	}
}

func TestRunMap(t *testing.T) {
	paras := bodyOf(t, fixtureNamed(t, "text").docx(t))
	tests := []struct {
		para int
		want []RunSpan
	}{
		// "Keep " "inserted " <del run 2> "text" <moveFrom run 4> " moved here"
		{1, []RunSpan{{0, 0, 5}, {1, 5, 14}, {3, 14, 18}, {5, 18, 29}}},
		// "See Section " begin instr separate "3.2" end " on page " ... the
		// IF field's result "many" is run 16, fldSimple's run is 19.
		{5, []RunSpan{{0, 0, 12}, {4, 12, 15}, {6, 15, 24}, {16, 24, 28}, {18, 28, 33}, {19, 33, 35}, {20, 35, 42}}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.para), func(t *testing.T) {
			p := paras[tt.para]
			if !reflect.DeepEqual(p.Runs, tt.want) {
				t.Errorf("paragraph %d %q: runs %v, want %v", tt.para, p.Text, p.Runs, tt.want)
			}
		})
	}
}

func TestLeadEmphasis(t *testing.T) {
	paras := bodyOf(t, fixtureNamed(t, "emphasis").docx(t))
	want := []struct {
		lead string
	}{
		{"Term."},
		{"5. Governing Law."},
		{"Notices:"},
		{"confidentiality."},
		{"DEFINITIONS."},
		{"STANDALONE HEADING"},
		{"Styled."},
		{""}, // plain text
		{""}, // bold start without a period
		{""}, // w:b val="false"
	}
	if len(paras) != len(want) {
		t.Fatalf("%d paragraphs, want %d", len(paras), len(want))
	}
	for i, w := range want {
		p := paras[i]
		if got := p.Text[:p.LeadEmphasis]; got != w.lead {
			t.Errorf("paragraph %d %q: lead %q, want %q", i, p.Text, got, w.lead)
		}
	}
}

func TestIndexAndTable(t *testing.T) {
	type pos struct {
		index, table, row, cell int
		text                    string
	}
	tests := []struct {
		fixture string
		want    []pos
	}{
		{"textbox", []pos{
			{0, 0, 0, 0, "Before the box"},
			{1, 0, 0, 0, "Host text continues after the box"},
			{2, 0, 0, 0, "Box line one: a text box numbers on its own"},
			{3, 0, 0, 0, "Box line two"},
			// 4 and 5 are the same lines in mc:Fallback, counted but not read.
			{6, 0, 0, 0, "After the box"},
		}},
		{"table", []pos{
			{0, 0, 0, 0, "before the table"},
			{1, 1, 0, 0, "r0c0"},
			{2, 1, 0, 1, "r0c1 numbered"},
			{3, 1, 0, 1, "r0c1 second"},
			{4, 1, 1, 0, "r1c0 in a row control"},
			{5, 1, 1, 1, "nested r0c0"},
			{6, 1, 1, 1, "nested numbered"},
			{7, 1, 1, 1, ""},
			{8, 0, 0, 0, "after the table"},
			{9, 2, 0, 0, "second table"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			var got []pos
			for _, p := range bodyOf(t, fixtureNamed(t, tt.fixture).docx(t)) {
				got = append(got, pos{p.Index, p.Table, p.Row, p.Cell, p.Text})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestParagraphFields(t *testing.T) {
	paras := bodyOf(t, fixtureNamed(t, "stylelinked").docx(t))
	got := paras[2]
	want := Paragraph{Index: 2, Text: "Defined terms", Runs: []RunSpan{{0, 0, 13}}, Style: "Heading2",
		Number: "1.1", NumLevel: 2, NumFormat: "decimal", NumList: "0", HeadingLevel: 2, LeadEmphasis: 13}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestPackageInfo(t *testing.T) {
	tests := []struct {
		fixture string
		strict  bool
	}{
		{"strict", true},
		{"text", false},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			p := openBytes(t, fixtureNamed(t, tt.fixture).docx(t))
			if p.Strict() != tt.strict {
				t.Errorf("Strict() = %v, want %v", p.Strict(), tt.strict)
			}
			if p.MainPart() != "word/document.xml" {
				t.Errorf("MainPart() = %q", p.MainPart())
			}
		})
	}
}

func TestMainPartLocation(t *testing.T) {
	doc := `<w:document xmlns:w="` + nsW + `"><w:body><w:p><w:r><w:t>hi</w:t></w:r></w:p></w:body></w:document>`
	rels := func(target string) string {
		return `<Relationships xmlns="` + nsPkgRels + `"><Relationship Id="rId1" Type="` + relTransitional +
			`officeDocument" Target="` + target + `"/></Relationships>`
	}
	tests := []struct {
		name  string
		parts [][2]string
		main  string
	}{
		{"relationship", [][2]string{{"_rels/.rels", rels("/content/main.xml")}, {"content/main.xml", doc}}, "content/main.xml"},
		{"no rels", [][2]string{{"word/document.xml", doc}}, "word/document.xml"},
		{"dangling rel", [][2]string{{"_rels/.rels", rels("word/missing.xml")}, {"word/document.xml", doc}}, "word/document.xml"},
		{"content types", [][2]string{{"[Content_Types].xml", `<Types xmlns="` + nsCT + `"><Override PartName="/doc/x.xml" ` +
			`ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
			{"doc/x.xml", doc}}, "doc/x.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := openBytes(t, zipParts(t, tt.parts))
			if p.MainPart() != tt.main {
				t.Errorf("MainPart() = %q, want %q", p.MainPart(), tt.main)
			}
			paras, err := p.Body()
			if err != nil || len(paras) != 1 || paras[0].Text != "hi" {
				t.Errorf("Body() = %v, %v", paras, err)
			}
		})
	}
}

// rawZip writes one entry with a header that claims size bytes of content
// while the deflated data holds data.
func rawZip(tb testing.TB, name string, data []byte, size uint64) []byte {
	tb.Helper()
	var comp bytes.Buffer
	zw := zip.NewWriter(&comp)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "x", Method: zip.Deflate})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(data)
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(comp.Bytes()), int64(comp.Len()))
	if err != nil {
		tb.Fatal(err)
	}
	raw, err := zr.File[0].OpenRaw()
	if err != nil {
		tb.Fatal(err)
	}
	var rawBytes bytes.Buffer
	rawBytes.ReadFrom(raw)

	var out bytes.Buffer
	zw = zip.NewWriter(&out)
	w, err = zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
		CompressedSize64: uint64(rawBytes.Len()), UncompressedSize64: size,
	})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(rawBytes.Bytes())
	zw.Close()
	return out.Bytes()
}

func TestOpenErrors(t *testing.T) {
	good := fixtureNamed(t, "text").docx(t)
	bigDoc := `<w:document xmlns:w="` + nsW + `"><w:body>` + strings.Repeat(" ", 3<<20) + `</w:body></w:document>`
	withPart := func(name, content string) []byte {
		parts := fixtureNamed(t, "stylelinked").parts()
		for i := range parts {
			if parts[i][0] == name {
				parts[i][1] = content
			}
		}
		return zipParts(t, parts)
	}
	corrupt := zipParts(t, [][2]string{{"word/document.xml", bigDoc}})
	if i := bytes.Index(corrupt, []byte("word/document.xml")); i >= 0 {
		corrupt[i+len("word/document.xml")+40] ^= 0xff // inside the deflated data
	}
	many := make([][2]string, 30)
	for i := range many {
		many[i] = [2]string{fmt.Sprintf("f%d.xml", i), "<x/>"}
	}
	tests := []struct {
		name    string
		data    []byte
		size    int64 // 0: len(data)
		lim     Limits
		want    error
		wantMsg string // full error text, when stable
	}{
		{name: "not a zip", data: []byte("hello, world"), want: ErrFormat,
			wantMsg: "ooxml: not a valid zip package: zip: not a valid zip file"},
		{name: "empty", data: nil, want: ErrFormat},
		{name: "truncated", data: good[:len(good)/2], want: ErrFormat},
		{name: "truncated end", data: good[:len(good)-10], want: ErrFormat},
		{name: "no document", data: zipParts(t, [][2]string{{"foo.txt", "hi"}}), want: ErrNoDocument,
			wantMsg: "ooxml: no word/document.xml"},
		{name: "over MaxBytes", data: good, lim: Limits{MaxBytes: 100}, want: ErrLimit,
			wantMsg: fmt.Sprintf("ooxml: size limit exceeded: package of %d bytes exceeds MaxBytes (100)", len(good))},
		{name: "bomb over MaxPartBytes", data: zipParts(t, [][2]string{{"word/document.xml", bigDoc}}),
			lim: Limits{MaxPartBytes: 1 << 20}, want: ErrLimit,
			wantMsg: "ooxml: size limit exceeded: part word/document.xml exceeds MaxPartBytes (1048576)"},
		{name: "bomb with lying header", data: rawZip(t, "word/document.xml", []byte(bigDoc), 200),
			lim: Limits{MaxPartBytes: 1 << 20}, want: ErrFormat},
		{name: "bomb with lying header over limit", data: rawZip(t, "word/document.xml", []byte(bigDoc), 1<<10),
			lim: Limits{MaxPartBytes: 1 << 9}, want: ErrLimit},
		{name: "over MaxTotalBytes", data: good, lim: Limits{MaxTotalBytes: 2000}, want: ErrLimit},
		{name: "too many parts", data: zipParts(t, many), lim: Limits{MaxParts: 10}, want: ErrLimit,
			wantMsg: "ooxml: size limit exceeded: 30 zip entries exceed MaxParts (10)"},
		{name: "corrupt entry", data: corrupt, want: ErrFormat},
		{name: "doctype", data: withPart("word/document.xml", `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "b">]><w:document/>`),
			want: ErrDTD, wantMsg: "ooxml: XML with a DTD or entity declaration: part word/document.xml"},
		{name: "entity in styles", data: withPart("word/styles.xml", `<!ENTITY lol "lol"><w:styles/>`), want: ErrDTD},
		{name: "lower-case doctype in numbering", data: withPart("word/numbering.xml", `<!doctype x><w:numbering/>`), want: ErrDTD},
		{name: "malformed document", data: withPart("word/document.xml", `<w:document xmlns:w="`+nsW+`"><w:body>`), want: ErrFormat},
		{name: "malformed numbering", data: withPart("word/numbering.xml", `<w:numbering><w:num></w:numbering>`), want: ErrFormat},
		{name: "undefined entity", data: withPart("word/document.xml", `<w:document xmlns:w="`+nsW+`">&foo;</w:document>`), want: ErrFormat},
		{name: "not a document", data: withPart("word/document.xml", `<html/>`), want: ErrFormat,
			wantMsg: "ooxml: not a valid zip package: part word/document.xml: root element is not w:document"},
		{name: "malformed rels", data: withPart("_rels/.rels", `<Relationships`), want: ErrFormat},
		{name: "negative size", data: good, size: -1, want: ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			size := tt.size
			if size == 0 {
				size = int64(len(tt.data))
			}
			p, err := Open(bytes.NewReader(tt.data), size, tt.lim)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Open() error = %v, want %v", err, tt.want)
			}
			if p != nil {
				t.Errorf("Open() returned a package with error %v", err)
			}
			if tt.wantMsg != "" && err.Error() != tt.wantMsg {
				t.Errorf("error text\n got  %q\n want %q", err.Error(), tt.wantMsg)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n      int
		format string
		width  int
		want   string
	}{
		{1, "decimal", 0, "1"},
		{7, "decimalZero", 0, "07"},
		{12, "decimalZero", 0, "12"},
		{7, "decimalZero", 3, "007"},
		{1, "lowerLetter", 0, "a"},
		{26, "lowerLetter", 0, "z"},
		{27, "lowerLetter", 0, "aa"},
		{53, "upperLetter", 0, "AAA"},
		{0, "lowerLetter", 0, "0"},
		{4, "lowerRoman", 0, "iv"},
		{1994, "upperRoman", 0, "MCMXCIV"},
		{0, "upperRoman", 0, "0"},
		{11, "ordinal", 0, "11th"},
		{22, "ordinal", 0, "22nd"},
		{103, "ordinal", 0, "103rd"},
		{21, "cardinalText", 0, "Twenty-one"},
		{100, "cardinalText", 0, "One hundred"},
		{12, "ordinalText", 0, "Twelfth"},
		{42, "ordinalText", 0, "Forty-second"},
		{3, "decimalEnclosedCircle", 0, "③"},
		{25, "decimalEnclosedCircle", 0, "25"},
		{5, "chicago", 0, "**"},
		{3, "none", 0, ""},
		{9, "somethingNew", 0, "9"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.n, tt.format, tt.width); got != tt.want {
			t.Errorf("formatNumber(%d, %q, %d) = %q, want %q", tt.n, tt.format, tt.width, got, tt.want)
		}
	}
}

func TestBulletText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\uf0b7", "•"},
		{"\uf0a7", "▪"},
		{"o", "o"},
		{"\uf0d8", "➢"},
		{"\uf0e8", "•"}, // unknown private-use character
		{"–", "–"},
	}
	for _, tt := range tests {
		if got := bulletText(tt.in); got != tt.want {
			t.Errorf("bulletText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func ExamplePackage_Body() {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t>Fees.</w:t></w:r><w:r><w:t xml:space="preserve"> Customer pays </w:t></w:r>` +
		`<w:del w:id="1" w:author="A"><w:r><w:delText>late</w:delText></w:r></w:del><w:r><w:t>monthly.</w:t></w:r></w:p>` +
		`</w:body></w:document>`))
	zw.Close()

	p, err := Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	paras, _ := p.Body()
	for _, para := range paras {
		fmt.Printf("%d %q %v\n", para.Index, para.Text, para.Runs)
	}
	// Output:
	// 0 "Fees. Customer pays monthly." [{0 0 5} {1 5 20} {3 20 28}]
}

// TestBodyRepeatable checks that Body recomputes numbering from scratch and
// leaves the package unchanged.
func TestBodyRepeatable(t *testing.T) {
	p := openBytes(t, fixtureNamed(t, "startoverride").docx(t))
	first, err := p.Body()
	if err != nil {
		t.Fatal(err)
	}
	second, err := p.Body()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, second) {
		t.Errorf("second Body() differs from the first")
	}
}
