package expr

import (
	"errors"

	"github.com/gojets/jets/ddb"
)

// The run-time errors of updates.
const (
	msgOperandType = "An operand in the update expression has an incorrect data type"
	msgMissing     = "The provided expression refers to an attribute that does not exist in the item"
	msgBadPath     = "The document path provided in the update expression is invalid for update"
)

// errMissing marks a SET operand that refers to a missing attribute; it is
// reported after path errors.
var errMissing = errors.New("missing attribute")

// planned is an action with what the checks worked out from the old item.
type planned struct {
	*updAction
	newVal  ddb.Value // SET: the value to write
	missing bool      // SET: an operand refers to a missing attribute
	numErr  error     // SET: the arithmetic result is out of range
}

func apply(u *Update, item ddb.Item) (ddb.Item, error) {
	plan := make([]planned, len(u.actions))
	for i := range u.actions {
		plan[i].updAction = &u.actions[i]
	}
	if err := checkParents(plan, item); err != nil {
		return nil, err
	}
	if err := checkTypes(plan, item); err != nil {
		return nil, err
	}
	if err := checkClauses(plan, u.clauses, item); err != nil {
		return nil, err
	}
	for _, p := range plan {
		if p.numErr != nil {
			return nil, p.numErr
		}
	}
	return write(plan, item)
}

// writable reports whether the place a path writes to can exist: every step
// before the last is there, and is a map before a name or a list before an
// index.
func writable(parts []part, item ddb.Item) bool {
	if len(parts) == 1 {
		return true
	}
	parent, ok := resolve(item, parts[:len(parts)-1])
	return ok && parentFits(parent, parts[len(parts)-1])
}

func parentFits(parent ddb.Value, last part) bool {
	if last.isIndex {
		return parent.Type == ddb.TypeL
	}
	return parent.Type == ddb.TypeM
}

// checkParents refuses a path whose parent exists but is not the map or list
// the path needs.
func checkParents(plan []planned, item ddb.Item) error {
	for _, p := range plan {
		if len(p.parts) < 2 {
			continue
		}
		parent, ok := resolve(item, p.parts[:len(p.parts)-1])
		if ok && !parentFits(parent, p.parts[len(p.parts)-1]) {
			return ddb.Validationf(msgBadPath)
		}
	}
	return nil
}

// checkTypes works out SET values and checks the operand types of every
// action against the old item.
func checkTypes(plan []planned, item ddb.Item) error {
	for i := range plan {
		p := &plan[i]
		switch p.kw {
		case "SET":
			v, err := setValue(p.value, item, &p.numErr)
			switch {
			case errors.Is(err, errMissing):
				p.missing = true
			case err != nil:
				return err
			default:
				p.newVal = v
			}
		case "ADD", "DELETE":
			if err := checkSetOperand(p, item); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkSetOperand(p *planned, item ddb.Item) error {
	if !writable(p.parts, item) {
		return nil
	}
	cur, ok := resolve(item, p.parts)
	if !ok {
		return nil
	}
	v := p.value.val
	switch {
	case p.kw == "ADD" && v.Type == ddb.TypeN && cur.Type == ddb.TypeN:
		_, err := addNumbers(cur, v, false)
		return err
	case cur.Type == v.Type && v.Type.IsSet():
		return nil
	}
	return ddb.Validationf(msgOperandType)
}

// checkClauses checks, a clause at a time from the last, the paths that
// cannot be written and then the SET operands that are missing.
func checkClauses(plan []planned, clauses int, item ddb.Item) error {
	for ci := clauses - 1; ci >= 0; ci-- {
		for _, p := range plan {
			if p.clause == ci && !writable(p.parts, item) {
				return ddb.Validationf(msgBadPath)
			}
		}
		for _, p := range plan {
			if p.clause == ci && p.missing {
				return ddb.Validationf(msgMissing)
			}
		}
	}
	return nil
}

// setValue evaluates a SET operand against the old item. A result out of
// DynamoDB's number range is stored in numErr: it is reported last.
func setValue(n *node, item ddb.Item, numErr *error) (ddb.Value, error) {
	n = unwrap(n)
	switch n.kind {
	case kValue:
		return n.val.Clone(), nil
	case kPath:
		v, ok := resolve(item, n.parts)
		if !ok {
			return ddb.Value{}, errMissing
		}
		return v.Clone(), nil
	case kArith:
		return arith(n, item, numErr)
	case kCall:
		if n.op == "if_not_exists" {
			if v, ok := resolve(item, unwrap(n.kids[0]).parts); ok {
				return v.Clone(), nil
			}
			return setValue(n.kids[1], item, numErr)
		}
		return listAppend(n, item, numErr)
	}
	return ddb.Value{}, ddb.Validationf(msgOperandType)
}

func arith(n *node, item ddb.Item, numErr *error) (ddb.Value, error) {
	var ops [2]ddb.Value
	for i, k := range n.kids {
		v, err := setValue(k, item, numErr)
		if err != nil {
			return ddb.Value{}, err
		}
		if v.Type != ddb.TypeN {
			return ddb.Value{}, ddb.Validationf(msgOperandType)
		}
		ops[i] = v
	}
	v, err := addNumbers(ops[0], ops[1], n.op == "-")
	if err != nil && *numErr == nil {
		*numErr = err
	}
	return v, nil
}

func listAppend(n *node, item ddb.Item, numErr *error) (ddb.Value, error) {
	var ops [2]ddb.Value
	for i, k := range n.kids {
		v, err := setValue(k, item, numErr)
		if err != nil {
			return ddb.Value{}, err
		}
		if v.Type != ddb.TypeL {
			return ddb.Value{}, ddb.Validationf(msgOperandType)
		}
		ops[i] = v
	}
	l := make([]ddb.Value, 0, len(ops[0].L)+len(ops[1].L))
	l = append(l, ops[0].L...)
	l = append(l, ops[1].L...)
	return ddb.Value{Type: ddb.TypeL, L: l}, nil
}

// addNumbers returns a+b (or a-b) with ddb.Number's exact arithmetic.
func addNumbers(a, b ddb.Value, sub bool) (ddb.Value, error) {
	x, err := ddb.ParseNumber(a.N)
	if err != nil {
		return ddb.Value{}, err
	}
	y, err := ddb.ParseNumber(b.N)
	if err != nil {
		return ddb.Value{}, err
	}
	var r ddb.Number
	if sub {
		r, err = x.Sub(y)
	} else {
		r, err = x.Add(y)
	}
	if err != nil {
		return ddb.Value{}, err
	}
	return ddb.Value{Type: ddb.TypeN, N: r.String()}, nil
}
