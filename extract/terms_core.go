package extract

// Finders for the term and its renewal, termination for convenience and the cure period.

// findTermAndRenewal finds initial_term, expiration_date, perpetual and the renewal terms.
func findTermAndRenewal(tc *termContext) {}

// findConvenienceTermination finds convenience_termination_party and convenience_notice_period.
func findConvenienceTermination(tc *termContext) {}

// findCurePeriod finds cure_period.
func findCurePeriod(tc *termContext) {}
