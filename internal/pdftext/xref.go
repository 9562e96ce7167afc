package pdftext

import (
	"bytes"
	"fmt"
)

// maxXrefSections bounds the /Prev chain walked by checkXref.
const maxXrefSections = 1000

// checkXref walks the cross-reference sections from startxref along their
// /Prev chain, as ledongthuc/pdf will, and rejects two things the library
// does not survive: a /Prev chain that loops (it follows it forever) and
// object numbers far beyond what the file can hold (it allocates a table
// entry for each, up to gigabytes). Anything it cannot make sense of is left
// to the library.
func checkXref(data []byte) error {
	tail := max(0, len(data)-1024)
	i := bytes.LastIndex(data[tail:], []byte("startxref"))
	if i < 0 {
		return nil
	}
	off, _, ok := readInt(data, tail+i+len("startxref"))
	maxObj := 8*int64(len(data)) + 1<<16
	seen := map[int64]bool{}
	for ok && off > 0 && off < int64(len(data)) {
		if seen[off] || len(seen) >= maxXrefSections {
			return fmt.Errorf("%w: loop in the /Prev chain of cross-reference sections", ErrCorrupt)
		}
		seen[off] = true
		p := skipSpace(data, int(off))
		var dict []byte
		if bytes.HasPrefix(data[p:], []byte("xref")) {
			p += len("xref")
			for {
				start, q, ok1 := readInt(data, p)
				n, q2, ok2 := readInt(data, q)
				if !ok1 || !ok2 {
					break
				}
				if start < 0 || n < 0 || start+n > maxObj {
					return fmt.Errorf("%w: cross-reference subsection %d %d out of range", ErrCorrupt, start, n)
				}
				p = q2
				for range n {
					p = skipToken(data, skipToken(data, skipToken(data, p)))
				}
			}
			end := bytes.Index(data[p:], []byte("startxref"))
			if end < 0 {
				end = len(data) - p
			}
			dict = data[p : p+end]
		} else {
			end := bytes.Index(data[p:], []byte("stream"))
			if end < 0 {
				return nil
			}
			dict = data[p : p+end]
			if idx := bytes.Index(dict, []byte("/Index")); idx >= 0 {
				q := skipSpace(dict, idx+len("/Index"))
				if q < len(dict) && dict[q] == '[' {
					q++
					for {
						start, q1, ok1 := readInt(dict, q)
						n, q2, ok2 := readInt(dict, q1)
						if !ok1 || !ok2 {
							break
						}
						if start < 0 || n < 0 || start+n > maxObj {
							return fmt.Errorf("%w: cross-reference stream /Index %d %d out of range", ErrCorrupt, start, n)
						}
						q = q2
					}
				}
			}
		}
		if size, ok := dictInt(dict, "/Size"); ok && (size < 0 || size > maxObj) {
			return fmt.Errorf("%w: cross-reference /Size %d out of range", ErrCorrupt, size)
		}
		off, ok = dictInt(dict, "/Prev")
	}
	return nil
}

// dictInt finds "key N" in dict.
func dictInt(dict []byte, key string) (int64, bool) {
	for i := 0; ; {
		k := bytes.Index(dict[i:], []byte(key))
		if k < 0 {
			return 0, false
		}
		i += k + len(key)
		if i < len(dict) && charClass[dict[i]] == 0 {
			continue // a longer name, such as /Prevx
		}
		v, _, ok := readInt(dict, i)
		return v, ok
	}
}

func skipSpace(b []byte, p int) int {
	for p < len(b) {
		switch {
		case charClass[b[p]] == 1:
			p++
		case b[p] == '%':
			for p < len(b) && b[p] != '\n' && b[p] != '\r' {
				p++
			}
		default:
			return p
		}
	}
	return p
}

func skipToken(b []byte, p int) int {
	p = skipSpace(b, p)
	for p < len(b) && charClass[b[p]] == 0 {
		p++
	}
	return p
}

// readInt reads an unsigned integer after white space at p.
func readInt(b []byte, p int) (v int64, next int, ok bool) {
	p = skipSpace(b, p)
	start := p
	for p < len(b) && b[p] >= '0' && b[p] <= '9' && p-start < 18 {
		v = v*10 + int64(b[p]-'0')
		p++
	}
	if p == start || (p < len(b) && charClass[b[p]] == 0) {
		return 0, p, false
	}
	return v, p, true
}
