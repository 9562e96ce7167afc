package pdftext

import (
	"bytes"
	"context"
	"errors"
	"io"
)

// errBudget ends a read that made ledongthuc/pdf read far more bytes than
// the file holds, which only happens when it loops (a /Prev chain or an
// object stream /Extends chain that points back at itself).
var errBudget = errors.New("pdftext: read budget exceeded (loop in the file structure?)")

// abort is panicked from inside the library's calls into our io.ReaderAt
// and from our own loops to stop a read: on cancellation, on a loop, or when
// a limit is hit. It implements runtime.Error so that the library's
// readObjectRecover, which swallows parse errors but re-panics runtime
// errors, lets it through.
type abort struct{ err error }

func (a abort) Error() string { return a.err.Error() }
func (abort) RuntimeError()   {}
func (a abort) Unwrap() error { return a.err }

// source is the io.ReaderAt the library reads the file through. It patches
// the header so that the library's strict check accepts PDF 2.0 and headers
// without a line end, checks ctx, and stops runaway reading.
type source struct {
	ctx    context.Context
	data   []byte
	header []byte // replacement for data[:len(header)], or nil
	read   int64
	budget int64
}

// newSource trims junk before "%PDF-" and after the last "%%EOF", which
// readers tolerate and the library does not.
func newSource(ctx context.Context, data []byte) *source {
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i > 0 {
		data = data[i:]
	}
	tail := data[max(0, len(data)-4096):]
	if i := bytes.LastIndex(tail, []byte("%%EOF")); i >= 0 {
		data = data[:len(data)-len(tail)+i+5]
	}
	s := &source{ctx: ctx, data: data, budget: 1<<30 + 256*int64(len(data))}
	if len(data) >= 9 && bytes.HasPrefix(data, []byte("%PDF-")) {
		ok := data[5] == '1' && data[6] == '.' && data[7] >= '0' && data[7] <= '7' &&
			(data[8] == '\r' || data[8] == '\n')
		if !ok {
			s.header = []byte("%PDF-1.7\n")
		}
	}
	return s
}

func (s *source) size() int64 { return int64(len(s.data)) }

// ReadAt implements io.ReaderAt.
func (s *source) ReadAt(p []byte, off int64) (int, error) {
	if err := s.ctx.Err(); err != nil {
		panic(abort{err})
	}
	s.read += int64(len(p))
	if s.read > s.budget {
		panic(abort{errBudget})
	}
	if off < 0 {
		return 0, errors.New("pdftext: negative offset")
	}
	if off >= int64(len(s.data)) {
		return 0, io.EOF
	}
	n := copy(p, s.data[off:])
	if s.header != nil && off < int64(len(s.header)) {
		copy(p, s.header[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
