package playbook

//go:generate go test -run TestEnvGenerated -update

// envTerm names one catalogue term as expressions see it.
type envTerm struct {
	Kind, Group, Field string
}

// EnvClause is the clause an expression judges.
type EnvClause struct {
	ID      string   `expr:"id"`      // "c12"
	Number  string   `expr:"number"`  // "9.2", empty when unnumbered
	Heading string   `expr:"heading"` // "Assignment", empty when none
	Types   []string `expr:"types"`   // clause types ("assignment")
}
