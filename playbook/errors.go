package playbook

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error codes: stable names for machines, one per kind of load error.
const (
	CodeIO                = "io"                    // the file cannot be read
	CodeYAMLSyntax        = "yaml_syntax"           // the file is not YAML
	CodeUnknownKey        = "unknown_key"           // a key the format does not have
	CodeDuplicateKey      = "duplicate_key"         // a key given twice in one mapping
	CodeMissingKey        = "missing_key"           // a required key is absent
	CodeWrongType         = "wrong_type"            // a value of the wrong YAML type (a list for a string)
	CodeBadValue          = "bad_value"             // a value of the right type that means nothing ("P9X", an empty id)
	CodeDuplicateRule     = "duplicate_rule"        // two rules with one id
	CodeUnknownClauseType = "unknown_clause_type"   // a clause type not in extract.Taxonomy
	CodeUnknownOutcome    = "unknown_outcome"       // an outcome other than accept, fallback, escalate
	CodeUnknownAuthority  = "unknown_authority"     // a role missing from the authority map
	CodeInsertAfter       = "bad_insert_after"      // missing.insert_after neither a clause type nor "end"
	CodeExprSyntax        = "expr_syntax"           // an expression that does not parse
	CodeUnknownTerm       = "unknown_term"          // an expression or test naming a term not in the catalogue
	CodeExprType          = "expr_type"             // an expression of the wrong type, or mixing types
	CodeFallbackEmpty     = "fallback_empty"        // a fallback with neither edit nor text
	CodeFallbackBoth      = "fallback_both"         // a fallback with both edit and text
	CodeEditEmpty         = "edit_empty"            // an edit.replace phrase that can never match
	CodeMissingEmpty      = "missing_empty"         // a missing with neither text nor accept: true
	CodeMissingBoth       = "missing_both"          // a missing with both text and accept: true
	CodeTestUnknownRule   = "test_unknown_rule"     // a test whose expect.rule names no rule
	CodeTestPosition      = "test_unknown_position" // a test expecting a position the rule does not have
	CodeLimit             = "limit"                 // the playbook exceeds Options.MaxRules
	CodeInternal          = "internal"              // a bug in the loader, reported instead of a panic
)

// ErrInvalid signals a playbook that does not load; the error is an ErrorList.
var ErrInvalid = errors.New("playbook: invalid playbook")

// Error is one problem in a playbook file, at a position a YAML editor can jump to.
type Error struct {
	File    string `json:"file"`
	Line    int    `json:"line"`   // 1-based
	Column  int    `json:"column"` // 1-based, in characters
	Rule    string `json:"rule,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error formats e as "file:line:col: message (rule id)".
func (e *Error) Error() string {
	s := fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	if e.Rule != "" {
		s += " (rule " + e.Rule + ")"
	}
	return s
}

// MaxErrors is how many errors ErrorList.Error prints before "(and N more errors)".
const MaxErrors = 10

// ErrorList is a list of load errors, sorted by file and position.
type ErrorList []*Error

// Sort orders the list by file, line, column, then code.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Code < b.Code
	})
}

// Error prints up to MaxErrors errors, one a line, then "(and N more errors)".
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i == MaxErrors {
			fmt.Fprintf(&b, "\n(and %d more errors)", len(l)-MaxErrors)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Is makes errors.Is(list, ErrInvalid) hold.
func (l ErrorList) Is(target error) bool { return target == ErrInvalid && len(l) > 0 }

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
