package obligation

import (
	"fmt"
	"sort"
	"strings"

	"github.com/clm-engine/clm/extract"
)

// Kinds of obligation. They are part of the JSON output: never rename one.
const (
	KindNonRenewalNotice   = "non_renewal_notice"             // last day to give notice of non-renewal
	KindExpiration         = "expiration"                     // last day of the current term
	KindRenewal            = "renewal"                        // first day of the next automatic renewal term
	KindConvenienceNotice  = "convenience_termination_notice" // notice needed to terminate for convenience
	KindConsentRequired    = "consent_required"               // consent needed before assigning the agreement
	KindChangeOfControl    = "change_of_control_notice"       // what a change of control sets off
	KindPayment            = "payment"                        // time to pay an invoice
	KindCurePeriod         = "cure_period"                    // time to cure a breach after notice
	triggerConvenience     = "a decision to terminate for convenience"
	triggerAssignment      = "an assignment or transfer of the agreement"
	triggerChangeOfControl = "a change of control"
	triggerInvoice         = "receipt of an invoice"
	triggerBreachNotice    = "notice of a breach"
)

// Obligation is one thing a party must do by a date, or when an event happens:
// Due is nil for an event-triggered obligation (Trigger names the event) and for
// one whose date the contract does not let us compute (Reason says why). A date
// is never guessed.
type Obligation struct {
	Kind string `json:"kind"`
	// Due is the last day to act ("YYYY-MM-DD"), or null.
	Due *extract.Date `json:"due"`
	// WindowStart is the first day acting is useful (the start of the term a
	// notice of non-renewal stops), or null.
	WindowStart *extract.Date `json:"window_start"`
	// Party is who must act: "either party" or a party's defined term; empty
	// when the contract does not say.
	Party       string `json:"party"`
	Description string `json:"description"`
	// Clause is the id of the clause the obligation comes from; ClauseNumber
	// its number as the document shows it.
	Clause       string `json:"clause"`
	ClauseNumber string `json:"clause_number"`
	// Computed marks a due date derived from other terms; Computation shows how
	// ("expires 2027-03-31 (effective 2024-04-01 + 3 years); notice 90 days
	// before: 2026-12-31").
	Computed     bool             `json:"computed"`
	Computation  string           `json:"computation"`
	Evidence     extract.Evidence `json:"evidence"`
	Trigger      string           `json:"trigger"`       // the event that starts the clock, for an undated obligation
	Reason       string           `json:"reason"`        // why Due is null when no event explains it
	Document     string           `json:"document"`      // the document's id (its SHA-256 unless given)
	DocumentName string           `json:"document_name"` // the document's file name
}

// Options configure FromDocument. The zero value is usable, but AsOf should be
// set: obligations are rolled forward to it.
type Options struct {
	// AsOf is "today": automatic renewals roll forward to the first notice
	// deadline on or after it. The zero Date leaves renewals unrolled (the
	// initial term).
	AsOf extract.Date
	// Document identifies the document in each obligation (its SHA-256 or a
	// store id); default: doc.SHA256.
	Document string
}

// FromDocument derives the obligations of a typed document from its key terms,
// in due-date order (undated last). doc must have been parsed with types.
func FromDocument(doc *extract.Document, o Options) []Obligation {
	id := o.Document
	if id == "" {
		id = doc.SHA256
	}
	b := builder{doc: doc, id: id, terms: map[extract.TermKind]*extract.Term{}}
	for i := range doc.Terms {
		t := &doc.Terms[i]
		if b.terms[t.Kind] == nil {
			b.terms[t.Kind] = t
		}
	}
	b.term(o.AsOf)
	b.convenience()
	b.consent()
	b.changeOfControl()
	b.payment()
	b.cure()
	sort.SliceStable(b.out, func(i, j int) bool {
		di, dj := b.out[i].Due, b.out[j].Due
		switch {
		case di == nil || dj == nil:
			return di != nil && dj == nil
		default:
			return di.Before(*dj)
		}
	})
	return b.out
}

type builder struct {
	doc   *extract.Document
	id    string
	terms map[extract.TermKind]*extract.Term
	out   []Obligation
}

func (b *builder) get(k extract.TermKind) *extract.Term { return b.terms[k] }

func (b *builder) str(k extract.TermKind) string {
	if t := b.get(k); t != nil {
		if s, ok := t.Value.(string); ok {
			return s
		}
	}
	return ""
}

func (b *builder) dur(k extract.TermKind) extract.Duration {
	if t := b.get(k); t != nil {
		if d, ok := t.Value.(extract.Duration); ok {
			return d
		}
	}
	return extract.Duration{}
}

func (b *builder) flag(k extract.TermKind) (value, ok bool) {
	if t := b.get(k); t != nil {
		v, ok := t.Value.(bool)
		return v, ok
	}
	return false, false
}

// add appends an obligation citing term t (its clause and evidence).
func (b *builder) add(ob Obligation, t *extract.Term) {
	ob.Document, ob.DocumentName = b.id, b.doc.Name
	if t != nil && t.Clause >= 0 && t.Clause < len(b.doc.Clauses) {
		c := &b.doc.Clauses[t.Clause]
		ob.Clause, ob.ClauseNumber = c.ID, c.Number
		ob.Evidence = b.doc.Evidence(t.Clause, t.Evidence)
	}
	b.out = append(b.out, ob)
}

// term adds the expiration, renewal and non-renewal notice obligations.
func (b *builder) term(asOf extract.Date) {
	r := RenewalFromTerms(b.doc.Terms)
	exp, initial, eff := b.get("expiration_date"), b.get("initial_term"), b.get("effective_date")
	auto, autoKnown := b.flag("auto_renewal")
	notice := b.get("renewal_notice_period")
	if exp == nil && initial == nil && !autoKnown && notice == nil {
		return // the contract says nothing of its term
	}
	// the initial term's end, stated or computed
	var end extract.Date
	var how string
	cite := exp
	switch {
	case r.Perpetual && exp == nil:
		b.add(Obligation{Kind: KindExpiration, Description: "The agreement has no fixed end: it runs until terminated.",
			Reason: "the agreement is perpetual"}, b.get("perpetual"))
		return
	case exp != nil && !exp.Computed:
		end = r.Expiration
		how = fmt.Sprintf("the initial term ends %s (stated)", end)
	case initial != nil && eff != nil && !r.Effective.IsZero() && !r.InitialTerm.IsZero():
		end = TermEnd(r.Effective, r.InitialTerm)
		how = fmt.Sprintf("the initial term ends %s (effective %s + %s)", end, r.Effective, Plain(r.InitialTerm))
		cite = initial
	case exp != nil:
		end = r.Expiration
		how = fmt.Sprintf("the initial term ends %s (%s)", end, exp.Note)
	}
	if cite == nil {
		cite = initial
	}
	if end.IsZero() || !end.Valid() {
		reason := "the contract states no expiration date, and no effective date with an initial term"
		if initial != nil && eff == nil {
			reason = fmt.Sprintf("the initial term is %s, but the contract states no effective date to count it from", Plain(r.InitialTerm))
		}
		b.add(Obligation{Kind: KindExpiration, Description: "The initial term ends on a date the contract does not let us compute.",
			Reason: reason}, cite)
		if autoKnown && auto && notice != nil {
			b.add(Obligation{Kind: KindNonRenewalNotice, Party: b.str("renewal_notice_party"),
				Description: fmt.Sprintf("Give notice of non-renewal at least %s before the end of the term.", Plain(r.NoticePeriod)),
				Reason:      "the end of the term cannot be computed: " + reason}, notice)
		}
		return
	}
	// roll automatic renewals forward to the current term
	start := r.Effective
	renewals := 0
	if autoKnown && auto && !r.RenewalTerm.IsZero() && asOf.Valid() {
		for end.Before(asOf) && renewals < maxRenewals && (r.Limit == 0 || renewals < r.Limit) {
			start = end.AddDays(1)
			end = TermEnd(start, r.RenewalTerm)
			renewals++
		}
	}
	if renewals > 0 {
		how += fmt.Sprintf("; renewed %d time(s) for %s: the current term runs %s to %s", renewals, Plain(r.RenewalTerm), start, end)
	}
	endCopy := end
	desc := fmt.Sprintf("The term ends on %s.", end)
	if renewals == 0 {
		desc = fmt.Sprintf("The initial term ends on %s.", end)
	}
	if autoKnown && auto {
		desc += " It renews automatically unless notice of non-renewal is given in time."
	}
	b.add(Obligation{Kind: KindExpiration, Due: &endCopy, Party: "either party", Description: desc,
		Computed: cite != exp || (exp != nil && exp.Computed) || renewals > 0, Computation: how}, cite)
	if !autoKnown || !auto {
		return
	}
	renewTerm := b.get("renewal_term")
	next := end.AddDays(1)
	renewal := Obligation{Kind: KindRenewal, Party: "either party", Computed: true,
		Computation: fmt.Sprintf("%s; renews the next day", how)}
	if r.Limit > 0 && renewals >= r.Limit {
		renewal.Description = fmt.Sprintf("The last of %d renewal terms ends on %s; the agreement does not renew again.", r.Limit, end)
		renewal.Reason = "no renewals left"
	} else {
		renewal.Due = &next
		renewal.Description = fmt.Sprintf("The agreement renews automatically on %s", next)
		if !r.RenewalTerm.IsZero() {
			renewal.Description += " for " + Plain(r.RenewalTerm)
		}
		renewal.Description += "."
	}
	if renewTerm == nil {
		renewTerm = b.get("auto_renewal")
	}
	b.add(renewal, renewTerm)
	if notice == nil || r.NoticePeriod.IsZero() {
		b.add(Obligation{Kind: KindNonRenewalNotice, Party: b.str("renewal_notice_party"),
			Description: "The agreement renews automatically; the contract states no notice period for non-renewal.",
			Reason:      "no notice period for non-renewal is stated"}, b.get("auto_renewal"))
		return
	}
	due := Prior(end, r.NoticePeriod)
	computation := fmt.Sprintf("%s; notice %s before: %s", how, Plain(r.NoticePeriod), due)
	if due.Before(asOf) && asOf.Valid() {
		// the window for this term has closed: the next one is a term later
		if r.RenewalTerm.IsZero() || r.Limit > 0 && renewals >= r.Limit {
			b.add(Obligation{Kind: KindNonRenewalNotice, Party: b.str("renewal_notice_party"),
				Description: fmt.Sprintf("The last day to give notice of non-renewal of the term ending %s was %s.", end, due),
				Computed:    true, Computation: computation,
				Reason: "the notice window for the current term has closed and the next term cannot be computed"}, notice)
			return
		}
		start = end.AddDays(1)
		end = TermEnd(start, r.RenewalTerm)
		due = Prior(end, r.NoticePeriod)
		computation += fmt.Sprintf(" (passed); next term %s to %s, notice %s before: %s", start, end, Plain(r.NoticePeriod), due)
	}
	ws := start
	var wsp *extract.Date
	if !ws.IsZero() && ws.Valid() {
		wsp = &ws
	}
	party := b.str("renewal_notice_party")
	b.add(Obligation{Kind: KindNonRenewalNotice, Due: &due, WindowStart: wsp, Party: party,
		Description: fmt.Sprintf("Last day for %s to give written notice of non-renewal (%s before the term ends on %s); otherwise the agreement renews.",
			orAParty(party), Plain(r.NoticePeriod), end),
		Computed: true, Computation: computation}, notice)
}

func (b *builder) convenience() {
	p, who := b.get("convenience_notice_period"), b.get("convenience_termination_party")
	if p == nil && who == nil {
		return
	}
	party := b.str("convenience_termination_party")
	desc := fmt.Sprintf("%s may terminate for convenience", capital(orAParty(party)))
	cite := who
	if p != nil {
		desc += fmt.Sprintf(" by giving %s' written notice", Plain(b.dur("convenience_notice_period")))
		cite = p
	}
	b.add(Obligation{Kind: KindConvenienceNotice, Party: party, Description: desc + ".",
		Trigger: triggerConvenience, Reason: "the notice runs from the date the party chooses to terminate"}, cite)
}

func (b *builder) consent() {
	req, ok := b.flag("assignment_consent_required")
	if !ok || !req {
		return
	}
	whose := b.str("assignment_consent_party")
	desc := "Assigning or transferring the agreement requires the prior consent"
	switch whose {
	case "":
	case "other party", "either party":
		desc += " of the other party"
	default:
		desc += " of " + whose
	}
	switch b.str("assignment_consent_standard") {
	case "not_unreasonably_withheld":
		desc += " (not to be unreasonably withheld)"
	case "sole_discretion":
		desc += " (in its sole discretion)"
	}
	desc += "."
	trigger := triggerAssignment
	if coc, _ := b.flag("assignment_change_of_control"); coc {
		trigger += ", including a change of control (deemed an assignment)"
	}
	party := "the assigning party"
	if mutual, ok := b.flag("assignment_mutual"); ok && mutual {
		party = "either party"
	}
	b.add(Obligation{Kind: KindConsentRequired, Party: party, Description: desc, Trigger: trigger}, b.get("assignment_consent_required"))
}

func (b *builder) changeOfControl() {
	t := b.get("change_of_control_triggers")
	if t == nil {
		return
	}
	triggers, _ := t.Value.([]string)
	party := b.str("change_of_control_party")
	desc := "A change of control"
	if party != "" && party != "either party" {
		desc += " of the party other than " + party
	}
	if len(triggers) > 0 {
		desc += " gives rise to: " + strings.Join(triggers, ", ")
	}
	if party != "" {
		desc += fmt.Sprintf(" (right held by %s)", party)
	}
	b.add(Obligation{Kind: KindChangeOfControl, Party: party, Description: desc + ".", Trigger: triggerChangeOfControl}, t)
}

func (b *builder) payment() {
	t := b.get("payment_term")
	if t == nil {
		return
	}
	desc := fmt.Sprintf("Pay each invoice within %s.", Plain(b.dur("payment_term")))
	if r := b.get("late_interest_rate"); r != nil {
		if rate, ok := r.Value.(float64); ok {
			desc += fmt.Sprintf(" Late payments bear interest at %g%%", rate)
			if p := b.dur("late_interest_period"); !p.IsZero() {
				desc += " per " + strings.TrimPrefix(Plain(p), "1 ")
			}
			desc += "."
		}
	}
	b.add(Obligation{Kind: KindPayment, Description: desc, Trigger: triggerInvoice}, t)
}

func (b *builder) cure() {
	t := b.get("cure_period")
	if t == nil {
		return
	}
	b.add(Obligation{Kind: KindCurePeriod, Party: "the party in breach",
		Description: fmt.Sprintf("A party in breach has %s after notice to cure it before the other may terminate.", Plain(b.dur("cure_period"))),
		Trigger:     triggerBreachNotice}, t)
}

// Plain writes a period in words: "3 years", "90 days", "10 business days",
// "1 year and 6 months".
func Plain(p extract.Duration) string {
	var parts []string
	unit := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	unit(p.Years, "year", "years")
	unit(p.Months, "month", "months")
	unit(p.Weeks, "week", "weeks")
	if p.Business {
		unit(p.Days, "business day", "business days")
	} else {
		unit(p.Days, "day", "days")
	}
	switch len(parts) {
	case 0:
		return "0 days"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func orAParty(p string) string {
	if p == "" {
		return "a party"
	}
	return p
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
