package extract

// ClauseType is a clause type id from the taxonomy ("governing_law").
type ClauseType string

// TypeInfo describes one clause type: its id, the CUAD v1 categories it maps to
// (none for types CUAD does not label), and what it means.
type TypeInfo struct {
	ID      ClauseType
	CUAD    []string
	Meaning string
}

// Taxonomy is the fixed list of clause types, in the order reports list them. The
// ids are part of the JSON schema and of playbook expressions: never rename one.
var Taxonomy = []TypeInfo{
	{"parties", []string{"Parties"}, "names the contracting parties"},
	{"agreement_date", []string{"Agreement Date"}, "states the date of the agreement"},
	{"effective_date", []string{"Effective Date"}, "states when the agreement takes effect"},
	{"expiration", []string{"Expiration Date"}, "states the initial term or when the agreement expires"},
	{"renewal", []string{"Renewal Term"}, "renewal of the term, automatic or by option"},
	{"renewal_notice", []string{"Notice Period To Terminate Renewal"}, "notice needed to stop a renewal"},
	{"governing_law", []string{"Governing Law"}, "the law that governs the agreement"},
	{"assignment", []string{"Anti-Assignment"}, "restrictions on assignment or transfer, consent to assign"},
	{"change_of_control", []string{"Change Of Control"}, "rights triggered by a change of control, merger or sale"},
	{"termination_for_convenience", []string{"Termination For Convenience"}, "termination without cause"},
	{"liability_cap", []string{"Cap On Liability"}, "a cap on or exclusion of liability"},
	{"uncapped_liability", []string{"Uncapped Liability"}, "liability excluded from the cap"},
	{"insurance", []string{"Insurance"}, "insurance a party must carry"},
	{"audit_rights", []string{"Audit Rights"}, "a right to audit or inspect books and records"},
	{"non_compete", []string{"Non-Compete"}, "a restriction on competing"},
	{"exclusivity", []string{"Exclusivity"}, "exclusive dealing or exclusive rights"},
	{"non_solicit", []string{"No-Solicit Of Employees", "No-Solicit Of Customers"}, "no soliciting of employees or customers"},
	{"ip_ownership_assignment", []string{"Ip Ownership Assignment"}, "who owns or is assigned intellectual property"},
	{"license_grant", []string{"License Grant"}, "a grant of a licence"},
	{"warranty_duration", []string{"Warranty Duration"}, "how long a warranty lasts"},
	{"most_favored_nation", []string{"Most Favored Nation"}, "most-favoured terms or pricing"},
	{"minimum_commitment", []string{"Minimum Commitment"}, "a minimum purchase, volume or spend"},
	{"liquidated_damages", []string{"Liquidated Damages"}, "agreed damages or termination fees"},
	{"post_termination_services", []string{"Post-Termination Services"}, "obligations that continue after termination"},
	{"third_party_beneficiary", []string{"Third Party Beneficiary"}, "third-party beneficiaries, or none"},
	{"revenue_profit_sharing", []string{"Revenue/Profit Sharing"}, "sharing of revenue or profit"},
	{"rofr_rofo_rofn", []string{"Rofr/Rofo/Rofn"}, "rights of first refusal, offer or negotiation"},
	{"source_code_escrow", []string{"Source Code Escrow"}, "source code deposited in escrow"},
	{"covenant_not_to_sue", []string{"Covenant Not To Sue"}, "a promise not to sue or challenge"},
	{"non_disparagement", []string{"Non-Disparagement"}, "no disparaging statements"},
	{"indemnification", nil, "who indemnifies whom, and for what"},
	{"confidentiality", nil, "confidentiality obligations"},
	{"data_protection", nil, "personal data and data protection"},
	{"notices", nil, "how notices are given"},
	{"payment_terms", nil, "fees, invoicing and payment"},
	{"termination", nil, "termination rights and their effect"},
	{"force_majeure", nil, "force majeure"},
	{"dispute_resolution", nil, "arbitration, courts and venue"},
	{"warranty", nil, "representations and warranties"},
	{"definitions", nil, "defined terms"},
	{"entire_agreement", nil, "entire agreement"},
	{"severability", nil, "severability"},
}

// TypeTag is one type given to a clause, with the sentence that triggered it.
type TypeTag struct {
	Type     ClauseType
	Evidence Span // the triggering sentence, within the clause's span
}
