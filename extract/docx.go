package extract

import (
	"bytes"
	"context"
	"errors"
	"strings"

	"github.com/clm-engine/clm/internal/ooxml"
)

// readDOCX fills doc.Blocks from the body of a WordprocessingML package.
func readDOCX(ctx context.Context, doc *Document, data []byte, o *Options) error {
	pkg, err := ooxml.Open(bytes.NewReader(data), int64(len(data)), ooxml.Limits{
		MaxBytes: o.MaxBytes, MaxParts: o.MaxParts, MaxPartBytes: o.MaxPartBytes,
	})
	if err != nil {
		return ooxmlError(doc.Name, err)
	}
	if err := ctx.Err(); err != nil {
		return fail(doc.Name, ErrCanceled, "")
	}
	paras, err := pkg.Body()
	if err != nil {
		return ooxmlError(doc.Name, err)
	}
	if len(paras) > o.MaxBlocks {
		return fail(doc.Name, ErrLimit, "%d paragraphs exceed MaxBlocks (%d)", len(paras), o.MaxBlocks)
	}
	part := pkg.MainPart()
	doc.Blocks = make([]Block, 0, len(paras))
	for i := range paras {
		p := &paras[i]
		if p.Text == "" && p.Number == "" {
			continue // an empty paragraph shows nothing; a numbered one still shows its number
		}
		b := Block{
			Kind:         BlockParagraph,
			Text:         p.Text,
			Number:       p.Number,
			NumLevel:     p.NumLevel,
			NumFormat:    p.NumFormat,
			NumList:      p.NumList,
			Style:        p.Style,
			HeadingLevel: p.HeadingLevel,
			LeadEmphasis: p.LeadEmphasis,
			Table:        p.Table,
			Row:          p.Row,
			Cell:         p.Cell,
			Anchor:       Anchor{Part: part, Paragraph: p.Index},
		}
		if p.Table > 0 {
			b.Kind = BlockTableCell
		}
		if len(p.Runs) > 0 {
			b.Anchor.Runs = make([]RunSpan, len(p.Runs))
			for j, r := range p.Runs {
				b.Anchor.Runs[j] = RunSpan{Run: r.Run, Start: r.Start, End: r.End}
			}
		}
		doc.Blocks = append(doc.Blocks, b)
	}
	return nil
}

// ooxmlError maps the package reader's errors to extract's classes.
func ooxmlError(name string, err error) error {
	detail := strings.TrimPrefix(err.Error(), "ooxml: ")
	switch {
	case errors.Is(err, ooxml.ErrNoDocument):
		return fail(name, ErrNoDocument, "")
	case errors.Is(err, ooxml.ErrLimit):
		return fail(name, ErrLimit, "%s", strings.TrimPrefix(detail, "size limit exceeded: "))
	case errors.Is(err, ooxml.ErrDTD):
		return fail(name, ErrDTD, "%s", strings.TrimPrefix(detail, "XML with a DTD or entity declaration: "))
	}
	return fail(name, ErrCorrupt, "%s", detail)
}
