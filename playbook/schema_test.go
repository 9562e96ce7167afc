package playbook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/clm-engine/clm/extract"
)

// schPath is the JSON Schema editors use for playbooks and their tests.
const schPath = "../playbooks/schema/playbook.schema.json"

// TestSchema keeps playbooks/schema/playbook.schema.json in step with the code.
// The parts the code defines are generated into it (go test ./playbook -run
// TestSchema -update rewrites them and leaves the rest as written): the clause
// types (extract.Taxonomy, and "end" for insert_after), the terms a test may
// give (extract.Terms, by kind and by group and field), and the outcomes the
// loader accepts. The keys of every mapping must also be the loader's.
func TestSchema(t *testing.T) {
	data, err := os.ReadFile(schPath)
	if err != nil {
		t.Fatal(err)
	}
	root, err := schDecode(data)
	if err != nil {
		t.Fatalf("%s: %v", schPath, err)
	}
	if err := schGenerate(root, extract.Taxonomy, extract.Terms); err != nil {
		t.Fatal(err)
	}
	want, err := schEncode(root)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(schPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
		data = want
	}
	if !bytes.Equal(data, want) {
		t.Errorf("%s disagrees with extract.Taxonomy, extract.Terms or the loader's outcomes; run go test ./playbook -run TestSchema -update and read the diff", schPath)
	}
	for _, m := range schShapes() {
		obj, ok := schGet(root, m.path...).(schObject)
		if !ok {
			t.Errorf("schema: no object at %s", strings.Join(m.path, "/"))
			continue
		}
		props, _ := obj.get("properties").(schObject)
		var got []string
		for _, kv := range props {
			got = append(got, kv.Key)
		}
		if !slices.Equal(schSorted(got), schSorted(m.keys)) {
			t.Errorf("schema %s has keys %v; the loader allows %v", strings.Join(m.path, "/"), got, m.keys)
		}
	}
}

// TestSchemaContent checks the generated parts against the code directly, so
// that a broken generator cannot hide drift, and shows the check can fail.
func TestSchemaContent(t *testing.T) {
	data, err := os.ReadFile(schPath)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	var clauseType struct{ Enum []string }
	var terms struct {
		Properties map[string]struct {
			Properties map[string]json.RawMessage
		}
	}
	var playbook struct {
		Properties struct {
			Authority struct {
				AdditionalProperties struct{ Items struct{ Enum []string } }
			}
		}
	}
	var test struct {
		Properties struct {
			Expect struct {
				Properties struct{ Outcome struct{ Enum []string } }
			}
		}
	}
	var rule struct {
		Properties struct {
			Missing struct {
				Properties struct {
					InsertAfter struct {
						AnyOf []struct {
							Ref   string `json:"$ref"`
							Const string
						}
					} `json:"insert_after"`
				}
			}
		}
	}
	for name, v := range map[string]any{"clauseType": &clauseType, "terms": &terms, "playbook": &playbook, "test": &test, "rule": &rule} {
		if err := json.Unmarshal(s.Defs[name], v); err != nil {
			t.Fatalf("$defs/%s: %v", name, err)
		}
	}
	var ids []string
	for _, ti := range extract.Taxonomy {
		ids = append(ids, string(ti.ID))
	}
	if !slices.Equal(clauseType.Enum, ids) {
		t.Errorf("clauseType enum %v, want extract.Taxonomy %v", clauseType.Enum, ids)
	}
	var after []string
	for _, a := range rule.Properties.Missing.Properties.InsertAfter.AnyOf {
		after = append(after, a.Ref+a.Const)
	}
	if !slices.Equal(after, []string{"#/$defs/clauseType", ldInsertEnd}) {
		t.Errorf("insert_after allows %v, want a clause type or %q", after, ldInsertEnd)
	}
	var names, want []string
	for name, p := range terms.Properties {
		if p.Properties == nil {
			names = append(names, name)
		}
		for f := range p.Properties {
			names = append(names, name+"."+f)
		}
	}
	for _, ti := range extract.Terms {
		want = append(want, string(ti.Kind))
		if ti.Field != "" {
			want = append(want, ti.Group+"."+ti.Field)
		}
	}
	if !slices.Equal(schSorted(names), schSorted(want)) {
		t.Errorf("schema terms %v, want extract.Terms %v", schSorted(names), schSorted(want))
	}
	if got := playbook.Properties.Authority.AdditionalProperties.Items.Enum; !slices.Equal(got, ldOutcomes) {
		t.Errorf("authority outcomes %v, want %v", got, ldOutcomes)
	}
	if got := test.Properties.Expect.Properties.Outcome.Enum; !slices.Equal(got, ldTestOutcomes) {
		t.Errorf("expect.outcome %v, want %v", got, ldTestOutcomes)
	}
}

// TestSchemaDetectsDrift shows the generated schema follows the code: a new
// clause type or term changes it.
func TestSchemaDetectsDrift(t *testing.T) {
	data, err := os.ReadFile(schPath)
	if err != nil {
		t.Fatal(err)
	}
	gen := func(tax []extract.TypeInfo, terms []extract.TermInfo) []byte {
		root, err := schDecode(data)
		if err != nil {
			t.Fatal(err)
		}
		if err := schGenerate(root, tax, terms); err != nil {
			t.Fatal(err)
		}
		out, err := schEncode(root)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	cur := gen(extract.Taxonomy, extract.Terms)
	tax := append(slices.Clone(extract.Taxonomy), extract.TypeInfo{ID: "x_clause"})
	if bytes.Equal(gen(tax, extract.Terms), cur) {
		t.Error("a new clause type did not change the schema")
	}
	terms := append(slices.Clone(extract.Terms), extract.TermInfo{Kind: "x_y", Group: "x", Field: "y", GoType: "bool", Meaning: "test"})
	if bytes.Equal(gen(extract.Taxonomy, terms), cur) {
		t.Error("a new term did not change the schema")
	}
	bad := append(slices.Clone(extract.Terms), extract.TermInfo{Kind: "x_z", Group: "x", Field: "z", GoType: "complex128"})
	root, _ := schDecode(data)
	if err := schGenerate(root, extract.Taxonomy, bad); err == nil {
		t.Error("a term of a type the schema cannot describe was accepted")
	}
}

// schShape is one mapping of the format: where the schema describes it and the
// keys the loader allows in it.
type schShape struct {
	path []string
	keys []string
}

func schShapes() []schShape {
	return []schShape{
		{[]string{"$defs", "playbook"}, ldKeysPlaybook},
		{[]string{"$defs", "playbook", "properties", "parties"}, ldKeysParties},
		{[]string{"$defs", "testsFile"}, ldKeysTestsFile},
		{[]string{"$defs", "rule"}, ldKeysRule},
		{[]string{"$defs", "rule", "properties", "missing"}, ldKeysMissing},
		{[]string{"$defs", "rule", "properties", "jurisdictions", "additionalProperties"}, ldKeysJurisdiction},
		{[]string{"$defs", "fallback"}, ldKeysFallback},
		{[]string{"$defs", "fallback", "properties", "edit"}, ldKeysEdit},
		{[]string{"$defs", "escalate"}, ldKeysEscalate},
		{[]string{"$defs", "test"}, ldKeysTest},
		{[]string{"$defs", "test", "properties", "expect"}, ldKeysExpect},
		{[]string{"$defs", "party"}, ldKeysParty},
		{[]string{"$defs", "money"}, ldKeysMoney},
	}
}

func schSorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// schGenerate writes the parts of the schema that the code defines into root,
// in place of what is there; each part must exist.
func schGenerate(root schObject, tax []extract.TypeInfo, terms []extract.TermInfo) error {
	var ids []any
	for _, ti := range tax {
		ids = append(ids, string(ti.ID))
	}
	t, err := schTerms(terms)
	if err != nil {
		return err
	}
	for _, p := range []struct {
		path []string
		key  string
		val  any
	}{
		{[]string{"$defs", "clauseType"}, "enum", ids},
		{[]string{"$defs", "rule", "properties", "missing", "properties", "insert_after"}, "anyOf",
			[]any{schObject{{"$ref", "#/$defs/clauseType"}}, schObject{{"const", ldInsertEnd}}}},
		{[]string{"$defs", "playbook", "properties", "authority", "additionalProperties", "items"}, "enum", schAnys(ldOutcomes)},
		{[]string{"$defs", "test", "properties", "expect", "properties", "outcome"}, "enum", schAnys(ldTestOutcomes)},
		{[]string{"$defs"}, "terms", t},
	} {
		o, ok := schGet(root, p.path...).(schObject)
		if !ok || !o.put(p.key, p.val) {
			return fmt.Errorf("schema has no %s/%s", strings.Join(p.path, "/"), p.key)
		}
	}
	return nil
}

func schAnys(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// schJSONList reads the values a TermInfo.JSONType lists: `"a"|"b"` or `["a","b"]`.
var schJSONList = regexp.MustCompile(`"([^"]*)"`)

// schTerms is $defs/terms: every term by group and field, then by kind.
func schTerms(terms []extract.TermInfo) (schObject, error) {
	value := func(ti extract.TermInfo) (schObject, error) {
		v := schObject{{"description", ti.Meaning}}
		var listed []any
		for _, m := range schJSONList.FindAllStringSubmatch(ti.JSONType, -1) {
			listed = append(listed, m[1])
		}
		switch ti.GoType {
		case "bool":
			v = append(v, schKV{"type", []any{"boolean", "null"}})
		case "int":
			v = append(v, schKV{"type", []any{"integer", "null"}})
		case "float64":
			v = append(v, schKV{"type", []any{"number", "null"}})
		case "string":
			if strings.Contains(ti.JSONType, "|") && len(listed) > 0 {
				v = append(v, schKV{"enum", append(listed, nil)})
			} else {
				v = append(v, schKV{"type", []any{"string", "null"}})
			}
		case "Date", "Duration", "Money":
			v = append(v, schKV{"$ref", "#/$defs/" + strings.ToLower(ti.GoType)})
		case "[]string":
			item := schObject{{"type", "string"}}
			if len(listed) > 0 {
				v[0].Val = ti.Meaning + " (values as listed; others may be added by extraction)"
				item = append(item, schKV{"examples", listed})
			}
			v = append(v, schKV{"type", []any{"array", "null"}}, schKV{"items", item})
		case "[]Party":
			v = append(v, schKV{"type", []any{"array", "null"}}, schKV{"items", schObject{{"$ref", "#/$defs/party"}}})
		default:
			return nil, fmt.Errorf("term %s: the schema cannot describe Go type %q", ti.Kind, ti.GoType)
		}
		return v, nil
	}
	var props schObject
	for _, ti := range terms {
		if ti.Field == "" {
			continue
		}
		v, err := value(ti)
		if err != nil {
			return nil, err
		}
		field := schKV{ti.Field, v}
		if g, ok := props.get(ti.Group).(schObject); ok {
			fields := append(g.get("properties").(schObject), field)
			g.put("properties", fields)
			continue
		}
		props = append(props, schKV{ti.Group, schObject{{"type", "object"}, {"additionalProperties", false}, {"properties", schObject{field}}}})
	}
	for _, ti := range terms {
		v, err := value(ti)
		if err != nil {
			return nil, err
		}
		props = append(props, schKV{string(ti.Kind), v})
	}
	return schObject{
		{"type", "object"},
		{"description", "Typed terms: by playbook name (renewal: {notice_period: P90D}) or by kind (renewal_notice_period: P90D); null states the term is absent. Generated from extract.Terms."},
		{"additionalProperties", false},
		{"properties", props},
	}, nil
}

// schObject is a JSON object that keeps its keys in order, so that the schema
// can be rewritten without reordering what people wrote.
type schObject []schKV

type schKV struct {
	Key string
	Val any
}

func (o schObject) get(k string) any {
	for _, kv := range o {
		if kv.Key == k {
			return kv.Val
		}
	}
	return nil
}

// put replaces k's value in place; it reports false when o has no key k.
func (o schObject) put(k string, v any) bool {
	for i := range o {
		if o[i].Key == k {
			o[i].Val = v
			return true
		}
	}
	return false
}

func schGet(v any, path ...string) any {
	for _, p := range path {
		o, ok := v.(schObject)
		if !ok {
			return nil
		}
		v = o.get(p)
	}
	return v
}

// schDecode reads JSON into schObject, []any, string, json.Number, bool and nil.
func schDecode(data []byte) (schObject, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var value func() (any, error)
	value = func() (any, error) {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch tok {
		case json.Delim('{'):
			o := schObject{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := value()
				if err != nil {
					return nil, err
				}
				o = append(o, schKV{k.(string), v})
			}
			_, err := dec.Token()
			return o, err
		case json.Delim('['):
			a := []any{}
			for dec.More() {
				v, err := value()
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			_, err := dec.Token()
			return a, err
		}
		return tok, nil
	}
	v, err := value()
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the top-level value")
	}
	o, ok := v.(schObject)
	if !ok {
		return nil, errors.New("the schema is not an object")
	}
	return o, nil
}

// schEncode writes v as json.MarshalIndent does with two spaces, without HTML
// escaping, and a final newline.
func schEncode(v any) ([]byte, error) {
	var b bytes.Buffer
	var write func(v any, indent string) error
	write = func(v any, indent string) error {
		switch v := v.(type) {
		case schObject:
			if len(v) == 0 {
				b.WriteString("{}")
				return nil
			}
			b.WriteString("{\n")
			for i, kv := range v {
				b.WriteString(indent + "  ")
				if err := schScalar(&b, kv.Key); err != nil {
					return err
				}
				b.WriteString(": ")
				if err := write(kv.Val, indent+"  "); err != nil {
					return err
				}
				if i < len(v)-1 {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
			}
			b.WriteString(indent + "}")
		case []any:
			if len(v) == 0 {
				b.WriteString("[]")
				return nil
			}
			b.WriteString("[\n")
			for i, x := range v {
				b.WriteString(indent + "  ")
				if err := write(x, indent+"  "); err != nil {
					return err
				}
				if i < len(v)-1 {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
			}
			b.WriteString(indent + "]")
		default:
			return schScalar(&b, v)
		}
		return nil
	}
	if err := write(v, ""); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

func schScalar(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	return nil
}
