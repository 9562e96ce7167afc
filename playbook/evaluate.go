package playbook

import (
	"errors"
	"fmt"
	"maps"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/clm-engine/clm/extract"
	"github.com/expr-lang/expr/vm"
)

// Schema is the schema name of a review report.
const Schema = "clm.review/v1"

// Report is the outcome of reviewing one document against one playbook: the
// clm.review/v1 record that the CLI, bulk review and the HTTP API all write.
type Report struct {
	Schema    string         `json:"schema"`
	Engine    ReportEngine   `json:"engine"`
	Document  ReportDocument `json:"document"`
	Playbook  ReportPlaybook `json:"playbook"`
	Party     Perspective    `json:"party"`
	Decisions []*Decision    `json:"decisions"`
	Summary   Summary        `json:"summary"`
}

// ReportEngine names the engine that wrote a report.
type ReportEngine struct {
	Version string `json:"version"`
}

// ReportDocument names the reviewed document.
type ReportDocument struct {
	Name   string `json:"name"`
	Format string `json:"format"`
	SHA256 string `json:"sha256"`
}

// ReportPlaybook names the playbook: its label and the hash of its file.
type ReportPlaybook struct {
	Name     string `json:"name"`
	Version  string `json:"version"`
	Revision string `json:"revision"`
}

// Perspective says which of the contract's parties is us, which is them, and how
// that was decided.
type Perspective struct {
	Resolved bool `json:"resolved"`
	// How is "option" (Options.Party), "aliases" (the playbook's parties) or
	// "unresolved".
	How    string    `json:"how"`
	Us     *PartyRef `json:"us"`
	Them   *PartyRef `json:"them"`
	Reason string    `json:"reason"`
}

// PartyRef is one contracting party as the report names it.
type PartyRef struct {
	Name string `json:"name"` // legal name
	Term string `json:"term"` // the defined term {{us}} or {{them}} becomes
}

// Decision is the record of one rule judged on one clause (or on the absence
// of its clause type): replayable from its inputs.
type Decision struct {
	ID        string `json:"id"`     // "<rule>@<clause id>", or "<rule>@missing"
	Rule      string `json:"rule"`   // rule id
	Clause    string `json:"clause"` // clause id; empty when the clause type is missing
	Number    string `json:"number"` // the clause number as displayed
	Outcome   string `json:"outcome"`
	Position  string `json:"position"` // "standard", a fallback's name, "insert missing clause", or the escalation role
	Authority string `json:"authority"`
	// Jurisdiction names the governing law whose variant of the rule applied.
	Jurisdiction string         `json:"jurisdiction,omitempty"`
	Reasons      []string       `json:"reasons"`
	Inputs       map[string]any `json:"inputs"` // term kind → value read (null: not found)
	Edits        []TextEdit     `json:"edits"`
	Evidence     []Evidence     `json:"evidence"`
}

// TextEdit is one change to a clause's text (extract.Document.Text of its
// span): code points Start to End are replaced by Insert. With NewClause set the
// edit inserts Insert as a new clause after the clause (Start = End = its end).
type TextEdit struct {
	Clause    string `json:"clause"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Delete    string `json:"delete"`
	Insert    string `json:"insert"`
	NewClause bool   `json:"new_clause,omitempty"`
}

// Evidence is the words a term was read from.
type Evidence struct {
	Term   string       `json:"term"`
	Clause string       `json:"clause"`
	Quote  string       `json:"quote"`
	Span   extract.Span `json:"span"`
}

// Summary is the review at a glance.
type Summary struct {
	// SignOff is the highest authority any decision needs, in the order of the
	// playbook's authority map.
	SignOff string         `json:"sign_off"`
	Counts  map[string]int `json:"counts"`
	Reasons []string       `json:"reasons"`
}

// Evaluate judges every rule of pb against doc: one decision per rule and clause
// of the rule's type, or one for the rule's missing clause type. It does not
// modify doc or pb, and never panics: an internal error becomes a summary
// reason. Options.Party names our side; the other fields of opt are unused here
// except Engine.
func Evaluate(doc *extract.Document, pb *Playbook, opt Options) (r *Report) {
	o := opt.withDefaults()
	r = &Report{
		Schema:    Schema,
		Engine:    ReportEngine{Version: o.Engine},
		Document:  ReportDocument{Name: doc.Name, Format: string(doc.Format), SHA256: doc.SHA256},
		Playbook:  ReportPlaybook{Name: pb.Name, Version: pb.Version, Revision: pb.Revision},
		Decisions: []*Decision{},
	}
	defer func() {
		if p := recover(); p != nil {
			r.Summary.Reasons = append(r.Summary.Reasons, fmt.Sprintf("internal error: %v; the review is incomplete", p))
			r.Summary.SignOff = evHighestRole(pb)
		}
	}()
	ev := newEvaluator(doc, pb, &o, false)
	r.Party = ev.persp
	r.Decisions = ev.run()
	r.Summary = ev.summary(r.Decisions)
	return r
}

// evaluator holds the per-document state of one Evaluate call.
type evaluator struct {
	doc   *extract.Document
	pb    *Playbook
	env   Env
	vm    vm.VM
	vals  map[extract.TermKind]any
	terms map[extract.TermKind]*extract.Term
	persp Perspective
	law   string
	texts map[int][]rune
	byTyp map[extract.ClauseType][]int
	// edited holds, per clause index, the word-aligned ranges decisions edit.
	edited map[int][]evRange
	// synthetic marks a test document made of typed terms without clause text:
	// edits that cannot be placed and an unresolved perspective do not escalate.
	synthetic bool
	// base is the environment of the document's terms; own caches each judged
	// clause's environment (useClause); pinned are the kinds a test gives,
	// which a clause's own terms never replace.
	base   *evState
	own    map[int]*evState
	pinned map[extract.TermKind]bool
}

type evRange struct {
	start, end int
	by         string
}

func newEvaluator(doc *extract.Document, pb *Playbook, o *Options, synthetic bool) *evaluator {
	ev := &evaluator{
		doc: doc, pb: pb, synthetic: synthetic,
		vals:   make(map[extract.TermKind]any),
		terms:  make(map[extract.TermKind]*extract.Term),
		texts:  make(map[int][]rune),
		byTyp:  make(map[extract.ClauseType][]int),
		edited: make(map[int][]evRange),
	}
	for i := range doc.Terms {
		t := &doc.Terms[i]
		if t.Value == nil || ev.vals[t.Kind] != nil {
			continue
		}
		if ev.env.set(t.Kind, t.Value) {
			ev.vals[t.Kind] = t.Value
			ev.terms[t.Kind] = t
		}
	}
	if s, ok := ev.vals["governing_law"].(string); ok {
		ev.law = s
	}
	for i := range doc.Clauses {
		for _, tt := range doc.Clauses[i].Types {
			ev.byTyp[tt.Type] = append(ev.byTyp[tt.Type], i)
		}
	}
	ev.persp = resolvePerspective(ev.vals["parties"], pb, o.Party)
	if ev.persp.Us != nil {
		ev.env.Us = ev.persp.Us.Term
	}
	if ev.persp.Them != nil {
		ev.env.Them = ev.persp.Them.Term
	}
	ev.base = &evState{env: ev.env, vals: ev.vals, terms: ev.terms}
	return ev
}

// evState is the expression environment with the term values behind it: the
// document's terms, or a clause's own terms over them.
type evState struct {
	env   Env
	vals  map[extract.TermKind]any
	terms map[extract.TermKind]*extract.Term
}

// useClause sets the environment for judging clause ci: the document's terms,
// with the terms the clause states itself (extract.ClauseTerms) in their place,
// so that a contract's second assignment clause is judged on its own words.
// Terms a test gives are kept as given.
func (ev *evaluator) useClause(ci int) {
	if ev.synthetic {
		return
	}
	st := ev.own[ci]
	if st == nil {
		st = ev.base
		if own := extract.ClauseTerms(ev.doc, ci); len(own) > 0 {
			st = &evState{env: ev.base.env, vals: maps.Clone(ev.base.vals), terms: maps.Clone(ev.base.terms)}
			for i := range own {
				t := &own[i]
				if ev.pinned[t.Kind] || t.Value == nil {
					continue
				}
				if st.env.set(t.Kind, t.Value) {
					st.vals[t.Kind] = t.Value
					st.terms[t.Kind] = t
				}
			}
		}
		if ev.own == nil {
			ev.own = make(map[int]*evState)
		}
		ev.own[ci] = st
	}
	ev.env, ev.vals, ev.terms = st.env, st.vals, st.terms
}

// useDocument sets the environment back to the document's terms.
func (ev *evaluator) useDocument() {
	ev.env, ev.vals, ev.terms = ev.base.env, ev.base.vals, ev.base.terms
}

func (ev *evaluator) text(ci int) []rune {
	if t, ok := ev.texts[ci]; ok {
		return t
	}
	t := []rune(ev.doc.Text(ev.doc.Clauses[ci].Span))
	ev.texts[ci] = t
	return t
}

// run decides every rule, in playbook order, each over its clauses in document order.
func (ev *evaluator) run() []*Decision {
	out := []*Decision{}
	for _, r := range ev.pb.Rules {
		cls := ev.byTyp[r.Clause]
		if len(cls) == 0 {
			if d := ev.missing(r); d != nil {
				out = append(out, d)
			}
			continue
		}
		for _, ci := range cls {
			if d := ev.decide(r, ci); d != nil {
				out = append(out, d)
			}
		}
	}
	return out
}

// evCall is the result of running one expression.
type evCall struct {
	ok      bool               // the expression ran
	value   bool               // its result
	missing []extract.TermKind // terms it needs that were not found
	err     error              // a run-time error
}

// eval runs c, recording the terms it reads in d. A term that is nil and not
// guarded in c (compared with nil or defaulted with ??) stops it: the caller
// escalates with "term not found".
func (ev *evaluator) eval(c *Cond, d *Decision) evCall {
	var res evCall
	for _, ref := range c.refs {
		v := ev.vals[ref.Kind]
		if _, seen := d.Inputs[string(ref.Kind)]; !seen {
			d.Inputs[string(ref.Kind)] = v
			if t := ev.terms[ref.Kind]; t != nil {
				d.Evidence = append(d.Evidence, ev.evidence(t))
			}
		}
		if v == nil && !ref.Guarded {
			res.missing = append(res.missing, ref.Kind)
		}
	}
	if len(res.missing) > 0 {
		return res
	}
	if c.usesParty && !ev.persp.Resolved && !ev.synthetic {
		res.err = errors.New("it reads us or them, and the perspective is unresolved: " + ev.persp.Reason)
		return res
	}
	out, err := ev.vm.Run(c.prog, &ev.env)
	if err != nil {
		res.err = err
		for _, ref := range c.refs {
			if ev.vals[ref.Kind] == nil {
				res.missing = append(res.missing, ref.Kind)
			}
		}
		return res
	}
	res.ok = true
	res.value, _ = out.(bool)
	return res
}

func (ev *evaluator) evidence(t *extract.Term) Evidence {
	e := Evidence{Term: string(t.Kind), Quote: ev.doc.Text(t.Evidence), Span: t.Evidence}
	if t.Clause >= 0 && t.Clause < len(ev.doc.Clauses) {
		e.Clause = ev.doc.Clauses[t.Clause].ID
	}
	return e
}

// describe writes what an expression read, for a reason: "(renewal.notice_period = P90D)".
func (ev *evaluator) describe(c *Cond) string {
	if len(c.refs) == 0 {
		return ""
	}
	parts := make([]string, len(c.refs))
	for i, ref := range c.refs {
		parts[i] = ref.Path + " = " + evValue(ev.vals[ref.Kind])
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// evValue formats a term value for a lawyer.
func evValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "not found"
	case string:
		return strconv.Quote(v)
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case extract.Duration:
		s := v.String()
		if v.Business {
			s += " business"
		}
		return fmt.Sprintf("%s (%d days)", s, v.ApproxDays())
	case extract.Date:
		return v.String()
	case extract.Money:
		return v.String()
	case []string:
		if len(v) == 0 {
			return "none"
		}
		return "[" + strings.Join(v, ", ") + "]"
	case []extract.Party:
		names := make([]string, len(v))
		for i, p := range v {
			names[i] = p.Name
			if p.Role != "" {
				names[i] += " (" + p.Role + ")"
			}
		}
		return "[" + strings.Join(names, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// stop turns an expression that could not be judged into an escalation.
func (ev *evaluator) stop(d *Decision, r *Rule, esc *Escalation, what string, res evCall) *Decision {
	cause := "The rule cannot be judged on this contract."
	for _, k := range res.missing {
		d.Reasons = append(d.Reasons, "term not found: "+string(k))
	}
	if res.err != nil {
		d.Reasons = append(d.Reasons, fmt.Sprintf("%s could not be evaluated: %s", what, strings.SplitN(res.err.Error(), "\n", 2)[0]))
	}
	return ev.escalate(d, r, esc, cause)
}

// evNoFallback is the reason of an escalation where no fallback applies.
const evNoFallback = "No fallback position applies."

// escalate finishes d as an escalation.
func (ev *evaluator) escalate(d *Decision, r *Rule, esc *Escalation, reason string) *Decision {
	d.Outcome = OutcomeEscalate
	d.Edits = []TextEdit{}
	if reason != "" {
		d.Reasons = append(d.Reasons, reason)
	}
	to := ""
	if esc != nil {
		to = esc.To
	}
	if to == "" {
		to = ev.lowest(OutcomeEscalate)
	}
	d.Authority, d.Position = to, to
	// The rule's own reason explains escalations where no position fits; an
	// escalation because a term, a phrase or the perspective is missing says so
	// in its own reasons.
	if esc != nil && esc.Reason != "" && (reason == "" || reason == evNoFallback) {
		d.Reasons = append(d.Reasons, "Escalated to "+evOr(to, "a reviewer")+": "+esc.Reason+".")
	} else {
		d.Reasons = append(d.Reasons, "Escalated to "+evOr(to, "a reviewer")+".")
	}
	return d
}

func evOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// lowest returns the first role of the authority map allowed outcome.
func (ev *evaluator) lowest(outcome string) string {
	for _, role := range ev.pb.Authority {
		for _, o := range role.Outcomes {
			if o == outcome {
				return role.Name
			}
		}
	}
	return ""
}

func (ev *evaluator) newDecision(r *Rule, id, clause, number string) *Decision {
	return &Decision{ID: r.ID + "@" + id, Rule: r.ID, Clause: clause, Number: number,
		Reasons: []string{}, Inputs: map[string]any{}, Edits: []TextEdit{}, Evidence: []Evidence{}}
}

// positions returns the rule's positions, or its variant for the governing law.
func (ev *evaluator) positions(r *Rule, d *Decision) Positions {
	p := r.Positions
	if ev.law == "" {
		return p
	}
	for _, j := range r.Jurisdictions {
		if !strings.EqualFold(j.Law, ev.law) {
			continue
		}
		d.Jurisdiction = j.Law
		if _, seen := d.Inputs["governing_law"]; !seen {
			d.Inputs["governing_law"] = ev.law
			if t := ev.terms["governing_law"]; t != nil {
				d.Evidence = append(d.Evidence, ev.evidence(t))
			}
		}
		d.Reasons = append(d.Reasons, fmt.Sprintf("The contract is governed by the law of %s: the rule's %s positions apply.", ev.law, j.Law))
		if j.Accept != nil {
			p.Accept = j.Accept
		}
		if j.HasFallbacks {
			p.Fallbacks = j.Fallbacks
		}
		if j.Escalate != nil {
			p.Escalate = j.Escalate
		}
		break
	}
	return p
}

// decide judges rule r on clause ci; nil when the rule's when does not hold.
func (ev *evaluator) decide(r *Rule, ci int) *Decision {
	c := &ev.doc.Clauses[ci]
	d := ev.newDecision(r, c.ID, c.ID, c.Number)
	ev.useClause(ci)
	ev.env.Text = string(ev.text(ci))
	types := make([]string, len(c.Types))
	for i, t := range c.Types {
		types[i] = string(t.Type)
	}
	ev.env.Clause = EnvClause{ID: c.ID, Number: c.Number, Heading: c.Heading, Types: types}
	if r.When != nil {
		res := ev.eval(r.When, d)
		if !res.ok {
			return ev.stop(d, r, r.Escalate, "The rule's condition "+r.When.Source, res)
		}
		if !res.value {
			return nil
		}
		d.Reasons = append(d.Reasons, fmt.Sprintf("The rule applies: %s holds%s.", r.When.Source, ev.describe(r.When)))
	}
	p := ev.positions(r, d)
	if p.Accept != nil {
		res := ev.eval(p.Accept, d)
		if !res.ok {
			return ev.stop(d, r, p.Escalate, "The standard position "+p.Accept.Source, res)
		}
		if res.value {
			d.Outcome, d.Position, d.Authority = OutcomeAccept, PositionStandard, ev.lowest(OutcomeAccept)
			d.Reasons = append(d.Reasons, fmt.Sprintf("Standard position met: %s holds%s.", p.Accept.Source, ev.describe(p.Accept)))
			return d
		}
		d.Reasons = append(d.Reasons, fmt.Sprintf("Standard position not met: %s is false%s.", p.Accept.Source, ev.describe(p.Accept)))
	}
	for _, fb := range p.Fallbacks {
		if fb.When != nil {
			res := ev.eval(fb.When, d)
			if !res.ok {
				return ev.stop(d, r, p.Escalate, fmt.Sprintf("The condition of fallback %q, %s,", fb.Name, fb.When.Source), res)
			}
			if !res.value {
				d.Reasons = append(d.Reasons, fmt.Sprintf("Fallback %q does not apply: %s is false%s.", fb.Name, fb.When.Source, ev.describe(fb.When)))
				continue
			}
			d.Reasons = append(d.Reasons, fmt.Sprintf("Fallback %q applies: %s holds%s.", fb.Name, fb.When.Source, ev.describe(fb.When)))
		} else {
			d.Reasons = append(d.Reasons, fmt.Sprintf("Fallback %q applies.", fb.Name))
		}
		if evUsesParty(fb) && !ev.persp.Resolved && !ev.synthetic {
			return ev.escalate(d, r, p.Escalate, fmt.Sprintf("Fallback %q names the parties as {{us}} or {{them}}, and the perspective is unresolved: %s", fb.Name, ev.persp.Reason))
		}
		edit, problem := ev.editFor(ci, fb)
		if problem != "" {
			return ev.escalate(d, r, p.Escalate, problem)
		}
		if edit != nil {
			if other := ev.overlap(ci, edit, d.ID); other != "" {
				return ev.escalate(d, r, p.Escalate, fmt.Sprintf("Fallback %q would edit words that decision %s already edits.", fb.Name, other))
			}
			d.Edits = append(d.Edits, *edit)
		}
		d.Outcome, d.Position = OutcomeFallback, fb.Name
		d.Authority = evOr(fb.Authority, ev.lowest(OutcomeFallback))
		return d
	}
	if len(p.Fallbacks) > 0 {
		return ev.escalate(d, r, p.Escalate, evNoFallback)
	}
	return ev.escalate(d, r, p.Escalate, "")
}

// evUsesParty reports whether a fallback's edit or text names {{us}} or {{them}}.
func evUsesParty(fb *Fallback) bool {
	t := fb.Text
	if fb.Edit != nil {
		t += fb.Edit.Replace + fb.Edit.With
	}
	return strings.Contains(t, "{{us}}") || strings.Contains(t, "{{them}}")
}

// subst replaces {{us}} and {{them}} with the contract's defined terms.
func (ev *evaluator) subst(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	if ev.persp.Us != nil {
		s = strings.ReplaceAll(s, "{{us}}", ev.persp.Us.Term)
	}
	if ev.persp.Them != nil {
		s = strings.ReplaceAll(s, "{{them}}", ev.persp.Them.Term)
	}
	return s
}

// editFor builds the edit of a fallback on clause ci; problem says why it
// cannot be placed. A fallback with neither edit nor text (impossible after
// Load) edits nothing.
func (ev *evaluator) editFor(ci int, fb *Fallback) (edit *TextEdit, problem string) {
	c := &ev.doc.Clauses[ci]
	text := ev.text(ci)
	switch {
	case fb.Edit != nil:
		phrase := []rune(ev.subst(fb.Edit.Replace))
		starts := evFind(text, phrase)
		if ev.synthetic && len(starts) != 1 {
			return nil, ""
		}
		switch len(starts) {
		case 0:
			return nil, fmt.Sprintf("The phrase %q of fallback %q is not in the clause, so the edit cannot be made.", string(phrase), fb.Name)
		case 1:
		default:
			return nil, fmt.Sprintf("The phrase %q of fallback %q occurs %d times in the clause; an edit must match exactly once.", string(phrase), fb.Name, len(starts))
		}
		s := starts[0]
		return &TextEdit{Clause: c.ID, Start: s, End: s + len(phrase), Delete: string(text[s : s+len(phrase)]), Insert: ev.subst(fb.Edit.With)}, ""
	case fb.Text != "":
		b := evBodyStart(c, text)
		return &TextEdit{Clause: c.ID, Start: b, End: len(text), Delete: string(text[b:]), Insert: ev.subst(fb.Text)}, ""
	}
	return nil, ""
}

// overlap records e's word-aligned range for clause ci, or returns the id of
// an earlier decision whose edit overlaps it.
func (ev *evaluator) overlap(ci int, e *TextEdit, id string) string {
	text := ev.text(ci)
	s, t := e.Start, e.End
	for s > 0 && evWordRune(text[s-1]) && (s == len(text) || evWordRune(text[s])) {
		s--
	}
	for t < len(text) && t > 0 && evWordRune(text[t]) && evWordRune(text[t-1]) {
		t++
	}
	for _, r := range ev.edited[ci] {
		if s < r.end && r.start < t || s == t && r.start <= s && s <= r.end {
			return r.by
		}
	}
	ev.edited[ci] = append(ev.edited[ci], evRange{s, t, id})
	return ""
}

func evWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// evNorm folds the quote, dash and space variants contracts use into one form,
// rune for rune, so that offsets survive.
func evNorm(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '`':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	case '\n', '\t', '\u00A0', '\u2007', '\u202F':
		return ' '
	}
	return r
}

// evFind returns the rune offsets where phrase occurs in text after
// normalisation; matches may not overlap.
func evFind(text, phrase []rune) []int {
	if len(phrase) == 0 {
		return nil
	}
	var out []int
	for i := 0; i+len(phrase) <= len(text); i++ {
		ok := true
		for j, p := range phrase {
			if evNorm(text[i+j]) != evNorm(p) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
			i += len(phrase) - 1
		}
	}
	return out
}

// evBodyStart is the offset where a clause's body starts: after its typed
// number and its run-in or separate heading.
func evBodyStart(c *extract.Clause, text []rune) int {
	i := 0
	skip := func(set string) {
		for i < len(text) && (unicode.IsSpace(text[i]) || strings.ContainsRune(set, text[i])) {
			i++
		}
	}
	skip("")
	if n := []rune(c.Number); len(n) > 0 && evHasPrefixFold(text[i:], n) {
		i += len(n)
		skip(".)")
	}
	if h := []rune(c.Heading); len(h) > 0 && evHasPrefixFold(text[i:], h) {
		i += len(h)
		skip(".:-\u2013\u2014")
	}
	return min(i, len(text))
}

func evHasPrefixFold(s, prefix []rune) bool {
	if len(s) < len(prefix) {
		return false
	}
	return strings.EqualFold(string(s[:len(prefix)]), string(prefix))
}

// missing decides a rule whose clause type the contract does not have.
func (ev *evaluator) missing(r *Rule) *Decision {
	d := ev.newDecision(r, "missing", "", "")
	ev.useDocument()
	ev.env.Text = ""
	ev.env.Clause = EnvClause{}
	name := strings.ReplaceAll(string(r.Clause), "_", " ")
	// A when that reads the clause (text, clause) picks clauses of the type and
	// cannot speak to their absence; only one on document terms guards it.
	switch {
	case r.When == nil:
	case r.When.usesClause:
		d.Reasons = append(d.Reasons, fmt.Sprintf("The rule's condition %s reads the clause, and there is no %s clause: the condition does not guard the missing position.", r.When.Source, name))
	default:
		res := ev.eval(r.When, d)
		if !res.ok {
			return ev.stop(d, r, r.Escalate, "The rule's condition "+r.When.Source, res)
		}
		if !res.value {
			return nil
		}
		d.Reasons = append(d.Reasons, fmt.Sprintf("The rule applies: %s holds%s.", r.When.Source, ev.describe(r.When)))
	}
	if r.Missing == nil {
		return ev.escalate(d, r, r.Escalate, fmt.Sprintf("The contract has no %s clause, and the rule has no position for a missing one.", name))
	}
	if r.Missing.Accept {
		d.Outcome, d.Position = OutcomeAccept, PositionMissingAccepted
		d.Authority = evOr(r.Missing.Authority, ev.lowest(OutcomeAccept))
		reason := fmt.Sprintf("The contract has no %s clause, and the playbook accepts its absence", name)
		if r.Missing.Reason != "" {
			reason += ": " + strings.TrimRight(r.Missing.Reason, ".")
		}
		d.Reasons = append(d.Reasons, reason+".")
		return d
	}
	if ev.persp.Resolved || ev.synthetic || !strings.Contains(r.Missing.Text, "{{") {
		// placeable
	} else {
		return ev.escalate(d, r, r.Escalate, "The inserted clause names the parties, and the perspective is unresolved: "+ev.persp.Reason)
	}
	anchor, where := ev.anchor(r.Missing.InsertAfter)
	d.Outcome, d.Position = OutcomeFallback, PositionMissing
	d.Authority = evOr(r.Missing.Authority, ev.lowest(OutcomeFallback))
	if anchor < 0 {
		d.Reasons = append(d.Reasons, fmt.Sprintf("The contract has no %s clause; the playbook's clause is to be added (the document has no clauses to place it after).", name))
		return d
	}
	c := &ev.doc.Clauses[anchor]
	end := len(ev.text(anchor))
	d.Edits = append(d.Edits, TextEdit{Clause: c.ID, Start: end, End: end, Insert: ev.subst(r.Missing.Text), NewClause: true})
	d.Reasons = append(d.Reasons, fmt.Sprintf("The contract has no %s clause; the playbook's clause is inserted %s.", name, where))
	return d
}

// anchor finds the clause to insert after: the last clause of type after, or
// the last body clause ("end", or when the contract has no such clause).
func (ev *evaluator) anchor(after string) (int, string) {
	if after != "end" {
		if cls := ev.byTyp[extract.ClauseType(after)]; len(cls) > 0 {
			ci := cls[len(cls)-1]
			return ci, fmt.Sprintf("after clause %s (%s)", evClauseName(&ev.doc.Clauses[ci]), strings.ReplaceAll(after, "_", " "))
		}
	}
	last := -1
	for i := range ev.doc.Clauses {
		switch ev.doc.Clauses[i].Kind {
		case extract.KindClause, extract.KindDefinition:
			last = i
		}
	}
	if last < 0 && len(ev.doc.Clauses) > 0 {
		last = len(ev.doc.Clauses) - 1
	}
	if last < 0 {
		return -1, ""
	}
	where := fmt.Sprintf("at the end of the body, after clause %s", evClauseName(&ev.doc.Clauses[last]))
	if after != "end" {
		where = fmt.Sprintf("at the end of the body, after clause %s, as the contract has no %s clause", evClauseName(&ev.doc.Clauses[last]), strings.ReplaceAll(after, "_", " "))
	}
	return last, where
}

func evClauseName(c *extract.Clause) string {
	if c.Number != "" {
		return strings.TrimSuffix(c.Number, ".")
	}
	return c.ID
}

// summary counts outcomes and finds the sign-off level.
func (ev *evaluator) summary(ds []*Decision) Summary {
	return summarise(ev.pb, ev.persp, ds)
}

// summarise counts the outcomes, finds the sign-off level and collects the
// reasons a reader needs first.
func summarise(pb *Playbook, persp Perspective, ds []*Decision) Summary {
	s := Summary{Counts: map[string]int{OutcomeAccept: 0, OutcomeFallback: 0, OutcomeEscalate: 0}, Reasons: []string{}}
	rank := make(map[string]int)
	for i, role := range pb.Authority {
		rank[role.Name] = i + 1
	}
	best := 0
	for _, d := range ds {
		s.Counts[d.Outcome]++
		if rk := rank[d.Authority]; rk > best {
			best, s.SignOff = rk, d.Authority
		}
	}
	if !persp.Resolved {
		s.Reasons = append(s.Reasons, "Perspective unresolved: "+persp.Reason)
	}
	for _, d := range ds {
		if d.Authority == s.SignOff && s.SignOff != "" && d.Outcome != OutcomeAccept {
			s.Reasons = append(s.Reasons, fmt.Sprintf("%s needs %s: %s", d.ID, s.SignOff, d.Reasons[len(d.Reasons)-1]))
		}
	}
	for _, d := range ds {
		if d.Outcome == OutcomeEscalate && d.Authority != s.SignOff {
			s.Reasons = append(s.Reasons, fmt.Sprintf("%s escalates to %s: %s", d.ID, evOr(d.Authority, "a reviewer"), d.Reasons[len(d.Reasons)-1]))
		}
	}
	if len(ds) == 0 {
		s.Reasons = append(s.Reasons, "No rule of the playbook applies to this contract.")
	}
	return s
}

func evHighestRole(pb *Playbook) string {
	if len(pb.Authority) == 0 {
		return ""
	}
	return pb.Authority[len(pb.Authority)-1].Name
}

// resolvePerspective decides which party is us: the party named by party when
// given, else the one whose defined terms match the playbook's us aliases.
func resolvePerspective(v any, pb *Playbook, party string) Perspective {
	parties, _ := v.([]extract.Party)
	p := Perspective{How: "unresolved"}
	if len(parties) == 0 {
		p.Reason = "the contract's parties were not found"
		return p
	}
	matches := func(pt extract.Party, names ...string) bool {
		for _, n := range names {
			n = strings.TrimSpace(n)
			if n == "" {
				continue
			}
			if strings.EqualFold(pt.Name, n) || strings.EqualFold(pt.Role, n) {
				return true
			}
			for _, a := range pt.Aliases {
				if strings.EqualFold(a, n) {
					return true
				}
			}
		}
		return false
	}
	var us []int
	how := "aliases"
	if party != "" {
		how = "option"
		for i, pt := range parties {
			if matches(pt, party) {
				us = append(us, i)
			}
		}
	} else {
		for i, pt := range parties {
			if matches(pt, pb.Parties.Us...) {
				us = append(us, i)
			}
		}
	}
	list := evPartyList(parties)
	switch {
	case len(us) == 0 && party != "":
		p.Reason = fmt.Sprintf("--party %q matches none of the contract's parties (%s)", party, list)
		return p
	case len(us) == 0:
		p.Reason = fmt.Sprintf("none of the contract's parties (%s) is called %s", list, strings.Join(pb.Parties.Us, ", "))
		return p
	case len(us) > 1:
		p.Reason = fmt.Sprintf("more than one of the contract's parties (%s) matches our side; give --party", list)
		return p
	}
	ui := us[0]
	var them []int
	for i, pt := range parties {
		if i != ui && matches(pt, pb.Parties.Them...) {
			them = append(them, i)
		}
	}
	if len(them) != 1 {
		them = them[:0]
		for i := range parties {
			if i != ui {
				them = append(them, i)
			}
		}
	}
	p.Us = evPartyRef(parties[ui])
	if len(them) != 1 {
		p.Reason = fmt.Sprintf("us is %s, but the other side cannot be told among %s", p.Us.Term, list)
		return p
	}
	p.Them = evPartyRef(parties[them[0]])
	p.Resolved, p.How = true, how
	if how == "option" {
		p.Reason = fmt.Sprintf("--party %q names %s", party, p.Us.Name)
	} else {
		p.Reason = fmt.Sprintf("%s is called %q, one of the playbook's names for us", p.Us.Name, p.Us.Term)
	}
	return p
}

func evPartyRef(pt extract.Party) *PartyRef {
	term := pt.Role
	if term == "" && len(pt.Aliases) > 0 {
		term = pt.Aliases[0]
	}
	if term == "" {
		term = pt.Name
	}
	return &PartyRef{Name: pt.Name, Term: term}
}

func evPartyList(parties []extract.Party) string {
	names := make([]string, len(parties))
	for i, pt := range parties {
		names[i] = pt.Name
		if pt.Role != "" {
			names[i] += fmt.Sprintf(" as %q", pt.Role)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// Escalate turns decision id of r (made with pb) into an escalation with the
// given reason, as when its edit cannot be written into the document, and
// recomputes the summary. The escalation goes to the rule's escalate.to, or to
// the lowest role the playbook allows to escalate. It reports whether the
// decision was found.
func (r *Report) Escalate(pb *Playbook, id, reason string) bool {
	var d *Decision
	for _, x := range r.Decisions {
		if x.ID == id {
			d = x
			break
		}
	}
	if d == nil {
		return false
	}
	ev := &evaluator{pb: pb}
	var esc *Escalation
	for _, rule := range pb.Rules {
		if rule.ID == d.Rule {
			esc = rule.Escalate
			break
		}
	}
	d.Outcome = OutcomeEscalate
	d.Edits = []TextEdit{}
	d.Reasons = append(d.Reasons, reason)
	to := ""
	if esc != nil {
		to = esc.To
	}
	if to == "" {
		to = ev.lowest(OutcomeEscalate)
	}
	d.Authority, d.Position = to, to
	d.Reasons = append(d.Reasons, "Escalated to "+evOr(to, "a reviewer")+".")
	r.Summary = summarise(pb, r.Party, r.Decisions)
	return true
}
