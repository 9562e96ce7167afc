package pdftext

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// glyphInfo is what a font says about one character code.
type glyphInfo struct {
	text  string  // normalised Unicode text; "" if unknown; " " for white space
	width float64 // advance in glyph units (1/1000 of the font size for most fonts)
}

// font is a font resource decoded once per document: a code → text and
// width table. ledongthuc/pdf's Font re-reads /Widths from the file for
// every glyph, and has no widths for Type0 (CID) fonts.
type font struct {
	name    string // BaseFont without the subset prefix
	bold    bool
	twoByte bool    // Type0: two-byte codes
	scale   float64 // glyph units → text space (0.001, or FontMatrix[0] for Type3)
	simple  [256]glyphInfo
	pages   [256]*[256]glyphInfo // Type0: by high byte of the code
	dw      float64              // Type0: default width
}

// lookup returns the text and width of code.
func (f *font) lookup(code int) glyphInfo {
	if !f.twoByte {
		return f.simple[code&0xff]
	}
	p := f.pages[(code>>8)&0xff]
	if p == nil {
		return glyphInfo{width: f.dw}
	}
	return p[code&0xff]
}

func (f *font) cidEntry(code int) *glyphInfo {
	hi := (code >> 8) & 0xff
	p := f.pages[hi]
	if p == nil {
		p = new([256]glyphInfo)
		for i := range p {
			p[i].width = f.dw
		}
		f.pages[hi] = p
	}
	return &p[code&0xff]
}

// maxCMapEntries bounds the codes one ToUnicode CMap or /W array may define.
const maxCMapEntries = 1 << 17

// defaultFont stands in when text is shown before any Tf.
func defaultFont() *font {
	f := &font{name: "Helvetica", scale: 0.001}
	for c := range 256 {
		f.simple[c] = glyphInfo{text: normGlyph(string(latin1(byte(c)))), width: base14Width("Helvetica", c)}
	}
	return f
}

// loadFont decodes the font dictionary fv.
func loadFont(fv pdf.Value, lx *lexer) *font {
	f := &font{scale: 0.001}
	base := fv.Key("BaseFont").Name()
	if i := strings.IndexByte(base, '+'); i >= 0 && i <= 7 {
		base = base[i+1:]
	}
	f.name = base
	lower := strings.ToLower(base)
	f.bold = strings.Contains(lower, "bold") || strings.Contains(lower, "black") || strings.Contains(lower, "heavy")
	desc := fv.Key("FontDescriptor")
	if fv.Key("Subtype").Name() == "Type0" {
		f.twoByte = true
		loadCIDFont(f, fv, lx)
		return f
	}
	if w := desc.Key("FontWeight").Float64(); w >= 600 {
		f.bold = true
	}
	if fv.Key("Subtype").Name() == "Type3" {
		if m := fv.Key("FontMatrix"); m.Len() == 6 && m.Index(0).Float64() != 0 {
			f.scale = abs(m.Index(0).Float64())
		}
	}

	// Widths.
	missing := desc.Key("MissingWidth").Float64()
	widths := fv.Key("Widths")
	if widths.Kind() == pdf.Array {
		for c := range 256 {
			f.simple[c].width = missing
		}
		first := int(fv.Key("FirstChar").Int64())
		n := widths.Len()
		for i := 0; i < n && first+i < 256; i++ {
			if first+i >= 0 {
				f.simple[first+i].width = widths.Index(i).Float64()
			}
		}
	} else {
		for c := range 256 {
			f.simple[c].width = base14Width(base, c)
		}
	}

	// Text: the encoding first, then ToUnicode on top, as viewers do. The
	// library decodes MacRoman and /Differences; everything else is taken
	// as WinAnsi (Latin-1 plus its 0x80–0x9F block). Encoder is not called
	// for other encodings because it would parse ToUnicode with the
	// library's own lexer, which can loop forever on a truncated CMap.
	encoding := fv.Key("Encoding")
	if encoding.Kind() == pdf.Dict || encoding.Name() == "MacRomanEncoding" {
		enc := (&pdf.Font{V: fv}).Encoder()
		var one [1]byte
		for c := range 256 {
			one[0] = byte(c)
			f.simple[c].text = normGlyph(fixDecoded(enc.Decode(string(one[:])), byte(c)))
		}
	} else {
		for c := range 256 {
			f.simple[c].text = normGlyph(string(latin1(byte(c))))
		}
	}
	if diff := encoding.Key("Differences"); diff.Kind() == pdf.Array {
		applyUniNames(f, diff)
	}
	if tu := fv.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data, err := readStream(tu, nil); err == nil {
			parseToUnicode(lx, data, func(code int, text string) {
				if code >= 0 && code < 256 {
					f.simple[code].text = normGlyph(text)
				}
			})
		}
	}
	return f
}

func loadCIDFont(f *font, fv pdf.Value, lx *lexer) {
	d := fv.Key("DescendantFonts").Index(0)
	f.dw = 1000
	if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.dw = dw.Float64()
	}
	if w := d.Key("FontDescriptor").Key("FontWeight").Float64(); w >= 600 {
		f.bold = true
	}
	entries := 0
	if w := d.Key("W"); w.Kind() == pdf.Array {
		n := w.Len()
		for i := 0; i+1 < n && entries < maxCMapEntries; {
			first := int(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				m := next.Len()
				for k := 0; k < m && entries < maxCMapEntries; k++ {
					if c := first + k; c >= 0 && c <= 0xffff {
						f.cidEntry(c).width = next.Index(k).Float64()
					}
					entries++
				}
				i += 2
				continue
			}
			if i+2 >= n {
				break
			}
			last := int(next.Int64())
			width := w.Index(i + 2).Float64()
			for c := max(first, 0); c <= last && c <= 0xffff && entries < maxCMapEntries; c++ {
				f.cidEntry(c).width = width
				entries++
			}
			i += 3
		}
	}
	if tu := fv.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data, err := readStream(tu, nil); err == nil {
			parseToUnicode(lx, data, func(code int, text string) {
				if code >= 0 && code <= 0xffff {
					f.cidEntry(code).text = normGlyph(text)
				}
			})
			return
		}
	}
	// No ToUnicode: UCS-2 CMaps carry the text in the code itself.
	if enc := fv.Key("Encoding").Name(); strings.Contains(enc, "UCS2") || strings.Contains(enc, "UTF16") {
		for hi := range 256 {
			for lo := range 256 {
				code := hi<<8 | lo
				if code >= 0x20 && (code < 0xd800 || code > 0xdfff) {
					f.cidEntry(code).text = normGlyph(string(rune(code)))
				}
			}
		}
	}
}

// fixDecoded repairs what the library's simple-font decoders return: raw
// bytes for unknown encodings (taken as Latin-1) and C1 control codes where
// a /Differences encoding left a WinAnsi code undecoded.
func fixDecoded(s string, code byte) string {
	if !utf8.ValidString(s) {
		return string(latin1(code))
	}
	if r, n := utf8.DecodeRuneInString(s); n == len(s) && r >= 0x80 && r <= 0x9f {
		return string(winAnsiC1[r-0x80])
	}
	return s
}

func latin1(c byte) rune {
	if c >= 0x80 && c <= 0x9f {
		return winAnsiC1[c-0x80]
	}
	return rune(c)
}

// winAnsiC1 maps WinAnsiEncoding codes 0x80–0x9F.
var winAnsiC1 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// applyUniNames decodes glyph names of the form uniXXXX and uXXXX[XX] in a
// /Differences array, which the library's name table does not cover.
func applyUniNames(f *font, diff pdf.Value) {
	code := -1
	for i := range diff.Len() {
		v := diff.Index(i)
		switch v.Kind() {
		case pdf.Integer:
			code = int(v.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				if r, ok := uniName(v.Name()); ok {
					f.simple[code].text = normGlyph(string(r))
				}
			}
			code++
		}
	}
}

func uniName(n string) (rune, bool) {
	var hex string
	switch {
	case len(n) == 7 && strings.HasPrefix(n, "uni"):
		hex = n[3:]
	case len(n) >= 5 && len(n) <= 7 && n[0] == 'u':
		hex = n[1:]
	default:
		return 0, false
	}
	var r rune
	for i := 0; i < len(hex); i++ {
		v := unhex(hex[i])
		if v < 0 {
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	return r, utf8.ValidRune(r)
}

// parseToUnicode reads the bfchar and bfrange sections of a ToUnicode CMap.
func parseToUnicode(lx *lexer, data []byte, set func(code int, text string)) {
	lx.reset(data)
	entries := 0
	for {
		op, ok := lx.next()
		if !ok {
			break
		}
		st := lx.stack
		switch string(op) {
		case "endbfchar":
			for i := 0; i+1 < len(st); i += 2 {
				if st[i].kind != kString || st[i+1].kind != kString || entries >= maxCMapEntries {
					continue
				}
				set(codeOf(lx.str(st[i])), utf16Text(lx.str(st[i+1]), 0))
				entries++
			}
		case "endbfrange":
			for i := 0; i+2 < len(st); i += 3 {
				if st[i].kind != kString || st[i+1].kind != kString {
					continue
				}
				lo, hi := codeOf(lx.str(st[i])), codeOf(lx.str(st[i+1]))
				if hi < lo || hi-lo > 0xffff {
					continue
				}
				dst := st[i+2]
				for c := lo; c <= hi && entries < maxCMapEntries; c++ {
					switch dst.kind {
					case kString:
						set(c, utf16Text(lx.str(dst), c-lo))
					case kArray:
						if k := int(dst.lo) + c - lo; k < int(dst.hi) && lx.elems[k].kind == kString {
							set(c, utf16Text(lx.str(lx.elems[k]), 0))
						}
					}
					entries++
				}
			}
		}
		lx.clear()
	}
}

func codeOf(b []byte) int {
	c := 0
	for i := 0; i < len(b) && i < 4; i++ {
		c = c<<8 | int(b[i])
	}
	return c
}

// utf16Text decodes big-endian UTF-16 and adds inc to the last code unit.
func utf16Text(b []byte, inc int) string {
	if len(b) == 1 {
		return string(rune(int(b[0]) + inc))
	}
	var small [8]uint16
	u := small[:0]
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	if len(u) == 0 {
		return ""
	}
	u[len(u)-1] += uint16(inc)
	if len(u) == 1 {
		return string(rune(u[0]))
	}
	return string(utf16.Decode(u))
}

// normGlyph normalises the text of one glyph: ligatures expanded, white space
// made a plain space, controls and unknown marks dropped.
func normGlyph(s string) string {
	if s == "" {
		return ""
	}
	if len(s) == 1 {
		c := s[0]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			return " "
		case c < 0x20 || c == 0x7f:
			return ""
		}
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == ' ' ||
			r == 0xa0 || (r >= 0x2000 && r <= 0x200a) || r == 0x202f || r == 0x205f || r == 0x3000:
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0xfffd || r == 0xfeff || (r >= 0x200b && r <= 0x200d):
		case r >= 0xfb00 && r <= 0xfb06:
			b.WriteString(ligatures[r-0xfb00])
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if strings.TrimSpace(out) == "" && out != "" {
		return " "
	}
	return out
}

var ligatures = [7]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}

// base14Width approximates the widths of the standard fonts, which PDFs may
// use without a /Widths array.
func base14Width(name string, c int) float64 {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "courier"):
		return 600
	case strings.Contains(n, "times"):
		if c >= 32 && c <= 126 {
			return float64(timesWidths[c-32])
		}
		return 500
	default:
		if c >= 32 && c <= 126 {
			return float64(helveticaWidths[c-32])
		}
		return 556
	}
}

// Widths of Helvetica and Times-Roman for codes 32–126, from their AFM files.
var helveticaWidths = [95]int16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

var timesWidths = [95]int16{
	250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
	921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
	556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
	333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
	500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
