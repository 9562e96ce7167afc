package extract

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Finders for the parties, the agreement and effective dates, and governing law
// and venue: the facts that decide how numeric dates are read.

// tpLawRoleRe finds, in a lower-cased sentence, the words that say what a place
// named after them is: the governing law (group 1), a conflict-of-laws rule whose
// place is not the governing law (group 2), or a forum (group 3). The conflict
// wordings come first so that "conflict of laws of" is not read as "laws of".
var tpLawRoleRe = termMustCompile(
	`\b(?:(conflicts?[- ]of[- ]laws?|choice[- ]of[- ]laws?|conflicts? of law|conflicting laws?|conflicts? (?:of|between) (?:the )?laws|principles of conflicts?|rules of conflicts?|(?:rules|principles|provisions) (?:regarding|concerning|relating to) (?:the )?conflicts?|which would (?:require|result in|cause) the application of|that would (?:require|result in|cause) the application of|would (?:otherwise )?(?:require|result in|cause) the application of|requiring the application of|apply the laws? of any other)` +
		`|(governed|construed|interpreted|enforced|laws?|governing|in accordance with|subject to)` +
		`|(courts?|tribunals?|venue|forum|jurisdiction|arbitrat\w*|seat|held|conducted|take place|situated|located|sitting))\b`)

// tpConflictAsideRe matches what follows a conflict-of-laws rule set aside
// between "the laws" and "of" the place.
var tpConflictAsideRe = termMustCompile(`^(?:\s+(?:rules|principles|provisions))?\s*\)?,\s*of\b`)

// A tpPlaceRole is a place named in a sentence and what the sentence makes it.
type tpPlaceRole struct {
	placeMatch
	role string // "law", "conflict", "venue" or "" when no word says
}

// tpPlaceRoles reads the places of one sentence and their roles: each place takes
// the role of the nearest role word before it, or "law" when "law" follows it
// ("New York law shall govern").
func tpPlaceRoles(s termSentence) []tpPlaceRole {
	places := findPlaces(s.Text)
	for _, m := range tpLawAdjectiveRe.FindAllStringSubmatchIndex(s.Text, -1) {
		if p := findPlaces(tpLawAdjectives[s.Text[m[2]:m[3]]]); len(p) == 1 {
			places = append(places, placeMatch{Name: p[0].Name, Start: m[2], End: m[3], US: p[0].US})
		} else if p := findPlaces(s.Text[m[2]:m[3]]); len(p) == 1 {
			places = append(places, placeMatch{Name: p[0].Name, Start: m[2], End: m[3], US: p[0].US})
		}
	}
	if len(places) == 0 {
		return nil
	}
	sort.SliceStable(places, func(i, j int) bool { return places[i].Start < places[j].Start })
	roles := tpLawRoleRe.FindAllStringSubmatchIndex(s.Lower, -1)
	var out []tpPlaceRole
	for _, p := range places {
		pr := tpPlaceRole{placeMatch: p}
		for _, r := range roles {
			if r[1] > p.Start {
				break
			}
			switch {
			case r[2] >= 0 && tpConflictAsideRe.MatchString(s.Lower[r[1]:]):
				// "the laws, other than choice of law rules, of the State of Georgia"
			case r[2] >= 0:
				pr.role = "conflict"
			case r[4] >= 0:
				pr.role = "law"
			default:
				pr.role = "venue"
			}
		}
		// A clause boundary (a semicolon, "and the") between the role word and the
		// place does not change the role: sentences are short enough.
		if pr.role == "" || pr.role == "venue" {
			after := s.Lower[p.End:min(len(s.Lower), p.End+24)]
			if strings.HasPrefix(strings.TrimLeft(after, " ,"), "law") || strings.HasPrefix(strings.TrimLeft(after, " ,"), "substantive law") {
				pr.role = "law"
			}
		}
		out = append(out, pr)
	}
	return out
}

// tpPlaceRolesOf is tpPlaceRoles(s), found once per sentence and termContext.
func tpPlaceRolesOf(tc *termContext, s termSentence) []tpPlaceRole {
	k := s.Text
	if prs, ok := tc.placeRoles[k]; ok {
		return prs
	}
	prs := tpPlaceRoles(s)
	if tc.placeRoles == nil {
		tc.placeRoles = make(map[string][]tpPlaceRole)
	}
	tc.placeRoles[k] = prs
	return prs
}

// tpLawStrongRe marks a sentence that chooses a governing law.
var tpLawStrongRe = termMustCompile(`\b(?:governed|construed|interpreted|governing law|(?:shall|will) (?:govern|apply|control)|applicable law|in accordance with the (?:\w+ )?laws?|subject to the (?:\w+ )?laws?)\b`)

// tpLawAdjectiveRe matches a law named by its adjective ("English law"): group 1.
var tpLawAdjectiveRe = termMustCompile(`\b(English|Swiss|German|French|Dutch|Italian|Spanish|Israeli|Indian|Chinese|PRC|Japanese|Korean|Singapore|Singaporean|Hong Kong|Irish|Scottish|Canadian|Australian|Swedish|Norwegian|Danish|Finnish|Belgian|Austrian|Luxembourg|Mexican|Brazilian|New York|Delaware|California|Texas|Massachusetts|Illinois|Florida)\s+(?:substantive\s+|governing\s+)?law\b`)

// tpLawAdjectives are the places tpLawAdjectiveRe names, by adjective.
var tpLawAdjectives = map[string]string{
	"English": "England", "Swiss": "Switzerland", "German": "Germany", "French": "France",
	"Dutch": "Netherlands", "Italian": "Italy", "Spanish": "Spain", "Israeli": "Israel",
	"Indian": "India", "Chinese": "China", "PRC": "PRC", "Japanese": "Japan", "Korean": "Korea",
	"Singapore": "Singapore", "Singaporean": "Singapore", "Hong Kong": "Hong Kong", "Irish": "Ireland",
	"Scottish": "Scotland", "Canadian": "Canada", "Australian": "Australia", "Swedish": "Sweden",
	"Norwegian": "Norway", "Danish": "Denmark", "Finnish": "Finland", "Belgian": "Belgium",
	"Austrian": "Austria", "Luxembourg": "Luxembourg", "Mexican": "Mexico", "Brazilian": "Brazil",
}

// A tpLawCandidate is a place that may be the governing law or the venue, with
// how sure the sentence makes it.
type tpLawCandidate struct {
	ci    int
	sent  termSentence
	place tpPlaceRole
	score int
}

// findGoverningLaw finds governing_law and venue.
//
// The governing law is the place the law-choosing words name: in the clauses typed
// governing_law first, failing those in any sentence that chooses a law. A place
// whose conflict-of-laws rules are excluded is not the governing law, and the
// United States counts only when no state or country is named (its federal law sits
// beside a state's). The venue is the place named after "courts", "venue",
// "arbitration" and the like in the governing_law and dispute_resolution clauses.
func findGoverningLaw(tc *termContext) {
	law := tc.clausesOf("governing_law")
	if c := tpBestPlace(tc, law, "law"); c != nil {
		tc.add(Term{Kind: "governing_law", Value: c.place.Name, Clause: c.ci, Evidence: c.sent.span(c.place.Start, c.place.End)})
	} else {
		// Only clauses that say "law" can choose one with a score of 3 or more;
		// checking the raw text first keeps this fallback cheap on long contracts.
		var all []int
		for i := range tc.doc.Clauses {
			if tc.clauseHas(i, "law") {
				all = append(all, i)
			}
		}
		if c := tpBestPlace(tc, all, "law"); c != nil && c.score >= 3 {
			tc.add(Term{Kind: "governing_law", Value: c.place.Name, Clause: c.ci, Evidence: c.sent.span(c.place.Start, c.place.End)})
		}
	}
	if c := tpBestPlace(tc, tpUnion(law, tc.clausesOf("dispute_resolution")), "venue"); c != nil {
		tc.add(Term{Kind: "venue", Value: c.place.Name, Clause: c.ci, Evidence: c.sent.span(c.place.Start, c.place.End)})
	}
	if t := tc.first("governing_law"); t != nil {
		if p := findPlaces(t.Value.(string)); len(p) > 0 && !p[0].US {
			tc.dayFirst = true
			tc.dayFirstWhy = "governing law " + t.Value.(string)
		}
	}
}

// tpBestPlace returns the surest place of the role among the sentences of the
// clauses cis (the first of equal ones), or nil.
func tpBestPlace(tc *termContext, cis []int, role string) *tpLawCandidate {
	var best *tpLawCandidate
	for _, ci := range cis {
		for _, s := range tc.sentences(ci) {
			if role == "law" && !tpMayChooseLaw(s.Lower) {
				continue // cheap: neither "law" nor any word tpLawStrongRe needs
			}
			strong := tpLawStrongRe.MatchString(s.Lower)
			if role == "law" && !strong && !strings.Contains(s.Lower, "law") {
				continue
			}
			for _, pr := range tpPlaceRolesOf(tc, s) {
				score := 0
				switch {
				case role == "law" && pr.role == "law" && strong:
					score = 4
				case pr.role == role:
					score = 3
				case role == "law" && pr.role == "":
					score = 1
				}
				if score == 0 {
					continue
				}
				if pr.Name == "United States" {
					score = 1
				}
				if best == nil || score > best.score {
					best = &tpLawCandidate{ci: ci, sent: s, place: pr, score: score}
				}
			}
		}
	}
	return best
}

// tpMayChooseLaw reports whether a lower-cased sentence holds a word that
// choosing a law needs: "law" or a word of tpLawStrongRe.
func tpMayChooseLaw(lower string) bool {
	for _, w := range []string{"law", "govern", "constru", "interpret", "apply", "control"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// tpUnion merges two ascending lists of clause indexes.
func tpUnion(a, b []int) []int {
	seen := make(map[int]bool, len(a)+len(b))
	var out []int
	for _, x := range append(append([]int(nil), a...), b...) {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// tpBetweenRe finds where the parties of a preamble are listed.
// "Entered into ... by X and Y" names the parties after "by", past a date
// ("entered into as of June 1, 2020 by Acme Corp. ("Recipient"), and ...").
var tpBetweenRe = termMustCompile(`\b(?:by and between|by and among|between|among|amongst|(?:entered into|made|executed)\b[^.;]{0,120}?\bby(?:\s+and\s+(?:between|among|amongst))?)\s*[:,]?\s*`)

// tpDefinedRe matches a parenthesis that defines terms: group 1 its inside.
var tpDefinedRe = termMustCompile(`\(([^()]{0,160}?[“"”][^()]{1,160}?)\)`)

// tpUnquotedRe matches a parenthesis that defines a party's term without
// quotes ("Northstar Analytics, Inc. (Provider)"): group 1 the term.
var tpUnquotedRe = termMustCompile(`\(\s*(?:(?:the|hereinafter(?: referred to as)?(?: the)?)\s+)?([A-Z][A-Za-z-]+(?:\s[A-Z][A-Za-z-]+){0,2})\s*\)`)

// tpNotTermRe matches what an unquoted parenthesis holds when it defines no
// party: a corporate form, an abbreviation of a country, a number word.
var tpNotTermRe = termMustCompile(`(?i)^(?:inc|llc|ltd|limited|corp|corporation|company|plc|gmbh|ag|sa|bv|nv|lp|llp|usa|us|uk|eu|prc|none|one|two|three|each|all|see)$`)

// tpQuotedRe matches a quoted defined term: group 1.
var tpQuotedRe = termMustCompile(`[“"”]\s*([^“"”]{1,60}?)\s*[”"“]`)

// tpNameEndRe matches where a party's name ends: its description starts.
var tpNameEndRe = termMustCompile(`(?i),?\s+(?:a|an)\s+(?:[A-Z][\w.]*\s+)*(?:corporation|company|limited|partnership|llc|l\.l\.c\.|bank|association|trust|entity|organization|individual|body|public|private|joint|business|national|statutory|non-profit|nonprofit|banking|federally|wholly|subsidiary)|,?\s+(?:with|having|whose|located|organi[sz]ed|incorporated|existing|residing|duly|acting|doing business|its|which|that|each|on behalf|formerly|hereinafter|herein|at)\b|,\s*(?:a|an)\s|\s+\(|,\s+(?:\d|[A-Z][a-z]+ (?:Street|Avenue|Road))`)

// tpCorporateSuffixRe matches a corporate suffix that follows a comma in a name
// ("Acme, Inc.").
var tpCorporateSuffixRe = termMustCompile(`^,\s*(?i:inc\b\.?|incorporated\b|llc\b|l\.l\.c\.|ltd\b\.?|limited\b|l\.p\.|lp\b|llp\b|corp\b\.?|co\b\.|n\.a\.|s\.a\.|a\.g\.|ag\b|gmbh\b|plc\b|b\.v\.|n\.v\.|s\.p\.a\.|pty\b|pvt\b)`)

// tpNonPartyTerms are defined terms of a preamble that name no party.
var tpNonPartyTerms = termMustCompile(`(?i)^(?:the )?(?:agreement|effective date|amendment|contract|this agreement|execution date|commencement date|master agreement|original agreement|parties|party|plan|addendum|schedule)$`)

// tpForeignRe matches a corporate form used outside the US.
var tpForeignRe = termMustCompile(`\b(?:Ltd\.?|Limited|GmbH|S\.A\.|SA|S\.A\.S\.|SAS|S\.p\.A\.|SpA|S\.r\.l\.|B\.V\.|N\.V\.|AG|A/S|AB|Oy|Pvt\.?|Pte\.?|PLC|plc|Pty|K\.K\.|Co\., Ltd\.?|S\.L\.|SARL|S\.à r\.l\.|KG|SE)(?:\W|$)`)

// findParties finds parties.
//
// The parties are read from the preamble ("made between Acme Corp., a Delaware
// corporation ("Supplier"), and Beta LLC ("Customer")"): each party is the name
// before a parenthesis of defined terms, Role its first defined term. When no
// governing law was found and no party is in the US while one is outside it (an
// address, a place of incorporation or a corporate form such as "GmbH"), numeric
// dates are read day-first.
func findParties(tc *termContext) {
	var cis []int
	for i, c := range tc.doc.Clauses {
		if c.Kind == KindTitle || c.Kind == KindPreamble {
			cis = append(cis, i)
		}
	}
	cis = tpUnion(cis, tc.clausesOf("parties"))
	for _, ci := range cis {
		for _, s := range tc.sentences(ci) {
			ps, from, to, where := tpPartiesIn(s.Text)
			if len(ps) < 2 {
				continue
			}
			tc.add(Term{Kind: "parties", Value: ps, Clause: ci, Evidence: s.span(from, to)})
			if tc.first("governing_law") == nil {
				tpPartiesDayFirst(tc, ps, where)
			}
			return
		}
	}
	for _, f := range []func(*termContext) ([]Party, int, Span, []string){tpListedParties, tpCoverParties} {
		if ps, ci, ev, where := f(tc); len(ps) >= 2 {
			tc.add(Term{Kind: "parties", Value: ps, Clause: ci, Evidence: ev})
			if tc.first("governing_law") == nil {
				tpPartiesDayFirst(tc, ps, where)
			}
			return
		}
	}
}

// tpBlockClauses maps each block to the innermost clause that holds it, -1 for
// none.
func tpBlockClauses(doc *Document) []int {
	out := make([]int, len(doc.Blocks))
	for i := range out {
		out[i] = -1
	}
	for ci, c := range doc.Clauses {
		for b := max(c.Span.Start.Block, 0); b <= c.Span.End.Block && b < len(out); b++ {
			out[b] = ci
		}
	}
	return out
}

// tpEvidence returns the clause and span for parties found in blocks: from the
// first name to the last when one clause holds both, else the first name.
func tpEvidence(doc *Document, at []Span) (int, Span) {
	bc := tpBlockClauses(doc)
	first, last := at[0], at[len(at)-1]
	ci := bc[first.Start.Block]
	c := doc.Clauses[ci].Span
	if bc[last.End.Block] == ci && (last.End.Block < c.End.Block || last.End.Offset <= c.End.Offset) {
		return ci, Span{Start: first.Start, End: last.End}
	}
	return ci, first
}

// tpPartiesHeadRe matches a block that heads a list of the parties, one party
// to a paragraph ("PARTIES", "BETWEEN:"), as English agreements are drafted.
var tpPartiesHeadRe = termMustCompile(`^(?i:(?:the )?parties|between)\s*:?$`)

// tpListEndRe matches a block that ends the list of parties.
var tpListEndRe = termMustCompile(`^(?i:background|recitals?|whereas|agreed terms|it is agreed|now,? therefore|operative provisions|terms and conditions)\b`)

// tpListLabelRe matches a list label and a joining word at the start of a
// party's paragraph ("(1) ", "2. ", "and ").
var tpListLabelRe = termMustCompile(`^\s*(?:\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)]\s*)?(?:(?i:and)\s+)?`)

// tpListedParties reads parties listed one to a paragraph under a heading
// ("PARTIES (1) ACME LIMITED ... ("Supplier"). (2) BETA LIMITED ...
// ("Customer")."): each paragraph names one party and defines its term.
func tpListedParties(tc *termContext) ([]Party, int, Span, []string) {
	doc := tc.doc
	for b := 0; b < len(doc.Blocks) && b < 60; b++ {
		if !tpPartiesHeadRe.MatchString(strings.TrimSpace(doc.Blocks[b].Text)) {
			continue
		}
		var ps []Party
		var at []Span
		var where []string
		for k := b + 1; k < len(doc.Blocks) && k <= b+8; k++ {
			t := doc.Blocks[k].Text
			tt := strings.TrimSpace(t)
			if strings.EqualFold(strings.TrimRight(tt, ":;, "), "and") || tt == "" {
				continue
			}
			if tpListEndRe.MatchString(tt) {
				break
			}
			l := tpListLabelRe.FindStringIndex(t)
			got, from, to, w := tpPartiesFrom(t, l[1], false)
			if len(got) == 0 {
				break
			}
			ps = append(ps, got...)
			where = append(where, w...)
			at = append(at, Span{Start: Position{Block: k, Offset: from}, End: Position{Block: k, Offset: to}})
		}
		if len(ps) >= 2 {
			ci, ev := tpEvidence(doc, at)
			if ci >= 0 {
				return ps, ci, ev, where
			}
		}
	}
	return nil, -1, Span{}, nil
}

// tpCoverLabelRe matches a cover-page row that names a party: "Customer: Acme
// Corp" or "Party Name: Acme Corp" in one paragraph (group 1 the label, 2 the
// name), or the label alone in a table cell whose next cell holds the name.
var tpCoverLabelRe = termMustCompile(`^([A-Za-z][A-Za-z -]{1,30}?)\s*:\s*(.*)$`)

// tpCoverNameRe matches a value that can be a party's name: it starts with a
// capital or a digit and holds no field separator; placeholders ("{name}",
// "[Name]", "____") do not match.
var tpCoverNameRe = termMustCompile(`^[A-Z0-9][^:{}\[\]_]{1,99}$`)

// tpCoverNotRole are role words that label fields of a signature block rather
// than a party ("Company:" above a signatory's employer).
var tpCoverNotRole = map[string]bool{"company": true, "member": true, "manager": true, "owner": true, "agent": true, "trust": true, "fund": true, "partner": true, "host": true, "bank": true, "operator": true}

// tpCoverRole returns the role a cover-page label gives a party: the role word
// in its usual case ("PROVIDER" is "Provider"), "" for "Party Name" or "Party
// 1"; ok is false when the label names no party.
func tpCoverRole(label string) (string, bool) {
	l := strings.ToLower(strings.TrimSpace(label))
	switch l {
	case "party name", "party 1", "party 2", "party one", "party two", "first party", "second party", "name of party":
		return "", true
	}
	if tpCoverNotRole[l] {
		return "", false
	}
	for _, w := range tlRoleWords {
		if strings.ToLower(w) == l {
			return w, true
		}
	}
	return "", false
}

// tpCoverParties reads parties from the rows of a cover page or a signature
// table, where the defined term is the row label: "Customer: Acme Corp", a
// "Provider" cell beside the name, or "Party Name: Acme Corp" (no defined
// term). Labels other than "Party Name" count only in tables, the front matter
// and signature blocks.
func tpCoverParties(tc *termContext) ([]Party, int, Span, []string) {
	doc := tc.doc
	bc := tpBlockClauses(doc)
	body := len(doc.Blocks)
	for _, c := range doc.Clauses {
		if c.Kind == KindClause || c.Kind == KindDefinition {
			body = c.Span.Start.Block
			break
		}
	}
	var ps []Party
	var at []Span
	seen := map[string]bool{}
	for b := range doc.Blocks {
		bl := &doc.Blocks[b]
		t := bl.Text
		label, name, nameAt, nameBlock := "", "", 0, b
		if m := tpCoverLabelRe.FindStringSubmatchIndex(t); m != nil {
			label, name, nameAt = t[m[2]:m[3]], t[m[4]:m[5]], m[4]
		}
		if label != "" && strings.TrimSpace(name) == "" && bl.Table > 0 {
			name = "" // "Customer:" alone: the name is in the next cell
		}
		if label == "" && bl.Table > 0 {
			label = strings.TrimSpace(t)
		}
		if name == "" && bl.Table > 0 && b+1 < len(doc.Blocks) {
			nb := &doc.Blocks[b+1]
			if nb.Table == bl.Table && nb.Row == bl.Row && nb.Cell == bl.Cell+1 {
				name, nameAt, nameBlock = nb.Text, 0, b+1
			}
		}
		role, ok := tpCoverRole(label)
		if !ok {
			continue
		}
		if role != "" && bl.Table == 0 && b >= body {
			if ci := bc[b]; ci < 0 || doc.Clauses[ci].Kind != KindSignature {
				continue
			}
		}
		from, to := trimEvidence(doc.Blocks[nameBlock].Text, nameAt, nameAt+len(name))
		name = doc.Blocks[nameBlock].Text[from:to]
		if !tpCoverNameRe.MatchString(name) || seen[strings.ToLower(name)] {
			continue
		}
		if _, isRole := tpCoverRole(name); isRole {
			continue
		}
		seen[strings.ToLower(name)] = true
		p := Party{Name: name, Role: role, Aliases: []string{}}
		if role != "" {
			p.Aliases = []string{role}
		}
		ps = append(ps, p)
		at = append(at, Span{Start: Position{Block: nameBlock, Offset: from}, End: Position{Block: nameBlock, Offset: to}})
	}
	if len(ps) < 2 {
		return nil, -1, Span{}, nil
	}
	ci, ev := tpEvidence(doc, at)
	if ci < 0 {
		return nil, -1, Span{}, nil
	}
	return ps, ci, ev, make([]string, len(ps))
}

// tpPartiesDayFirst sets tc.dayFirst when the parties are outside the US: the
// text that describes each party (where) names a place or corporate form outside
// the US and none names the US.
func tpPartiesDayFirst(tc *termContext, ps []Party, where []string) {
	foreign, us := "", false
	for i, w := range where {
		for _, p := range findPlaces(w) {
			if p.US {
				us = true
			} else if foreign == "" {
				foreign = ps[i].Name + " in " + p.Name
			}
		}
		if foreign == "" && tpForeignRe.MatchString(ps[i].Name) {
			foreign = ps[i].Name
		}
	}
	if foreign != "" && !us {
		tc.dayFirst = true
		tc.dayFirstWhy = "no governing law; party " + foreign
	}
}

// tpPartiesIn reads the parties listed in a preamble sentence s: the parties,
// the range of s that covers their names, and the text describing each.
//
// Defined terms are quoted ("Supplier"); when fewer than two parties are
// found so, a parenthesis of capitalised words counts too ("(Provider)").
func tpPartiesIn(s string) ([]Party, int, int, []string) {
	m := tpBetweenRe.FindStringIndex(asciiLower(s))
	if m == nil {
		return nil, 0, 0, nil
	}
	ps, from, to, where := tpPartiesFrom(s, m[1], false)
	if len(ps) < 2 {
		if ps2, from2, to2, where2 := tpPartiesFrom(s, m[1], true); len(ps2) >= 2 && tpDistinctNamed(ps2) {
			return ps2, from2, to2, where2
		}
	}
	return ps, from, to, where
}

// tpDistinctNamed reports whether parties read with unquoted terms look like
// a list of parties: distinct roles and names that start with a capital or a
// digit (not "located at ...").
func tpDistinctNamed(ps []Party) bool {
	seen := map[string]bool{}
	for _, p := range ps {
		r := strings.ToLower(p.Role)
		if seen[r] || p.Name == "" || !(p.Name[0] >= 'A' && p.Name[0] <= 'Z' || p.Name[0] >= '0' && p.Name[0] <= '9') {
			return false
		}
		seen[r] = true
	}
	return true
}

// tpDefinitions returns the parentheses of s[base:] that define terms, as
// offsets into s[base:] (start, end, and the start and end of the inside),
// with unquoted ones (tpUnquotedRe) when unquoted is set.
func tpDefinitions(s string, base int, unquoted bool) [][]int {
	ds := tpDefinedRe.FindAllStringSubmatchIndex(s[base:], -1)
	if !unquoted {
		return ds
	}
	for _, u := range tpUnquotedRe.FindAllStringSubmatchIndex(s[base:], -1) {
		t := s[base+u[2] : base+u[3]]
		if tpNotTermRe.MatchString(t) || tpNonPartyTerms.MatchString(t) || len(findPlaces(t)) > 0 {
			continue
		}
		ds = append(ds, []int{u[0], u[1], u[2], u[3]})
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i][0] < ds[j][0] })
	return ds
}

// tpPartiesFrom reads the parties listed from s[base:] on, as tpPartiesIn.
func tpPartiesFrom(s string, base int, unquoted bool) ([]Party, int, int, []string) {
	var ps []Party
	var where []string
	from, to := -1, 0
	at := base
	for _, d := range tpDefinitions(s, base, unquoted) {
		if base+d[0] < at {
			continue // inside the previous definition
		}
		seg := s[at : base+d[0]]
		var aliases []string
		inside := s[base+d[2] : base+d[3]]
		for _, q := range tpQuotedRe.FindAllStringSubmatch(inside, -1) {
			if t := strings.TrimSpace(q[1]); t != "" && !tpNonPartyTerms.MatchString(t) {
				aliases = append(aliases, t)
			}
		}
		if len(aliases) == 0 && unquoted && !strings.ContainsAny(inside, "\"“”") {
			aliases = append(aliases, inside)
		}
		segStart := at
		at = base + d[1]
		if len(aliases) == 0 {
			continue
		}
		// The text after a party's definition may go on describing it ("...,
		// whose registered office is in Oxford, and Munksgaard A/S, a company"):
		// the next name then follows the last "and".
		skip := 0
		if lt := strings.TrimLeft(seg, " ,;"); lt != "" && (lt[0] >= 'a' && lt[0] <= 'z') && !strings.HasPrefix(lt, "and ") {
			if i := strings.LastIndex(seg, ", and "); i >= 0 {
				skip = i + len(", and ")
			} else if i := strings.LastIndex(seg, "; and "); i >= 0 {
				skip = i + len("; and ")
			}
		}
		nameFrom, nameTo := tpPartyName(seg[skip:])
		nameFrom, nameTo = nameFrom+skip, nameTo+skip
		if nameTo <= nameFrom {
			continue
		}
		name := strings.TrimRight(seg[nameFrom:nameTo], " ,;")
		ps = append(ps, Party{Name: name, Role: aliases[0], Aliases: aliases})
		where = append(where, seg[nameTo:])
		if from < 0 {
			from = segStart + nameFrom
		}
		to = segStart + nameFrom + len(name)
		// The list ends where the sentence goes on to something else.
		rest := strings.TrimLeft(s[at:], " ,;")
		if !strings.HasPrefix(asciiLower(rest), "and") && !strings.HasPrefix(asciiLower(rest), "&") && len(ps) >= 2 && !tpMoreParties(rest) {
			break
		}
	}
	if len(ps) == 0 {
		return nil, 0, 0, nil
	}
	return ps, from, to, where
}

// tpMoreParties reports whether rest, the text after a party, lists another.
func tpMoreParties(rest string) bool {
	l := asciiLower(rest)
	for _, w := range []string{"and ", "& "} {
		if strings.HasPrefix(l, w) {
			return true
		}
	}
	return rest != "" && 'A' <= rest[0] && rest[0] <= 'Z' && tpDefinedRe.MatchString(rest[:min(len(rest), 300)])
}

// tpPartyName returns the range of seg, the text before a party's defined terms,
// that is its name.
func tpPartyName(seg string) (int, int) {
	from := 0
	for {
		l := asciiLower(seg[from:])
		t := strings.TrimLeft(l, " ,;:")
		from += len(l) - len(t)
		switch {
		case strings.HasPrefix(t, "and "):
			from += 4
			continue
		case strings.HasPrefix(t, "& "):
			from += 2
			continue
		}
		break
	}
	end := len(seg)
	for at := from; at < len(seg); {
		m := tpNameEndRe.FindStringIndex(seg[at:])
		if m == nil {
			break
		}
		if c := tpCorporateSuffixRe.FindStringIndex(seg[at+m[0]:]); c != nil && m[0] == strings.IndexByte(seg[at:], ',') {
			at += m[0] + c[1]
			continue
		}
		end = at + m[0]
		break
	}
	// A comma not followed by a corporate suffix ends the name too.
	for at := from; at < end; {
		i := strings.IndexByte(seg[at:end], ',')
		if i < 0 {
			break
		}
		if c := tpCorporateSuffixRe.FindStringIndex(seg[at+i:]); c != nil {
			at += i + c[1]
			continue
		}
		end = at + i
		break
	}
	from, end = trimEvidence(seg, from, end)
	if end-from > 120 {
		return 0, 0
	}
	return from, end
}

// tpEffectiveRe matches, at the end of the lower-cased words before a date, the
// words that make it the effective date ("effective as of", "shall become
// effective on", "Effective Date" means).
var tpEffectiveRe = termMustCompile(`(?:\beffective\s+(?:as\s+of|as\s+from|on|from|this|date\s+(?:of\s+this\s+agreement\s+)?(?:is|shall\s+be|will\s+be))(?:\s+the\s+day\s+of)?|\b(?:shall|will)\s+(?:become|be)\s+effective(?:\s+(?:as\s+of|on|from))?|\beffective\s+date[”"]?\)?\s*(?:means|shall\s+mean|is|shall\s+be)[^;0-9]{0,50}?(?:on\s+)?|\beffective\s*[,:]?)\s*(?:the\s+)?$`)

// tpCommenceRe matches, at the end of the words before a date, the words that
// start the term on it ("shall commence on", "come into force as of").
var tpCommenceRe = termMustCompile(`(?:\bcommenc(?:e|es|ing|ement)(?:\s+(?:on|as\s+of|from))?|\bcommencement\s+date[^;0-9]{0,40}?(?:is|will\s+be|shall\s+be)|\b(?:begin|begins|beginning|start|starts|starting)(?:\s+(?:on|as\s+of|from))?|\b(?:come|comes|enter|enters)\s+into\s+(?:force|effect)(?:\s+(?:on|as\s+of|as\s+from|from))?)\s*(?:the\s+)?$`)

// tpEffectiveAfterRe matches a defined "Effective Date" right after a date.
var tpEffectiveAfterRe = termMustCompile(`^[\s,]*(?:\(|,)?\s*(?:the|this|such date(?:,)? the|hereinafter(?: referred to as)?(?: the)?|herein(?:after)? called(?: the)?)?\s*[“"']?\s*effective\s+date\b`)

// tpEffectiveEventRe matches an Effective Date defined by an event rather than a
// date ("the date of the last signature", "the Closing Date").
var tpEffectiveEventRe = termMustCompile(`\beffective\b[^.;]{0,80}\b(?:last|later|latest|final|both parties|signing|signature|execution|executed|closing|approval|launch|upon|following)\b`)

// tpEffectiveIsAgreementRe matches an Effective Date defined as the date of the
// agreement.
var tpEffectiveIsAgreementRe = termMustCompile(`\b(?:effective (?:as of|on) |effective date[”"]?\)?\s*(?:means|shall mean|is|shall be) )(?:the )?(?:date (?:first|set forth|written|stated|shown|indicated)[\w\s,]{0,30}(?:above|below|herein|on the (?:first|cover|signature) page)|date (?:hereof|of this agreement))|\b(?:as of|on) the date (?:first )?(?:above |set forth above |written above |hereinabove )?(?:written|set forth|stated)?[^.;]{0,60}\(?[“"]effective date[”"]`)

// tpAgreementDateRe marks the words that date an agreement.
var tpAgreementDateRe = termMustCompile(`\b(?:dated|made|entered into|executed|signed|as of|effective|day of|date[ds]?:?)\b`)

// findDateTerms finds agreement_date and effective_date.
//
// The agreement date is the first date of the title and preamble (the date line
// under the title included), failing those of a clause typed agreement_date, and
// failing those the latest date of the signature blocks. The effective date is
// the date the contract says it takes effect ("effective as of", a defined
// "Effective Date", "shall become effective on"), or the agreement date when the
// Effective Date is defined as the date of the agreement or the preamble dates
// it "as of" that day. An Effective Date defined by an event (the last signature,
// a closing) gives no term.
func findDateTerms(tc *termContext) {
	var front, signature []int
	for i, c := range tc.doc.Clauses {
		switch c.Kind {
		case KindTitle, KindPreamble:
			front = append(front, i)
		case KindSignature:
			signature = append(signature, i)
		}
	}
	agreement := tpFirstDate(tc, front, tpAgreementDateRe.Regexp)
	if agreement == nil {
		agreement = tpFirstDate(tc, front, nil)
	}
	if agreement == nil {
		agreement = tpFirstDate(tc, tc.clausesOf("agreement_date"), tpAgreementDateRe.Regexp)
	}
	if agreement == nil {
		agreement = tpWitnessDate(tc)
	}
	if agreement == nil && len(signature) > 0 {
		agreement = tpLatestDate(tc, signature)
	}
	if agreement != nil {
		tc.add(*agreement)
	}

	cands := tpUnion(front, tpUnion(tc.clausesOf("effective_date"), tc.clausesOf("definitions")))
	effective := tpEffectiveDate(tc, cands, tpEffectiveRe.Regexp, true)
	if effective == nil {
		effective = tpEffectiveDate(tc, tpUnion(cands, tc.clausesOf("expiration")), tpCommenceRe.Regexp, false)
	}
	if effective == nil && agreement != nil {
		switch {
		case tpEffectiveIsAgreement(tc, cands):
			e := *agreement
			e.Kind = "effective_date"
			effective = &e
		case tpAsOf(tc, agreement):
			e := *agreement
			e.Kind = "effective_date"
			effective = &e
		case !tpEffectiveByEvent(tc, cands):
			// Nothing says when the agreement takes effect: it takes effect when
			// made.
			e := *agreement
			e.Kind = "effective_date"
			e.Computed = true
			e.Note = "no effective date stated: the agreement takes effect on its date"
			effective = &e
		}
	}
	if effective != nil {
		tc.add(*effective)
	}
}

// tpDateTerm makes a date term from a date found in sentence s of clause ci.
func tpDateTerm(tc *termContext, k TermKind, ci int, s termSentence, d dateMatch) *Term {
	t := &Term{Kind: k, Value: d.Date, Clause: ci, Evidence: s.span(d.Start, d.End), Ambiguous: d.Ambiguous}
	if d.Ambiguous {
		if tc.dayFirst {
			t.Note = fmt.Sprintf("numeric date %q read day-first (%s); month-first it would be another day", s.Text[d.Start:d.End], tc.dayFirstWhy)
		} else {
			t.Note = fmt.Sprintf("numeric date %q read month-first (no sign of a governing law or parties outside the US); day-first it would be another day", s.Text[d.Start:d.End])
		}
	}
	return t
}

// tpFirstDate returns, as an agreement_date term, the first date in the clauses
// cis, in a sentence that cue matches when cue is set.
func tpFirstDate(tc *termContext, cis []int, cue *regexp.Regexp) *Term {
	for _, ci := range cis {
		for _, s := range tc.sentences(ci) {
			if cue != nil && !cue.MatchString(s.Lower) || tpFurniture(s) {
				continue
			}
			if ds := findDates(s.Text, tc.dayFirst); len(ds) > 0 {
				return tpDateTerm(tc, "agreement_date", ci, s, ds[0])
			}
		}
	}
	return nil
}

// tpFurnitureRe matches a page footer of a filed document ("Source: ACME
// INC, 10-Q, 5/9/2019"): its date is the filing's, not the agreement's.
var tpFurnitureRe = termMustCompile(`^\s*source\s*:`)

// tpFurniture reports whether s is page furniture rather than contract text.
func tpFurniture(s termSentence) bool { return tpFurnitureRe.MatchString(s.Lower) }

// tpWitnessRe matches the testimonium that dates an agreement at its end.
var tpWitnessRe = termMustCompile(`\bin witness whereof\b[^.]{0,200}\b(?:executed|signed|date|as of)`)

// tpWitnessDate returns the date of the testimonium ("IN WITNESS WHEREOF, the
// parties have executed this Agreement as of the 4th day of April, 2003").
func tpWitnessDate(tc *termContext) *Term {
	for ci := range tc.doc.Clauses {
		if !tc.clauseHas(ci, "witness") {
			continue
		}
		for _, s := range tc.sentences(ci) {
			if !strings.Contains(s.Lower, "witness") || !tpWitnessRe.MatchString(s.Lower) {
				continue
			}
			if ds := findDates(s.Text, tc.dayFirst); len(ds) > 0 {
				return tpDateTerm(tc, "agreement_date", ci, s, ds[0])
			}
		}
	}
	return nil
}

// tpLatestDate returns the latest date of the signature clauses cis: the day the
// last party signed.
func tpLatestDate(tc *termContext, cis []int) *Term {
	var best *Term
	for _, ci := range cis {
		for _, s := range tc.sentences(ci) {
			if tpFurniture(s) {
				continue
			}
			for _, d := range findDates(s.Text, tc.dayFirst) {
				if best == nil || best.Value.(Date).Before(d.Date) {
					best = tpDateTerm(tc, "agreement_date", ci, s, d)
				}
			}
		}
	}
	return best
}

// tpEffectiveDate returns the date the clauses cis say the agreement takes
// effect, or nil.
func tpEffectiveDate(tc *termContext, cis []int, before *regexp.Regexp, defined bool) *Term {
	for _, ci := range cis {
		for _, s := range tc.sentences(ci) {
			if tpFurniture(s) {
				continue
			}
			ds := findDates(s.Text, tc.dayFirst)
			for i, d := range ds {
				from := max(0, d.Start-90)
				if i > 0 {
					from = max(from, ds[i-1].End)
				}
				if defined && tpEffectiveAfterRe.MatchString(s.Lower[d.End:]) || before.MatchString(s.Lower[from:d.Start]) {
					return tpDateTerm(tc, "effective_date", ci, s, d)
				}
			}
		}
	}
	return nil
}

// tpEffectiveByEvent reports whether the clauses cis make the agreement take
// effect on an event with no date.
func tpEffectiveByEvent(tc *termContext, cis []int) bool {
	for _, ci := range cis {
		for _, s := range tc.sentences(ci) {
			if strings.Contains(s.Lower, "effective") && tpEffectiveEventRe.MatchString(s.Lower) && len(findDates(s.Text, tc.dayFirst)) == 0 {
				return true
			}
		}
	}
	return false
}

// tpEffectiveIsAgreement reports whether the clauses cis define the Effective Date
// as the date of the agreement.
func tpEffectiveIsAgreement(tc *termContext, cis []int) bool {
	for _, ci := range cis {
		for _, s := range tc.sentences(ci) {
			if strings.Contains(s.Lower, "effective") && tpEffectiveIsAgreementRe.MatchString(s.Lower) {
				return true
			}
		}
	}
	return false
}

// tpAsOfRe matches "as of" right before a date.
var tpAsOfRe = termMustCompile(`\b(?:as of|effective)\s*(?:the\s+)?$`)

// tpAsOf reports whether the agreement date term is written "as of" its date
// ("made and entered into as of June 1, 2020"): the day the agreement is deemed
// to take effect.
func tpAsOf(tc *termContext, t *Term) bool {
	b := tc.doc.Blocks[t.Evidence.Start.Block].Text
	before := asciiLower(b[max(0, t.Evidence.Start.Offset-40):t.Evidence.Start.Offset])
	return tpAsOfRe.MatchString(before)
}
