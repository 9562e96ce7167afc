package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// A clsRule types a clause from one of its sentences. A clsSentence matches when it
// (lower-cased) contains one of the keywords, matches one of the patterns, and
// matches none of the negative patterns. The keywords are a cheap prefilter so
// that most sentences never reach a regular expression.
type clsRule struct {
	typ      ClauseType
	keywords []string
	patterns []clsPattern
	not      []clsPattern
	// req, when set, must also match: a condition shared by all patterns.
	req []clsPattern
}

// clsPattern is a compiled pattern with the literals one of which any match
// must contain (nil when none could be derived), checked before the regexp runs.
type clsPattern struct {
	re   *regexp.Regexp
	need []string
}

// A clsHeadingRule types a clause from its heading (lower-cased, number removed).
type clsHeadingRule struct {
	typ ClauseType
	re  *regexp.Regexp
	not *regexp.Regexp // nil when no heading is excluded
}

// re compiles a list of patterns once, at package initialisation.
func clsRes(pats ...string) []clsPattern {
	out := make([]clsPattern, len(pats))
	for i, p := range pats {
		out[i] = clsPattern{re: regexp.MustCompile(p)}
		if t, err := syntax.Parse(p, syntax.Perl); err == nil {
			out[i].need = clsNeed(t.Simplify())
		}
	}
	return out
}

// clsNeed returns literals one of which every match of t contains, or nil.
func clsNeed(t *syntax.Regexp) []string {
	switch t.Op {
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(t.Rune)}
	case syntax.OpCapture:
		return clsNeed(t.Sub[0])
	case syntax.OpPlus:
		return clsNeed(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return clsNeed(t.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		bestLen := 0
		for _, sub := range t.Sub {
			n := clsNeed(sub)
			if n == nil {
				continue
			}
			m := len(n[0])
			for _, x := range n {
				m = min(m, len(x))
			}
			if m > bestLen {
				best, bestLen = n, m
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range t.Sub {
			n := clsNeed(sub)
			if n == nil {
				return nil
			}
			all = append(all, n...)
		}
		return all
	}
	return nil
}

// match reports whether s matches p, trying the cheap literal check first.
func (p *clsPattern) match(s string) bool {
	if p.need != nil {
		ok := false
		for _, n := range p.need {
			if strings.Contains(s, n) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return p.re.MatchString(s)
}

// Patterns below run on lower-cased sentences. "[^.;]{0,n}" keeps two words of a
// pattern inside one clause of a clsSentence without the cost of a parser.
var clsRules = []clsRule{
	{typ: "governing_law", keywords: []string{"law"},
		patterns: clsRes(
			`\b(governed|construed|interpreted|enforced|determined|controlled)\b[^;]{0,160}\blaws?\b`,
			`\blaws? of [^;]{0,80}\b(shall|will) (govern|apply|control)`,
			`\bgoverning law\b`,
			`\bsubject to the (substantive )?laws? of\b`,
		),
		not: clsRes(`\bgoverned by (the )?(terms|provisions) of (this|the)\b[^;]{0,40}(agreement|plan)\b[^;]{0,30}$`)},
	{typ: "assignment", keywords: []string{"assign", "transfer"},
		patterns: clsRes(
			`\b(not|no|neither|nor)\b[^.;]{0,160}\b(assign|assignable|transfer|transferable|delegate)`,
			`\b(assign|assignment|assigned|transfer|transferred|delegate)\b[^;]{0,220}\b(prior (written )?(consent|approval)|without (first )?(obtaining )?(the )?(prior |express |written )*(consent|approval)|written consent|null and void|shall be void|is void|consent of)`,
			`\b(assign|transfer)\w*\b[^;]{0,160}\b(upon|with|after|by) (giving )?(prior )?(written )?notice\b`,
			`\b(may|shall have the right to|can)\b[^;]{0,30}\bassign\b[^;]{0,160}\bwithout\b[^;]{0,40}\bconsent\b`,
			`\b(this agreement|rights?)\b[^;]{0,60}\b(is|are|shall be) (not )?(freely )?(assignable|transferable)\b`,
			`\bany (purported |attempted )+(assignment|transfer)\b`,
		),
		not: clsRes(
			`\bassign(s|ed)?\b[^.;]{0,60}\b(all )?(of )?(its |their |his |her )?(right, title|rights?, title|entire right|worldwide right)`,
			`\b(hereby )?assigns? to\b[^;]{0,80}\b(intellectual property|patents?|copyrights?|inventions?|work product)`,
			`^[^;]{0,40}\bsuccessors and (permitted )?assigns\b[^;]{0,80}$`,
			`\b(meanings?|terms?|numbers?|territor\w*|area|personnel|employees?|staff) (\w+ )?assigned\b`,
			`\bassigned (to )?(them|it|such terms?)( in| by)\b`,
		),
		req: clsRes(`\bassign|\btransfer\w*\b[^;]{0,80}\b(this agreement|this contract|its rights|their rights|(rights|interests?) (and|or) (obligations|duties)|rights (hereunder|under this)|any (of its |of their )?rights|(interest|rights) in this)`)},
	{typ: "change_of_control", keywords: []string{"change", "acquired by", "acquire"},
		patterns: clsRes(
			`\bchange (of|in) (the )?(ownership or )?control\b`,
			`\bchange (of|in) (the )?(majority )?(ownership|management|control)\b|\bownership change\b`,
			`\b(is|be|are|becomes?) acquired by\b|\bacquires? (\W?control|substantially all|all or substantially|a majority|more than (fifty|50))`,
		),
		not: clsRes(`^whereas\b`, `\b(material|adverse) change\b`)},
	// Mergers and sales of the business count when they trigger a consent, a
	// notice or a termination right, not when they are an exception to consent.
	{typ: "change_of_control", keywords: []string{"merge", "substantially all", "acquisition", "consolidat", "voting"},
		patterns: clsRes(
			`\b(merger|merge[sd]?|consolidat\w*|substantially all|acquisition of (all|substantially|a majority|control|more than))\b[^;]{0,240}\b(assign\w*|terminat\w*|consent|transfer\w*|notif\w*|notice)\b`,
			`\b(assign\w*|terminat\w*|consent|transfer\w*)\b[^;]{0,240}\b(merger|merge[sd]?|consolidat\w*|substantially all|acquisition of (all|substantially|a majority|control|more than))\b`,
			`\b(control|voting (power|securities|stock))\b[^;]{0,80}\b(is|are|be) (acquired|transferred)\b`,
		),
		not: clsRes(`\b(mergers?|acquisitions?) (and|or) acquisitions?\b`, `\bthe merger agreement\b`, `^whereas\b`,
			`\bbenefit of (its )?creditors\b`,
			`\bwithout (such |the |any )?(\w+ ){0,3}(consent|approval)\b[^;]{0,160}\b(merger|substantially all|acquisition|reorganization|consolidation|successor)`)},
	{typ: "termination_for_convenience", keywords: []string{"convenience", "without cause", "for any reason", "no reason", "at any time", "notice", "at will"},
		patterns: clsRes(
			`\b(terminat\w*|cancel\w*)\b[^;]{0,160}\b(for (its|their|any party's|the \w+'s)? ?(own )?convenience|without cause|for no reason|with or without cause|at will)\b`,
			`\b(for (its |their )?convenience|without cause|with or without cause)\b[^;]{0,120}\b(terminat\w*|cancel\w*)\b`,
			`\b(may|shall have the right to|has the right to|is entitled to|can|right to)\b[^.;]{0,60}\b(terminat\w*|cancel\w*)\b[^;]{0,120}\b(for any reason|at any time|without (any )?(reason|penalty))\b`,
			`\b(may|shall have the right to|has the right to|is entitled to|can|right to)\b[^.;]{0,60}\b(terminat\w*|cancel\w*)\b[^;]{0,120}\b(upon|on|by|with|after|giving|providing|at least)\b[^;]{0,50}(\b(days|months|weeks|year)|\*\]|\*\*\*)['’]?\s?(prior |advance )?(written )?(notice|notification)\b`,
			`\b(terminable|terminated) by (either|any|each) (party|of the parties)\b[^;]{0,60}\b(days|months)['’]?\s?(prior |advance )?(written )?(notice|notification)\b`,
		),
		not: clsRes(
			`\b(breach\w*|default\w*|insolv\w*|bankrupt\w*|fails?|failure|violat\w*|cure[sd]?|receivership|liquidat\w*|force majeure|dies|death|disabilit\w*|following events|occurrence|change (of|in) control|if|in the event|should|unless|conditions?|not be entitled|may not terminate)\b`,
		)},
	// A sentence that states a convenience right outright wins over the negative
	// patterns above (which catch termination for cause).
	{typ: "termination_for_convenience", keywords: []string{"convenience", "without cause", "no reason", "any time", "any reason", "discretion", "until terminated"},
		patterns: clsRes(
			`\b(terminat\w*|cancel\w*)\b[^;]{0,160}\b(for (its|their|any party's|the \w+'s)? ?(own )?convenience|without cause|for no reason|with or without cause)\b`,
			`\b(for (its |their )?convenience|without cause|with or without cause)\b[^;]{0,120}\b(terminat\w*|cancel\w*)\b`,
			`\b(terminat\w*|cancel\w*)\b[^;]{0,200}\b(at any (other )?time|for any (or no )?reason|in its (sole|absolute) discretion)\b[^;]{0,60}\b(upon|on|by|with|after|giving|providing)\b[^;]{0,60}\b(notice|notification)\b`,
			`\buntil terminated by (either|any|each) (party|of the parties)\b[^;]{0,60}\bnotice\b`,
		),
		not: clsRes(`\b(may not|shall not|cannot) (be )?terminat\w* (this agreement )?(for convenience|without cause)`)},
	{typ: "expiration", keywords: []string{"term", "expir", "effect", "continu", "perpetu", "valid", "period", "duration", "through"},
		patterns: clsRes(
			`\b(this|the) (agreement|contract|venture|term)\b[^;]{0,120}\b(shall|will) (terminate|expire|end)\b[^;]{0,20}\b(on|at|upon the (earlier|later)|as of)\b`,
			`\b(this|the) (agreement|contract|term)\b[^;]{0,100}\b(continue|remain valid|be valid|is valid|be effective|remain effective|remain in (full )?(force|effect))\b[^;]{0,30}\b(until|through|for (a (period|term) of )?(\w+ )?(\(\d+\) )?(years?|months?))\b`,
			`\b(term|period|duration)\b[^;]{0,80}\b(from|commencing|beginning)\b[^;]{0,60}\b(through|until|to|and ending|and concluding|ending)\b[^;]{0,30}\d{4}\b`,
			`\b(the|this|initial|effective) (term|duration)\b[^;]{0,40}\b(is|shall be|will be)\b[^;]{0,20}\b(\(\d+\)|one|two|three|four|five|six|seven|ten|twelve|\d+) (calendar )?(years?|months?)\b`,
			`["“](term|contract period|initial term|expiration date|termination date)["”]\s(shall )?means\b`,
			`\binitial (term|period)\b`,
			`\b(the )?term of (this|the) (agreement|contract|license)\b[^;]{0,80}\b(shall|will) (commence|begin|be|continue|expire|end|run|remain|last|extend)\b`,
			`\b(the )?term of (this|the) (agreement|contract|license) (is|commences|begins|expires|ends|runs)\b`,
			`\b(this|the) (agreement|contract)\b[^;]{0,40}\b(shall|will) (commence|begin|become effective|take effect|be effective)\b[^;]{0,160}\b(and|shall|will) (continue|remain|expire|end|terminate)\b`,
			`\b(shall|will) (continue|remain) in (full )?(force|effect)\b[^;]{0,60}\b(until|for|through)\b`,
			`\b(this|the) (agreement|contract|term)\b[^;]{0,60}\b(shall|will) (expire|end)\b[^;]{0,80}\b(on|upon|at|after|years?|months?|anniversary|date)\b`,
			`\b(this agreement|the term)\b[^;]{0,60}\b(expiration|expiry) date\b|\b(expiration|expiry) date\b[^;]{0,30}\b(of|for) (this|the) (agreement|term)\b`,
			`\bin (full )?(force|effect) for a (period|term) of\b`,
			`\bfor a (period|term) of [^;]{0,30}\b(years?|months?)\b[^;]{0,60}\b(from|after|following|commencing|beginning)\b[^;]{0,40}\b(effective date|date (of|hereof)|execution)`,
			`\bperpetual\b[^;]{0,40}\b(term|agreement)\b|\b(term|agreement)\b[^;]{0,40}\bperpetu`,
		),
		not: clsRes(`\b(payment|warranty|license|lease|confidentiality) term\b`, `^\W*(\w\.|\(\w+\))?\s*during the term\b`)},
	{typ: "renewal", keywords: []string{"renew", "extend", "extension", "successive", "continue", "year to year", "month to month", "indefinitely"},
		patterns: clsRes(
			`\b(automatic\w*|auto-?|tacit\w*)\s?(be )?(renew|extend|continu)`,
			`\b(renew\w*|extend\w*|extension)\b[^;]{0,20}\b(automatic\w*|tacit\w*)`,
			`\b(renew\w*|extend\w*|extension)\b[^;]{0,120}\b(successive|additional|further|consecutive|subsequent)\b[^;]{0,60}\b(periods?|terms?|years?|months?)\b`,
			`\(\s?(each,? )?(a |the |such )?["“]?renewal (term|period)`,
			`\b(option|right|opportunity) to (renew|extend)\b|\bnon-?renewal\b`,
			`\b(renew|extend) (this|the) (agreement|term|franchise|licen[sc]e|contract)\b`,
			`\bthereafter\b[^;]{0,60}\buntil terminated\b`,
			`\b(thereafter|continue|remain in (full )?(force|effect))\b[^;]{0,80}\b(successive|year[- ]to[- ]year|month[- ]to[- ]month|from year to year|indefinitely)\b`,
		),
		not: clsRes(`\brenew\w* (its|their|such) (insurance|polic|registration|licen[sc]e|permit)`,
			`\b(means|shall mean|has the meaning|have the meaning|shall have the meaning)\b`,
			`\bwarranty\b|\binsur\w*|\binfring\w*|^whereas\b`)},
	{typ: "renewal_notice", keywords: []string{"renew", "extend", "extension", "then-current", "then current", "successive", "thereafter", "automatic"},
		patterns: clsRes(
			`\b(notice|notif\w*)\b[^;]{0,140}\b(not to (renew|extend)|non-?renewal|of (its|their|his|her) (intent\w*|election|desire|decision) (not )?to (terminate|not renew|not extend))`,
			`\bunless\b[^;]{0,200}\b(notice|notif\w*|request\w*)\b`,
			`\b(days|months|year)['’]?\b[^;]{0,60}\b(prior to|before|in advance of|preceding)\b[^;]{0,60}\b(end|expiration|expiry|conclusion)\b[^;]{0,60}\b(term|period|year)\b`,
			`\buntil\b[^;]{0,40}\b(terminated|cancell?ed)\b[^;]{0,80}\b(notice|notif\w*)\b`,
			`\b(\d+|\(\d+\)|\*\]|thirty|sixty|ninety)[- ]?(calendar |business )?(days?|months?|years?)['’]?\s?(prior |advance |written )*(notice|notif\w*)\b`,
		),
		not: clsRes(`\binsur\w*|\bsurviv\w*|\bcancellation, non-?renewal\b|\bpromptly notify\b|\b(licen[sc]es?|registrations?|permits?) (\w+ ){0,3}renew`),
		req: clsRes(`\b(renew\w*|extend\w*|extension|automatic\w*|thereafter|then[- ]current|successive)\b`)},
	{typ: "liability_cap", keywords: []string{"liab", "damages", "exceed", "limitation"},
		patterns: clsRes(
			`\b(aggregate|total|maximum|cumulative|entire) (\w+ ){0,3}liability\b`,
			`\bliab\w*\b[^;]{0,200}\b(shall not|will not|not to|in no event|no event)\b[^;]{0,20}\b(exceed|be greater than|be more than)`,
			`\bliab\w*\b[^;]{0,200}\b(exceed|in excess of|limited to|capped at|greater of|lesser of)\b`,
			`\b(in no event|under no circumstances|neither party|not be liable|no liability)\b[^;]{0,250}\b(indirect|consequential|special|incidental|punitive|exemplary|lost profits?|loss of profits?)\b`,
			`\b(indirect|consequential|incidental|punitive)\b[^;]{0,120}\bdamages\b[^;]{0,120}\b(not be liable|no liability|excluded|disclaim\w*|waive\w*)\b`,
			`\blimitation (of|on) liability\b`,
			`\b(action|claim|suit)s?\b[^;]{0,120}\b(may|shall|must) (not )?be (brought|commenced|instituted)\b[^;]{0,80}\b(years?|months?)\b`,
			`\b(not|no)\b[^;]{0,30}\bliab\w*\b[^;]{0,200}\b(exceed\w*|in excess of)\b`,
			`\b(indemnif\w*|reimburse\w*|recover\w*|damages)\b[^;]{0,120}\b(shall|will) not exceed\b`,
			`\bwaive\w*\b[^;]{0,120}\b(consequential|punitive|incidental|special|indirect)\b`,
			`\bnot be liable\b[^;]{0,80}\b(types of (loss|damage)|following)\b`,
		),
		not: clsRes(`\bbeyond (its|the|their|such party's) (reasonable )?control\b|\bforce majeure\b`, `\b(polic(y|ies)|insurance|insured)\b`)},
	{typ: "uncapped_liability", keywords: []string{"liab", "limitation", "exclusion"},
		patterns: clsRes(
			`\b(limitation|exclusion|limit|cap)s?\b[^;]{0,160}\b(shall|will) not apply\b`,
			`\b(shall|will) not (apply to|limit)\b[^;]{0,160}\b(indemnif\w*|confidential\w*|gross negligence|willful|wilful|fraud|infringe\w*|bodily injury|death)`,
			`\bexcept (for|with respect to|in the case of)\b[^;]{0,160}\b(indemnif\w*|gross negligence|willful|wilful|fraud|breach of (section|article|its confidentiality)|confidential\w*)\b[^;]{0,200}\bliab`,
			`\bunlimited liability\b`,
		)},
	{typ: "insurance", keywords: []string{"insur"},
		patterns: clsRes(
			`\b(maintain|carry|obtain|procure|keep|purchase|provide|secure)\b[^;]{0,160}\binsurance\b`,
			`\binsurance\b[^;]{0,200}\b(maintain\w*|carr\w*|polic(y|ies)|coverage|insured|insurer|in an amount|limits? of|certificate)`,
			`\b(additional|named) insureds?\b`,
		),
		not: clsRes(`\binsurance (company|companies|industry|products?|agents?|business)\b[^;]{0,30}$`)},
	{typ: "audit_rights", keywords: []string{"audit", "inspect", "examin", "books", "records"},
		patterns: clsRes(
			`\baudit\w*\b[^;]{0,200}\b(books|records|accounts|facilit\w*|premises|compliance|right|may|shall be entitled|have the right|permit|allow|during normal business hours|reasonable notice)`,
			`\b(right|entitled|permit|allow|access)\b[^;]{0,120}\b(inspect\w*|examin\w*|audit\w*|review|cop(y|ies))\b[^;]{0,120}\b(books|records|accounts|facilit\w*|premises|plants?|operations)\b`,
			`\b(books|records|accounts)\b[^;]{0,200}\b(inspect\w*|examin\w*|audit\w*)\b`,
			`\b(inspect\w*|examin\w*)\b[^;]{0,80}\b(facilit\w*|premises|plants?|manufacturing|operations|sites?)\b`,
		),
		not: clsRes(`\baudited (financial|consolidated|balance)\b`, `\b(independent|certified) (public )?accountants?['’]? (report|opinion)\b`)},
	{typ: "non_compete", keywords: []string{"compet"},
		patterns: clsRes(
			`\bnon-?compet\w*`,
			`\b(not|no|neither|nor)\b[^;]{0,120}\b(compet\w*)\b`,
			`\b(compet\w*) (product|service|business|activit)\w*\b[^;]{0,160}\b(shall not|will not|may not|not to|prohibit\w*|refrain)`,
		),
		not: clsRes(`\bcompetent (court|jurisdiction|authority)\b`, `\bcompetitive (bid|pric)\w*`)},
	{typ: "exclusivity", keywords: []string{"exclusiv", "requirements", "sole "},
		patterns: clsRes(
			`\bexclusive (right|license|licen[sc]ee|distribut\w*|basis|supplier|provider|dealer|agent|partner|territory|rights|reseller|manufactur\w*|sales|marketing|relationship|arrangement)\b`,
			`\bexclusively\b`,
			`\b(all|one hundred percent|100%) of (its|their|the \w+'s) (requirements|needs)\b`,
			`\b(sole|exclusive) (and exclusive )?(source|supplier|distributor|provider|manufacturer)\b`,
		),
		not: clsRes(`\bnon-?exclusive(ly)?\b[^;]{0,20}$`)},
	{typ: "non_solicit", keywords: []string{"solicit", "hire", "employ"},
		patterns: clsRes(
			`\b(not|no|neither|nor|refrain)\b[^;]{0,160}\b(solicit\w*|hire|employ|recruit\w*|engage)\b[^;]{0,160}\b(employees?|personnel|staff|contractors?|consultants?|customers?|clients?|suppliers?)\b`,
			`\bnon-?solicit\w*`,
		),
		not: clsRes(`\bequal employment\b`)},
	{typ: "ip_ownership_assignment", keywords: []string{"assign", "property of", "own", "title"},
		patterns: clsRes(
			`\bassign\w*\b[^;]{0,120}\b(right, title|rights?, title|all rights?|intellectual property|patents?|copyrights?|inventions?|work product|deliverables)`,
			`\b(shall|will) (be|become|remain|vest in)\b[^;]{0,30}\b(the )?(sole and exclusive |exclusive |sole )?property of\b`,
			`\b(shall|will) (solely |exclusively )?own\b[^;]{0,120}\b(right, title|all rights?|intellectual property|inventions?|improvements?|developments?|work product|deliverables|results)`,
			`\btitle\b[^;]{0,60}\b(shall|will) vest\b`,
			`\bworks? made for hire\b`,
		)},
	{typ: "license_grant", keywords: []string{"licen", "right to use"},
		patterns: clsRes(
			`\bgrants?\b[^;]{0,200}\b(licen[sc]e|sublicen[sc]e|right to use|right to (reproduce|distribute|sell|market))\b`,
			`\bhereby licen[sc]es?\b`,
			`\b(is|are) (hereby )?(granted|licensed)\b[^;]{0,100}\b(licen[sc]e|right to use)\b`,
		),
		not: clsRes(`\bnothing\b[^;]{0,80}\b(grant|licen[sc]e)`, `\bno (other )?(licen[sc]e|right)s? (is|are|shall be) granted\b`)},
	{typ: "warranty_duration", keywords: []string{"warrant"},
		patterns: clsRes(
			`\bwarrant\w*\b[^;]{0,200}\b(for a period of|period of|\(\d+\) (days|months|years)|\d+ (days|months|years)|(days|months|years) (from|after|following))\b`,
			`\bwarranty period\b`,
		)},
	{typ: "most_favored_nation", keywords: []string{"favo", "best price", "lowest price", "most favored", "no less", "no greater", "not greater"},
		patterns: clsRes(
			`\bmost favou?red\b`,
			`\b(no less|at least as|equally|more|most) favou?rable\b[^;]{0,120}\b(terms|price|pricing|prices|rates?|conditions)\b`,
			`\b(terms|price|pricing|prices|rates?|conditions)\b[^;]{0,120}\b(no less|at least as|more|most) favou?rable\b`,
			`\b(lowest|best) (net )?(price|pricing)\b`,
			`\b(no|not) (greater|higher) than\b[^;]{0,80}\b(price|prices|pricing|charges?)\b[^;]{0,80}\b(other|any third|similarly situated)`,
		)},
	{typ: "minimum_commitment", keywords: []string{"minimum", "at least", "not less than"},
		patterns: clsRes(
			`\bminimum (annual |quarterly |monthly )?(purchase|order|quantit|volume|commitment|amount|royalt|sales|payment|fee|guarantee|units|requirement|revenue|number|spend)\w*`,
			`\b(purchase|order|buy|sell|pay)\b[^;]{0,60}\b(at least|not less than|no less than)\b[^;]{0,80}\b(units|per (year|month|quarter|calendar)|each (year|month|quarter|calendar)|annually|\$)`,
		)},
	{typ: "liquidated_damages", keywords: []string{"liquidated", "fee", "penalt", "charge"},
		patterns: clsRes(
			`\bliquidated damages\b`,
			`\b(early )?termination (fee|charge|payment|penalty)\b`,
			`\bbreak-?up fee\b`,
		)},
	{typ: "post_termination_services", keywords: []string{"terminat", "expir"},
		patterns: clsRes(
			`\b(upon|after|following|on) (the )?(any )?(expiration|termination|expiry)\b[^;]{0,200}\b(shall|will|may)\b[^;]{0,100}\b(continue|return|deliver|sell|transfer|provide|assist|pay|purchase|complete|fill|wind|transition|destroy|cease)\w*`,
			`\b(for a period of|within)\b[^;]{0,60}\b(after|following)\b[^;]{0,20}\b(the )?(expiration|termination)\b`,
			`\btransition (services|period|assistance)\b`,
			`\bsell[- ]off\b|\bwind[- ]down\b|\blast[- ]time buy\b`,
		)},
	{typ: "third_party_beneficiary", keywords: []string{"beneficiar"},
		patterns: clsRes(
			`\bthird[- ]part(y|ies)\b[^;]{0,20}\bbeneficiar\w*`,
			`\bintended (third[- ]party )?beneficiar\w*`,
			`\bbeneficiar\w*\b[^;]{0,80}\b(of|under|to) (this|the) (agreement|section|provisions?)\b`,
		)},
	{typ: "revenue_profit_sharing", keywords: []string{"royalt", "revenue", "profit", "net sales", "%", "percent", "commission"},
		patterns: clsRes(
			`\broyalt(y|ies)\b`,
			`\b(share|sharing|split|percent\w*|%)\b[^;]{0,80}\b(net |gross )?(revenues?|profits?|net sales|gross sales|receipts|income|proceeds)\b`,
			`\b(revenues?|profits?|net sales|gross sales)\b[^;]{0,40}\b(shar\w*|split)\b`,
			`\bcommissions?\b[^;]{0,80}\b(percent|%|of (the )?(net|gross))`,
		)},
	{typ: "rofr_rofo_rofn", keywords: []string{"first", "refusal", "negotiat"},
		patterns: clsRes(
			`\bright of first (refusal|offer|negotiation)\b`,
			`\bfirst (right|option|opportunity) (of|to) (refusal|negotiat\w*|offer|purchase|acquire|bid)\b`,
			`\b(right|option) to (match|meet) (any|the|such)\b`,
		)},
	{typ: "source_code_escrow", keywords: []string{"escrow"},
		patterns: clsRes(`\bescrow\b[^;]{0,200}\bsource code\b|\bsource code\b[^;]{0,200}\bescrow\b|\bescrow agent\b`)},
	{typ: "covenant_not_to_sue", keywords: []string{"contest", "challenge", "sue", "dispute", "attack", "validity"},
		patterns: clsRes(
			`\b(not|never|no)\b[^;]{0,120}\b(contest|challenge|dispute|attack|oppose|impair)\w*\b[^;]{0,120}\b(validity|ownership|enforceab\w*|title|rights? of)\b`,
			`\b(covenants?|agrees?)\b[^;]{0,60}\bnot to sue\b`,
			`\bnot (to )?(sue|bring (any )?(action|claim|suit))\b`,
		)},
	{typ: "non_disparagement", keywords: []string{"disparag", "derogat", "defam"},
		patterns: clsRes(`\b(not|no|refrain\w*|never|nor)\b[^;]{0,160}\b(disparag|derogat|defam)\w*`, `\bnon-?disparag\w*`),
		not:      clsRes(`\b(libel|slander|invasion of privacy|infring\w*|indemnif\w*)\b`)},
	{typ: "parties", keywords: []string{"between", "by and", "among", "party", "parties"},
		patterns: clsRes(
			`\b(by and )?between\b[^;]{0,300}\b(and|\()\b`,
			`\b(entered into|made|executed)\b[^;]{0,120}\b(by|among|between)\b`,
			`\bparties\b[^;]{0,20}\bare\b`,
		)},
	{typ: "agreement_date", keywords: []string{"dated", "made", "entered", "day of", "as of", "executed", "date"},
		patterns: clsRes(
			`\b(dated|made|entered into|executed|signed)\b[^;]{0,80}\b(as of|on|this|the)\b[^;]{0,40}`+clsDateRe,
			`\bagreement date\b`,
		)},
	{typ: "effective_date", keywords: []string{"effective", "commence"},
		patterns: clsRes(
			`\beffective\b[^;]{0,80}`+clsDateRe,
			clsDateRe+`[^;]{0,80}\b(the )?["“]?effective date\b`,
			`\b(shall|will) (become|be) effective\b`,
			`\beffective (as of|on|upon) (the )?(date|execution|signing)\b`,
			`\bcommenc\w*\b[^;]{0,40}\bon\b[^;]{0,20}`+clsDateRe,
		)},
	// Types with no CUAD counterpart.
	{typ: "indemnification", keywords: []string{"indemn", "hold harmless", "defend"},
		patterns: clsRes(`\bindemnif\w*|\bhold\b[^;]{0,40}\bharmless\b|\bdefend\b[^;]{0,80}\b(against|from)\b[^;]{0,60}\b(claims?|suits?|actions?)\b`)},
	{typ: "confidentiality", keywords: []string{"confidential", "non-disclosure", "nondisclosure", "proprietary information"},
		patterns: clsRes(`\bconfidential\w*\b[^;]{0,200}\b(not|disclos\w*|use|protect|hold|keep|maintain|secret)\b|\bnon-?disclosure\b`)},
	{typ: "data_protection", keywords: []string{"personal data", "personal information", "privacy", "data protection", "gdpr", "hipaa", "personally identifiable"},
		patterns: clsRes(`\b(personal (data|information)|privacy|data protection|gdpr|hipaa|personally identifiable)\b`)},
	{typ: "notices", keywords: []string{"notice", "notif"},
		patterns: clsRes(
			`\b(all )?(notices?|communications?)\b[^;]{0,160}\b(in writing|shall be (deemed )?(given|delivered|sent|made)|addressed to|sent (by|to|via)|certified mail|registered mail|overnight|courier|facsimile|e-?mail)\b`,
			`\bnotices? (shall|will|must) be\b`,
		)},
	{typ: "payment_terms", keywords: []string{"pay", "invoice", "fee"},
		patterns: clsRes(
			`\b(invoice[sd]?|payment|payable|paid)\b[^;]{0,160}\b(within|net|days|upon receipt|in advance|monthly|quarterly|due)\b`,
			`\b(shall|will|agrees? to) pay\b`,
			`\blate (payment|charge|fee)s?\b|\binterest\b[^;]{0,40}\b(per (month|annum)|overdue|past due|late)\b`,
		)},
	{typ: "termination", keywords: []string{"terminat"},
		patterns: clsRes(
			`\b(may|shall have the right to|is entitled to|can)\b[^.;]{0,60}\bterminat\w*\b`,
			`\b(upon|after|following|in the event of|effect of) (the )?(any )?(termination|expiration)\b`,
			`\bterminat\w*\b[^;]{0,160}\b(breach|default|insolv\w*|bankrupt\w*|notice)\b`,
		)},
	{typ: "force_majeure", keywords: []string{"force majeure", "act of god", "acts of god", "beyond its reasonable control", "beyond the reasonable control", "beyond their reasonable control", "beyond its control"},
		patterns: clsRes(`\bforce majeure\b|\bacts? of god\b|\bbeyond (its|the|their) (reasonable )?control\b`)},
	{typ: "dispute_resolution", keywords: []string{"arbitra", "jurisdiction", "venue", "dispute", "court", "mediat"},
		patterns: clsRes(
			`\barbitrat\w*`,
			`\b(exclusive |non-exclusive )?jurisdiction\b[^;]{0,120}\b(courts?|tribunal)\b|\bcourts?\b[^;]{0,160}\bjurisdiction\b`,
			`\bvenue\b`,
			`\bmediat(ion|e|or)\b`,
			`\bdisputes?\b[^;]{0,160}\b(resolv\w*|settle\w*|negotiat\w*|escalat\w*|referred|submitted)\b`,
		)},
	{typ: "warranty", keywords: []string{"warrant", "represent"},
		patterns: clsRes(`\b(represents?|warrants?|warranties|representations)\b[^;]{0,40}\b(and|that|as follows|to)\b`, `\bdisclaim\w*\b[^;]{0,80}\bwarrant`)},
	{typ: "definitions", keywords: []string{"mean", "defin", "shall have"},
		patterns: clsRes(
			`^\W{0,3}["“][^"”]{1,80}["”]\s*(shall )?(means?|has the meaning|shall have the meaning|includes?|refers? to)\b`,
			`\b(following|capitali[sz]ed) terms\b[^;]{0,80}\b(meanings?|defined)\b`,
			`\bas (used|defined) (herein|in this agreement)\b`,
		)},
	{typ: "entire_agreement", keywords: []string{"entire", "supersede", "whole agreement", "integrat"},
		patterns: clsRes(
			`\b(entire|whole|complete)\s(and\s\w+\s)?(agreement|understanding)\b`,
			`\bsupersedes?\b[^;]{0,120}\b(prior|previous|all other)\b`,
		)},
	{typ: "severability", keywords: []string{"invalid", "unenforceable", "illegal", "severab", "severed"},
		patterns: clsRes(
			`\b(invalid|unenforceable|illegal|void)\b[^;]{0,240}\b(remaining|remainder|other provisions|not (affect|impair)|sever\w*|continue in (full )?force)\b`,
			`\bseverab\w*|\bsevered\b`,
		)},
}

// clsDateRe matches a written date ("June 1, 2020", "1st June 2020", "the 1st day of
// June, 2020", "6/1/2020") in lower-cased text.
const clsDateRe = `(\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}(st|nd|rd|th)?\s+(day\s+of\s+)?(january|february|march|april|may|june|july|august|september|october|november|december),?\s+\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bday of [a-z]+,? \d{4}\b)`

var clsHeadingRules = []clsHeadingRule{
	{"governing_law", regexp.MustCompile(`\b(governing|applicable|choice of) law\b|\bgoverning jurisdiction\b|\blaw and jurisdiction\b`), nil},
	{"change_of_control", regexp.MustCompile(`\bchange (of|in) control\b`), nil},
	{"insurance", regexp.MustCompile(`\binsurance\b`), nil},
	{"audit_rights", regexp.MustCompile(`\baudit\w*\b|\binspections?\b|\bbooks and records\b|\brecords and audit`), nil},
	{"renewal", regexp.MustCompile(`\brenewals?\b`), nil},
	{"expiration", regexp.MustCompile(`^(initial )?term( of (this )?agreement)?$|^(the )?term and (termination|renewal)$|^duration( of (this )?agreement)?$|^(effective date and )?term$`), nil},
	{"liability_cap", regexp.MustCompile(`\blimitations? (of|on) liability\b|\blimitation of damages\b|\bliability cap\b`), nil},
	{"non_compete", regexp.MustCompile(`\bnon-?compet\w*|\bcovenant not to compete\b`), nil},
	{"non_solicit", regexp.MustCompile(`\bnon-?solicit\w*`), nil},
	{"exclusivity", regexp.MustCompile(`^exclusivity$`), nil},
	{"most_favored_nation", regexp.MustCompile(`\bmost favou?red\b`), nil},
	{"third_party_beneficiary", regexp.MustCompile(`\bthird[- ]party beneficiar`), nil},
	{"source_code_escrow", regexp.MustCompile(`\bescrow\b`), nil},
	{"non_disparagement", regexp.MustCompile(`\bdisparag`), nil},
	{"rofr_rofo_rofn", regexp.MustCompile(`\bright of first\b`), nil},
	{"indemnification", regexp.MustCompile(`\bindemni`), nil},
	{"confidentiality", regexp.MustCompile(`\bconfidential|\bnon-?disclosure\b`), nil},
	{"data_protection", regexp.MustCompile(`\b(data protection|privacy|personal data)\b`), nil},
	{"notices", regexp.MustCompile(`^notices?$|\bnotices? and\b`), nil},
	{"payment_terms", regexp.MustCompile(`\bpayment|\binvoic|\bfees\b`), nil},
	{"termination", regexp.MustCompile(`\bterminat`), nil},
	{"force_majeure", regexp.MustCompile(`\bforce majeure\b`), nil},
	{"dispute_resolution", regexp.MustCompile(`\barbitrat|\bdispute|\bjurisdiction\b|\bvenue\b`), nil},
	{"warranty", regexp.MustCompile(`\bwarrant|\brepresentations\b`), nil},
	{"definitions", regexp.MustCompile(`\bdefinitions?\b|\bdefined terms\b`), nil},
	{"entire_agreement", regexp.MustCompile(`\bentire agreement\b|\bintegration\b`), nil},
	{"severability", regexp.MustCompile(`\bseverab`), nil},
}

// clsSentence is one clsSentence of a clause: its span and lower-cased text.
type clsSentence struct {
	span  Span
	lower string
}

// classify sets each clause's Types from its text: every type whose rules match a
// clsSentence of the clause, or whose heading rule matches the clause heading, with
// the first triggering clsSentence as evidence.
func classify(doc *Document) {
	for i := range doc.Clauses {
		c := &doc.Clauses[i]
		c.Types = nil
		if c.Kind == KindTitle || c.Kind == KindSignature {
			continue
		}
		sents := clsClauseSentences(doc, c)
		if len(sents) == 0 || clsHeadingOnly(sents, c.Heading) {
			continue
		}
		found := make(map[ClauseType]Span)
		if h := strings.ToLower(strings.TrimSpace(c.Heading)); h != "" {
			h = strings.TrimRight(h, ".: ")
			for _, hr := range clsHeadingRules {
				if hr.re.MatchString(h) && (hr.not == nil || !hr.not.MatchString(h)) {
					found[hr.typ] = sents[0].span
				}
			}
		}
		for _, s := range sents {
			if strings.Contains(s.lower, "table of contents") {
				continue
			}
			for ri := range clsRules {
				r := &clsRules[ri]
				if _, ok := found[r.typ]; ok {
					continue
				}
				if r.matches(s.lower) {
					found[r.typ] = s.span
				}
			}
		}
		// A clause that cites the heading clsSentence as evidence but has a better,
		// later clsSentence keeps the first triggering one: headings come first.
		if len(found) == 0 {
			continue
		}
		c.Types = make([]TypeTag, 0, len(found))
		for _, t := range Taxonomy {
			if sp, ok := found[t.ID]; ok {
				c.Types = append(c.Types, TypeTag{Type: t.ID, Evidence: sp})
			}
		}
	}
}

// matches reports whether a lower-cased clsSentence triggers the rule.
func (r *clsRule) matches(s string) bool {
	hit := false
	for _, k := range r.keywords {
		if strings.Contains(s, k) {
			hit = true
			break
		}
	}
	if !hit {
		return false
	}
	hit = false
	for _, p := range r.patterns {
		if p.match(s) {
			hit = true
			break
		}
	}
	if !hit {
		return false
	}
	for _, n := range r.not {
		if n.match(s) {
			return false
		}
	}
	for _, q := range r.req {
		if !q.match(s) {
			return false
		}
	}
	return true
}

// clsClauseSentences splits a clause into sentences, block by block: a clsSentence never
// crosses a block boundary, so each span stays inside one block's text.
func clsClauseSentences(doc *Document, c *Clause) []clsSentence {
	var out []clsSentence
	s := c.Span
	if s.Start.Block < 0 || s.End.Block >= len(doc.Blocks) || s.Start.Block > s.End.Block {
		return nil
	}
	for b := s.Start.Block; b <= s.End.Block; b++ {
		t := doc.Blocks[b].Text
		from, to := 0, len(t)
		if b == s.Start.Block {
			from = clamp(s.Start.Offset, len(t))
		}
		if b == s.End.Block {
			to = clamp(s.End.Offset, len(t))
		}
		for _, r := range clsSplitSentences(t, from, to) {
			out = append(out, clsSentence{
				span:  Span{Start: Position{Block: b, Offset: r[0]}, End: Position{Block: b, Offset: r[1]}},
				lower: strings.ToLower(t[r[0]:r[1]]),
			})
		}
	}
	return out
}

// clsAbbrev end with a period without ending a clsSentence (lower-cased, without
// the final period).
var clsAbbrev = map[string]bool{
	"inc": true, "ltd": true, "co": true, "corp": true, "llc": true, "l.l.c": true, "plc": true,
	"no": true, "nos": true, "sec": true, "secs": true, "art": true, "para": true, "cl": true,
	"u.s": true, "u.s.a": true, "u.k": true, "e.g": true, "i.e": true, "etc": true, "viz": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "vs": true, "v": true, "jr": true, "sr": true,
	"s.a": true, "n.v": true, "b.v": true, "a.g": true, "g.m.b.h": true, "p.c": true, "l.p": true, "n.a": true,
	"approx": true, "dept": true, "fig": true, "ex": true, "exh": true, "sch": true, "ref": true, "p": true, "pp": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true,
}

// clsSplitSentences returns the [start, end) byte ranges of the sentences of
// t[from:to], trimmed of surrounding white space. A clsSentence ends at '.', '!' or
// '?' followed by white space and a capital, digit, quote or parenthesis, unless
// the word before is an abbreviation ("Inc.", "U.S.", "Sec.") or the clsSentence so far
// is only a number label ("5.2", "(a)", "IV").
func clsSplitSentences(t string, from, to int) [][2]int {
	var out [][2]int
	start := from
	emit := func(a, b int) {
		for a < b && clsSpace(t[a]) {
			a++
		}
		for b > a && clsSpace(t[b-1]) {
			b--
		}
		if a < b {
			out = append(out, [2]int{a, b})
		}
	}
	for i := from; i < to; i++ {
		ch := t[i]
		if ch != '.' && ch != '!' && ch != '?' {
			continue
		}
		// Closing quotes and brackets belong to the clsSentence they end.
		j := i + 1
		for j < to && (t[j] == '"' || t[j] == '\'' || t[j] == ')') {
			j++
		}
		if strings.HasPrefix(t[j:to], "”") || strings.HasPrefix(t[j:to], "’") {
			j += len("”")
		}
		if j >= to || !clsSpace(t[j]) {
			continue
		}
		k := j
		for k < to && clsSpace(t[k]) {
			k++
		}
		if k < to && !clsStartsSentence(t[k:to]) {
			continue
		}
		if ch == '.' {
			w := clsWordBefore(t, start, i)
			if clsAbbrev[strings.ToLower(w)] || len(w) == 1 && isLetter(w[0]) {
				continue
			}
			if clsIsLabel(strings.TrimSpace(t[start:i])) {
				continue
			}
		}
		emit(start, j)
		start = j
		i = j - 1
	}
	emit(start, to)
	return out
}

// clsStartsSentence reports whether s can begin a clsSentence.
func clsStartsSentence(s string) bool {
	c := s[0]
	switch {
	case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	case c == '"' || c == '(' || c == '[' || c == '\'':
		return true
	case strings.HasPrefix(s, "“") || strings.HasPrefix(s, "‘"):
		return true
	}
	return false
}

// clsWordBefore returns the word (letters, digits and inner periods) that ends at i.
func clsWordBefore(t string, lo, i int) string {
	j := i
	for j > lo && (isLetter(t[j-1]) || t[j-1] == '.' || t[j-1] >= '0' && t[j-1] <= '9') {
		j--
	}
	return t[j:i]
}

// clsIsLabel reports whether s is only a clause number: "5", "5.2", "(a)", "IV", "A".
func clsIsLabel(s string) bool {
	if s == "" {
		return true
	}
	if len(s) > 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '(' || c == ')' || c == ' ' ||
			strings.IndexByte("ivxlcIVXLCabcdefghABCDEFGH", c) >= 0) {
			return false
		}
	}
	// Short words made only of label letters ("Add") are not labels; labels have at
	// most one letter run of length <= 4 and Roman numerals.
	letters := 0
	for i := 0; i < len(s); i++ {
		if isLetter(s[i]) {
			letters++
		}
	}
	return letters <= 4
}

func clsSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// clsHeadingOnly reports whether a clause's sentences hold little more than its
// heading h (and a number label). Such a clause gets no type: the words that
// carry the type are in the clauses that follow.
func clsHeadingOnly(sents []clsSentence, h string) bool {
	if h == "" {
		return false
	}
	n := 0
	for _, s := range sents {
		n += len(s.lower)
	}
	return n <= len(h)+12
}
