package pdftext

import (
	"fmt"

	"github.com/ledongthuc/pdf"
)

// Limits of the page-tree walk. The library's own Reader.Page loops forever
// on a /Kids array that contains an ancestor, and Page.Resources on a /Parent
// that points at the page itself, so the tree is walked here instead.
const (
	maxTreeDepth = 64
	maxTreeNodes = 1 << 20
	maxPages     = 100000
)

// page is one leaf of the page tree with its inherited attributes.
type page struct {
	v      pdf.Value
	res    pdf.Value
	box    [4]float64 // crop box (media box if none), normalised: x0 < x1, y0 < y1
	rotate int        // 0, 90, 180 or 270
}

type inherited struct {
	res    pdf.Value
	media  pdf.Value
	crop   pdf.Value
	rotate pdf.Value
}

// pageTree lists the pages in order. It returns an error for a cyclic or
// absurdly large tree.
func pageTree(r *pdf.Reader) ([]page, error) {
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, fmt.Errorf("%w: no page tree", ErrCorrupt)
	}
	w := treeWalker{}
	if err := w.walk(root, inherited{}, 0); err != nil {
		return nil, err
	}
	return w.pages, nil
}

type treeWalker struct {
	pages     []page
	nodes     int
	ancestors []string // identities of the Pages nodes above the current one
}

func (w *treeWalker) walk(node pdf.Value, inh inherited, depth int) error {
	w.nodes++
	if w.nodes > maxTreeNodes || len(w.pages) >= maxPages {
		return fmt.Errorf("%w: page tree too large", ErrCorrupt)
	}
	if depth > maxTreeDepth {
		return fmt.Errorf("%w: page tree too deep (loop?)", ErrCorrupt)
	}
	if v := node.Key("Resources"); !v.IsNull() {
		inh.res = v
	}
	if v := node.Key("MediaBox"); v.Kind() == pdf.Array {
		inh.media = v
	}
	if v := node.Key("CropBox"); v.Kind() == pdf.Array {
		inh.crop = v
	}
	if v := node.Key("Rotate"); !v.IsNull() {
		inh.rotate = v
	}
	kids := node.Key("Kids")
	if kids.Kind() != pdf.Array {
		if node.Key("Type").Name() == "Pages" {
			return nil // an empty Pages node
		}
		w.pages = append(w.pages, newPage(node, inh))
		return nil
	}
	// The node's printed form names its /Kids and /Parent by object
	// number, so an ancestor that reappears prints the same.
	id := node.String()
	for _, a := range w.ancestors {
		if a == id {
			return fmt.Errorf("%w: loop in the page tree", ErrCorrupt)
		}
	}
	w.ancestors = append(w.ancestors, id)
	for i := range kids.Len() {
		kid := kids.Index(i)
		if kid.Kind() != pdf.Dict {
			continue
		}
		if err := w.walk(kid, inh, depth+1); err != nil {
			return err
		}
	}
	w.ancestors = w.ancestors[:len(w.ancestors)-1]
	return nil
}

func newPage(v pdf.Value, inh inherited) page {
	p := page{v: v, res: inh.res, box: [4]float64{0, 0, 612, 792}}
	box, ok := rectOf(inh.media)
	if ok {
		p.box = box
	}
	if crop, ok := rectOf(inh.crop); ok {
		// The crop box is clipped to the media box.
		crop[0], crop[1] = max(crop[0], p.box[0]), max(crop[1], p.box[1])
		crop[2], crop[3] = min(crop[2], p.box[2]), min(crop[3], p.box[3])
		if crop[2]-crop[0] > 1 && crop[3]-crop[1] > 1 {
			p.box = crop
		}
	}
	r := int(inh.rotate.Int64()) % 360
	if r < 0 {
		r += 360
	}
	if r%90 == 0 {
		p.rotate = r
	}
	return p
}

// rectOf reads a rectangle array, normalising its corners.
func rectOf(v pdf.Value) ([4]float64, bool) {
	if v.Kind() != pdf.Array || v.Len() != 4 {
		return [4]float64{}, false
	}
	var r [4]float64
	for i := range 4 {
		r[i] = v.Index(i).Float64()
	}
	if r[0] > r[2] {
		r[0], r[2] = r[2], r[0]
	}
	if r[1] > r[3] {
		r[1], r[3] = r[3], r[1]
	}
	if r[2]-r[0] < 1 || r[3]-r[1] < 1 {
		return r, false
	}
	return r, true
}
