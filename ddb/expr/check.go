package expr

import (
	"strconv"
	"strings"

	"github.com/gojets/jets/ddb"
)

// The functions of the expression language and their number of operands.
var (
	conditionFuncs = map[string]int{
		"attribute_exists": 1, "attribute_not_exists": 1, "attribute_type": 2,
		"begins_with": 2, "contains": 2,
	}
	operandFuncs = map[string]int{"size": 1}
	updateFuncs  = map[string]int{"if_not_exists": 2, "list_append": 2}
)

func funcArity(name string) (int, bool) {
	for _, m := range []map[string]int{conditionFuncs, operandFuncs, updateFuncs} {
		if n, ok := m[name]; ok {
			return n, true
		}
	}
	return 0, false
}

// The type lists DynamoDB quotes in its messages.
const (
	validTypeNames = "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}"
	anyTypeNames   = "{SS,M,DECIMAL,DOUBLESET,HDS,N,B,DICT,INTSET,BOOL,HD,BS,INT,DECIMALSET,NULL,FLOAT,FS,S,L,NS,DOUBLE}"
	maxPathDepth   = 32
	maxInOperands  = 100
	maxListIndex   = 2147483647
)

var longTypeNames = map[ddb.Type]string{
	ddb.TypeS: "STRING", ddb.TypeN: "NUMBER", ddb.TypeB: "BINARY", ddb.TypeBOOL: "BOOLEAN",
	ddb.TypeNULL: "NULL", ddb.TypeL: "LIST", ddb.TypeM: "MAP", ddb.TypeSS: "STRING_SET",
	ddb.TypeNS: "NUMBER_SET", ddb.TypeBS: "BINARY_SET",
}

// checker applies DynamoDB's checks to one parsed expression and binds its
// #names and :values. Each pass walks the whole expression and stops at the
// first problem, in the order DynamoDB reports them.
type checker struct {
	label  string // "ConditionExpression", …
	update bool
	req    *requestState
}

func (c *checker) errf(format string, args ...any) error {
	return ddb.Validationf("Invalid "+c.label+": "+format, args...)
}

// pass1 checks reserved words, list indexes, function names and where each
// function is used, in the order the expression is written. cond says a
// condition (rather than an operand) is expected at n.
func (c *checker) pass1(n *node, cond bool) error {
	switch n.kind {
	case kPath:
		return c.checkParts(n)
	case kCall:
		return c.checkCall(n, cond)
	case kParen:
		return c.pass1(n.kids[0], cond)
	case kOr, kAnd, kNot:
		return c.pass1All(n.kids, true)
	}
	return c.pass1All(n.kids, false)
}

func (c *checker) pass1All(kids []*node, cond bool) error {
	for _, k := range kids {
		if err := c.pass1(k, cond); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) checkParts(n *node) error {
	for i := range n.parts {
		p := &n.parts[i]
		switch {
		case p.isIndex:
			v, err := strconv.Atoi(p.text)
			if len(p.text) > 10 || err != nil || v > maxListIndex {
				return c.errf("List index is not within the allowable range; index: [%s]", p.text)
			}
			p.index = v
		case !p.ph && IsReserved(p.text):
			return c.errf("Attribute name is a reserved keyword; reserved keyword: %s", p.text)
		}
	}
	return nil
}

func (c *checker) checkCall(n *node, cond bool) error {
	arity, ok := funcArity(n.op)
	if !ok {
		return c.errf("Invalid function name; function: %s", n.op)
	}
	_, isUpdateFunc := updateFuncs[n.op]
	if c.update {
		if !isUpdateFunc {
			return c.errf("The function is not allowed in an update expression; function: %s", n.op)
		}
	} else {
		if isUpdateFunc {
			return c.errf("The function is not allowed in a condition expression; function: %s", n.op)
		}
		if _, isCond := conditionFuncs[n.op]; cond != isCond {
			return c.errf("The function is not allowed to be used this way in an expression; function: %s", n.op)
		}
		if len(n.kids) != arity {
			return c.arityErr(n)
		}
	}
	return c.pass1All(n.kids, false)
}

func (c *checker) arityErr(n *node) error {
	return c.errf("Incorrect number of operands for operator or function; operator or function: %s, number of operands: %d", n.op, len(n.kids))
}

// namesDefined reports the first #name in n's paths that is not defined.
func (c *checker) namesDefined(n *node) error {
	if n.kind == kPath {
		for _, p := range n.parts {
			if _, ok := c.req.names[p.text]; p.ph && !ok {
				return c.errf("An expression attribute name used in the document path is not defined; attribute name: %s", p.text)
			}
		}
		return nil
	}
	for _, k := range n.kids {
		if err := c.namesDefined(k); err != nil {
			return err
		}
	}
	return nil
}

// bindPath resolves the #names of a path and checks its depth.
func (c *checker) bindPath(n *node) error {
	for i := range n.parts {
		p := &n.parts[i]
		switch {
		case p.isIndex:
		case p.ph:
			name, ok := c.req.names[p.text]
			if !ok {
				return c.errf("An expression attribute name used in the document path is not defined; attribute name: %s", p.text)
			}
			c.req.usedNames[p.text] = true
			p.attr = name
		default:
			p.attr = p.text
		}
	}
	if len(n.parts) > maxPathDepth {
		return c.errf("The document path has too many nesting levels; nesting levels: %d", len(n.parts))
	}
	return nil
}

// staticType is the type an operand is known to have before evaluation: a
// :value's type, N for size(), 0 for paths.
func staticType(n *node) ddb.Type {
	n = unwrap(n)
	switch {
	case n.kind == kValue:
		return n.val.Type
	case n.kind == kCall && n.op == "size":
		return ddb.TypeN
	}
	return 0
}

func (c *checker) typeErr(op string, t string) error {
	return c.errf("Incorrect operand type for operator or function; operator or function: %s, operand type: %s", op, t)
}

// pathKey is a bound path as DynamoDB prints it: names, and indexes as [i].
func pathKey(parts []part) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		if p.isIndex {
			out[i] = "[" + strconv.Itoa(p.index) + "]"
		} else {
			out[i] = p.attr
		}
	}
	return out
}

func pathText(parts []part) string { return "[" + strings.Join(pathKey(parts), ", ") + "]" }

func samePath(a, b *node) bool {
	a, b = unwrap(a), unwrap(b)
	if a.kind != kPath || b.kind != kPath || len(a.parts) != len(b.parts) {
		return false
	}
	for i := range a.parts {
		pa, pb := a.parts[i], b.parts[i]
		if pa.isIndex != pb.isIndex || pa.index != pb.index || pa.attr != pb.attr {
			return false
		}
	}
	return true
}

// distinct refuses an operator whose first operand is a path that appears
// again among the others.
func (c *checker) distinct(op string, first *node, rest []*node) error {
	if unwrap(first).kind != kPath {
		return nil
	}
	for _, r := range rest {
		if samePath(first, r) {
			return c.errf("The first operand must be distinct from the remaining operands for this operator or function; operator: %s, first operand: %s", op, pathText(unwrap(first).parts))
		}
	}
	return nil
}
