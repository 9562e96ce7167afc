// Package playbook judges extracted contracts against deal counsel's YAML
// playbooks: rules written in expr that decide, clause by clause, whether the
// contract meets the standard position (accept), may be brought to a fallback
// position by an edit (fallback), or needs a person (escalate).
//
// # Loading
//
// Load (or LoadFile, which also reads the <name>_test.yaml tests beside the
// playbook) decodes the YAML through yaml.Node and compiles every expression
// once against Env with expr.AsBool, so a misspelt term or a comparison of a
// duration with a string fails at load. Errors come back as an ErrorList of
// *Error, each with file, line, column, rule id, a stable Code (CodeYAMLSyntax,
// CodeUnknownKey, CodeExprType, ...) and a message, sorted by position and
// printed as "file:line:col: message (rule id)". Check loads several files and
// returns every error; a <name>_test.yaml file stands for its playbook
// (PlaybookFile). A *Playbook is read-only and safe for concurrent use.
//
// # The expression environment
//
// Env is generated from extract.Terms (go generate runs "go test -run
// TestEnvGenerated -update"; TestEnvGenerated fails when the two disagree), and
// so are the clause types, terms and outcomes of the JSON Schema in
// playbooks/schema ("go test -run TestSchema -update"; TestSchema fails when
// they drift).
// Every term is there by kind (renewal_notice_period) and by group and field
// (renewal.notice_period); it is nil when the contract does not state it. The
// clause is text and clause (clause.id, clause.number, clause.heading,
// clause.types); us and them are the defined terms of the two sides. Helpers:
// days(d) counts a year as 365 days, a month as 30 and a week as 7 (business
// days as 7 calendar days per 5); months(d) counts a year as 12 months and
// weeks and days as months of 30 days, keeping fractions (months(P45D) is 1.5);
// years(d) is months(d)/12; date("2025-01-01") is a date, and dates compare
// with <, <=, >, >= and ==. expr's now() is disabled (and date, duration and
// timezone are replaced or removed): rules never read the clock. Party values
// have fields Name, Role and Aliases; money has Amount and Currency.
//
// A term that is nil stops an expression that reads it, unless the expression
// handles absence itself by comparing the term with nil or defaulting it with
// ?? (anywhere in the expression). The rule then escalates with the reason
// "term not found: <kind>"; it never accepts or falls back on a guess. An
// expression that fails at run time escalates too.
//
// # Evaluation
//
// Evaluate makes one Decision per rule and clause of the rule's type, in
// playbook order and then document order. A rule whose when does not hold
// makes no decision for that clause. Accept true gives accept; else the first
// fallback whose when holds (no when: always) gives fallback with its edit;
// else escalate. A rule whose clause type is absent takes its missing position
// (an insertion after the last clause of type insert_after, or at the end of
// the body; or, with accept: true, an accept with position "no clause:
// acceptable") or escalates. On that path the rule's when is evaluated only
// when it reads no clause-level variable (text, clause): a when on document
// terms still guards the missing path, one that reads the clause does not. A
// jurisdiction variant replaces accept, fallbacks or escalate when the
// governing law equals its name (case-insensitively).
//
// An edit.replace phrase must occur exactly once in the clause text after
// quote, dash and space normalisation; a text fallback replaces the body after
// the clause's number and run-in heading. A decision whose edit overlaps words
// an earlier decision edits escalates. Edits are TextEdits in code points of
// the clause's text (extract.Document.Text of its span).
//
// Which party is us comes from Options.Party (a legal name or defined term)
// or from the playbook's parties.us aliases matched against the contract's
// parties; the Report says how. When it is unresolved, an expression reading
// us or them, or a fallback or missing text naming {{us}} or {{them}}, escalates.
//
// The authority of a decision is the fallback's (or missing's) own authority,
// or the escalation's to, else the first role of the authority map allowed the
// outcome; the sign-off is the highest authority any decision needs.
//
// # Tests
//
// RunTests runs a playbook's tests: clause text goes through extract.Parse
// under the caller's context;
// typed terms (by kind or by group and field, "P90D" durations, "2025-01-01"
// dates, null for absent) judge a clause of the rule's type. TestReport.WriteText
// prints the results in the style of go test.
package playbook
