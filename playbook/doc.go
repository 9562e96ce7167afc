// Package playbook evaluates deal counsel's YAML playbooks against extracted clauses.
// The rule engine arrives with the playbook issue; this package holds its place in the
// layout so that imports can go one way: internal/ooxml ← extract ← playbook ← redline.
package playbook
