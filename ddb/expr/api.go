package expr

// THIS FILE IS THE CONTRACT between package expr and the engine. The
// signatures are fixed; the bodies are to be implemented (replace the
// panics). Unexported helpers, more files and more exported API are fine.

import "github.com/gojets/jets/ddb"

// Request holds a request's expressions and their parameters. Empty strings
// mean "absent". The ExpressionAttributeNames / Values rules (undefined
// placeholders, unused placeholders, empty maps) span all expressions of one
// request, so they are compiled together.
type Request struct {
	Condition    string // ConditionExpression
	Update       string // UpdateExpression
	Projection   string // ProjectionExpression
	KeyCondition string // KeyConditionExpression (Query; may be unused for now)
	Filter       string // FilterExpression (Query/Scan; may be unused for now)
	// NamesSet / ValuesSet say whether the map was present in the request at
	// all (DynamoDB rejects a present but empty map).
	Names     map[string]string
	NamesSet  bool
	Values    map[string]ddb.Value
	ValuesSet bool
}

// Compiled is a request's parsed and bound expressions; nil members were
// absent.
type Compiled struct {
	Condition  *Condition
	Update     *Update
	Projection *Projection
	// KeyCondition and Filter are conditions too.
	KeyCondition *Condition
	Filter       *Condition
}

// Compile parses every expression of r, substitutes #names and :values, and
// applies DynamoDB's validation. Errors are *ddb.Error ValidationExceptions
// with DynamoDB's messages (e.g. "Invalid ConditionExpression: Syntax error;
// token: \"x\", near: \"a x\"", "Value provided in ExpressionAttributeValues
// unused in expressions: keys: {:v}", "ExpressionAttributeNames can only be
// specified when using expressions", …).
func Compile(r Request) (*Compiled, error) { return compile(r) }

// Condition is a compiled condition expression.
type Condition struct {
	root *node
}

// Eval evaluates c against item (nil when the item does not exist).
// It returns a ValidationException for run-time errors DynamoDB reports.
func (c *Condition) Eval(item ddb.Item) (bool, error) { return holds(c.root, item), nil }

// Update is a compiled update expression.
type Update struct {
	actions []updAction
	clauses int
	roots   []string
	proj    *tree
}

// Apply returns the item that results from applying u to item (nil when the
// item does not exist yet; the key attributes are already in item then).
// item is not modified. Errors are ValidationExceptions with DynamoDB's
// messages (e.g. "An operand in the update expression has an incorrect data
// type", "The document path provided in the update expression is invalid for
// update").
func (u *Update) Apply(item ddb.Item) (ddb.Item, error) { return apply(u, item) }

// Roots returns the top-level attribute names u writes or removes (the
// engine refuses updates of key attributes).
func (u *Update) Roots() []string { return append([]string(nil), u.roots...) }

// Project returns only the parts of item at the paths u updates, for
// ReturnValues UPDATED_OLD and UPDATED_NEW; nil if none of them exist.
func (u *Update) Project(item ddb.Item) ddb.Item {
	out := u.proj.project(item)
	if len(out) == 0 {
		return nil
	}
	return out
}

// Projection is a compiled projection expression.
type Projection struct {
	tree  *tree
	paths []*node
}

// Apply returns the parts of item named by p.
//
// The parts keep their document structure (a.b[1] gives
// {a:{M:{b:{L:[elem]}}}}; list elements keep their order, without gaps) and
// share values with item. Apply returns nil for a nil item and an empty item
// when none of the paths exist.
func (p *Projection) Apply(item ddb.Item) ddb.Item {
	if item == nil {
		return nil
	}
	return p.tree.project(item)
}
