package playbook

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ldHead is the start of every test playbook: rules begin on line 6.
const ldHead = `playbook: t
authority:
  paralegal: [accept, fallback]
  counsel: [accept, fallback, escalate]
rules:
`

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the whole error list, one error a line, as "code line:col message (rule id)"
	}{
		{"yaml syntax", ldHead + "  - id: a\n    clause: [assignment\n    accept: \"true\"\n",
			"yaml_syntax t.yaml:6:3: YAML syntax error: did not find expected ',' or ']'"},
		{"yaml tab", "playbook: t\nrules:\n\t- id: a\n",
			"yaml_syntax t.yaml:3:2: YAML syntax error: found character that cannot start any token"},
		{"unknown key", ldHead + "  - id: a\n    clause: assignment\n    acept: \"true\"\n",
			"missing_key t.yaml:6:5: a rule has no accept (rule a)\n" +
				"unknown_key t.yaml:8:5: unknown key \"acept\" in a rule (want one of id, clause, description, when, accept, fallbacks, escalate, missing, jurisdictions) (rule a)"},
		{"unknown top-level key", "playbook: t\nrulez: []\n",
			"missing_key t.yaml:1:1: the playbook has no rules\n" +
				"unknown_key t.yaml:2:1: unknown key \"rulez\" in the playbook (want one of playbook, version, owner, perspective, description, parties, authority, rules, tests)"},
		{"wrong type", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    fallbacks: make it mutual\n",
			"wrong_type t.yaml:9:16: fallbacks must be a list, not a string (rule a)"},
		{"wrong type of a string", ldHead + "  - id: [a]\n    clause: assignment\n    accept: \"true\"\n",
			"wrong_type t.yaml:6:9: id must be a string, not a list"},
		{"wrong type of parties", "playbook: t\nparties: {us: Customer}\nrules: []\n",
			"wrong_type t.yaml:2:15: parties.us must be a list, not a string"},
		{"duplicate key", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    accept: \"false\"\n",
			"duplicate_key t.yaml:9:5: key \"accept\" given twice in a rule (rule a)"},
		{"duplicate rule", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n  - id: a\n    clause: renewal\n    accept: \"true\"\n",
			"duplicate_rule t.yaml:9:9: duplicate rule id \"a\" (first at line 6) (rule a)"},
		{"unknown clause type", ldHead + "  - id: a\n    clause: asignment\n    accept: \"true\"\n",
			"unknown_clause_type t.yaml:7:13: unknown clause type \"asignment\" (rule a)"},
		{"missing key", ldHead + "  - clause: assignment\n    accept: \"true\"\n",
			"missing_key t.yaml:6:5: a rule has no id"},
		{"expr syntax, plain", ldHead + "  - id: a\n    clause: assignment\n    accept: assignment.mutual &&\n",
			"expr_syntax t.yaml:8:32: accept: unexpected token EOF (rule a)"},
		{"expr syntax, double-quoted", ldHead + "  - id: a\n    clause: assignment\n    accept: \"assignment.mutual == == true\"\n",
			"expr_syntax t.yaml:8:35: accept: unexpected token Operator(\"==\") (rule a)"},
		{"expr syntax, single-quoted", ldHead + "  - id: a\n    clause: assignment\n    accept: 'text contains ''x'' )'\n",
			"expr_syntax t.yaml:8:34: accept: unexpected token Bracket(\")\") (rule a)"},
		{"expr syntax, literal block", ldHead + "  - id: a\n    clause: assignment\n    accept: |\n      assignment.mutual == true\n        && (text contains \"x\"\n",
			"expr_syntax t.yaml:10:30: accept: unexpected token EOF (rule a)"},
		{"unknown term, plain", ldHead + "  - id: a\n    clause: renewal\n    accept: days(renewal_notice_perod) > 60\n",
			"unknown_term t.yaml:8:18: accept: unknown term renewal_notice_perod (did you mean renewal_notice_period?) (rule a)"},
		{"unknown term in a group, folded block", ldHead + "  - id: a\n    clause: assignment\n    accept: >\n      assignment.mutual == true &&\n      assignment.consentrequired == true\n",
			"unknown_term t.yaml:10:18: accept: unknown term assignment.consentrequired (did you mean assignment.consent_required?) (rule a)"},
		{"unknown function", ldHead + "  - id: a\n    clause: renewal\n    accept: now() > 1\n",
			"unknown_term t.yaml:8:13: accept: unknown function now (rule a)"},
		{"type mismatch", ldHead + "  - id: a\n    clause: renewal\n    accept: renewal_notice_period == \"90 days\"\n",
			"expr_type t.yaml:8:35: accept: invalid operation: == (mismatched types duration and string) (rule a)"},
		{"not a condition", ldHead + "  - id: a\n    clause: governing_law\n    accept: governing_law\n",
			"expr_type t.yaml:8:13: accept: the expression must be true or false, not string (rule a)"},
		{"bad date literal", ldHead + "  - id: a\n    clause: effective_date\n    accept: effective_date < date(\"2025-13-01\")\n",
			"expr_type t.yaml:8:35: accept: date \"2025-13-01\" is not YYYY-MM-DD (rule a)"},
		{"fallback empty", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    fallbacks:\n      - name: x\n        authority: paralegal\n",
			"fallback_empty t.yaml:10:9: fallback \"x\" has neither edit nor text (rule a)"},
		{"edit empty", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    fallbacks:\n      - name: x\n        edit: { replace: \"\", with: y }\n",
			"edit_empty t.yaml:11:26: edit.replace is empty: an empty phrase can never match (rule a)"},
		{"unknown authority", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    escalate: { to: partner }\n",
			"unknown_authority t.yaml:9:21: unknown role \"partner\" in escalate.to (the authority map has paralegal, counsel) (rule a)"},
		{"unknown outcome", "playbook: t\nauthority:\n  paralegal: [accept, approve]\nrules: []\n",
			"unknown_outcome t.yaml:3:23: unknown outcome \"approve\" (want accept, fallback or escalate)"},
		{"insert_after", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    missing: { insert_after: the end, text: x }\n",
			"bad_insert_after t.yaml:9:30: insert_after \"the end\" is neither a clause type nor \"end\" (rule a)"},
		{"missing empty", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    missing: { insert_after: end }\n",
			"missing_empty t.yaml:9:14: missing has neither text (a clause to insert) nor accept: true (the absence is acceptable) (rule a)"},
		{"missing both", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    missing:\n      text: Neither party may assign.\n      accept: true\n",
			"missing_both t.yaml:11:7: missing has both text and accept; give text to insert a clause or accept: true to accept the absence (rule a)"},
		{"missing accept false", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    missing: { accept: false }\n",
			"bad_value t.yaml:9:24: missing.accept can only be true (the absence is acceptable); to insert a clause give text instead (rule a)"},
		{"missing accept quoted", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    missing: { accept: \"true\" }\n",
			"wrong_type t.yaml:9:24: missing.accept must be the boolean true, not a string: write accept: true without quotes (rule a)"},
		{"missing accept with insert_after", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    missing: { accept: true, insert_after: end }\n",
			"bad_value t.yaml:9:30: insert_after places an inserted text; missing with accept: true inserts nothing (rule a)"},
		{"missing reason with text", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    missing: { text: x, reason: y }\n",
			"bad_value t.yaml:9:25: missing.reason explains an accepted absence (accept: true); an inserted text needs none (rule a)"},
		{"test position of an accepted absence", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\n    missing: { accept: true }\ntests:\n  - name: t1\n    clause: \"1. Term. Two years.\"\n    expect: { rule: a, outcome: fallback, position: insert missing clause }\n",
			"test_unknown_position t.yaml:13:53: test \"t1\" expects position \"insert missing clause\", which rule a does not have (rule a)"},
		{"test unknown rule", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\ntests:\n  - name: t1\n    terms: { assignment: { mutual: true } }\n    expect: { rule: b, outcome: accept }\n",
			"test_unknown_rule t.yaml:12:21: test \"t1\" expects rule \"b\", which the playbook does not have"},
		{"test unknown term", ldHead + "  - id: a\n    clause: assignment\n    accept: \"true\"\ntests:\n  - name: t1\n    terms: { assignment: { mutal: true } }\n    expect: { rule: a, outcome: accept }\n",
			"unknown_term t.yaml:11:28: unknown term assignment.mutal (did you mean assignment.mutual?)"},
		{"test bad duration", ldHead + "  - id: a\n    clause: renewal\n    accept: \"true\"\ntests:\n  - name: t1\n    terms: { renewal_notice_period: 90 days }\n    expect: { rule: a, outcome: accept }\n",
			"bad_value t.yaml:11:37: renewal_notice_period: duration \"90 days\" is not ISO 8601 (P1Y, P6M, P2W, P90D)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pb, err := Load("t.yaml", []byte(tc.src), nil)
			if err == nil {
				t.Fatalf("Load succeeded (%d rules); want\n%s", len(pb.Rules), tc.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false")
			}
			if got := ldFormat(err); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestLoadMaxRules(t *testing.T) {
	src := ldHead + "  - id: a\n    clause: renewal\n    accept: \"true\"\n  - id: b\n    clause: renewal\n    accept: \"true\"\n"
	for _, tc := range []struct {
		max  int
		want string
	}{
		{1, "limit t.yaml:6:3: 2 rules exceed MaxRules (1)"},
		{2, ""},
	} {
		_, err := Load("t.yaml", []byte(src), &Options{MaxRules: tc.max})
		got := ""
		if err != nil {
			got = ldFormat(err)
		}
		if got != tc.want {
			t.Errorf("MaxRules %d: got %q, want %q", tc.max, got, tc.want)
		}
	}
}

func ldFormat(err error) string {
	var list ErrorList
	if !errors.As(err, &list) {
		return fmt.Sprintf("not an ErrorList: %v", err)
	}
	lines := make([]string, len(list))
	for i, e := range list {
		lines[i] = e.Code + " " + e.Error()
	}
	return strings.Join(lines, "\n")
}

var _ = os.ReadFile
var _ = filepath.Join
