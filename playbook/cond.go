package playbook

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/clm-engine/clm/extract"
	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// Cond is a compiled playbook expression: a condition on the terms of a
// contract and the text of a clause.
type Cond struct {
	Source       string
	Line, Column int // where the expression's scalar starts in the playbook file

	prog       *vm.Program
	refs       []condRef // terms the expression reads, in order of first use
	usesParty  bool      // reads us or them
	usesClause bool      // reads text or clause: it judges a clause, not the document
}

// condRef is one term an expression reads.
type condRef struct {
	Kind    extract.TermKind
	Path    string // as written: "renewal.notice_period" or "renewal_notice_period"
	Guarded bool   // compared with nil or defaulted with ?? somewhere in the expression
}

// condPaths maps every way an expression names a term to its kind.
func condPaths() map[string]extract.TermKind {
	m := make(map[string]extract.TermKind, 2*len(envTerms))
	for _, t := range envTerms {
		m[t.Kind] = extract.TermKind(t.Kind)
		if t.Field != "" {
			m[t.Group+"."+t.Field] = extract.TermKind(t.Kind)
		}
	}
	return m
}

// condOptions are the compile options every expression shares: the Env, a bool
// result, the helpers, date comparison, and no clock.
func condOptions(maxNodes uint) []expr.Option {
	dur := func(name string, p []any) (*extract.Duration, error) {
		d, _ := p[0].(*extract.Duration)
		if d == nil {
			return nil, fmt.Errorf("%s of an absent duration", name)
		}
		return d, nil
	}
	dates := func(p []any) (a, b *extract.Date, err error) {
		a, _ = p[0].(*extract.Date)
		b, _ = p[1].(*extract.Date)
		if a == nil || b == nil {
			return nil, nil, errors.New("comparison with an absent date")
		}
		return a, b, nil
	}
	dateCmp := func(name string, ok func(c int) bool) expr.Option {
		return expr.Function(name, func(p ...any) (any, error) {
			a, b, err := dates(p)
			if err != nil {
				return nil, err
			}
			return ok(condDateCompare(*a, *b)), nil
		}, new(func(*extract.Date, *extract.Date) bool))
	}
	return []expr.Option{
		expr.Env(Env{}),
		expr.AsBool(),
		expr.MaxNodes(maxNodes),
		expr.DisableBuiltin("now"),
		expr.DisableBuiltin("date"),
		expr.DisableBuiltin("duration"),
		expr.DisableBuiltin("timezone"),
		expr.Function("days", func(p ...any) (any, error) {
			d, err := dur("days", p)
			if err != nil {
				return nil, err
			}
			return condDays(*d), nil
		}, new(func(*extract.Duration) int)),
		expr.Function("months", func(p ...any) (any, error) {
			d, err := dur("months", p)
			if err != nil {
				return nil, err
			}
			return condMonths(*d), nil
		}, new(func(*extract.Duration) float64)),
		expr.Function("years", func(p ...any) (any, error) {
			d, err := dur("years", p)
			if err != nil {
				return nil, err
			}
			return condMonths(*d) / 12, nil
		}, new(func(*extract.Duration) float64)),
		expr.Function("date", func(p ...any) (any, error) {
			s, _ := p[0].(string)
			d, err := extract.ParseDate(s)
			if err != nil {
				return nil, err
			}
			return &d, nil
		}, new(func(string) *extract.Date)),
		dateCmp("before", func(c int) bool { return c < 0 }),
		dateCmp("after", func(c int) bool { return c > 0 }),
		dateCmp("condDateLE", func(c int) bool { return c <= 0 }),
		dateCmp("condDateGE", func(c int) bool { return c >= 0 }),
		expr.Operator("<", "before"),
		expr.Operator(">", "after"),
		expr.Operator("<=", "condDateLE"),
		expr.Operator(">=", "condDateGE"),
	}
}

// condDays is d in days: a year is 365 days, a month 30, a week 7; business days
// count as calendar days at 7 for every 5 (extract.Duration.ApproxDays).
func condDays(d extract.Duration) int { return d.ApproxDays() }

// condMonths is d in months: a year is 12 months, and weeks and days count as
// months of 30 days, fractions kept (P90D is 3, P45D is 1.5).
func condMonths(d extract.Duration) float64 {
	rest := extract.Duration{Weeks: d.Weeks, Days: d.Days, Business: d.Business}
	return float64(12*d.Years+d.Months) + float64(rest.ApproxDays())/30
}

func condDateCompare(a, b extract.Date) int {
	switch {
	case a == b:
		return 0
	case a.Before(b):
		return -1
	}
	return 1
}

// condIdent matches an identifier, to name the term an error is about.
var condIdent = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?$`)

// condError is a compile error at a rune offset of the expression source.
type condError struct {
	Code    string
	Message string
	Offset  int // runes into the source; -1: the whole expression
}

// compileCond compiles src against Env. The error, if any, says where in src.
func compileCond(src string, opts []expr.Option, paths map[string]extract.TermKind) (*Cond, *condError) {
	if strings.TrimSpace(src) == "" {
		return nil, &condError{CodeExprSyntax, "empty expression", -1}
	}
	tree, err := parser.Parse(src)
	if err != nil {
		return nil, condFileError(src, err, CodeExprSyntax)
	}
	c := &Cond{Source: src}
	c.refs, c.usesParty = condRefs(tree.Node, paths)
	c.usesClause = condUsesClause(tree.Node)
	if ce := condCheckNames(tree.Node, paths); ce != nil {
		return nil, ce
	}
	if ce := condCheckLiterals(tree.Node); ce != nil {
		return nil, ce
	}
	prog, err := expr.Compile(src, opts...)
	if err != nil && strings.HasPrefix(err.Error(), "expected bool, but got *bool") {
		// A bare *bool term ("assignment.mutual") reads as true only when true;
		// absence is caught before the program runs (see evalCond).
		prog, err = expr.Compile("("+src+"\n) == true", opts...)
	}
	if err != nil {
		msg := err.Error()
		if strings.HasPrefix(msg, "expected bool, but got ") {
			got := strings.TrimPrefix(msg, "expected bool, but got ")
			return nil, &condError{CodeExprType, "the expression must be true or false, not " + condTypeName(got), -1}
		}
		code := CodeExprType
		var fe *file.Error
		if errors.As(err, &fe) {
			switch {
			case strings.HasPrefix(fe.Message, "unknown name "):
				code = CodeUnknownTerm
			case strings.Contains(fe.Message, " has no field "):
				code = CodeUnknownTerm
			}
		}
		ce := condFileError(src, err, code)
		if code == CodeUnknownTerm && ce.Offset >= 0 {
			ce.Message = condUnknownMessage(src, ce, paths)
		}
		return nil, ce
	}
	c.prog = prog
	return c, nil
}

// condFileError converts an expr error to a condError at a rune offset of src.
func condFileError(src string, err error, code string) *condError {
	var fe *file.Error
	if !errors.As(err, &fe) {
		return &condError{code, err.Error(), -1}
	}
	off := 0
	line := 1
	for _, r := range src {
		if line == fe.Line {
			break
		}
		if r == '\n' {
			line++
		}
		off++
	}
	return &condError{code, condTidy(fe.Message), off + fe.Column}
}

// condTidy rewrites expr's Go type names into the names playbook authors know.
func condTidy(msg string) string {
	r := strings.NewReplacer(
		"*extract.Duration", "duration", "extract.Duration", "duration",
		"*extract.Date", "date", "extract.Date", "date",
		"*extract.Money", "money", "extract.Money", "money",
		"[]extract.Party", "parties", "extract.Party", "party",
		"*bool", "bool", "*string", "string", "*int", "int", "*float64", "float64",
	)
	return r.Replace(msg)
}

func condTypeName(goType string) string { return condTidy(goType) }

// condUnknownMessage names the unknown term as written, with a suggestion.
func condUnknownMessage(src string, ce *condError, paths map[string]extract.TermKind) string {
	rs := []rune(src)
	end := ce.Offset
	for end < len(rs) && (rs[end] == '_' || rs[end] == '.' || rs[end] >= 'a' && rs[end] <= 'z' || rs[end] >= 'A' && rs[end] <= 'Z' || rs[end] >= '0' && rs[end] <= '9') {
		end++
	}
	name := condIdent.FindString(string(rs[:end]))
	if name == "" {
		return ce.Message
	}
	if strings.HasSuffix(ce.Message, "(") || strings.Contains(ce.Message, "unknown name") && end < len(rs) && rs[end] == '(' {
		return "unknown function " + name
	}
	msg := "unknown term " + name
	if s := condSuggest(name, paths); s != "" {
		msg += " (did you mean " + s + "?)"
	}
	return msg
}

// condSuggest returns the known name closest to name, if close enough.
func condSuggest(name string, paths map[string]extract.TermKind) string {
	best, bestD := "", 4
	for p := range paths {
		if d := condDistance(name, p); d < bestD || d == bestD && p < best {
			best, bestD = p, d
		}
	}
	return best
}

// condDistance is the Levenshtein distance between a and b.
func condDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// condRefs collects the terms an expression reads, and whether each is guarded
// (compared with nil, or the left side of ??), from its syntax tree.
func condRefs(root ast.Node, paths map[string]extract.TermKind) (refs []condRef, usesParty bool) {
	path := func(n ast.Node) string {
		switch n := n.(type) {
		case *ast.IdentifierNode:
			return n.Value
		case *ast.MemberNode:
			id, ok := n.Node.(*ast.IdentifierNode)
			prop, ok2 := n.Property.(*ast.StringNode)
			if ok && ok2 && !n.Optional {
				return id.Value + "." + prop.Value
			}
		case *ast.ChainNode:
			if m, ok := n.Node.(*ast.MemberNode); ok {
				id, ok := m.Node.(*ast.IdentifierNode)
				prop, ok2 := m.Property.(*ast.StringNode)
				if ok && ok2 {
					return id.Value + "." + prop.Value
				}
			}
		}
		return ""
	}
	index := make(map[extract.TermKind]int)
	add := func(p string, guarded bool) {
		k, ok := paths[p]
		if !ok {
			return
		}
		if i, seen := index[k]; seen {
			refs[i].Guarded = refs[i].Guarded || guarded
			return
		}
		index[k] = len(refs)
		refs = append(refs, condRef{Kind: k, Path: p, Guarded: guarded})
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		ast.Walk(&n, condVisitor(func(node *ast.Node) {
			switch x := (*node).(type) {
			case *ast.IdentifierNode:
				if x.Value == "us" || x.Value == "them" {
					usesParty = true
				}
				add(x.Value, false)
			case *ast.MemberNode:
				add(path(x), false)
			case *ast.BinaryNode:
				switch x.Operator {
				case "==", "!=":
					if _, ok := x.Right.(*ast.NilNode); ok {
						add(path(x.Left), true)
					}
					if _, ok := x.Left.(*ast.NilNode); ok {
						add(path(x.Right), true)
					}
				case "??":
					add(path(x.Left), true)
				}
			}
		}))
	}
	walk(root)
	return refs, usesParty
}

// condUsesClause reports whether an expression reads a clause-level variable
// (text or clause) rather than only document terms and the perspective. (expr
// does not let a let shadow a variable of the environment.)
func condUsesClause(root ast.Node) bool {
	uses := false
	ast.Walk(&root, condVisitor(func(node *ast.Node) {
		if x, ok := (*node).(*ast.IdentifierNode); ok && (x.Value == "text" || x.Value == "clause") {
			uses = true
		}
	}))
	return uses
}

// condVisitor adapts a function to ast.Visitor.
type condVisitor func(node *ast.Node)

func (f condVisitor) Visit(node *ast.Node) { f(node) }

// condVars maps each top-level variable of Env to the fields of its struct
// value (nil for other values).
func condVars() map[string]map[string]bool {
	vars := make(map[string]map[string]bool)
	et := reflect.TypeOf(Env{})
	for i := 0; i < et.NumField(); i++ {
		f := et.Field(i)
		var fields map[string]bool
		if f.Type.Kind() == reflect.Struct {
			fields = make(map[string]bool)
			for j := 0; j < f.Type.NumField(); j++ {
				fields[f.Type.Field(j).Tag.Get("expr")] = true
			}
		}
		vars[f.Tag.Get("expr")] = fields
	}
	return vars
}

// condCheckNames reports the first unknown variable or group field. expr's
// checker does not look inside the arguments of typed functions (days(x)), so
// names are checked here over the whole tree.
func condCheckNames(root ast.Node, paths map[string]extract.TermKind) *condError {
	vars := condVars()
	callees := make(map[ast.Node]bool)
	lets := make(map[string]bool)
	ast.Walk(&root, condVisitor(func(node *ast.Node) {
		switch x := (*node).(type) {
		case *ast.CallNode:
			callees[x.Callee] = true
		case *ast.VariableDeclaratorNode:
			lets[x.Name] = true
		}
	}))
	var bad *condError
	report := func(name string, at ast.Node) {
		if bad != nil {
			return
		}
		msg := "unknown term " + name
		if s := condSuggest(name, paths); s != "" {
			msg += " (did you mean " + s + "?)"
		}
		bad = &condError{CodeUnknownTerm, msg, at.Location().From}
	}
	ast.Walk(&root, condVisitor(func(node *ast.Node) {
		switch x := (*node).(type) {
		case *ast.IdentifierNode:
			if _, ok := vars[x.Value]; !ok && !callees[x] && !lets[x.Value] {
				report(x.Value, x)
			}
		case *ast.MemberNode:
			id, ok := x.Node.(*ast.IdentifierNode)
			prop, ok2 := x.Property.(*ast.StringNode)
			if !ok || !ok2 || lets[id.Value] {
				return
			}
			if fields := vars[id.Value]; fields != nil && !fields[prop.Value] {
				report(id.Value+"."+prop.Value, prop)
			}
		}
	}))
	return bad
}

// condCheckLiterals rejects date("...") with a literal that is not a date.
func condCheckLiterals(root ast.Node) *condError {
	var bad *condError
	ast.Walk(&root, condVisitor(func(node *ast.Node) {
		if bad != nil {
			return
		}
		var args []ast.Node
		switch x := (*node).(type) {
		case *ast.CallNode:
			if id, ok := x.Callee.(*ast.IdentifierNode); ok && id.Value == "date" {
				args = x.Arguments
			}
		case *ast.BuiltinNode:
			if x.Name == "date" {
				args = x.Arguments
			}
		}
		if len(args) != 1 {
			return
		}
		s, ok := args[0].(*ast.StringNode)
		if !ok {
			return
		}
		if _, err := extract.ParseDate(s.Value); err != nil {
			bad = &condError{CodeExprType, err.Error(), s.Location().From}
		}
	}))
	return bad
}
