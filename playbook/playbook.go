package playbook

import (
	"log/slog"

	"github.com/clm-engine/clm/extract"
)

// Outcomes of a decision.
const (
	OutcomeAccept   = "accept"   // the clause meets the standard position
	OutcomeFallback = "fallback" // a fallback position (an edit, a replacement or an insertion) applies
	OutcomeEscalate = "escalate" // no position fits, or the engine cannot tell: a person decides

	// PositionMissing is the position of a decision that inserts a missing clause.
	PositionMissing = "insert missing clause"
	// PositionMissingAccepted is the position of a decision that accepts the
	// absence of the rule's clause type (missing: {accept: true}).
	PositionMissingAccepted = "no clause: acceptable"
	// PositionStandard is the position of an accepted clause.
	PositionStandard = "standard"
)

// Playbook is a loaded playbook: deal counsel's positions per clause type, with
// every expression compiled and type-checked. A *Playbook is never modified after
// Load and is safe for concurrent use.
type Playbook struct {
	Name        string
	Version     string // the author's label
	Owner       string
	Perspective string // the party whose interests the rules protect ("customer")
	Parties     Parties
	// Authority lists the roles in the order written, lowest first, with the
	// outcomes each may approve without escalating.
	Authority []Role
	Rules     []*Rule
	Tests     []*Test
	File      string // the file name as given to Load
	Revision  string // hex SHA-256 of the playbook file's bytes
}

// Parties are the defined terms that recognise our side and theirs.
type Parties struct {
	Us   []string
	Them []string
}

// Role is one entry of the authority map.
type Role struct {
	Name     string
	Outcomes []string
}

// Rule is deal counsel's position on one clause type.
type Rule struct {
	ID     string
	Clause extract.ClauseType
	When   *Cond // nil: the rule applies to every clause of its type
	Positions
	Missing *Missing // nil: a contract without the clause type escalates
	// Jurisdictions override Positions where the governing law is Law.
	Jurisdictions []*Jurisdiction
	Line, Column  int // where the rule starts in File
}

// Positions are what a rule accepts, concedes and escalates.
type Positions struct {
	Accept    *Cond
	Fallbacks []*Fallback
	Escalate  *Escalation // nil: escalate to the lowest role allowed to escalate
}

// Jurisdiction is a variant of a rule's positions for contracts governed by
// one law, named as extraction normalises it ("England and Wales", "Delaware").
type Jurisdiction struct {
	Law string
	// Accept, Fallbacks and Escalate replace the rule's own when set; Fallbacks
	// is set (possibly empty) when the variant has a fallbacks key.
	Accept       *Cond
	Fallbacks    []*Fallback
	HasFallbacks bool
	Escalate     *Escalation
}

// Fallback is a position a reviewer may concede: an edit of the clause or a
// replacement text.
type Fallback struct {
	Name      string
	When      *Cond // nil: always applies
	Edit      *Edit
	Text      string // replaces the clause body; {{us}} and {{them}} become defined terms
	Authority string // the role that approves it; empty: the lowest role allowed "fallback"
}

// Edit replaces one phrase of the clause.
type Edit struct {
	Replace string // must occur exactly once after quote and dash normalisation
	With    string
}

// Escalation says to whom a rule escalates, and why.
type Escalation struct {
	To     string
	Reason string
}

// Missing is what a rule does when the contract has no clause of its type:
// insert Text (outcome fallback), or, with Accept, accept the absence (outcome
// accept). Load allows exactly one of the two.
type Missing struct {
	InsertAfter string // a clause type, or "end"; with Text only
	Text        string
	Accept      bool   // the absence is acceptable
	Reason      string // why the absence is acceptable; with Accept only
	Authority   string // empty: the lowest role allowed "fallback" (with Accept: "accept")
}

// Test is one playbook test case: a clause text, typed terms, or both, and the
// decision expected of one rule.
type Test struct {
	Name      string
	Clause    string // clause text run through extraction; "" when HasClause is false
	HasClause bool
	Terms     map[extract.TermKind]any // typed values; a nil value states the term is absent
	Party     string
	Expect    Expect
	File      string
	Line      int
}

// Expect is what a test expects: Outcome is accept, fallback, escalate, or none
// (the rule does not apply); Position, when set, must equal the decision's.
type Expect struct {
	Rule     string
	Outcome  string
	Position string
}

// Options configures Load and Evaluate. The zero value uses the defaults in the
// field comments.
type Options struct {
	// Party names our side in the contract (its legal name or a defined term);
	// empty: recognise it from the playbook's parties aliases.
	Party string
	// Engine is the engine version written in reports; default "dev".
	Engine string
	// MaxRules limits the rules of one playbook; default 1000.
	MaxRules int
	// MaxNodes limits the nodes of one expression; default 500.
	MaxNodes uint
	Logger   *slog.Logger // nil discards
}

func (o *Options) withDefaults() Options {
	var r Options
	if o != nil {
		r = *o
	}
	if r.Engine == "" {
		r.Engine = "dev"
	}
	if r.MaxRules <= 0 {
		r.MaxRules = 1000
	}
	if r.MaxNodes == 0 {
		r.MaxNodes = 500
	}
	if r.Logger == nil {
		r.Logger = slog.New(slog.DiscardHandler)
	}
	return r
}
