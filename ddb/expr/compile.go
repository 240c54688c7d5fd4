package expr

import (
	"sort"
	"strings"

	"github.com/gojets/jets/ddb"
)

// maxExpressionSize is DynamoDB's limit on one expression, in bytes.
const maxExpressionSize = 4096

// The labels DynamoDB prefixes expression errors with.
const (
	labelCondition    = "ConditionExpression"
	labelUpdate       = "UpdateExpression"
	labelProjection   = "ProjectionExpression"
	labelKeyCondition = "KeyConditionExpression"
	labelFilter       = "FilterExpression"
)

// requestState is what the expressions of one request share: the
// placeholders and which of them were used.
type requestState struct {
	names      map[string]string
	values     map[string]ddb.Value
	usedNames  map[string]bool
	usedValues map[string]bool
}

// validKey reports whether k is a placeholder: prefix, then one or more
// letters, digits or '_'.
func validKey(k string, prefix byte) bool {
	if len(k) < 2 || k[0] != prefix {
		return false
	}
	for i := 1; i < len(k); i++ {
		if !isWord(k[i]) {
			return false
		}
	}
	return true
}

func compile(r Request) (*Compiled, error) {
	if err := checkMapsUsed(r); err != nil {
		return nil, err
	}
	if err := checkNames(r); err != nil {
		return nil, err
	}
	if err := checkValues(r); err != nil {
		return nil, err
	}
	st := &requestState{names: r.Names, values: r.Values, usedNames: map[string]bool{}, usedValues: map[string]bool{}}
	out := &Compiled{}
	var err error
	if r.Update != "" {
		if out.Update, err = compileUpdate(r.Update, st); err != nil {
			return nil, err
		}
	}
	conds := []struct {
		src, label string
		dst        **Condition
	}{
		{r.Condition, labelCondition, &out.Condition},
		{r.Filter, labelFilter, &out.Filter},
	}
	for _, c := range conds {
		if c.src == "" {
			continue
		}
		if *c.dst, err = compileCondition(c.src, c.label, st); err != nil {
			return nil, err
		}
	}
	if r.Projection != "" {
		if out.Projection, err = compileProjection(r.Projection, st); err != nil {
			return nil, err
		}
	}
	if r.KeyCondition != "" {
		if out.KeyCondition, err = compileCondition(r.KeyCondition, labelKeyCondition, st); err != nil {
			return nil, err
		}
	}
	return out, checkUnused(st)
}

// checkMapsUsed refuses placeholder maps in a request without expressions.
func checkMapsUsed(r Request) error {
	anyExpr := r.Condition != "" || r.Update != "" || r.Projection != "" || r.KeyCondition != "" || r.Filter != ""
	valueExpr := r.Condition != "" || r.Update != "" || r.KeyCondition != "" || r.Filter != ""
	if (r.NamesSet || r.Names != nil) && !anyExpr {
		return ddb.Validationf("ExpressionAttributeNames can only be specified when using expressions")
	}
	if (r.ValuesSet || r.Values != nil) && !valueExpr {
		return ddb.Validationf("ExpressionAttributeValues can only be specified when using expressions")
	}
	return nil
}

func checkNames(r Request) error {
	if !r.NamesSet && r.Names == nil {
		return nil
	}
	if len(r.Names) == 0 {
		return ddb.Validationf("ExpressionAttributeNames must not be empty")
	}
	for _, k := range javaSetOrder(mapKeys(r.Names), len(r.Names)) {
		if err := checkMapKey("ExpressionAttributeNames", k, '#'); err != nil {
			return err
		}
		if r.Names[k] == "" {
			return ddb.Validationf("ExpressionAttributeNames contains invalid value: Empty attribute name for key %s", k)
		}
	}
	return nil
}

func checkValues(r Request) error {
	if !r.ValuesSet && r.Values == nil {
		return nil
	}
	if len(r.Values) == 0 {
		return ddb.Validationf("ExpressionAttributeValues must not be empty")
	}
	keys := javaSetOrder(mapKeys(r.Values), len(r.Values))
	for _, k := range keys {
		if err := checkMapKey("ExpressionAttributeValues", k, ':'); err != nil {
			return err
		}
	}
	for _, k := range keys {
		v := r.Values[k]
		if _, ok := ddb.ParseType(v.Type.String()); !ok {
			return ddb.Validationf("ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key %s", k)
		}
		if err := ddb.ValidateValue(v); err != nil {
			msg := err.Error()
			if e, ok := err.(*ddb.Error); ok {
				msg = e.Message
			}
			return ddb.Validationf("ExpressionAttributeValues contains invalid value: %s for key %s", msg, k)
		}
	}
	return nil
}

func checkMapKey(param, k string, prefix byte) error {
	if len(k) > 255 {
		if param == "ExpressionAttributeNames" {
			return ddb.Validationf("%s contains invalid key: The expression attribute map contains a key that is too long; size of key: %d", param, len(k))
		}
		return ddb.Validationf("%s contains invalid key: The expression attribute map contains a key that is too long;", param)
	}
	if !validKey(k, prefix) {
		return ddb.Validationf("%s contains invalid key: Syntax error; key: \"%s\"", param, k)
	}
	return nil
}

func checkUnused(st *requestState) error {
	if k := unused(st.names, st.usedNames); len(k) > 0 {
		return ddb.Validationf("Value provided in ExpressionAttributeNames unused in expressions: keys: {%s}", strings.Join(k, ", "))
	}
	if k := unused(st.values, st.usedValues); len(k) > 0 {
		return ddb.Validationf("Value provided in ExpressionAttributeValues unused in expressions: keys: {%s}", strings.Join(k, ", "))
	}
	return nil
}

func unused[V any](m map[string]V, used map[string]bool) []string {
	var out []string
	for k := range m {
		if !used[k] {
			out = append(out, k)
		}
	}
	return javaSetOrder(out, len(m))
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// parseWith runs one parse, turning parser failures into DynamoDB's
// messages.
func parseWith(src, label string, f func(p *parser)) (*parser, error) {
	if len(src) > maxExpressionSize {
		return nil, ddb.Validationf("Invalid %s: Expression size has exceeded the maximum allowed size; expression size: %d", label, len(src))
	}
	p := newParser(src)
	if perr := p.run(func() { f(p) }); perr != nil {
		if !perr.syntax {
			return nil, ddb.Validationf("Invalid %s: The expression has redundant parentheses;", label)
		}
		return nil, ddb.Validationf("Invalid %s: Syntax error; token: \"%s\", near: \"%s\"", label, p.toks[perr.at].text, near(src, p.toks, perr.at))
	}
	return p, nil
}

func compileCondition(src, label string, st *requestState) (*Condition, error) {
	var root *node
	if _, err := parseWith(src, label, func(p *parser) { root = p.condition(); p.end() }); err != nil {
		return nil, err
	}
	c := &checker{label: label, req: st}
	if err := c.pass1(root, true); err != nil {
		return nil, err
	}
	if err := c.pass2(root); err != nil {
		return nil, err
	}
	return &Condition{root: root}, nil
}

func compileProjection(src string, st *requestState) (*Projection, error) {
	var paths []*node
	if _, err := parseWith(src, labelProjection, func(p *parser) { paths = p.projection(); p.end() }); err != nil {
		return nil, err
	}
	c := &checker{label: labelProjection, req: st}
	for _, pass := range []func(*node) error{func(n *node) error { return c.pass1(n, false) }, c.pass2} {
		for _, n := range paths {
			if err := pass(n); err != nil {
				return nil, err
			}
		}
	}
	if err := c.overlaps(paths); err != nil {
		return nil, err
	}
	return newProjection(paths), nil
}
