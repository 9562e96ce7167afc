package review

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/internal/atomicfile"
	"github.com/clm-engine/clm/obligation"
	"github.com/clm-engine/clm/playbook"
)

// AbstractHeader is the header row of the abstract, in column order; the CSV
// and the XLSX carry the same header and the same cell values.
var AbstractHeader = []string{
	"File", "Status", "Parties", "Agreement type", "Effective date", "Expiration date",
	"Auto-renewal", "Renewal term", "Non-renewal notice", "Next non-renewal deadline",
	"Assignment consent required", "Consent of", "Consent standard", "Change of control",
	"Termination for convenience", "Governing law", "Liability cap",
	"Accept", "Fallback", "Escalate", "Sign-off",
}

// Row is one document's line in the abstract, the consent-sweep spreadsheet a
// deal team works from. Every value is followed by the clause it comes from,
// by the number the document shows ("Delaware (§14.2)"), or by the part of the
// contract when the clause has no number ("2026-03-01 (preamble)"). An empty
// value is a term the contract does not state or extraction did not find.
type Row struct {
	File    string `json:"file"`              // the input, relative to its root (prefixed with the root's index on collision)
	Redline string `json:"redline,omitempty"` // the redline, relative to the output directory; empty when none was written
	// Status is "reviewed", or "refused: <reason>" / "failed: <reason>".
	Status                 string `json:"status"`
	Parties                string `json:"parties,omitempty"`
	AgreementType          string `json:"agreement_type,omitempty"`
	EffectiveDate          string `json:"effective_date,omitempty"`
	ExpirationDate         string `json:"expiration_date,omitempty"`
	AutoRenewal            string `json:"auto_renewal,omitempty"`
	RenewalTerm            string `json:"renewal_term,omitempty"`
	NoticePeriod           string `json:"notice_period,omitempty"`
	NextDeadline           string `json:"next_deadline,omitempty"`
	DeadlineNote           string `json:"deadline_note,omitempty"` // why NextDeadline is empty; not a column
	ConsentRequired        string `json:"consent_required,omitempty"`
	ConsentParty           string `json:"consent_party,omitempty"`
	ConsentStandard        string `json:"consent_standard,omitempty"`
	ChangeOfControl        string `json:"change_of_control,omitempty"`
	ConvenienceTermination string `json:"convenience_termination,omitempty"`
	GoverningLaw           string `json:"governing_law,omitempty"`
	LiabilityCap           string `json:"liability_cap,omitempty"`
	// Counts are the playbook outcomes (accept, fallback, escalate); nil when
	// the document was not reviewed.
	Counts  map[string]int `json:"counts,omitempty"`
	SignOff string         `json:"sign_off,omitempty"`
}

// cells returns the row's values in AbstractHeader's order; a count is an int
// (a number in the XLSX), or nil when the document was not reviewed.
func (r *Row) cells() []any {
	out := []any{r.File, r.Status, r.Parties, r.AgreementType, r.EffectiveDate, r.ExpirationDate,
		r.AutoRenewal, r.RenewalTerm, r.NoticePeriod, r.NextDeadline,
		r.ConsentRequired, r.ConsentParty, r.ConsentStandard, r.ChangeOfControl,
		r.ConvenienceTermination, r.GoverningLaw, r.LiabilityCap}
	for _, o := range []string{playbook.OutcomeAccept, playbook.OutcomeFallback, playbook.OutcomeEscalate} {
		if r.Counts == nil {
			out = append(out, nil)
		} else {
			out = append(out, r.Counts[o])
		}
	}
	out = append(out, r.SignOff)
	for i, v := range out {
		if s, ok := v.(string); ok {
			out[i] = safeCell(s)
		}
	}
	return out
}

// maxCell is the most characters a spreadsheet cell holds (Excel's limit).
const maxCell = 32767

// safeCell makes a value safe and equal in both formats: white space runs
// (newlines included) become one space, a value that a spreadsheet would take
// for a formula (=, +, -, @) gets a leading apostrophe, and the length is cut
// to what a cell holds.
func safeCell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		s = "'" + s
	}
	if len(s) > maxCell {
		cut := maxCell
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

// abstractRow builds the row of a reviewed document, and what its deadline is
// computed from; file and redline name it as the batch does, asOf dates the
// next non-renewal deadline.
func abstractRow(doc *extract.Document, rep *playbook.Report, file, redlinePath string, asOf extract.Date) (Row, *renewalJSON) {
	r := Row{File: file, Redline: redlinePath, Status: StatusReviewed, SignOff: rep.Summary.SignOff,
		Counts: map[string]int{}}
	for _, o := range []string{playbook.OutcomeAccept, playbook.OutcomeFallback, playbook.OutcomeEscalate} {
		r.Counts[o] = rep.Summary.Counts[o]
	}
	terms := map[extract.TermKind]extract.Term{}
	for _, t := range doc.Terms {
		if _, ok := terms[t.Kind]; !ok {
			terms[t.Kind] = t
		}
	}
	c := citer{doc: doc}
	part := func(kind extract.TermKind, format func(any) string) *citedPart {
		t, ok := terms[kind]
		if !ok {
			return nil
		}
		s := format(t.Value)
		if s == "" {
			return nil
		}
		return &citedPart{text: s, clause: t.Clause}
	}
	r.Parties = c.cell("; ", part("parties", fmtParties))
	r.AgreementType = agreementType(&c)
	r.EffectiveDate = c.cell("", part("effective_date", fmtValue))
	r.ExpirationDate = c.cell("", part("expiration_date", fmtValue))
	r.AutoRenewal = c.cell("", part("auto_renewal", fmtValue))
	r.RenewalTerm = c.cell("", part("renewal_term", fmtValue))
	r.NoticePeriod = c.cell("", part("renewal_notice_period", fmtValue))
	r.ConsentRequired = c.cell("", part("assignment_consent_required", fmtValue))
	r.ConsentParty = c.cell("", part("assignment_consent_party", fmtValue))
	r.ConsentStandard = c.cell("", part("assignment_consent_standard", fmtValue))
	cocParts := []*citedPart{part("change_of_control_triggers", fmtValue)}
	if p := cocParts[0]; p != nil {
		if holder := part("change_of_control_party", fmtValue); holder != nil {
			p.text += ", held by " + holder.text
		}
	}
	if t, ok := terms["assignment_change_of_control"]; ok && t.Value == true {
		cocParts = append(cocParts, &citedPart{text: "deemed an assignment", clause: t.Clause})
	}
	r.ChangeOfControl = c.cell("; ", cocParts...)
	r.ConvenienceTermination = c.cell(", ", part("convenience_termination_party", fmtValue),
		part("convenience_notice_period", func(v any) string {
			if s := fmtValue(v); s != "" {
				return s + "' notice"
			}
			return ""
		}))
	r.GoverningLaw = c.cell("", part("governing_law", fmtValue))
	r.LiabilityCap = c.cell(", ", part("liability_cap_amount", fmtValue), capMultiple(terms))

	ren := toRenewalJSON(obligation.RenewalFromTerms(doc.Terms), c.cite(terms["renewal_notice_period"].Clause))
	if _, ok := terms["renewal_notice_period"]; !ok {
		ren.Cite = ""
	}
	r.setDeadline(ren, asOf)
	return r, ren
}

// setDeadline dates the next non-renewal deadline as of asOf, or says in
// DeadlineNote why it cannot be dated.
func (r *Row) setDeadline(ren *renewalJSON, asOf extract.Date) {
	d, err := obligation.NonRenewalDeadline(ren.renewal(), asOf)
	var ue *obligation.UndatedError
	switch {
	case errors.As(err, &ue):
		r.NextDeadline, r.DeadlineNote = "", ue.Reason
	case err != nil:
		r.NextDeadline, r.DeadlineNote = "", err.Error()
	default:
		r.NextDeadline = d.Date.String() + ren.Cite
		r.DeadlineNote = fmt.Sprintf("%s before the term ending %s", obligation.Plain(extract.Duration(ren.NoticePeriod)), d.TermEnd)
		if d.Renewals > 0 {
			r.DeadlineNote += fmt.Sprintf(" (renewal term %d)", d.Renewals)
		}
	}
}

// capMultiple formats a cap stated as a multiple of the fees, with the period
// whose fees count.
func capMultiple(terms map[extract.TermKind]extract.Term) *citedPart {
	t, ok := terms["liability_cap_multiple"]
	if !ok {
		return nil
	}
	m, ok := t.Value.(float64)
	if !ok {
		return nil
	}
	s := strconv.FormatFloat(m, 'f', -1, 64) + "x the fees"
	if p, ok := terms["liability_cap_period"]; ok {
		if d := fmtValue(p.Value); d != "" {
			s += " of " + d
		}
	}
	return &citedPart{text: s, clause: t.Clause}
}

// agreementType is the kind of agreement the document's title names ("Master
// Services Agreement"), without exhibit labels and the parties; empty when the
// title names no kind of agreement.
func agreementType(c *citer) string {
	for i, cl := range c.doc.Clauses {
		if cl.Kind != extract.KindTitle {
			continue
		}
		t := strings.Join(strings.Fields(c.doc.Text(cl.Span)), " ")
		for {
			loc := exhibitLabel.FindStringIndex(t)
			if loc == nil {
				break
			}
			t = t[loc[1]:]
		}
		if loc := titleTail.FindStringIndex(t); loc != nil {
			t = t[:loc[0]]
		}
		t = strings.Trim(t, " -=_*:;,")
		if t == "" || len(t) > 100 || !agreementKind.MatchString(t) {
			continue
		}
		return c.cell("", &citedPart{text: t, clause: i})
	}
	return ""
}

var (
	exhibitLabel  = regexp.MustCompile(`(?i)^(?:exhibit|annex|schedule|appendix|attachment)\s+[\w.()\-]+\s*`)
	titleTail     = regexp.MustCompile(`(?i)\s+(?:by and between|between|among|dated|page \d|-{3,}|={3,})(?:\s|$)`)
	agreementKind = regexp.MustCompile(`(?i)\b(?:agreement|contract|addendum|amendment|licen[cs]e|lease|nda|order form|terms|letter|memorandum|safe|deed|plan|policy|statement of work|warrant|note)\b`)
)

// citedPart is one value of a cell and the clause (index) it comes from.
type citedPart struct {
	text   string
	clause int
}

type citer struct{ doc *extract.Document }

// cell joins the parts with sep; parts from one clause share one citation at
// the end, parts from different clauses each carry their own.
func (c *citer) cell(sep string, parts ...*citedPart) string {
	var ps []*citedPart
	for _, p := range parts {
		if p != nil && p.text != "" {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return ""
	}
	same := true
	for _, p := range ps[1:] {
		same = same && p.clause == ps[0].clause
	}
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.text
		if !same {
			texts[i] += c.cite(p.clause)
		}
	}
	s := strings.Join(texts, sep)
	if same {
		s += c.cite(ps[0].clause)
	}
	return s
}

// cite is " (§14.2)": the clause's number as the document shows it, or the
// part of the contract (" (preamble)"), or its heading, when it has none.
func (c *citer) cite(ci int) string {
	if ci < 0 || ci >= len(c.doc.Clauses) {
		return ""
	}
	cl := c.doc.Clauses[ci]
	if n := strings.TrimSuffix(strings.TrimSpace(cl.Number), "."); n != "" {
		return " (§" + n + ")"
	}
	switch cl.Kind {
	case extract.KindTitle, extract.KindPreamble, extract.KindRecitals, extract.KindSignature, extract.KindExhibit:
		return " (" + string(cl.Kind) + ")"
	}
	if h := strings.TrimSpace(cl.Heading); h != "" {
		return " (" + h + ")"
	}
	return " (unnumbered clause)"
}

func fmtParties(v any) string {
	ps, ok := v.([]extract.Party)
	if !ok {
		return ""
	}
	var out []string
	for _, p := range ps {
		s := p.Name
		if p.Role != "" && p.Role != p.Name {
			s += " (" + p.Role + ")"
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

// fmtValue writes a term's value for people: dates as YYYY-MM-DD, durations in
// words ("90 days"), yes or no, lists joined with commas, codes with spaces.
func fmtValue(v any) string {
	switch v := v.(type) {
	case extract.Date:
		if v.IsZero() {
			return ""
		}
		return v.String()
	case extract.Duration:
		return obligation.Plain(v)
	case bool:
		if v {
			return "Yes"
		}
		return "No"
	case string:
		return strings.ReplaceAll(v, "_", " ")
	case []string:
		out := make([]string, len(v))
		for i, s := range v {
			out[i] = strings.ReplaceAll(s, "_", " ")
		}
		return strings.Join(out, ", ")
	case extract.Money:
		return fmtMoney(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	}
	return ""
}

// fmtMoney writes "USD 1,000,000" (cents only when there are any).
func fmtMoney(m extract.Money) string {
	s := strconv.FormatFloat(m.Amount, 'f', 2, 64)
	s = strings.TrimSuffix(s, ".00")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 && whole[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	if m.Currency != "" {
		return m.Currency + " " + b.String()
	}
	return b.String()
}

// WriteAbstractCSV writes the header and one record per row as CSV (RFC 4180,
// CRLF line ends), with the cell values the XLSX has.
func WriteAbstractCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(AbstractHeader); err != nil {
		return fmt.Errorf("review: write abstract: %w", err)
	}
	rec := make([]string, len(AbstractHeader))
	for i := range rows {
		for j, v := range rows[i].cells() {
			switch v := v.(type) {
			case string:
				rec[j] = v
			case int:
				rec[j] = strconv.Itoa(v)
			default:
				rec[j] = ""
			}
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("review: write abstract: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("review: write abstract: %w", err)
	}
	return nil
}

// maxLinks is the most hyperlinks one worksheet holds.
const maxLinks = 65530

// WriteAbstractXLSX writes the abstract as an Excel workbook: one sheet with a
// bold, frozen header row, filters over every column, and in each row the
// file's cell linked to its redline at linkDir joined with Row.Redline (a
// relative linkDir makes the links relative to the workbook's folder).
func WriteAbstractXLSX(w io.Writer, rows []Row, linkDir string) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("review: write abstract: %w", cerr)
		}
	}()
	const sheet = "Abstract"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("review: write abstract: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("review: write abstract: %w", err)
	}
	link, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "1265BE", Underline: "single"}})
	if err != nil {
		return fmt.Errorf("review: write abstract: %w", err)
	}
	widths := []float64{48, 10, 40, 28, 22, 22, 14, 16, 20, 24, 16, 20, 26, 30, 30, 22, 26, 8, 9, 9, 11}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return fmt.Errorf("review: write abstract: %w", err)
		}
	}
	if err := f.SetSheetRow(sheet, "A1", &AbstractHeader); err != nil {
		return fmt.Errorf("review: write abstract: %w", err)
	}
	last, _ := excelize.CoordinatesToCellName(len(AbstractHeader), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return fmt.Errorf("review: write abstract: %w", err)
	}
	for i := range rows {
		cells := rows[i].cells()
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
			return fmt.Errorf("review: write abstract: %w", err)
		}
		if rows[i].Redline == "" || i >= maxLinks {
			continue
		}
		target := filepath.ToSlash(filepath.Join(linkDir, filepath.FromSlash(rows[i].Redline)))
		tip := "Open the redline"
		if err := f.SetCellHyperLink(sheet, cell, target, "External", excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
			return fmt.Errorf("review: write abstract: %w", err)
		}
		if err := f.SetCellStyle(sheet, cell, cell, link); err != nil {
			return fmt.Errorf("review: write abstract: %w", err)
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return fmt.Errorf("review: write abstract: %w", err)
	}
	last, _ = excelize.CoordinatesToCellName(len(AbstractHeader), len(rows)+1)
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("review: write abstract: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("review: write abstract: %w", err)
	}
	return nil
}

// WriteAbstract writes the abstract of a batch to path: XLSX or CSV by the
// name's extension (.xlsx, .csv), through a temporary file so that a reader
// never sees half of it. The XLSX links each row to its redline in outDir,
// relative to path's folder.
func WriteAbstract(path string, rows []Row, outDir string) error {
	var write func(io.Writer) error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		write = func(w io.Writer) error { return WriteAbstractCSV(w, rows) }
	case ".xlsx":
		linkDir, err := relDir(filepath.Dir(path), outDir)
		if err != nil {
			return fmt.Errorf("review: abstract %s: %w", path, err)
		}
		write = func(w io.Writer) error { return WriteAbstractXLSX(w, rows, linkDir) }
	default:
		return fmt.Errorf("review: abstract %s: the name must end in .xlsx or .csv", path)
	}
	return atomicfile.Write(path, write)
}

// relDir is to relative to from when both resolve, else to made absolute.
func relDir(from, to string) (string, error) {
	af, err := filepath.Abs(from)
	if err != nil {
		return "", err
	}
	at, err := filepath.Abs(to)
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel(af, at); err == nil {
		return r, nil
	}
	return at, nil
}
