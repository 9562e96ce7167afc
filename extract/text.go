package extract

import (
	"unicode"
	"unicode/utf8"
)

// textBlocks splits a plain-text contract into blocks, one per non-empty line.
//
// Lines end at "\n", "\r\n", "\r", a form feed, a vertical tab, U+2028 or U+2029.
// Each block's Anchor.Start and Anchor.End are the byte offsets of its line in data
// (End exclusive, before the line break). Text is the line normalised by
// normaliseText; lines that normalise to nothing are dropped. Empty input, size
// limits and sniffing are the caller's business. It stops after limit blocks
// (limit <= 0: no limit), so the caller can refuse a document over its MaxBlocks
// without holding all of it.
func textBlocks(data []byte, limit int) []Block {
	var blocks []Block
	var buf []byte
	start := 0
	for {
		end, next := lineEnd(data, start)
		var text string
		text, buf = normaliseText(data[start:end], buf[:0])
		if text != "" {
			blocks = append(blocks, Block{
				Index:  len(blocks),
				Kind:   BlockParagraph,
				Text:   text,
				Anchor: Anchor{Start: start, End: end},
			})
		}
		if next > len(data) || limit > 0 && len(blocks) >= limit {
			return blocks
		}
		start = next
	}
}

// lineEnd returns the end of the line starting at start and the start of the next
// line; next is len(data)+1 when the line is the last one.
func lineEnd(data []byte, start int) (end, next int) {
	for i := start; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n', '\f', '\v':
			return i, i + 1
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				return i, i + 2
			}
			return i, i + 1
		case 0xE2: // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR are E2 80 A8/A9.
			if i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9) {
				return i, i + 3
			}
		}
	}
	return len(data), len(data) + 1
}

// normaliseText returns line as block text: a byte that is not UTF-8 is read as
// Windows-1252 (the usual encoding of older contracts); tabs,
// non-breaking and other Unicode spaces and control characters become spaces; soft
// hyphens, zero-width spaces and joiners and byte order marks are removed; runs of
// spaces collapse to one and the result is trimmed. buf is scratch space that is
// returned for reuse.
func normaliseText(line []byte, buf []byte) (string, []byte) {
	if plainLine(line) {
		return string(line), buf
	}
	space := false // a space is pending before the next visible character
	for i := 0; i < len(line); {
		r, size := rune(line[i]), 1
		if r >= utf8.RuneSelf {
			r, size = decodeRune(line[i:])
		}
		i += size
		switch {
		case invisibleRune(r):
			continue
		case spaceRune(r):
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, r)
	}
	return string(buf), buf
}

// decodeRune decodes UTF-8, reading a byte that does not start a valid sequence as
// Windows-1252, so that “curly quotes” and accented letters of legacy files survive.
func decodeRune(b []byte) (rune, int) {
	r, size := utf8.DecodeRune(b)
	if r == utf8.RuneError && size == 1 {
		c := b[0]
		if c >= 0x80 && c < 0xA0 {
			return cp1252[c-0x80], 1
		}
		return rune(c), 1 // Latin-1 range
	}
	return r, size
}

// cp1252 maps the bytes 0x80-0x9F of Windows-1252; undefined ones become U+FFFD.
var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// invisibleRune reports whether normaliseText drops r: soft hyphen, zero-width
// characters and joiners, byte order mark, and the noncharacters U+FFFE and
// U+FFFF, which XML cannot hold (so every block can be written into a redline).
func invisibleRune(r rune) bool {
	return r == '\u00AD' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF' ||
		r == '\uFFFE' || r == '\uFFFF'
}

// spaceRune reports whether normaliseText treats r as white space.
func spaceRune(r rune) bool {
	return r == ' ' || unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) || unicode.IsControl(r)
}

// rawOffset maps a byte offset in normaliseText(line) back to a byte offset in
// line. It replays the normalisation: an offset at a collapsed space maps to the
// first white-space byte of the run, and the end of the text maps to the end of
// the last visible character.
func rawOffset(line []byte, off int) int {
	if plainLine(line) {
		return min(off, len(line))
	}
	n, last, spaceAt, space := 0, 0, 0, false
	for i := 0; i < len(line); {
		r, size := decodeRune(line[i:])
		switch {
		case invisibleRune(r):
			i += size
			continue
		case spaceRune(r):
			if !space && n > 0 {
				space, spaceAt = true, i
			}
			i += size
			continue
		}
		if space {
			if off == n {
				return spaceAt
			}
			n++
			space = false
		}
		if off <= n {
			return i
		}
		n += utf8.RuneLen(r)
		i += size
		last = i
	}
	return last
}

// plainLine reports whether line is printable ASCII with single inner spaces and
// no leading or trailing space, so that normalising it changes nothing.
func plainLine(line []byte) bool {
	if len(line) == 0 || line[0] == ' ' || line[len(line)-1] == ' ' {
		return len(line) == 0
	}
	for i, c := range line {
		if c < ' ' || c >= 0x7F || (c == ' ' && line[i-1] == ' ') {
			return false
		}
	}
	return true
}
