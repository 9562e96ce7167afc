package redline

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/clm-engine/clm/extract"
)

// Package-level names.
const (
	pkRelComments  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
	pkTypeComments = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
	pkRelOffice    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)

// pkPackage is the package being redlined.
type pkPackage struct {
	zr     *zip.Reader
	main   string // main document part name
	data   []byte // its original bytes
	doc    *etree.Document
	paras  []*etree.Element // body w:p in document order
	ranges [][2]int         // their byte ranges in data
	touch_ map[int]bool
	after  map[int][]*etree.Element // new paragraphs to write after a paragraph
	before map[int][]*etree.Element // new paragraphs to write before a paragraph
	nextID int

	comments   *etree.Document // comments part, created or read on first comment
	commentsAt string          // its part name
	newComment bool            // the comments part is new
	relsPart   string
}

// pkRead reads the zip entry name, nil when absent.
func (pk *pkPackage) read(name string) ([]byte, error) {
	for _, f := range pk.zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return nil, fmt.Errorf("%w: %s: %v", ErrFormat, name, err)
			}
			defer rc.Close()
			b, err := io.ReadAll(io.LimitReader(rc, 256<<20))
			if err != nil {
				return nil, fmt.Errorf("%w: %s: %v", ErrFormat, name, err)
			}
			return b, nil
		}
	}
	return nil, nil
}

// pkIDAttr matches id attributes with a numeric value in any part.
var pkIDAttr = regexp.MustCompile(`\s(?:[A-Za-z_][\w.-]*:)?id="(\d{1,9})"`)

func pkOpen(doc *extract.Document) (*pkPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(doc.Source), int64(len(doc.Source)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	pk := &pkPackage{zr: zr, main: "word/document.xml", touch_: map[int]bool{}, after: map[int][]*etree.Element{}, before: map[int][]*etree.Element{}}
	for _, b := range doc.Blocks {
		if b.Anchor.Part != "" {
			pk.main = b.Anchor.Part
			break
		}
	}
	pk.data, err = pk.read(pk.main)
	if err != nil {
		return nil, err
	}
	if pk.data == nil {
		return nil, fmt.Errorf("%w: no %s", ErrFormat, pk.main)
	}
	pk.doc = etree.NewDocument()
	if err := pk.doc.ReadFromBytes(pk.data); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, pk.main, err)
	}
	root := pk.doc.Root()
	if root == nil || root.NamespaceURI() != nsW {
		return nil, fmt.Errorf("%w: %s is not a Transitional WordprocessingML document", ErrFormat, pk.main)
	}
	var body *etree.Element
	for _, c := range root.ChildElements() {
		if paLocal(c) == "body" {
			body = c
			break
		}
	}
	if body != nil {
		var walk func(e *etree.Element)
		walk = func(e *etree.Element) {
			for _, c := range e.ChildElements() {
				if paLocal(c) == "p" {
					pk.paras = append(pk.paras, c)
				}
				walk(c)
			}
		}
		walk(body)
	}
	pk.ranges, err = pkParaRanges(pk.data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, pk.main, err)
	}
	if len(pk.ranges) != len(pk.paras) {
		return nil, fmt.Errorf("%w: %s: %d paragraphs read twice as %d", ErrFormat, pk.main, len(pk.paras), len(pk.ranges))
	}
	// Ids: one space over bookmarks, revisions and comments in every part.
	maxID := -1
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		b, err := pk.read(f.Name)
		if err != nil {
			return nil, err
		}
		for _, m := range pkIDAttr.FindAllSubmatch(b, -1) {
			if v, err := strconv.Atoi(string(m[1])); err == nil && v > maxID {
				maxID = v
			}
		}
	}
	pk.nextID = maxID + 1
	pk.relsPart = path.Join(path.Dir(pk.main), "_rels", path.Base(pk.main)+".rels")
	return pk, nil
}

// pkParaRanges returns the byte range of every w:p inside w:body, in document order.
func pkParaRanges(data []byte) ([][2]int, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out [][2]int
	type open struct {
		para  int // index into out, -1 when not a w:p
		body  bool
		local string
	}
	var stack []open
	inBody := 0
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			o := open{para: -1}
			isW := t.Name.Space == nsW
			if isW && t.Name.Local == "body" && len(stack) == 1 {
				o.body = true
				inBody++
			} else if isW && t.Name.Local == "p" && inBody > 0 {
				o.para = len(out)
				out = append(out, [2]int{off, -1})
			}
			stack = append(stack, o)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errors.New("unbalanced XML")
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if o.para >= 0 {
				out[o.para][1] = int(d.InputOffset())
			}
			if o.body {
				inBody--
			}
		}
	}
	return out, nil
}

// para returns body paragraph i, nil when absent.
func (pk *pkPackage) para(i int) *etree.Element {
	if i < 0 || i >= len(pk.paras) {
		return nil
	}
	return pk.paras[i]
}

// touch marks paragraph i for re-serialisation.
func (pk *pkPackage) touch(i int) { pk.touch_[i] = true }

var pkWrite = etree.WriteSettings{CanonicalText: true, CanonicalAttrVal: true}

// insertAfter adds the new paragraphs ps after body paragraph i, in the
// tree and in the output.
func (pk *pkPackage) insertAfter(i int, ps []*etree.Element) {
	p := pk.paras[i]
	at := p.Index() + 1
	for k, n := range ps {
		p.Parent().InsertChildAt(at+k, n)
	}
	pk.after[i] = append(pk.after[i], ps...)
}

// insertBefore adds the new paragraphs ps before body paragraph i, in the
// tree and in the output.
func (pk *pkPackage) insertBefore(i int, ps []*etree.Element) {
	p := pk.paras[i]
	at := p.Index()
	for k, n := range ps {
		p.Parent().InsertChildAt(at+k, n)
	}
	pk.before[i] = append(pk.before[i], ps...)
}

// nextBodyPara returns the ordinal of the first paragraph of the body that
// follows the body-level element (table, content control) holding p, -1
// when another element comes first or there is none.
func (pk *pkPackage) nextBodyPara(p *etree.Element) int {
	top := p
	for top.Parent() != nil && paLocal(top.Parent()) != "body" {
		top = top.Parent()
	}
	body := top.Parent()
	if body == nil {
		return -1
	}
	for k := top.Index() + 1; k < len(body.Child); k++ {
		el, ok := body.Child[k].(*etree.Element)
		if !ok {
			continue
		}
		switch paLocal(el) {
		case "bookmarkStart", "bookmarkEnd", "proofErr":
			continue
		case "p":
			for o := range pk.paras {
				if pk.paras[o] == el {
					return o
				}
			}
		}
		return -1
	}
	return -1
}

// mainXML splices the touched paragraphs and the new ones into the original bytes.
func (pk *pkPackage) mainXML() []byte {
	ords := make([]int, 0, len(pk.touch_)+len(pk.after))
	for o := range pk.touch_ {
		ords = append(ords, o)
	}
	for o := range pk.after {
		if !pk.touch_[o] {
			ords = append(ords, o)
		}
	}
	for o := range pk.before {
		if _, ok := pk.after[o]; !ok && !pk.touch_[o] {
			ords = append(ords, o)
		}
	}
	sort.Ints(ords)
	var out bytes.Buffer
	out.Grow(len(pk.data) + len(pk.data)/8)
	pos := 0
	for _, o := range ords {
		r := pk.ranges[o]
		if r[0] < pos {
			continue // inside a paragraph already written
		}
		out.Write(pk.data[pos:r[0]])
		for _, p := range pk.before[o] {
			p.WriteTo(&out, &pkWrite)
		}
		if pk.touch_[o] {
			pk.paras[o].WriteTo(&out, &pkWrite)
		} else {
			out.Write(pk.data[r[0]:r[1]])
		}
		pos = r[1]
		for _, p := range pk.after[o] {
			p.WriteTo(&out, &pkWrite)
		}
	}
	out.Write(pk.data[pos:])
	return out.Bytes()
}

// addComment appends comment id with paragraphs text to the comments part.
func (pk *pkPackage) addComment(id int, opt Options, text []string) {
	if pk.comments == nil {
		pk.openComments()
	}
	root := pk.comments.Root()
	pre := root.Space
	q := func(s string) string {
		if pre == "" {
			return s
		}
		return pre + ":" + s
	}
	c := root.CreateElement(q("comment"))
	c.CreateAttr(q("id"), strconv.Itoa(id))
	c.CreateAttr(q("author"), opt.Author)
	c.CreateAttr(q("date"), opt.Date.Format("2006-01-02T15:04:05Z"))
	c.CreateAttr(q("initials"), pkInitials(opt.Author))
	for i, s := range text {
		p := c.CreateElement(q("p"))
		p.CreateElement(q("pPr")).CreateElement(q("pStyle")).CreateAttr(q("val"), "CommentText")
		if i == 0 {
			r := p.CreateElement(q("r"))
			r.CreateElement(q("rPr")).CreateElement(q("rStyle")).CreateAttr(q("val"), "CommentReference")
			r.CreateElement(q("annotationRef"))
		}
		t := p.CreateElement(q("r")).CreateElement(q("t"))
		t.CreateAttr("xml:space", "preserve")
		t.SetText(rlClean(s))
	}
}

func pkInitials(author string) string {
	var b strings.Builder
	for _, f := range strings.Fields(author) {
		for _, r := range f {
			b.WriteRune(r)
			break
		}
	}
	if b.Len() == 0 {
		return "C"
	}
	return strings.ToUpper(b.String())
}

const pkCommentsNew = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"></w:comments>`

// openComments finds the comments part through the document relationships,
// or prepares a new one.
func (pk *pkPackage) openComments() {
	pk.comments = etree.NewDocument()
	rels, _ := pk.read(pk.relsPart)
	if rels != nil {
		rd := etree.NewDocument()
		if rd.ReadFromBytes(rels) == nil && rd.Root() != nil {
			for _, rel := range rd.Root().ChildElements() {
				if rel.Tag == "Relationship" && rel.SelectAttrValue("Type", "") == pkRelComments && rel.SelectAttrValue("TargetMode", "") != "External" {
					pk.commentsAt = pkResolve(pk.main, rel.SelectAttrValue("Target", ""))
					break
				}
			}
		}
	}
	if pk.commentsAt != "" {
		if b, err := pk.read(pk.commentsAt); err == nil && b != nil && pk.comments.ReadFromBytes(b) == nil && pk.comments.Root() != nil {
			return
		}
	}
	pk.comments = etree.NewDocument()
	_ = pk.comments.ReadFromString(pkCommentsNew)
	pk.newComment = true
	if pk.commentsAt == "" {
		pk.commentsAt = path.Join(path.Dir(pk.main), "comments.xml")
		for pk.exists(pk.commentsAt) {
			pk.commentsAt = strings.TrimSuffix(pk.commentsAt, ".xml") + "1.xml"
		}
	}
}

func (pk *pkPackage) exists(name string) bool {
	for _, f := range pk.zr.File {
		if f.Name == name {
			return true
		}
	}
	return false
}

// pkResolve resolves a relationship target of part source to a part name.
func pkResolve(source, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return path.Join(path.Dir(source), target)
}

// pkInsertBefore inserts ins before the last closing tag of data.
func pkInsertBefore(data []byte, ins string) ([]byte, error) {
	i := bytes.LastIndex(data, []byte("</"))
	if i < 0 {
		return nil, errors.New("no closing tag")
	}
	out := make([]byte, 0, len(data)+len(ins))
	out = append(out, data[:i]...)
	out = append(out, ins...)
	return append(out, data[i:]...), nil
}

var pkRID = regexp.MustCompile(`Id="rId(\d+)"`)

// write assembles the package: changed parts re-serialised, every other entry copied raw.
func (pk *pkPackage) write() ([]byte, error) {
	changed := map[string][]byte{}
	if len(pk.touch_) > 0 || len(pk.after) > 0 || len(pk.before) > 0 {
		changed[pk.main] = pk.mainXML()
	}
	var added []string
	if pk.comments != nil {
		var b bytes.Buffer
		pk.comments.WriteSettings = pkWrite
		if _, err := pk.comments.WriteTo(&b); err != nil {
			return nil, fmt.Errorf("%w: comments: %v", ErrFormat, err)
		}
		changed[pk.commentsAt] = b.Bytes()
		if pk.newComment {
			if !pk.exists(pk.commentsAt) {
				added = append(added, pk.commentsAt)
			}
			if err := pk.wireComments(changed); err != nil {
				return nil, err
			}
		}
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range pk.zr.File {
		data, ok := changed[f.Name]
		if !ok {
			if err := zw.Copy(f); err != nil {
				return nil, fmt.Errorf("%w: copy %s: %v", ErrFormat, f.Name, err)
			}
			continue
		}
		if err := pkCreate(zw, &zip.FileHeader{Name: f.Name, Method: f.Method, Modified: f.Modified,
			Comment: f.Comment, ExternalAttrs: f.ExternalAttrs, CreatorVersion: f.CreatorVersion}, data); err != nil {
			return nil, err
		}
	}
	for _, name := range added {
		if err := pkCreate(zw, &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: pkModified(pk.zr)}, changed[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return buf.Bytes(), nil
}

func pkModified(zr *zip.Reader) (t0 time.Time) {
	for _, f := range zr.File {
		if f.Name != "" {
			return f.Modified
		}
	}
	return t0
}

func pkCreate(zw *zip.Writer, h *zip.FileHeader, data []byte) error {
	w, err := zw.CreateHeader(h)
	if err == nil {
		_, err = w.Write(data)
	}
	if err != nil {
		return fmt.Errorf("%w: write %s: %v", ErrFormat, h.Name, err)
	}
	return nil
}

// wireComments adds the relationship and the content type of a new comments part.
func (pk *pkPackage) wireComments(changed map[string][]byte) error {
	rels, err := pk.read(pk.relsPart)
	if err != nil {
		return err
	}
	if rels == nil {
		return fmt.Errorf("%w: no %s", ErrFormat, pk.relsPart)
	}
	if !bytes.Contains(rels, []byte(pkRelComments)) {
		n := 0
		for _, m := range pkRID.FindAllSubmatch(rels, -1) {
			if v, err := strconv.Atoi(string(m[1])); err == nil && v > n {
				n = v
			}
		}
		target, _ := strings.CutPrefix(pk.commentsAt, path.Dir(pk.main)+"/")
		rel := fmt.Sprintf(`<Relationship Id="rId%d" Type="%s" Target="%s"/>`, n+1, pkRelComments, target)
		if changed[pk.relsPart], err = pkInsertBefore(rels, rel); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrFormat, pk.relsPart, err)
		}
	}
	ct, err := pk.read("[Content_Types].xml")
	if err != nil || ct == nil {
		return fmt.Errorf("%w: no [Content_Types].xml", ErrFormat)
	}
	name := "/" + pk.commentsAt
	if !bytes.Contains(ct, []byte(`PartName="`+name+`"`)) {
		ov := fmt.Sprintf(`<Override PartName="%s" ContentType="%s"/>`, name, pkTypeComments)
		if changed["[Content_Types].xml"], err = pkInsertBefore(ct, ov); err != nil {
			return fmt.Errorf("%w: [Content_Types].xml: %v", ErrFormat, err)
		}
	}
	return nil
}
