package extract

// Finders for the parties, the dates, the term and renewal, governing law,
// termination for convenience and the cure period.

// findGoverningLaw finds governing_law and venue.
func findGoverningLaw(tc *termContext) {}

// findParties finds parties.
func findParties(tc *termContext) {}

// findDateTerms finds agreement_date and effective_date.
func findDateTerms(tc *termContext) {}

// findTermAndRenewal finds initial_term, expiration_date, perpetual and the renewal terms.
func findTermAndRenewal(tc *termContext) {}

// findConvenienceTermination finds convenience_termination_party and convenience_notice_period.
func findConvenienceTermination(tc *termContext) {}

// findCurePeriod finds cure_period.
func findCurePeriod(tc *termContext) {}
