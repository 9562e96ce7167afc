// Package obligation computes the dates a contract obliges its parties to act
// by — the end of a term, the last day to give notice of non-renewal — from the
// key terms extraction abstracts, with the conventions deal teams count by.
//
// Conventions:
//
//   - A term of N years (months, weeks, days) from day D ends on the day before
//     its anniversary, D plus N: one year from 2026-03-01 ends on 2027-02-28.
//     When the anniversary's day does not exist in its month (31 March plus one
//     month), the term ends on that month's last day (30 April). A stated end
//     date always wins over a computed one.
//   - "N days prior" counts N calendar days back from the last day of the term;
//     months and years back clamp to the month's end (three months before
//     31 May is 28 or 29 February); business days count Monday to Friday, with
//     no holidays.
//   - Leap years follow the calendar: a term starting on 29 February ends, a
//     year later, on 28 February.
//
// Nothing here reads the clock: the as-of date is always an argument.
package obligation

import (
	"errors"
	"fmt"

	"github.com/clm-engine/clm/extract"
)

// maxRenewals bounds how many renewal terms NonRenewalDeadline rolls forward: a
// day-long renewal term from the year 1 must not loop for long.
const maxRenewals = 100000

// TermEnd returns the last day of a term of length p that starts on start:
// the day before the anniversary, or the last day of the anniversary's month
// when its day does not exist there; business days count Monday to Friday
// from start. A zero p gives the zero Date. It is extract.Date.TermEnd, so
// that obligations and the extracted expiration_date count alike.
func TermEnd(start extract.Date, p extract.Duration) extract.Date { return start.TermEnd(p) }

// Prior returns the day p before d: calendar days and weeks counted back,
// months and years back clamped to the month's end, business days counted back
// over Monday to Friday. It is the last day to give a notice of p before d. It
// is extract.Date.Prior.
func Prior(d extract.Date, p extract.Duration) extract.Date { return d.Prior(p) }

// Renewal is what a non-renewal deadline is computed from: the term and
// renewal key terms of one contract. A zero field is a term the contract does
// not state.
type Renewal struct {
	Effective   extract.Date     // when the agreement takes effect
	InitialTerm extract.Duration // the length of the initial term
	// Expiration is the last day of the initial term; zero: computed from
	// Effective and InitialTerm.
	Expiration   extract.Date
	Perpetual    bool             // no fixed end
	Automatic    bool             // the term renews automatically
	RenewalTerm  extract.Duration // the length of each renewal term
	Limit        int              // the most renewal terms; 0: no limit
	NoticePeriod extract.Duration // notice of non-renewal needed before a term ends
}

// RenewalFromTerms gathers a Renewal from a document's key terms (the Terms of
// an extract.Document); terms of another type than the catalogue's are ignored.
func RenewalFromTerms(terms []extract.Term) Renewal {
	var r Renewal
	for _, t := range terms {
		switch v := t.Value.(type) {
		case extract.Date:
			switch t.Kind {
			case "effective_date":
				r.Effective = v
			case "expiration_date":
				r.Expiration = v
			}
		case extract.Duration:
			switch t.Kind {
			case "initial_term":
				r.InitialTerm = v
			case "renewal_term":
				r.RenewalTerm = v
			case "renewal_notice_period":
				r.NoticePeriod = v
			}
		case bool:
			switch t.Kind {
			case "perpetual":
				r.Perpetual = v
			case "auto_renewal":
				r.Automatic = v
			}
		case int:
			if t.Kind == "renewal_limit" {
				r.Limit = v
			}
		}
	}
	return r
}

// Deadline is the next last day to give notice of non-renewal.
type Deadline struct {
	Date    extract.Date // the last day notice can be given
	TermEnd extract.Date // the last day of the term the notice stops
	// Renewals is how many renewal terms were rolled forward past the initial
	// term to reach a deadline on or after the as-of date.
	Renewals int
}

// UndatedError says why a deadline cannot be computed. The contract does not
// state enough; a date is never guessed.
type UndatedError struct {
	Reason string
}

func (e *UndatedError) Error() string { return "obligation: undated: " + e.Reason }

// ErrUndated matches every *UndatedError with errors.Is.
var ErrUndated = errors.New("obligation: undated")

// Is reports whether target is ErrUndated.
func (e *UndatedError) Is(target error) bool { return target == ErrUndated }

func undated(format string, args ...any) error {
	return &UndatedError{Reason: fmt.Sprintf(format, args...)}
}

// NonRenewalDeadline returns the first last-day-to-give-notice of non-renewal
// on or after asOf: the notice period before the end of the initial term, or,
// once that has passed, before the end of each automatic renewal term in turn.
// It returns an *UndatedError when the contract does not say enough: no end of
// the initial term, no automatic renewal, no notice period, or, past the
// initial term, no renewal term or no renewals left.
func NonRenewalDeadline(r Renewal, asOf extract.Date) (Deadline, error) {
	switch {
	case !asOf.Valid():
		return Deadline{}, undated("no as-of date")
	case r.Perpetual && r.Expiration.IsZero():
		return Deadline{}, undated("the agreement has no fixed term (perpetual)")
	case !r.Automatic:
		return Deadline{}, undated("the agreement does not renew automatically (or does not say it does)")
	case r.NoticePeriod.IsZero():
		return Deadline{}, undated("no notice period for non-renewal")
	}
	end := r.Expiration
	if end.IsZero() {
		if r.Effective.IsZero() || r.InitialTerm.IsZero() {
			return Deadline{}, undated("no expiration date, and no effective date with an initial term")
		}
		end = TermEnd(r.Effective, r.InitialTerm)
	}
	if !end.Valid() {
		return Deadline{}, undated("the end of the initial term (%s) is not a calendar date", end)
	}
	d := Deadline{Date: Prior(end, r.NoticePeriod), TermEnd: end}
	for d.Date.Before(asOf) {
		switch {
		case r.RenewalTerm.IsZero():
			return Deadline{}, undated("the notice deadline %s for the term ending %s has passed and the renewal term is not stated", d.Date, d.TermEnd)
		case r.Limit > 0 && d.Renewals >= r.Limit:
			return Deadline{}, undated("the last of %d renewal terms ends %s; its notice deadline %s has passed", r.Limit, d.TermEnd, d.Date)
		case d.Renewals >= maxRenewals || d.TermEnd.Year >= 9999:
			return Deadline{}, undated("the renewal terms do not reach %s", asOf)
		}
		d.TermEnd = TermEnd(d.TermEnd.AddDays(1), r.RenewalTerm)
		d.Date = Prior(d.TermEnd, r.NoticePeriod)
		d.Renewals++
	}
	return d, nil
}
