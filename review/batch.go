package review

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/internal/atomicfile"
	"github.com/clm-engine/clm/playbook"
	"github.com/clm-engine/clm/redline"
)

// BatchSchema names the JSON schema of summary.json.
const BatchSchema = "clm.batch/v1"

// LockFile is the file in OUTDIR a running Batch holds locked.
const LockFile = ".lock"

// ErrBusy reports that another Batch is writing into the output directory.
var ErrBusy = errors.New("another bulk review is writing into this directory")

// SummaryFile is the name of the summary Batch writes in its output directory.
const SummaryFile = "summary.json"

// Statuses of a batch input.
const (
	StatusReviewed  = "reviewed"          // reviewed now: redline and report written
	StatusUnchanged = "skipped-unchanged" // reviewed by an earlier run from the same content, playbook revision and engine
	StatusRefused   = "refused"           // not readable as a contract (the reason says why)
	StatusFailed    = "failed"            // read, but the review or writing its outputs failed
	StatusSkipped   = "skipped"           // not a .docx, .pdf or .txt file
	StatusCanceled  = "canceled"          // not done: the run was canceled
)

// BatchOptions configure Batch. The zero value reviews with the defaults of
// Options and redline.Options, one worker per CPU.
type BatchOptions struct {
	// Review configures each review (party, extraction limits).
	Review Options
	// Redline configures the redlines; a zero Date stamps them with AsOf at
	// midnight UTC, or, when AsOf is zero too, with redline's default.
	Redline redline.Options
	// Workers is how many documents are reviewed at once; default
	// runtime.NumCPU(). Memory grows with Workers, not with the number of
	// documents: each worker holds one document at a time.
	Workers int
	// Force reviews every input again, even those the state file says were
	// reviewed from the same content, playbook revision and engine.
	Force bool
	// AsOf is the day the abstract's next non-renewal deadlines are counted
	// from; zero leaves them undated ("no as-of date").
	AsOf extract.Date
	// Progress, when set, is called after each contract input, from one
	// goroutine at a time, in the order inputs finish.
	Progress func(Progress)
	Logger   *slog.Logger // nil discards
}

// Progress reports one finished input of a batch.
type Progress struct {
	Done, Total int // contract inputs finished and in all (skipped files are not counted)
	Entry       *Entry
}

// Summary is what a batch did, written to OUTDIR/summary.json: every input
// found, with its status, in the order the roots were walked.
type Summary struct {
	Schema   string                  `json:"schema"`
	Engine   string                  `json:"engine"`
	Playbook playbook.ReportPlaybook `json:"playbook"`
	AsOf     string                  `json:"as_of,omitempty"`
	Roots    []string                `json:"roots"`
	Counts   map[string]int          `json:"counts"` // inputs per status
	Inputs   []*Entry                `json:"inputs"`
}

// Entry is one input of a batch.
type Entry struct {
	Path string `json:"path"` // the file as found: its root joined with its path below the root
	// File is the input's name in the output directory: its path relative to
	// its root, with slashes, prefixed by the root's index ("2/nda.docx") when
	// two inputs would collide. Empty for skipped files.
	File   string `json:"file,omitempty"`
	Root   int    `json:"root"` // 1-based index of the root the input was found under
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"` // why it was refused, failed or skipped
	Code   string `json:"code,omitempty"`   // the extract error code of a refusal
	Format string `json:"format,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	// Redline and Report are the outputs, relative to the output directory.
	Redline  string `json:"redline,omitempty"`
	Report   string `json:"report,omitempty"`
	Abstract *Row   `json:"abstract,omitempty"` // nil for skipped and canceled inputs
}

// Failed reports whether any input was refused, failed or canceled.
func (s *Summary) Failed() bool {
	return s.Counts[StatusRefused]+s.Counts[StatusFailed]+s.Counts[StatusCanceled] > 0
}

// Rows returns the abstract's rows: one per contract input that was reviewed,
// refused or failed, in input order.
func (s *Summary) Rows() []Row {
	var rows []Row
	for _, e := range s.Inputs {
		if e.Abstract != nil {
			rows = append(rows, *e.Abstract)
		}
	}
	return rows
}

// input is one file found under a root.
type input struct {
	path string // as found
	root int    // 1-based
	rel  string // below the root, with slashes
	file string // name in the output directory; empty when skipped
	skip string // why the file is skipped; empty for a contract input
	err  error  // walking failed here
	size int64  // bytes, as found
}

// Batch reviews every contract under roots — files, and directories walked
// recursively (directories whose name starts with a dot are not entered) —
// against pb, writing for each input OUTDIR/<file>.redline.docx and
// OUTDIR/<file>.report.json, and OUTDIR/summary.json at the end. Files ending
// in .docx, .pdf or .txt (any case) are reviewed when their content is what
// the name says; other files are skipped. An input that cannot be read or
// reviewed is recorded in the summary and never stops the others.
//
// Batch keeps a state file in out (StateFile): a rerun skips inputs whose
// content, playbook revision and engine version are unchanged and whose
// outputs are still there, so an interrupted batch resumes where it stopped.
//
// The error is about the batch itself (out cannot be created or written, the
// state file cannot be read) or ctx's error when it was canceled; the summary
// is returned, and written, whenever out is usable.
func Batch(ctx context.Context, roots []string, out string, pb *playbook.Playbook, o *BatchOptions) (*Summary, error) {
	var opt BatchOptions
	if o != nil {
		opt = *o
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Redline.Date.IsZero() && !opt.AsOf.IsZero() {
		opt.Redline.Date = opt.AsOf.Time()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("review: batch: %w", err)
	}
	unlock, err := lockOut(out)
	if err != nil {
		return nil, err
	}
	defer unlock()
	st, err := openState(out)
	if err != nil {
		return nil, err
	}
	removeTemps(out)
	b := &batch{opt: opt, out: out, pb: pb, engine: Version(), state: st}
	inputs := walkRoots(roots, out)
	assignNames(inputs)

	sum := &Summary{Schema: BatchSchema, Engine: b.engine, Counts: map[string]int{},
		Playbook: playbook.ReportPlaybook{Name: pb.Name, Version: pb.Version, Revision: pb.Revision},
		Roots:    roots, Inputs: make([]*Entry, len(inputs))}
	if !opt.AsOf.IsZero() {
		sum.AsOf = opt.AsOf.String()
	}
	var work []int
	for i, in := range inputs {
		switch {
		case in.err != nil:
			sum.Inputs[i] = &Entry{Path: in.path, Root: in.root, Status: StatusFailed, Reason: in.err.Error()}
		case in.skip != "":
			sum.Inputs[i] = &Entry{Path: in.path, Root: in.root, Status: StatusSkipped, Reason: in.skip}
		default:
			work = append(work, i)
		}
	}

	// The biggest files go first: a big contract taken last would leave the
	// other workers idle while it finishes. Outputs and the summary keep the
	// input order.
	slices.SortStableFunc(work, func(a, b int) int { return cmp.Compare(inputs[b].size, inputs[a].size) })

	type result struct {
		i   int
		e   *Entry
		ren *renewalJSON
	}
	jobs := make(chan int)
	results := make(chan result, opt.Workers)
	for range min(opt.Workers, max(len(work), 1)) {
		go func() {
			for i := range jobs {
				e, ren := b.one(ctx, &inputs[i])
				results <- result{i, e, ren}
			}
		}()
	}
	go func() {
		for _, i := range work {
			jobs <- i
		}
		close(jobs)
	}()
	var stateErr error
	for done := 1; done <= len(work); done++ {
		r := <-results
		sum.Inputs[r.i] = r.e
		if r.e.Status == StatusReviewed {
			rec := &stateRecord{Playbook: pb.Revision, Engine: b.engine, Entry: *r.e, Renewal: r.ren}
			if err := st.append(rec); err != nil && stateErr == nil {
				stateErr = err
			}
		}
		opt.Logger.Debug("batch input", "path", r.e.Path, "status", r.e.Status, "reason", r.e.Reason)
		if opt.Progress != nil {
			opt.Progress(Progress{Done: done, Total: len(work), Entry: r.e})
		}
	}
	for _, e := range sum.Inputs {
		sum.Counts[e.Status]++
	}
	err = errors.Join(stateErr, st.close())
	if werr := atomicfile.Write(filepath.Join(out, SummaryFile), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(sum)
	}); werr != nil {
		err = errors.Join(err, fmt.Errorf("review: batch: %w", werr))
	}
	if ctx.Err() != nil {
		err = errors.Join(err, ctx.Err())
	}
	return sum, err
}

// batch is one Batch run: what its workers share. Workers only read it; the
// state's records are read-only once the workers start.
type batch struct {
	opt    BatchOptions
	out    string
	pb     *playbook.Playbook
	engine string
	state  *state
}

// one reviews one input and writes its outputs. It holds the input's bytes and
// document only while it runs.
func (b *batch) one(ctx context.Context, in *input) (e *Entry, ren *renewalJSON) {
	e = &Entry{Path: in.path, File: in.file, Root: in.root}
	defer func() {
		if r := recover(); r != nil {
			e.Status, e.Reason, ren = StatusFailed, fmt.Sprintf("internal error: %v", r), nil
			e.Abstract = &Row{File: e.File, Status: StatusFailed + ": " + e.Reason}
		}
	}()
	refuse := func(status, code, reason string) (*Entry, *renewalJSON) {
		e.Status, e.Code, e.Reason = status, code, reason
		if status != StatusCanceled {
			e.Abstract = &Row{File: e.File, Status: status + ": " + reason}
		}
		return e, nil
	}
	if ctx.Err() != nil {
		return refuse(StatusCanceled, "", "the run was canceled before this input")
	}
	data, err := readInput(in.path, b.maxBytes())
	if err != nil {
		var xe *extract.Error
		if errors.As(err, &xe) {
			return refuse(StatusRefused, xe.Code, extractReason(xe))
		}
		return refuse(StatusFailed, "", err.Error())
	}
	sum := sha256.Sum256(data)
	e.SHA256 = hex.EncodeToString(sum[:])
	if !b.opt.Force {
		if rec := b.state.lookup(b.out, in.file, e.SHA256, b.pb.Revision, b.engine); rec != nil {
			prev := rec.Entry
			prev.Path, prev.Root, prev.Status = in.path, in.root, StatusUnchanged
			if prev.Abstract != nil && rec.Renewal != nil {
				row := *prev.Abstract
				row.setDeadline(rec.Renewal, b.opt.AsOf)
				prev.Abstract = &row
			}
			return &prev, nil
		}
	}
	if reason := sniffMismatch(in.rel, data); reason != "" {
		return refuse(StatusRefused, extract.CodeFormat, reason)
	}
	res, err := Run(ctx, in.path, data, b.pb, &b.opt.Review)
	if err != nil {
		var xe *extract.Error
		switch {
		case ctx.Err() != nil:
			return refuse(StatusCanceled, "", "the run was canceled during this input")
		case errors.As(err, &xe):
			return refuse(StatusRefused, xe.Code, extractReason(xe))
		}
		return refuse(StatusFailed, "", err.Error())
	}
	data = nil
	e.Format = string(res.Document.Format)
	docx, _, err := res.Redline(b.pb, b.opt.Redline)
	if err != nil {
		return refuse(StatusFailed, "", "redline: "+err.Error())
	}
	var report bytes.Buffer
	if err := res.Report.WriteJSON(&report); err != nil {
		return refuse(StatusFailed, "", err.Error())
	}
	e.Redline, e.Report = in.file+".redline.docx", in.file+".report.json"
	if err := b.write(e.Redline, docx); err != nil {
		return refuse(StatusFailed, "", err.Error())
	}
	if err := b.write(e.Report, report.Bytes()); err != nil {
		return refuse(StatusFailed, "", err.Error())
	}
	row, ren := abstractRow(res.Document, res.Report, in.file, e.Redline, b.opt.AsOf)
	e.Status, e.Abstract = StatusReviewed, &row
	return e, ren
}

func (b *batch) maxBytes() int64 {
	if x := b.opt.Review.Extract; x != nil && x.MaxBytes > 0 {
		return x.MaxBytes
	}
	return 64 << 20 // extract's default
}

// write puts one output in place atomically, creating its folder.
func (b *batch) write(rel string, data []byte) error {
	p := filepath.Join(b.out, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	if err := atomicfile.Write(p, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// readInput reads a file of at most max bytes; a larger one is refused as
// extract would refuse it.
func readInput(p string, max int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %w", pathCause(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %w", pathCause(err))
	}
	if int64(len(data)) > max {
		return nil, &extract.Error{Name: p, Code: extract.CodeLimit,
			Err: fmt.Errorf("%w: file exceeds MaxBytes (%d)", extract.ErrLimit, max)}
	}
	return data, nil
}

func pathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// extractReason is the cause of an extract error without the file name (the
// entry names the file) and the package prefix.
func extractReason(e *extract.Error) string {
	return strings.TrimPrefix(e.Err.Error(), "extract: ")
}

// sniffMismatch says why a file's content is not what its name says, or ""
// when it is (or when extract will tell better: an OLE file named .docx is a
// legacy or password-protected Word file).
func sniffMismatch(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	head := data[:min(len(data), 1024)]
	zip := bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
	ole := bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
	pdf := bytes.Contains(head, []byte("%PDF-"))
	what := "neither a Word package nor a PDF"
	switch {
	case zip:
		what = "a zip package"
	case ole:
		what = "an OLE compound file (legacy Word?)"
	case pdf:
		what = "a PDF"
	case len(bytes.TrimSpace(data)) > 0 && bytes.IndexByte(data, 0) < 0:
		what = "plain text"
	}
	switch ext {
	case ".docx":
		if zip || ole || len(data) == 0 {
			return ""
		}
		return "named .docx but the content is " + what
	case ".pdf":
		if pdf || len(data) == 0 {
			return ""
		}
		return "named .pdf but the content is " + what + " (no %PDF- header)"
	case ".txt":
		if zip || ole || pdf {
			return "named .txt but the content is " + what
		}
	}
	return ""
}

// contractExt reports whether a file name is one Batch reviews.
func contractExt(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".pdf", ".txt":
		return true
	}
	return false
}

// walkRoots lists the files under roots in a fixed order: roots as given, each
// directory in lexical order. The output directory is never entered.
func walkRoots(roots []string, out string) []input {
	absOut, _ := filepath.Abs(out)
	var inputs []input
	add := func(p string, root int, rel string, info fs.FileInfo) {
		in := input{path: p, root: root, rel: filepath.ToSlash(rel), size: info.Size()}
		base := filepath.Base(p)
		switch {
		case !info.Mode().IsRegular():
			in.skip = "not a regular file"
		case !contractExt(base):
			in.skip = "not a .docx, .pdf or .txt file"
		case strings.HasPrefix(base, "~$"):
			in.skip = "a Word lock file"
		}
		inputs = append(inputs, in)
	}
	for ri, root := range roots {
		ri++
		info, err := os.Stat(root)
		if err != nil {
			inputs = append(inputs, input{path: root, root: ri, err: fmt.Errorf("cannot read: %w", pathCause(err))})
			continue
		}
		if !info.IsDir() {
			add(root, ri, filepath.Base(root), info)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				inputs = append(inputs, input{path: p, root: ri, err: fmt.Errorf("cannot read: %w", pathCause(err))})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != root && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				if abs, err := filepath.Abs(p); err == nil && abs == absOut {
					return fs.SkipDir
				}
				return nil
			}
			info, err := os.Stat(p) // follows a symbolic link to a file
			if err != nil {
				inputs = append(inputs, input{path: p, root: ri, err: fmt.Errorf("cannot read: %w", pathCause(err))})
				return nil
			}
			if info.IsDir() {
				inputs = append(inputs, input{path: p, root: ri, skip: "a symbolic link to a directory (not followed)"})
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				rel = filepath.Base(p)
			}
			add(p, ri, rel, info)
			return nil
		})
		if err != nil {
			inputs = append(inputs, input{path: root, root: ri, err: fmt.Errorf("cannot read: %w", err)})
		}
	}
	return inputs
}

// assignNames gives every contract input its name in the output directory:
// its path below its root, or, when two inputs would share that name (compared
// without case, for case-insensitive file systems), "<root index>/<path>". A
// name still taken gets "~2", "~3", ... before its extension; a file name too
// long for the outputs' suffixes is shortened (fitName).
func assignNames(inputs []input) {
	count := map[string]int{}
	for _, in := range inputs {
		if in.skip == "" && in.err == nil {
			count[strings.ToLower(in.rel)]++
		}
	}
	used := map[string]bool{}
	for i := range inputs {
		in := &inputs[i]
		if in.skip != "" || in.err != nil {
			continue
		}
		name := in.rel
		if count[strings.ToLower(in.rel)] > 1 {
			name = strconv.Itoa(in.root) + "/" + in.rel
		}
		name = fitName(name)
		if used[strings.ToLower(name)] {
			ext := path.Ext(name)
			stem := strings.TrimSuffix(name, ext)
			for n := 2; ; n++ {
				cand := stem + "~" + strconv.Itoa(n) + ext
				if !used[strings.ToLower(cand)] {
					name = cand
					break
				}
			}
		}
		used[strings.ToLower(name)] = true
		in.file = name
	}
}

// maxName is the longest file name most file systems take, in bytes.
const maxName = 255

// fitName shortens the last element of name when the longest output suffix
// would make it too long for a file system: its stem is cut at a rune boundary
// and followed by "~" and a hash of the whole name, so that it stays unique.
func fitName(name string) string {
	const suffix = len(".redline.docx") + len("~99") // room for the suffix and a "~n"
	dir, base := path.Split(name)
	if len(base)+suffix <= maxName {
		return name
	}
	ext := path.Ext(base)
	if len(ext) > 16 {
		ext = ""
	}
	sum := sha256.Sum256([]byte(name))
	tag := "~" + hex.EncodeToString(sum[:4])
	cut := maxName - suffix - len(tag) - len(ext)
	for cut > 0 && !utf8.RuneStart(base[cut]) {
		cut--
	}
	return dir + base[:cut] + tag + ext
}

// tempName matches the temporary files writeAtomic leaves behind when a run is
// killed between creating and renaming one.
var tempName = regexp.MustCompile(`^\..+\.(?:redline\.docx|report\.json|summary\.json)\.\d+$`)

// removeTemps deletes the temporary files a killed run left in out.
func removeTemps(out string) {
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && tempName.MatchString(d.Name()) {
			os.Remove(p)
		}
		return nil
	})
}
