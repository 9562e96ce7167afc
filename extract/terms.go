package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// TermKind names a key term ("governing_law", "renewal_notice_period").
type TermKind string

// TermInfo describes one kind of key term: the Go type of Term.Value, how it is
// written in JSON, and what it means. Group and Field are how playbook expressions
// name it: kind "assignment_consent_required" is assignment.consent_required.
type TermInfo struct {
	Kind     TermKind
	Group    string
	Field    string
	GoType   string
	JSONType string
	Meaning  string
}

// Terms is the catalogue of key terms: exactly what extraction abstracts and what
// playbook expressions can read. Kinds are part of the JSON schema and of
// playbooks: never rename one. README.md carries the same table (a test keeps the
// two in step).
var Terms = []TermInfo{
	{"parties", "parties", "", "[]Party", `[{"name","role","aliases"}]`, "the contracting parties: legal name, role (the defined term a party is called by, such as \"Supplier\") and every defined-term alias"},
	{"agreement_date", "dates", "agreement", "Date", `"YYYY-MM-DD"`, "the date the agreement is dated or signed"},
	{"effective_date", "dates", "effective", "Date", `"YYYY-MM-DD"`, "the date the agreement takes effect"},
	{"initial_term", "term", "initial", "Duration", `"P3Y"`, "the length of the initial term"},
	{"expiration_date", "term", "expiration", "Date", `"YYYY-MM-DD"`, "when the initial term ends: stated, or computed from the effective date and the initial term (computed: true; the day before the anniversary)"},
	{"perpetual", "term", "perpetual", "bool", "true|false", "the agreement has no fixed end: it runs until terminated"},
	{"auto_renewal", "renewal", "automatic", "bool", "true|false", "the term renews automatically (true) or only by option or agreement (false)"},
	{"renewal_term", "renewal", "term", "Duration", `"P1Y"`, "the length of each renewal term"},
	{"renewal_limit", "renewal", "limit", "int", "number", "the most renewal terms there can be; absent when unlimited"},
	{"renewal_notice_period", "renewal", "notice_period", "Duration", `"P90D"`, "how long before the end of a term notice of non-renewal must be given"},
	{"renewal_notice_party", "renewal", "notice_party", "string", "string", "who may give notice of non-renewal: \"either party\" or a party's defined term"},
	{"convenience_termination_party", "termination", "convenience_party", "string", "string", "who may terminate for convenience (without cause): \"either party\" or a party's defined term"},
	{"convenience_notice_period", "termination", "convenience_notice_period", "Duration", `"P30D"`, "the notice needed to terminate for convenience"},
	{"cure_period", "termination", "cure_period", "Duration", `"P30D"`, "the time a party in breach has to cure before the other may terminate"},
	{"assignment_consent_required", "assignment", "consent_required", "bool", "true|false", "assigning the agreement needs the other party's consent"},
	{"assignment_consent_party", "assignment", "consent_party", "string", "string", "whose consent: \"other party\", \"either party\" or a party's defined term"},
	{"assignment_consent_standard", "assignment", "consent_standard", "string", `"not_unreasonably_withheld"|"sole_discretion"|"unqualified"`, "how consent may be refused"},
	{"assignment_mutual", "assignment", "mutual", "bool", "true|false", "the restriction binds both parties (true) or one (false)"},
	{"assignment_exceptions", "assignment", "exceptions", "[]string", `["affiliate","merger","sale_of_assets"]`, "assignments allowed without consent"},
	{"assignment_change_of_control", "assignment", "change_of_control", "bool", "true|false", "a change of control is deemed an assignment"},
	{"change_of_control_triggers", "change_of_control", "triggers", "[]string", `["termination","consent","notice"]`, "what a change of control triggers"},
	{"change_of_control_party", "change_of_control", "party", "string", "string", "who holds the right a change of control triggers: \"either party\" or a party's defined term"},
	{"indemnification_mutual", "indemnification", "mutual", "bool", "true|false", "each party indemnifies the other (true) or only one does (false)"},
	{"indemnifying_party", "indemnification", "indemnifying_party", "string", "string", "who indemnifies: \"each party\" or a party's defined term"},
	{"indemnification_scope", "indemnification", "scope", "[]string", `["third_party_claims","ip_infringement","bodily_injury_property","confidentiality","data_protection","gross_negligence","breach"]`, "what the indemnity covers"},
	{"indemnification_defense_control", "indemnification", "defense_control", "string", `"indemnifying_party"|"indemnified_party"`, "who controls the defence and settlement of a claim"},
	{"indemnification_outside_cap", "indemnification", "outside_cap", "bool", "true|false", "indemnities sit outside the liability cap (true) or inside it (false)"},
	{"liability_cap_amount", "liability", "cap_amount", "Money", `{"amount","currency"}`, "the cap as a fixed amount of money"},
	{"liability_cap_multiple", "liability", "cap_multiple", "float64", "number", "the cap as a multiple of the fees (1 = the fees paid or payable)"},
	{"liability_cap_period", "liability", "cap_period", "Duration", `"P12M"`, "the period whose fees set the cap (\"the fees paid in the twelve (12) months preceding the claim\")"},
	{"consequential_damages_excluded", "liability", "consequential_excluded", "bool", "true|false", "indirect and consequential damages are excluded"},
	{"liability_cap_carve_outs", "liability", "carve_outs", "[]string", `["indemnification","confidentiality","gross_negligence","wilful_misconduct","fraud","data_protection","ip_infringement","bodily_injury","payment"]`, "liabilities the cap does not limit"},
	{"governing_law", "law", "governing", "string", "string", "the governing law, normalised: \"Delaware\", \"New York\", \"England and Wales\", \"Ontario\""},
	{"venue", "law", "venue", "string", "string", "where disputes are heard (courts or seat of arbitration), normalised like governing_law"},
	{"payment_term", "payment", "term", "Duration", `"P30D"`, "time allowed to pay an invoice (net days)"},
	{"late_interest_rate", "payment", "late_interest_rate", "float64", "number", "interest on late payments, in percent per late_interest_period"},
	{"late_interest_period", "payment", "late_interest_period", "Duration", `"P1M"`, "the period the late interest rate is stated per (\"1.5% per month\" is P1M)"},
}

// Party is one contracting party.
type Party struct {
	Name    string   `json:"name" expr:"name"`       // legal name as written ("Acme Corp.")
	Role    string   `json:"role" expr:"role"`       // the defined term it is called by ("Supplier"), empty when none
	Aliases []string `json:"aliases" expr:"aliases"` // every defined term for the party, Role first
}

// Term is one key term of a document: a typed value (TermInfo.GoType of its
// kind), the clause it comes from and the words that support it.
type Term struct {
	Kind     TermKind
	Value    any
	Clause   int  // index into Document.Clauses
	Evidence Span // the supporting words, inside the clause's span
	// Computed marks a value derived rather than stated (an expiration date
	// from the effective date and the initial term); Note shows the computation.
	Computed bool
	// Ambiguous marks a value with another reading (a numeric date such as
	// 6/1/2020); Note says which reading was taken and why.
	Ambiguous bool
	Note      string
}

// termInfo finds a kind in the catalogue.
func termInfo(k TermKind) (TermInfo, bool) {
	for _, t := range Terms {
		if t.Kind == k {
			return t, true
		}
	}
	return TermInfo{}, false
}

// A termSentence is one sentence of a clause, never crossing a block: Text is
// its text and Lower the same with ASCII letters lower-cased, so byte offsets
// into Lower are offsets into Text.
type termSentence struct {
	Block int
	Start int // byte offset of Text in the block's text
	Text  string
	Lower string
}

// span is the Span of Text[from:to].
func (s termSentence) span(from, to int) Span {
	return Span{Start: Position{Block: s.Block, Offset: s.Start + from}, End: Position{Block: s.Block, Offset: s.Start + to}}
}

// termContext is what term finders share while abstracting one document.
type termContext struct {
	doc   *Document
	sents map[int][]termSentence
	terms []Term
	// dayFirst says to read numeric dates day-first: set when the governing law
	// or the parties are outside the US (findGoverningLaw and findParties run
	// before any finder reads dates).
	dayFirst bool
	// dayFirstWhy says why dates are read day-first, for Term.Note.
	dayFirstWhy string
	// blockHas caches, per word, which blocks hold it (clauseHas).
	blockHas map[string][]bool
	// only, when set, restricts clausesOf to one clause (ClauseTerms).
	only    int
	onlySet bool
	// placeRoles memoises tpPlaceRoles by sentence: governing law and venue
	// read the same sentences.
	// It is keyed by the sentence's text, on which tpPlaceRoles alone depends.
	placeRoles map[string][]tpPlaceRole
	// carves memoises the liability carve-outs (tlLiabilityCarveOuts), which
	// the indemnification and liability finders both read.
	carves     []tlCarve
	carvesDone bool
	// durs memoises findDurations by sentence for every finder.
	durs trDurations
	// termish memoises trTermSentence by sentence.
	// It is keyed by the sentence's lower-cased text.
	termish map[string]bool
	// roles memoises tlRoles: the clause finders run after findParties, so
	// the parties no longer change.
	roles     [][2]string
	rolesDone bool
	// byParent lists the child clauses of each clause ID (tlChildren).
	byParent map[string][]int
}

// durations returns findDurations(s.Text), found once per sentence.
func (tc *termContext) durations(s termSentence) []durationMatch {
	if tc.durs == nil {
		tc.durs = make(trDurations)
	}
	return tc.durs.of(s)
}

// sentences returns the sentences of clause ci.
func (tc *termContext) sentences(ci int) []termSentence {
	if s, ok := tc.sents[ci]; ok {
		return s
	}
	var out []termSentence
	for _, cs := range clsClauseSentences(tc.doc, &tc.doc.Clauses[ci]) {
		t := tc.doc.Blocks[cs.span.Start.Block].Text[cs.span.Start.Offset:cs.span.End.Offset]
		out = append(out, termSentence{Block: cs.span.Start.Block, Start: cs.span.Start.Offset, Text: t, Lower: asciiLower(t)})
	}
	tc.sents[ci] = out
	return out
}

// clausesOf returns the indexes of the clauses typed t, in document order.
func (tc *termContext) clausesOf(t ClauseType) []int {
	if tc.onlySet {
		for _, tt := range tc.doc.Clauses[tc.only].Types {
			if tt.Type == t {
				return []int{tc.only}
			}
		}
		return nil
	}
	var out []int
	for i := range tc.doc.Clauses {
		for _, tt := range tc.doc.Clauses[i].Types {
			if tt.Type == t {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// has reports whether a term of kind k was found.
func (tc *termContext) has(k TermKind) bool {
	for i := range tc.terms {
		if tc.terms[i].Kind == k {
			return true
		}
	}
	return false
}

// first returns the first term of kind k found, or nil.
func (tc *termContext) first(k TermKind) *Term {
	for i := range tc.terms {
		if tc.terms[i].Kind == k {
			return &tc.terms[i]
		}
	}
	return nil
}

// add records a term. Value must have the Go type the catalogue gives its kind.
func (tc *termContext) add(t Term) {
	tc.terms = append(tc.terms, t)
}

// documentFinders find the terms of the document as a whole; they run first,
// in this order, because governing law and the parties decide how numeric
// dates are read.
var documentFinders = []func(*termContext){
	findGoverningLaw,
	findParties,
	findDateTerms,
}

// clauseFinders find the terms a clause states; ClauseTerms runs them over one clause.
var clauseFinders = []func(*termContext){
	findTermAndRenewal,
	findConvenienceTermination,
	findCurePeriod,
	findAssignmentTerms,
	findChangeOfControlTerms,
	findIndemnificationTerms,
	findLiabilityTerms,
	findPaymentTerms,
}

// abstractTerms sets doc.Terms from the typed clauses: at most one term of each
// kind (the first in the document that states it), in catalogue order.
func abstractTerms(doc *Document) {
	tc := &termContext{doc: doc, sents: make(map[int][]termSentence)}
	for _, f := range documentFinders {
		f(tc)
	}
	for _, f := range clauseFinders {
		f(tc)
	}
	doc.Terms = firstOfEachKind(tc.terms, nil)
	doc.dayFirst, doc.dayFirstWhy = tc.dayFirst, tc.dayFirstWhy
}

// firstOfEachKind keeps the first term of each catalogue kind, in catalogue
// order, leaving out the kinds in skip.
func firstOfEachKind(terms []Term, skip map[TermKind]bool) []Term {
	order := make(map[TermKind]int, len(Terms))
	for i, t := range Terms {
		order[t.Kind] = i
	}
	seen := make(map[TermKind]bool)
	out := terms[:0]
	for _, t := range terms {
		if _, ok := order[t.Kind]; !ok || seen[t.Kind] || skip[t.Kind] {
			continue
		}
		seen[t.Kind] = true
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool { return order[out[i].Kind] < order[out[j].Kind] })
	return out
}

// documentKinds are the terms of the document as a whole: ClauseTerms takes
// them from Document.Terms and does not look for them in one clause.
var documentKinds = map[TermKind]bool{
	"parties": true, "agreement_date": true, "effective_date": true, "governing_law": true, "venue": true,
}

// ClauseTerms returns the key terms that clause ci states itself (or in the list
// items under it): the term finders run over that clause alone, with the
// document's parties, dates and reading of numeric dates. Document.Terms holds
// one term of each kind for the whole contract, the first that states it; a
// contract with two assignment clauses has the second's own terms only here.
// The document-level kinds (parties, agreement and effective dates, governing
// law, venue) are not repeated. Nil when the document was read without types.
// Safe for concurrent use: it does not modify doc.
//
// The terms are computed on first use and kept with the document (they are
// extraction: Parse leaves them until asked, as most callers never need them).
func ClauseTerms(doc *Document, ci int) []Term {
	if ci < 0 || ci >= len(doc.Clauses) || len(doc.Clauses[ci].Types) == 0 {
		return nil
	}
	c := doc.clauseTerms
	if c == nil {
		return clauseTerms(doc, ci)
	}
	c.mu.Lock()
	ts, ok := c.m[ci]
	c.mu.Unlock()
	if ok {
		return ts
	}
	ts = clauseTerms(doc, ci)
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[int][]Term)
	}
	c.m[ci] = ts
	c.mu.Unlock()
	return ts
}

// clauseTermCache holds the terms ClauseTerms found, by clause index.
type clauseTermCache struct {
	mu sync.Mutex
	m  map[int][]Term
}

func clauseTerms(doc *Document, ci int) []Term {
	tc := &termContext{doc: doc, sents: make(map[int][]termSentence), only: ci, onlySet: true,
		dayFirst: doc.dayFirst, dayFirstWhy: doc.dayFirstWhy}
	for _, t := range doc.Terms {
		if documentKinds[t.Kind] {
			tc.terms = append(tc.terms, t)
		}
	}
	base := len(tc.terms)
	for _, f := range clauseFinders {
		f(tc)
	}
	id := doc.Clauses[ci].ID
	own := tc.terms[base:]
	keep := own[:0]
	for _, t := range own {
		if t.Clause == ci || t.Clause >= 0 && t.Clause < len(doc.Clauses) && doc.Clauses[t.Clause].Parent == id {
			keep = append(keep, t)
		}
	}
	return firstOfEachKind(keep, documentKinds)
}

// clauseHas reports whether the text of clause ci holds word (lower-case ASCII)
// in any letter case: a cheap test before splitting a clause into sentences.
// Each block is searched once per word, however many clauses span it.
func (tc *termContext) clauseHas(ci int, word string) bool {
	has, ok := tc.blockHas[word]
	if !ok {
		has = make([]bool, len(tc.doc.Blocks))
		for b := range tc.doc.Blocks {
			has[b] = containsFold(tc.doc.Blocks[b].Text, word)
		}
		if tc.blockHas == nil {
			tc.blockHas = make(map[string][]bool)
		}
		tc.blockHas[word] = has
	}
	c := &tc.doc.Clauses[ci]
	for b := max(c.Span.Start.Block, 0); b <= c.Span.End.Block && b < len(has); b++ {
		if has[b] {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains word (lower-case ASCII) in any ASCII
// letter case, without allocating.
func containsFold(s, word string) bool {
	if word == "" {
		return true
	}
	first := word[0]
	upper := first
	if 'a' <= first && first <= 'z' {
		upper = first - ('a' - 'A')
	}
	for i := 0; i+len(word) <= len(s); i++ {
		if c := s[i]; c != first && c != upper {
			continue
		}
		j := 1
		for ; j < len(word); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[j] {
				break
			}
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// asciiLower lower-cases ASCII letters only, keeping every byte offset.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// trimEvidence narrows [from, to) of s to exclude surrounding white space.
func trimEvidence(s string, from, to int) (int, int) {
	for from < to && strings.IndexByte(" \t\n", s[from]) >= 0 {
		from++
	}
	for to > from && strings.IndexByte(" \t\n", s[to-1]) >= 0 {
		to--
	}
	return from, to
}

// parties returns the parties found so far (findParties runs first), or nil.
func (tc *termContext) parties() []Party {
	if t := tc.first("parties"); t != nil {
		if ps, ok := t.Value.([]Party); ok {
			return ps
		}
	}
	return nil
}

// A termRe is a regular expression that first checks the literals every match
// must contain: a term finder runs dozens of patterns over every sentence of a
// clause, and most sentences lack a word each pattern needs. need is a list of
// groups: a match holds at least one literal of every group, so a text without
// one of a group cannot match. The methods below give exactly the results of
// regexp.Regexp's.
type termRe struct {
	*regexp.Regexp
	need [][]string
	// branches, when set, are r's alternatives as patterns of their own (see
	// termSplit), each with its own literals: r matches a text when one of
	// them does. A sentence holds the literals of few alternatives, and a
	// small pattern runs faster than a large one, so MatchString reads them
	// instead of r. Made on first use.
	once     sync.Once
	branches []*termRe
	// branchFind reports that FindStringIndex may read the branches too: the
	// alternation has nothing around it but assertions (\b, ^, $), so r's
	// match is the leftmost of the branches' matches, the first branch on a tie.
	branchFind bool
	// lead, when set, finds r's matches by trying only the places where one
	// can start (see termLead). Made on first use.
	leadOnce sync.Once
	lead     *termLead
	// px answers whether r matches at all (prx), faster than any search by
	// the regexp package; nil when prx does not handle r.
	px *prx
}

// leader returns r.lead, making it on first use.
func (r *termRe) leader() *termLead {
	r.leadOnce.Do(func() {
		if t, err := syntax.Parse(r.String(), syntax.Perl); err == nil {
			r.lead = termNewLead(t, r.String())
		}
	})
	return r.lead
}

// A termLead searches a text for a pattern's leftmost match only where a match
// can start: at an occurrence of one of the strings every match starts with.
// From each, in order, an anchored copy of the pattern runs on a window that
// holds any match starting there (as clsPattern.matchLead); the first that
// matches is the match the pattern's own search finds, since that search
// returns the leftmost match and, among those starting there, the one the
// anchored copy prefers.
type termLead struct {
	lead  []string
	wb    bool           // a match starts at a word boundary, every lead with a word byte
	at    *regexp.Regexp // the pattern anchored at the start of the text
	after *regexp.Regexp // the pattern anchored after the first rune of the text
	bound clsBound       // the longest match
}

// termNewLead returns the termLead of pattern t (source src), or nil when t
// anchors to the start or end of a text or line, or a match may start with no
// known string of at least clsMinNeed bytes.
func termNewLead(t *syntax.Regexp, src string) *termLead {
	if clsHasAnchor(t) {
		return nil
	}
	lead, ok := clsLeadSet(t.Simplify())
	if !ok || clsGroup(lead) == nil {
		return nil
	}
	wb := clsStartsAtBoundary(t)
	for _, l := range lead {
		wb = wb && clsWordByte(l[0])
	}
	return &termLead{lead: lead, wb: wb, bound: clsMaxLen(t),
		at:    regexp.MustCompile(`^(?:` + src + `)`),
		after: regexp.MustCompile(`^(?s:.)(?:` + src + `)`)}
}

// termLeadMax is the most places a termLead tries in one text; beyond it the
// pattern's own search is used.
const termLeadMax = 32

// starts returns the places in s where a match can start, in order, and the
// window length that holds any match; ok is false when there are too many
// places for windows to pay.
func (l *termLead) starts(s string, buf []int) (pos []int, n int, ok bool) {
	pos = buf[:0]
	for _, w := range l.lead {
		for off := 0; off < len(s); {
			j := strings.Index(s[off:], w)
			if j < 0 {
				break
			}
			q := off + j
			off = q + 1
			if l.wb && q > 0 && clsWordByte(s[q-1]) {
				continue
			}
			if len(pos) == termLeadMax {
				return nil, 0, false
			}
			pos = append(pos, q)
		}
	}
	if len(pos) == 0 {
		return pos, 0, true
	}
	n = len(s)
	if !l.bound.inf {
		st := clsMeasure(s)
		n = l.bound.runes + l.bound.words*st.words + l.bound.spaces*st.spaces + st.nonASCII
	}
	if len(pos) > 1 && len(pos)*n > 2*len(s) {
		return nil, 0, false
	}
	slices.Sort(pos)
	return pos, n, true
}

// find returns the leftmost match in s that starts at or after from, as
// FindStringSubmatchIndex (sub) or FindStringIndex would, given the places pos
// and window length n from starts; nil when there is none.
func (l *termLead) find(s string, from int, pos []int, n int, sub bool) []int {
	for k, q := range pos {
		if q < from || k > 0 && q == pos[k-1] {
			continue
		}
		end := q + n
		if end >= len(s) {
			end = len(s)
		} else {
			for end < len(s) && (clsWordByte(s[end]) || s[end]&0xC0 == 0x80) {
				end++
			}
		}
		re, base := l.at, q
		if q > 0 {
			_, w := utf8.DecodeLastRuneInString(s[:q])
			re, base = l.after, q-w
		}
		var m []int
		if sub {
			m = re.FindStringSubmatchIndex(s[base:end])
		} else {
			m = re.FindStringIndex(s[base:end])
		}
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += base
			}
		}
		m[0] = q
		return m
	}
	return nil
}

// leadAll returns up to max (all when negative) successive matches of s, as
// FindAllStringSubmatchIndex (sub) or FindAllStringIndex would; ok is false
// when r has no termLead or s has too many places where a match can start.
func (r *termRe) leadAll(s string, max int, sub bool) (out [][]int, ok bool) {
	if r.leader() == nil {
		return nil, false
	}
	var buf [termLeadMax]int
	pos, n, ok := r.lead.starts(s, buf[:])
	if !ok {
		return nil, false
	}
	for from := 0; max < 0 || len(out) < max; {
		m := r.lead.find(s, from, pos, n, sub)
		if m == nil {
			break
		}
		out = append(out, m)
		from = m[1]
	}
	return out, true
}

// leadFirst returns the leftmost match of s, as FindStringSubmatchIndex (sub)
// or FindStringIndex would; ok as leadAll.
func (r *termRe) leadFirst(s string, sub bool) ([]int, bool) {
	if r.leader() == nil {
		return nil, false
	}
	var buf [termLeadMax]int
	pos, n, ok := r.lead.starts(s, buf[:])
	if !ok {
		return nil, false
	}
	return r.lead.find(s, 0, pos, n, sub), true
}

// termMustCompile compiles a termRe, panicking like regexp.MustCompile.
func termMustCompile(p string) *termRe {
	r := &termRe{Regexp: regexp.MustCompile(p)}
	if t, err := syntax.Parse(p, syntax.Perl); err == nil {
		r.need = termNeed(t.Simplify())
		r.px = prxCompile(t)
	}
	termRes = append(termRes, r)
	return r
}

// termRes are the termRes compiled, for tests.
var termRes []*termRe

// termMinNeed is the shortest literal worth checking: shorter ones are in
// nearly every sentence.
const termMinNeed = 3

// termNeed returns groups of literals such that every match of t contains at
// least one literal of each group; nil when none could be derived.
func termNeed(t *syntax.Regexp) [][]string {
	switch t.Op {
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 || len(string(t.Rune)) < termMinNeed {
			return nil
		}
		return [][]string{{string(t.Rune)}}
	case syntax.OpCapture, syntax.OpPlus:
		return termNeed(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return termNeed(t.Sub[0])
		}
	case syntax.OpConcat:
		var all [][]string
		for _, sub := range t.Sub {
			all = append(all, termNeed(sub)...)
		}
		return all
	case syntax.OpAlternate:
		var group []string
		for _, sub := range t.Sub {
			n := termNeed(sub)
			if n == nil {
				return nil
			}
			group = append(group, clsBestGroup(n)...)
		}
		return [][]string{group}
	}
	return nil
}

// may reports whether r may match s: false when s lacks every literal of a
// group of r.need, or prx finds no match.
func (r *termRe) may(s string) bool {
	if !r.mayHold(s) {
		return false
	}
	return r.px == nil || r.px.match(s)
}

// mayHold reports whether s holds a literal of every group of r.need.
func (r *termRe) mayHold(s string) bool {
	for _, g := range r.need {
		found := false
		for _, w := range g {
			if strings.Contains(s, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (r *termRe) MatchString(s string) bool {
	if !r.mayHold(s) {
		return false
	}
	if r.px != nil {
		return r.px.match(s)
	}
	if m, ok := r.leadFirst(s, false); ok {
		return m != nil
	}
	r.split()
	if r.branches == nil {
		return r.Regexp.MatchString(s)
	}
	for _, b := range r.branches {
		if b.mayHold(s) && b.Regexp.MatchString(s) {
			return true
		}
	}
	return false
}

// split makes r.branches on first use.
func (r *termRe) split() {
	r.once.Do(func() {
		t, err := syntax.Parse(r.String(), syntax.Perl)
		if err != nil {
			return
		}
		pats, find, ok := termSplitSource(r.String())
		if !ok {
			pats, find = termSplit(t)
		}
		r.branchFind = find
		for _, p := range pats {
			b := &termRe{Regexp: regexp.MustCompile(p)}
			if t, err := syntax.Parse(p, syntax.Perl); err == nil {
				b.need = termNeed(t.Simplify())
			}
			r.branches = append(r.branches, b)
		}
	})
}

// termSplitSource splits the pattern src as termSplit splits its syntax tree,
// but by cutting and joining src itself: printing a syntax tree
// (syntax.Regexp.String) folds the case of every rune of every character
// class, and for classes such as [^;] that took most of the time of a first
// Parse. The branches are the same alternatives, so they match the same
// texts. ok is false for a pattern the scan does not handle (a flag group
// after the start, an unbalanced group); termSplit does those.
func termSplitSource(src string) (pats []string, find, ok bool) {
	// a leading flag group, (?i), applies to every branch
	var flags string
	if strings.HasPrefix(src, "(?") {
		if end := strings.IndexByte(src, ')'); end > 2 && !strings.ContainsAny(src[2:end], ":(<P") {
			flags, src = src[:end+1], src[end+1:]
		}
	}
	type group struct {
		open, close int // the offsets of "(" and ")"
		body        int // where the group's contents start
		alts        []int
	}
	var (
		top    []int // "|" at depth 0
		groups []group
		stack  []int // indexes into groups
	)
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\\':
			i++
		case '[':
			j := i + 1
			if j < len(src) && src[j] == '^' {
				j++
			}
			if j < len(src) && src[j] == ']' {
				j++
			}
			for ; j < len(src) && src[j] != ']'; j++ {
				switch {
				case src[j] == '\\':
					j++
				case strings.HasPrefix(src[j:], "[:"):
					if k := strings.Index(src[j+2:], ":]"); k >= 0 {
						j += k + 3
					}
				}
			}
			if j >= len(src) {
				return nil, false, false
			}
			i = j
		case '(':
			body := i + 1
			switch {
			case strings.HasPrefix(src[i:], "(?P<") || strings.HasPrefix(src[i:], "(?<"):
				k := strings.IndexByte(src[i:], '>')
				if k < 0 {
					return nil, false, false
				}
				body = i + k + 1
			case strings.HasPrefix(src[i:], "(?"):
				k := strings.IndexAny(src[i:], ":)")
				if k < 0 || src[i+k] == ')' {
					return nil, false, false // a flag group after the start
				}
				body = i + k + 1
			}
			groups = append(groups, group{open: i, body: body, close: -1})
			stack = append(stack, len(groups)-1)
			i = body - 1
		case ')':
			if len(stack) == 0 {
				return nil, false, false
			}
			groups[stack[len(stack)-1]].close = i
			stack = stack[:len(stack)-1]
		case '|':
			if len(stack) == 0 {
				top = append(top, i)
			} else {
				g := &groups[stack[len(stack)-1]]
				g.alts = append(g.alts, i)
			}
		}
	}
	if len(stack) != 0 {
		return nil, false, false
	}
	if len(top) > 0 {
		from := 0
		for _, at := range append(top, len(src)) {
			pats = append(pats, flags+src[from:at])
			from = at + 1
		}
		return pats, true, true
	}
	// the first group at depth 0, not repeated, with alternatives
	depth0 := func(g group) bool {
		for _, h := range groups {
			if h.open < g.open && g.close < h.close {
				return false
			}
		}
		return true
	}
	for _, g := range groups {
		if len(g.alts) == 0 || !depth0(g) {
			continue
		}
		if next := g.close + 1; next < len(src) && strings.IndexByte("?*+{", src[next]) >= 0 {
			continue
		}
		head, tail := src[:g.open], src[g.close+1:]
		from := g.body
		for _, at := range append(g.alts, g.close) {
			pats = append(pats, flags+head+src[g.open:g.body]+src[from:at]+")"+tail)
			from = at + 1
		}
		return pats, termOnlyAssertions(head) && termOnlyAssertions(tail), true
	}
	return nil, false, true
}

// termOnlyAssertions reports whether a piece of a pattern holds nothing but
// assertions: \b, \B, ^, $, \A, \z.
func termOnlyAssertions(s string) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '^' || s[i] == '$':
		case s[i] == '\\' && i+1 < len(s) && strings.IndexByte("bBAz", s[i+1]) >= 0:
			i++
		default:
			return false
		}
	}
	return true
}

// termSplit returns the patterns of t's alternatives when t is an alternation,
// or a sequence with one (a capture of one) in it: X(A|B)Y matches a text
// where XAY or XBY matches. Nil when t has no alternation at its top. find
// reports that X and Y are only assertions, or absent.
func termSplit(t *syntax.Regexp) (pats []string, find bool) {
	alt := func(x *syntax.Regexp) *syntax.Regexp {
		if x.Op == syntax.OpCapture {
			x = x.Sub[0]
		}
		if x.Op == syntax.OpAlternate {
			return x
		}
		return nil
	}
	if a := alt(t); a != nil {
		out := make([]string, len(a.Sub))
		for i, sub := range a.Sub {
			out[i] = sub.String()
		}
		return out, true
	}
	if t.Op != syntax.OpConcat {
		return nil, false
	}
	for k, sub := range t.Sub {
		a := alt(sub)
		if a == nil {
			continue
		}
		out := make([]string, len(a.Sub))
		for i, choice := range a.Sub {
			c := &syntax.Regexp{Op: syntax.OpConcat, Flags: t.Flags}
			c.Sub = append(append(append(c.Sub, t.Sub[:k]...), choice), t.Sub[k+1:]...)
			out[i] = c.String()
		}
		find = true
		for j, x := range t.Sub {
			switch x.Op {
			case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine:
			default:
				find = find && j == k
			}
		}
		return out, find
	}
	return nil, false
}

func (r *termRe) FindString(s string) string {
	if !r.may(s) {
		return ""
	}
	return r.Regexp.FindString(s)
}

func (r *termRe) FindStringIndex(s string) []int {
	if !r.may(s) {
		return nil
	}
	if m, ok := r.leadFirst(s, false); ok {
		return m
	}
	r.split()
	if !r.branchFind {
		return r.Regexp.FindStringIndex(s)
	}
	var best []int
	for _, b := range r.branches {
		if !b.mayHold(s) {
			continue
		}
		if m := b.Regexp.FindStringIndex(s); m != nil && (best == nil || m[0] < best[0]) {
			best = m
		}
	}
	return best
}

func (r *termRe) FindStringSubmatch(s string) []string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindStringSubmatch(s)
}

func (r *termRe) FindStringSubmatchIndex(s string) []int {
	if !r.may(s) {
		return nil
	}
	if m, ok := r.leadFirst(s, true); ok {
		return m
	}
	return r.Regexp.FindStringSubmatchIndex(s)
}

func (r *termRe) FindAllString(s string, n int) []string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllString(s, n)
}

func (r *termRe) FindAllStringIndex(s string, n int) [][]int {
	if !r.may(s) {
		return nil
	}
	if ms, ok := r.leadAll(s, n, false); ok {
		return ms
	}
	return r.Regexp.FindAllStringIndex(s, n)
}

func (r *termRe) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllStringSubmatch(s, n)
}

func (r *termRe) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.may(s) {
		return nil
	}
	if ms, ok := r.leadAll(s, n, true); ok {
		return ms
	}
	return r.Regexp.FindAllStringSubmatchIndex(s, n)
}
