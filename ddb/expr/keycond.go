package expr

import "github.com/gojets/jets/ddb"

// KeySchema names a table's or index's key attributes and their types; the
// sort key is optional (empty RangeName).
type KeySchema struct {
	HashName  string
	HashType  ddb.Type
	RangeName string
	RangeType ddb.Type
}

// KeyCondition is a Query's KeyConditionExpression split by key: the
// partition key's value and, optionally, the condition on the sort key.
type KeyCondition struct {
	Hash ddb.Value
	// Range is nil when the expression has no sort key condition.
	Range *RangeCondition
}

// RangeCondition is the condition on the sort key. Op is one of = < <= > >=
// BETWEEN begins_with, always with the key on the left; Values holds one
// value, or two for BETWEEN.
type RangeCondition struct {
	Op     string
	Values []ddb.Value
}

// keyPart is one conjunct of a key condition.
type keyPart struct {
	n    *node
	path *node
	op   string
	vals []*node
}

// KeyConditions checks c as a KeyConditionExpression against schema, with
// DynamoDB's rules and messages (equality on the partition key, at most one
// condition on the sort key, AND only), and returns its parts.
func (c *Condition) KeyConditions(schema KeySchema) (*KeyCondition, error) {
	var parts []keyPart
	if err := splitKey(c.root, &parts); err != nil {
		return nil, err
	}
	counts := map[string]int{}
	var hash, rng *keyPart
	for i := range parts {
		p := &parts[i]
		if p.path.kind != kPath {
			return nil, ddb.Validationf("Query condition missed key schema element")
		}
		name := p.path.parts[0].attr
		isKey := name == schema.HashName || (schema.RangeName != "" && name == schema.RangeName)
		if len(p.path.parts) > 1 && isKey {
			return nil, ddb.Validationf("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: %s", name)
		}
		counts[name]++
		switch {
		case name == schema.HashName:
			hash = p
		case schema.RangeName != "" && name == schema.RangeName:
			rng = p
		}
	}
	for _, n := range counts {
		if n > 1 {
			return nil, ddb.Validationf("KeyConditionExpressions must only contain one condition per key")
		}
	}
	extra := len(parts) - 1
	if rng != nil {
		extra--
	}
	if hash == nil || extra > 0 {
		return nil, ddb.Validationf("Query condition missed key schema element")
	}
	if hash.op != "=" {
		return nil, ddb.Validationf("Query key condition not supported")
	}
	return buildKeyCondition(schema, hash, rng)
}

func buildKeyCondition(schema KeySchema, hash, rng *keyPart) (*KeyCondition, error) {
	out := &KeyCondition{}
	vals, err := keyValues(hash, schema.HashName, schema.HashType)
	if err != nil {
		return nil, err
	}
	out.Hash = vals[0]
	if rng == nil {
		return out, nil
	}
	if vals, err = keyValues(rng, schema.RangeName, schema.RangeType); err != nil {
		return nil, err
	}
	out.Range = &RangeCondition{Op: rng.op, Values: vals}
	return out, nil
}

func keyValues(p *keyPart, name string, t ddb.Type) ([]ddb.Value, error) {
	out := make([]ddb.Value, len(p.vals))
	for i, v := range p.vals {
		if v.kind != kValue {
			return nil, ddb.Validationf("Query condition missed key schema element")
		}
		if v.val.Type != t {
			return nil, ddb.InvalidParameter("Condition parameter type does not match schema type")
		}
		if v.val.Type == ddb.TypeS && v.val.S == "" {
			return nil, ddb.Validationf("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: %s", name)
		}
		out[i] = v.val
	}
	return out, nil
}

// flipped is the comparator with its operands swapped.
var flipped = map[string]string{"=": "=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}

// splitKey collects the AND-ed conditions of a key condition, refusing the
// operators a key condition cannot use.
func splitKey(n *node, parts *[]keyPart) error {
	n = unwrap(n)
	switch {
	case n.kind == kAnd:
		if err := splitKey(n.kids[0], parts); err != nil {
			return err
		}
		return splitKey(n.kids[1], parts)
	case n.kind == kOr:
		return ddb.Validationf("Invalid operator used in KeyConditionExpression: OR")
	case n.kind == kNot:
		return ddb.Validationf("Invalid operator used in KeyConditionExpression: NOT")
	case n.kind == kIn:
		return ddb.Validationf("Invalid operator used in KeyConditionExpression: IN")
	case n.kind == kCmp && n.op == "<>":
		return ddb.Validationf("Invalid operator used in KeyConditionExpression: <>")
	case n.kind == kCall && n.op != "begins_with":
		return ddb.Validationf("Invalid operator used in KeyConditionExpression: %s", n.op)
	}
	for _, k := range n.kids {
		if unwrap(k).kind == kCall {
			return ddb.Validationf("KeyConditionExpressions cannot contain nested operations")
		}
	}
	p := keyPart{n: n}
	switch n.kind {
	case kCmp:
		a, b := unwrap(n.kids[0]), unwrap(n.kids[1])
		p.path, p.op, p.vals = a, n.op, []*node{b}
		if a.kind != kPath {
			p.path, p.op, p.vals = b, flipped[n.op], []*node{a}
		}
	case kBetween:
		p.path, p.op, p.vals = unwrap(n.kids[0]), "BETWEEN", []*node{unwrap(n.kids[1]), unwrap(n.kids[2])}
	default: // begins_with
		p.path, p.op, p.vals = unwrap(n.kids[0]), "begins_with", []*node{unwrap(n.kids[1])}
	}
	*parts = append(*parts, p)
	return nil
}

// Roots returns the top-level attribute names c reads, in order of first
// use (a Query's filter may not use the key attributes).
func (c *Condition) Roots() []string {
	var out []string
	seen := map[string]bool{}
	walkPaths(c.root, func(n *node) {
		if r := n.parts[0].attr; !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	})
	return out
}

// walkPaths calls f for every path below n.
func walkPaths(n *node, f func(*node)) {
	if n.kind == kPath {
		f(n)
		return
	}
	for _, k := range n.kids {
		walkPaths(k, f)
	}
}

// CheckKeyPaths refuses condition, filter and projection paths that look
// inside a key attribute: "Key attributes must be scalars; list random
// access '[]' and map lookup '.' are not allowed: Key: pk".
func (c *Compiled) CheckKeyPaths(keys ...string) error {
	var roots []*node
	if c.Condition != nil {
		roots = append(roots, c.Condition.root)
	}
	if c.Filter != nil {
		roots = append(roots, c.Filter.root)
	}
	if c.Projection != nil {
		roots = append(roots, c.Projection.paths...)
	}
	if c.Update != nil {
		for _, a := range c.Update.actions {
			if a.value != nil {
				roots = append(roots, a.value)
			}
		}
	}
	for _, r := range roots {
		if err := keyPaths(r, keys); err != nil {
			return err
		}
	}
	return nil
}

func keyPaths(n *node, keys []string) error {
	var err error
	walkPaths(n, func(p *node) {
		if err != nil || len(p.parts) < 2 {
			return
		}
		for _, k := range keys {
			if k != "" && p.parts[0].attr == k {
				err = ddb.Validationf("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: %s", k)
				return
			}
		}
	})
	return err
}
