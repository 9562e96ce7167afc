package ooxml

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/beevik/etree"
)

// Namespace URIs, Transitional and Strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsPkgRels = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsCT      = "http://schemas.openxmlformats.org/package/2006/content-types"

	relTransitional = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relStrict       = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
)

// mainContentTypes are the content types of a WordprocessingML main part.
var mainContentTypes = []string{
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
	"application/vnd.ms-word.document.macroEnabled.main+xml",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
	"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}

// partReader reads zip entries under the limits, keeping a running total.
type partReader struct {
	files map[string]*zip.File // by lower-case part name without leading "/"
	lim   Limits
	total int64
}

func newPartReader(zr *zip.Reader, lim Limits) *partReader {
	pr := &partReader{files: make(map[string]*zip.File, len(zr.File)), lim: lim}
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if _, dup := pr.files[name]; !dup {
			pr.files[name] = f
		}
	}
	return pr
}

func (pr *partReader) has(name string) bool {
	_, ok := pr.files[strings.ToLower(name)]
	return ok
}

// read returns the bytes of the named part, or nil and no error when the part
// does not exist.
func (pr *partReader) read(name string) ([]byte, error) {
	f, ok := pr.files[strings.ToLower(name)]
	if !ok {
		return nil, nil
	}
	if f.UncompressedSize64 > uint64(pr.lim.MaxPartBytes) {
		return nil, fmt.Errorf("%w: part %s exceeds MaxPartBytes (%d)", ErrLimit, name, pr.lim.MaxPartBytes)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: part %s: %v", ErrFormat, name, err)
	}
	defer rc.Close()
	// Never trust the header: read at most one byte more than either limit allows.
	remaining := pr.lim.MaxTotalBytes - pr.total
	limit := min(pr.lim.MaxPartBytes, remaining)
	var buf bytes.Buffer
	if f.UncompressedSize64 < uint64(limit) {
		buf.Grow(int(f.UncompressedSize64))
	}
	n, err := buf.ReadFrom(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: part %s: %v", ErrFormat, name, err)
	}
	if n > pr.lim.MaxPartBytes {
		return nil, fmt.Errorf("%w: part %s exceeds MaxPartBytes (%d)", ErrLimit, name, pr.lim.MaxPartBytes)
	}
	if n > remaining {
		return nil, fmt.Errorf("%w: parts read exceed MaxTotalBytes (%d) at part %s", ErrLimit, pr.lim.MaxTotalBytes, name)
	}
	pr.total += n
	return buf.Bytes(), nil
}

// readXML reads and parses the named part; it returns nil and no error when
// the part does not exist.
func (pr *partReader) readXML(name string) (*etree.Element, error) {
	b, err := pr.read(name)
	if err != nil || b == nil {
		return nil, err
	}
	return parseXML(name, b)
}

// parseXML refuses DTDs and entity declarations, then parses b with etree.
func parseXML(name string, b []byte) (*etree.Element, error) {
	if hasDTD(b) {
		return nil, fmt.Errorf("%w: part %s", ErrDTD, name)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(b); err != nil {
		return nil, fmt.Errorf("%w: part %s: %v", ErrFormat, name, err)
	}
	root := doc.Root()
	if root == nil {
		return nil, fmt.Errorf("%w: part %s: no root element", ErrFormat, name)
	}
	return root, nil
}

// hasDTD reports whether b contains "<!DOCTYPE" or "<!ENTITY" in any letter case.
func hasDTD(b []byte) bool {
	for i := bytes.Index(b, []byte("<!")); i >= 0; {
		rest := b[i+2:]
		if hasPrefixFold(rest, "doctype") || hasPrefixFold(rest, "entity") {
			return true
		}
		j := bytes.Index(rest, []byte("<!"))
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// rel is one relationship of a .rels part.
type rel struct {
	typ, target string // target resolved to a part name
}

// readRels reads the relationships part for source (the package itself when
// source is ""); a missing part gives no relationships.
func (pr *partReader) readRels(source string) ([]rel, error) {
	name := "_rels/.rels"
	base := ""
	if source != "" {
		base = path.Dir(source)
		name = path.Join(base, "_rels", path.Base(source)+".rels")
		if base == "." {
			base = ""
		}
	}
	root, err := pr.readXML(name)
	if err != nil || root == nil {
		return nil, err
	}
	var rels []rel
	for _, c := range root.ChildElements() {
		if c.Tag != "Relationship" || c.NamespaceURI() != nsPkgRels {
			continue
		}
		if strings.EqualFold(attr(c, "TargetMode"), "External") {
			continue
		}
		t := attr(c, "Target")
		if t == "" {
			continue
		}
		var target string
		if strings.HasPrefix(t, "/") {
			target = path.Clean(t)[1:]
		} else {
			target = strings.TrimPrefix(path.Clean(path.Join("/", base, t)), "/")
		}
		rels = append(rels, rel{typ: attr(c, "Type"), target: target})
	}
	return rels, nil
}

// relTarget returns the target of the first relationship of the given type
// (the last path segment of the type URI, e.g. "styles"), Transitional or Strict.
func relTarget(rels []rel, kind string) (string, bool) {
	for _, r := range rels {
		if r.typ == relTransitional+kind || r.typ == relStrict+kind {
			return r.target, true
		}
	}
	return "", false
}

// attr returns the value of the unprefixed attribute key.
func attr(el *etree.Element, key string) string {
	for _, a := range el.Attr {
		if a.Space == "" && a.Key == key {
			return a.Value
		}
	}
	return ""
}

// open locates and parses the main document part, its styles and numbering.
func open(pr *partReader) (*Package, error) {
	rels, err := pr.readRels("")
	if err != nil {
		return nil, err
	}
	main, ok := relTarget(rels, "officeDocument")
	if !ok || !pr.has(main) {
		main = ""
		if pr.has("word/document.xml") {
			main = "word/document.xml"
		} else if main, err = mainFromContentTypes(pr); err != nil {
			return nil, err
		}
	}
	if main == "" {
		return nil, ErrNoDocument
	}
	root, err := pr.readXML(main)
	if err != nil {
		return nil, err
	}
	p := &Package{main: main}
	switch ns := root.NamespaceURI(); {
	case root.Tag != "document" || (ns != nsW && ns != nsWStrict):
		return nil, fmt.Errorf("%w: part %s: root element is not w:document", ErrFormat, main)
	default:
		p.strict = ns == nsWStrict
	}
	for _, c := range root.ChildElements() {
		if isW(c, "body") {
			p.body = c
			break
		}
	}
	docRels, err := pr.readRels(main)
	if err != nil {
		return nil, err
	}
	dir := path.Dir(main)
	stylesName, ok := relTarget(docRels, "styles")
	if !ok {
		stylesName = path.Join(dir, "styles.xml")
	}
	numName, ok := relTarget(docRels, "numbering")
	if !ok {
		numName = path.Join(dir, "numbering.xml")
	}
	stylesRoot, err := pr.readXML(stylesName)
	if err != nil {
		return nil, err
	}
	numRoot, err := pr.readXML(numName)
	if err != nil {
		return nil, err
	}
	p.styles = parseStyles(stylesRoot)
	p.num = parseNumbering(numRoot)
	return p, nil
}

// mainFromContentTypes finds the main part through [Content_Types].xml.
func mainFromContentTypes(pr *partReader) (string, error) {
	root, err := pr.readXML("[Content_Types].xml")
	if err != nil || root == nil {
		return "", err
	}
	for _, c := range root.ChildElements() {
		if c.Tag != "Override" || c.NamespaceURI() != nsCT {
			continue
		}
		ct := attr(c, "ContentType")
		for _, m := range mainContentTypes {
			if strings.EqualFold(ct, m) {
				name := strings.TrimPrefix(attr(c, "PartName"), "/")
				if pr.has(name) {
					return name, nil
				}
			}
		}
	}
	return "", nil
}
