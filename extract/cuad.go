package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
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
	// Folds, when 2 or more, also splits the contracts into that many folds and
	// reports how far the headline figures move from fold to fold
	// (CUADReport.Spread); see cuadFoldOf for the split. Default 0: no folds; 1
	// is an error.
	Folds int
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
	// Values scores the terms against the CUAD categories whose answer is a
	// value, in cuadValueCategories order.
	Values []CUADValueScore `json:"values"`
	// Folds is CUADOptions.Folds when folds were asked for; FoldSizes holds the
	// contracts in each fold and Spread the figures' spread over the folds.
	Folds     int          `json:"folds,omitempty"`
	FoldSizes []int        `json:"fold_sizes,omitempty"`
	Spread    []CUADSpread `json:"spread,omitempty"`
}

// CUADValueScore is the exact-match score of one kind of term against a CUAD
// category whose answer is a value (a date, a duration, a jurisdiction).
type CUADValueScore struct {
	Category string   `json:"category"` // CUAD category ("Governing Law")
	Kind     TermKind `json:"kind"`     // the term compared with its answer ("governing_law")
	Answers  int      `json:"answers"`  // contracts with a non-empty answer
	Parsed   int      `json:"parsed"`   // of those, answers that parse as a value: n
	Matched  int      `json:"matched"`  // of those, contracts whose term equals the answer
	NoValue  int      `json:"no_value"` // of those, contracts with no term of Kind
	Share    float64  `json:"share"`    // Matched/Parsed, 0 when Parsed is 0
}

// CUADSpread is how much one figure moves over the folds: its value on all the
// contracts, its minimum and maximum over the folds where it is defined, and the
// largest distance between a fold's value and All.
type CUADSpread struct {
	Figure string  `json:"figure"` // "governing_law F1", "macro F1", "value Governing Law"
	All    float64 `json:"all"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	MaxDev float64 `json:"max_dev"`
	Folds  int     `json:"folds"` // folds where the figure is defined (it has contracts to count)
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
// Values. For each category of cuadValueCategories, a contract counts when its
// answer parses as a value of the category (see cuadValParse): it is matched when
// the document's first term of the category's kind equals one reading of the
// answer after normalisation (cuadValMatch), and a miss otherwise, NoValue
// counting the misses with no term of that kind. Share = Matched/Parsed.
//
// Folds. With o.Folds = K >= 2 each contract goes to fold cuadFoldOf(id, K), the
// figures are computed again on each fold alone, and Spread says, for the types
// of cuadFloorTypes (F1 and clause precision), the macro F1 and each value
// category, how far the folds' figures fall from the figure on all contracts.
// o.Folds of 1 or below 0 is an error.
func EvalCUAD(ctx context.Context, dir string, o *CUADOptions) (*CUADReport, error) {
	var opts CUADOptions
	if o != nil {
		opts = *o
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Folds == 1 || opts.Folds < 0 {
		return nil, fmt.Errorf("cuad: %d folds: want 0 (no folds) or at least 2", opts.Folds)
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
		c   cuadEvalContract
		err error
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
				r.c, r.err = evalCUADContract(ctx, dir, &rec, opts.Parse)
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

	var firstErr error
	var all []cuadEvalContract
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
		all = append(all, r.c)
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
	rep := cuadEvalSum(all)
	rep.Dir = dir
	if opts.Folds >= 2 {
		cuadEvalFolds(rep, all, opts.Folds)
	}
	return rep, nil
}

// cuadEvalContract is the score of one contract: one outcome per type of
// cuadEvalTypes and one per category of cuadValueCategories.
type cuadEvalContract struct {
	ID       string
	Outcomes []cuadEvalOutcome
	Values   []cuadValueOutcome
	Parse    time.Duration
}

// cuadEvalSum adds up the scores of the given contracts into a report (without
// Dir and folds).
func cuadEvalSum(cs []cuadEvalContract) *CUADReport {
	types := cuadEvalTypes()
	rep := &CUADReport{Types: make([]CUADTypeScore, len(types)), Values: make([]CUADValueScore, len(cuadValueCategories))}
	for i, ti := range types {
		rep.Types[i].Type = Taxonomy[ti].ID
		rep.Types[i].Categories = append([]string(nil), Taxonomy[ti].CUAD...)
	}
	for i, vc := range cuadValueCategories {
		rep.Values[i].Category, rep.Values[i].Kind = vc.Category, vc.Kind
	}
	var parseTime time.Duration
	for _, c := range cs {
		rep.Contracts++
		parseTime += c.Parse
		for i, o := range c.Outcomes {
			s := &rep.Types[i]
			s.Labelled += cuadEvalB2I(o.Labelled)
			s.Predicted += cuadEvalB2I(o.Predicted)
			s.TP += cuadEvalB2I(o.tp())
			s.FP += cuadEvalB2I(o.fp())
			s.FN += cuadEvalB2I(o.fn())
			s.Clauses += o.Clauses
			s.ClausesHit += o.ClausesHit
		}
		for i, v := range c.Values {
			s := &rep.Values[i]
			s.Answers += cuadEvalB2I(v.Answered)
			s.Parsed += cuadEvalB2I(v.Parsed)
			s.Matched += cuadEvalB2I(v.Parsed && v.Matched)
			s.NoValue += cuadEvalB2I(v.Parsed && v.NoValue)
		}
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
	for i := range rep.Values {
		rep.Values[i].Share = cuadEvalRatio(rep.Values[i].Matched, rep.Values[i].Parsed)
	}
	rep.MicroP, rep.MicroR, rep.MicroF1 = cuadEvalPRF(tp, fp, fn)
	if rep.Contracts > 0 {
		rep.MsPerContract = float64(parseTime) / float64(time.Millisecond) / float64(rep.Contracts)
	}
	return rep
}

// evalCUADContract reads, parses and scores one contract.
func evalCUADContract(ctx context.Context, dir string, rec *cuadEvalRecord, po *Options) (cuadEvalContract, error) {
	if rec.Txt == "" {
		return cuadEvalContract{}, fmt.Errorf("cuad: contract %q has no txt path", rec.ContractID)
	}
	path := filepath.Join(dir, filepath.FromSlash(rec.Txt))
	data, err := os.ReadFile(path)
	if err != nil {
		return cuadEvalContract{}, fmt.Errorf("cuad: %w", err)
	}
	start := time.Now()
	doc, err := Parse(ctx, path, data, po)
	elapsed := time.Since(start)
	if err != nil {
		if errors.Is(err, ErrCanceled) && ctx.Err() != nil {
			return cuadEvalContract{}, ctx.Err()
		}
		return cuadEvalContract{}, fmt.Errorf("cuad: %w", err)
	}
	id := rec.ContractID
	if id == "" {
		id = rec.Txt
	}
	return cuadEvalContract{
		ID:       id,
		Outcomes: scoreCUADContract(doc, rec.Labels),
		Values:   scoreCUADValues(doc, rec.Labels),
		Parse:    elapsed,
	}, nil
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

// WriteText writes the report as aligned tables: one row per type, the micro
// and macro scores, one row per value category and, when folds were asked for,
// the spread of the figures over the folds.
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
	fmt.Fprintf(w, "\n%d contracts in %s, %.2f ms/contract (Parse)\nmicro P %.3f  R %.3f  F1 %.3f   macro F1 %.3f (%d types)\n",
		r.Contracts, r.Dir, r.MsPerContract, r.MicroP, r.MicroR, r.MicroF1, r.MacroF1, len(r.Types))
	if len(r.Values) > 0 {
		fmt.Fprintf(w, "\nValues: exact match after normalisation, over the contracts whose CUAD answer parses (n)\n")
		fmt.Fprintf(tw, "category\tterm\tanswers\tn\tmatched\tshare\tno value\n")
		for _, v := range r.Values {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%.3f\t%d\n", v.Category, v.Kind, v.Answers, v.Parsed, v.Matched, v.Share, v.NoValue)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if r.Folds > 0 {
		fmt.Fprintf(w, "\nSpread over %d folds (contracts per fold: %s; a contract's fold is the FNV-1a hash of its id mod %d).\n"+
			"The rules were written against all of these contracts, so no fold is held out: the spread shows how much\n"+
			"a figure moves from sampling alone on a set of this size, the least to expect on contracts never seen.\n",
			r.Folds, cuadEvalInts(r.FoldSizes), r.Folds)
		fmt.Fprintf(tw, "figure\tall\tmin\tmax\tmax dev\tfolds\n")
		for _, s := range r.Spread {
			fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%d\n", s.Figure, s.All, s.Min, s.Max, s.MaxDev, s.Folds)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func cuadEvalInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, " ")
}

// WriteJSON writes the report as indented JSON.
func (r *CUADReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// cuadValueCategories are the CUAD categories whose answer is a value, with the
// kind of term compared with it and how the answer is read.
var cuadValueCategories = []struct {
	Category string
	Kind     TermKind
	Value    cuadValKind
}{
	{"Agreement Date", "agreement_date", cuadValKindDate},
	{"Effective Date", "effective_date", cuadValKindDate},
	{"Expiration Date", "expiration_date", cuadValKindDate},
	{"Renewal Term", "renewal_term", cuadValKindDuration},
	// The label key is the category name; only master_clauses.csv spells the answer
	// column "Notice Period To Terminate Renewal- Answer".
	{"Notice Period To Terminate Renewal", "renewal_notice_period", cuadValKindDuration},
	{"Governing Law", "governing_law", cuadValKindPlace},
}

// cuadValKind says how a CUAD answer is read.
type cuadValKind int

const (
	cuadValKindDate     cuadValKind = iota + 1 // Date readings
	cuadValKindDuration                        // Duration readings
	cuadValKindPlace                           // normalised jurisdiction names (string)
)

// cuadValueOutcome is the score of one (value category, contract) pair.
type cuadValueOutcome struct {
	Answered bool // the answer is not empty
	Parsed   bool // the answer parses as a value
	Matched  bool // the document's term equals one reading of the answer
	NoValue  bool // the document has no term of the category's kind
}

// scoreCUADValues scores the terms of one parsed contract against its labels,
// one outcome per category of cuadValueCategories, in that order.
func scoreCUADValues(doc *Document, labels map[string]cuadEvalLabel) []cuadValueOutcome {
	out := make([]cuadValueOutcome, len(cuadValueCategories))
	for i, vc := range cuadValueCategories {
		l, ok := labels[vc.Category]
		if !ok || strings.TrimSpace(l.Answer) == "" {
			continue
		}
		o := &out[i]
		o.Answered = true
		readings := cuadValParse(vc.Value, l.Answer)
		if len(readings) == 0 {
			continue
		}
		o.Parsed = true
		var term *Term
		for j := range doc.Terms {
			if doc.Terms[j].Kind == vc.Kind {
				term = &doc.Terms[j]
				break
			}
		}
		if term == nil {
			o.NoValue = true
			continue
		}
		o.Matched = cuadValMatch(vc.Value, readings, term.Value)
	}
	return out
}

// cuadValParse reads a CUAD answer as values of kind k: every reading the answer
// allows (an answer may list several, "6 months; 12 months"), nil when it states
// none ("perpetual", "[]/[]/2015"). The readings are Date, Duration or string (a
// normalised jurisdiction name) values.
func cuadValParse(k cuadValKind, answer string) []any {
	var out []any
	switch k {
	case cuadValKindDate:
		for _, d := range cuadValDates(answer) {
			out = append(out, d)
		}
	case cuadValKindDuration:
		for _, d := range cuadValDurations(answer) {
			out = append(out, d)
		}
	case cuadValKindPlace:
		for _, p := range cuadValPlaces(answer) {
			out = append(out, p)
		}
	}
	return out
}

// cuadValMatch reports whether a term value v (Date, Duration or string, as the
// Terms catalogue types it) equals one of the readings of kind k.
func cuadValMatch(k cuadValKind, readings []any, v any) bool {
	for _, r := range readings {
		switch k {
		case cuadValKindDate:
			if d, ok := v.(Date); ok && d == r.(Date) {
				return true
			}
		case cuadValKindDuration:
			if d, ok := v.(Duration); ok && cuadValSameDuration(d, r.(Duration)) {
				return true
			}
		case cuadValKindPlace:
			if s, ok := v.(string); ok && slices.Contains(cuadValPlaces(s), r.(string)) {
				return true
			}
		}
	}
	return false
}

// cuadValSplit splits an answer listing several values at any of seps, dropping
// empty parts.
func cuadValSplit(answer, seps string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(answer, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cuadValDates reads the dates of a CUAD date answer. CUAD writes dates m/d/yy or
// m/d/yyyy ("6/21/99", "12/31/2006"), several separated by ";"; a two-digit year
// 00–49 is 20xx and 50–99 is 19xx; a date whose first number cannot be a month
// ("31/01/2025") is read day-first. A part with a blank ("[]/[]/2015") or words
// ("perpetual") is not a date.
func cuadValDates(answer string) []Date {
	var out []Date
	for _, part := range cuadValSplit(answer, ";,") {
		f := strings.Split(part, "/")
		if len(f) != 3 {
			continue
		}
		var n [3]int
		ok := true
		for i, s := range f {
			s = strings.TrimSpace(s)
			v, err := strconv.Atoi(s)
			if err != nil || v < 0 || len(s) > 4 || (i < 2 && len(s) > 2) {
				ok = false
				break
			}
			n[i] = v
		}
		if !ok {
			continue
		}
		m, d, y := n[0], n[1], n[2]
		switch len(strings.TrimSpace(f[2])) {
		case 2:
			y += 1900
			if n[2] < 50 {
				y += 100
			}
		case 4:
		default:
			continue
		}
		if m > 12 && d <= 12 {
			m, d = d, m
		}
		if date := (Date{y, m, d}); date.Valid() {
			out = append(out, date)
		}
	}
	return out
}

// cuadValSuccessive are the words CUAD puts before a renewal period, as spelled
// in its answers.
var cuadValSuccessive = map[string]bool{"successive": true, "succesive": true, "sucessive": true}

// cuadValCounts are the number words CUAD answers write ("four successive 10 years").
var cuadValCounts = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

// cuadValDurations reads the periods of a CUAD duration answer. A period is a
// number and a unit ("30 days", "3 Months", "(6) months", "60) days", "0.5
// year"), after "successive" and after a count of renewals ("2 successive 10
// years" is P10Y, "2 5 years" P5Y); several periods separated by ";", "/" or ","
// are alternative readings ("180 days / 6 months"). "perpetual" and
// "successive [] years" are not periods.
func cuadValDurations(answer string) []Duration {
	var out []Duration
	for _, part := range cuadValSplit(answer, ";/,") {
		if d, ok := cuadValDuration(part); ok {
			out = append(out, d)
		}
	}
	return out
}

func cuadValDuration(s string) (Duration, bool) {
	var words []string
	for _, w := range strings.Fields(strings.NewReplacer("(", " ", ")", " ").Replace(strings.ToLower(s))) {
		if !cuadValSuccessive[w] {
			words = append(words, w)
		}
	}
	if len(words) < 2 || len(words) > 4 {
		return Duration{}, false
	}
	for _, w := range words[:len(words)-2] { // counts of renewals
		if _, ok := cuadValCount(w); !ok {
			return Duration{}, false
		}
	}
	num, unit := words[len(words)-2], strings.TrimSuffix(words[len(words)-1], "s")
	var x float64
	if n, ok := cuadValCount(num); ok {
		x = float64(n)
	} else if f, err := strconv.ParseFloat(num, 64); err == nil && strings.Contains(num, ".") {
		x = f
	} else {
		return Duration{}, false
	}
	whole := func(f float64) (int, bool) {
		n := int(math.Round(f))
		return n, n > 0 && math.Abs(f-float64(n)) < 1e-9
	}
	var d Duration
	var ok bool
	switch unit {
	case "year":
		if d.Years, ok = whole(x); !ok { // "0.5 year" is P6M
			d.Years = 0
			d.Months, ok = whole(12 * x)
		}
	case "month":
		d.Months, ok = whole(x)
	case "week":
		d.Weeks, ok = whole(x)
	case "day":
		d.Days, ok = whole(x)
	}
	return d, ok
}

// cuadValCount reads a whole count in digits or as a word of cuadValCounts.
func cuadValCount(w string) (int, bool) {
	if n, ok := cuadValCounts[w]; ok {
		return n, true
	}
	n, err := strconv.Atoi(w)
	return n, err == nil && n > 0
}

// cuadValSameDuration reports whether two periods are equal once years are
// folded into months and weeks into days (P12M = P1Y, P2W = P14D). Months are
// never folded into days (P30D is not P1M), and business days count as days:
// CUAD answers do not say "business".
func cuadValSameDuration(a, b Duration) bool {
	return 12*a.Years+a.Months == 12*b.Years+b.Months && 7*a.Weeks+a.Days == 7*b.Weeks+b.Days
}

// cuadValQualifiers are countries that CUAD and contracts add after a state or a
// province ("Ontario, Canada", "Texas, U.S.A."); they qualify, they do not name
// another jurisdiction.
var cuadValQualifiers = map[string]bool{
	"canada": true, "uk": true, "u.k.": true, "united kingdom": true,
	"usa": true, "u.s.a.": true, "us": true, "u.s.": true, "united states": true, "united states of america": true,
}

// cuadValPlacePrefixes are dropped before a jurisdiction's name.
var cuadValPlacePrefixes = []string{"the ", "state of ", "commonwealth of ", "province of ", "people's republic of ", "republic of "}

// cuadValPlaceAliases map a name to the name our normalisation gives the same
// law: English law is the law of England and Wales.
var cuadValPlaceAliases = map[string]string{
	"england": "england and wales", "wales": "england and wales",
	"usa": "united states", "u.s.a.": "united states", "united states of america": "united states",
}

// cuadValPlaces returns the jurisdictions a governing-law answer (or one of our
// governing_law values) names, normalised and lower-cased, nil when it names
// none. Jurisdictions are separated by ";" (",", unless what follows the comma
// is a country qualifying the name before it). Each is named by what findPlaces
// finds in it and also by its own words, lower-cased, without a leading "the",
// "State of", "Province of", "Republic of" or "People's Republic of", with the
// aliases of cuadValPlaceAliases applied: "State of New York" is "new york",
// "Ontario, Canada" is "ontario", "England" is "england and wales". A part
// with digits, brackets or more than four words names no jurisdiction ("the
// state in which the breach occurs", "[* * *]").
func cuadValPlaces(answer string) []string {
	var out []string
	add := func(name string) {
		if name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	for _, part := range cuadValSplit(answer, ";") {
		for _, p := range findPlaces(part) {
			add(cuadValPlaceName(p.Name))
		}
		for i, piece := range cuadValSplit(part, ",") {
			name := strings.Join(strings.Fields(strings.ToLower(piece)), " ")
			if i > 0 && cuadValQualifiers[name] {
				continue
			}
			add(cuadValPlaceName(name))
		}
	}
	return out
}

// cuadValPlaceName normalises one jurisdiction's name, "" when s does not look
// like one.
func cuadValPlaceName(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	s = strings.NewReplacer("’", "'").Replace(strings.TrimRight(s, " ."))
	if strings.ContainsAny(s, "0123456789[]*") {
		return ""
	}
	for _, p := range cuadValPlacePrefixes {
		s = strings.TrimPrefix(s, p)
	}
	if a, ok := cuadValPlaceAliases[s]; ok {
		s = a
	}
	if n := len(strings.Fields(s)); n == 0 || n > 4 {
		return ""
	}
	return s
}

// cuadFloorTypes are the clause types issue 3 sets floors for; the fold spread
// reports their figures.
var cuadFloorTypes = []ClauseType{
	"governing_law", "assignment", "expiration", "liability_cap", "insurance",
	"audit_rights", "renewal", "change_of_control", "renewal_notice", "termination_for_convenience",
}

// cuadFoldOf returns the fold, in [0, k), of the contract with the given id: the
// 32-bit FNV-1a hash of the id's bytes modulo k. It depends on nothing but the
// id, so a contract stays in its fold whatever the order of the labels file.
func cuadFoldOf(id string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(k))
}

// cuadEvalFigure is one figure the fold spread reports; ok is false when the
// figure is undefined on a report (nothing to count).
type cuadEvalFigure struct {
	name string
	get  func(r *CUADReport) (v float64, ok bool)
}

// cuadEvalFigures lists the figures of the fold spread: F1 and clause precision
// of each type of cuadFloorTypes, the macro F1 and the share of each value
// category.
func cuadEvalFigures() []cuadEvalFigure {
	var figs []cuadEvalFigure
	typeAt := func(r *CUADReport, t ClauseType) *CUADTypeScore {
		for i := range r.Types {
			if r.Types[i].Type == t {
				return &r.Types[i]
			}
		}
		return nil
	}
	for _, t := range cuadFloorTypes {
		figs = append(figs,
			cuadEvalFigure{string(t) + " F1", func(r *CUADReport) (float64, bool) {
				if s := typeAt(r, t); s != nil && s.TP+s.FP+s.FN > 0 {
					return s.F1, true
				}
				return 0, false
			}},
			cuadEvalFigure{string(t) + " clause P", func(r *CUADReport) (float64, bool) {
				if s := typeAt(r, t); s != nil && s.Clauses > 0 {
					return s.ClausePrecision, true
				}
				return 0, false
			}})
	}
	figs = append(figs, cuadEvalFigure{"macro F1", func(r *CUADReport) (float64, bool) {
		return r.MacroF1, r.Contracts > 0
	}})
	for i, vc := range cuadValueCategories {
		figs = append(figs, cuadEvalFigure{"value " + vc.Category, func(r *CUADReport) (float64, bool) {
			return r.Values[i].Share, r.Values[i].Parsed > 0
		}})
	}
	return figs
}

// cuadEvalFolds splits the contracts into k folds (cuadFoldOf), scores each fold
// alone and sets rep's Folds, FoldSizes and Spread.
func cuadEvalFolds(rep *CUADReport, all []cuadEvalContract, k int) {
	folds := make([][]cuadEvalContract, k)
	for _, c := range all {
		f := cuadFoldOf(c.ID, k)
		folds[f] = append(folds[f], c)
	}
	rep.Folds = k
	rep.FoldSizes = make([]int, k)
	reps := make([]*CUADReport, k)
	for i, f := range folds {
		rep.FoldSizes[i] = len(f)
		reps[i] = cuadEvalSum(f)
	}
	rep.Spread = nil
	for _, fig := range cuadEvalFigures() {
		v, _ := fig.get(rep)
		s := CUADSpread{Figure: fig.name, All: v}
		for _, fr := range reps {
			fv, ok := fig.get(fr)
			if !ok || fr.Contracts == 0 {
				continue
			}
			if s.Folds == 0 {
				s.Min, s.Max = fv, fv
			}
			s.Folds++
			s.Min, s.Max = min(s.Min, fv), max(s.Max, fv)
			s.MaxDev = max(s.MaxDev, math.Abs(fv-v))
		}
		rep.Spread = append(rep.Spread, s)
	}
}
