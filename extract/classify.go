package extract

import (
	"fmt"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// A clsRule types a clause from one of its sentences. A sentence matches when it
// (lower-cased) contains one of the keywords, matches one of the patterns, matches
// none of the negative patterns and matches every req pattern. The keywords are a
// cheap prefilter so that most sentences never reach a regular expression.
type clsRule struct {
	typ      ClauseType
	keywords []string
	patterns []clsPattern
	not      []clsPattern
	// req, when set, must also match: a condition shared by all patterns.
	req []clsPattern
	// front limits the rule to the front matter: the preamble and whatever comes
	// before the first body clause.
	front bool
	ti    int     // index of typ in Taxonomy
	kw    []int32 // ids in clsAC of the keywords
}

// clsPattern is a pattern with the literals any match must contain, checked
// before the pattern runs: need is a list of groups, and a match holds at least
// one literal of every group.
type clsPattern struct {
	src   string // the pattern
	need  [][]string
	needs [][]int32 // need as ids in clsAC

	// date marks a pattern that holds clsDateRe: it can match only a sentence
	// that holds a date (clsSentence.hasDate).
	date bool

	// px answers whether src matches by sets of positions (prx); nil when it
	// holds a construct prx does not handle, and re answers.
	px *prx
	// c is src compiled by the regexp package, made on first use (rx) and only
	// when px is nil: compiling every pattern at package initialisation would
	// slow the start of every program that links this package, the PDF helper
	// process among them.
	c *clsCompiled
}

// A clsHeadingRule types a clause from its heading (lower-cased, number removed).
type clsHeadingRule struct {
	typ ClauseType
	not *regexp.Regexp // nil when no heading is excluded
	pat clsPattern     // the pattern, with its literals
	ti  int            // index of typ in Taxonomy
}

// clsRes parses a list of patterns at package initialisation, deriving the
// literals they need and start with; each is compiled on first use.
func clsRes(pats ...string) []clsPattern {
	out := make([]clsPattern, len(pats))
	for i, p := range pats {
		t, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			panic(fmt.Sprintf("extract: clause type pattern %q: %v", p, err))
		}
		out[i] = clsPattern{src: p, c: new(clsCompiled), date: strings.Contains(p, clsDateRe)}
		out[i].need = clsNeed(t.Simplify())
		out[i].px = prxCompile(t)
	}
	return out
}

// clsCompiled is a pattern compiled by the regexp package. Copies of a
// clsPattern share it.
type clsCompiled struct {
	once sync.Once
	re   *regexp.Regexp
}

// rx returns p compiled by the regexp package, compiling it on first use.
func (p *clsPattern) rx() *regexp.Regexp {
	c := p.c
	c.once.Do(func() { c.re = regexp.MustCompile(p.src) })
	return c.re
}

// clsHasAnchor reports whether t holds an assertion about the start or end of
// the text or of a line.
func clsHasAnchor(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	for _, sub := range t.Sub {
		if clsHasAnchor(sub) {
			return true
		}
	}
	return false
}

// clsLeadSet returns the strings that every match of t starts with: the
// strings of the longest leading run of t that matches only a few strings.
func clsLeadSet(t *syntax.Regexp) ([]string, bool) {
	if ex, ok := clsExact(t); ok {
		return ex, true
	}
	switch t.Op {
	case syntax.OpCapture:
		return clsLeadSet(t.Sub[0])
	case syntax.OpConcat:
		run := []string{""}
		for _, sub := range t.Sub {
			ex, ok := clsExact(sub)
			if !ok {
				if sl, ok := clsLeadSet(sub); ok {
					if p, ok := clsProduct(run, sl); ok {
						run = p
					}
				}
				break
			}
			p, ok := clsProduct(run, ex)
			if !ok {
				break
			}
			run = p
		}
		return run, true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range t.Sub {
			sl, ok := clsLeadSet(sub)
			if !ok {
				return nil, false
			}
			out = clsUnion(out, sl)
		}
		return out, len(out) <= clsMaxExact
	}
	return nil, false
}

// clsStartsAtBoundary reports whether every match of t starts with \b.
func clsStartsAtBoundary(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpCapture:
		return clsStartsAtBoundary(t.Sub[0])
	case syntax.OpConcat:
		return len(t.Sub) > 0 && clsStartsAtBoundary(t.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range t.Sub {
			if !clsStartsAtBoundary(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// clsBound bounds the length of a match: runes plus words times the longest run
// of word bytes plus spaces times the longest run of spaces in the text; inf
// when there is no bound.
type clsBound struct {
	runes, words, spaces int
	inf                  bool
}

func (b clsBound) add(c clsBound) clsBound {
	return clsBound{b.runes + c.runes, b.words + c.words, b.spaces + c.spaces, b.inf || c.inf}
}

func (b clsBound) times(n int) clsBound {
	return clsBound{b.runes * n, b.words * n, b.spaces * n, b.inf}
}

// clsMaxLen returns the bound on the length of a match of t.
func clsMaxLen(t *syntax.Regexp) clsBound {
	switch t.Op {
	case syntax.OpLiteral:
		return clsBound{runes: len(t.Rune)}
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return clsBound{runes: 1}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return clsBound{}
	case syntax.OpCapture, syntax.OpQuest:
		return clsMaxLen(t.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return clsRunBound(t.Sub[0])
	case syntax.OpRepeat:
		if t.Max < 0 {
			return clsRunBound(t.Sub[0])
		}
		return clsMaxLen(t.Sub[0]).times(t.Max)
	case syntax.OpConcat:
		var b clsBound
		for _, sub := range t.Sub {
			b = b.add(clsMaxLen(sub))
		}
		return b
	case syntax.OpAlternate:
		var b clsBound
		for _, sub := range t.Sub {
			c := clsMaxLen(sub)
			b = clsBound{max(b.runes, c.runes), max(b.words, c.words), max(b.spaces, c.spaces), b.inf || c.inf}
		}
		return b
	}
	return clsBound{inf: true}
}

// clsRunBound bounds an unbounded repetition of t: a run of word bytes or of
// spaces is no longer than the longest in the text.
func clsRunBound(t *syntax.Regexp) clsBound {
	if t.Op != syntax.OpCharClass || len(t.Rune) == 0 {
		return clsBound{inf: true}
	}
	words, spaces := true, true
	for i := 0; i+1 < len(t.Rune); i += 2 {
		for r := t.Rune[i]; r <= t.Rune[i+1]; r++ {
			if r >= 0x80 {
				return clsBound{inf: true}
			}
			words = words && clsWordByte(byte(r))
			spaces = spaces && clsSpaceByte(byte(r))
		}
	}
	switch {
	case words:
		return clsBound{words: 1}
	case spaces:
		return clsBound{spaces: 1}
	}
	return clsBound{inf: true}
}

// clsWordByte reports whether c is an ASCII word byte, as \b and \w see it.
func clsWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// clsSpaceByte reports whether c is a byte \s matches (or a vertical tab).
func clsSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// clsStats are the figures of a lower-cased sentence that bound a match.
type clsStats struct {
	words, spaces int // the longest runs of word bytes and of spaces
	nonASCII      int // bytes of 0x80 and above
}

// clsMeasure returns the longest run of word bytes, the longest run of space
// bytes and the number of non-ASCII bytes of s: what bounds a match's length.
func clsMeasure(s string) clsStats {
	var st clsStats
	w, sp := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case clsWordByte(c):
			w++
			st.words = max(st.words, w)
			sp = 0
		case clsSpaceByte(c):
			sp++
			st.spaces = max(st.spaces, sp)
			w = 0
		default:
			w, sp = 0, 0
			if c >= 0x80 {
				st.nonASCII++
			}
		}
	}
	return st
}

// clsMinNeed is the shortest literal worth checking before a regexp: shorter
// ones occur in nearly every sentence.
const clsMinNeed = 3

// clsNeed returns groups of literals such that every match of t contains at least
// one literal of each group; nil when none could be derived. Runs of a
// concatenation that match only a few strings ("(shall|will) (expire|end)") give
// those strings as one group; an alternation gives, for every way of picking one
// group from each branch, their union, so the groups hold exactly when one branch's
// groups all hold.
func clsNeed(t *syntax.Regexp) [][]string {
	if g := clsExactGroup(t); g != nil {
		return [][]string{g}
	}
	switch t.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return clsNeed(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return clsNeed(t.Sub[0])
		}
	case syntax.OpConcat:
		var all [][]string
		run := []string{""} // the strings the current run of exact subexpressions matches
		flush := func() {
			if g := clsGroup(run); g != nil {
				all = append(all, g)
			}
			run = []string{""}
		}
		for _, sub := range t.Sub {
			if ex, ok := clsExact(sub); ok {
				if p, ok := clsProduct(run, ex); ok {
					run = p
					continue
				}
				flush()
				run = ex
				continue
			}
			flush()
			all = append(all, clsNeed(sub)...)
		}
		flush()
		return all
	case syntax.OpAlternate:
		prod := [][]string{nil}
		for _, sub := range t.Sub {
			n := clsNeed(sub)
			if n == nil {
				return nil
			}
			if len(prod)*len(n) > clsMaxGroups {
				// Too many combinations: keep one group per branch.
				return [][]string{clsUnionBest(t.Sub)}
			}
			var next [][]string
			for _, p := range prod {
				for _, g := range n {
					next = append(next, clsUnion(p, g))
				}
			}
			prod = next
		}
		return prod
	}
	return nil
}

// clsMaxGroups bounds the groups an alternation yields; clsMaxExact bounds the
// strings of an exact set.
const (
	clsMaxGroups = 32
	clsMaxExact  = 64
)

// clsUnionBest returns the union of the most selective group of each branch.
func clsUnionBest(subs []*syntax.Regexp) []string {
	var group []string
	for _, sub := range subs {
		group = clsUnion(group, clsBestGroup(clsNeed(sub)))
	}
	return group
}

// clsUnion returns the literals of a and b, without repeats.
func clsUnion(a, b []string) []string {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// clsShorter orders strings by length.
func clsShorter(a, b string) int { return len(a) - len(b) }

// clsGroup returns the strings of an exact set as a group, or nil when one is
// too short to be worth checking.
func clsGroup(set []string) []string {
	for _, x := range set {
		if len(x) < clsMinNeed {
			return nil
		}
	}
	return set
}

// clsExactGroup returns the strings t matches as a group, or nil.
func clsExactGroup(t *syntax.Regexp) []string {
	if ex, ok := clsExact(t); ok {
		return clsGroup(ex)
	}
	return nil
}

// clsExact returns the set of strings t matches, when it is finite and small.
// Empty-width assertions match the empty string: the set then holds strings each
// match equals, a superset of what the assertions allow.
func clsExact(t *syntax.Regexp) ([]string, bool) {
	switch t.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(t.Rune)}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(t.Rune); i += 2 {
			for r := t.Rune[i]; r <= t.Rune[i+1]; r++ {
				if len(out) == 4 {
					return nil, false
				}
				out = append(out, string(r))
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture:
		return clsExact(t.Sub[0])
	case syntax.OpQuest:
		ex, ok := clsExact(t.Sub[0])
		if !ok || len(ex) >= clsMaxExact {
			return nil, false
		}
		return clsUnion(ex, []string{""}), true
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range t.Sub {
			ex, ok := clsExact(sub)
			if !ok {
				return nil, false
			}
			if out, ok = clsProduct(out, ex); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range t.Sub {
			ex, ok := clsExact(sub)
			if !ok {
				return nil, false
			}
			if out = clsUnion(out, ex); len(out) > clsMaxExact {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// clsProduct returns every string of a followed by one of b, or false when there
// would be more than clsMaxExact.
func clsProduct(a, b []string) ([]string, bool) {
	if len(a)*len(b) > clsMaxExact {
		return nil, false
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			if xy := x + y; !slices.Contains(out, xy) {
				out = append(out, xy)
			}
		}
	}
	return out, true
}

// clsBestGroup returns the group whose shortest literal is longest: the most
// selective one.
func clsBestGroup(groups [][]string) []string {
	var best []string
	bestLen := -1
	for _, g := range groups {
		m := len(g[0])
		for _, x := range g {
			m = min(m, len(x))
		}
		if m > bestLen {
			best, bestLen = g, m
		}
	}
	return best
}

// match reports whether the lower-cased sentence matches p; the pattern runs
// only when every needed literal group is present.
func (p *clsPattern) match(sn *clsSentence) bool {
	// clsAC folds ASCII letters only, and lower-casing also maps the Kelvin
	// sign and the dotted capital I to ASCII letters: in a sentence holding
	// one, the needed literals may be in the lower-cased text without clsAC
	// finding them in the raw text.
	if !sn.seen.has(clsKelvin) && !sn.seen.has(clsDotI) {
		for _, g := range p.needs {
			if !sn.seen.any(g) {
				return false
			}
		}
	}
	if p.date && !sn.hasDate() {
		return false
	}
	if p.px != nil {
		return sn.prxMatch(p.px)
	}
	return p.rx().MatchString(sn.text())
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
			// Bankruptcy ("an assignment for the benefit of creditors"), staffing
			// ("work assignments") and IP vesting ("shall be hereby assigned to").
			`\bassignments? for the (general )?benefit of (its |their )?creditors\b`,
			`\b(work|job|task|staff\w*|personnel) assignments?\b`,
			`\b(automatically|hereby|irrevocably) (be )?assign(ed|s)? to\b`,
		),
		req: clsRes(`\bassign|\btransfer\w*\b[^;]{0,80}\b(this agreement|this contract|its rights|their rights|(rights|interests?) (and|or) (obligations|duties)|rights (hereunder|under this)|any (of its |of their )?rights|(interest|rights) in this|(its|their|his|her) (entire )?interests? in (the|this))`)},
	// Change of control: a party's change of control, merger or sale of its
	// business gives the other party a right (termination, consent, notice).
	// Wording that only lets a party assign to its successor without consent is
	// an exception to the anti-assignment clause, not a change of control term.
	{typ: "change_of_control", keywords: []string{"change", "ownership"},
		patterns: clsRes(
			`\bchange (of|in) (the )?(ownership or )?control\b`,
			`\bchange (of|in) (the )?(majority )?(ownership|management|control)\b|\bownership change\b`,
		),
		not: clsRes(`^whereas\b`, `\b(material|adverse) change\b`, `\b(binding upon|inure to the benefit of|enure to the benefit of)\b`,
			`["“]?change (of|in) (the )?control( event)?["”]?,?\s*(with respect to [^;]{0,30})?(shall )?(means?|has the meaning|shall be deemed to have occurred)\b`,
			`\bshall not be (deemed|considered|treated as) an? (assignment|transfer)\b`, `\b(has|have) the meaning\b`),
		// A heading or a cross reference names a change of control; a term
		// about it has a verb.
		req: clsRes(`\b(shall|will|may|must|terminat\w*|consent|notif\w*|notice|deemed|in the event|upon|if|occurs?|undergo\w*)\b`)},
	// Outside anti-assignment sentences, a merger, an acquisition or a sale of
	// the business counts when it triggers termination, consent or notice.
	{typ: "change_of_control", keywords: []string{"merge", "substantially all", "acquisition", "acquire", "consolidation", "voting", "controlling interest"},
		patterns: clsRes(
			`\b(`+clsCoCEvent+`)\b[^;]{0,240}\b(terminat\w*|consent|notif\w*|notice)\b`,
			`\b(terminat\w*|consent|notif\w*|notice)\b[^;]{0,240}\b(`+clsCoCEvent+`)\b`,
			`\b(control|voting (power|securities|stock))\b[^;]{0,80}\b(is|are|be) (acquired|transferred|sold)\b`,
		),
		not: append(clsRes(`\bassign`), clsCoCNot...)},
	// In anti-assignment sentences it counts when it is deemed an assignment or
	// gives a termination right.
	{typ: "change_of_control", keywords: []string{"merge", "substantially all", "acquisition", "acquire", "consolidation", "voting", "controlling interest"},
		patterns: clsRes(
			`\b(`+clsCoCEvent+`)\b[^;]{0,160}\b(shall be|is|be|are) (deemed|considered|treated as)\b[^;]{0,30}\b(an? )?(assignment|transfer)`,
			`\b(assignment|transfer)\b[^;]{0,40}\b(shall be deemed to include|shall include|includes?|shall mean|means)\b[^;]{0,300}\b(merger|consolidation|controlling interest)\b`,
			`\b(`+clsCoCEvent+`)\b[^;]{0,240}\bterminat\w*\b`,
			`\bterminat\w*\b[^;]{0,240}\b(`+clsCoCEvent+`)\b`,
		),
		not: clsCoCNot},
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
			`\b(this (\w+ ){0,2}|the )(agreement|contract|venture|term)\b[^;]{0,120}\b(shall|will) (terminate|expire|end)\b[^;]{0,20}\b(on|at (the )?(end|close|expiration|expiry|midnight|\d)|upon the (earlier|later|expiration|end)|as of)\b`,
			`\b(this (\w+ ){0,2}|the )(agreement|contract|term)\b[^;]{0,100}\b(continue|remain valid|be valid|is valid|be effective|remain effective|remain in (full )?(force|effect)|be in (full )?(force|effect))\b[^;]{0,30}\b(until|through|for (a (period|term) of )?(\w+ )?(\(\d+\) )?(years?|months?))\b`,
			`\b(term|period|duration)\b[^;]{0,80}\b(from|commencing|beginning)\b[^;]{0,60}\b(through|until|to|and ending|and concluding|ending)\b[^;]{0,30}\d{4}\b`,
			`\b(the|this|initial|effective) (term|duration)\b[^;]{0,40}\b(is|shall be|will be)\b[^;]{0,20}\b(\(\d+\)|one|two|three|four|five|six|seven|ten|twelve|\d+) (calendar )?(years?|months?)\b`,
			`\binitial (term|period)\b( of (this (\w+ ){0,3}|the )(agreement|contract))?( \(the ["“]initial (term|period)["”]\))?,? (shall|will|is|commences|begins|expires|ends|runs|continues)\b`,
			`\b(for|during) an? initial (term|period) of\b|\(\s?(the|an|the said) ["“]initial (term|period)["”]\s?\)`,
			`\(\s?(the|this) ["“](term|agreement term|contract term|contract period)["”]\s?\)`,
			// A term sheet: "Term: ...", "Termination Date: December 31, 2023".
			`^(\W*[\divx]{1,4}\W*)?(the )?(termination|expiration|expiry|end) date\s?:\s?[^;]{0,30}\d{4}\b`,
			`\b(the )?term of (this (\w+ ){0,3}|the )(agreement|contract|licen[cs]e|\w+)\b[^;]{0,140}\b(shall|will) (commence|begin|be|continue|expire|end|run|remain|last|extend)\b`,
			`\b(the )?term of (this|the) (agreement|contract|license|\w+) (is|commences|begins|expires|ends|runs|shall be|will be)\b`,
			`\b(this|the) (agreement|contract|venture|joint venture|amendment)\b[^;]{0,80}\b(shall|will) (commence|begin|become effective|be effective|enter into force)\b[^;]{0,200}\b(until|through|have an? (initial )?term|for a (term|period) of)\b`,
			`\b(agreement|contract|term)\b[^;]{0,40}\b(shall|will) (continue|remain in (full )?(force|effect)|be in (full )?(force|effect)|endure) (indefinitely|in perpetuity|perpetually)\b`,
			`\b(is|shall be|will be) for an? (initial )?(term|period)\b[^;]{0,40}\b(years?|months?|from|until|through|ending|expiring)\b|\b(shall|will) have an? (initial )?(term|duration) of\b`,
			`^(\W*[\divx]{1,4}\W*)?(the )?(initial )?term\s?:\s`,
			`\b(this (\w+ ){0,2}|the )(agreement|contract)\b[^;]{0,40}\b(shall|will) (commence|begin|become effective|take effect|be effective)\b[^;]{0,160}\b(and|shall|will) (continue|remain|expire|end|terminate)\b`,
			`\b(this|the) (agreement|contract|term)\b[^;]{0,80}\b(shall|will) (continue|remain) in (full )?(force|effect)\b[^;]{0,60}\b(until|for|through)\b`,
			`\b(this|the) (agreement|contract|term)\b[^;]{0,60}\b(shall|will) (expire|end)\b[^;]{0,80}\b(on|upon|at|after|years?|months?|anniversary|date)\b`,
			`\b(this agreement|the term)\b[^;]{0,60}\b(expiration|expiry) date\b|\b(expiration|expiry) date\b[^;]{0,30}\b(of|for) (this|the) (agreement|term)\b`,
			`\bin (full )?(force|effect) for a (period|term) of\b`,
			`\b(this agreement|the term|this contract)\b[^;]{0,100}\bfor a (period|term) of [^;]{0,30}\b(years?|months?)\b[^;]{0,60}\b(from|after|following|commencing|beginning)\b[^;]{0,40}\b(effective date|date (of|hereof)|execution)`,
			`\bperpetual (term|duration)\b|\b(term of this agreement|this agreement|the term)\b[^;]{0,40}\b(is|shall be|will be|remain\w*|continue\w*)\b[^;]{0,30}\bperpetu`,
		),
		not: clsRes(`\b(payment|warranty|license|lease|confidentiality) term\b`, `^\W*(\w\.|\(\w+\))?\s*(during|throughout) the (initial )?term\b`,
			`\buntil (revoked|fulfilled|paid|satisfied|all)\b`)},
	// A definition of the term counts when it states the period, not when it
	// only points to the clause that does.
	{typ: "expiration", keywords: []string{"means"},
		patterns: clsRes(`["“](term|contract period|initial term|expiration date|termination date)["”]\s(shall )?means\b`),
		not:      clsRes(`\bmeans?\b[^;]{0,60}\b(meaning|defined|set forth|specified|described|determined|provided) (in|under|by|pursuant to|in accordance with) (section|article|clause|paragraph|schedule|exhibit)\b`, `\bmeans?\b[^;]{0,30}\bpursuant to (section|article|clause|paragraph)\b`)},
	// A renewal the parties may only agree on later is no renewal term (CUAD:
	// "automatic extensions and unilateral extensions with prior notice").
	{typ: "renewal", keywords: []string{"renew", "extend", "extension", "successive", "continue", "year to year", "month to month", "successor"},
		patterns: clsRes(
			`\b(renew\w*|extend\w*|extension)\b[^;]{0,120}\b(successive|additional|further|consecutive|subsequent)\b[^;]{0,60}\b(periods?|terms?|years?|months?)\b`,
			`\(\s?(each,? )?(a |the |such )?["“]?renewal (term|period)`,
			`\b(option|right|opportunity) to (renew|extend)\b|\bnon-?renewal\b|\bsuccessor (franchise|term)\b`,
			`\b(renew|extend) (this|the) (agreement|term|franchise|licen[sc]e|contract)\b`,
			`\b(continue|remain in (full )?(force|effect))\b[^;]{0,80}\b(successive|year[- ]to[- ]year|month[- ]to[- ]month|from year to year)\b`,
		),
		not: append(clsRes(
			`\b(by |upon |with the |subject to )(the )?mutual (written )?(agreement|consent)\b|\bmutually (agree\w*|acceptable)\b|\b(parties|party) (may |shall |can )?(mutually )?agree (in writing )?to (extend|renew)\b|\b(negotiate|discuss)\w*\b[^;]{0,60}\b(renew\w*|extend\w*|extension)\b`,
			`\b(termination|expiration|expiry|cancellation|lapse|suspension),? (\w+, )*(or |and )?non-?renewal\b`,
			`\b(nothing|in no event|no right)\b[^;]{0,80}\b(extend|renew)`),
			clsRenewalNot...)},
	// Automatic renewal wins over the exclusions above: "shall renew
	// automatically ... unless the parties agree otherwise".
	{typ: "renewal", keywords: []string{"automatic", "auto", "tacit", "thereafter"},
		patterns: clsRes(
			`\b(automatic\w*|auto-?|tacit\w*)\s?(\w+ )?(be )?(renew|extend|continu)`,
			`\b(renew\w*|extend\w*|extension)\b[^;]{0,20}\b(automatic\w*|tacit\w*)`,
			`\bthereafter\b[^;]{0,60}\buntil terminated\b`,
			`\bthereafter\b[^;]{0,80}\b(successive|year[- ]to[- ]year|month[- ]to[- ]month|from year to year)\b`,
		),
		not: clsRenewalNot},
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
	{typ: "liability_cap", keywords: []string{"liab", "damages", "exceed", "limitation", "exclusion", "remedies", "remedy"},
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
			// "Neither A nor B shall have any liability ... for special damages",
			// "liability for indirect loss ... is excluded".
			`\b(no|not|neither|nor|never)\b[^;]{0,200}\bliab\w*\b[^;]{0,160}\b(indirect|consequential|special|incidental|punitive|exemplary|other than direct)\b`,
			`\bliab\w*\b[^;]{0,40}\b(indirect|consequential|incidental|special)\b[^;]{0,160}\b(is|are|shall be|will be) excluded\b`,
			`\bremed(y|ies)\b[^;]{0,80}\b(shall be|is|are|will be) limited to\b`,
			`\bnot be (required|obligated|liable) to (pay|contribute)\b[^;]{0,40}\bamount in excess of\b`,
			clsUncappedCarveOut,
			clsLimitsDoNotApply,
			`\bsubject to the (\w+ )?(limitations?|exclusions?|caps?) (of|on) (liability|damages)\b`,
		),
		not: clsRes(`\bbeyond (its|the|their|such party's) (reasonable )?control\b|\bforce majeure\b`, `\b(polic(y|ies)|insurance|insured)\b`)},
	{typ: "uncapped_liability", keywords: []string{"liab", "limitation", "exclusion"},
		patterns: clsRes(
			`\b(limitation|exclusion|limit|cap)s?\b[^;]{0,160}\b(shall|will) not apply\b`,
			// "The limitations in Section 11.1 do not apply to ...".
			clsLimitsDoNotApply,
			`\b(shall|will) not (apply to|limit)\b[^;]{0,160}\b(indemnif\w*|confidential\w*|gross negligence|willful|wilful|fraud|infringe\w*|bodily injury|death)`,
			`\bexcept (for|with respect to|in the case of)\b[^;]{0,160}\b(indemnif\w*|gross negligence|willful|wilful|fraud|breach of (section|article|its confidentiality)|confidential\w*)\b[^;]{0,200}\bliab`,
			`\bunlimited liability\b`,
			clsUncappedCarveOut,
		)},
	{typ: "insurance", keywords: []string{"insur"},
		patterns: clsRes(
			`\b(maintain|carry|obtain|procure|keep|purchase|provide|secure)\b[^;]{0,160}\binsurance\b`,
			`\binsurance\b[^;]{0,200}\b(maintain\w*|carr\w*|polic(y|ies)|coverage|insured|insurer|in an amount|limits? of|certificate)`,
			`\b(additional|named) insureds?\b`,
		),
		not: clsRes(`\binsurance (company|companies|industry|products?|agents?|business)\b[^;]{0,30}$`,
			// Insurance as a cost item or a benefit is no duty to insure.
			`\binsurance (costs?|premiums?|expenses?|centers?)\b|\bcosts? of insurance\b|\b(unemployment|health|life) insurance\b`,
			`\bpurchase orders?\b[^;]{0,160}\binsurance\b`)},
	{typ: "audit_rights", keywords: []string{"audit", "inspect", "examin", "books", "records"},
		patterns: clsRes(
			`\baudit\w*\b[^;]{0,200}\b(books|records|accounts|facilit\w*|premises|compliance|right|may|shall be entitled|have the right|permit|allow|during normal business hours|reasonable notice)`,
			`\b(right|entitled|permit|allow|access)\b[^;]{0,120}\b(inspect\w*|examin\w*|audit\w*|review|cop(y|ies))\b[^;]{0,120}\b(books|records|accounts|facilit\w*|premises|plants?|operations)\b`,
			`\b(books|records|accounts)\b[^;]{0,200}\b(inspect\w*|examin\w*|audit\w*)\b`,
			// A right to inspect sites or operations, not goods on delivery nor a
			// field of business that lists "inspection".
			`\b(right|entitled|permit\w*|allows?|may|access)\b[^;]{0,80}\b(inspect\w*|examin\w*)\b[^;]{0,80}\b(facilit\w*|premises|plants?|manufacturing|operations|sites?)\b`,
			`\b(right|entitled|permit\w*|allows?|may|request\w*)\b[^;]{0,60}\b(to )?(conduct an? |perform an? |an? )?(independent )?audit\b`,
			`\b(records|books|accounts|information|documents|data|reports)\b[^;]{0,120}\b(available|open|subject)\b[^;]{0,40}\b(for|to) (\w+ )?(inspection|examination|audit\w*|review|copying)\b`,
			`\b(shall|will|to) be audited by\b`,
		),
		not: clsRes(`\baudited (financial|consolidated|balance)\b`, `\b(independent|certified) (public )?accountants?['’]? (report|opinion)\b`,
			`\baudit referred to in (their|its) (report|opinion)\b`)},
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
		),
		// CUAD's category asks whether a non-party may enforce the contract:
		// "no third-party beneficiaries" is the usual boilerplate for "no".
		not: clsRes(`\b(no|not|nothing|neither|nor|none)\b[^;]{0,120}\bbeneficiar`, `^[^;]{0,80}\bbeneficiar\w*\W*$`)},
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
	{typ: "non_disparagement", keywords: []string{"disparag", "derogatory", "defam", "reputation", "disrepute"},
		patterns: clsRes(
			`\b(not|no|refrain\w*|never|neither|nor|avoid\w*)\b[^;]{0,160}\b(disparag\w*|derogatory|defam\w*)`, `\bnon-?disparag\w*`,
			`\b(not|no|refrain\w*|never|nor|avoid\w*)\b[^;]{0,160}\b(harmful|injurious|detrimental|damag\w*|adversely affect\w*|tarnish\w*|jeopardi[sz]\w*|disrepute)\b[^;]{0,80}\breputation`,
			`\b(bring|brings|brought) (\w+ ){0,6}into disrepute\b`,
		),
		not: clsRes(`\b(libel|slander|invasion of privacy|infring\w*|indemnif\w*)\b`,
			`\b(represents?|warrants?)\b[^;]{0,200}\bdefamatory\b`, `\b(content|materials?|advertising)\b[^;]{0,80}\b(defamatory|obscene)\b`)},
	{typ: "parties", front: true, keywords: []string{"between", "by and", "among", "party", "parties"},
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
	// Confidentiality: a duty about confidential information (keep, use,
	// disclose, return or destroy it), the survival of such duties, and duties
	// measured from the date of disclosure or owed by the receiving party.
	{typ: "confidentiality", keywords: []string{"confidential", "non-disclosure", "nondisclosure", "proprietary information", "in confidence", "disclosure", "recipient's obligations", "recipient’s obligations", "receiving party"},
		patterns: clsRes(
			`\bconfidential\w*\b[^;]{0,200}\b(not|disclos\w*|use|protect|hold|keep|maintain|secret|surviv\w*)\b|\bnon-?disclosure\b`,
			`\b(disclos\w*|divulge|reveal|return|destroy|delete|erase|safeguard|protect|keep|hold|maintain|treat)\b[^;]{0,60}\b(confidential information|proprietary information)\b`,
			`\b(keep|kept|hold|held|maintain|maintained|treat|treated)\b[^;]{0,80}\bin (strict(est)? )?confidence\b`,
			`\bsurviv\w*\b[^;]{0,120}\b(after|following|from) (the )?(date of )?(its |such |each |the )?(first |initial )?disclosure\b`,
			`\b(recipient|receiving party)['’]s (confidentiality |non-?disclosure )?obligations\b`,
		)},
	// Data protection: personal data, and the vocabulary of data protection law
	// (processors and sub-processors, technical and organisational measures).
	{typ: "data_protection", keywords: []string{"personal data", "personal information", "privacy", "data protection", "gdpr", "hipaa", "personally identifiable", "processor", "organisational measures", "organizational measures", "data subject", "supervisory authorit", "standard contractual clauses", "appropriate to the risk"},
		patterns: clsRes(`\b(personal (data|information)|privacy|data protection|gdpr|hipaa|personally identifiable)\b`,
			`\bsub-?processors?\b|\btechnical and organi[sz]ational (security )?measures\b|\bdata subjects?\b|\bsupervisory authorit(y|ies)\b|\bstandard contractual clauses\b|\bsecurity appropriate to the risk\b`,
			`\b(data )?processors?\b[^;]{0,80}\bprocess(es|ing)? ([a-z]+ ){0,2}data\b|\b(data )?controllers?\b[^;]{0,40}\b(instructions?|on behalf of)\b`,
		)},
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

// clsUncappedCarveOut is the carve-out from a limitation of liability:
// "Nothing in this Agreement limits liability for death or personal injury ...".
const clsUncappedCarveOut = `\b(nothing|no provision)\b[^;]{0,100}\b(limits?|limiting|excludes?|excluding|restricts?|restricting|limit or exclude|exclude or limit)\b[^;]{0,60}\bliab\w*\b[^;]{0,160}\b(death|personal injury|bodily injury|fraud\w*|gross negligence|wil+ful)`

// clsLimitsDoNotApply is a carve-out in the present tense: the limitations of
// liability, or those of a section, or the foregoing ones, "do not apply".
const clsLimitsDoNotApply = `\b(limitations?|exclusions?|caps?)( (of|on) (liability|damages))?( (in|of|under|set forth in) (this )?(section|article|clause|paragraph)( [\d.()a-z]+)?| (above|herein))?,? (do|does) not apply\b|\b(foregoing|above|preceding|such|these) (limitations?|exclusions?)\b[^;]{0,40}\b(do|does) not apply\b`

// clsRenewalNot excludes renewals of something other than the contract.
var clsRenewalNot = clsRes(`\brenew\w* (its|their|such) (insurance|polic|registration|licen[sc]e|permit)`,
	`\b(means|shall mean|has the meaning|have the meaning|shall have the meaning)\b`,
	`\bwarranty\b|\binsur\w*|\binfring\w*|^whereas\b`)

// clsCoCEvent is a merger, an acquisition or a sale of a business.
const clsCoCEvent = `merger|merges|merged|transfers? (of )?(its |the )?ownership|consolidation|substantially all|acquisition of (all|substantially|a majority|control|more than)|controlling interest|(is|be|are|becomes?) acquired by|acquires? (\W?control|substantially all|all or substantially|a majority|more than (fifty|50))`

// clsCoCNot excludes sentences where a merger or a change of control only
// permits an assignment (to a successor, without consent) or binds successors.
var clsCoCNot = clsRes(
	`^whereas\b`, `\b(material adverse|adverse) change\b`,
	`\b(may|can|shall be entitled to|shall have the right to|is permitted to|right to)\b[^;]{0,80}\b(assign|transfer)\w*\b[^;]{0,200}\b(without|no)\b[^;]{0,40}\b(consent|approval)\b`,
	`\b(without|no|not require( the)?)( such| any| the| prior| written| other party's)* (consent|approval)\b[^;]{0,200}\b(merger|substantially all|acquisition|reorgani[sz]ation|consolidation|successor|change (of|in) control)`,
	`\b(no|without( such| any| the| prior| written)*) (consent|approval)\b[^;]{0,40}\b(is |shall be |will be )?(required|necessary|needed)\b`,
	`\bexcept\b[^;]{0,40}\b(assign|transfer)\w*\b[^;]{0,160}\b(merger|substantially all|acquisition|reorgani[sz]ation|consolidation|successor)`,
	`\bsuccessors?\b[^;]{0,100}\b(by|through|as a result of|resulting from|in connection with)\b[^;]{0,30}\b(merger|consolidation|amalgamation)\b[^;]{0,120}$`,
	`\b(binding upon|inure to the benefit of|enure to the benefit of)\b`,
	`\b(mergers?|acquisitions?) (and|or) acquisitions?\b`, `\bthe merger agreement\b`,
	`\bbenefit of (its |their |his )?creditors\b`,
	`\bceases? substantially all\b`, `\bshares\b[^;]{0,40}\bacquired by\b`,
)

// clsDateRe matches a written date ("June 1, 2020", "1st June 2020", "the 1st day of
// June, 2020", "6/1/2020") in lower-cased text.
const clsDateRe = `(\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}(st|nd|rd|th)?\s+(day\s+of\s+)?(january|february|march|april|may|june|july|august|september|october|november|december),?\s+\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bday of [a-z]+,? \d{4}\b)`

// A clsLeadRule types a list item from its own words and the lead-in sentence
// of its parent ("Licensor may terminate this Agreement upon notice if: ... (b)
// Licensee is acquired by a third party"). The item matches rule and the lead-in,
// which ends with a colon or announces "the following", matches lead. The parent
// gets the type too, with the lead-in as evidence: the term spans both.
type clsLeadRule struct {
	rule clsRule
	lead clsPattern
}

var clsLeadRules = []clsLeadRule{
	{rule: clsRule{typ: "change_of_control", keywords: []string{"merge", "substantially all", "acquisition", "acquire", "consolidation", "control", "ownership"},
		patterns: clsRes(`\b(` + clsCoCEvent + `|change (of|in) (the )?(\w+ )?(ownership|control|management)|(ownership|control) (of|over|in) \w+ (is|are) (\w+ )?(transferred|sold|acquired|changed))\b`),
		not:      clsCoCNot},
		lead: clsRes(`\b(may|shall|will|right)\b[^;]{0,200}\b(terminat\w*|consent|notif\w*|notice)\b`)[0]},
}

var clsHeadingRules = []clsHeadingRule{
	clsHead("governing_law", `\b(governing|applicable|choice of) law\b|\bgoverning jurisdiction\b|\blaw and jurisdiction\b`),
	clsHead("change_of_control", `\bchange (of|in) control\b`),
	clsHead("insurance", `\binsurance\b`),
	clsHead("audit_rights", `\baudit\w*\b|\binspections?\b|\bbooks and records\b|\brecords and audit`),
	clsHead("renewal", `\brenewals?\b`),
	clsHead("expiration", `^(initial )?term( of (this )?agreement)?$|^(the )?term and (termination|renewal)$|^duration( of (this )?agreement)?$|^(effective date and )?term$`),
	clsHead("liability_cap", `\blimitations? (of|on) liability\b|\blimitation of damages\b|\bliability cap\b`),
	clsHead("non_compete", `\bnon-?compet\w*|\bcovenant not to compete\b`),
	clsHead("non_solicit", `\bnon-?solicit\w*`),
	clsHead("exclusivity", `^exclusivity$`),
	clsHead("most_favored_nation", `\bmost favou?red\b`),
	{"third_party_beneficiary", regexp.MustCompile(`\bno\b`), clsRes(`\bthird[- ]party beneficiar`)[0], 0},
	clsHead("source_code_escrow", `\bescrow\b`),
	clsHead("non_disparagement", `\bdisparag`),
	clsHead("rofr_rofo_rofn", `\bright of first\b`),
	clsHead("indemnification", `\bindemni`),
	clsHead("confidentiality", `\bconfidential|\bnon-?disclosure\b`),
	clsHead("data_protection", `\b(data protection|privacy|personal data)\b`),
	clsHead("notices", `^notices?$|\bnotices? and\b`),
	clsHead("payment_terms", `\bpayment|\binvoic|\bfees\b`),
	clsHead("termination", `\bterminat`),
	clsHead("force_majeure", `\bforce majeure\b`),
	clsHead("dispute_resolution", `\barbitrat|\bdispute|\bjurisdiction\b|\bvenue\b`),
	clsHead("warranty", `\bwarrant|\brepresentations\b`),
	clsHead("definitions", `\bdefinitions?\b|\bdefined terms\b`),
	clsHead("entire_agreement", `\bentire agreement\b|\bintegration\b`),
	clsHead("severability", `\bseverab`),
}

// clsHead compiles a heading rule.
func clsHead(typ ClauseType, pat string) clsHeadingRule {
	return clsHeadingRule{typ: typ, pat: clsRes(pat)[0]}
}

// clsSentence is one sentence of a clause: its span, its text, the literals of
// clsAC it contains and, once a regexp needs it, its lower-cased text.
type clsSentence struct {
	span  Span
	raw   string
	lower string
	seen  clsSet
	rules uint64 // clsRules whose keywords occur, bit i for clsRules[i]
	date  int8   // whether the sentence holds a clsDateRe date: 1 yes, -1 no, 0 not yet known
	// sc, when set, is shared by the sentences of a classify call.
	sc *clsScratch
	mm *clsMemo // the memo of the text, in classify
}

// prxMatch reports whether px matches the lower-cased sentence, on the
// prxRun the sentences of a classify call share, or else (a sentence made
// outside one) on one from prx's pool.
func (sn *clsSentence) prxMatch(px *prx) bool {
	s := sn.text()
	if sn.sc == nil {
		return px.match(s)
	}
	if !sn.sc.px.holds(s) {
		sn.sc.px.reset(s)
	}
	return px.run(&sn.sc.px)
}

// clsDateOnly is clsDateRe alone: a pattern that holds it matches only a
// sentence where it matches.
var clsDateOnly = clsRes(clsDateRe)[0].px

// hasDate reports whether the lower-cased sentence holds a date clsDateRe
// matches, finding out on first use. Every date clsDateRe matches holds four
// digits in a row or a digit, a slash and a digit, so most sentences are
// answered without the regexp.
func (sn *clsSentence) hasDate() bool {
	if sn.date == 0 {
		sn.date = -1
		if clsDateDigits(sn.raw) && sn.prxMatch(clsDateOnly) {
			sn.date = 1
		}
	}
	return sn.date > 0
}

// clsDateDigits reports whether s holds four ASCII digits in a row or a digit,
// a slash and a digit: a cheap test that every clsDateRe match passes.
func clsDateDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' {
			if run++; run >= 4 {
				return true
			}
			continue
		}
		run = 0
		if c == '/' && i > 0 && i+1 < len(s) && '0' <= s[i-1] && s[i-1] <= '9' && '0' <= s[i+1] && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

// text returns the lower-cased sentence, computing it on first use.
func (sn *clsSentence) text() string {
	if sn.lower == "" && sn.raw != "" {
		if sn.sc != nil {
			sn.lower = sn.sc.toLower(sn.raw)
		} else {
			sn.lower = strings.ToLower(sn.raw)
		}
	}
	return sn.lower
}

// clsScratch is what the sentences of one classify call share: the prxRun of
// the sentence being matched, a buffer of lower-cased texts and the lanes of
// scanAll. classify takes one from clsScratches and gives it back.
type clsScratch struct {
	px    prxRun
	lower []byte // written only past its length during a call: the texts made stay as they are
	lanes [4][]clsPiece
}

// A clsPiece is a stretch of a sentence for scanAll.
type clsPiece struct {
	s  string
	sn *clsSentence
}

var clsScratches = sync.Pool{New: func() any { return new(clsScratch) }}

// toLower returns strings.ToLower(s), made in the scratch buffer when s is
// ASCII instead of in a string of its own.
func (sc *clsScratch) toLower(s string) string {
	if s == "" {
		return ""
	}
	if cap(sc.lower)-len(sc.lower) < len(s) {
		sc.lower = make([]byte, 0, max(64<<10, 2*len(s)))
	}
	start := len(sc.lower)
	b := sc.lower[start : start+len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	sc.lower = sc.lower[:start+len(s)]
	return unsafe.String(&b[0], len(b))
}

// clsSet is a set of literal ids of clsAC().
type clsSet []uint64

func (s clsSet) has(id int32) bool { return s[id>>6]&(1<<(uint(id)&63)) != 0 }

// any reports whether s holds one of ids.
func (s clsSet) any(ids []int32) bool {
	for _, id := range ids {
		if s[id>>6]&(1<<(uint(id)&63)) != 0 {
			return true
		}
	}
	return false
}

// clsAutomaton finds, in one pass over a text, every literal that the rules
// need: an Aho-Corasick automaton over bytes, ASCII letters folded to lower case,
// with its transitions computed for every state and byte class.
type clsAutomaton struct {
	class   [256]uint8 // byte -> byte class; 0 for bytes in no literal
	classes int
	// next[state*classes+class] is the next state, with the top bit set when
	// literals end there. Sixteen bits halve the table that four-byte entries
	// would make, and it is read at every byte.
	next   []uint16
	out    [][]int32 // literal ids that end at each state, by state
	rules  []uint64  // by state: the clsRules (bit i for clsRules[i]) with a keyword ending there
	lits   map[string]int32
	maxLen int // length of the longest literal
}

// clsFlag marks a state of clsAutomaton.next where literals end.
const clsFlag = 1 << 15

// clsAC returns the automaton of every literal of clsRules and
// clsHeadingRules, built on first use (it also gives the rules their literal
// ids) and only read afterwards, so it is safe for concurrent use.
var clsAC = sync.OnceValue(clsBuild)

// id returns the id of literal s, adding it to the trie under construction.
func (a *clsAutomaton) id(s string, trie *[]map[byte]int32) int32 {
	if id, ok := a.lits[s]; ok {
		return id
	}
	id := int32(len(a.lits))
	a.lits[s] = id
	st := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		nx, ok := (*trie)[st][c]
		if !ok {
			nx = int32(len(*trie))
			*trie = append(*trie, map[byte]int32{})
			a.out = append(a.out, nil)
			(*trie)[st][c] = nx
		}
		st = nx
	}
	a.out[st] = append(a.out[st], id)
	return id
}

// clsBuild assigns literal ids to the keywords and needed literals of every rule
// and builds the automaton that finds them.
func clsBuild() *clsAutomaton {
	a := &clsAutomaton{lits: map[string]int32{}}
	trie := []map[byte]int32{{}}
	a.out = [][]int32{nil}
	ids := func(lits []string) []int32 {
		out := make([]int32, len(lits))
		for i, l := range lits {
			out[i] = a.id(l, &trie)
		}
		return out
	}
	pat := func(p *clsPattern) {
		p.needs = nil
		// The groups least likely to be present first, so that a sentence
		// without one is turned away after fewer checks: by their shortest
		// literal, longest first, then by their size.
		groups := slices.Clone(p.need)
		slices.SortStableFunc(groups, func(x, y []string) int {
			mx, my := len(slices.MinFunc(x, clsShorter)), len(slices.MinFunc(y, clsShorter))
			if mx != my {
				return my - mx
			}
			return len(x) - len(y)
		})
		for _, g := range groups {
			p.needs = append(p.needs, ids(g))
		}
	}
	pats := func(ps []clsPattern) {
		for i := range ps {
			pat(&ps[i])
		}
	}
	for i := range clsRules {
		r := &clsRules[i]
		r.kw = ids(r.keywords)
		r.ti = clsTypeIndex(r.typ)
		pats(r.patterns)
		pats(r.not)
		pats(r.req)
	}
	for i := range clsLeadRules {
		r := &clsLeadRules[i].rule
		r.kw = ids(r.keywords)
		r.ti = clsTypeIndex(r.typ)
		pats(r.patterns)
		pats(r.not)
		pat(&clsLeadRules[i].lead)
	}
	for i := range clsHeadingRules {
		clsHeadingRules[i].ti = clsTypeIndex(clsHeadingRules[i].typ)
		pat(&clsHeadingRules[i].pat)
	}
	clsTOC = a.id("table of contents", &trie)
	clsKelvin, clsDotI = a.id("\u212a", &trie), a.id("\u0130", &trie)
	// Byte classes: one per byte used in a literal, upper-case letters with their
	// lower-case forms.
	var used [256]bool
	for l := range a.lits {
		a.maxLen = max(a.maxLen, len(l))
		for i := 0; i < len(l); i++ {
			used[l[i]] = true
		}
	}
	a.classes = 1
	for c := 0; c < 256; c++ {
		if used[c] {
			a.class[c] = uint8(a.classes)
			a.classes++
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		a.class[c] = a.class[c+'a'-'A']
	}
	// Breadth-first: failure links, merged outputs and full transitions.
	n := len(trie)
	if n >= clsFlag {
		panic("extract: classify automaton has too many states")
	}
	trans := make([]int32, n*a.classes)
	fail := make([]int32, n)
	queue := []int32{0}
	var order []int32 // the states in breadth-first order
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		order = append(order, st)
		if st != 0 {
			a.out[st] = append(a.out[st], a.out[fail[st]]...)
		}
		for c := 0; c < 256; c++ {
			if !used[c] {
				continue
			}
			cl := int(a.class[c])
			if nx, ok := trie[st][byte(c)]; ok {
				if st == 0 {
					fail[nx] = 0
				} else {
					fail[nx] = trans[int(fail[st])*a.classes+cl]
				}
				trans[int(st)*a.classes+cl] = nx
				queue = append(queue, nx)
			} else if st != 0 {
				trans[int(st)*a.classes+cl] = trans[int(fail[st])*a.classes+cl]
			}
		}
	}
	// The rules whose keywords end at each state.
	if len(clsRules) > 64 || len(clsLeadRules) > 64 {
		panic("extract: classify handles at most 64 rules")
	}
	byLit := make([]uint64, len(a.lits))
	for ri := range clsRules {
		for _, id := range clsRules[ri].kw {
			byLit[id] |= 1 << ri
		}
	}
	a.rules = make([]uint64, n)
	for st := range a.out {
		for _, id := range a.out[st] {
			a.rules[st] |= byLit[id]
		}
	}
	// Renumber the states breadth-first, so that the shallow states, where a
	// scan spends nearly all its steps, share a few cache lines instead of
	// being spread over the table, and flag those where literals end.
	renum := make([]uint16, n)
	for i, st := range order {
		renum[st] = uint16(i)
	}
	next := make([]uint16, len(trans))
	out := make([][]int32, n)
	rules := make([]uint64, n)
	for _, st := range order {
		ns := int(renum[st])
		out[ns], rules[ns] = a.out[st], a.rules[st]
		for cl := 0; cl < a.classes; cl++ {
			to := trans[int(st)*a.classes+cl]
			v := renum[to]
			if len(a.out[to]) > 0 {
				v |= clsFlag
			}
			next[ns*a.classes+cl] = v
		}
	}
	a.next, a.out, a.rules = next, out, rules
	return a
}

// scan adds to seen the ids of the literals that occur in s (ASCII case folded)
// and returns the clsRules whose keywords occur, bit i standing for clsRules[i].
//
// A long text is scanned as two overlapping halves stepped together: each step
// waits on a table load, and two independent walks overlap those waits.
func (a *clsAutomaton) scan(s string, seen clsSet) uint64 {
	next, class, k := a.next, &a.class, a.classes
	var x, y string // the halves; y empty for a short text
	if len(s) > 4*a.maxLen {
		m := len(s) / 2
		x, y = s[:m+a.maxLen-1], s[m:]
	} else {
		x = s
	}
	sx, sy := 0, 0
	var rules uint64
	i := 0
	for ; i < len(x) && i < len(y); i++ {
		vx := next[sx*k+int(class[x[i]])]
		vy := next[sy*k+int(class[y[i]])]
		sx, sy = int(vx&^clsFlag), int(vy&^clsFlag)
		if vx&clsFlag != 0 {
			rules |= a.emit(sx, seen)
		}
		if vy&clsFlag != 0 {
			rules |= a.emit(sy, seen)
		}
	}
	for ; i < len(x); i++ {
		vx := next[sx*k+int(class[x[i]])]
		if sx = int(vx &^ clsFlag); vx&clsFlag != 0 {
			rules |= a.emit(sx, seen)
		}
	}
	for ; i < len(y); i++ {
		vy := next[sy*k+int(class[y[i]])]
		if sy = int(vy &^ clsFlag); vy&clsFlag != 0 {
			rules |= a.emit(sy, seen)
		}
	}
	return rules
}

// scanAll sets the literals and the rules of each sentence, as scan does,
// walking four texts at a time: one walk waits on each table load before the
// next, so four independent walks go about three times as fast. The texts are
// the sentences cut into four runs of about equal length (a long sentence cut
// with an overlap of the longest literal less one byte, as in scan). A walk
// notes where literals end in a log instead of branching on it, since with
// four walks one branch in three would be mispredicted; the log is read after
// each stretch.
func (a *clsAutomaton) scanAll(sents []*clsSentence, sc *clsScratch) {
	total := 0
	for _, sn := range sents {
		total += len(sn.raw)
	}
	if total < 16*a.maxLen {
		for _, sn := range sents {
			sn.rules = a.scan(sn.raw, sn.seen)
		}
		return
	}
	// The pieces of each lane, in order.
	lanes := &sc.lanes
	for l := range lanes {
		lanes[l] = lanes[l][:0]
	}
	defer func() {
		for l := range lanes {
			clear(lanes[l])
		}
	}()
	target := (total + 3) / 4
	l, filled := 0, 0
	for _, sn := range sents {
		t := sn.raw
		for len(t) > 0 {
			room := max(target-filled, 2*a.maxLen)
			if l == 3 || len(t) <= room {
				lanes[l] = append(lanes[l], clsPiece{t, sn})
				filled += len(t)
				break
			}
			lanes[l] = append(lanes[l], clsPiece{t[:room], sn})
			t = t[room-(a.maxLen-1):]
			l, filled = l+1, 0
		}
		if filled >= target && l < 3 {
			l, filled = l+1, 0
		}
	}
	next, class, k := a.next, &a.class, a.classes
	var log [4 * clsStretch]uint32
	var at, pos, st [4]int // by lane: the piece, the position in it, the state
	for {
		n := clsStretch
		for l := range lanes {
			for at[l] < len(lanes[l]) && pos[l] == len(lanes[l][at[l]].s) {
				at[l], pos[l], st[l] = at[l]+1, 0, 0
			}
			if at[l] == len(lanes[l]) {
				n = 0
				break
			}
			n = min(n, len(lanes[l][at[l]].s)-pos[l])
		}
		if n == 0 {
			break
		}
		p0, p1, p2, p3 := &lanes[0][at[0]], &lanes[1][at[1]], &lanes[2][at[2]], &lanes[3][at[3]]
		s0, s1, s2, s3 := p0.s[pos[0]:pos[0]+n], p1.s[pos[1]:pos[1]+n], p2.s[pos[2]:pos[2]+n], p3.s[pos[3]:pos[3]+n]
		x0, x1, x2, x3 := st[0], st[1], st[2], st[3]
		m := 0
		for i := 0; i < n; i++ {
			v0 := next[x0*k+int(class[s0[i]])]
			v1 := next[x1*k+int(class[s1[i]])]
			v2 := next[x2*k+int(class[s2[i]])]
			v3 := next[x3*k+int(class[s3[i]])]
			x0, x1, x2, x3 = int(v0&^clsFlag), int(v1&^clsFlag), int(v2&^clsFlag), int(v3&^clsFlag)
			log[m&(len(log)-1)] = uint32(x0)
			m += int(v0 >> 15)
			log[m&(len(log)-1)] = uint32(x1) | 1<<16
			m += int(v1 >> 15)
			log[m&(len(log)-1)] = uint32(x2) | 2<<16
			m += int(v2 >> 15)
			log[m&(len(log)-1)] = uint32(x3) | 3<<16
			m += int(v3 >> 15)
		}
		st[0], st[1], st[2], st[3] = x0, x1, x2, x3
		ps := [4]*clsPiece{p0, p1, p2, p3}
		for _, e := range log[:m] {
			sn := ps[e>>16].sn
			sn.rules |= a.emit(int(e&0xffff), sn.seen)
		}
		for l := range pos {
			pos[l] += n
		}
	}
	// The lanes left finish one at a time.
	for l := range lanes {
		for ; at[l] < len(lanes[l]); at[l], pos[l], st[l] = at[l]+1, 0, 0 {
			p := &lanes[l][at[l]]
			x := st[l]
			for _, c := range []byte(p.s[pos[l]:]) {
				v := next[x*k+int(class[c])]
				if x = int(v &^ clsFlag); v&clsFlag != 0 {
					p.sn.rules |= a.emit(x, p.sn.seen)
				}
			}
		}
	}
}

// clsStretch is the most steps scanAll takes between reads of its log.
const clsStretch = 256

// emit adds to seen the literals that end at state st and returns the rules
// whose keywords end there.
func (a *clsAutomaton) emit(st int, seen clsSet) uint64 {
	for _, id := range a.out[st] {
		seen[id>>6] |= 1 << (uint(id) & 63)
	}
	return a.rules[st]
}

// newSet returns an empty set for the automaton's literals.
func (a *clsAutomaton) newSet() clsSet { return make(clsSet, (len(a.lits)+63)/64) }

// clsContentsLine reports whether s reads like lines of a table of contents run
// together: three or more page numbers each followed by a section number
// ("Term 48 8.2 Renewal 48 8.3 ...").
func clsContentsLine(s string) bool {
	n := 0
	for i := 0; i+3 < len(s); i++ {
		// a digit, a space, then digits and a period: "48 8.2"
		if s[i] >= '0' && s[i] <= '9' && s[i+1] == ' ' && s[i+2] >= '0' && s[i+2] <= '9' {
			j := i + 2
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j < len(s) && s[j] == '.' {
				if n++; n >= 3 {
					return true
				}
			}
		}
	}
	return false
}

// clsTOC is the id of "table of contents": sentences holding it get no type.
var clsTOC int32

// clsKelvin and clsDotI are the ids of the Kelvin sign and the dotted capital
// I, the runes outside ASCII that lower-case to ASCII letters.
var clsKelvin, clsDotI int32

// classify sets each clause's Types from its text: every type whose rules match a
// sentence of the clause, or whose heading rule matches the clause heading, with
// the first triggering sentence as evidence.
func classify(doc *Document) {
	var all []clsSentence   // the sentences of a batch of clauses
	var batch [][2]int      // by clause of the batch: its sentences in all
	var slab []uint64       // the sets of all
	var todo []*clsSentence // the sentences of all to scan
	var found [64]Span
	var has [64]bool
	ac := clsAC()
	words := len(ac.newSet())
	sc := clsScratches.Get().(*clsScratch)
	defer func() {
		// Keep the buffers, not the texts: the lower-cased texts were read only
		// during the call, so the next call may write over them.
		sc.px.reset("")
		sc.lower = sc.lower[:0]
		clsScratches.Put(sc)
	}()
	head := clsSentence{seen: ac.newSet(), sc: sc}
	body := false // a body clause has been seen
	// memo keeps, by sentence text, which clsRules have been tried on it and
	// which matched: matchesBody depends on the text alone, and contracts
	// repeat sentences (boilerplate, schedules, recitals quoted again).
	memo := make(map[string]*clsMemo)
	var memos []clsMemo // where the memos live, a chunk at a time
	for i := 0; i < len(doc.Clauses); {
		// The sentences of the next clauses, up to clsBatch of them, are
		// scanned together (scanAll).
		all, batch = all[:0], batch[:0]
		j := i
		for ; j < len(doc.Clauses) && len(all) < clsBatch; j++ {
			lo := len(all)
			if c := &doc.Clauses[j]; c.Kind != KindTitle && c.Kind != KindSignature {
				all = clsAppendSentences(doc, c, all)
			}
			batch = append(batch, [2]int{lo, len(all)})
		}
		if n := len(all) * words; cap(slab) < n {
			slab = make([]uint64, n)
		} else {
			slab = slab[:n]
			clear(slab)
		}
		todo = todo[:0]
		for k := range all {
			sn := &all[k]
			sn.seen, sn.sc = slab[k*words:(k+1)*words:(k+1)*words], sc
			mm := memo[sn.raw]
			if mm == nil {
				if len(memos) == cap(memos) {
					memos = make([]clsMemo, 0, 256)
				}
				memos = memos[:len(memos)+1]
				mm = &memos[len(memos)-1]
				memo[sn.raw] = mm
			}
			sn.mm = mm
			if mm.n++; mm.seen != nil {
				copy(sn.seen, mm.seen)
				sn.rules = mm.rules
			} else {
				todo = append(todo, sn)
			}
		}
		ac.scanAll(todo, sc)
		for _, sn := range todo {
			if sn.mm.n > 1 && sn.mm.seen == nil {
				sn.mm.seen, sn.mm.rules = slices.Clone(sn.seen), sn.rules
			}
		}
		for first := i; i < j; i++ {
			c := &doc.Clauses[i]
			c.Types = nil
			if c.Kind == KindTitle || c.Kind == KindSignature {
				continue
			}
			front := c.Kind == KindPreamble || !body
			if c.Kind == KindClause || c.Kind == KindDefinition {
				body = true
			}
			sents := all[batch[i-first][0]:batch[i-first][1]]
			if len(sents) == 0 || clsHeadingOnly(sents, c.Heading) {
				continue
			}
			clear(has[:])
			nfound := 0
			if h := strings.TrimSpace(c.Heading); h != "" {
				h = strings.TrimRight(strings.ToLower(h), ".: ")
				clear(head.seen)
				head.raw, head.lower, head.date = h, h, 0
				ac.scan(h, head.seen)
				for _, hr := range clsHeadingRules {
					ti := hr.ti
					if !has[ti] && hr.pat.match(&head) && (hr.not == nil || !hr.not.MatchString(h)) {
						found[ti], has[ti] = sents[0].span, true
						nfound++
					}
				}
			}
			for si := range sents {
				s := &sents[si]
				if s.rules == 0 || s.seen.has(clsTOC) {
					continue
				}
				contents := -1 // whether s is a contents line; -1 until needed
				mm := s.mm
				for m := s.rules; m != 0; m &= m - 1 {
					k := bits.TrailingZeros64(m)
					r := &clsRules[k]
					ti := r.ti
					if has[ti] || r.front && !front {
						continue
					}
					if mm.matches(r, k, s) {
						if contents < 0 {
							contents = 0
							if clsContentsLine(s.raw) {
								contents = 1
							}
						}
						if contents == 1 {
							break
						}
						found[ti], has[ti] = s.span, true
						nfound++
					}
				}
			}
			if c.Parent != "" {
				nfound += clsLead(doc, c, sents, &found, &has)
			}
			if nfound == 0 {
				continue
			}
			c.Types = make([]TypeTag, 0, nfound)
			for ti, t := range Taxonomy {
				if has[ti] {
					c.Types = append(c.Types, TypeTag{Type: t.ID, Evidence: found[ti]})
				}
			}
		}
	}
}

// clsBatch is the number of sentences classify scans together, at least.
const clsBatch = 64

// clsLead applies clsLeadRules to clause c, a list item, and its parent: it
// records the types found for c in found and has, adds them to the parent, and
// returns how many types it found for c.
func clsLead(doc *Document, c *Clause, sents []clsSentence, found *[64]Span, has *[64]bool) int {
	var lead *clsSentence
	var parent *Clause
	n := 0
	for li := range clsLeadRules {
		lr := &clsLeadRules[li]
		ti := lr.rule.ti
		for si := range sents {
			s := &sents[si]
			if !s.seen.any(lr.rule.kw) {
				continue
			}
			if !s.mm.matchesLead(&lr.rule, li, s) {
				continue
			}
			if lead == nil {
				if parent, lead = clsLeadIn(doc, c, &lr.lead); lead == nil {
					return n
				}
			}
			if !has[ti] {
				found[ti], has[ti] = sents[si].span, true
				n++
			}
			clsAddType(parent, Taxonomy[ti].ID, lead.span)
			break
		}
	}
	return n
}

// clsLeadIn returns the lead-in sentence of a list item c that matches p, with
// the clause that holds it: the last sentence of c's parent when it ends with a
// colon or announces "the following", or else, when that lead-in does not match
// p, the grandparent's ("... may terminate if: (a) either party, if: (i) ...").
func clsLeadIn(doc *Document, c *Clause, p *clsPattern) (*Clause, *clsSentence) {
	for range 2 {
		pi, err := strconv.Atoi(strings.TrimPrefix(c.Parent, "c"))
		if err != nil || pi < 1 || pi > len(doc.Clauses) {
			return nil, nil
		}
		c = &doc.Clauses[pi-1]
		ps := clsClauseSentences(doc, c)
		if len(ps) == 0 {
			return nil, nil
		}
		lead := &ps[len(ps)-1]
		lead.seen = clsAC().newSet()
		clsAC().scan(lead.raw, lead.seen)
		t := strings.TrimSpace(lead.text())
		if !strings.HasSuffix(t, ":") && !strings.Contains(t, "following") {
			return nil, nil
		}
		if p.match(lead) {
			return c, lead
		}
	}
	return nil, nil
}

// clsAddType gives clause c type t with evidence ev, in taxonomy order, unless it
// has it already.
func clsAddType(c *Clause, t ClauseType, ev Span) {
	for _, tt := range c.Types {
		if tt.Type == t {
			return
		}
	}
	ti := clsTypeIndex(t)
	at := len(c.Types)
	for i, tt := range c.Types {
		if clsTypeIndex(tt.Type) > ti {
			at = i
			break
		}
	}
	c.Types = slices.Insert(c.Types, at, TypeTag{Type: t, Evidence: ev})
}

// clsTypeIndex returns the index of a type in Taxonomy; it panics on an unknown
// type, at package initialisation.
func clsTypeIndex(t ClauseType) int {
	for i := range Taxonomy {
		if Taxonomy[i].ID == t {
			if i >= 64 {
				panic("extract: classify handles at most 64 clause types")
			}
			return i
		}
	}
	panic("extract: unknown clause type " + string(t))
}

// clsMemo records, for one sentence text, the clsRules tried on it (bit k for
// clsRules[k]) and those that matched; leadTried and leadHit do the same for
// the rules of clsLeadRules.
//
// A sentence seen a second time also keeps what scanning it gave (seen, rules),
// so that later copies are not scanned again.
type clsMemo struct {
	tried, hit, leadTried, leadHit uint64

	n     int // times the sentence has come up
	seen  clsSet
	rules uint64
}

// matchesLead returns r.matchesBody(s) for r = clsLeadRules[k].rule, running it
// only the first time the text is seen.
func (mm *clsMemo) matchesLead(r *clsRule, k int, s *clsSentence) bool {
	bit := uint64(1) << uint(k)
	if mm.leadTried&bit == 0 {
		mm.leadTried |= bit
		if r.matchesBody(s) {
			mm.leadHit |= bit
		}
	}
	return mm.leadHit&bit != 0
}

// matches returns r.matchesBody(s) for r = clsRules[k], running it only the
// first time the text is seen.
func (mm *clsMemo) matches(r *clsRule, k int, s *clsSentence) bool {
	bit := uint64(1) << uint(k)
	if mm.tried&bit == 0 {
		mm.tried |= bit
		if r.matchesBody(s) {
			mm.hit |= bit
		}
	}
	return mm.hit&bit != 0
}

// matches reports whether a sentence triggers the rule.
func (r *clsRule) matches(s *clsSentence) bool {
	return s.seen.any(r.kw) && r.matchesBody(s)
}

// matchesBody reports whether a sentence that holds one of the rule's keywords
// triggers it.
func (r *clsRule) matchesBody(s *clsSentence) bool {
	hit := false
	for i := range r.patterns {
		if r.patterns[i].match(s) {
			hit = true
			break
		}
	}
	if !hit {
		return false
	}
	for i := range r.not {
		if r.not[i].match(s) {
			return false
		}
	}
	for i := range r.req {
		if !r.req[i].match(s) {
			return false
		}
	}
	return true
}

// clsClauseSentences splits a clause into sentences, block by block: a sentence
// never crosses a block boundary, so each span stays inside one block's text.
func clsClauseSentences(doc *Document, c *Clause) []clsSentence {
	return clsAppendSentences(doc, c, nil)
}

// clsAppendSentences appends the sentences of a clause to out, as clsClauseSentences.
func clsAppendSentences(doc *Document, c *Clause, out []clsSentence) []clsSentence {
	s := c.Span
	if s.Start.Block < 0 || s.End.Block >= len(doc.Blocks) || s.Start.Block > s.End.Block {
		return out
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
		clsSplitSentences(t, from, to, func(lo, hi int) {
			out = append(out, clsSentence{
				span: Span{Start: Position{Block: b, Offset: lo}, End: Position{Block: b, Offset: hi}},
				raw:  t[lo:hi],
			})
		})
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

// clsSplitSentences calls yield with the [start, end) byte range of each
// sentence of t[from:to], in order, trimmed of surrounding white space. A clsSentence ends at '.', '!' or
// '?' followed by white space and a capital, digit, quote or parenthesis, unless
// the word before is an abbreviation ("Inc.", "U.S.", "Sec.") or the clsSentence so far
// is only a number label ("5.2", "(a)", "IV").
func clsSplitSentences(t string, from, to int, yield func(start, end int)) {
	start := from
	emit := func(a, b int) {
		for a < b && clsSpace(t[a]) {
			a++
		}
		for b > a && clsSpace(t[b-1]) {
			b--
		}
		if a < b {
			yield(a, b)
		}
	}
	// The next '.', '!' and '?' at or after i, found by IndexByte (to for none):
	// a sentence end is rare among the bytes.
	nx := [3]int{from - 1, from - 1, from - 1}
	for i := from; i < to; i++ {
		for k, c := range []byte(".!?") {
			if nx[k] < i {
				nx[k] = to
				if j := strings.IndexByte(t[i:to], c); j >= 0 {
					nx[k] = i + j
				}
			}
		}
		if i = min(nx[0], nx[1], nx[2]); i >= to {
			break
		}
		ch := t[i]
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
			if len(w) == 1 && isLetter(w[0]) || clsIsAbbrev(w) {
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
}

// clsIsAbbrev reports whether w, lower-cased, is in clsAbbrev.
func clsIsAbbrev(w string) bool {
	var b [8]byte
	if len(w) > len(b) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return clsAbbrev[string(b[:len(w)])]
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

// clsHeadingOnly reports whether a clause's sentences hold nothing but its heading
// h, a number label ("5.2", "ARTICLE XII -", "SECTION 4") and leaders ("....").
// Such a clause gets no type: the words that carry the type are in the clauses
// that follow.
func clsHeadingOnly(sents []clsSentence, h string) bool {
	// A heading that runs on into a value ("TERM: November 1, 2014 to October
	// 31, 2017") holds the clause's words: only the part before the colon heads it.
	if i := strings.Index(h, ": "); i > 0 {
		h = h[:i]
	}
	h = strings.TrimSpace(h)
	if h == "" {
		return false
	}
	n := 0
	for _, s := range sents {
		n += len(strings.TrimRight(s.raw, ". ")) + 1 // leaders of a contents line
	}
	if n > 3*len(h)+40 {
		return false
	}
	var b strings.Builder
	for _, s := range sents {
		b.WriteString(s.raw)
		b.WriteByte(' ')
	}
	t := strings.ToLower(b.String())
	if i := strings.Index(t, strings.ToLower(h)); i >= 0 {
		t = t[:i] + " " + t[i+len(h):]
	}
	for _, w := range strings.FieldsFunc(t, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if !clsLabelWord(w) {
			return false
		}
	}
	return true
}

// clsLabelWord reports whether a lower-case word can be part of a clause number:
// digits, a Roman numeral, one letter, or "article", "section" and the like.
func clsLabelWord(w string) bool {
	switch w {
	case "article", "section", "clause", "part", "schedule", "no":
		return true
	}
	if len(w) == 1 {
		return true
	}
	digits, roman := true, len(w) <= 6
	for i := 0; i < len(w); i++ {
		c := w[i]
		digits = digits && c >= '0' && c <= '9'
		roman = roman && strings.IndexByte("ivxlc", c) >= 0
	}
	return digits || roman
}
