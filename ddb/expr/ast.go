package expr

import "github.com/gojets/jets/ddb"

// kind is the kind of an expression node.
type kind uint8

const (
	kOr kind = iota + 1
	kAnd
	kNot
	kParen   // parentheses around kids[0]
	kCmp     // kids[0] op kids[1]
	kBetween // kids[0] BETWEEN kids[1] AND kids[2]
	kIn      // kids[0] IN (kids[1:])
	kCall    // fn(kids...)
	kPath    // a document path
	kValue   // a :placeholder
	kArith   // kids[0] op kids[1], op + or -
)

// node is a node of a parsed expression. Binding (see check.go) fills in the
// attribute names of paths and the values of placeholders.
type node struct {
	kind kind
	op   string // comparator, + / -, or function name
	tok  int    // index of the node's main token
	kids []*node

	parts []part // kPath

	ref string    // kValue: the placeholder as written
	val ddb.Value // kValue: its value, once bound

	asCond bool // kCall: used as a condition on its own
}

// part is one step of a document path: a name (bare or #placeholder) or a
// list index.
type part struct {
	tok     int
	text    string // as written: name, #placeholder or index digits
	ph      bool   // a #placeholder
	isIndex bool
	index   int
	attr    string // the attribute name, once bound
}

// clause is one SET / REMOVE / ADD / DELETE section of an update.
type clause struct {
	kw      string
	tok     int
	actions []action
}

// action is one action of an update clause: a path and, except for REMOVE,
// an operand (SET) or a :value (ADD, DELETE).
type action struct {
	kw    string
	path  *node
	value *node
}

// unwrap strips parentheses.
func unwrap(n *node) *node {
	for n != nil && n.kind == kParen {
		n = n.kids[0]
	}
	return n
}
