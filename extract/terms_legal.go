package extract

import (
	"sort"
	"strconv"
	"strings"
)

// Finders for assignment, change of control, indemnification, liability and payment.
//
// They read lower-cased sentences (termSentence.Lower) with regular expressions
// that keep to one clause of a sentence ("[^.;]" gaps), and name parties by the
// defined terms findParties found or, failing those, by the role words
// contracts use ("Supplier", "Licensee").

// tlSent is one sentence of a clause the finders read.
type tlSent struct {
	ci int
	s  termSentence
}

// tlSentences returns the sentences of the clauses typed with any of types, in
// document order. With children set, the sentences of the child clauses of such
// a clause follow it (a list such as "(a) ... (b) ..." under "except for:").
func tlSentences(tc *termContext, children bool, types ...ClauseType) []tlSent {
	seen := make(map[int]bool)
	var cis []int
	for _, t := range types {
		for _, ci := range tc.clausesOf(t) {
			if !seen[ci] {
				seen[ci] = true
				cis = append(cis, ci)
			}
		}
	}
	if children {
		for i := 0; i < len(cis); i++ {
			for _, k := range tlChildren(tc, cis[i]) {
				if !seen[k] {
					seen[k] = true
					cis = append(cis, k)
				}
			}
		}
	}
	sort.Ints(cis)
	var out []tlSent
	for _, ci := range cis {
		for _, s := range tc.sentences(ci) {
			out = append(out, tlSent{ci, s})
		}
	}
	return out
}

// tlChildren returns the indexes of the child clauses of clause ci, in
// document order. Over the whole document the children of every clause are
// found once; for one clause (ClauseTerms) a scan is cheaper.
func tlChildren(tc *termContext, ci int) []int {
	id := tc.doc.Clauses[ci].ID
	if tc.onlySet {
		var out []int
		for i := range tc.doc.Clauses {
			if p := tc.doc.Clauses[i].Parent; p != "" && p == id {
				out = append(out, i)
			}
		}
		return out
	}
	if tc.byParent == nil {
		tc.byParent = make(map[string][]int)
		for i := range tc.doc.Clauses {
			if p := tc.doc.Clauses[i].Parent; p != "" {
				tc.byParent[p] = append(tc.byParent[p], i)
			}
		}
	}
	return tc.byParent[id]
}

// tlAdd records a term whose evidence is s.Text[from:to].
func tlAdd(tc *termContext, kind TermKind, v any, x tlSent, from, to int) {
	from, to = trimEvidence(x.s.Text, from, to)
	tc.add(Term{Kind: kind, Value: v, Clause: x.ci, Evidence: x.s.span(from, to)})
}

// Small patterns the finders below share.
var (
	tlFreelyRe        = termMustCompile(`\bfreely (?:assignable|transferable)\b`)
	tlConsentOfRe     = termMustCompile(`^ (?:in writing )?(?:of|from|by) (?:the )?`)
	tlPossessiveRe    = termMustCompile(`^['’]s?\b`)
	tlExceptConsentRe = termMustCompile(`^\w*[ ,]+(?:with|upon|by|after|on|subject to) (?:the )?(?:\w+ ){0,3}(?:consent|approval)`)
	tlNotAssignRe     = termMustCompile(`\b(?:shall|will|may) not\b[^.;]{0,60}\b(?:assign|transfer)`)
	tlWithoutRe       = termMustCompile(`\bwithout\b`)
	tlByWayRe         = termMustCompile(`\b(?:by|through|via|including|whether)\b`)
	tlNoDutyRe        = termMustCompile(`\b(?:not|no obligation|no duty|neither)\b`)
	tlNotRe           = termMustCompile(`\bnot\b`)
	tlBreachOtherRe   = termMustCompile(`\bconfidential|\bdata|\bsecurity`)
	tlNoControlRe     = termMustCompile(`\b(?:not|fails? to|failure to|elects? not|declines?)\b`)
	tlCapIncludesRe   = termMustCompile(`\b(?:including|includes|include|applies to|apply to|shall apply to|shall also apply to|will apply to|apply equally to|whether (?:in|under|for))\b(?: \w+){0,4}? indemni\w*`)
	tlCapResumesRe    = termMustCompile(`[,;]\s*(?:in no event|neither|each|either|under no|no party|the (?:total|aggregate))\b`)
	tlInsuranceRe     = termMustCompile(`\binsurance|\bcoverage`)
	tlParenDigitsRe   = termMustCompile(`\((\d+(?:\.\d+)?)\)`)
	tlMarginBeforeRe  = termMustCompile(`\b(?:above|over|plus|in excess of)\b[^.;]{0,40}$`)
	tlMarginAfterRe   = termMustCompile(`^[^.;]{0,30}\b(?:above|over|plus)\b[^.;]{0,30}\b(?:base|prime|reference|libor|sofr|rate)\b`)
	tlPaidRe          = termMustCompile(`\bpa(?:y|id|yable|yment)`)
)

// Party mentions.

// A tlMention is a party named in a sentence: "either party", "each party",
// "other party" or a defined term ("Supplier").
type tlMention struct {
	Start, End int
	Value      string
}

// tlGenericRe matches the ways contracts name a party without its defined term.
var tlGenericRe = termMustCompile(`\b(?:(either|neither|any|each|both|no|the other|other|one|a)(?: of the)? part(?:y|ies)|(the) parties)\b`)

// tlOtherNounRe matches "the other" and a capitalised noun ("the other Joint Venturer").
var tlOtherNounRe = termMustCompile(`\b[Tt]he other (?:[A-Z][\w-]*)(?: [A-Z][\w-]*)?`)

// tlRoleWords are the defined terms contracts commonly call parties by, used when
// findParties found none.
var tlRoleWords = []string{
	"Company", "Customer", "Client", "Supplier", "Vendor", "Provider", "Service Provider", "Contractor",
	"Consultant", "Licensor", "Licensee", "Distributor", "Reseller", "Manufacturer", "Seller", "Buyer",
	"Purchaser", "Franchisor", "Franchisee", "Agent", "Developer", "Publisher", "Sponsor", "Lessor",
	"Lessee", "Landlord", "Tenant", "Bank", "Lender", "Borrower", "Investor", "Producer", "Marketer",
	"Dealer", "Subscriber", "Owner", "Operator", "Affiliate Partner", "Partner", "Party A", "Party B",
	"Party C", "Employer", "Executive", "Member", "Collaborator", "Recipient", "Discloser", "Contractee",
	"Processor", "Controller", "Carrier", "Shipper", "Host", "Advertiser", "Sub-Advisor", "Adviser", "Advisor",
	"Manager", "Trust", "Fund",
}

// tlRoles returns the defined terms parties are called by, longest first, each
// with the value a term records for it (the party's role).
func tlRoles(tc *termContext) [][2]string {
	if !tc.rolesDone {
		tc.roles, tc.rolesDone = tlFindRoles(tc), true
	}
	return tc.roles
}

// tlFindRoles computes tlRoles.
func tlFindRoles(tc *termContext) [][2]string {
	var out [][2]string
	for _, p := range tc.parties() {
		role := p.Role
		for _, a := range p.Aliases {
			if role == "" {
				role = a
			}
			if a != "" && strings.ToLower(a) != "party" {
				out = append(out, [2]string{a, role})
			}
		}
		if p.Role != "" && len(p.Aliases) == 0 {
			out = append(out, [2]string{p.Role, p.Role})
		}
	}
	if len(out) < 2 {
		for _, w := range tlRoleWords {
			out = append(out, [2]string{w, w}, [2]string{strings.ToUpper(w), w})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i][0]) > len(out[j][0]) })
	return out
}

// tlMentions returns the parties named in text (original case), in order and
// without overlaps.
func tlMentions(tc *termContext, text string) []tlMention {
	low := asciiLower(text)
	var ms []tlMention
	for _, m := range tlGenericRe.FindAllStringSubmatchIndex(low, -1) {
		w := ""
		if m[2] >= 0 {
			w = low[m[2]:m[3]]
		}
		v := ""
		switch w {
		case "either", "neither", "any", "no", "a":
			v = "either party"
		case "each", "both", "":
			v = "each party"
		case "other", "the other":
			v = "other party"
		default:
			continue // "one party"
		}
		ms = append(ms, tlMention{m[0], m[1], v})
	}
	for _, m := range tlOtherNounRe.FindAllStringIndex(text, -1) {
		if !strings.HasPrefix(low[m[0]+len("the other "):], "part") {
			ms = append(ms, tlMention{m[0], m[1], "other party"})
		}
	}
	for _, r := range tlRoles(tc) {
		for off := 0; ; {
			i := strings.Index(text[off:], r[0])
			if i < 0 {
				break
			}
			from, to := off+i, off+i+len(r[0])
			off = to
			if from > 0 && valIsWordByte(text[from-1]) || to < len(text) && valIsWordByte(text[to]) {
				continue
			}
			overlap := false
			for _, o := range ms {
				if from < o.End && o.Start < to {
					overlap = true
					break
				}
			}
			if !overlap {
				ms = append(ms, tlMention{from, to, r[1]})
			}
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	return ms
}

// tlLastMention returns the last party mention in text[from:to] of the sentence,
// skipping mentions inside parentheses ("Each party (the "Indemnitor")").
func tlLastMention(ms []tlMention, from, to int) (tlMention, bool) {
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].Start >= from && ms[i].End <= to {
			return ms[i], true
		}
	}
	return tlMention{}, false
}

// tlCapsBeforeRe matches capitalised words that end a text: the subject of the
// verb that follows ("Transporter", "ELEPHANT TALK", "E.piphany").
var tlCapsBeforeRe = termMustCompile(`(?:^|[^\w.&'’-])((?:[A-Z][\w.&'’-]*|[a-z]\.?[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*|of|and|&)){0,3})\s*$`)

// tlCapsAfterRe matches capitalised words that begin a text (a name).
var tlCapsAfterRe = termMustCompile(`^(?:[A-Z][\w.&’-]*[\w&]|[A-Z])(?:\s+(?:[A-Z][\w.&’-]*[\w&]|of|and|&)){0,3}`)

// tlTrailingAsideRe matches an aside before a verb (", at its own expense,").
var tlTrailingAsideRe = termMustCompile(`,[^,]{0,60},\s*$`)

// tlNotSubject are capitalised words that do not name a party.
var tlNotSubject = map[string]bool{
	"it": true, "this": true, "each": true, "either": true, "neither": true, "such": true, "the": true,
	"agreement": true, "section": true, "article": true, "notwithstanding": true, "in": true, "if": true,
	"we": true, "you": true, "they": true, "he": true, "she": true, "any": true, "all": true, "no": true,
	"accordingly": true, "further": true, "furthermore": true, "thereafter": true, "therefore": true,
}

// tlSubject returns the party named just before at in text (from on): the last
// mention, or else the capitalised words that end text[from:at], taken as a
// party's name when findParties did not know it.
func tlSubject(text string, ms []tlMention, from, at int) (tlMention, bool) {
	if m, ok := tlLastMention(ms, from, at); ok {
		return m, true
	}
	pre := strings.TrimRight(text[from:at], " \t")
	pre = strings.TrimRight(tlTrailingAsideRe.ReplaceAllString(pre, ""), " ,")
	m := tlCapsBeforeRe.FindStringSubmatchIndex(pre)
	if m == nil {
		return tlMention{}, false
	}
	name := pre[m[2]:m[3]]
	start := from + m[2]
	for _, p := range []string{"The ", "THE "} {
		if strings.HasPrefix(name, p) {
			name, start = name[len(p):], start+len(p)
		}
	}
	low := strings.ToLower(name)
	if len(name) < 2 || tlNotSubject[low] || strings.HasSuffix(low, "party") || strings.HasSuffix(low, "parties") ||
		strings.Contains(low, "indemni") || strings.HasSuffix(low, "'s") || strings.HasSuffix(low, "’s") {
		return tlMention{}, false
	}
	return tlMention{start, start + len(name), name}, true
}

// tlNotPartyNameRe matches capitalised words that name the contract or a part
// of it rather than a party ("This Agreement", "Section 4").
var tlNotPartyNameRe = termMustCompile(`(?i)^(?:this|that|these|such)\b|\b(?:agreement|contract|amendment|order|section|article|clause|schedule|exhibit|term)s?$`)

// tlSubjectBefore returns the party that is the subject of the verb at at in
// sentence s (from on): "either party", "each party", a defined term, or the
// capitalised words before the verb ("Customer may terminate") when findParties
// found no parties; with the range of s.Text that names it. It returns "" when
// no party is named or the subject is "the other party". Finders outside this
// file (the convenience termination party) use it when no party is known.
func tlSubjectBefore(tc *termContext, s termSentence, from, at int) (string, int, int) {
	if from < 0 || at > len(s.Text) || from > at {
		return "", 0, 0
	}
	m, ok := tlSubject(s.Text, tlMentions(tc, s.Text), from, at)
	if !ok || m.Value == "other party" || tlNotPartyNameRe.MatchString(m.Value) {
		return "", 0, 0
	}
	v := m.Value
	if v == "each party" {
		v = "either party"
	}
	return tlResolveName(tc, v), m.Start, m.End
}

// tlOther returns the other party's defined term when the document has exactly
// two parties and role is one of them; otherwise "other party".
func tlOther(tc *termContext, role string) string {
	var roles []string
	for _, p := range tc.parties() {
		if p.Role != "" {
			roles = append(roles, p.Role)
		}
	}
	if len(roles) == 2 && roles[0] != roles[1] {
		switch role {
		case roles[0]:
			return roles[1]
		case roles[1]:
			return roles[0]
		}
	}
	return "other party"
}

// Assignment.

// tlRestrictRe matches a restriction on assigning: a negated modal before the
// verb, or "neither party ... assign". Group 1 is the modal.
var tlRestrictRe = termMustCompile(`\b(shall not|may not|will not|cannot|can not|must not|shall have no right to|has no right to|have no right to|shall not have the right to|is not entitled to|shall not be entitled to|are not entitled to|is not permitted to|shall not be permitted to|agrees? not to|shall neither|may neither|neither party shall|neither party may|neither party will|no party shall|no party may|neither of the parties (?:shall|may|will)|nor shall (?:either|any) party|no (?:[a-z]+ ){1,2}(?:shall|may|will)(?: be entitled to| be authori[sz]ed to| have the right to)?)\b[^.;]{0,160}?\b(assign|transfer|delegate|novate|sublicense|encumber)(?:s|ment)?\b`)

// tlRestrictPassiveRe matches "this Agreement may not be assigned" and "is not assignable".
var tlRestrictPassiveRe = termMustCompile(`\b(shall not|may not|will not|cannot|can not|is not|are not|must not|shall in no event)\b(?: \w+){0,4}? (?:be )?(?:\w+ )?(assigned|transferred|delegated|assignable|transferable|novated)\b|\bnon-?(assignable|transferable)\b|\b(?:neither|no)\b[^.;]{0,120}?\b(?:shall|may|will|can) (?:\w+ ){0,2}?be (?:\w+ )?(?:assigned|transferred|delegated|assignable|transferable)\b`)

// tlBadGapRe rules out a restriction whose negation is about something else:
// "consent shall not be unreasonably withheld, except that either party may assign".
var tlBadGapRe = termMustCompile(`\b(?:if|unless|when|except|provided|however|unreasonabl[ey]|withh\w*|delay\w*|dismissed)\b`)

// tlCreditorsRe marks an assignment for the benefit of creditors (insolvency).
var tlCreditorsRe = termMustCompile(`^\w*\s+for the (?:general )?benefit of (?:its |his |their )?creditors`)

// tlFindRestrict returns the first restriction on assigning in low and whether
// it is passive ("may not be assigned").
func tlFindRestrict(low string) ([]int, bool) {
	for off := 0; off < len(low); {
		m := tlRestrictRe.FindStringSubmatchIndex(low[off:])
		if m == nil {
			break
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += off
			}
		}
		if tlBadGapRe.MatchString(low[m[3]:m[4]]) || tlCreditorsRe.MatchString(low[m[4]:]) {
			off = m[3]
			continue
		}
		return m, false
	}
	if m := tlRestrictPassiveRe.FindStringSubmatchIndex(low); m != nil {
		return m, true
	}
	return nil, false
}

// tlByRe finds the agent of a passive restriction: "assigned by Licensee".
var tlByRe = termMustCompile(`^[^.;]{0,40}?\bby\b`)

// tlConsentRe matches a consent requirement; group 1 the consent word.
var tlConsentRe = termMustCompile(`\b(consent|approval|approve|permission|authori[sz]ation|agreement in writing|written agreement)\b`)

// tlMutualConsentRe matches consent of both parties.
var tlMutualConsentRe = termMustCompile(`\b(mutual(?:ly)? (?:\w+ ){0,2}(?:consent|agree\w*|approval)|consent of (?:both|all|each of the) parties|consent of the parties)\b`)

// tlStandardReasonableRe and tlStandardSoleRe match how consent may be refused.
var (
	tlStandardReasonableRe = termMustCompile(`\bnot (?:to )?(?:be )?unreasonabl[ey] (?:be )?(?:withheld|denied|delayed|conditioned|refused|withhold|deny|refuse|delay|condition)\b(?:,? (?:or |and )?(?:be )?(?:conditioned|delayed|denied|withheld|refused)\b){0,2}|\bunreasonably (?:withhold|withheld|deny|denied|refuse|refused|delay|delayed)\b|\breasonable (?:prior )?(?:written )?consent\b`)
	tlStandardSoleRe       = termMustCompile(`\b(?:sole|absolute|unfettered|complete) (?:and (?:absolute|exclusive|unfettered) )?discretion\b|\bfor any reason or (?:for )?no reason\b|\bin its discretion\b`)
)

// tlPermitRe matches a permission to assign: "may assign", "shall have the right to assign".
var tlPermitRe = termMustCompile(`\b(may|shall be (?:entitled|permitted|free) to|is (?:entitled|permitted|free) to|shall have the right to|has the right to|will have the right to|can|reserves the right to|may freely|may, without[^.;]{0,80},)\s+(?:\w+\s+){0,3}?(assign|transfer|delegate)\w*\b`)

// tlExceptCueRe starts the part of a sentence that states exceptions.
var tlExceptCueRe = termMustCompile(`\b(except|excepting|provided,? (?:however,? )?that|provided,? however|notwithstanding|however|other than|excluding|save (?:for|that)|with the exception of|but (?:may|shall be entitled to))\b`)

// tlWithoutConsentRe matches "without (the) ... consent/approval".
var tlWithoutConsentRe = termMustCompile(`\bwithout (?:(?:the|such|any|first|obtaining|prior|written|express|other party's|its|their|need|necessity|requirement|of|for|to|obtain|\w+'s) ){0,5}(?:consent|approval|permission)\b`)

// The exceptions to an assignment restriction.
var (
	tlAffiliateRe = termMustCompile(`\baffiliat\w*|\bsubsidiar(?:y|ies)\b|\bparent (?:company|corporation|entity)\b|\bunder common control\b|\b(?:controls|controlled by|controlling)\b`)
	tlMergerRe    = termMustCompile(`\bmerger|\bmerg(?:e|es|ed|ing)\b|\bconsolidat\w*|\breorgani[sz]ation\b|\bacquisition\b|\bacquir(?:es|er|ing|ed)\b|\bchange (?:of|in) (?:\w+ )?control\b`)
	tlAssetsRe    = termMustCompile(`\b(?:all|substantially all|all or (?:substantially all|a substantial (?:part|portion))|all or any part)\b(?: of)?(?: (?:its|the|their|such party's|such|that|a|party's|\w+'s))?(?: (?:\w+|[\w-]+)){0,4}? (?:assets|business(?:es)?|stock|equity|shares|securities|operations)\b|\bsale of (?:the |its |all |a )?(?:\w+ )?(?:business|assets)\b`)
)

// tlDeemedRe matches a statement that something is (or is not) an assignment.
var tlDeemedRe = termMustCompile(`\b(?:shall|will|is|are|to)?\s?(not )?(?:also )?(?:be )?(?:deemed|considered|treated as|constitute|regarded as|construed as)(?: to (?:be|constitute|include))?(?: an?)?(?: \w+){0,2}? (?:assignment|transfer)|\b(?:assignment|transfer)s?\b[^.;]{0,60}\b(shall|will|is|are)? ?(not )?(?:be )?(?:deemed to )?(?:include|includes)\b`)

// tlCoCRe matches a change of control, a merger or a sale of the business.
var tlCoCRe = termMustCompile(`\bchange (?:of|in) (?:the )?(?:\w+ )?(?:control|ownership)\b|\bchange-of-control\b|\bmerger\b(?: control)?|\bmerg(?:e|es|ed|ing)\b|\bconsolidat\w*|\b(?:is|be|are|becomes?|being) acquired\b|\bacquisition of\b|\bacquires?\b[^.;]{0,40}\b(?:control|majority|substantially all|shares|stock|voting)\b|\b(?:all or substantially all|substantially all)\b[^.;]{0,40}\b(?:assets|business|stock|shares|equity)\b|\bcontrolling interest\b|\bvoting (?:securities|stock|power|shares|control|interest)\b`)

// tlCoCNameRe matches a change of control by name (not a merger or a sale).
var tlCoCNameRe = termMustCompile(`\bchange (?:of|in) (?:the )?(?:\w+ )?(?:control|ownership)\b|\bchange-of-control\b|\bcontrolling interest\b`)

// findAssignmentTerms finds the assignment_* terms.
func findAssignmentTerms(tc *termContext) {
	sents := tlSentences(tc, true, "assignment")
	if len(sents) == 0 {
		return
	}
	restricted := false
	for i, x := range sents {
		low := x.s.Lower
		loc, passive := tlFindRestrict(low)
		if loc == nil {
			continue
		}
		restricted = true
		tlAssignConsent(tc, sents, i, loc)
		tlAssignMutual(tc, x, loc, passive)
	}
	if !restricted {
		// A clause that lets a party assign without consent, and restricts no one.
		for _, x := range sents {
			low := x.s.Lower
			p := tlPermitRe.FindStringIndex(low)
			if p == nil {
				continue
			}
			if w := tlWithoutConsentRe.FindStringIndex(low[p[1]:]); w != nil && tlExceptCueRe.FindStringIndex(low[:p[0]]) == nil {
				tlAdd(tc, "assignment_consent_required", false, x, p[0], p[1]+w[1])
				break
			}
			if m := tlFreelyRe.FindStringIndex(low); m != nil {
				tlAdd(tc, "assignment_consent_required", false, x, m[0], m[1])
				break
			}
		}
	}
	tlAssignExceptions(tc, sents)
	deemed := make(map[string]bool) // texts read already, saying nothing
	for _, x := range sents {
		if deemed[x.s.Lower] {
			continue
		}
		deemed[x.s.Lower] = true
		if v, from, to, ok := tlCoCDeemed(x.s.Lower); ok {
			tlAdd(tc, "assignment_change_of_control", v, x, from, to)
			break
		}
	}
}

// tlAssignMutual records assignment_mutual from the restriction loc in x.
func tlAssignMutual(tc *termContext, x tlSent, loc []int, passive bool) {
	if tc.has("assignment_mutual") {
		return
	}
	low, text := x.s.Lower, x.s.Text
	ms := tlMentions(tc, text)
	if passive {
		// "may not be assigned by either party", "by Licensee"; with no agent, the
		// consent of the other party or of both parties makes it mutual.
		rest := low[loc[1]:]
		if b := tlByRe.FindStringIndex(rest); b != nil {
			at := loc[1] + b[1]
			for _, m := range ms {
				if m.Start >= at && m.Start <= at+6 {
					if m.Value != "other party" {
						tlAdd(tc, "assignment_mutual", m.Value == "either party" || m.Value == "each party", x, loc[0], m.End)
					}
					return
				}
			}
		}
		// With no agent, whose consent decides: the other party's binds both;
		// a named party's binds the other one only.
		if p := tc.first("assignment_consent_party"); p != nil && p.Evidence.Start.Block == x.s.Block {
			if v, ok := p.Value.(string); ok {
				tlAdd(tc, "assignment_mutual", v == "other party", x, loc[0], loc[1])
			}
		}
		return
	}
	// "Neither party shall": the modal group holds the subject.
	modal := low[loc[2]:loc[3]]
	if strings.HasPrefix(modal, "neither") || strings.HasPrefix(modal, "no ") || strings.HasPrefix(modal, "nor shall") {
		tlAdd(tc, "assignment_mutual", true, x, loc[2], loc[5])
		return
	}
	// The subject is the last party named before the modal, in the same clause
	// of the sentence.
	start := max(strings.LastIndexAny(low[:loc[2]], ";:"), 0)
	m, ok := tlSubject(x.s.Text, ms, start, loc[2])
	if !ok {
		return
	}
	switch m.Value {
	case "either party", "each party":
		tlAdd(tc, "assignment_mutual", true, x, m.Start, loc[5])
	case "other party":
	default:
		// "Supplier shall not assign" is one-way unless the other party is
		// bound in the same sentence ("Supplier and Customer shall not").
		for _, o := range ms {
			if o.Start >= start && o.End <= loc[2] && o.Value != m.Value && o.Value != "other party" && strings.Contains(low[o.End:m.Start], " and ") {
				tlAdd(tc, "assignment_mutual", true, x, o.Start, loc[5])
				return
			}
		}
		tlAdd(tc, "assignment_mutual", false, x, m.Start, loc[5])
	}
}

// tlAssignConsent records whether consent is required, whose and on what
// standard, from the restriction in sents[i] (and the sentences after it in the
// same clause, which often state the standard).
func tlAssignConsent(tc *termContext, sents []tlSent, i int, loc []int) {
	if tc.has("assignment_consent_required") {
		return
	}
	x := sents[i]
	low := x.s.Lower
	// Consent stated in an exception ("except to an Affiliate, which needs
	// no consent") is not the restriction's.
	limit := len(low)
	for _, e := range tlExceptCueRe.FindAllStringIndex(low[loc[1]:], -1) {
		// A cue inside parentheses ("(excepting monies due)") is an aside.
		if at := loc[1] + e[0]; strings.Count(low[loc[1]:at], "(") <= strings.Count(low[loc[1]:at], ")") {
			limit = at
			break
		}
	}
	c := tlConsentRe.FindStringSubmatchIndex(low[:limit])
	if c == nil {
		return
	}
	tlAdd(tc, "assignment_consent_required", true, x, min(loc[0], c[0]), max(loc[1], c[1]))
	// Whose consent: "consent of Supplier", "Supplier's prior written consent",
	// "the other party's consent", "mutual consent".
	ms := tlMentions(tc, x.s.Text)
	party, pFrom, pTo := "", 0, 0
	for _, cm := range tlConsentRe.FindAllStringIndex(low[:limit], -1) {
		after := low[cm[1]:]
		if j := tlConsentOfRe.FindStringIndex(after); j != nil {
			if strings.HasPrefix(after[j[1]:], "other") && !strings.HasPrefix(after[j[1]:], "other part") {
				party, pFrom, pTo = "other party", cm[0], cm[1]+j[1]+len("other")
				break
			}
			for _, m := range ms {
				if m.Start >= cm[1] && m.Start <= cm[1]+j[1]+4 {
					party, pFrom, pTo = m.Value, cm[0], m.End
					break
				}
			}
		}
		if j := tlConsentOfRe.FindStringIndex(after); party == "" && j != nil {
			// A name findParties did not know: "consent of Fox".
			at := cm[1] + j[1]
			if n := tlCapsAfterRe.FindStringIndex(x.s.Text[at:]); n != nil {
				if name := x.s.Text[at : at+n[1]]; !tlNotSubject[strings.ToLower(name)] && !strings.HasSuffix(strings.ToLower(name), "party") {
					party, pFrom, pTo = name, cm[0], at+n[1]
				}
			}
		}
		if party == "" {
			for _, m := range ms {
				if m.End <= cm[0] && cm[0]-m.End <= 32 && tlPossessiveRe.MatchString(x.s.Text[m.End:]) {
					party, pFrom, pTo = m.Value, m.Start, cm[1]
				}
			}
		}
		if party != "" {
			break
		}
	}
	if party == "" {
		if m := tlMutualConsentRe.FindStringIndex(low); m != nil {
			party, pFrom, pTo = "other party", m[0], m[1]
		}
	}
	switch party {
	case "":
	case "each party", "either party":
		tlAdd(tc, "assignment_consent_party", "other party", x, pFrom, pTo)
	default:
		tlAdd(tc, "assignment_consent_party", party, x, pFrom, pTo)
	}
	// The standard, in this sentence or a later one of the same clause that
	// speaks of consent.
	for j := i; j < len(sents) && sents[j].ci == x.ci; j++ {
		l := sents[j].s.Lower
		if j > i && tlConsentRe.FindStringIndex(l) == nil {
			continue
		}
		if m := tlStandardReasonableRe.FindStringIndex(l); m != nil {
			tlAdd(tc, "assignment_consent_standard", "not_unreasonably_withheld", sents[j], m[0], m[1])
			return
		}
		if m := tlStandardSoleRe.FindStringIndex(l); m != nil {
			tlAdd(tc, "assignment_consent_standard", "sole_discretion", sents[j], m[0], m[1])
			return
		}
	}
	tlAdd(tc, "assignment_consent_standard", "unqualified", x, c[0], c[1])
}

// tlAssignExceptions records assignment_exceptions: the assignments allowed
// without consent, from the part of a sentence after "except", "provided that",
// "notwithstanding", or from a permission to assign without consent.
func tlAssignExceptions(tc *termContext, sents []tlSent) {
	found := map[string]bool{}
	var ev *tlSent
	evFrom, evTo := 0, 0
	listFrom := -1 // clause index whose children continue a cue ending in ':'
	for _, x := range sents {
		low := x.s.Lower
		from := -1
		cont := false
		if !tlAssignWordRe.MatchString(low) && !(listFrom >= 0 && tc.doc.Clauses[x.ci].Parent == tc.doc.Clauses[listFrom].ID) {
			continue
		}
		if p := tlPermitRe.FindStringIndex(low); p != nil && !tlNegatedBefore(low, p[0]) {
			from = p[0]
		}
		if c := tlExceptCueRe.FindStringIndex(low); c != nil && (from < 0 || c[0] < from) {
			// "except with the consent of" is not an exception.
			if !tlExceptConsentRe.MatchString(low[c[0]:]) {
				from = c[0]
			}
		}
		if from < 0 && listFrom >= 0 && tc.doc.Clauses[x.ci].Parent == tc.doc.Clauses[listFrom].ID {
			from, cont = 0, true
		}
		if from < 0 {
			continue
		}
		if !cont && strings.HasSuffix(strings.TrimSpace(low), ":") {
			listFrom = x.ci
		}
		seg := low[from:]
		var hits []string
		last := from
		for _, piece := range tlPieces(seg) {
			pt := seg[piece[0]:piece[1]]
			if tlDeemedRe.MatchString(pt) || tlWithinRestriction(pt) {
				continue
			}
			for _, e := range []struct {
				name string
				re   *termRe
			}{{"affiliate", tlAffiliateRe}, {"merger", tlMergerRe}, {"sale_of_assets", tlAssetsRe}} {
				if m := e.re.FindStringIndex(pt); m != nil {
					hits = append(hits, e.name)
					last = max(last, from+piece[0]+m[1])
				}
			}
		}
		if len(hits) == 0 {
			continue
		}
		for _, h := range hits {
			found[h] = true
		}
		if ev == nil {
			xx := x
			ev, evFrom, evTo = &xx, from, last
		}
	}
	if ev == nil {
		return
	}
	var list []string
	for _, h := range []string{"affiliate", "merger", "sale_of_assets"} {
		if found[h] {
			list = append(list, h)
		}
	}
	tlAdd(tc, "assignment_exceptions", list, *ev, evFrom, evTo)
}

// tlAssignWordRe marks a sentence about assigning.
var tlAssignWordRe = termMustCompile(`\bassign|\btransfer|\bcede\b|\bnovat|\bdelegat|\bsuccessor`)

// tlWithinRestriction reports whether a piece of an exception segment restores
// the restriction ("except to an Affiliate, which shall require consent" stays
// an exception; "provided that no assignment to a competitor" is not one).
func tlWithinRestriction(pt string) bool {
	return tlNotAssignRe.MatchString(pt) &&
		!tlWithoutRe.MatchString(pt)
}

// tlNegatedBefore reports whether the verb phrase at i is negated just before it.
func tlNegatedBefore(low string, i int) bool {
	return tlNegationRe.MatchString(low[max(0, i-20):i])
}

// tlNegationRe finds a negation.
var tlNegationRe = termMustCompile(`\b(?:not|neither|no|nor)\b`)

// tlPieces splits s at semicolons into [from, to) ranges.
func tlPieces(s string) [][2]int {
	var out [][2]int
	from := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ';' {
			out = append(out, [2]int{from, i})
			from = i + 1
		}
	}
	return append(out, [2]int{from, len(s)})
}

// tlCoCDeemed reports whether low states that a change of control (or a
// merger) is, or is not, an assignment, and where.
func tlCoCDeemed(low string) (v bool, from, to int, ok bool) {
	for _, piece := range tlPieces(low) {
		pt := low[piece[0]:piece[1]]
		c := tlCoCRe.FindStringIndex(pt)
		if c == nil {
			continue
		}
		if d := tlDeemedRe.FindStringSubmatchIndex(pt); d != nil {
			neg := d[2] >= 0 || d[6] >= 0
			return !neg, piece[0] + min(c[0], d[0]), piece[0] + max(c[1], d[1]), true
		}
		// "whether by change of control, operation of law or otherwise" lists a
		// change of control among the ways of assigning.
		if n := tlCoCNameRe.FindStringIndex(pt); n != nil {
			if r, passive := tlFindRestrict(pt); r != nil && !passive {
				// After the verb ("shall not assign, whether by change of control")
				// or between the modal and the verb ("may not, including in
				// connection with a change of control, assign").
				gap := ""
				switch {
				case r[1] <= n[0]:
					gap = pt[r[1]:n[0]]
				case n[0] >= r[3] && n[1] <= r[4]:
					gap = pt[r[3]:n[0]]
				default:
					continue
				}
				if tlByWayRe.MatchString(gap) && !tlExceptCueRe.MatchString(gap) && !tlWithoutConsentRe.MatchString(gap) {
					return true, piece[0] + r[0], piece[0] + max(n[1], r[1]), true
				}
			}
		}
	}
	return false, 0, 0, false
}

// Change of control.

// tlTerminateRe matches a right to terminate. Group 1 is the modal (the right's
// holder is named before it), 2 the verb; 3 a right named as a noun; 4 an
// automatic termination.
var tlTerminateRe = termMustCompile(`\b((?:shall |will )?(?:have|has|be entitled|is entitled|reserves)(?: the)?(?: sole)?(?: right| option)?|may|shall|will|can)\b[^.;]{0,60}?\b(terminat\w*|cancel\w*|rescind)\b|\b(terminable|grounds for termination|right to terminate|right of termination|option to terminate)\b|\b(?:this|the) (?:agreement|contract)\b[^.;]{0,20}?\b(?:shall|will) (?:automatically |immediately )?(terminate|expire)\b`)

// tlModalRe finds a modal verb: a second one between a modal and "terminate"
// means the first modal belongs to another verb.
var tlModalRe = termMustCompile(`\b(?:may|shall|will|can|must)\b`)

// tlFindTerminate returns the first right to terminate in low, or nil.
func tlFindTerminate(low string) []int {
	for off := 0; off < len(low); {
		m := tlTerminateRe.FindStringSubmatchIndex(low[off:])
		if m == nil {
			return nil
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += off
			}
		}
		if m[2] >= 0 && (tlModalRe.MatchString(low[m[3]:m[4]]) || tlNegationRe.MatchString(low[m[3]:m[4]]) || tlPassiveGapRe.MatchString(low[m[3]:m[4]])) {
			off = m[3]
			continue
		}
		return m
	}
	return nil
}

// tlPassiveGapRe ends a gap before a passive verb ("shall have been terminated").
var tlPassiveGapRe = termMustCompile(`\b(?:be|been|is|are|was|were|being)\s*$`)

// tlNotifyRe matches a duty to notify: "shall notify", "shall give ... notice".
var tlNotifyRe = termMustCompile(`\b(?:shall|will|must|agrees? to|undertakes? to|is required to|shall be required to)\b(?: \w+){0,2}? (?:(?:notify|inform|advise)\b|(?:give|provide|deliver|send)\b[^.;]{0,60}?\b(?:notice|notification)\b)`)

// tlCoCConsentRe matches consent or approval (not "a written agreement").
var tlCoCConsentRe = termMustCompile(`\b(?:consent|approval|approve)\b`)

// tlDefinitionRe matches a sentence that defines a term ("Change of Control" means).
var tlDefinitionRe = termMustCompile(`["“][^"”]{1,80}["”]\s*(?:shall )?(?:means?|has the meaning|shall have the meaning|is defined|refers? to)\b|^[^.;]{0,40}\bmeans\b`)

// findChangeOfControlTerms finds the change_of_control_* terms.
func findChangeOfControlTerms(tc *termContext) {
	sents := tlSentences(tc, false, "change_of_control", "assignment")
	isCoC := make(map[int]bool)
	for _, ci := range tc.clausesOf("change_of_control") {
		isCoC[ci] = true
	}
	found := map[string]bool{}
	holder := ""
	var hx tlSent
	hFrom, hTo := 0, 0
	var ev *tlSent
	evFrom, evTo := 0, 0
	note := func(x tlSent, trig string, from, to int) {
		if found[trig] {
			return
		}
		found[trig] = true
		if ev == nil {
			xx := x
			ev, evFrom, evTo = &xx, from, to
		}
	}
	setHolder := func(v string, x tlSent, from, to int) {
		if holder == "" && v != "" {
			holder, hx, hFrom, hTo = v, x, from, to
		}
	}
	cocClause := -1 // a change of control clause that named the change
	for _, x := range sents {
		if tc.doc.Clauses[x.ci].Kind == KindDefinition {
			continue
		}
		low := x.s.Lower
		if tlDefinitionRe.MatchString(low) {
			continue
		}
		ms := tlMentions(tc, x.s.Text)
		for _, piece := range tlPieces(low) {
			pt := low[piece[0]:piece[1]]
			c := tlCoCRe.FindStringIndex(pt)
			if c == nil {
				// A later sentence of a change of control clause states what
				// the change triggers ("Supplier may then terminate").
				if cocClause != x.ci {
					continue
				}
				if t := tlFindTerminate(pt); t != nil && t[2] >= 0 {
					if m, ok := tlLastMention(ms, piece[0], piece[0]+t[2]); ok {
						note(x, "termination", piece[0]+t[0], piece[0]+t[1])
						v := m.Value
						if v == "other party" {
							v = tlCoCOther(tc, ms, low, m.Start)
						}
						setHolder(v, x, m.Start, piece[0]+t[5])
					}
				}
				continue
			} else if isCoC[x.ci] {
				cocClause = x.ci
			}
			// A merger that may happen without consent is an exception, not a trigger.
			pre := pt[:c[0]]
			if tlExceptCueRe.MatchString(pre) && !strings.Contains(pre, "notwithstanding") {
				continue
			}
			if p := tlPermitRe.FindStringIndex(pt); p != nil && p[0] < c[0] && !tlNegatedBefore(pt, p[0]) {
				continue
			}
			cFrom, cTo := piece[0]+c[0], piece[0]+c[1]
			if t := tlFindTerminate(pt); t != nil {
				tFrom, tTo := piece[0]+t[0], piece[0]+t[1]
				var m tlMention
				ok := false
				if t[2] >= 0 {
					start := piece[0] + max(strings.LastIndexAny(pt[:t[2]], ",:"), 0)
					if start > piece[0]+t[2]-3 {
						start = piece[0]
					}
					m, ok = tlSubject(x.s.Text, ms, start, piece[0]+t[2])
				}
				// "The restrictions shall terminate upon a change of control"
				// ends an obligation: a right needs a holder or "may".
				if modal := pt[max(t[2], 0):max(t[3], 0)]; ok || t[2] < 0 || (modal != "shall" && modal != "will") {
					note(x, "termination", min(cFrom, tFrom), max(cTo, tTo))
				}
				if ok {
					v := m.Value
					if v == "other party" {
						v = tlCoCOther(tc, ms, low, m.Start)
					}
					setHolder(v, x, m.Start, piece[0]+t[5])
				}
			} else if p, ok := tlParentTerminates(tc, x.ci); ok {
				// "(f) a change of control of the other party" under "Either
				// party may terminate this Agreement if:".
				note(x, "termination", cFrom, cTo)
				if m, ok := tlLastMention(tlMentions(tc, p.s.Text), 0, p.term); ok && m.Value != "other party" {
					setHolder(m.Value, p.tlSent, m.Start, m.End)
				}
			}
			if v, from, to, ok := tlCoCDeemed(pt); ok && v {
				note(x, "consent", piece[0]+from, piece[0]+to)
				if p := tc.first("assignment_consent_party"); p != nil {
					if s, ok := p.Value.(string); ok && s != "other party" {
						setHolder(s, x, piece[0]+from, piece[0]+to)
					}
				}
			} else if k := tlCoCConsentRe.FindStringIndex(pt); k != nil && (isCoC[x.ci] || k[0] > c[0]) {
				note(x, "consent", min(cFrom, piece[0]+k[0]), max(cTo, piece[0]+k[1]))
				for _, m := range ms {
					if m.Start > piece[0]+k[1] && m.Start <= piece[0]+k[1]+14 && m.Value != "other party" {
						setHolder(m.Value, x, piece[0]+k[0], m.End)
						break
					}
				}
			}
			if n := tlNotifyRe.FindStringIndex(pt); n != nil {
				note(x, "notice", min(cFrom, piece[0]+n[0]), max(cTo, piece[0]+n[1]))
			}
		}
	}
	if ev == nil {
		return
	}
	var list []string
	for _, t := range []string{"termination", "consent", "notice"} {
		if found[t] {
			list = append(list, t)
		}
	}
	tlAdd(tc, "change_of_control_triggers", list, *ev, evFrom, evTo)
	if holder != "" {
		tlAdd(tc, "change_of_control_party", holder, hx, hFrom, hTo)
	}
}

// A tlParentRight is a sentence of a parent clause that states a right to
// terminate; term is where its modal begins.
type tlParentRight struct {
	tlSent
	term int
}

// tlParentTerminates reports whether the clause enclosing clause ci states a
// right to terminate that its list items complete ("may terminate if:").
func tlParentTerminates(tc *termContext, ci int) (tlParentRight, bool) {
	pid := tc.doc.Clauses[ci].Parent
	if pid == "" {
		return tlParentRight{}, false
	}
	for pi := ci - 1; pi >= 0 && pi >= ci-40; pi-- {
		if tc.doc.Clauses[pi].ID != pid {
			continue
		}
		ss := tc.sentences(pi)
		if len(ss) == 0 {
			return tlParentRight{}, false
		}
		last := ss[len(ss)-1]
		if t := tlFindTerminate(last.Lower); t != nil && t[2] >= 0 {
			return tlParentRight{tlSent{pi, last}, t[2]}, true
		}
		return tlParentRight{}, false
	}
	return tlParentRight{}, false
}

// tlCoCOther resolves "the other party may terminate": "either party" when the
// change of control may happen to either ("if a party undergoes"), the other
// defined term when it names the party that undergoes it, else "other party".
func tlCoCOther(tc *termContext, ms []tlMention, low string, at int) string {
	if tlAnyPartyRe.MatchString(low[:at]) {
		return "either party"
	}
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		if m.End <= at && m.Value != "other party" && m.Value != "each party" && m.Value != "either party" {
			return tlOther(tc, m.Value)
		}
	}
	return "other party"
}

// tlAnyPartyRe matches a party named indefinitely ("a party", "either party").
var tlAnyPartyRe = termMustCompile(`\b(?:a|either|any|each|one) (?:party|of the parties)\b`)

// Indemnification.

// tlIndemnifyRe matches a promise to indemnify; group 1 is the modal.
var tlIndemnifyRe = termMustCompile(`\b(shall|will|agrees? to|hereby agrees? to|undertakes? to|must|covenants? to|hereby|agree(?:s)?,? at (?:its|their) (?:own )?(?:cost|expense)(?: and expense)?,? to|shall,? at (?:its|their) (?:own )?(?:sole )?(?:cost|expense)(?: and expense)?,?)\s+(?:\w+,?\s+){0,3}?(indemnif(?:y|ies)|defend|hold\b[^.;]{0,40}?\bharmless|save\b[^.;]{0,20}?\bharmless)\b|\b(indemnifies)\b`)

// tlIndemnifyTailRe continues a promise to indemnify: ", indemnify and hold harmless".
var tlIndemnifyTailRe = termMustCompile(`^(?:,? (?:and |or )?(?:defend|indemnify|hold(?: \w+)? harmless|save(?: \w+)? harmless))+`)

// The scope of an indemnity.
var tlScopes = []struct {
	name string
	re   *termRe
}{
	{"third_party_claims", termMustCompile(`\bthird[- ]?part(?:y|ies)\b`)},
	{"ip_infringement", termMustCompile(`\binfring\w*|\bmisappropriat\w*`)},
	{"bodily_injury_property", termMustCompile(`\b(?:bodily|personal) injur\w*|\bdeath\b|\b(?:damage to|loss of|destruction of|injury to) (?:any )?(?:real (?:or|and) )?(?:tangible )?(?:personal )?property\b|\bproperty damage\b`)},
	{"confidentiality", termMustCompile(`\bconfidential\w*`)},
	{"data_protection", termMustCompile(`\bdata protection\b|\bpersonal (?:data|information)\b|\bprivacy\b|\b(?:data|security) breach\b`)},
	{"gross_negligence", termMustCompile(`\bgross(?:ly)? negligen\w*|\b(?:will?ful|intentional) misconduct\b`)},
	{"breach", termMustCompile(`\b(?:breach|violation)\w* (?:by \w+ )?of (?:any |its |this |the |such |their |his |her |any of )?(?:\w+ ){0,3}(?:agreement|representations?|warrant(?:y|ies)|covenants?|obligations?)\b|\bmaterial breach\b`)},
}

// tlDefenseRe matches control of the defence of a claim.
var tlDefenseRe = termMustCompile(`\b(?:control|assume|conduct|direct|take over|manage|handle)\w*\b[^.;]{0,50}?\bdefen[cs]e\b|\bdefen[cs]e\b[^.;]{0,30}?\b(?:controlled|conducted) by\b`)

// tlIndemnitorRe and tlIndemniteeRe name the two sides of an indemnity.
var (
	tlIndemnitorRe = termMustCompile(`\bindemnif(?:ying|ing) part(?:y|ies)\b|\bindemnitors?\b|\bparty (?:providing|giving) (?:the )?indemni\w*`)
	tlIndemniteeRe = termMustCompile(`\bindemnified part(?:y|ies)\b|\bindemnitees?\b|\bparty (?:seeking|claiming|receiving) (?:the )?indemni\w*`)
)

// findIndemnificationTerms finds the indemnification terms.
func findIndemnificationTerms(tc *termContext) {
	sents := tlSentences(tc, true, "indemnification")
	typed := make(map[int]bool)
	for _, ci := range tc.clausesOf("indemnification") {
		typed[ci] = true
	}
	type subj struct {
		x        tlSent
		from, to int
		value    string
	}
	var subjects []subj
	scope := map[string]bool{}
	var sx *tlSent
	sFrom, sTo := 0, 0
	listFrom := -1
	for _, x := range sents {
		low := x.s.Lower
		var ms []tlMention
		msDone := false
		obligation := false
		prev := 0
		var last *tlMention // the subject of the sentence's previous promise
		for _, m := range tlIndemnifyRe.FindAllStringSubmatchIndex(low, -1) {
			if tlNoDutyRe.MatchString(low[max(prev, m[0]-30):m[0]]) ||
				tlNotRe.MatchString(low[m[0]:m[1]]) {
				prev = m[1]
				continue
			}
			obligation = true
			at := m[0]
			start := max(prev, strings.LastIndexAny(low[:at], ";:")+1)
			if !msDone {
				ms, msDone = tlMentions(tc, x.s.Text), true
			}
			mm, ok := tlIndemnitySubject(tc, x.s.Text, low, ms, last, start, at)
			if ok {
				end := m[1]
				if t := tlIndemnifyTailRe.FindStringIndex(low[end:]); t != nil {
					end += t[1]
				}
				subjects = append(subjects, subj{x, mm.Start, end, mm.Value})
				last = &mm
			}
			prev = m[1]
		}
		inList := listFrom >= 0 && tc.doc.Clauses[x.ci].Parent == tc.doc.Clauses[listFrom].ID && !typed[x.ci]
		if obligation && strings.HasSuffix(strings.TrimSpace(low), ":") {
			listFrom = x.ci
		}
		if !obligation && !inList {
			continue
		}
		for _, sc := range tlScopes {
			if m := sc.re.FindStringIndex(low); m != nil && !scope[sc.name] {
				// "breach of confidentiality" is confidentiality, not breach.
				if sc.name == "breach" && tlBreachOtherRe.MatchString(low[m[0]:m[1]]) {
					continue
				}
				scope[sc.name] = true
				if sx == nil {
					xx := x
					sx, sFrom, sTo = &xx, 0, len(low)
				}
			}
		}
	}
	if len(subjects) > 0 {
		mutual, party := false, ""
		roles := map[string]bool{}
		for i := range subjects {
			subjects[i].value = tlResolveName(tc, subjects[i].value)
		}
		subjects = tlDropStrangers(tc, subjects, func(s subj) string { return s.value })
		first := subjects[0]
		for _, s := range subjects {
			switch s.value {
			case "each party", "either party":
				if !mutual {
					first = s
				}
				mutual = true
			case "other party":
			default:
				roles[s.value] = true
				if party == "" {
					party = s.value
				}
			}
		}
		switch {
		case mutual:
			tlAdd(tc, "indemnification_mutual", true, first.x, first.from, first.to)
			tlAdd(tc, "indemnifying_party", "each party", first.x, first.from, first.to)
		case len(roles) >= 2:
			// Two parties each indemnify: the evidence is the first promise.
			tlAdd(tc, "indemnification_mutual", true, first.x, first.from, first.to)
			tlAdd(tc, "indemnifying_party", "each party", first.x, first.from, first.to)
		case party != "":
			for _, s := range subjects {
				if s.value == party {
					tlAdd(tc, "indemnification_mutual", false, s.x, s.from, s.to)
					tlAdd(tc, "indemnifying_party", party, s.x, s.from, s.to)
					break
				}
			}
		}
	}
	if sx != nil {
		var list []string
		for _, sc := range tlScopes {
			if scope[sc.name] {
				list = append(list, sc.name)
			}
		}
		tlAdd(tc, "indemnification_scope", list, *sx, sFrom, sTo)
	}
	tlDefenseControl(tc, sents)
	if v, x, from, to, ok := tlIndemnityOutsideCap(tc); ok {
		tlAdd(tc, "indemnification_outside_cap", v, x, from, to)
	}
}

// tlCoordinatedRe matches the end of the words before a modal that continues
// the previous promise without a subject of its own ("..., and shall indemnify").
var tlCoordinatedRe = termMustCompile(`(?:^|,|\s)(?:and|or)(?:\s+(?:also|further|will|shall))?\s*,?\s*$`)

// tlAsideEndRe matches an aside that ends just before a modal: ", at its own
// expense and with counsel reasonably acceptable to Customer,".
var tlAsideEndRe = termMustCompile(`,[^,;()]{1,120},\s*$`)

// tlIndemnitySubject returns who makes the promise to indemnify whose modal
// starts at at in the sentence (text, low, with mentions ms), looking no further
// back than start. A promise coordinated with the previous one ("Provider shall
// defend Customer against any claim ..., and shall indemnify Customer") has its
// subject, last; a party named in an aside before the modal is not the subject.
func tlIndemnitySubject(tc *termContext, text, low string, ms []tlMention, last *tlMention, start, at int) (tlMention, bool) {
	pre := low[start:at]
	if last != nil && tlCoordinatedRe.MatchString(pre) {
		return *last, true
	}
	if a := tlAsideEndRe.FindStringIndex(pre); a != nil {
		cut := start + a[0]
		if m, ok := tlLastMentionOutsideParens(low, ms, start, cut); ok && strings.TrimSpace(low[m.End:cut]) == "" {
			return m, true
		}
		if m, ok := tlSubject(text, nil, start, cut); ok {
			return m, true
		}
	}
	if m, ok := tlLastMentionOutsideParens(low, ms, start, at); ok {
		return m, true
	}
	return tlSubject(text, nil, start, at)
}

// tlResolveName maps a party named by a word findParties did not define
// ("Acme" for Acme Corp. ("Provider")) to the defined term of the party whose
// legal name holds it; other values are returned as they are.
func tlResolveName(tc *termContext, v string) string {
	switch v {
	case "", "either party", "each party", "other party":
		return v
	}
	lv := strings.ToLower(v)
	for _, p := range tc.parties() {
		if strings.ToLower(p.Role) == lv {
			return v
		}
		for _, a := range p.Aliases {
			if strings.ToLower(a) == lv {
				return p.Role
			}
		}
	}
	for _, p := range tc.parties() {
		name := strings.ToLower(p.Name)
		if i := strings.Index(name, lv); i >= 0 && (i == 0 || !valIsWordByte(name[i-1])) &&
			(i+len(lv) == len(name) || !valIsWordByte(name[i+len(lv)])) {
			if p.Role != "" {
				return p.Role
			}
			return p.Name
		}
	}
	return v
}

// tlDropStrangers removes from xs the values (named by name) that are neither
// "each", "either" nor "other party", nor a party's defined term or role word,
// when some other value is: a capitalised word that names no known party
// ("ACME" beside "Provider") must not make one party's promise look mutual.
// Without known parties, a value is known when it is one of tlRoleWords.
func tlDropStrangers[T any](tc *termContext, xs []T, name func(T) string) []T {
	known := func(v string) bool {
		switch v {
		case "either party", "each party", "other party":
			return true
		}
		ps := tc.parties()
		for _, p := range ps {
			if p.Role == v || p.Name == v {
				return true
			}
		}
		if len(ps) >= 2 {
			return false
		}
		for _, w := range tlRoleWords {
			if strings.EqualFold(w, v) {
				return true
			}
		}
		return false
	}
	anyKnown, anyStranger := false, false
	for _, x := range xs {
		if known(name(x)) {
			anyKnown = true
		} else {
			anyStranger = true
		}
	}
	if !anyKnown || !anyStranger {
		return xs
	}
	out := xs[:0:0]
	for _, x := range xs {
		if known(name(x)) {
			out = append(out, x)
		}
	}
	return out
}

// tlLastMentionOutsideParens is tlLastMention that skips mentions inside
// parentheses or quotes before at ("Each party (the "Indemnifying Party")").
func tlLastMentionOutsideParens(low string, ms []tlMention, from, at int) (tlMention, bool) {
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		if m.Start < from || m.End > at {
			continue
		}
		if strings.Count(low[m.End:at], "(") < strings.Count(low[m.End:at], ")") {
			continue // inside a parenthesis that closes before at
		}
		return m, true
	}
	return tlMention{}, false
}

// tlDefenseControl records indemnification_defense_control.
func tlDefenseControl(tc *termContext, sents []tlSent) {
	indemnitor := ""
	if t := tc.first("indemnifying_party"); t != nil {
		indemnitor, _ = t.Value.(string)
	}
	for _, x := range sents {
		low := x.s.Lower
		for _, d := range tlDefenseRe.FindAllStringIndex(low, -1) {
			// Participating with one's own counsel is not control.
			start := max(strings.LastIndexAny(low[:d[0]], ";")+1, 0)
			pre := low[start:d[0]]
			if tlNoControlRe.MatchString(low[max(start, d[0]-30):d[0]]) {
				continue
			}
			side := ""
			// The last named side before the phrase holds the control; a grant
			// "give the Indemnifying Party control" names it just before too.
			a := tlIndemnitorRe.FindAllStringIndex(pre, -1)
			b := tlIndemniteeRe.FindAllStringIndex(pre, -1)
			// The side that is the subject of a verb ("the indemnifying party
			// shall ... assume control") wins over one that is its object.
			la, lb := tlLastSubject(pre, a), tlLastSubject(pre, b)
			switch {
			case la >= 0 && la > lb:
				side = "indemnifying_party"
			case lb >= 0:
				side = "indemnified_party"
			case len(a) > 0 && (len(b) == 0 || a[len(a)-1][0] > b[len(b)-1][0]):
				side = "indemnifying_party"
			case len(b) > 0:
				side = "indemnified_party"
			}
			if side == "" && indemnitor != "" && indemnitor != "each party" {
				if m, ok := tlLastMention(tlMentions(tc, x.s.Text), start, d[0]); ok {
					if m.Value == indemnitor {
						side = "indemnifying_party"
					} else if m.Value != "either party" && m.Value != "each party" {
						side = "indemnified_party"
					}
				}
			}
			if side != "" {
				from := start
				if len(a) > 0 || len(b) > 0 {
					all := append(a, b...)
					from = start + all[0][0]
					for _, r := range all {
						from = min(from, start+r[0])
					}
				}
				tlAdd(tc, "indemnification_defense_control", side, x, from, d[1])
				return
			}
		}
	}
}

// tlVerbAfterRe matches a verb after a subject (and an aside in parentheses).
var tlVerbAfterRe = termMustCompile(`^\s*(?:\([^)]*\)\s*)?(?:shall|may|will|has|have|is|must|can)\b`)

// tlLastSubject returns the start of the last match in ms that is followed by a
// verb in pre, or -1.
func tlLastSubject(pre string, ms [][]int) int {
	for i := len(ms) - 1; i >= 0; i-- {
		if tlVerbAfterRe.MatchString(pre[ms[i][1]:]) {
			return ms[i][0]
		}
	}
	return -1
}

// tlIndemnityOutsideCap reads from the liability clauses whether indemnities
// sit outside the cap (a carve-out) or inside it (the cap applies to them).
func tlIndemnityOutsideCap(tc *termContext) (bool, tlSent, int, int, bool) {
	sents := tlSentences(tc, true, "liability_cap", "uncapped_liability")
	for _, c := range tlLiabilityCarveOuts(tc, sents) {
		if c.name == "indemnification" {
			return true, c.x, c.from, c.to, true
		}
	}
	for _, x := range sents {
		if !tlCapRe.MatchString(x.s.Lower) {
			continue
		}
		if m := tlCapIncludesRe.FindStringIndex(x.s.Lower); m != nil && !tlNegatedBefore(x.s.Lower, m[0]) {
			return false, x, m[0], m[1], true
		}
	}
	return false, tlSent{}, 0, 0, false
}

// Liability.

// tlCapRe matches the statement of a cap; its end is where the cap's measure begins.
var tlCapRe = termMustCompile(`\b(?:not|never|in no event|under no circumstances)\b[^.;]{0,200}?\b(?:exceed|be greater than|be more than|be in excess of|be liable in excess of)\b|\b(?:not to exceed|not exceeding|in excess of|limited to|capped at|limited in amount to|up to a maximum of|up to an amount equal to|maximum (?:aggregate )?(?:amount|liability) (?:of|shall be|is)|shall be limited to|will be limited to|greater of|lesser of|higher of|lower of|be no (?:greater|more) than)\b`)

// tlFeesRe matches the fees a cap is measured by.
var tlFeesRe = termMustCompile(`\b(?:the )?(?:total |aggregate |cumulative |actual )?(?:amounts?|fees|charges|sums?|monies|moneys|payments?|price|compensation|consideration|royalties|purchase price|contract price|revenues?)\b(?: [\w,()-]+){0,8}? (?:actually )?(?:paid|payable|received|due|owed|invoiced|incurred|made|pai?d\b)|\bthe (?:total |aggregate )?(?:purchase|contract) price\b`)

// tlMultipleRe matches a multiplier written before the fees: "two (2) times",
// "twice", "150% of". Group 1: a digit count, 2: a word count, 3: a percentage.
var tlMultipleRe = termMustCompile(`(?:\b(\d+(?:\.\d+)?)\s?(?:x|times)\b|\b(one|two|three|four|five|six|ten|twice|double|triple)\b(?: \(\d+(?:\.\d+)?\))?(?: times)?|\b(\d+(?:\.\d+)?)\s?(?:%|percent|per cent)(?: \(\d+(?:\.\d+)?%\))?)(?: (?:the|of|of the|of all))*\s*$`)

// tlPeriodCueRe marks a period as the one whose fees set the cap.
var tlPeriodCueRe = termMustCompile(`\b(?:preced\w*|prior|before|previous|past|last|immediately|period|during|trailing)\b`)

// tlConsequentialRe and tlExcludeRe find the exclusion of indirect damages.
var (
	tlConsequentialRe = termMustCompile(`\b(?:indirect|consequential|incidental|special|punitive|exemplary)\b[^.;]{0,120}?\b(?:damages?|loss(?:es)?)\b`)
	tlExcludeRe       = termMustCompile(`\b(?:in no event|under no circumstances|not (?:be )?liable|no liability|not have any liability|not be responsible|excluded?|exclusion|disclaims?|waives?|not be entitled to|not recover|no claims?|neither party (?:shall|will) be liable|neither party nor|shall have no)\b|\bneither\b[^.;]{0,150}?\b(?:liable|liability|responsible)\b`)
)

// A tlCarve is one carve-out from the liability cap.
type tlCarve struct {
	name     string
	x        tlSent
	from, to int
}

// The liabilities a cap may leave out, in catalogue order.
var tlCarveKinds = []struct {
	name string
	re   *termRe
}{
	{"indemnification", termMustCompile(`\bindemni(?:fication|fy|fies|ties|ty|fying)\b`)},
	{"confidentiality", termMustCompile(`\bconfidential\w*|\bnon-?disclosure\b`)},
	{"gross_negligence", termMustCompile(`\bgross(?:ly)? negligen\w*`)},
	{"wilful_misconduct", termMustCompile(`\b(?:will?ful|intentional|deliberate) (?:misconduct|breach|default|act)\w*|\bwill?fully\b`)},
	{"fraud", termMustCompile(`\bfraud\w*`)},
	{"data_protection", termMustCompile(`\bdata protection\b|\bpersonal (?:data|information)\b|\bprivacy\b|\b(?:data|security) breach\b`)},
	{"ip_infringement", termMustCompile(`\binfring\w*|\bmisappropriat\w*|\bintellectual property\b`)},
	{"bodily_injury", termMustCompile(`\b(?:bodily|personal) injur\w*|\bdeath\b`)},
	{"payment", termMustCompile(`\bpayment obligations?\b|\bobligations? to pay\b|\bpay(?:ment of)? (?:any )?(?:fees|amounts|sums|royalties)\b|\b(?:fees|amounts|sums|royalties) (?:due|owed|owing|payable)\b`)},
}

// tlCarveCueRe starts the words that carve liabilities out of a cap; group 1
// marks cues whose carve-outs come before them ("shall not be subject to").
var tlCarveCueRe = termMustCompile(`\b(?:except(?: for| with respect to| in the case of| as to| in respect of| that)?|excluding|other than|save (?:for|in respect of)|(?:shall|will|does|do) not (?:apply|be applicable)(?: (?:to|with respect to|in respect of|in the case of|in case of|in the event of|for|where|as to))?|nothing in this (?:agreement|section|clause|article)[^.;]{0,40}\b(?:limits?|excludes?|restricts?|limit or exclude)|(?:does|shall|will) not limit|not (?:be )?(?:limited|excluded) (?:by|under)|exclusions? (?:from|of)|with the exception of)\b|((?:shall|will|are|is) not (?:be )?(?:subject to|limited by|counted toward|included in)|(?:are|is|shall be|will be) excluded from|shall not count)`)

// tlLimitWordRe marks a sentence about a limitation of liability.
var tlLimitWordRe = termMustCompile(`\b(?:limitations?|limits?|cap|caps|exclusions?|liabilit(?:y|ies))\b`)

// tlLiabilityCarveOuts is tlCarveOuts of the liability sentences sents
// (tlSentences(tc, true, "liability_cap", "uncapped_liability")), found once
// per termContext.
func tlLiabilityCarveOuts(tc *termContext, sents []tlSent) []tlCarve {
	if !tc.carvesDone {
		tc.carves, tc.carvesDone = tlCarveOuts(tc, sents), true
	}
	return tc.carves
}

// tlCarveOuts returns the carve-outs stated in the liability sentences, each
// with the sentence that states it.
func tlCarveOuts(tc *termContext, sents []tlSent) []tlCarve {
	var out []tlCarve
	seen := map[string]bool{}
	listFrom := -1
	// the cues of a sentence and where each kind is found after them depend
	// on its text alone: read once per text
	cueSegs := make(map[string][][2]int)
	kindEnds := make(map[tlCarveSeg]int)
	for _, x := range sents {
		low := x.s.Lower
		segs, ok := cueSegs[low]
		if !ok {
			segs = tlCarveCueSegs(low)
			cueSegs[low] = segs
		}
		segs = segs[:len(segs):len(segs)]
		if len(segs) == 0 && listFrom >= 0 && tc.doc.Clauses[x.ci].Parent == tc.doc.Clauses[listFrom].ID {
			segs = append(segs, [2]int{0, len(low)})
		}
		if len(segs) > 0 && strings.HasSuffix(strings.TrimSpace(low), ":") {
			listFrom = x.ci
		}
		for _, sg := range segs {
			for ki, k := range tlCarveKinds {
				if seen[k.name] {
					continue
				}
				key := tlCarveSeg{low, sg, ki}
				end, ok := kindEnds[key]
				if !ok {
					end = -1
					if m := k.re.FindStringIndex(low[sg[0]:sg[1]]); m != nil {
						end = m[1]
					}
					kindEnds[key] = end
				}
				if end >= 0 {
					seen[k.name] = true
					out = append(out, tlCarve{k.name, x, sg[0], sg[0] + end})
				}
			}
		}
	}
	return out
}

// tlCarveSeg is a piece of a sentence's text and a carve-out kind (an index
// into tlCarveKinds).
type tlCarveSeg struct {
	low  string
	seg  [2]int
	kind int
}

// tlCarveCueSegs returns the pieces of a lower-cased sentence that follow (or,
// as the subject, precede) a carve-out cue; none unless it speaks of the cap
// or the exclusion.
func tlCarveCueSegs(low string) [][2]int {
	var segs [][2]int
	// Only a sentence about the cap or the exclusion carves out of it.
	limits := tlCapRe.MatchString(low) || tlConsequentialRe.MatchString(low) || tlLimitWordRe.MatchString(low)
	var cues [][]int
	if limits {
		cues = tlCarveCueRe.FindAllStringSubmatchIndex(low, -1)
	}
	for _, c := range cues {
		if c[2] >= 0 {
			// The carved-out liabilities are the subject: from the start of the piece.
			segs = append(segs, [2]int{max(strings.LastIndexAny(low[:c[0]], ";")+1, 0), c[1]})
			continue
		}
		end := len(low)
		// Stop where the cap resumes: "except for X, in no event shall".
		if r := tlCapResumesRe.FindStringIndex(low[c[1]:]); r != nil {
			end = c[1] + r[0]
		}
		segs = append(segs, [2]int{c[0], end})
	}
	return segs
}

// findLiabilityTerms finds the liability cap terms and consequential_damages_excluded.
func findLiabilityTerms(tc *termContext) {
	sents := tlSentences(tc, true, "liability_cap", "uncapped_liability")
	capped := make(map[int]bool)
	for _, ci := range tc.clausesOf("liability_cap") {
		capped[ci] = true
	}
	for _, x := range sents {
		if !capped[x.ci] {
			continue
		}
		if tlCapMeasure(tc, x) {
			break
		}
	}
	for _, x := range sents {
		low := x.s.Lower
		c := tlConsequentialRe.FindStringIndex(low)
		if c == nil {
			continue
		}
		// The exclusion words stand before the damages or after them in the
		// same clause of the sentence.
		piece := low
		e := tlExcludeRe.FindStringIndex(piece)
		if e == nil {
			continue
		}
		tlAdd(tc, "consequential_damages_excluded", true, x, min(e[0], c[0]), max(e[1], c[1]))
		break
	}
	carves := tlLiabilityCarveOuts(tc, sents)
	if len(carves) > 0 {
		var list []string
		for _, k := range tlCarveKinds {
			for _, c := range carves {
				if c.name == k.name {
					list = append(list, k.name)
				}
			}
		}
		last := carves[0]
		to := last.to
		for _, c := range carves[1:] {
			if c.x.ci == last.x.ci && c.x.s.Start == last.x.s.Start {
				to = max(to, c.to)
			}
		}
		tlAdd(tc, "liability_cap_carve_outs", list, last.x, last.from, to)
	}
}

// tlCapMeasure records the cap amount, multiple and period stated in x, and
// reports whether it found any.
func tlCapMeasure(tc *termContext, x tlSent) bool {
	low := x.s.Lower
	if !strings.Contains(low, "liab") && !strings.Contains(low, "damages") && !strings.Contains(low, "recover") {
		return false
	}
	c := tlCapRe.FindStringIndex(low)
	if c == nil {
		return false
	}
	seg := low[c[1]:min(len(low), c[1]+320)]
	if p := strings.IndexByte(seg, ';'); p >= 0 {
		seg = seg[:p]
	}
	found := false
	for _, m := range findMoney(x.s.Text[c[1] : c[1]+len(seg)]) {
		if tlInsuranceRe.MatchString(seg[max(0, m.Start-40):m.Start]) {
			continue
		}
		tlAdd(tc, "liability_cap_amount", m.Money, x, c[0], c[1]+m.End)
		found = true
		break
	}
	f := tlFeesRe.FindStringIndex(seg)
	if f == nil {
		return found
	}
	mult, mFrom := 1.0, f[0]
	if m := tlMultipleRe.FindStringSubmatchIndex(seg[:f[0]]); m != nil && f[0]-m[0] <= 40 {
		switch {
		case m[2] >= 0:
			mult, _ = strconv.ParseFloat(seg[m[2]:m[3]], 64)
		case m[4] >= 0:
			w := seg[m[4]:m[5]]
			if d := tlParenDigitsRe.FindStringSubmatch(seg[m[4]:m[1]]); d != nil {
				mult, _ = strconv.ParseFloat(d[1], 64)
			} else {
				switch w {
				case "twice", "double":
					mult = 2
				case "triple":
					mult = 3
				default:
					n, _ := parseCount(w)
					mult = float64(n)
				}
			}
			if mult == 0 {
				mult = 1
			}
		case m[6] >= 0:
			p, _ := strconv.ParseFloat(seg[m[6]:m[7]], 64)
			mult = p / 100
		}
		mFrom = m[0]
	}
	if mult > 0 {
		tlAdd(tc, "liability_cap_multiple", mult, x, c[1]+mFrom, c[1]+f[1])
		found = true
	}
	// The period whose fees set the cap follows the fees.
	rest := seg[f[1]:min(len(seg), f[1]+180)]
	for _, d := range findDurations(x.s.Text[c[1]+f[1] : c[1]+f[1]+len(rest)]) {
		win := rest[max(0, d.Start-40):min(len(rest), d.End+50)]
		if !tlPeriodCueRe.MatchString(win) {
			continue
		}
		tlAdd(tc, "liability_cap_period", d.Duration, x, c[1]+f[1]+d.Start, c[1]+f[1]+d.End)
		break
	}
	return found
}

// Payment.

// tlPayRe marks a sentence about paying invoices.
var tlPayRe = termMustCompile(`\b(?:invoice\w*|bill(?:s|ed|ing)?|statements?|net|receipt)\b`)

// tlNetRe matches "net 45" and "net thirty (30) days"; group 1 the digits.
var tlNetRe = termMustCompile(`\bnet\s+(\d{1,3})\b`)

// tlDueCueRe marks a period as the time to pay: before it ("within", "no later
// than") or after it ("after receipt", "of the invoice date").
var (
	tlDueBeforeRe = termMustCompile(`\b(?:within|no later than|not later than|net|in|payable|due|by)\s*(?:the )?$`)
	tlDueAfterRe  = termMustCompile(`^['’]?\s*(?:\w+ )?(?:of|after|from|following|upon|on|net|of the date of)\b[^.;]{0,40}?\b(?:receipt|invoice\w*|delivery|billing|statement|presentation|date of (?:the )?(?:invoice|receipt|billing|statement))\b(?: date| thereof)?`)
)

// tlInterestRe matches a late interest rate: a percentage and, after it, the
// period it is stated per. Group 1: the percentage, 2: the period word.
var tlInterestRe = termMustCompile(`\(?(\d+(?:\.\d+)?)\)?\s?(?:%|percent|per cent)\)?(?:[^.;%]{0,40}?\b(?:per|a|each|every|an|per calendar) (month|annum|year|day|week|quarter|thirty \(30\) day period|30[- ]day period)\b|[^.;%]{0,20}?\b(monthly|annually|yearly|annual|daily|weekly))?`)

// tlPeriodBeforeRe finds the period of a rate stated before it ("an annual rate").
var tlPeriodBeforeRe = termMustCompile(`\b(annual|monthly)\b[^.;]{0,100}$`)

// tlLateRe marks a sentence about late payment.
var tlLateRe = termMustCompile(`\b(?:late|overdue|past due|delinquent|unpaid|not paid|outstanding|failure to pay|fails to pay|after the due date|when due)\b`)

// findPaymentTerms finds payment_term and the late interest terms.
func findPaymentTerms(tc *termContext) {
	sents := tlSentences(tc, false, "payment_terms")
	for _, x := range sents {
		if tlPaymentTerm(tc, x) {
			break
		}
	}
	for _, x := range sents {
		low := x.s.Lower
		if !strings.Contains(low, "interest") && !strings.Contains(low, "late charge") && !strings.Contains(low, "finance charge") && !strings.Contains(low, "service charge") {
			continue
		}
		if !tlLateRe.MatchString(low) {
			continue
		}
		for _, m := range tlInterestRe.FindAllStringSubmatchIndex(low, -1) {
			rate, err := strconv.ParseFloat(low[m[2]:m[3]], 64)
			if err != nil || rate <= 0 || rate > 100 {
				continue
			}
			t := Term{Kind: "late_interest_rate", Value: rate, Clause: x.ci, Evidence: x.s.span(m[0], m[1])}
			if tlMarginBeforeRe.MatchString(low[:m[0]]) ||
				tlMarginAfterRe.MatchString(low[m[1]:]) {
				t.Note = "a margin over a reference rate"
			}
			tc.add(t)
			var per string
			pFrom, pTo := m[0], m[1]
			if m[4] >= 0 {
				per = low[m[4]:m[5]]
			} else if m[6] >= 0 {
				per = low[m[6]:m[7]]
			} else if p := tlPeriodBeforeRe.FindStringSubmatchIndex(low[max(0, m[0]-100):m[0]]); p != nil {
				// "at an annual rate equal to the prime rate plus 2%".
				off := max(0, m[0]-100)
				per, pFrom = low[off+p[2]:off+p[3]], off+p[0]
			}
			var d Duration
			switch per {
			case "month", "monthly", "thirty (30) day period", "30 day period", "30-day period":
				d = Duration{Months: 1}
				if strings.Contains(per, "30") {
					d = Duration{Days: 30}
				}
			case "annum", "year", "annually", "yearly", "annual":
				d = Duration{Years: 1}
			case "day", "daily":
				d = Duration{Days: 1}
			case "week", "weekly":
				d = Duration{Weeks: 1}
			case "quarter":
				d = Duration{Months: 3}
			}
			if !d.IsZero() {
				tlAdd(tc, "late_interest_period", d, x, pFrom, pTo)
			}
			return
		}
	}
}

// tlPaymentTerm records payment_term from x and reports whether it found one.
func tlPaymentTerm(tc *termContext, x tlSent) bool {
	low := x.s.Lower
	if !tlPayRe.MatchString(low) || !tlPaidRe.MatchString(low) && !strings.Contains(low, "net") && !strings.Contains(low, "due") {
		return false
	}
	if m := tlNetRe.FindStringSubmatchIndex(low); m != nil {
		if n, ok := parseCount(low[m[2]:m[3]]); ok && n > 0 && n <= 365 {
			tlAdd(tc, "payment_term", Duration{Days: n}, x, m[0], m[1])
			return true
		}
	}
	for _, d := range tc.durations(x.s) {
		if d.Duration.Days == 0 && d.Duration.Weeks == 0 && d.Duration.Months == 0 {
			continue
		}
		bFrom := max(0, d.Start-24)
		before := low[bFrom:d.Start]
		after := low[d.End:min(len(low), d.End+80)]
		cue := tlDueBeforeRe.FindStringIndex(before)
		if cue == nil {
			continue
		}
		// The period runs from the invoice ("of receipt of the invoice"), or the
		// invoice is named right after it; and the words around it speak of paying.
		a := tlDueAfterRe.FindStringIndex(after)
		if a == nil && !tlPayRe.MatchString(after[:min(len(after), 40)]) && !strings.HasPrefix(before[cue[0]:], "net") {
			continue
		}
		near := low[max(0, d.Start-120):min(len(low), d.End+60)]
		if !tlPaidRe.MatchString(near) && !strings.Contains(near, "due") {
			continue
		}
		to := d.End
		if a != nil {
			to = d.End + a[1]
		}
		tlAdd(tc, "payment_term", d.Duration, x, bFrom+cue[0], to)
		return true
	}
	return false
}
