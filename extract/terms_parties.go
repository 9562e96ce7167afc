package extract

// Finders for the parties, the agreement and effective dates, and governing law
// and venue: the facts that decide how numeric dates are read.

// findGoverningLaw finds governing_law and venue.
func findGoverningLaw(tc *termContext) {}

// findParties finds parties.
func findParties(tc *termContext) {}

// findDateTerms finds agreement_date and effective_date.
func findDateTerms(tc *termContext) {}
