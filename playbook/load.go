package playbook

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/clm-engine/clm/extract"
	"github.com/expr-lang/expr"
	"go.yaml.in/yaml/v3"
)

// Load parses and compiles a playbook from data; name is the file name errors
// carry. Every expression is compiled and type-checked against Env. Returns an
// ErrorList (errors.Is(err, ErrInvalid)) listing every problem found, sorted by
// position; a nil *Playbook comes with it.
func Load(name string, data []byte, opts *Options) (pb *Playbook, err error) {
	defer ldCatch(name, &pb, &err)
	o := opts.withDefaults()
	l := newLoader(name, data, &o)
	pb = l.playbook()
	if len(l.errs) > 0 {
		l.errs.Sort()
		return nil, l.errs
	}
	return pb, nil
}

// ldCatch turns a panic inside Load into an error.
func ldCatch(name string, pb **Playbook, err *error) {
	if p := recover(); p != nil {
		*pb = nil
		*err = ErrorList{{File: name, Line: 1, Column: 1, Code: CodeInternal, Message: fmt.Sprintf("internal error loading the playbook: %v", p)}}
	}
}

// LoadFile reads a playbook file and, when it exists, the tests file beside it
// (<name>_test.yaml for <name>.yaml), whose tests: list is appended to the
// playbook's own. Errors are as for Load, naming each file as given.
func LoadFile(path string, opts *Options) (_ *Playbook, rerr error) {
	var pb0 *Playbook
	defer ldCatch(path, &pb0, &rerr)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, ErrorList{{File: path, Line: 1, Column: 1, Code: CodeIO, Message: ldIOCause(err)}}
	}
	o := opts.withDefaults()
	l := newLoader(path, data, &o)
	pb := l.playbook()
	if tp := TestsFile(path); tp != "" {
		if td, err := os.ReadFile(tp); err == nil {
			tl := newLoader(tp, td, &o)
			tl.rules = l.rules
			if pb != nil {
				pb.Tests = append(pb.Tests, tl.testsFile()...)
			} else {
				tl.testsFile()
			}
			l.errs = append(l.errs, tl.errs...)
		} else if !os.IsNotExist(err) {
			l.errs = append(l.errs, &Error{File: tp, Line: 1, Column: 1, Code: CodeIO, Message: ldIOCause(err)})
		}
	}
	if len(l.errs) > 0 {
		l.errs.Sort()
		return nil, l.errs
	}
	return pb, nil
}

// TestsFile returns the tests file that belongs beside a playbook file
// ("saas.yaml" → "saas_test.yaml"), or "" when path is itself a tests file.
func TestsFile(path string) string {
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	if strings.HasSuffix(base, "_test") {
		return ""
	}
	return base + "_test" + ext
}

// PlaybookFile returns the playbook a tests file belongs to ("saas_test.yaml" →
// "saas.yaml"), or "" when path is not a tests file. It is the inverse of
// TestsFile.
func PlaybookFile(path string) string {
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	if name := filepath.Base(base); name == "_test" || !strings.HasSuffix(name, "_test") {
		return ""
	}
	return strings.TrimSuffix(base, "_test") + ext
}

// Check loads each file with LoadFile and returns every error found, sorted;
// the list is empty when all files load. A tests file (<name>_test.yaml) stands
// for its playbook: the playbook beside it is checked with it, and errors in
// either file are reported; a tests file without its playbook is an error.
// Each playbook is checked once however often it is named.
func Check(files ...string) ErrorList {
	var all ErrorList
	seen := make(map[string]bool)
	for _, f := range files {
		path := f
		if pf := PlaybookFile(f); pf != "" {
			if _, err := os.Stat(pf); err != nil {
				all = append(all, &Error{File: f, Line: 1, Column: 1, Code: CodeIO,
					Message: fmt.Sprintf("tests file without its playbook %s: %s", pf, ldIOCause(err))})
				continue
			}
			path = pf
		}
		if seen[filepath.Clean(path)] {
			continue
		}
		seen[filepath.Clean(path)] = true
		if _, err := LoadFile(path, nil); err != nil {
			if list, ok := err.(ErrorList); ok {
				all = append(all, list...)
			} else {
				all = append(all, &Error{File: path, Line: 1, Column: 1, Code: CodeIO, Message: err.Error()})
			}
		}
	}
	all.Sort()
	return all
}

func ldIOCause(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// The keys each mapping of the format allows; the JSON Schema lists the same
// (TestSchema keeps the two in step).
var (
	ldKeysPlaybook     = []string{"playbook", "version", "owner", "perspective", "description", "parties", "authority", "rules", "tests"}
	ldKeysParties      = []string{"us", "them"}
	ldKeysRule         = []string{"id", "clause", "description", "when", "accept", "fallbacks", "escalate", "missing", "jurisdictions"}
	ldKeysEscalate     = []string{"to", "reason"}
	ldKeysFallback     = []string{"name", "when", "edit", "text", "authority"}
	ldKeysEdit         = []string{"replace", "with"}
	ldKeysMissing      = []string{"insert_after", "text", "accept", "reason", "authority"}
	ldKeysJurisdiction = []string{"accept", "fallbacks", "escalate"}
	ldKeysTestsFile    = []string{"playbook", "tests"}
	ldKeysTest         = []string{"name", "clause", "terms", "party", "expect"}
	ldKeysExpect       = []string{"rule", "outcome", "position"}
	ldKeysParty        = []string{"name", "role", "aliases"}
	ldKeysMoney        = []string{"amount", "currency"}
)

// ldOutcomes are the outcomes an authority map may list; ldTestOutcomes those a
// test may expect ("none": the rule makes no decision).
var (
	ldOutcomes     = []string{OutcomeAccept, OutcomeFallback, OutcomeEscalate}
	ldTestOutcomes = []string{OutcomeAccept, OutcomeFallback, OutcomeEscalate, "none"}
)

// loader reads one file through yaml.Node so that every error has a position.
type loader struct {
	file  string
	src   []byte
	lines []int // byte offset of each line start
	opt   *Options
	errs  ErrorList
	rule  string // the id of the rule being read, for errors

	exprOpts []expr.Option
	paths    map[string]extract.TermKind
	roles    map[string]int // authority role → index
	hasAuth  bool
	rules    map[string]*Rule
}

func newLoader(name string, data []byte, o *Options) *loader {
	l := &loader{file: name, src: data, opt: o, lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			l.lines = append(l.lines, i+1)
		}
	}
	return l
}

func (l *loader) errAt(line, col int, code, format string, args ...any) {
	l.errs = append(l.errs, &Error{File: l.file, Line: line, Column: col, Rule: l.rule, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (l *loader) errf(n *yaml.Node, code, format string, args ...any) {
	l.errAt(n.Line, n.Column, code, format, args...)
}

// ldLineRe finds the line yaml.v3 names in a syntax error.
var ldLineRe = regexp.MustCompile(`^yaml: line (\d+): `)

// root parses the file and returns its top-level mapping, or nil.
func (l *loader) root() *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(l.src, &doc); err != nil {
		msg := err.Error()
		line := 1
		if m := ldLineRe.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		// yaml.v3 reports the line only: point at its first character.
		col := 1
		if line-1 < len(l.lines) {
			rest := l.src[l.lines[line-1]:]
			if i := bytes.IndexByte(rest, '\n'); i >= 0 {
				rest = rest[:i]
			}
			col += utf8.RuneCount(rest) - utf8.RuneCount(bytes.TrimLeft(rest, " \t"))
		}
		l.errAt(line, col, CodeYAMLSyntax, "YAML syntax error: %s", msg)
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		l.errAt(1, 1, CodeMissingKey, "empty file")
		return nil
	}
	n := ldResolve(doc.Content[0])
	if n.Kind != yaml.MappingNode {
		l.errf(n, CodeWrongType, "the file must be a mapping of keys, not %s", ldKind(n))
		return nil
	}
	return n
}

func ldResolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func ldKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!bool":
			return "a boolean"
		case "!!int", "!!float":
			return "a number"
		}
		return "a string"
	}
	return "nothing"
}

// ldField is one key of a mapping, with the key node for positions.
type ldField struct {
	Key   *yaml.Node
	Value *yaml.Node
}

// fields reads a mapping, reporting keys not in allowed, keys given twice and
// required keys that are absent. It returns nil when n is not a mapping.
func (l *loader) fields(n *yaml.Node, what string, allowed, required []string) map[string]ldField {
	n = ldResolve(n)
	if n.Kind != yaml.MappingNode {
		l.errf(n, CodeWrongType, "%s must be a mapping, not %s", what, ldKind(n))
		return nil
	}
	out := make(map[string]ldField)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], ldResolve(n.Content[i+1])
		if !ldContains(allowed, k.Value) {
			l.errf(k, CodeUnknownKey, "unknown key %q in %s (want one of %s)", k.Value, what, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			l.errf(k, CodeDuplicateKey, "key %q given twice in %s", k.Value, what)
			continue
		}
		out[k.Value] = ldField{k, v}
	}
	for _, r := range required {
		if _, ok := out[r]; !ok {
			l.errf(n, CodeMissingKey, "%s has no %s", what, r)
		}
	}
	return out
}

func ldContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// str reads a scalar as a string; numbers and booleans are read as written.
func (l *loader) str(f ldField, what string) (string, bool) {
	n := f.Value
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.errf(n, CodeWrongType, "%s must be a string, not %s", what, ldKind(n))
		return "", false
	}
	return n.Value, true
}

// strList reads a list of scalars.
func (l *loader) strList(f ldField, what string) []string {
	n := f.Value
	if n.Kind != yaml.SequenceNode {
		l.errf(n, CodeWrongType, "%s must be a list, not %s", what, ldKind(n))
		return nil
	}
	var out []string
	for _, c := range n.Content {
		c = ldResolve(c)
		if s, ok := l.str(ldField{Value: c}, what+" item"); ok {
			out = append(out, s)
		}
	}
	return out
}

// playbook reads the whole file.
func (l *loader) playbook() *Playbook {
	sum := sha256.Sum256(l.src)
	pb := &Playbook{File: l.file, Revision: hex.EncodeToString(sum[:])}
	root := l.root()
	if root == nil {
		return nil
	}
	l.exprOpts = condOptions(l.opt.MaxNodes)
	l.paths = condPaths()
	fs := l.fields(root, "the playbook", ldKeysPlaybook, []string{"playbook", "rules"})
	if f, ok := fs["playbook"]; ok {
		pb.Name, _ = l.str(f, "playbook")
	}
	if f, ok := fs["version"]; ok {
		pb.Version, _ = l.str(f, "version")
	}
	if f, ok := fs["owner"]; ok {
		pb.Owner, _ = l.str(f, "owner")
	}
	if f, ok := fs["perspective"]; ok {
		pb.Perspective, _ = l.str(f, "perspective")
	}
	if f, ok := fs["parties"]; ok {
		ps := l.fields(f.Value, "parties", ldKeysParties, []string{"us"})
		if g, ok := ps["us"]; ok {
			pb.Parties.Us = l.strList(g, "parties.us")
		}
		if g, ok := ps["them"]; ok {
			pb.Parties.Them = l.strList(g, "parties.them")
		}
	}
	l.roles = make(map[string]int)
	if f, ok := fs["authority"]; ok {
		pb.Authority = l.authority(f.Value)
		l.hasAuth = true
	}
	l.rules = make(map[string]*Rule)
	if f, ok := fs["rules"]; ok {
		pb.Rules = l.rulesList(f.Value)
	}
	if f, ok := fs["tests"]; ok {
		pb.Tests = l.tests(f.Value)
	}
	return pb
}

func (l *loader) authority(n *yaml.Node) []Role {
	if n.Kind != yaml.MappingNode {
		l.errf(n, CodeWrongType, "authority must be a mapping of role to outcomes, not %s", ldKind(n))
		return nil
	}
	var out []Role
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], ldResolve(n.Content[i+1])
		if _, dup := l.roles[k.Value]; dup {
			l.errf(k, CodeDuplicateKey, "role %q given twice in authority", k.Value)
			continue
		}
		r := Role{Name: k.Value}
		if v.Kind != yaml.SequenceNode {
			l.errf(v, CodeWrongType, "authority.%s must be a list of outcomes, not %s", k.Value, ldKind(v))
		} else {
			for _, c := range v.Content {
				c = ldResolve(c)
				s, ok := l.str(ldField{Value: c}, "an outcome")
				if !ok {
					continue
				}
				if !ldContains(ldOutcomes, s) {
					l.errf(c, CodeUnknownOutcome, "unknown outcome %q (want accept, fallback or escalate)", s)
					continue
				}
				r.Outcomes = append(r.Outcomes, s)
			}
		}
		l.roles[k.Value] = len(out)
		out = append(out, r)
	}
	return out
}

// role checks a role name against the authority map.
func (l *loader) role(f ldField, what string) string {
	s, ok := l.str(f, what)
	if !ok {
		return ""
	}
	if _, known := l.roles[s]; !known {
		if !l.hasAuth {
			l.errf(f.Value, CodeUnknownAuthority, "%s names role %q but the playbook has no authority map", what, s)
		} else {
			l.errf(f.Value, CodeUnknownAuthority, "unknown role %q in %s (the authority map has %s)", s, what, strings.Join(ldKeys(l.roles), ", "))
		}
	}
	return s
}

func ldKeys(m map[string]int) []string {
	out := make([]string, len(m))
	for k, i := range m {
		out[i] = k
	}
	return out
}

func (l *loader) rulesList(n *yaml.Node) []*Rule {
	if n.Kind != yaml.SequenceNode {
		l.errf(n, CodeWrongType, "rules must be a list, not %s", ldKind(n))
		return nil
	}
	if len(n.Content) > l.opt.MaxRules {
		l.errf(n, CodeLimit, "%d rules exceed MaxRules (%d)", len(n.Content), l.opt.MaxRules)
		return nil
	}
	var out []*Rule
	for _, c := range n.Content {
		if r := l.ruleOf(ldResolve(c)); r != nil {
			out = append(out, r)
		}
	}
	l.rule = ""
	return out
}

var ldRuleID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func (l *loader) ruleOf(n *yaml.Node) *Rule {
	l.rule = ""
	r := &Rule{Line: n.Line, Column: n.Column}
	if n.Kind == yaml.MappingNode {
		// Name the rule in every error about it, the key errors included.
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "id" && n.Content[i+1].Kind == yaml.ScalarNode {
				l.rule = n.Content[i+1].Value
			}
		}
	}
	fs := l.fields(n, "a rule", ldKeysRule, []string{"id", "clause", "accept"})
	if fs == nil {
		return nil
	}
	if f, ok := fs["id"]; ok {
		if id, ok := l.str(f, "id"); ok {
			switch {
			case !ldRuleID.MatchString(id):
				l.errf(f.Value, CodeBadValue, "rule id %q must be letters, digits, '.', '_' or '-'", id)
			case l.rules[id] != nil:
				prev := l.rules[id]
				l.errf(f.Value, CodeDuplicateRule, "duplicate rule id %q (first at line %d)", id, prev.Line)
			default:
				l.rules[id] = r
			}
			r.ID = id
		}
	}
	if f, ok := fs["clause"]; ok {
		if s, ok := l.str(f, "clause"); ok {
			if !ldClauseType(s) {
				l.errf(f.Value, CodeUnknownClauseType, "unknown clause type %q", s)
			}
			r.Clause = extract.ClauseType(s)
		}
	}
	if f, ok := fs["when"]; ok {
		r.When = l.cond(f, "when")
	}
	l.positions(fs, &r.Positions, "")
	if f, ok := fs["missing"]; ok {
		r.Missing = l.missing(f.Value)
	}
	if f, ok := fs["jurisdictions"]; ok {
		r.Jurisdictions = l.jurisdictions(f.Value)
	}
	return r
}

// ldInsertEnd is the insert_after value that places a missing clause at the end
// of the body; every other insert_after names a clause type.
const ldInsertEnd = "end"

func ldClauseType(s string) bool {
	for _, t := range extract.Taxonomy {
		if string(t.ID) == s {
			return true
		}
	}
	return false
}

// positions reads accept, fallbacks and escalate.
func (l *loader) positions(fs map[string]ldField, p *Positions, where string) (hasFallbacks bool) {
	if f, ok := fs["accept"]; ok {
		p.Accept = l.cond(f, where+"accept")
	}
	if f, ok := fs["fallbacks"]; ok {
		hasFallbacks = true
		if f.Value.Kind != yaml.SequenceNode {
			l.errf(f.Value, CodeWrongType, "fallbacks must be a list, not %s", ldKind(f.Value))
		} else {
			for _, c := range f.Value.Content {
				if fb := l.fallback(ldResolve(c)); fb != nil {
					p.Fallbacks = append(p.Fallbacks, fb)
				}
			}
		}
	}
	if f, ok := fs["escalate"]; ok {
		efs := l.fields(f.Value, "escalate", ldKeysEscalate, nil)
		e := &Escalation{}
		if g, ok := efs["to"]; ok {
			e.To = l.role(g, "escalate.to")
		}
		if g, ok := efs["reason"]; ok {
			e.Reason, _ = l.str(g, "escalate.reason")
		}
		p.Escalate = e
	}
	return hasFallbacks
}

func (l *loader) fallback(n *yaml.Node) *Fallback {
	fs := l.fields(n, "a fallback", ldKeysFallback, []string{"name"})
	if fs == nil {
		return nil
	}
	fb := &Fallback{}
	if f, ok := fs["name"]; ok {
		fb.Name, _ = l.str(f, "name")
	}
	if f, ok := fs["when"]; ok {
		fb.When = l.cond(f, "when")
	}
	_, hasEdit := fs["edit"]
	_, hasText := fs["text"]
	switch {
	case !hasEdit && !hasText:
		l.errf(n, CodeFallbackEmpty, "fallback %q has neither edit nor text", fb.Name)
	case hasEdit && hasText:
		l.errf(fs["text"].Key, CodeFallbackBoth, "fallback %q has both edit and text; give one", fb.Name)
	}
	if f, ok := fs["edit"]; ok {
		efs := l.fields(f.Value, "edit", ldKeysEdit, ldKeysEdit)
		e := &Edit{}
		if g, ok := efs["replace"]; ok {
			if s, ok := l.str(g, "edit.replace"); ok {
				if strings.TrimSpace(s) == "" {
					l.errf(g.Value, CodeEditEmpty, "edit.replace is empty: an empty phrase can never match")
				}
				e.Replace = s
			}
		}
		if g, ok := efs["with"]; ok {
			if g.Value.Tag == "!!null" {
				e.With = ""
			} else {
				e.With, _ = l.str(g, "edit.with")
			}
		}
		fb.Edit = e
	}
	if f, ok := fs["text"]; ok {
		if s, ok := l.str(f, "text"); ok {
			if strings.TrimSpace(s) == "" {
				l.errf(f.Value, CodeBadValue, "fallback text is empty")
			}
			fb.Text = strings.TrimSpace(s)
		}
	}
	if f, ok := fs["authority"]; ok {
		fb.Authority = l.role(f, "authority")
	}
	return fb
}

func (l *loader) missing(n *yaml.Node) *Missing {
	fs := l.fields(n, "missing", ldKeysMissing, nil)
	if fs == nil {
		return nil
	}
	m := &Missing{}
	if f, ok := fs["accept"]; ok {
		switch v := f.Value; {
		case v.Kind == yaml.ScalarNode && v.Tag == "!!bool" && v.Value == "true":
			m.Accept = true
		case v.Kind == yaml.ScalarNode && v.Tag == "!!bool":
			l.errf(v, CodeBadValue, "missing.accept can only be true (the absence is acceptable); to insert a clause give text instead")
		case v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == "true":
			l.errf(v, CodeWrongType, "missing.accept must be the boolean true, not a string: write accept: true without quotes")
		default:
			l.errf(v, CodeWrongType, "missing.accept must be true, not %s", ldKind(v))
		}
	}
	_, hasText := fs["text"]
	_, hasAccept := fs["accept"]
	switch {
	case !hasText && !hasAccept:
		l.errf(n, CodeMissingEmpty, "missing has neither text (a clause to insert) nor accept: true (the absence is acceptable)")
	case hasText && hasAccept:
		l.errf(fs["accept"].Key, CodeMissingBoth, "missing has both text and accept; give text to insert a clause or accept: true to accept the absence")
	}
	if f, ok := fs["insert_after"]; ok {
		if s, ok := l.str(f, "insert_after"); ok {
			switch {
			case hasAccept && !hasText:
				l.errf(f.Key, CodeBadValue, "insert_after places an inserted text; missing with accept: true inserts nothing")
			case s != ldInsertEnd && !ldClauseType(s):
				l.errf(f.Value, CodeInsertAfter, "insert_after %q is neither a clause type nor \"end\"", s)
			}
			m.InsertAfter = s
		}
	}
	if f, ok := fs["text"]; ok {
		if s, ok := l.str(f, "missing.text"); ok {
			if strings.TrimSpace(s) == "" {
				l.errf(f.Value, CodeBadValue, "missing.text is empty")
			}
			m.Text = strings.TrimSpace(s)
		}
	}
	if f, ok := fs["reason"]; ok {
		if s, ok := l.str(f, "missing.reason"); ok {
			if hasText && !hasAccept {
				l.errf(f.Key, CodeBadValue, "missing.reason explains an accepted absence (accept: true); an inserted text needs none")
			}
			m.Reason = strings.TrimSpace(s)
		}
	}
	if f, ok := fs["authority"]; ok {
		m.Authority = l.role(f, "missing.authority")
	}
	if m.InsertAfter == "" && !m.Accept {
		m.InsertAfter = ldInsertEnd
	}
	return m
}

func (l *loader) jurisdictions(n *yaml.Node) []*Jurisdiction {
	if n.Kind != yaml.MappingNode {
		l.errf(n, CodeWrongType, "jurisdictions must be a mapping of governing law to positions, not %s", ldKind(n))
		return nil
	}
	var out []*Jurisdiction
	seen := make(map[string]bool)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], ldResolve(n.Content[i+1])
		law := strings.TrimSpace(k.Value)
		if law == "" {
			l.errf(k, CodeBadValue, "empty governing law name")
			continue
		}
		if seen[strings.ToLower(law)] {
			l.errf(k, CodeDuplicateKey, "jurisdiction %q given twice", law)
			continue
		}
		seen[strings.ToLower(law)] = true
		fs := l.fields(v, "jurisdiction "+strconv.Quote(law), ldKeysJurisdiction, nil)
		if fs == nil {
			continue
		}
		j := &Jurisdiction{Law: law}
		var p Positions
		j.HasFallbacks = l.positions(fs, &p, "")
		j.Accept, j.Fallbacks, j.Escalate = p.Accept, p.Fallbacks, p.Escalate
		out = append(out, j)
	}
	return out
}

// cond compiles the expression in f, reporting errors at their place in the file.
func (l *loader) cond(f ldField, what string) *Cond {
	n := f.Value
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.errf(n, CodeWrongType, "%s must be an expression (a string), not %s", what, ldKind(n))
		return nil
	}
	c, ce := compileCond(n.Value, l.exprOpts, l.paths)
	if ce != nil {
		line, col := n.Line, n.Column
		if ce.Offset >= 0 {
			line, col = l.valuePos(n, ce.Offset)
		}
		l.errAt(line, col, ce.Code, "%s: %s", what, ce.Message)
		return nil
	}
	c.Line, c.Column = n.Line, n.Column
	return c
}

// valuePos finds the file position of the rune at offset off of scalar n's
// value, by walking the raw text beside the value: quotes, escapes, folded line
// breaks and block indentation are skipped.
func (l *loader) valuePos(n *yaml.Node, off int) (line, col int) {
	if n.Line < 1 || n.Line > len(l.lines) {
		return n.Line, n.Column
	}
	start := l.lines[n.Line-1]
	for i := 1; i < n.Column && start < len(l.src); i++ {
		_, size := utf8.DecodeRune(l.src[start:])
		start += size
	}
	p := start
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		if i := bytes.IndexByte(l.src[p:], '\n'); i >= 0 {
			p += i + 1
		}
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		p++
	}
	val := []rune(n.Value)
	match := func(c rune) int {
		for q, steps := p, 0; q < len(l.src) && steps < 256; steps++ {
			r, size := utf8.DecodeRune(l.src[q:])
			if r == c || (c == ' ' || c == '\n') && (r == '\n' || r == ' ') {
				return q
			}
			q += size
		}
		return -1
	}
	for i := 0; i < off && i < len(val); i++ {
		q := match(val[i])
		if q < 0 {
			break
		}
		_, size := utf8.DecodeRune(l.src[q:])
		p = q + size
	}
	if off < len(val) {
		if q := match(val[off]); q >= 0 {
			p = q
		}
	}
	return l.position(p)
}

// position converts a byte offset of the file to a 1-based line and column.
func (l *loader) position(p int) (line, col int) {
	line = 1
	for line < len(l.lines) && l.lines[line] <= p {
		line++
	}
	return line, utf8.RuneCount(l.src[l.lines[line-1]:p]) + 1
}
