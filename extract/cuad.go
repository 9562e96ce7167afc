package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"
)

// CUADOptions configures EvalCUAD; the zero value and a nil *CUADOptions use the
// defaults.
type CUADOptions struct {
	Workers int      // contracts parsed in parallel; default runtime.NumCPU()
	Parse   *Options // passed to Parse
}

// CUADTypeScore is the score of one clause type against its CUAD categories.
type CUADTypeScore struct {
	Type            ClauseType `json:"type"`
	Categories      []string   `json:"categories"` // CUAD categories mapped to the type
	Labelled        int        `json:"labelled"`   // contracts with a label in one of Categories
	Predicted       int        `json:"predicted"`  // contracts where some clause has the type
	TP              int        `json:"tp"`
	FP              int        `json:"fp"`
	FN              int        `json:"fn"`
	Precision       float64    `json:"precision"`
	Recall          float64    `json:"recall"`
	F1              float64    `json:"f1"`
	Clauses         int        `json:"clauses"`     // clauses given the type, over all contracts
	ClausesHit      int        `json:"clauses_hit"` // of those, clauses that hold labelled words
	ClausePrecision float64    `json:"clause_precision"`
}

// CUADReport is the result of EvalCUAD.
type CUADReport struct {
	Dir           string          `json:"dir"`
	Contracts     int             `json:"contracts"`
	Types         []CUADTypeScore `json:"types"` // Taxonomy order, only types with CUAD categories
	MicroP        float64         `json:"micro_precision"`
	MicroR        float64         `json:"micro_recall"`
	MicroF1       float64         `json:"micro_f1"`
	MacroF1       float64         `json:"macro_f1"`
	MsPerContract float64         `json:"ms_per_contract"` // mean wall time of Parse per contract
}

// cuadEvalRecord is one line of CUAD labels*.jsonl (shared/corpus/MANIFEST.md).
type cuadEvalRecord struct {
	ContractID string                   `json:"contract_id"`
	Txt        string                   `json:"txt"`
	Labels     map[string]cuadEvalLabel `json:"labels"`
}

// cuadEvalLabel is the label of one CUAD category in one contract. Spans[i] holds the
// pieces of Excerpts[i] located in the txt file.
type cuadEvalLabel struct {
	Answer   string           `json:"answer"`
	Excerpts []string         `json:"excerpts"`
	Spans    [][]cuadEvalSpan `json:"spans"`
}

// cuadEvalSpan is one piece of an excerpt; ByteStart/ByteEnd are UTF-8 byte offsets
// into the txt file, end exclusive.
type cuadEvalSpan struct {
	Start     int `json:"start"`
	End       int `json:"end"`
	ByteStart int `json:"byte_start"`
	ByteEnd   int `json:"byte_end"`
}

// cuadEvalTypes returns the indexes in Taxonomy of the types with CUAD categories.
func cuadEvalTypes() []int {
	var idx []int
	for i, t := range Taxonomy {
		if len(t.CUAD) > 0 {
			idx = append(idx, i)
		}
	}
	return idx
}

// cuadEvalOutcome is the score of one (type, contract) pair.
type cuadEvalOutcome struct {
	Labelled, Predicted, Located bool
	Clauses, ClausesHit          int
}

func (c cuadEvalOutcome) tp() bool { return c.Labelled && c.Predicted && c.Located }
func (c cuadEvalOutcome) fp() bool { return c.Predicted && !(c.Labelled && c.Located) }
func (c cuadEvalOutcome) fn() bool { return c.Labelled && !(c.Predicted && c.Located) }

// cuadEvalRange is a range of bytes in a source file, end exclusive.
type cuadEvalRange struct{ start, end int }

// EvalCUAD scores the clause types Parse gives against the CUAD labels in dir.
//
// dir holds exactly one labels*.jsonl file (one JSON object per contract; see
// shared/corpus/MANIFEST.md) and, for each contract, its text at dir/<txt>. Each
// text is parsed with Parse by o.Workers goroutines and scored as soon as it is
// parsed; documents are not kept.
//
// The measure. For each contract and each type T of Taxonomy with CUAD categories
// (non_solicit has two; the others one):
//
//   - words of an excerpt are the maximal runs of Unicode letters and digits inside
//     the byte spans (byte_start, byte_end) of its pieces; an excerpt may have
//     several pieces. A word falls inside a byte range when it lies wholly in it.
//   - the byte range of a clause is [Start.Byte, End.Byte) of its anchor in
//     NewReport, which maps normalised text offsets back to the file's bytes.
//   - labelled: at least one excerpt is labelled in one of T's categories.
//   - predicted: some clause has T in its Types.
//   - located: for at least one labelled excerpt of T, at least half of the
//     excerpt's words (and at least one) fall inside the union of the byte ranges of
//     the clauses typed T. An excerpt without words is never located.
//   - TP = labelled && predicted && located; FP = predicted && !(labelled && located);
//     FN = labelled && !(predicted && located). A type given only to clauses away
//     from its labels thus counts both as a FP and a FN.
//
// Precision = TP/(TP+FP), Recall = TP/(TP+FN), F1 their harmonic mean; each is 0
// when its denominator is 0. Micro scores sum TP, FP and FN over all (type,
// contract) pairs; MacroF1 is the mean F1 over the mapped types (30).
//
// Clause precision: a clause typed T holds labelled words when at least
// min(3, n) words of some excerpt of T, n being that excerpt's word count (n > 0),
// fall inside the clause's own byte range. ClausePrecision = ClausesHit/Clauses,
// 0 when no clause has the type.
//
// TODO: score the values CUAD gives as answers (dates, governing law, renewal
// terms...) once extraction produces values; only clause types are scored here.
func EvalCUAD(ctx context.Context, dir string, o *CUADOptions) (*CUADReport, error) {
	var opts CUADOptions
	if o != nil {
		opts = *o
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	matches, err := filepath.Glob(filepath.Join(dir, "labels*.jsonl"))
	if err != nil {
		return nil, err
	}
	switch len(matches) {
	case 0:
		return nil, fmt.Errorf("cuad: no labels*.jsonl in %s", dir)
	case 1:
	default:
		return nil, fmt.Errorf("cuad: %d labels*.jsonl files in %s, want one", len(matches), dir)
	}
	f, err := os.Open(matches[0])
	if err != nil {
		return nil, fmt.Errorf("cuad: %w", err)
	}
	defer f.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		outcomes []cuadEvalOutcome
		parse    time.Duration
		err      error
	}
	records := make(chan cuadEvalRecord)
	results := make(chan result)
	var readErr error
	go func() { // reader: one record at a time
		defer close(records)
		dec := json.NewDecoder(bufio.NewReader(f))
		for n := 1; ; n++ {
			var rec cuadEvalRecord
			if err := dec.Decode(&rec); err == io.EOF {
				return
			} else if err != nil {
				readErr = fmt.Errorf("cuad: %s: record %d: %w", matches[0], n, err)
				return
			}
			select {
			case records <- rec:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rec := range records {
				var r result
				r.outcomes, r.parse, r.err = evalCUADContract(ctx, dir, &rec, opts.Parse)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	types := cuadEvalTypes()
	rep := &CUADReport{Dir: dir, Types: make([]CUADTypeScore, len(types))}
	for i, ti := range types {
		rep.Types[i].Type = Taxonomy[ti].ID
		rep.Types[i].Categories = append([]string(nil), Taxonomy[ti].CUAD...)
	}
	var firstErr error
	var parseTime time.Duration
	for r := range results {
		if r.err != nil {
			if firstErr == nil {
				firstErr = r.err
				cancel()
			}
			continue
		}
		if firstErr != nil {
			continue
		}
		rep.Contracts++
		parseTime += r.parse
		for i, c := range r.outcomes {
			s := &rep.Types[i]
			s.Labelled += cuadEvalB2I(c.Labelled)
			s.Predicted += cuadEvalB2I(c.Predicted)
			s.TP += cuadEvalB2I(c.tp())
			s.FP += cuadEvalB2I(c.fp())
			s.FN += cuadEvalB2I(c.fn())
			s.Clauses += c.Clauses
			s.ClausesHit += c.ClausesHit
		}
	}
	// results is closed: every worker and the reader are done.
	if firstErr != nil {
		return nil, firstErr
	}
	if readErr != nil {
		return nil, readErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var tp, fp, fn int
	for i := range rep.Types {
		s := &rep.Types[i]
		s.Precision, s.Recall, s.F1 = cuadEvalPRF(s.TP, s.FP, s.FN)
		s.ClausePrecision = cuadEvalRatio(s.ClausesHit, s.Clauses)
		tp, fp, fn = tp+s.TP, fp+s.FP, fn+s.FN
		rep.MacroF1 += s.F1
	}
	if len(rep.Types) > 0 {
		rep.MacroF1 /= float64(len(rep.Types))
	}
	rep.MicroP, rep.MicroR, rep.MicroF1 = cuadEvalPRF(tp, fp, fn)
	if rep.Contracts > 0 {
		rep.MsPerContract = float64(parseTime) / float64(time.Millisecond) / float64(rep.Contracts)
	}
	return rep, nil
}

// evalCUADContract reads, parses and scores one contract.
func evalCUADContract(ctx context.Context, dir string, rec *cuadEvalRecord, po *Options) ([]cuadEvalOutcome, time.Duration, error) {
	if rec.Txt == "" {
		return nil, 0, fmt.Errorf("cuad: contract %q has no txt path", rec.ContractID)
	}
	path := filepath.Join(dir, filepath.FromSlash(rec.Txt))
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, fmt.Errorf("cuad: %w", err)
	}
	start := time.Now()
	doc, err := Parse(ctx, path, data, po)
	elapsed := time.Since(start)
	if err != nil {
		if errors.Is(err, ErrCanceled) && ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		return nil, 0, fmt.Errorf("cuad: %w", err)
	}
	return scoreCUADContract(doc, rec.Labels), elapsed, nil
}

// scoreCUADContract scores one parsed contract against its labels, one outcome per
// type of cuadEvalTypes, in that order. See EvalCUAD for the measure.
func scoreCUADContract(doc *Document, labels map[string]cuadEvalLabel) []cuadEvalOutcome {
	types := cuadEvalTypes()
	out := make([]cuadEvalOutcome, len(types))
	rep := NewReport(doc)
	ranges := make([]cuadEvalRange, len(doc.Clauses))
	for i := range rep.Clauses {
		a := rep.Clauses[i].Anchor
		if a.Start.Byte != nil && a.End.Byte != nil && *a.Start.Byte < *a.End.Byte {
			ranges[i] = cuadEvalRange{*a.Start.Byte, *a.End.Byte}
		}
	}
	for k, ti := range types {
		info := &Taxonomy[ti]
		var excerpts [][]cuadEvalRange // words of each labelled excerpt of the type
		for _, cat := range info.CUAD {
			l, ok := labels[cat]
			if !ok {
				continue
			}
			n := max(len(l.Excerpts), len(l.Spans))
			for i := range n {
				var pieces []cuadEvalSpan
				if i < len(l.Spans) {
					pieces = l.Spans[i]
				}
				excerpts = append(excerpts, cuadEvalWords(doc.Source, pieces))
			}
		}
		c := &out[k]
		c.Labelled = len(excerpts) > 0
		var typed []cuadEvalRange
		for i := range doc.Clauses {
			if !cuadEvalHasType(&doc.Clauses[i], info.ID) {
				continue
			}
			c.Predicted = true
			c.Clauses++
			r := ranges[i]
			if r.end > r.start {
				typed = append(typed, r)
			}
			for _, words := range excerpts {
				if len(words) > 0 && cuadEvalInside(words, []cuadEvalRange{r}) >= min(3, len(words)) {
					c.ClausesHit++
					break
				}
			}
		}
		union := cuadEvalMerge(typed)
		for _, words := range excerpts {
			if len(words) > 0 && 2*cuadEvalInside(words, union) >= len(words) {
				c.Located = true
				break
			}
		}
	}
	return out
}

func cuadEvalHasType(c *Clause, t ClauseType) bool {
	for _, tag := range c.Types {
		if tag.Type == t {
			return true
		}
	}
	return false
}

// cuadEvalWords returns the byte ranges of the words (maximal runs of letters and
// digits) inside the pieces of an excerpt, clamped to src.
func cuadEvalWords(src []byte, pieces []cuadEvalSpan) []cuadEvalRange {
	var words []cuadEvalRange
	for _, p := range pieces {
		from, to := clamp(p.ByteStart, len(src)), clamp(p.ByteEnd, len(src))
		start := -1
		for i := from; i < to; {
			r, size := utf8.DecodeRune(src[i:to])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if start < 0 {
					start = i
				}
			} else if start >= 0 {
				words = append(words, cuadEvalRange{start, i})
				start = -1
			}
			i += size
		}
		if start >= 0 {
			words = append(words, cuadEvalRange{start, to})
		}
	}
	return words
}

// cuadEvalMerge returns the union of rs as sorted, disjoint ranges.
func cuadEvalMerge(rs []cuadEvalRange) []cuadEvalRange {
	if len(rs) == 0 {
		return nil
	}
	s := append([]cuadEvalRange(nil), rs...)
	sort.Slice(s, func(i, j int) bool { return s[i].start < s[j].start })
	out := s[:1]
	for _, r := range s[1:] {
		last := &out[len(out)-1]
		if r.start <= last.end {
			last.end = max(last.end, r.end)
		} else {
			out = append(out, r)
		}
	}
	return out
}

// cuadEvalInside counts the words lying wholly in one of the sorted, disjoint ranges.
func cuadEvalInside(words, union []cuadEvalRange) int {
	n := 0
	for _, w := range words {
		i := sort.Search(len(union), func(i int) bool { return union[i].end >= w.end })
		if i < len(union) && union[i].start <= w.start {
			n++
		}
	}
	return n
}

func cuadEvalB2I(b bool) int {
	if b {
		return 1
	}
	return 0
}

func cuadEvalRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// cuadEvalPRF returns precision, recall and F1, each 0 when undefined.
func cuadEvalPRF(tp, fp, fn int) (p, r, f1 float64) {
	p, r = cuadEvalRatio(tp, tp+fp), cuadEvalRatio(tp, tp+fn)
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// WriteText writes the report as an aligned table, one row per type, then the
// micro and macro scores.
func (r *CUADReport) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "type\tlabelled\tpredicted\tTP\tFP\tFN\tP\tR\tF1\tclauses\thit\tclauseP\n")
	for _, s := range r.Types {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%d\t%d\t%.3f\n",
			s.Type, s.Labelled, s.Predicted, s.TP, s.FP, s.FN, s.Precision, s.Recall, s.F1,
			s.Clauses, s.ClausesHit, s.ClausePrecision)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d contracts in %s, %.2f ms/contract (Parse)\nmicro P %.3f  R %.3f  F1 %.3f   macro F1 %.3f (%d types)\n",
		r.Contracts, r.Dir, r.MsPerContract, r.MicroP, r.MicroR, r.MicroF1, r.MacroF1, len(r.Types))
	return err
}

// WriteJSON writes the report as indented JSON.
func (r *CUADReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
