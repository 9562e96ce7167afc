package extract

// Finders for assignment, change of control, indemnification, liability and payment.

// findAssignmentTerms finds the assignment_* terms.
func findAssignmentTerms(tc *termContext) {}

// findChangeOfControlTerms finds the change_of_control_* terms.
func findChangeOfControlTerms(tc *termContext) {}

// findIndemnificationTerms finds the indemnification terms.
func findIndemnificationTerms(tc *termContext) {}

// findLiabilityTerms finds the liability cap terms and consequential_damages_excluded.
func findLiabilityTerms(tc *termContext) {}

// findPaymentTerms finds payment_term and the late interest terms.
func findPaymentTerms(tc *termContext) {}
