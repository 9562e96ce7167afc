package playbook

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/clm-engine/clm/extract"
	"go.yaml.in/yaml/v3"
)

// testsFile reads a tests file: a mapping with a tests: list.
func (l *loader) testsFile() []*Test {
	root := l.root()
	if root == nil {
		return nil
	}
	l.paths = condPaths()
	fs := l.fields(root, "the tests file", ldKeysTestsFile, []string{"tests"})
	if f, ok := fs["tests"]; ok {
		return l.tests(f.Value)
	}
	return nil
}

func (l *loader) tests(n *yaml.Node) []*Test {
	if n.Kind != yaml.SequenceNode {
		l.errf(n, CodeWrongType, "tests must be a list, not %s", ldKind(n))
		return nil
	}
	var out []*Test
	for _, c := range n.Content {
		if t := l.test(ldResolve(c)); t != nil {
			out = append(out, t)
		}
	}
	return out
}

func (l *loader) test(n *yaml.Node) *Test {
	l.rule = ""
	fs := l.fields(n, "a test", ldKeysTest, []string{"name", "expect"})
	if fs == nil {
		return nil
	}
	t := &Test{File: l.file, Line: n.Line}
	if f, ok := fs["name"]; ok {
		t.Name, _ = l.str(f, "name")
	}
	if f, ok := fs["clause"]; ok {
		t.Clause, t.HasClause = l.str(f, "clause")
	}
	if f, ok := fs["party"]; ok {
		t.Party, _ = l.str(f, "party")
	}
	if f, ok := fs["terms"]; ok {
		t.Terms = l.terms(f.Value)
	}
	if _, ok := fs["clause"]; !ok {
		if _, ok := fs["terms"]; !ok {
			l.errf(n, CodeMissingKey, "test %q has neither clause nor terms", t.Name)
		}
	}
	f, ok := fs["expect"]
	if !ok {
		return t
	}
	efs := l.fields(f.Value, "expect", ldKeysExpect, []string{"rule", "outcome"})
	var rule *Rule
	if g, ok := efs["rule"]; ok {
		if s, ok := l.str(g, "expect.rule"); ok {
			t.Expect.Rule = s
			if rule = l.rules[s]; rule == nil {
				l.errf(g.Value, CodeTestUnknownRule, "test %q expects rule %q, which the playbook does not have", t.Name, s)
			}
		}
	}
	l.rule = t.Expect.Rule
	if g, ok := efs["outcome"]; ok {
		if s, ok := l.str(g, "expect.outcome"); ok {
			if !ldContains(ldTestOutcomes, s) {
				l.errf(g.Value, CodeUnknownOutcome, "unknown outcome %q (want accept, fallback, escalate or none)", s)
			}
			t.Expect.Outcome = s
		}
	}
	if g, ok := efs["position"]; ok {
		if s, ok := l.str(g, "expect.position"); ok {
			t.Expect.Position = s
			if rule != nil && !ldHasPosition(rule, s) {
				l.errf(g.Value, CodeTestPosition, "test %q expects position %q, which rule %s does not have", t.Name, s, rule.ID)
			}
		}
	}
	l.rule = ""
	return t
}

// ldHasPosition reports whether a rule can decide with position p.
func ldHasPosition(r *Rule, p string) bool {
	switch p {
	case PositionStandard:
		return true
	case PositionMissing:
		return r.Missing != nil && !r.Missing.Accept
	case PositionMissingAccepted:
		return r.Missing != nil && r.Missing.Accept
	}
	if r.Escalate != nil && r.Escalate.To == p {
		return true
	}
	has := func(fbs []*Fallback) bool {
		for _, fb := range fbs {
			if fb.Name == p {
				return true
			}
		}
		return false
	}
	if has(r.Fallbacks) {
		return true
	}
	for _, j := range r.Jurisdictions {
		if has(j.Fallbacks) {
			return true
		}
	}
	return false
}

// terms reads typed terms: by kind (renewal_notice_period: P90D) or by group
// and field (renewal: {notice_period: P90D}).
func (l *loader) terms(n *yaml.Node) map[extract.TermKind]any {
	if n.Kind != yaml.MappingNode {
		l.errf(n, CodeWrongType, "terms must be a mapping, not %s", ldKind(n))
		return nil
	}
	info := make(map[extract.TermKind]extract.TermInfo, len(extract.Terms))
	groups := make(map[string]bool)
	for _, t := range extract.Terms {
		info[t.Kind] = t
		groups[t.Group] = true
	}
	out := make(map[extract.TermKind]any)
	set := func(key, v *yaml.Node, path string) {
		k, ok := l.paths[path]
		if !ok {
			msg := "unknown term " + path
			if s := condSuggest(path, l.paths); s != "" {
				msg += " (did you mean " + s + "?)"
			}
			l.errf(key, CodeUnknownTerm, "%s", msg)
			return
		}
		if _, dup := out[k]; dup {
			l.errf(key, CodeDuplicateKey, "term %s given twice", path)
			return
		}
		val, ok := l.termValue(v, info[k])
		if ok {
			out[k] = val
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], ldResolve(n.Content[i+1])
		if _, isKind := l.paths[k.Value]; isKind && !strings.Contains(k.Value, ".") {
			set(k, v, k.Value)
			continue
		}
		if !groups[k.Value] {
			set(k, v, k.Value)
			continue
		}
		if v.Kind != yaml.MappingNode {
			l.errf(v, CodeWrongType, "terms.%s must be a mapping of its fields, not %s", k.Value, ldKind(v))
			continue
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			set(v.Content[j], ldResolve(v.Content[j+1]), k.Value+"."+v.Content[j].Value)
		}
	}
	return out
}

// termValue parses a test's term value into the catalogue's Go type; null is
// an absent term (a nil value).
func (l *loader) termValue(n *yaml.Node, ti extract.TermInfo) (any, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, true
	}
	bad := func(want string) (any, bool) {
		l.errf(n, CodeWrongType, "%s must be %s, not %s", ti.Kind, want, ldKind(n))
		return nil, false
	}
	scalar := n.Kind == yaml.ScalarNode
	switch ti.GoType {
	case "bool":
		if !scalar || n.Tag != "!!bool" {
			return bad("true or false")
		}
		return n.Value == "true", true
	case "int":
		if !scalar || n.Tag != "!!int" {
			return bad("a whole number")
		}
		v, err := strconv.Atoi(n.Value)
		if err != nil {
			return bad("a whole number")
		}
		return v, true
	case "float64":
		if !scalar || n.Tag != "!!int" && n.Tag != "!!float" {
			return bad("a number")
		}
		v, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return bad("a number")
		}
		return v, true
	case "string":
		if !scalar {
			return bad("a string")
		}
		return n.Value, true
	case "Date":
		if !scalar {
			return bad(`a date "YYYY-MM-DD"`)
		}
		d, err := extract.ParseDate(n.Value)
		if err != nil {
			l.errf(n, CodeBadValue, "%s: %v", ti.Kind, err)
			return nil, false
		}
		return d, true
	case "Duration":
		if !scalar {
			return bad(`an ISO 8601 duration ("P90D")`)
		}
		d, err := ParseDuration(n.Value)
		if err != nil {
			l.errf(n, CodeBadValue, "%s: %v", ti.Kind, err)
			return nil, false
		}
		return d, true
	case "Money":
		return l.money(n, ti)
	case "[]string":
		if n.Kind != yaml.SequenceNode {
			return bad("a list of strings")
		}
		out := []string{}
		for _, c := range n.Content {
			if s, ok := l.str(ldField{Value: ldResolve(c)}, string(ti.Kind)+" item"); ok {
				out = append(out, s)
			}
		}
		return out, true
	case "[]Party":
		if n.Kind != yaml.SequenceNode {
			return bad("a list of parties {name, role, aliases}")
		}
		out := []extract.Party{}
		for _, c := range n.Content {
			fs := l.fields(c, "a party", ldKeysParty, []string{"name"})
			var p extract.Party
			if f, ok := fs["name"]; ok {
				p.Name, _ = l.str(f, "name")
			}
			if f, ok := fs["role"]; ok {
				p.Role, _ = l.str(f, "role")
			}
			if f, ok := fs["aliases"]; ok {
				p.Aliases = l.strList(f, "aliases")
			}
			if p.Role != "" && !ldContains(p.Aliases, p.Role) {
				p.Aliases = append([]string{p.Role}, p.Aliases...)
			}
			out = append(out, p)
		}
		return out, true
	}
	l.errf(n, CodeBadValue, "%s: tests cannot give values of type %s", ti.Kind, ti.GoType)
	return nil, false
}

var ldMoneyRe = regexp.MustCompile(`^([A-Z]{3})?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*([A-Z]{3})?$`)

// money reads {amount, currency} or "USD 1000000".
func (l *loader) money(n *yaml.Node, ti extract.TermInfo) (any, bool) {
	if n.Kind == yaml.MappingNode {
		fs := l.fields(n, string(ti.Kind), ldKeysMoney, []string{"amount"})
		var m extract.Money
		if f, ok := fs["amount"]; ok {
			v, err := strconv.ParseFloat(f.Value.Value, 64)
			if err != nil || f.Value.Kind != yaml.ScalarNode {
				l.errf(f.Value, CodeWrongType, "amount must be a number")
				return nil, false
			}
			m.Amount = v
		}
		if f, ok := fs["currency"]; ok {
			m.Currency, _ = l.str(f, "currency")
		}
		return m, true
	}
	if n.Kind == yaml.ScalarNode {
		if mm := ldMoneyRe.FindStringSubmatch(strings.TrimSpace(n.Value)); mm != nil {
			v, err := strconv.ParseFloat(strings.ReplaceAll(mm[2], ",", ""), 64)
			if err == nil {
				return extract.Money{Amount: v, Currency: mm[1] + mm[3]}, true
			}
		}
	}
	l.errf(n, CodeWrongType, `%s must be money: {amount, currency} or "USD 1000000"`, ti.Kind)
	return nil, false
}

var ldDurationRe = regexp.MustCompile(`^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$`)

// ParseDuration reads an ISO 8601 duration in calendar units ("P90D", "P1Y6M",
// "P2W"), as extract.Duration.String writes it; times of day are not accepted.
func ParseDuration(s string) (extract.Duration, error) {
	m := ldDurationRe.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil || s == "P" || strings.TrimSpace(s) == "P" {
		return extract.Duration{}, fmt.Errorf("duration %q is not ISO 8601 (P1Y, P6M, P2W, P90D)", s)
	}
	var n [4]int
	for i := range n {
		if m[i+1] != "" {
			v, err := strconv.Atoi(m[i+1])
			if err != nil {
				return extract.Duration{}, fmt.Errorf("duration %q: %v", s, err)
			}
			n[i] = v
		}
	}
	return extract.Duration{Years: n[0], Months: n[1], Weeks: n[2], Days: n[3]}, nil
}
