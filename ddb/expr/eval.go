package expr

import (
	"bytes"
	"strings"
	"unicode/utf16"

	"github.com/gojets/jets/ddb"
)

// resolve returns the value at a bound path in item.
func resolve(item ddb.Item, parts []part) (ddb.Value, bool) {
	if len(parts) == 0 || item == nil {
		return ddb.Value{}, false
	}
	v, ok := item[parts[0].attr]
	if !ok {
		return ddb.Value{}, false
	}
	for _, p := range parts[1:] {
		switch {
		case p.isIndex:
			if v.Type != ddb.TypeL || p.index >= len(v.L) {
				return ddb.Value{}, false
			}
			v = v.L[p.index]
		default:
			if v.Type != ddb.TypeM {
				return ddb.Value{}, false
			}
			if v, ok = v.M[p.attr]; !ok {
				return ddb.Value{}, false
			}
		}
	}
	return v, true
}

// operand evaluates a path, :value or size() for item.
func operand(n *node, item ddb.Item) (ddb.Value, bool) {
	n = unwrap(n)
	switch n.kind {
	case kValue:
		return n.val, true
	case kPath:
		return resolve(item, n.parts)
	case kCall:
		if n.op == "size" {
			v, ok := operand(n.kids[0], item)
			if !ok {
				return ddb.Value{}, false
			}
			if s, ok := sizeOf(v); ok {
				return ddb.Value{Type: ddb.TypeN, N: intText(s)}, true
			}
		}
	}
	return ddb.Value{}, false
}

// sizeOf is size(): a string's length in UTF-16 code units (as Java counts
// it), a binary's bytes, and the members of a set, list or map.
func sizeOf(v ddb.Value) (int, bool) {
	switch v.Type {
	case ddb.TypeS:
		return utf16Len(v.S), true
	case ddb.TypeB:
		return len(v.B), true
	case ddb.TypeSS, ddb.TypeNS:
		return len(v.Strings), true
	case ddb.TypeBS:
		return len(v.Binaries), true
	case ddb.TypeL:
		return len(v.L), true
	case ddb.TypeM:
		return len(v.M), true
	}
	return 0, false
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// holds evaluates a condition node for item.
func holds(n *node, item ddb.Item) bool {
	switch n.kind {
	case kParen:
		return holds(n.kids[0], item)
	case kOr:
		return holds(n.kids[0], item) || holds(n.kids[1], item)
	case kAnd:
		return holds(n.kids[0], item) && holds(n.kids[1], item)
	case kNot:
		return !holds(n.kids[0], item)
	case kCmp:
		return compare(n, item)
	case kBetween:
		a, ok := operand(n.kids[0], item)
		lo, okLo := operand(n.kids[1], item)
		hi, okHi := operand(n.kids[2], item)
		if !ok || !okLo || !okHi {
			return false
		}
		c1, ok1 := order(lo, a)
		c2, ok2 := order(a, hi)
		return ok1 && ok2 && c1 <= 0 && c2 <= 0
	case kIn:
		a, ok := operand(n.kids[0], item)
		if !ok {
			return false
		}
		for _, k := range n.kids[1:] {
			if v, ok := operand(k, item); ok && ddb.Equal(a, v) {
				return true
			}
		}
		return false
	case kCall:
		return callHolds(n, item)
	}
	return false
}

func compare(n *node, item ddb.Item) bool {
	a, okA := operand(n.kids[0], item)
	b, okB := operand(n.kids[1], item)
	switch n.op {
	case "=":
		return okA && okB && ddb.Equal(a, b)
	case "<>":
		return !(okA && okB && ddb.Equal(a, b))
	}
	if !okA || !okB {
		return false
	}
	c, ok := order(a, b)
	if !ok {
		return false
	}
	switch n.op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}

func callHolds(n *node, item ddb.Item) bool {
	a, okA := operand(n.kids[0], item)
	switch n.op {
	case "attribute_exists":
		return okA
	case "attribute_not_exists":
		return !okA
	}
	b, okB := operand(n.kids[1], item)
	if !okA || !okB {
		return false
	}
	switch n.op {
	case "attribute_type":
		return b.Type == ddb.TypeS && a.Type.String() == b.S
	case "begins_with":
		return beginsWith(a, b)
	case "contains":
		return contains(a, b)
	}
	return false
}

func beginsWith(a, b ddb.Value) bool {
	switch {
	case a.Type != b.Type:
		return false
	case a.Type == ddb.TypeS:
		return strings.HasPrefix(a.S, b.S)
	case a.Type == ddb.TypeB:
		return bytes.HasPrefix(a.B, b.B)
	}
	return false
}

func contains(a, b ddb.Value) bool {
	switch a.Type {
	case ddb.TypeS:
		return b.Type == ddb.TypeS && strings.Contains(a.S, b.S)
	case ddb.TypeB:
		return b.Type == ddb.TypeB && bytes.Contains(a.B, b.B)
	case ddb.TypeSS:
		return b.Type == ddb.TypeS && setHas(a, b)
	case ddb.TypeNS:
		return b.Type == ddb.TypeN && setHas(a, b)
	case ddb.TypeBS:
		return b.Type == ddb.TypeB && setHas(a, b)
	case ddb.TypeL:
		for _, e := range a.L {
			if ddb.Equal(e, b) {
				return true
			}
		}
	}
	return false
}

// setHas reports whether set holds the scalar x (S for SS, N for NS, B for
// BS).
func setHas(set, x ddb.Value) bool {
	switch set.Type {
	case ddb.TypeSS:
		for _, s := range set.Strings {
			if s == x.S {
				return true
			}
		}
	case ddb.TypeNS:
		for _, s := range set.Strings {
			if compareNumbers(s, x.N) == 0 {
				return true
			}
		}
	case ddb.TypeBS:
		for _, b := range set.Binaries {
			if bytes.Equal(b, x.B) {
				return true
			}
		}
	}
	return false
}
