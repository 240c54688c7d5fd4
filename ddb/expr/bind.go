package expr

import (
	"bytes"
	"fmt"

	"github.com/gojets/jets/ddb"
)

// pass2 binds placeholders and checks operands and their types.
func (c *checker) pass2(n *node) error {
	switch n.kind {
	case kPath:
		return c.bindPath(n)
	case kValue:
		v, ok := c.req.values[n.ref]
		if !ok {
			return c.errf("An expression attribute value used in expression is not defined; attribute value: %s", n.ref)
		}
		c.req.usedValues[n.ref] = true
		n.val = v
		return nil
	case kCmp:
		return c.pass2Cmp(n)
	case kBetween:
		return c.pass2Between(n)
	case kIn:
		if err := c.pass2All(n.kids); err != nil {
			return err
		}
		if len(n.kids)-1 > maxInOperands {
			return c.errf("The IN operator is provided with too many operands; number of operands: %d", len(n.kids)-1)
		}
		return c.distinct("IN", n.kids[0], n.kids[1:])
	case kCall:
		return c.pass2Call(n)
	case kArith:
		if err := c.pass2All(n.kids); err != nil {
			return err
		}
		return c.wantTypes(n.op, n.kids, ddb.TypeN)
	}
	return c.pass2All(n.kids)
}

func (c *checker) pass2All(kids []*node) error {
	for _, k := range kids {
		if err := c.pass2(k); err != nil {
			return err
		}
	}
	return nil
}

// wantTypes checks that the operands of known type have one of ok.
func (c *checker) wantTypes(op string, operands []*node, ok ...ddb.Type) error {
	for _, o := range operands {
		t := staticType(o)
		if t == 0 {
			continue
		}
		good := false
		for _, w := range ok {
			good = good || t == w
		}
		if !good {
			return c.typeErr(op, t.String())
		}
	}
	return nil
}

func (c *checker) pass2Cmp(n *node) error {
	if err := c.pass2All(n.kids); err != nil {
		return err
	}
	if err := c.distinct(n.op, n.kids[0], n.kids[1:]); err != nil {
		return err
	}
	if n.op == "=" || n.op == "<>" {
		return nil
	}
	return c.wantTypes(n.op, n.kids, ddb.TypeS, ddb.TypeN, ddb.TypeB)
}

func (c *checker) pass2Between(n *node) error {
	if err := c.pass2All(n.kids); err != nil {
		return err
	}
	if err := c.distinct("BETWEEN", n.kids[0], n.kids[1:]); err != nil {
		return err
	}
	if err := c.wantTypes("BETWEEN", n.kids, ddb.TypeS, ddb.TypeN, ddb.TypeB); err != nil {
		return err
	}
	lo, hi := unwrap(n.kids[1]), unwrap(n.kids[2])
	if lo.kind != kValue || hi.kind != kValue {
		return nil
	}
	if lo.val.Type != hi.val.Type {
		return c.errf("The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: %s, upper bound operand: %s", boundText(lo.val), boundText(hi.val))
	}
	if cmp, ok := order(lo.val, hi.val); ok && cmp > 0 {
		return c.errf("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: %s, upper bound operand: %s", boundText(lo.val), boundText(hi.val))
	}
	return nil
}

// boundText prints a BETWEEN bound as DynamoDB does (Java's toString).
func boundText(v ddb.Value) string {
	switch v.Type {
	case ddb.TypeS:
		return "AttributeValue: {S:" + v.S + "}"
	case ddb.TypeN:
		return "AttributeValue: {N:" + v.N + "}"
	case ddb.TypeB:
		return fmt.Sprintf("AttributeValue: {B:java.nio.HeapByteBuffer[pos=0 lim=%d cap=%d]}", len(v.B), len(v.B))
	}
	return "AttributeValue: {" + v.Type.String() + ":" + string(v.AppendJSON(nil)) + "}"
}

var needsPath = map[string]bool{
	"attribute_exists": true, "attribute_not_exists": true, "attribute_type": true, "if_not_exists": true,
}

func (c *checker) pass2Call(n *node) error {
	if c.update {
		if arity, _ := funcArity(n.op); len(n.kids) != arity {
			return c.arityErr(n)
		}
	}
	if err := c.pass2All(n.kids); err != nil {
		return err
	}
	if needsPath[n.op] && unwrap(n.kids[0]).kind != kPath {
		return c.errf("Operator or function requires a document path; operator or function: %s", n.op)
	}
	if n.op != "size" && n.op != "list_append" {
		if err := c.distinct(n.op, n.kids[0], n.kids[1:]); err != nil {
			return err
		}
	}
	switch n.op {
	case "size":
		return c.wantTypes("size", n.kids, ddb.TypeS, ddb.TypeB, ddb.TypeSS, ddb.TypeNS, ddb.TypeBS, ddb.TypeL, ddb.TypeM)
	case "begins_with":
		return c.wantTypes("begins_with", n.kids, ddb.TypeS, ddb.TypeB)
	case "list_append":
		return c.wantTypes("list_append", n.kids, ddb.TypeL)
	case "attribute_type":
		return c.checkTypeName(unwrap(n.kids[1]))
	}
	return nil
}

func (c *checker) checkTypeName(second *node) error {
	if second.kind != kValue {
		if second.kind == kCall && second.op == "size" {
			return c.typeErr("attribute_type", "N")
		}
		return c.typeErr("attribute_type", anyTypeNames)
	}
	if second.val.Type != ddb.TypeS {
		return c.typeErr("attribute_type", second.val.Type.String())
	}
	if _, ok := ddb.ParseType(second.val.S); !ok {
		return c.errf("Invalid attribute type name found; type: %s, valid types: %s", second.val.S, validTypeNames)
	}
	return nil
}

// order compares two values of the same scalar type (S, N, B); ok is false
// when they cannot be ordered.
func order(a, b ddb.Value) (int, bool) {
	if a.Type != b.Type {
		return 0, false
	}
	switch a.Type {
	case ddb.TypeS:
		return compareStrings(a.S, b.S), true
	case ddb.TypeN:
		return compareNumbers(a.N, b.N), true
	case ddb.TypeB:
		return bytes.Compare(a.B, b.B), true
	}
	return 0, false
}

// compareStrings orders strings by their UTF-8 bytes, as DynamoDB does.
func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
