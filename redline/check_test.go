package redline

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode"

	"github.com/beevik/etree"
)

// rdZip returns the entries of a zip in order, uncompressed.
func rdZip(tb testing.TB, data []byte) (names []string, parts map[string][]byte, raw map[string][]byte) {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	parts, raw = map[string][]byte{}, map[string][]byte{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		parts[f.Name], _ = io.ReadAll(rc)
		rc.Close()
		rr, err := f.OpenRaw()
		if err != nil {
			tb.Fatal(err)
		}
		raw[f.Name], _ = io.ReadAll(rr)
	}
	return names, parts, raw
}

// rdParas reads document.xml with etree and returns the normalised text of
// every body w:p in document order with all tracked changes accepted or
// rejected; a paragraph whose mark is gone in that view is joined with the next.
func rdParas(tb testing.TB, docXML []byte, accept bool) []string {
	tb.Helper()
	texts, gone := rdParaViews(tb, docXML, accept)
	return rdMerge(texts, gone)
}

// rdMerge joins every paragraph whose mark is gone with the next and
// normalises the texts.
func rdMerge(texts []string, gone []bool) []string {
	var out []string
	var join strings.Builder
	for i, t := range texts {
		join.WriteString(t)
		if !gone[i] {
			out = append(out, rdNorm(join.String()))
			join.Reset()
		}
	}
	if join.Len() > 0 {
		out = append(out, rdNorm(join.String()))
	}
	return out
}

// rdParaViews returns the raw text of every w:p by ordinal in the accepted
// or rejected view, and whether its mark is gone in that view.
func rdParaViews(tb testing.TB, docXML []byte, accept bool) (texts []string, gone []bool) {
	tb.Helper()
	d := etree.NewDocument()
	if err := d.ReadFromBytes(docXML); err != nil {
		tb.Fatal(err)
	}
	var text func(e *etree.Element, b *strings.Builder)
	text = func(e *etree.Element, b *strings.Builder) {
		for _, c := range e.ChildElements() {
			switch paLocal(c) {
			case "p", "txbxContent", "pPr", "rPr", "instrText", "delInstrText":
				continue
			case "del", "moveFrom":
				if accept {
					continue
				}
			case "ins", "moveTo":
				if !accept {
					continue
				}
			case "t", "delText":
				s := c.Text()
				if !paPreserve(c) {
					s = strings.Trim(s, " \t\r\n")
				}
				b.WriteString(s)
				continue
			case "tab", "br", "cr", "ptab":
				b.WriteByte(' ')
				continue
			case "noBreakHyphen":
				b.WriteByte('-')
				continue
			}
			text(c, b)
		}
	}
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		for _, c := range e.ChildElements() {
			if paLocal(c) == "p" {
				var b strings.Builder
				text(c, &b)
				texts = append(texts, b.String())
				gone = append(gone, rdMarkGone(c, accept))
			}
			walk(c)
		}
	}
	walk(d.Root())
	return texts, gone
}

// rdMarkGone reports whether paragraph p's mark is gone in the view: deleted
// when accepting, inserted when rejecting.
func rdMarkGone(p *etree.Element, accept bool) bool {
	pPr := paChild(p, "pPr")
	if pPr == nil {
		return false
	}
	rPr := paChild(pPr, "rPr")
	if rPr == nil {
		return false
	}
	for _, c := range rPr.ChildElements() {
		switch paLocal(c) {
		case "del", "moveFrom":
			if accept {
				return true
			}
		case "ins", "moveTo":
			if !accept {
				return true
			}
		}
	}
	return false
}

// rdNorm collapses white space and drops soft hyphens, as extract does.
func rdNorm(s string) string {
	s = strings.ReplaceAll(s, "\u00ad", "")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) }), " ")
}

// rdStructure checks the invariants of a redlined package against the
// original: untouched entries byte-identical, parts well-formed, root start
// tag kept, no nested revisions, no w:t in deletions, new ids unique, every
// new comment referenced once with its range, relationships and content types
// consistent. strictIDs also requires every id in the package to be unique.
func rdStructure(tb testing.TB, orig, out []byte, author string, strictIDs bool) {
	tb.Helper()
	on, op, oraw := rdZip(tb, orig)
	nn, np, nraw := rdZip(tb, out)
	mayChange := map[string]bool{"word/document.xml": true, "word/comments.xml": true, "word/_rels/document.xml.rels": true, "[Content_Types].xml": true}
	if len(nn) < len(on) {
		tb.Fatalf("entries %v, want at least %v", nn, on)
	}
	for i, name := range on {
		if nn[i] != name {
			tb.Errorf("entry %d is %s, want %s", i, nn[i], name)
			continue
		}
		if !mayChange[name] && !bytes.Equal(oraw[name], nraw[name]) {
			tb.Errorf("entry %s changed", name)
		}
	}
	for _, name := range nn[len(on):] {
		if !mayChange[name] {
			tb.Errorf("unexpected new entry %s", name)
		}
	}
	docs := map[string]*etree.Document{}
	for _, name := range nn {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			d := etree.NewDocument()
			if err := d.ReadFromBytes(np[name]); err != nil {
				tb.Errorf("%s is not well-formed: %v", name, err)
				continue
			}
			docs[name] = d
		}
	}
	startTag := func(b []byte) string {
		i := bytes.Index(b, []byte("<w:document"))
		if i < 0 {
			return ""
		}
		return string(b[:i+bytes.IndexByte(b[i:], '>')+1])
	}
	if a, b := startTag(op["word/document.xml"]), startTag(np["word/document.xml"]); a != b {
		tb.Errorf("document start changed:\n%s\n%s", a, b)
	}
	doc := docs["word/document.xml"]
	if doc == nil {
		tb.Fatal("no document.xml")
	}
	// Revisions: not nested; deletions hold no w:t; ids.
	ids := map[string]int{}
	ours := map[string]bool{}
	refs, starts, ends := map[string]int{}, map[string]int{}, map[string]int{}
	var walk func(e *etree.Element, inRev string)
	walk = func(e *etree.Element, inRev string) {
		for _, c := range e.ChildElements() {
			id := paAttr(c, "id")
			switch l := paLocal(c); l {
			case "ins", "del", "moveFrom", "moveTo":
				if inRev != "" && e.Tag != "rPr" {
					tb.Errorf("w:%s %s nested in w:%s", l, id, inRev)
				}
				if e.Tag != "rPr" {
					ids[id]++
					if paAttr(c, "author") == author {
						ours[id] = true
					}
					walk(c, l)
					continue
				}
			case "t":
				if inRev == "del" || inRev == "moveFrom" {
					tb.Errorf("w:t %q inside a deletion", c.Text())
				}
			case "bookmarkStart":
				ids[id]++
			case "commentReference":
				refs[id]++
			case "commentRangeStart":
				starts[id]++
			case "commentRangeEnd":
				ends[id]++
			}
			walk(c, inRev)
		}
	}
	walk(doc.Root(), "")
	if cd := docs["word/comments.xml"]; cd != nil {
		for _, c := range cd.Root().ChildElements() {
			id := paAttr(c, "id")
			ids[id]++
			if paAttr(c, "author") == author {
				ours[id] = true
			}
			if ours[id] || strictIDs {
				if refs[id] != 1 || starts[id] != 1 || ends[id] != 1 {
					tb.Errorf("comment %s: %d references, %d range starts, %d range ends; want 1 each", id, refs[id], starts[id], ends[id])
				}
			}
		}
		rels := string(np["word/_rels/document.xml.rels"])
		if !strings.Contains(rels, pkRelComments) || !(strings.Contains(rels, `Target="comments.xml"`) || strings.Contains(rels, `Target="/word/comments.xml"`)) {
			tb.Errorf("comments.xml has no relationship: %s", rels)
		}
		if ct := string(np["[Content_Types].xml"]); !strings.Contains(ct, `PartName="/word/comments.xml"`) || !strings.Contains(ct, pkTypeComments) {
			tb.Errorf("comments.xml has no content type")
		}
	}
	for id, n := range ids {
		if n > 1 && (ours[id] || strictIDs) {
			tb.Errorf("w:id %s used %d times", id, n)
		}
	}
}

// rdDiff describes the first difference between two paragraph lists.
func rdDiff(a, b []string) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d paragraphs, want %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			return fmt.Sprintf("paragraph %d:\n got %q\nwant %q", i, a[i], b[i])
		}
	}
	return ""
}

// rdFirstDiff shows the first difference between two long strings in context.
func rdFirstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-80, 0)
	return fmt.Sprintf("at byte %d:\n got …%s…\nwant …%s…", i, got[from:min(i+80, len(got))], want[from:min(i+80, len(want))])
}
