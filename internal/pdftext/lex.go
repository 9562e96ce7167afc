package pdftext

// The content-stream lexer. ledongthuc/pdf's Interpret boxes every token in an
// interface, cannot skip inline image data, and its hex-string reader spins
// forever on an unterminated "<41" at the end of a stream (readByte returns
// '\n' at EOF). Content streams are simple enough to tokenise here: numbers,
// names, strings, arrays, dictionaries (ignored), operators and BI/ID/EI.

type operandKind uint8

const (
	kNum operandKind = iota
	kName
	kString
	kArray // elements are in lexer.elems[lo:hi]
	kMark  // "[" while an array is open, or "<<", ">>": ignored by operators
	kOther // true, false, null
)

// operand is one value on the operand stack. It holds no pointers, so the
// stack costs the garbage collector nothing: a string or name is the byte
// range [lo, hi) of the stream, or of lexer.scratch if inScratch, valid until
// the next operator; an array is the range [lo, hi) of lexer.elems.
type operand struct {
	kind      operandKind
	inScratch bool
	num       float64
	lo, hi    int32
}

// str returns the bytes of a string or name operand.
func (lx *lexer) str(o operand) []byte {
	if o.inScratch {
		return lx.scratch[o.lo:o.hi]
	}
	return lx.buf[o.lo:o.hi]
}

// lexer tokenises one content stream (or ToUnicode CMap) held in memory.
type lexer struct {
	buf     []byte
	pos     int
	stack   []operand // operands of the next operator
	elems   []operand // elements of arrays on the stack
	scratch []byte    // decoded string bytes
	inArray int       // index in stack of the open "[" mark, or -1
}

func (lx *lexer) reset(buf []byte) {
	lx.buf = buf
	lx.pos = 0
	lx.stack = lx.stack[:0]
	lx.elems = lx.elems[:0]
	lx.scratch = lx.scratch[:0]
	lx.inArray = -1
}

// clear drops the operands after an operator ran.
func (lx *lexer) clear() {
	lx.stack = lx.stack[:0]
	lx.elems = lx.elems[:0]
	lx.scratch = lx.scratch[:0]
	lx.inArray = -1
}

// charClass: 0 regular, 1 white space, 2 delimiter.
var charClass = func() (t [256]uint8) {
	for _, c := range []byte{0, '\t', '\n', '\f', '\r', ' '} {
		t[c] = 1
	}
	for _, c := range []byte("()<>[]{}/%") {
		t[c] = 2
	}
	return t
}()

// next scans operands up to the next operator and returns it, or ok=false at
// the end of the stream.
func (lx *lexer) next() (op []byte, ok bool) {
	buf := lx.buf
	for lx.pos < len(buf) {
		c := buf[lx.pos]
		switch {
		case charClass[c] == 1:
			lx.pos++
		case c == '%':
			for lx.pos < len(buf) && buf[lx.pos] != '\n' && buf[lx.pos] != '\r' {
				lx.pos++
			}
		case c == '/':
			lx.pos++
			start := lx.pos
			for lx.pos < len(buf) && charClass[buf[lx.pos]] == 0 {
				lx.pos++
			}
			o := operand{kind: kName, lo: int32(start), hi: int32(lx.pos)}
			for _, b := range buf[start:lx.pos] {
				if b == '#' {
					o = lx.unescapeName(buf[start:lx.pos])
					break
				}
			}
			lx.push(o)
		case c == '(':
			lx.pos++
			lx.push(lx.literal())
		case c == '<':
			if lx.pos+1 < len(buf) && buf[lx.pos+1] == '<' {
				lx.pos += 2
				lx.push(operand{kind: kMark})
				continue
			}
			lx.pos++
			lx.push(lx.hex())
		case c == '>':
			lx.pos++
			if lx.pos < len(buf) && buf[lx.pos] == '>' {
				lx.pos++
			}
			lx.push(operand{kind: kMark})
		case c == '[':
			lx.pos++
			if lx.inArray < 0 {
				lx.inArray = len(lx.stack)
				lx.stack = append(lx.stack, operand{kind: kMark})
			}
		case c == ']':
			lx.pos++
			if lx.inArray >= 0 {
				lo := len(lx.elems)
				lx.elems = append(lx.elems, lx.stack[lx.inArray+1:]...)
				lx.stack = lx.stack[:lx.inArray]
				lx.stack = append(lx.stack, operand{kind: kArray, lo: int32(lo), hi: int32(len(lx.elems))})
				lx.inArray = -1
			}
		case c == '{' || c == '}' || c == ')':
			lx.pos++ // stray delimiter: skip
		case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
			lx.push(operand{kind: kNum, num: lx.number()})
		default:
			start := lx.pos
			for lx.pos < len(buf) && charClass[buf[lx.pos]] == 0 {
				lx.pos++
			}
			word := buf[start:lx.pos]
			switch string(word) {
			case "true", "false", "null":
				lx.push(operand{kind: kOther})
				continue
			}
			if lx.inArray >= 0 {
				// An operator inside an array is malformed; close the array.
				lx.inArray = -1
			}
			return word, true
		}
	}
	return nil, false
}

// maxOperands bounds the operand stack. No operator takes more than six
// operands; only a TJ array or a CMap section needs more.
const maxOperands = 1 << 16

func (lx *lexer) push(o operand) {
	if len(lx.stack) >= maxOperands {
		if lx.inArray >= 0 {
			return // drop the rest of an absurd array
		}
		lx.stack = lx.stack[:0] // operands without an operator: junk
	}
	lx.stack = append(lx.stack, o)
}

// number parses a PDF number leniently ("--5", "4.-3" and "." give what
// their leading part says, as viewers do).
func (lx *lexer) number() float64 {
	buf := lx.buf
	neg := false
	for lx.pos < len(buf) && (buf[lx.pos] == '-' || buf[lx.pos] == '+') {
		neg = buf[lx.pos] == '-'
		lx.pos++
	}
	var v float64
	for lx.pos < len(buf) && buf[lx.pos] >= '0' && buf[lx.pos] <= '9' {
		v = v*10 + float64(buf[lx.pos]-'0')
		lx.pos++
	}
	if lx.pos < len(buf) && buf[lx.pos] == '.' {
		lx.pos++
		scale := 0.1
		for lx.pos < len(buf) && buf[lx.pos] >= '0' && buf[lx.pos] <= '9' {
			v += float64(buf[lx.pos]-'0') * scale
			scale /= 10
			lx.pos++
		}
	}
	// Skip any junk glued to the number ("12.5.3", "4-3").
	for lx.pos < len(buf) && charClass[buf[lx.pos]] == 0 {
		lx.pos++
	}
	if neg {
		v = -v
	}
	return v
}

func (lx *lexer) literal() operand {
	buf := lx.buf
	start := len(lx.scratch)
	o := operand{kind: kString, inScratch: true, lo: int32(start)}
	depth := 1
	for lx.pos < len(buf) {
		c := buf[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				o.hi = int32(len(lx.scratch))
				return o
			}
		case '\\':
			if lx.pos >= len(buf) {
				o.hi = int32(len(lx.scratch))
				return o
			}
			c = buf[lx.pos]
			lx.pos++
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.pos < len(buf) && buf[lx.pos] == '\n' {
					lx.pos++
				}
				continue
			case '\n':
				continue
			default:
				if c >= '0' && c <= '7' {
					v := int(c - '0')
					for i := 0; i < 2 && lx.pos < len(buf) && buf[lx.pos] >= '0' && buf[lx.pos] <= '7'; i++ {
						v = v*8 + int(buf[lx.pos]-'0')
						lx.pos++
					}
					c = byte(v)
				}
			}
		}
		lx.scratch = append(lx.scratch, c)
	}
	o.hi = int32(len(lx.scratch))
	return o
}

func (lx *lexer) hex() operand {
	buf := lx.buf
	start := len(lx.scratch)
	var hi int = -1
	for lx.pos < len(buf) {
		c := buf[lx.pos]
		lx.pos++
		if c == '>' {
			break
		}
		v := unhex(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			lx.scratch = append(lx.scratch, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		lx.scratch = append(lx.scratch, byte(hi<<4))
	}
	return operand{kind: kString, inScratch: true, lo: int32(start), hi: int32(len(lx.scratch))}
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func (lx *lexer) unescapeName(name []byte) operand {
	start := len(lx.scratch)
	for i := 0; i < len(name); i++ {
		if name[i] == '#' && i+2 < len(name) && unhex(name[i+1]) >= 0 && unhex(name[i+2]) >= 0 {
			lx.scratch = append(lx.scratch, byte(unhex(name[i+1])<<4|unhex(name[i+2])))
			i += 2
			continue
		}
		lx.scratch = append(lx.scratch, name[i])
	}
	return operand{kind: kName, inScratch: true, lo: int32(start), hi: int32(len(lx.scratch))}
}

// skipInlineImage skips the data after an ID operator up to and including
// the EI that ends it.
func (lx *lexer) skipInlineImage() {
	buf := lx.buf
	if lx.pos < len(buf) && charClass[buf[lx.pos]] == 1 {
		lx.pos++
	}
	for i := lx.pos; i+1 < len(buf); i++ {
		if buf[i] == 'E' && buf[i+1] == 'I' && (i == 0 || charClass[buf[i-1]] == 1) &&
			(i+2 == len(buf) || charClass[buf[i+2]] != 0) {
			lx.pos = i + 2
			return
		}
	}
	lx.pos = len(buf)
}

// num returns operand i of n operands on the stack as a number (0 if absent
// or not a number).
func (lx *lexer) num(i, n int) float64 {
	k := len(lx.stack) - n + i
	if k < 0 || k >= len(lx.stack) || lx.stack[k].kind != kNum {
		return 0
	}
	return lx.stack[k].num
}

// top returns the last operand, or a zero operand.
func (lx *lexer) top() operand {
	if len(lx.stack) == 0 {
		return operand{kind: kOther}
	}
	return lx.stack[len(lx.stack)-1]
}
