package playbook

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
)

// evTestDoc is a one-clause document of type typ with the given text and terms.
func evTestDoc(text string, typ extract.ClauseType, terms map[extract.TermKind]any) *extract.Document {
	doc := &extract.Document{Name: "t.txt", Format: extract.FormatText,
		Blocks: []extract.Block{{Kind: extract.BlockParagraph, Text: text}},
		Clauses: []extract.Clause{{ID: "c1", Number: "1.", Level: 1, Kind: extract.KindClause,
			Span:  extract.Span{End: extract.Position{Offset: len(text)}},
			Types: []extract.TypeTag{{Type: typ}}}},
	}
	for _, ti := range extract.Terms {
		if v, ok := terms[ti.Kind]; ok {
			doc.Terms = append(doc.Terms, extract.Term{Kind: ti.Kind, Value: v})
		}
	}
	return doc
}

func evMustLoad(tb testing.TB, src string) *Playbook {
	tb.Helper()
	pb, err := Load("t.yaml", []byte(src), nil)
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return pb
}

func evMustParse(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	doc, err := extract.ParseFile(context.Background(), path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

var evParties = []extract.Party{
	{Name: "Northwind Analytics Ltd", Role: "Supplier", Aliases: []string{"Supplier"}},
	{Name: "Contoso Retail Inc.", Role: "Customer", Aliases: []string{"Customer"}},
}

// TestEvaluateNil pins down how absent terms behave: an expression that needs
// a term the extractor did not find escalates with "term not found", unless it
// handles absence with ?? or a nil comparison.
func TestEvaluateNil(t *testing.T) {
	p90 := extract.Duration{Days: 90}
	tests := []struct {
		name    string
		accept  string
		terms   map[extract.TermKind]any
		outcome string
		reason  string // a reason the decision must have
	}{
		{"and with a nil operand", "assignment.consent_required && !assignment.mutual",
			map[extract.TermKind]any{"assignment_consent_required": true}, OutcomeEscalate, "term not found: assignment_mutual"},
		{"and with both", "assignment.consent_required && !assignment.mutual",
			map[extract.TermKind]any{"assignment_consent_required": true, "assignment_mutual": false}, OutcomeAccept, "Standard position met: assignment.consent_required && !assignment.mutual holds (assignment.consent_required = true, assignment.mutual = false)."},
		{"bare bool, nil", "assignment.mutual", nil, OutcomeEscalate, "term not found: assignment_mutual"},
		{"bare bool, true", "assignment.mutual", map[extract.TermKind]any{"assignment_mutual": true}, OutcomeAccept, ""},
		{"bare bool, false", "assignment.mutual", map[extract.TermKind]any{"assignment_mutual": false}, OutcomeEscalate, "Standard position not met: assignment.mutual is false (assignment.mutual = false)."},
		{"equality with nil term is not silently false", `governing_law == "Delaware"`, nil, OutcomeEscalate, "term not found: governing_law"},
		{"function of a nil term", "days(renewal.notice_period) <= 60", nil, OutcomeEscalate, "term not found: renewal_notice_period"},
		{"guarded by != nil", "renewal_notice_period != nil && days(renewal_notice_period) > 60", nil, OutcomeEscalate, "Standard position not met: renewal_notice_period != nil && days(renewal_notice_period) > 60 is false (renewal_notice_period = not found)."},
		{"guarded, present", "renewal_notice_period != nil && days(renewal_notice_period) > 60",
			map[extract.TermKind]any{"renewal_notice_period": p90}, OutcomeAccept, "(renewal_notice_period = P90D (90 days))"},
		{"defaulted with ??", "(liability.cap_multiple ?? 0) >= 1", nil, OutcomeEscalate, "Standard position not met"},
		{"defaulted, present", "(liability.cap_multiple ?? 0) >= 1", map[extract.TermKind]any{"liability_cap_multiple": 2.0}, OutcomeAccept, ""},
		{"nil list", `"affiliate" in assignment.exceptions`, nil, OutcomeEscalate, "term not found: assignment_exceptions"},
		{"list", `"affiliate" in assignment.exceptions`, map[extract.TermKind]any{"assignment_exceptions": []string{"affiliate"}}, OutcomeAccept, ""},
		{"int comparison, nil", "renewal.limit <= 2", nil, OutcomeEscalate, "term not found: renewal_limit"},
		{"months", "months(renewal_term) >= 12", map[extract.TermKind]any{"renewal_term": extract.Duration{Years: 1}}, OutcomeAccept, ""},
		{"months of days", "months(renewal_notice_period) == 3", map[extract.TermKind]any{"renewal_notice_period": p90}, OutcomeAccept, ""},
		{"years, fraction kept", "years(initial_term) > 1", map[extract.TermKind]any{"initial_term": extract.Duration{Months: 18}}, OutcomeAccept, ""},
		{"days of months", "days(initial_term) == 90", map[extract.TermKind]any{"initial_term": extract.Duration{Months: 3}}, OutcomeAccept, ""},
		{"date order", `effective_date < date("2025-01-01")`, map[extract.TermKind]any{"effective_date": extract.Date{Year: 2024, Month: 6, Day: 1}}, OutcomeAccept, ""},
		{"date order, later", `effective_date >= date("2025-01-01")`, map[extract.TermKind]any{"effective_date": extract.Date{Year: 2024, Month: 6, Day: 1}}, OutcomeEscalate, ""},
		{"dates compared", "expiration_date > effective_date", map[extract.TermKind]any{"effective_date": extract.Date{Year: 2024, Month: 6, Day: 1}, "expiration_date": extract.Date{Year: 2027, Month: 5, Day: 31}}, OutcomeAccept, ""},
		{"date equality", `effective_date == date("2024-06-01")`, map[extract.TermKind]any{"effective_date": extract.Date{Year: 2024, Month: 6, Day: 1}}, OutcomeAccept, ""},
		{"money", `liability.cap_amount.amount >= 1000000`, map[extract.TermKind]any{"liability_cap_amount": extract.Money{Amount: 2e6, Currency: "USD"}}, OutcomeAccept, ""},
		{"parties", `any(parties, .role == "Customer")`, map[extract.TermKind]any{"parties": evParties}, OutcomeAccept, ""},
		{"text operator", `text matches "(?i)prior written consent"`, nil, OutcomeAccept, ""},
		{"clause variable", `clause.number == "1." && "assignment" in clause.types`, nil, OutcomeAccept, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pb := evMustLoad(t, ldHead+"  - id: r\n    clause: assignment\n    accept: '"+strings.ReplaceAll(tc.accept, "'", "''")+"'\n")
			// Text from which extraction reads no terms of its own, so that the
			// terms the case gives are the ones judged (a clause's own terms
			// would take their place: see TestEvaluateClauseOwnTerms).
			doc := evTestDoc("This clause needs the prior written consent of the Board.", "assignment", tc.terms)
			r := Evaluate(doc, pb, Options{})
			if len(r.Decisions) != 1 {
				t.Fatalf("%d decisions, want 1", len(r.Decisions))
			}
			d := r.Decisions[0]
			if d.Outcome != tc.outcome {
				t.Errorf("outcome %s, want %s; reasons %q", d.Outcome, tc.outcome, d.Reasons)
			}
			if tc.reason != "" && !evHasReason(d.Reasons, tc.reason) {
				t.Errorf("reasons %q lack %q", d.Reasons, tc.reason)
			}
		})
	}
}

func evHasReason(reasons []string, want string) bool {
	for _, r := range reasons {
		if r == want || strings.Contains(r, want) {
			return true
		}
	}
	return false
}

// TestEvaluateMSA reviews a small text contract with the test playbook and
// checks each decision, then the whole report against a golden file.
func TestEvaluateMSA(t *testing.T) {
	pb, err := LoadFile("testdata/saas.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	doc := evMustParse(t, "testdata/msa.txt")
	r := Evaluate(doc, pb, Options{Engine: "test"})
	type row struct{ id, outcome, position, authority string }
	want := []row{
		{"assignment-consent@c3", OutcomeFallback, "make consent mutual", "paralegal"},
		{"renewal-notice@c4", OutcomeFallback, "shorten notice to 60 days", "paralegal"},
		{"governing-law@c7", OutcomeEscalate, "general-counsel", "general-counsel"},
		{"liability-cap@c5", OutcomeAccept, PositionStandard, "paralegal"},
		{"confidentiality@c6", OutcomeAccept, PositionStandard, "paralegal"},
	}
	var got []row
	for _, d := range r.Decisions {
		got = append(got, row{d.ID, d.Outcome, d.Position, d.Authority})
	}
	if len(got) != len(want) {
		t.Fatalf("decisions %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("decision %d: %v, want %v", i, got[i], want[i])
		}
	}
	if r.Summary.SignOff != "general-counsel" {
		t.Errorf("sign-off %q, want general-counsel", r.Summary.SignOff)
	}
	if !r.Party.Resolved || r.Party.Us.Term != "Customer" || r.Party.Them.Term != "Supplier" || r.Party.How != "aliases" {
		t.Errorf("perspective %+v", r.Party)
	}
	// The edits must point at the words they change.
	for _, d := range r.Decisions {
		for _, e := range d.Edits {
			ci := -1
			for i := range doc.Clauses {
				if doc.Clauses[i].ID == e.Clause {
					ci = i
				}
			}
			text := []rune(doc.Text(doc.Clauses[ci].Span))
			if string(text[e.Start:e.End]) != e.Delete {
				t.Errorf("%s: text[%d:%d] = %q, edit deletes %q", d.ID, e.Start, e.End, string(text[e.Start:e.End]), e.Delete)
			}
		}
	}
	a := r.Decisions[0].Edits
	if len(a) != 1 || a[0].Delete != "Customer shall not assign" || a[0].Insert != "Neither party shall assign" || a[0].Start != 15 {
		t.Errorf("assignment edit %+v", a)
	}
	rn := r.Decisions[1].Edits
	if len(rn) != 1 || !strings.HasPrefix(rn[0].Delete, "This Agreement renews") || rn[0].Start != len("2. Renewal. ") {
		t.Errorf("renewal edit keeps number and heading: %+v", rn)
	}
	var js, txt bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteText(&txt); err != nil {
		t.Fatal(err)
	}
	evGolden(t, "testdata/msa.golden.json", js.Bytes())
	evGolden(t, "testdata/msa.golden.txt", txt.Bytes())
}

func evGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; run go test ./playbook -run %s -update and read the diff\ngot:\n%s", path, t.Name(), got)
	}
}

func TestPerspective(t *testing.T) {
	pb := &Playbook{Parties: Parties{Us: []string{"Customer", "Client"}, Them: []string{"Supplier", "Vendor"}}}
	three := append(append([]extract.Party(nil), evParties...), extract.Party{Name: "Fabrikam GmbH", Role: "Guarantor", Aliases: []string{"Guarantor"}})
	tests := []struct {
		name     string
		parties  any
		party    string
		resolved bool
		how      string
		us, them string
		reason   string
	}{
		{"aliases", evParties, "", true, "aliases", "Customer", "Supplier", `Contoso Retail Inc. is called "Customer", one of the playbook's names for us`},
		{"option by name", evParties, "northwind analytics ltd", true, "option", "Supplier", "Customer", `--party "northwind analytics ltd" names Northwind Analytics Ltd`},
		{"option by role", evParties, "Supplier", true, "option", "Supplier", "Customer", ""},
		{"option unknown", evParties, "Acme", false, "unresolved", "", "", `--party "Acme" matches none of the contract's parties (Contoso Retail Inc. as "Customer", Northwind Analytics Ltd as "Supplier")`},
		{"no parties", nil, "", false, "unresolved", "", "", "the contract's parties were not found"},
		{"no alias matches", []extract.Party{{Name: "A Ltd", Role: "Licensor"}, {Name: "B Inc", Role: "Licensee"}}, "", false, "unresolved", "", "",
			`none of the contract's parties (A Ltd as "Licensor", B Inc as "Licensee") is called Customer, Client`},
		{"them among three by alias", three, "", true, "aliases", "Customer", "Supplier", ""},
		{"them by alias when us is given", three, "Guarantor", true, "option", "Guarantor", "Supplier", ""},
		{"them ambiguous", []extract.Party{evParties[1], {Name: "X", Role: "Guarantor"}, {Name: "Y", Role: "Agent"}}, "", false, "unresolved", "Customer", "",
			`us is Customer, but the other side cannot be told among Contoso Retail Inc. as "Customer", X as "Guarantor", Y as "Agent"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := resolvePerspective(tc.parties, pb, tc.party)
			if p.Resolved != tc.resolved || p.How != tc.how {
				t.Errorf("resolved %v how %q, want %v %q (%s)", p.Resolved, p.How, tc.resolved, tc.how, p.Reason)
			}
			us, them := "", ""
			if p.Us != nil {
				us = p.Us.Term
			}
			if p.Them != nil {
				them = p.Them.Term
			}
			if us != tc.us || them != tc.them {
				t.Errorf("us %q them %q, want %q %q", us, them, tc.us, tc.them)
			}
			if tc.reason != "" && p.Reason != tc.reason {
				t.Errorf("reason %q, want %q", p.Reason, tc.reason)
			}
		})
	}
}

func TestEdits(t *testing.T) {
	const rules = `  - id: first
    clause: assignment
    accept: "false"
    fallbacks:
      - name: mutual
        edit: { replace: "{{us}} shall not assign", with: "Neither party shall assign" }
  - id: second
    clause: assignment
    accept: "false"
    fallbacks:
      - name: tidy
        edit: { replace: "shall not", with: "may not" }
  - id: third
    clause: assignment
    accept: "false"
    fallbacks:
      - name: whole
        text: "Neither party may assign this Agreement without the consent of the other."
`
	customer := map[extract.TermKind]any{"parties": evParties}
	tests := []struct {
		name     string
		text     string
		terms    map[extract.TermKind]any
		outcomes []string // first, second, third
		reasons  []string
	}{
		{"overlap escalates the later decision",
			"Customer shall not assign this Agreement.", customer,
			[]string{OutcomeFallback, OutcomeEscalate, OutcomeEscalate},
			[]string{"", `Fallback "tidy" would edit words that decision first@c1 already edits.`, `Fallback "whole" would edit words that decision first@c1 already edits.`}},
		{"curly quotes and dashes match straight ones",
			"1. Assignment \u2013 Customer\u2019s rights: Customer shall not assign.", customer,
			[]string{OutcomeFallback, OutcomeEscalate, OutcomeEscalate}, nil},
		{"phrase not found",
			"Supplier shall not assign this Agreement.", customer,
			[]string{OutcomeEscalate, OutcomeFallback, OutcomeEscalate},
			[]string{`The phrase "Customer shall not assign" of fallback "mutual" is not in the clause, so the edit cannot be made.`, "", ""}},
		{"phrase twice",
			"Customer shall not assign. Customer shall not assign either.", customer,
			[]string{OutcomeEscalate, OutcomeEscalate, OutcomeFallback},
			[]string{`The phrase "Customer shall not assign" of fallback "mutual" occurs 2 times in the clause; an edit must match exactly once.`, "", ""}},
		{"unresolved perspective escalates edits that name us",
			"Customer shall not assign this Agreement.", nil,
			[]string{OutcomeEscalate, OutcomeFallback, OutcomeEscalate},
			[]string{`Fallback "mutual" names the parties as {{us}} or {{them}}, and the perspective is unresolved: the contract's parties were not found`, "", ""}},
	}
	pb := evMustLoad(t, "playbook: t\nparties: {us: [Customer]}\nrules:\n"+rules)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Evaluate(evTestDoc(tc.text, "assignment", tc.terms), pb, Options{})
			if len(r.Decisions) != 3 {
				t.Fatalf("%d decisions", len(r.Decisions))
			}
			for i, d := range r.Decisions {
				if d.Outcome != tc.outcomes[i] {
					t.Errorf("%s: %s, want %s; %q", d.ID, d.Outcome, tc.outcomes[i], d.Reasons)
				}
				if tc.reasons != nil && tc.reasons[i] != "" && !evHasReason(d.Reasons, tc.reasons[i]) {
					t.Errorf("%s: reasons %q lack %q", d.ID, d.Reasons, tc.reasons[i])
				}
				for _, e := range d.Edits {
					if got := string([]rune(tc.text)[e.Start:e.End]); got != e.Delete {
						t.Errorf("%s: edit [%d:%d] covers %q, deletes %q", d.ID, e.Start, e.End, got, e.Delete)
					}
				}
			}
		})
	}
}

func TestEvaluateMissing(t *testing.T) {
	src := ldHead + `  - id: with-missing
    clause: non_compete
    accept: "true"
    missing: { insert_after: governing_law, text: "No party shall compete." , authority: counsel }
  - id: missing-at-end
    clause: non_compete
    accept: "true"
    missing: { insert_after: source_code_escrow, text: "No party shall compete." }
  - id: without-missing
    clause: non_compete
    accept: "true"
    escalate: { to: counsel, reason: "No non-compete" }
  - id: when-false
    clause: non_compete
    when: (governing_law ?? "") == "Delaware"
    accept: "true"
    missing: { text: "No party shall compete." }
  - id: when-true
    clause: non_compete
    when: governing_law == "Texas"
    accept: "true"
    missing: { text: "No party shall compete." }
  - id: when-reads-text
    clause: non_compete
    when: text matches "(?i)compet"
    accept: "true"
    missing: { insert_after: governing_law, text: "No party shall compete." }
  - id: when-reads-clause
    clause: non_compete
    when: clause.heading == "Non-Competition"
    accept: "true"
    escalate: { to: counsel }
  - id: when-reads-both
    clause: non_compete
    when: (governing_law ?? "") == "Delaware" && text contains "compete"
    accept: "true"
    missing: { text: "No party shall compete." }
  - id: absence-accepted
    clause: non_compete
    when: text matches "(?i)employ"
    accept: "false"
    missing: { accept: true, reason: "A recipient gives no non-compete." }
  - id: absence-accepted-by-counsel
    clause: non_compete
    accept: "false"
    missing: { accept: true, authority: counsel }
`
	pb := evMustLoad(t, src)
	doc := evMustParse(t, "testdata/msa.txt")
	r := Evaluate(doc, pb, Options{})
	const readsClause = "reads the clause, and there is no non compete clause: the condition does not guard the missing position."
	want := []struct{ id, outcome, position, authority, anchor, reason string }{
		{"with-missing@missing", OutcomeFallback, PositionMissing, "counsel", "c7", "The contract has no non compete clause; the playbook's clause is inserted after clause 5 (governing law)."},
		{"missing-at-end@missing", OutcomeFallback, PositionMissing, "paralegal", "c7", "The contract has no non compete clause; the playbook's clause is inserted at the end of the body, after clause 5, as the contract has no source code escrow clause."},
		{"without-missing@missing", OutcomeEscalate, "counsel", "counsel", "", "The contract has no non compete clause, and the rule has no position for a missing one."},
		// when-false: a when on document terms still guards the missing path.
		{"when-true@missing", OutcomeFallback, PositionMissing, "paralegal", "c7", `The rule applies: governing_law == "Texas" holds (governing_law = "Texas").`},
		{"when-reads-text@missing", OutcomeFallback, PositionMissing, "paralegal", "c7", `The rule's condition text matches "(?i)compet" ` + readsClause},
		{"when-reads-clause@missing", OutcomeEscalate, "counsel", "counsel", "", `The rule's condition clause.heading == "Non-Competition" ` + readsClause},
		{"when-reads-both@missing", OutcomeFallback, PositionMissing, "paralegal", "c7", `The rule's condition (governing_law ?? "") == "Delaware" && text contains "compete" ` + readsClause},
		{"absence-accepted@missing", OutcomeAccept, PositionMissingAccepted, "paralegal", "", "The contract has no non compete clause, and the playbook accepts its absence: A recipient gives no non-compete."},
		{"absence-accepted-by-counsel@missing", OutcomeAccept, PositionMissingAccepted, "counsel", "", "The contract has no non compete clause, and the playbook accepts its absence."},
	}
	if len(r.Decisions) != len(want) {
		for _, d := range r.Decisions {
			t.Logf("%s %s %s %q", d.ID, d.Outcome, d.Position, d.Reasons)
		}
		t.Fatalf("%d decisions, want %d", len(r.Decisions), len(want))
	}
	for i, w := range want {
		d := r.Decisions[i]
		if d.ID != w.id || d.Outcome != w.outcome || d.Position != w.position || d.Authority != w.authority {
			t.Errorf("decision %d: %s %s %s %s, want %+v", i, d.ID, d.Outcome, d.Position, d.Authority, w)
		}
		if !evHasReason(d.Reasons, w.reason) {
			t.Errorf("%s: reasons %q lack %q", d.ID, d.Reasons, w.reason)
		}
		anchor := ""
		if len(d.Edits) == 1 && d.Edits[0].NewClause {
			anchor = d.Edits[0].Clause
		}
		if anchor != w.anchor {
			t.Errorf("%s: inserts after %q, want %q", d.ID, anchor, w.anchor)
		}
		if w.outcome == OutcomeAccept && len(d.Edits) != 0 {
			t.Errorf("%s: an accepted absence edits %+v", d.ID, d.Edits)
		}
	}
	if got := r.Summary.Counts[OutcomeAccept]; got != 2 {
		t.Errorf("summary counts %d accepts, want 2", got)
	}
}

// TestCondUsesClause pins down which conditions read the clause, and so do not
// guard a rule's missing path.
func TestCondUsesClause(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{`text matches "(?i)x"`, true},
		{`clause.heading == "Term"`, true},
		{`"assignment" in clause.types`, true},
		{`any(["a", "b"], text contains #)`, true},
		{`governing_law == "Delaware" || text contains "x"`, true},
		{`governing_law == "Delaware"`, false},
		{`(renewal.notice_period ?? nil) == nil`, false},
		{`us == "Customer"`, false},
		{`{"text": 1}.text == 1`, false},
		{`"text" == "clause"`, false},
	} {
		c, ce := compileCond(tc.src, condOptions(500), condPaths())
		if ce != nil {
			t.Errorf("%s: %s", tc.src, ce.Message)
			continue
		}
		if c.usesClause != tc.want {
			t.Errorf("%s: usesClause = %v, want %v", tc.src, c.usesClause, tc.want)
		}
	}
}

func TestEvaluateJurisdiction(t *testing.T) {
	src := ldHead + `  - id: law
    clause: governing_law
    accept: governing_law == "Delaware"
    fallbacks:
      - name: change to Delaware
        text: "This Agreement is governed by the laws of the State of Delaware."
    jurisdictions:
      england and wales:
        accept: "false"
        fallbacks: []
        escalate: { to: counsel, reason: English law needs counsel }
`
	pb := evMustLoad(t, src)
	tests := []struct {
		law, outcome, position, jurisdiction string
	}{
		{"Delaware", OutcomeAccept, PositionStandard, ""},
		{"Texas", OutcomeFallback, "change to Delaware", ""},
		{"England and Wales", OutcomeEscalate, "counsel", "england and wales"},
	}
	for _, tc := range tests {
		doc := evTestDoc("Governed by the laws of somewhere.", "governing_law", map[extract.TermKind]any{"governing_law": tc.law})
		r := Evaluate(doc, pb, Options{})
		d := r.Decisions[0]
		if d.Outcome != tc.outcome || d.Position != tc.position || d.Jurisdiction != tc.jurisdiction {
			t.Errorf("%s: %s %q %q, want %s %q %q; %q", tc.law, d.Outcome, d.Position, d.Jurisdiction, tc.outcome, tc.position, tc.jurisdiction, d.Reasons)
		}
	}
}

func TestEvaluateNoPanic(t *testing.T) {
	pb := evMustLoad(t, ldHead+"  - id: r\n    clause: assignment\n    accept: text contains \"x\"\n")
	for _, doc := range []*extract.Document{
		{Name: "empty"},
		{Name: "bad span", Blocks: []extract.Block{{Text: "x"}}, Clauses: []extract.Clause{{ID: "c1", Span: extract.Span{End: extract.Position{Block: 5}}, Types: []extract.TypeTag{{Type: "assignment"}}}}},
		{Name: "bad term", Terms: []extract.Term{{Kind: "assignment_mutual", Value: "yes"}, {Kind: "nope", Value: 1}}},
	} {
		r := Evaluate(doc, pb, Options{})
		if r.Schema != Schema || len(r.Decisions) != 1 {
			t.Errorf("%s: %+v", doc.Name, r)
		}
	}
}

// A clause is judged on the terms it states itself: the second of two
// assignment clauses is not judged on the first one's terms.
func TestEvaluateClauseOwnTerms(t *testing.T) {
	pb := evMustLoad(t, ldHead+"  - id: r\n    clause: assignment\n    accept: 'assignment.consent_standard == \"not_unreasonably_withheld\"'\n    escalate: {to: counsel, reason: x}\n")
	text := "MASTER AGREEMENT\n\nThis Agreement is made between Acme Corp. (\"Supplier\") and Beta LLC (\"Customer\").\n\n" +
		"1. Assignment by Customer. Customer shall not assign this Agreement without the prior written consent of Supplier.\n\n" +
		"2. Assignment by Supplier. Supplier shall not assign this Agreement without the prior written consent of Customer, such consent not to be unreasonably withheld.\n"
	doc, err := extract.Parse(context.Background(), "two.txt", []byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(doc, pb, Options{})
	var got []string
	for _, d := range r.Decisions {
		got = append(got, d.Number+" "+d.Outcome+" "+fmt.Sprint(d.Inputs["assignment_consent_standard"]))
	}
	want := []string{"1. escalate unqualified", "2. accept not_unreasonably_withheld"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("decisions %q, want %q", got, want)
	}
}

// Report.Escalate turns a decision into an escalation and recomputes the summary.
func TestReportEscalate(t *testing.T) {
	pb := evMustLoad(t, ldHead+"  - id: r\n    clause: assignment\n    accept: 'false'\n    fallbacks:\n      - name: mutual\n        text: Neither party may assign this Agreement.\n        authority: paralegal\n    escalate: {to: counsel, reason: x}\n")
	doc := evTestDoc("Customer shall not assign this Agreement.", "assignment", nil)
	r := Evaluate(doc, pb, Options{})
	if len(r.Decisions) != 1 || r.Decisions[0].Outcome != OutcomeFallback {
		t.Fatalf("decisions %+v", r.Decisions)
	}
	if r.Escalate(pb, "no-such-decision", "x") {
		t.Error("Escalate found a decision that does not exist")
	}
	if !r.Escalate(pb, r.Decisions[0].ID, "The redline cannot make this change.") {
		t.Fatal("Escalate did not find the decision")
	}
	d := r.Decisions[0]
	if d.Outcome != OutcomeEscalate || d.Authority != "counsel" || len(d.Edits) != 0 ||
		!strings.Contains(strings.Join(d.Reasons, " "), "The redline cannot make this change.") {
		t.Errorf("decision after Escalate: %+v", d)
	}
	if r.Summary.Counts[OutcomeEscalate] != 1 || r.Summary.Counts[OutcomeFallback] != 0 || r.Summary.SignOff != "counsel" {
		t.Errorf("summary after Escalate: %+v", r.Summary)
	}
}
