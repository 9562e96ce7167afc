package extract

// Finders for the term and its renewal, termination for convenience and the cure period.

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// A trCand is a candidate value for one term kind: the sentence and the words
// that state it, and a score saying how directly they state it.
type trCand struct {
	score    int
	ci       int
	s        termSentence
	from, to int
	value    any
	computed bool
	note     string
}

// trKeep returns the better of best and c: the higher score, the earlier on a tie
// (candidates arrive in document order).
func trKeep(best, c *trCand) *trCand {
	if c == nil {
		return best
	}
	if best == nil || c.score > best.score {
		return c
	}
	return best
}

// trAdd records c as a term of kind k.
func trAdd(tc *termContext, k TermKind, c *trCand) {
	if c == nil {
		return
	}
	from, to := trimEvidence(c.s.Text, c.from, c.to)
	tc.add(Term{Kind: k, Value: c.value, Clause: c.ci, Evidence: c.s.span(from, to), Computed: c.computed, Note: c.note})
}

// trClauses returns the clauses typed any of ts, in document order, each once.
func trClauses(tc *termContext, ts ...ClauseType) []int {
	seen := make(map[int]bool)
	var out []int
	for _, t := range ts {
		for _, ci := range tc.clausesOf(t) {
			if !seen[ci] {
				seen[ci] = true
				out = append(out, ci)
			}
		}
	}
	sort.Ints(out)
	return out
}

// trTyped reports whether clause ci is typed t.
func trTyped(tc *termContext, ci int, t ClauseType) bool {
	for _, tt := range tc.doc.Clauses[ci].Types {
		if tt.Type == t {
			return true
		}
	}
	return false
}

// trHeadingIs reports whether clause ci's heading names the term or its renewal.
func trHeadingIs(tc *termContext, ci int, re *regexp.Regexp) bool {
	return re.MatchString(asciiLower(tc.doc.Clauses[ci].Heading))
}

// trAround returns up to n bytes of s before from and after to.
func trAround(s string, from, to, n int) (pre, post string) {
	return s[max(0, from-n):from], s[to:min(len(s), to+n)]
}

// trLastPart cuts pre after its last ';', so that context never crosses into
// another part of the sentence.
func trLastPart(pre string) string {
	if i := strings.LastIndexByte(pre, ';'); i >= 0 {
		return pre[i+1:]
	}
	return pre
}

// Patterns below run on lower-cased sentences (termSentence.Lower).
var (
	// trNoticeAfterRe follows a period that measures notice ("ninety (90) days'
	// prior written notice", "60 days prior to the end of the term").
	trNoticeAfterRe = termMustCompile(`^(['’]s?|\))?\s*(\([^)]{0,20}\)\s*)?(['’]s?\s*)?(\s*(calendar|business|working))?\s*(prior|advance|in advance|before|preceding|written|notice|notification|previous|ahead|beforehand|or more prior|or more in advance|or more before|or more written|or longer)\b`)
	// trNoticeWordRe follows a period of notice, "notice" spelt out ("ninety
	// (90) days' prior written notice", "six (6) months notice").
	trNoticeWordRe = termMustCompile(`^(['’]s?|\))?\s*(\([^)]{0,20}\)\s*)?(['’]s?\s*)?(\s*(calendar|business|working))?\s*(['’]s?\s*)?((prior|advance|in advance|written|previous|or more|or longer|of)[\s,]+){0,3}(notice|notification)\b`)
	// trNoticeBeforeRe precedes a period that measures notice ("a notice period of
	// three months", "with notice of thirty days").
	trNoticeBeforeRe = termMustCompile(`\b(notice|notification)( period)?( of| period of)?( at least| not less than| no less than| a minimum of)?\s*$`)
	// trBeforeEndRe follows a deadline counted back from the end of a term ("60 days
	// prior to the end of the then-current term").
	trBeforeEndRe = termMustCompile(`^\W{0,3}([\w'’]+\W+){0,5}?(prior( to)?|before|in advance of|preceding|ahead of)\b[^.;]{0,50}\b(end|expir\w*|conclusion|anniversary|renewal|lapse|close)\b`)
	// trAfterEndRe follows a period counted from the end of the agreement (survival,
	// post-termination obligations): never the term itself.
	trAfterEndRe = termMustCompile(`^\W{0,3}(\w+\W+){0,2}?(after|following|from|beyond|subsequent to|succeeding) (the )?(any |such )?(date of )?(effective date of )?(termination|expiration|expiry|end|cessation|completion)\b`)
	// trRenewalBeforeRe: a period right after these words is a renewal term.
	trRenewalBeforeRe = termMustCompile(`\b(renew\w*|extended|extend|extension|successive|additional|subsequent|further|consecutive|another|every|each)\b[^.;]{0,50}$`)
	// trNotTermBeforeRe: a period right after these words is not the length of the term.
	trNotTermBeforeRe = termMustCompile(`\b(within|after|upon|at least|not less than|no less than|no later than|not later than|up to|more than|less than|exceed\w*|in excess of|minimum of|maximum of|exceeding|last|past|first|final|preceding|prior)\s*$`)
	// trTermLeadRe precedes the length of a term ("for a period of", "shall be", "term of").
	trTermLeadRe = termMustCompile(`(\bfor|\bof|\bbe|\bis|\bbe for|\bterm:|\bperiod:|\bterm\W{1,3}|\blast|\bthrough)\s*(a|an|the)?\s*(total |fixed |initial |original |minimum |firm |further )?(period|term|duration)?\s*(of)?\s*$`)
	// trTermEndLeadRe precedes a length counted to the end ("shall end fifteen
	// months therefrom"); trThenceRe follows it.
	trTermEndLeadRe = termMustCompile(`\b(end|ends|ending|expire|expires|expiring|terminate|terminates|terminating|conclude|concludes|concluding|on the date|until the date|later of|earlier of|sooner of)\s*(\(?\w{1,3}\)\s*)?$`)
	trThenceRe      = termMustCompile(`^\W{0,3}(therefrom|thereafter|hereafter|later)\b`)
	// trContinueForRe: "shall continue in effect for", "shall remain in force for a period of".
	trContinueForRe = termMustCompile(`\b(continue|continues|remain|remains|be valid|be effective|be in effect|extend|extends)\b( in (full )?(force|effect)( and effect)?)? for\s*(a|an)?\s*(initial )?(period|term)?\s*(of)?\s*$`)
	// trExtendForRe: "shall extend for five years" states the term, not a renewal.
	trExtendForRe = termMustCompile(`\b(shall|will|to) extend (for|until|through)\b[^.;]{0,30}$`)
	// trTermAdjRe precedes a period used as an adjective ("an initial five-year term").
	trTermAdjRe      = termMustCompile(`\b(a|an|the|initial|original|fixed|first|its)\s*$`)
	trTermNounRe     = termMustCompile(`^\s*(-\s*)?(initial |original |fixed )?(term|period|duration|contract)\b`)
	trTermSentenceRe = termMustCompile(`\b(this|the) (agreement|contract|venture|amendment|arrangement|engagement|appointment)\b|\b(initial|original|agreement|contract|its|the) term\b|\b(initial|original|contract) period\b|\bterm of\b|\bterm\W{1,3}(shall|will|is|means)\b|["“](initial )?term["”]|\bduration\b`)
	trTermStrongRe   = termMustCompile(`\b(initial|original) (term|period)\b|\bterm of (this|the) (\w+ )?(agreement|contract)\b|\b(this|the) (\w+ )?(agreement|contract)\b[^.;]{0,80}\b(continue|remain|be valid|be effective|be in effect|in (full )?(force|effect)|expire|terminate|be for|have a term)\b|\bterm\W{1,3}(shall|will) be\b`)
	trTermNamedRe    = termMustCompile(`^[^.;]{0,60}["“](initial term|term|initial period|contract period|agreement term|cooperation period|period)["”]`)
	// trOtherPeriodRe names a period that is not the term of the agreement.
	trOtherPeriodRe = termMustCompile(`\b(warrant\w*|surviv\w*|retain|retention|records|confidential\w*|non-?compet\w*|solicit\w*|payment|invoice|insurance|guarantee period|statute of limitation|restricted period|exclusivity period|lock-?up|option period|royalty term|probation\w*)\b`)
	// trStartRe finds what the term is counted from ("from the Effective Date",
	// "commencing on the date hereof").
	trStartRe = termMustCompile(`\b(commenc\w*|begin\w*|start\w*|effective|takes? effect|come into (force|effect)|comes into (force|effect)|be in effect|in effect)\s+(on|upon|as of|with|from|at|after)\s+(and including\s+|and after\s+)?(the\s+)?`)
	// trStartAfterRe follows the length of a term: "from the Effective Date".
	trStartAfterRe = termMustCompile(`^\W{0,3}(from|after|following|commencing|beginning|starting|as from|of|running from|as of)(\s+(on|with|upon|and after|and including))?\s+(the\s+)?`)
	// trStartEffectiveRe and trStartDatedRe name the effective date and the
	// agreement's date as the start.
	trStartEffectiveRe = termMustCompile(`^(effective date|execution (date|and delivery) of this agreement|date (on|as of) which this agreement (becomes|is) effective)`)
	trStartDatedRe     = termMustCompile(`^(date (hereof|of (this|the) (agreement|document|contract))|date (first )?(written|set forth|stated|above|mentioned)|execution|signing|date of (its )?(execution|signing|signature)|(full )?execution|date this agreement is (signed|executed))`)
	trHeadingTermRe    = termMustCompile(`\b(term|duration|period|expir\w*)\b`)
	// trAnniversaryRe: "until the third anniversary of the Effective Date", "the
	// four (4) year anniversary".
	trAnniversaryRe = termMustCompile(`\b(the|its)\s+(\w+(?:-\w+)?)(\s*\([^)]{1,8}\))?(\s*[- ]years?)?\s+anniversary\b`)
	trAnnivLeadRe   = termMustCompile(`\b(until|till|on|through|end(s|ing)?|expir\w*|terminat\w*|conclud\w*|later of|earlier of|to|upon)\b[^.;]{0,20}$`)
	trAnnivNotRe    = termMustCompile(`\b(prior to|before|after|following|within|each|every|from|since)\b[^.;]{0,25}$`)
	// trEndDateLeadRe precedes a stated end date.
	trEndDateLeadRe = termMustCompile(`\b(until|till|through|thru|expire[sd]?|expiring|terminate[sd]?|terminating|end(s|ed|ing)?|conclud\w*|up to and including|until and including|through and including|(expiration|termination|expiry|end) date\W{0,5}(shall be|is|will be|of|means|shall mean)?|on or before|extended (to|until|through)|(later|earlier|sooner) of\s*(\(?\w{1,3}\)\s*)?)\s*(on\s*|at\s*|upon\s*)?(the\s*)?(close of business on\s*|end of\s*)?(midnight\s*(\w+\s*)?on\s*)?$`)
	// trEndSubjectRe: the agreement or its term is what ends ("the Initial Term
	// shall expire on").
	trEndSubjectRe = termMustCompile(`\b(this (agreement|contract)|(the|its) (initial |original )?term|term of (this|the) \w+|the ["“]term["”])\b[^.;]{0,80}$`)
	// trConditionRe: an end date inside a condition or a notice is not the term's end.
	trConditionRe = termMustCompile(`\b(if|in the event|notice|election|provided that|in which case)\b`)
	// trTermDefinitionRe defines the term or its end date.
	trTermDefinitionRe = termMustCompile(`^\W*(\(?[\w.]+\)?\s*)?["“](the )?(term|initial term|contract period|contract term|agreement term|term of (this )?agreement|expiration date|expiry date|termination date|end date)["”]\s*(shall mean|means|:|shall be|is)`)
	// trOtherDefinitionRe defines a period other than the term.
	trOtherDefinitionRe = termMustCompile(`^\W*(\(?[\w.]+\)?\s*)?["“](contract|calendar|fiscal|agreement|lease|license|detailing|promotion|option|royalty|exclusivity|payment|launch|initial )?\s*(year|quarter|month|period|date)["”]\s*(means|shall mean|:)`)
	trFromToRe          = termMustCompile(`\b(from|commencing|beginning|starting)\b[^.;]{0,60}\bto\s*$`)
	trPerpetualRe       = termMustCompile(`\bin perpetuity\b|\bperpetual(ly)?\b|\bindefinite(ly)?\b|\bno (fixed|definite) (term|duration)\b|\b(continue|remain)\w*\b[^.;]{0,40}\buntil (terminated|cancell?ed)\b|\b(effective|in (full )?(force|effect)|continu\w*) (until|unless and until) (it is |this agreement is )?(terminated|cancell?ed)\b`)
	trPerpetualNotRe    = termMustCompile(`\bperpetual(ly)?,? (\w+,? ){0,4}(licen[cs]e|right|royalty|basis to use)|\bindefinite(ly)? (delay|suspension)\b|\bsurviv`)
)

var (
	// trFromAfterRe follows a length counted from a start ("from the Effective Date").
	trFromAfterRe = termMustCompile(`^\W{0,3}(from|after|following|commencing|beginning|starting|thereafter|with effect|as from)\b`)
	// trAfterTermRe: "thereafter ... until terminated" follows a fixed term.
	trAfterTermRe = termMustCompile(`\b(thereafter|renew\w*|successive|extend\w*|extension)\b`)
	// trEitherOfRe precedes "the parties" in "either of the parties".
	trEitherOfRe = termMustCompile(`\b(either|each|any) of\s*$`)
	// trTerminatedByRe precedes who terminates in the passive ("terminated by either party").
	trTerminatedByRe = termMustCompile(`\b(terminable|terminated|cancell?ed) (at any time )?by\s+`)
	// trMutualRe: a termination the parties agree on is not for convenience.
	trMutualRe = termMustCompile(`\bmutual(ly)?\b|\bboth parties\b|\bthe parties (may|agree|shall)`)
	// trBreachRe marks a cure period for a breach.
	trBreachRe = termMustCompile(`\bbreach\w*|\bdefault\w*|\bfail\w*`)
)

// trAnyOf reports whether s contains any of words: a cheap test before a
// regular expression that needs one of them.
func trAnyOf(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// trRenewalish reports whether a sentence speaks of renewal or of the time
// after the initial term, and not of renewing something else.
func trRenewalish(l string) bool {
	return trAnyOf(l, "renew", "exten", "then", "success", "consecut", "to year", "to-year", "to month", "to-month",
		"thereafter", "indefinitely", "automatic", "tacit") && trRenewalishRe.MatchString(l) && !trRenewalNotRe.MatchString(l)
}

// trTermSentence reports whether a sentence speaks of the agreement's own term
// rather than some other period.
func trTermSentence(lower string) bool {
	return trAnyOf(lower, "agreement", "contract", "term", "venture", "amendment", "arrangement", "engagement", "appointment", "period", "duration") &&
		trTermSentenceRe.MatchString(lower)
}

// trTermSentenceOf is trTermSentence(s.Lower), found once per sentence.
func trTermSentenceOf(tc *termContext, s termSentence) bool {
	k := s.Lower
	v, ok := tc.termish[k]
	if !ok {
		v = trTermSentence(s.Lower)
		if tc.termish == nil {
			tc.termish = make(map[string]bool)
		}
		tc.termish[k] = v
	}
	return v
}

// trIsNotice reports whether the period lower[from:to] measures notice or a
// deadline before the end of a term.
func trIsNotice(lower string, from, to int) bool {
	pre, post := trAround(lower, from, to, 80)
	return trNoticeAfterRe.MatchString(post) || trNoticeBeforeRe.MatchString(pre) || trBeforeEndRe.MatchString(post)
}

// findTermAndRenewal finds initial_term, expiration_date, perpetual and the renewal terms.
func findTermAndRenewal(tc *termContext) {
	termCl := trClauses(tc, "expiration", "renewal", "renewal_notice")
	if tc.durs == nil {
		tc.durs = make(trDurations)
	}
	durs := tc.durs
	initial, anniv := trInitialTerm(tc, termCl, durs)
	trAdd(tc, "initial_term", initial)
	stated := trStatedExpiration(tc, termCl, false)
	if stated == nil {
		// a definition of the term or of its end date ("Contract Period" shall
		// mean the period from ... through December 31, 2012)
		stated = trStatedExpiration(tc, trDefinitionClauses(tc), true)
	}
	switch {
	case stated != nil:
		trAdd(tc, "expiration_date", stated)
	case anniv != nil:
		trAdd(tc, "expiration_date", anniv)
	case initial != nil:
		trAdd(tc, "expiration_date", trComputedExpiration(tc, initial))
	}
	if initial == nil && stated == nil && anniv == nil {
		trAdd(tc, "perpetual", trPerpetual(tc, termCl))
	}
	trRenewal(tc, termCl, initial, durs)
}

// trInitialTerm finds the length of the initial term: the best period stated as
// the term's length, and, when the term runs to an anniversary, the expiration
// that anniversary gives.
func trInitialTerm(tc *termContext, cls []int, durs trDurations) (best, anniv *trCand) {
	for _, ci := range cls {
		typed := trTyped(tc, ci, "expiration")
		headed := trHeadingIs(tc, ci, trHeadingTermRe.Regexp)
		for _, s := range tc.sentences(ci) {
			if !trTermSentenceOf(tc, s) {
				continue
			}
			base := 0
			if typed {
				base += 2
			}
			if headed {
				base++
			}
			if trOtherPeriodRe.MatchString(s.Lower) {
				base -= 3
			}
			for _, d := range durs.of(s) {
				if sc, ok := trTermScore(s.Lower, d.Start, d.End); ok {
					best = trKeep(best, &trCand{score: base + sc, ci: ci, s: s, from: d.Start, to: d.End, value: d.Duration})
				}
			}
			for _, m := range trAnniversaryRe.FindAllStringSubmatchIndex(s.Lower, -1) {
				pre := trLastPart(s.Lower[max(0, m[0]-40):m[0]])
				if !trAnnivLeadRe.MatchString(pre) || trAnnivNotRe.MatchString(pre) {
					continue
				}
				n, ok := trOrdinal(strings.TrimSuffix(s.Lower[m[4]:m[5]], "-year"))
				if !ok || n <= 0 || n > 99 {
					continue
				}
				c := &trCand{score: base + 3, ci: ci, s: s, from: m[4], to: m[1], value: Duration{Years: n}}
				best = trKeep(best, c)
				if a := trAnniversaryDate(tc, s, m[1], n); a != nil {
					a.ci, a.s, a.from, a.to, a.score = ci, s, m[4], m[1], c.score
					anniv = trKeep(anniv, a)
				}
			}
		}
	}
	if best != nil && best.score < 2 {
		best = nil
	}
	if anniv != nil && (best == nil || anniv.s.Start != best.s.Start || anniv.s.Block != best.s.Block) {
		// the anniversary must come from the sentence that states the term
		if best == nil || anniv.score < best.score {
			anniv = nil
		}
	}
	return best, anniv
}

// trTermScore scores the period lower[from:to] as the length of the term: ok is
// false when it is something else (notice, renewal, survival).
func trTermScore(lower string, from, to int) (int, bool) {
	if trIsNotice(lower, from, to) {
		return 0, false
	}
	pre, post := trAround(lower, from, to, 150)
	pre = trLastPart(pre)
	near := pre[max(0, len(pre)-50):]
	if trAfterEndRe.MatchString(post) || trNotTermBeforeRe.MatchString(pre) {
		return 0, false
	}
	if trRenewalBeforeRe.MatchString(near) && !trExtendForRe.MatchString(near) {
		return 0, false
	}
	if strings.HasPrefix(strings.TrimLeft(post, " ),"), "each") {
		return 0, false // "successive terms of five years each"
	}
	score := 0
	switch {
	case trTermLeadRe.MatchString(pre):
		score++
	case trTermAdjRe.MatchString(pre) && trTermNounRe.MatchString(post):
		score++
	case trTermEndLeadRe.MatchString(pre) && trStartAfterRe.MatchString(post), trTermEndLeadRe.MatchString(pre) && trThenceRe.MatchString(post):
		score++ // "shall end fifteen months therefrom", "terminate on the date three (3) years from"
	default:
		return 0, false
	}
	if trContinueForRe.MatchString(pre) {
		score++
	}
	if trTermStrongRe.MatchString(pre) || trTermNamedRe.MatchString(post) {
		score += 2
	}
	if trFromAfterRe.MatchString(post) {
		score++
	}
	return score, true
}

// trOrdinal reads an ordinal or cardinal ("third", "10th", "four", "ten").
func trOrdinal(w string) (int, bool) {
	w = strings.TrimSpace(w)
	if n, ok := parseCount(w); ok {
		return n, true
	}
	digits := strings.TrimRight(w, "stndrh")
	if digits != w && digits != "" {
		if n, ok := parseCount(digits); ok {
			return n, true
		}
	}
	ord := map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
		"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
		"thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30}
	n, ok := ord[w]
	return n, ok
}

// trStart finds the date the term in sentence s is counted from: a stated date,
// the effective date or the agreement date. after is where the words that state
// the term's length end. It returns the zero Date when the term runs from some
// other event (a launch, a first sale) or nothing is known.
func trStart(tc *termContext, s termSentence, after int) (Date, string) {
	var refs []int // offsets in s of the words naming the start
	if m := trStartAfterRe.FindStringIndex(s.Lower[after:]); m != nil {
		refs = append(refs, after+m[1])
	}
	for _, m := range trStartRe.FindAllStringIndex(s.Lower, -1) {
		refs = append(refs, m[1])
	}
	if len(refs) == 0 {
		return trDateTerm(tc, "effective_date", "agreement_date") // a term with no stated start runs from the effective date
	}
	for _, at := range refs {
		r := strings.TrimLeft(s.Lower[at:], " -_*\"“")
		switch {
		case trStartEffectiveRe.MatchString(r):
			return trDateTerm(tc, "effective_date", "agreement_date")
		case trStartDatedRe.MatchString(r):
			return trDateTerm(tc, "agreement_date", "effective_date")
		}
		if ds := findDates(s.Text[at:], tc.dayFirst); len(ds) > 0 && ds[0].Start < 12 {
			return ds[0].Date, "from"
		}
	}
	// "the Launch Date", "the first commercial sale": an event we cannot date
	return Date{}, ""
}

// trDateTerm returns the value of the first of kinds found (effective_date,
// agreement_date) and how to name it in a note.
func trDateTerm(tc *termContext, kinds ...TermKind) (Date, string) {
	for _, k := range kinds {
		if t := tc.first(k); t != nil {
			if d, ok := t.Value.(Date); ok && !d.IsZero() {
				if k == "effective_date" {
					return d, "effective"
				}
				return d, "dated"
			}
		}
	}
	return Date{}, ""
}

// trAnniversaryDate is the expiration a term "until the Nth anniversary" gives.
func trAnniversaryDate(tc *termContext, s termSentence, at, n int) *trCand {
	start, how := trStart(tc, s, at)
	if start.IsZero() {
		return nil
	}
	p := Duration{Years: n}
	end := start.Add(p)
	return &trCand{value: end, computed: true, note: fmt.Sprintf("%s %s + %s: the anniversary", how, start, p)}
}

// trComputedExpiration computes the expiration date from the start of the term
// and its length: the day before the anniversary.
func trComputedExpiration(tc *termContext, initial *trCand) *trCand {
	start, how := trStart(tc, initial.s, initial.to)
	if start.IsZero() {
		return nil
	}
	p := initial.value.(Duration)
	if p.Business || p.IsZero() {
		return nil
	}
	end := start.TermEnd(p)
	c := *initial
	c.value, c.computed = end, true
	c.note = fmt.Sprintf("%s %s + %s, less one day", how, start, p)
	if end != start.Add(p).AddDays(-1) {
		c.note = fmt.Sprintf("%s %s + %s: the anniversary's day does not exist in its month, so the term ends on the month's last day", how, start, p)
	}
	return &c
}

// trStatedExpiration finds an end date the contract states ("shall expire on
// December 31, 2025", "until June 30, 2010").
func trStatedExpiration(tc *termContext, cls []int, defs bool) *trCand {
	var best *trCand
	for _, ci := range cls {
		typed := trTyped(tc, ci, "expiration")
		headed := trHeadingIs(tc, ci, trHeadingTermRe.Regexp)
		for _, s := range tc.sentences(ci) {
			termish := trTermSentenceOf(tc, s)
			if !termish && !typed && !headed || trOtherDefinitionRe.MatchString(s.Lower) && !trTermDefinitionRe.MatchString(s.Lower) || defs && !trTermDefinitionRe.MatchString(s.Lower) {
				continue
			}
			if !trAnyOf(s.Text, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9") {
				continue // every date has a digit
			}
			for _, d := range findDates(s.Text, tc.dayFirst) {
				pre := trLastPart(s.Lower[max(0, d.Start-80):d.Start])
				if !trEndDateLeadRe.MatchString(pre) && !trFromToRe.MatchString(pre) {
					continue
				}
				score := 2
				if typed || defs {
					score += 2
				}
				if headed {
					score++
				}
				if !termish {
					score--
				}
				if trTermStrongRe.MatchString(s.Lower[:d.Start]) {
					score += 2
				}
				if trEndSubjectRe.MatchString(pre) {
					score += 2
				}
				if trOtherPeriodRe.MatchString(s.Lower) {
					score -= 3
				}
				if trRenewalBeforeRe.MatchString(pre) {
					score -= 2
				}
				if trConditionRe.MatchString(s.Lower[:d.Start]) {
					score -= 2
				}
				c := &trCand{score: score, ci: ci, s: s, from: d.Start, to: d.End, value: d.Date}
				if d.Ambiguous {
					c.note = "numeric date read " + map[bool]string{true: "day-first", false: "month-first"}[tc.dayFirst]
					if tc.dayFirstWhy != "" && tc.dayFirst {
						c.note += ": " + tc.dayFirstWhy
					}
				}
				best = trKeep(best, c)
			}
		}
	}
	if best != nil && best.score < 3 {
		return nil
	}
	return best
}

// trDefinitionClauses returns the clauses that define terms, in document order.
func trDefinitionClauses(tc *termContext) []int {
	out := trClauses(tc, "definitions")
	for i := range tc.doc.Clauses {
		if tc.onlySet && i != tc.only {
			continue // ClauseTerms: this clause alone
		}
		if tc.doc.Clauses[i].Kind == KindDefinition && !trTyped(tc, i, "definitions") {
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out
}

// trPerpetual finds a statement that the agreement runs until terminated.
func trPerpetual(tc *termContext, cls []int) *trCand {
	var best *trCand
	for _, ci := range cls {
		for _, s := range tc.sentences(ci) {
			if !trTermSentenceOf(tc, s) || trPerpetualNotRe.MatchString(s.Lower) {
				continue
			}
			m := trPerpetualRe.FindStringIndex(s.Lower)
			if m == nil {
				continue
			}
			// "thereafter ... until terminated" follows a fixed term
			if trAfterTermRe.MatchString(s.Lower[:m[0]]) {
				continue
			}
			score := 1
			if trTyped(tc, ci, "expiration") {
				score++
			}
			best = trKeep(best, &trCand{score: score, ci: ci, s: s, from: m[0], to: m[1], value: true})
		}
	}
	return best
}

var (
	// trRenewalSentenceRe marks a sentence about renewing the term.
	trRenewalSentenceRe = termMustCompile(`\b(option|right|elect\w*) to continue\b|\brenew|\bextend|\bextension|\bsuccessive|\bconsecutive|year[- ]to[- ]year|month[- ]to[- ]month|from year to year|\btacit|\bevergreen|\bthereafter\b[^.;]{0,120}\b(continu|until|unless|year|month|period)`)
	// trRenewalNotRe marks renewals of something else.
	trRenewalNotRe = termMustCompile(`\bsurviv\w*|\b(contract |calendar |fiscal |agreement |license |lease )?(year|quarter|month)["”]?\s*(:|means\b|shall mean\b)|\bcancellation,? (or )?non-?renewal\b|\bnon-?renewal,? (or )?(cancellation|material)|\binsur\w*|\bpolic(y|ies)\b|\bpermits?\b|\bregistrations?\b|\bwarrant\w*|\bletters? of credit\b|\bpurchase orders?\b|\bsubscriptions? to\b|\bstatements? of work\b|\bcalendar quarter\b`)
	// trAutoRe states an automatic renewal.
	trAutoRe = termMustCompile(`\b(automatic(ally)?|auto-?)\s?(be )?(renew|extend|extension|continu)\w*|\b(renew|renewed|renewal|extend|extended|extension|continue|continued)\w*\b[^.;]{0,30}\b(automatic(ally)?|tacit(ly)?)\b|\btacit(ly)?\b[^.;]{0,30}\b(renew|extend|extension|continu)\w*|\bevergreen\b`)
	// trAutoWeakRe states a renewal that happens unless someone stops it.
	trAutoWeakRe = termMustCompile(`\b(shall|will|is to) (thereafter )?(be )?(renew|renewed|extend|extended|continue|continued)\b[^.;]{0,160}\b(unless|until)\b|\b(thereafter|continue|continues|remain)\b[^.;]{0,80}\b(year[- ]to[- ]year|month[- ]to[- ]month|from year to year|from month to month|on a (monthly|yearly|annual|year[- ]to[- ]year|month[- ]to[- ]month) basis)|\bthereafter\b[^.;]{0,80}\b(successive|additional)\b[^.;]{0,60}\b(periods?|terms?|years?|months?)\b[^.;]{0,100}\bunless\b`)
	// trOptionRe states a renewal that needs an option, a request or an agreement.
	trAutoBasisRe = termMustCompile(`\b(continu\w*|remain\w*|renew\w*|extend\w*)\b[^.;]{0,40}?\b(year[- ]to[- ]year|month[- ]to[- ]month|from year to year|from month to month|on a (monthly|yearly|annual|year[- ]to[- ]year|month[- ]to[- ]month) basis)`)
	trAutoVerbRe  = termMustCompile(`\b(renew|renewed|extend|extended|continue|continued)\b`)
	trUnlessEndRe = termMustCompile(`\b(unless|until)$`)
	trShallRe     = termMustCompile(`^(shall|will|is to) (thereafter )?`)
	// trOptionModalRe: "may be extended", "may, at its option, renew".
	trOptionModalRe = termMustCompile(`\b(may|can|might|could),? (\w+,? ){0,4}(be )?(renew|renewed|extend|extended)\b`)
	trOptionRe      = termMustCompile(`\b(option|right|opportunity|election|elect\w*|request|wish\w*|desir\w*|intends?|want\w*)\b[^.;]{0,20}\bto (seek to )?(renew|extend)\b|\b(renewal|extension) (option|right)s?\b|\bexercis\w*\b[^.;]{0,40}\b(option|right)|\b(decide|determine|discuss|negotiat\w*|agree)\w* (whether |on |upon |about |for )?(to )?(an? |the )?(extend|renew|extension|renewal)|\bmutual(ly)?\b[^.;]{0,40}\b(agree\w*|consent|written|accord)\b|\b(agreement|consent|approval) of (both|the|all) parties\b|\b(if|provided|upon|by|with|where) (both |the )?parties\b[^.;]{0,30}\b(agree|consent)|\b(renew\w*|extend\w*|extension)\b[^.;]{0,60}\bsubject to\b[^.;]{0,30}\b(agree\w*|negotiat\w*|approval)|\bby amendment\b|\bby (mutual |written |mutual written )?(agreement|consent)\b|\bupon (the )?(written )?(agreement|request|consent)\b|\bto be (negotiated|agreed)\b`)
	// trSameTermRe: renewal terms as long as the initial term.
	trSameTermRe = termMustCompile(`\b(equal (in length |in duration )?to|same (length|duration|period) as|of the same (length|duration)|identical to) (that of )?(the )?(initial|original|then[- ]current|preceding|prior)( term| period)?|\bterms? of the same (length|duration)\b|\bfor (a |an )?(like|similar|same) (period|term)`)
	// trYearlyRe: renewal by the year or month without a stated period.
	trYearlyRe = termMustCompile(`\b(year[- ]to[- ]year|from year to year|annually|(annual|yearly) (periods?|terms?|basis|renewals?|extensions?)|each year|every year|each calendar year|(successive|additional|subsequent|consecutive|renewal) (one[- ]year|annual|yearly)|month[- ]to[- ]month|from month to month|monthly|each month|every month|(an?|one) (further|additional|extra|other|more) (year|month)|another (year|month))\b`)
	// trRenewalKeyRe starts the words that can state a renewal term.
	// The third form starts at the word that makes continuing a renewal.
	trRenewalKeyRe = termMustCompile(`\b(renew\w*|extend\w*|extension|successive|consecutive|thereafter|tacit\w*)\b|\bautomatic\w* continu\w*|\bcontinu\w*\b[^.;]{0,60}?\b(additional|further|year[- ]to[- ]year|month[- ]to[- ]month|from year to year|(monthly|yearly|annual) basis)`)
	// trNotRenewalBeforeRe, trNotRenewalAfterRe: a period so placed is not a renewal term.
	trNotRenewalBeforeRe = termMustCompile(`\b(initial|original|first)\s*$|\b(initial|original) (term|period)\b[^.;]{0,20}$`)
	trNotRenewalAfterRe  = termMustCompile(`^\W{0,3}(after|from|following) (the )?(effective date|date hereof|execution)|^\s*anniversary`)
	trRenewalLeadRe      = termMustCompile(`\b(successive|additional|further|subsequent|consecutive|renewal|another|extension)\b[^.;]{0,40}$`)
	trRenewalTailRe      = termMustCompile(`^[^.;]{0,30}\b(each|renewal|additional|extension)\b`)
	// trRenewalStopRe ends the words that can state the renewal term.
	trRenewalStopRe = termMustCompile(`\b(unless|provided|except|prior to|before|in advance|notice|notif\w*|if either|upon the expiration of the initial)\b`)
	// trLimitRe: "up to two (2) additional terms", "two additional five-year
	// terms", "one (1) renewal term". Groups: lead, count, qualifiers, a length
	// used as an adjective, qualifiers, noun.
	trLimitRe     = termMustCompile(`\b(?:(up to|a maximum of|maximum of|no more than|not more than|at most|only)\s+)?(one|two|three|four|five|six|seven|eight|nine|ten|a single|\d+)\s*(?:\(\s*\d+\s*\)\s*)?((?:(?:more|additional|successive|further|consecutive|subsequent|separate|renewal|extension|optional|automatic|single)\s+)*)((?:\w+(?:\s*\(\s*\d+\s*\))?[- ](?:year|month)s?[- ])?)((?:(?:additional|successive|further|consecutive|renewal|extension|option)\s+)*)(terms|periods|times|renewals|extensions|occasions|options|term|period|renewal|extension|time|option)\b`)
	trLimitOneRe  = termMustCompile(`\b(additional|further|renewal|extension|single|option)\b`)
	trRenewWordRe = termMustCompile(`\brenew|\bextend|\bextension`)
	// trRenewalishRe marks a sentence that speaks of renewal or of the time after
	// the initial term.
	trRenewalishRe = termMustCompile(`\brenew\w*|\bextend\w*|\bextension|\bthen[- ]current|\bsuccessive|\bconsecutive|year[- ]to[- ]year|month[- ]to[- ]month|\b(continu\w*|remain\w*)\b[^.;]{0,60}\b(thereafter|indefinitely)\b|\b(thereafter|indefinitely)\b[^.;]{0,60}\b(continu\w*|remain\w*|until)|\bautomatic|\btacit`)
	// trStoppingRe marks a sentence about stopping the term.
	trStoppingRe   = termMustCompile(`\bnon-?renewal\b|\bnot (to )?(renew|extend)|\bnot be (renewed|extended)|\b(intent\w*|election|decision|desire|wish) (not )?to (terminate|cancel|not)|\bunless\b|\buntil\b|\bterminat\w*|\bcancel\w*|\bdecline`)
	trNonRenewalRe = termMustCompile(`\bnon-?renewal\b|\bnot (to )?(renew|extend)|\bnot be (renewed|extended)|(intent\w*|election|decision|desire|wish) (not )?to (terminate|not)`)
	trUnlessRe     = termMustCompile(`\bunless\b|\buntil\b[^.;]{0,60}\b(terminat\w*|cancel\w*|notice)`)
	trAutoHintRe   = termMustCompile(`\bautomatic|\bsuccessive|\bthen[- ]current|\btacit|\bthereafter\b|year[- ]to[- ]year|month[- ]to[- ]month|\bindefinitely\b`)
	trWithinRe     = termMustCompile(`\b(within|after)\s*$`)
	trOnceRe       = termMustCompile(`\b(renew\w*|extend\w*)\b[^.;]{0,80}\b(once|twice)\b|\b(only|no more than|not more than) (once|twice)\b`)
	// trRenewalPartyRe: "either party", "a Party", "either X or Y".
	trEitherPartyRe = termMustCompile(`\b(either|each|any|a) (of the )?(part(y|ies)|side)\b|\beither\b [\w.&-]+( [\w.&-]+)? or\b|\bthe parties\b|\bany of them\b`)
)

// trOptionAt finds the first words that make a renewal optional, or nil.
func trOptionAt(l string) []int {
	a, b := trOptionModalRe.FindStringIndex(l), trOptionRe.FindStringIndex(l)
	if a == nil || b != nil && b[0] < a[0] {
		return b
	}
	return a
}

// trDurations caches the periods found in each sentence, keyed by its text (on
// which findDurations alone depends): several finders read the same sentences,
// and a contract may repeat one.
type trDurations map[string][]durationMatch

// of returns the periods written in s.
func (c trDurations) of(s termSentence) []durationMatch {
	k := s.Text
	ds, ok := c[k]
	if !ok {
		if trAnyOf(s.Lower, "day", "week", "month", "year") {
			ds = findDurations(s.Text)
		}
		c[k] = ds
	}
	return ds
}

// trRenewal finds auto_renewal, renewal_term, renewal_limit and the non-renewal
// notice period and party.
func trRenewal(tc *termContext, termCl []int, initial *trCand, durs trDurations) {
	var auto, term, limit *trCand
	// what each sentence says depends on its text alone: read once per text
	read := make(map[string]*trRenewalRead)
	for _, ci := range termCl {
		base := 0
		if trTyped(tc, ci, "renewal") {
			base++
		}
		for _, s := range tc.sentences(ci) {
			r := read[s.Text]
			if r == nil {
				r = trReadRenewal(s, initial, durs)
				read[s.Text] = r
			}
			auto = trKeep(auto, r.auto.at(ci, s, base))
			term = trKeep(term, r.term.at(ci, s, base))
			limit = trKeep(limit, r.limit.at(ci, s, base))
		}
	}
	trAdd(tc, "auto_renewal", auto)
	trAdd(tc, "renewal_term", term)
	trAdd(tc, "renewal_limit", limit)
	trRenewalNotice(tc, term, durs)
}

// trRenewalRead is what one sentence says of renewal: candidates scored
// without the clause's bonus, in no clause yet; nil when it says nothing.
type trRenewalRead struct {
	auto, term, limit *trCand
}

// at returns a copy of c placed in clause ci and sentence s, with base added
// to its score; nil when c is nil.
func (c *trCand) at(ci int, s termSentence, base int) *trCand {
	if c == nil {
		return nil
	}
	x := *c
	x.ci, x.s, x.score = ci, s, c.score+base
	return &x
}

// trReadRenewal reads sentence s for trRenewal: whether the term renews
// automatically, the renewal term and the limit on renewals.
func trReadRenewal(s termSentence, initial *trCand, durs trDurations) *trRenewalRead {
	r := &trRenewalRead{}
	l := s.Lower
	if !trAnyOf(l, "renew", "exten", "success", "consecut", "to year", "to-year", "to month", "to-month", "tacit", "evergreen", "thereafter", "continue") ||
		!trRenewalSentenceRe.MatchString(l) || trRenewalNotRe.MatchString(l) {
		return r
	}
	// automatic or not
	if m := trAutoRe.FindStringIndex(l); m != nil {
		r.auto = &trCand{score: 4, s: s, from: m[0], to: m[1], value: true}
	} else if m := trAutoWeakRe.FindStringIndex(l); m != nil {
		from, to := trAutoEvidence(l, m)
		r.auto = &trCand{score: 3, s: s, from: from, to: to, value: true}
	} else if m := trOptionAt(l); m != nil && trRenewWordRe.MatchString(l) {
		r.auto = &trCand{score: 2, s: s, from: m[0], to: m[1], value: false}
	}
	// the renewal term
	if c := trRenewalTerm(s, initial, durs); c != nil {
		if trAutoRe.MatchString(l) {
			c.score++
		}
		r.term = c
	}
	r.limit = trRenewalLimit(s)
	return r
}

// trAutoEvidence narrows a match of trAutoWeakRe to the words that renew:
// "shall be renewed" out of "shall be renewed for ... unless", "continue on a
// month to month basis" out of "shall continue on a month to month basis".
func trAutoEvidence(l string, m []int) (int, int) {
	from, to := m[0], m[1]
	if b := trAutoBasisRe.FindStringIndex(l[from:to]); b != nil {
		return from + b[0], from + b[1]
	}
	if v := trAutoVerbRe.FindStringIndex(l[from:to]); v != nil && trUnlessEndRe.MatchString(l[from:to]) {
		return from, from + v[1]
	}
	if p := trShallRe.FindStringIndex(l[from:to]); p != nil {
		from += p[1]
	}
	return from, to
}

// trRenewalTerm finds the length of a renewal term in s: the first period after
// the word that renews, before the notice words.
func trRenewalTerm(s termSentence, initial *trCand, durs trDurations) *trCand {
	l := s.Lower
	kw := trRenewalKeyRe.FindAllStringSubmatchIndex(l, -1)
	if len(kw) == 0 {
		return nil
	}
	ds := durs.of(s)
	for _, k := range kw {
		if k[4] >= 0 {
			k = []int{k[4], k[5]}
		}
		// the renewal words run from the keyword to the first stop word
		end := min(len(l), k[1]+160)
		if st := trRenewalStopRe.FindStringIndex(l[k[1]:end]); st != nil {
			end = k[1] + st[0]
		}
		for _, d := range ds {
			if d.Start < k[0] || d.Start >= end || d.Duration.Business || trIsNotice(l, d.Start, d.End) {
				continue
			}
			pre, post := trAround(l, d.Start, d.End, 60)
			if trAfterEndRe.MatchString(post) || trNotRenewalBeforeRe.MatchString(pre) || trNotTermBeforeRe.MatchString(pre) || trNotRenewalAfterRe.MatchString(post) {
				continue
			}
			score := 2
			if trRenewalLeadRe.MatchString(pre) || trRenewalTailRe.MatchString(post) {
				score++
			}
			return &trCand{score: score, s: s, from: d.Start, to: d.End, value: d.Duration}
		}
		from := max(0, k[0]-20) // "automatic annual renewals"
		seg := l[from:end]
		if m := trSameTermRe.FindStringIndex(seg); m != nil && initial != nil {
			return &trCand{score: 2, s: s, from: from + m[0], to: from + m[1], value: initial.value, computed: true,
				note: "as long as the initial term (" + initial.value.(Duration).String() + ")"}
		}
		if m := trYearlyRe.FindStringIndex(seg); m != nil {
			p := Duration{Years: 1}
			if strings.Contains(seg[m[0]:m[1]], "month") {
				p = Duration{Months: 1}
			}
			return &trCand{score: 2, s: s, from: from + m[0], to: from + m[1], value: p}
		}
	}
	return nil
}

// trRenewalLimit finds how many renewal terms there can be ("up to two (2)
// additional terms", "renew once").
func trRenewalLimit(s termSentence) *trCand {
	l := s.Lower
	if !trRenewWordRe.MatchString(l) {
		return nil
	}
	if m := trOnceRe.FindStringIndex(l); m != nil {
		n := 1
		if strings.Contains(l[m[0]:m[1]], "twice") {
			n = 2
		}
		return &trCand{score: 1, s: s, from: m[0], to: m[1], value: n}
	}
	for _, m := range trLimitRe.FindAllStringSubmatchIndex(l, -1) {
		w := l[m[4]:m[5]]
		if w == "a single" {
			w = "one"
		}
		n, ok := parseCount(w)
		if !ok || n < 1 || n > 20 {
			continue
		}
		noun := l[m[12]:m[13]]
		qual := l[m[6]:m[7]] + " " + l[m[10]:m[11]]
		switch {
		case strings.HasSuffix(noun, "s"), strings.HasPrefix(noun, "time"):
		case n == 1 && (m[2] >= 0 || strings.Contains(w, "single") || trLimitOneRe.MatchString(qual)):
		default:
			continue // "one (1) year period" is a length, not a count
		}
		if !trRenewWordRe.MatchString(l[max(0, m[0]-80):m[1]]) {
			continue
		}
		return &trCand{score: 2, s: s, from: m[4], to: m[1], value: n}
	}
	return nil
}

// trNoticeRead is what trRenewalNotice reads from a sentence's text alone:
// flags are 1 (yes), -1 (no) or 0 (not read yet); optAt as in trRenewalNotice,
// -2 until read.
type trNoticeRead struct {
	renewalish             bool
	auto, stopping, renews int8
	optAt                  int
}

// trFlag is 1 for true and -1 for false.
func trFlag(b bool) int8 {
	if b {
		return 1
	}
	return -1
}

// trRenewalNotice finds renewal_notice_period and renewal_notice_party: the
// notice of non-renewal needed before the end of a term. A sentence counts when
// it speaks of renewal, or follows one that does in the same clause ("... shall
// renew automatically. A six (6) months notice must be given ...").
func trRenewalNotice(tc *termContext, term *trCand, durs trDurations) {
	var best, bestParty *trCand
	// what a sentence's text says, read once per text
	read := make(map[string]*trNoticeRead)
	for _, ci := range trClauses(tc, "renewal_notice", "renewal", "expiration", "termination") {
		base := 1
		if trTyped(tc, ci, "renewal_notice") {
			base++
		}
		// a clause typed only termination counts for a sentence that itself
		// speaks of renewal and of the end of a term
		termOnly := !trTyped(tc, ci, "renewal_notice") && !trTyped(tc, ci, "renewal") && !trTyped(tc, ci, "expiration")
		after, afterOpt := false, false // the sentence before renewed automatically; by option
		for _, s := range tc.sentences(ci) {
			l := s.Lower
			rd := read[l]
			if rd == nil {
				rd = &trNoticeRead{renewalish: trRenewalish(l), optAt: -2}
				read[l] = rd
			}
			renewalish := rd.renewalish
			if termOnly && !renewalish {
				continue
			}
			ds := durs.of(s)
			if rd.auto == 0 {
				rd.auto, rd.stopping = trFlag(trAutoRe.MatchString(l)), trFlag(trStoppingRe.MatchString(l))
				rd.renews = trFlag(renewalish && trRenewWordRe.MatchString(l) || rd.auto > 0)
			}
			carried := after && !renewalish && !termOnly && len(ds) > 0 && (rd.stopping > 0 || strings.Contains(l, "notice"))
			auto := rd.auto > 0
			renews := rd.renews > 0
			// a notice to exercise an option or to agree an extension is not a
			// notice of non-renewal: optAt is where such words end, -1 if none
			optAt := -1
			if (renews || len(ds) > 0 && (renewalish || carried)) && !auto {
				if rd.optAt == -2 {
					rd.optAt = -1
					switch {
					case trNonRenewalRe.MatchString(l):
					case trOptionRe.MatchString(l):
						rd.optAt = 0 // an option or an agreement governs the whole sentence
					default:
						if m := trOptionModalRe.FindStringIndex(l); m != nil {
							rd.optAt = m[1] // "may be extended" governs what follows it
						}
					}
				}
				optAt = rd.optAt
			}
			if carried && afterOpt {
				optAt = 0
			}
			after, afterOpt = renews, optAt >= 0 && renews
			if len(ds) == 0 || !renewalish && !carried {
				continue
			}
			if trConvenienceRe.MatchString(l) && !trNonRenewalRe.MatchString(l) {
				continue // a right to terminate at will, not to stop a renewal
			}
			stopping := rd.stopping > 0
			for _, d := range ds {
				if term != nil && term.s.Start == s.Start && term.s.Block == s.Block && term.from == d.Start {
					continue
				}
				pre, post := trAround(l, d.Start, d.End, 80)
				notice := trNoticeWordRe.MatchString(post) || trNoticeBeforeRe.MatchString(pre)
				beforeEnd := trBeforeEndRe.MatchString(post)
				if !(notice && stopping) && !beforeEnd || carried && !strings.Contains(l, "notice") || optAt >= 0 && optAt <= d.Start {
					continue
				}
				if termOnly && !beforeEnd && !trNonRenewalRe.MatchString(l) {
					continue
				}
				if trWithinRe.MatchString(pre) && !beforeEnd {
					continue
				}
				score := base
				if trNonRenewalRe.MatchString(l) {
					score += 3
				}
				if beforeEnd {
					score += 2
				}
				if trUnlessRe.MatchString(l) {
					score++
				}
				if trAutoHintRe.MatchString(l) {
					score++
				}
				if carried {
					score--
				}
				c := &trCand{score: score, ci: ci, s: s, from: d.Start, to: d.End, value: d.Duration}
				if best == nil || c.score > best.score {
					best, bestParty = c, nil
					if p, from, to := trPartyBefore(tc, s, d.Start); p != "" {
						bestParty = &trCand{score: score, ci: ci, s: s, from: from, to: to, value: p}
					}
				}
				break
			}
		}
	}
	if best == nil || best.score < 1 {
		return
	}
	trAdd(tc, "renewal_notice_period", best)
	trAdd(tc, "renewal_notice_party", bestParty)
}

// trPartyBefore finds who acts in sentence s before byte offset at: "either
// party" or a party's defined term, with the words that name it. The actor is
// the first party named after the last "unless", "provided", "if", "until" or
// ";" before at.
func trPartyBefore(tc *termContext, s termSentence, at int) (string, int, int) {
	l := s.Lower[:at]
	lo := 0
	for _, w := range []string{"unless", "provided", ";", "if ", "until"} {
		if i := strings.LastIndex(l, w); i >= 0 && i+len(w) > lo {
			lo = i + len(w)
		}
	}
	seg := l[lo:]
	name, from, to := "", len(seg), 0
	for _, m := range trEitherPartyRe.FindAllStringIndex(seg, -1) {
		if seg[m[0]:m[1]] == "the parties" && !trEitherOfRe.MatchString(seg[:m[0]]) {
			continue
		}
		name, from, to = "either party", m[0], m[1]
		break
	}
	for _, p := range tc.parties() {
		role := p.Role
		if role == "" {
			role = p.Name
		}
		for _, n := range append(append([]string{p.Role}, p.Aliases...), p.Name) {
			n = strings.TrimSpace(asciiLower(n))
			if len(n) < 2 {
				continue
			}
			for i := 0; i < from; {
				j := strings.Index(seg[i:], n)
				if j < 0 {
					break
				}
				i += j
				end := i + len(n)
				if (i == 0 || !trWordByte(seg[i-1])) && (end == len(seg) || !trWordByte(seg[end])) {
					if i < from {
						name, from, to = role, i, end
					}
					break
				}
				i++
			}
		}
	}
	if name == "" {
		// No known party: the capitalised subject of the verb ("Customer may
		// terminate"), as the legal finders read it.
		return tlSubjectBefore(tc, s, lo, at)
	}
	return name, lo + from, lo + to
}

func trWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

var (
	// trConvenienceRe marks a right to terminate without cause.
	trConvenienceRe = termMustCompile(`\bfor (its|their|any party's|the \w+'s|[\w]+['’]s)? ?(own )?convenience\b|\bwith(out)? or without cause\b|\bwithout (any )?(cause|reason|penalty|liability)\b|\bfor any (or no )?reason( or no reason)?\b|\bfor no reason\b|\bat (any time|its (sole )?(discretion|option)|will)\b|\bin its (sole |absolute )?discretion\b|\bwithout (assigning|giving|stating|showing) (any )?(reason|cause)`)
	// trTerminateRe finds a right to terminate.
	trTerminateRe = termMustCompile(`\b(may|shall have the right to|will have the right to|has the right to|have the right to|is entitled to|shall be entitled to|reserves the right to|can|right to)\b[^.;]{0,60}\b(terminat\w*|cancel\w*)\b|\b(terminable|be terminated|cancell?ed) (at any time )?by (either|any|each|the)\b`)
	// trCauseRe marks termination for cause, not convenience.
	trCauseRe  = termMustCompile(`\b(breach\w*|default\w*|insolv\w*|bankrupt\w*|fails?|failure|violat\w*|cure[sd]?|receivership|liquidat\w*|force majeure|change (of|in) control|if|in the event|should|upon the occurrence)\b`)
	trNoConvRe = termMustCompile(`\b(may not|shall not|cannot|will not|no right to|not be entitled to) (be )?(terminat\w*|cancel\w*)`)
)

// findConvenienceTermination finds convenience_termination_party and convenience_notice_period.
func findConvenienceTermination(tc *termContext) {
	var party, notice *trCand
	for _, ci := range tc.clausesOf("termination_for_convenience") {
		for _, s := range tc.sentences(ci) {
			l := s.Lower
			tm := trTerminateRe.FindStringIndex(l)
			if tm == nil || trNoConvRe.MatchString(l) {
				continue
			}
			score := 1
			conv := trConvenienceRe.FindStringIndex(l)
			switch {
			case conv != nil:
				score += 2
			case trCauseRe.MatchString(l):
				continue
			}
			if p, from, to := trConvenienceParty(tc, s, tm); p != "" {
				party = trKeep(party, &trCand{score: score, ci: ci, s: s, from: from, to: to, value: p})
			}
			for _, d := range tc.durations(s) {
				pre, post := trAround(l, d.Start, d.End, 60)
				if !trNoticeAfterRe.MatchString(post) && !trNoticeBeforeRe.MatchString(pre) {
					continue
				}
				if trBeforeEndRe.MatchString(post) {
					continue // a deadline before the end of a term, not a notice period
				}
				notice = trKeep(notice, &trCand{score: score, ci: ci, s: s, from: d.Start, to: d.End, value: d.Duration})
				break
			}
		}
	}
	trAdd(tc, "convenience_termination_party", party)
	trAdd(tc, "convenience_notice_period", notice)
}

// trConvenienceParty finds who may terminate: the subject of "may terminate" or
// the agent of "terminated by".
func trConvenienceParty(tc *termContext, s termSentence, tm []int) (string, int, int) {
	l := s.Lower
	if m := trTerminatedByRe.FindStringIndex(l[tm[0]:]); m != nil {
		at := tm[0] + m[1]
		if p, from, to := trPartyBefore(tc, s, min(len(l), at+60)); p != "" && from >= at {
			return p, from, to
		}
	}
	if trMutualRe.MatchString(l[:tm[0]]) {
		return "", 0, 0
	}
	return trPartyBefore(tc, s, tm[0])
}

var (
	trCureRe = termMustCompile(`\b(cure[ds]?|curing|uncured|remed(y|ied|ies|ying)|unremedied|rectif\w*|correct(ed|s)?)\b`)
	// trCurePayRe marks a cure period for late payment only.
	trCurePayRe = termMustCompile(`\b(pay|paid|payment|amounts? due|undisputed)\b`)
)

// findCurePeriod finds cure_period.
func findCurePeriod(tc *termContext) {
	var best *trCand
	for _, ci := range trClauses(tc, "termination", "termination_for_convenience") {
		for _, s := range tc.sentences(ci) {
			l := s.Lower
			if !trAnyOf(l, "cur", "remed", "rectif", "correct") {
				continue
			}
			cures := trCureRe.FindAllStringIndex(l, -1)
			if cures == nil {
				continue
			}
			ds := tc.durations(s)
			if len(ds) == 0 {
				continue
			}
			base := 2
			if trBreachRe.MatchString(l) {
				base++
			}
			if trCurePayRe.MatchString(l) {
				base--
			}
			var pick *durationMatch
			dist := 1 << 30
			for i := range ds {
				d := &ds[i]
				if d.End-d.Start <= 0 {
					continue
				}
				_, post := trAround(l, d.Start, d.End, 60)
				if trBeforeEndRe.MatchString(post) || trAfterEndRe.MatchString(post) {
					continue
				}
				for _, c := range cures {
					var gap int
					switch {
					case d.Start >= c[1]:
						gap = d.Start - c[1]
					case c[0] >= d.End:
						gap = c[0] - d.End + 20 // a period after the cure words reads best
					default:
						gap = 0
					}
					if gap < 150 && gap < dist {
						pick, dist = d, gap
					}
				}
			}
			if pick == nil {
				continue
			}
			best = trKeep(best, &trCand{score: base, ci: ci, s: s, from: pick.Start, to: pick.End, value: pick.Duration})
		}
	}
	trAdd(tc, "cure_period", best)
}
