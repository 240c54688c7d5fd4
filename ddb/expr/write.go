package expr

import (
	"sort"
	"strconv"

	"github.com/gojets/jets/ddb"
)

// write applies the planned actions to a copy of item. Every value was
// worked out from the old item; list elements are removed by their old
// positions, and SETs past a list's end append in the order of their index.
func write(plan []planned, item ddb.Item) (ddb.Item, error) {
	out := item.Clone()
	if out == nil {
		out = ddb.Item{}
	}
	lists := map[string]*listEdit{}
	var listOrder []string
	for _, p := range plan {
		w, skip, err := result(p, item)
		if err != nil {
			return nil, err
		}
		if skip {
			continue
		}
		last := p.parts[len(p.parts)-1]
		if len(p.parts) == 1 {
			if w.remove {
				delete(out, last.attr)
			} else {
				out[last.attr] = w.value
			}
			continue
		}
		parentParts := p.parts[:len(p.parts)-1]
		parent, _ := resolve(out, parentParts)
		if parent.Type == ddb.TypeM {
			if w.remove {
				delete(parent.M, last.attr)
			} else {
				parent.M[last.attr] = w.value
			}
			continue
		}
		key := pathID(parentParts)
		e, ok := lists[key]
		if !ok {
			e = &listEdit{parent: parentParts, old: parent.L}
			lists[key] = e
			listOrder = append(listOrder, key)
		}
		e.ops = append(e.ops, listOp{index: last.index, w: w})
	}
	// Inner lists first: their edits land in the old backing arrays before
	// an outer list is rebuilt around them.
	sort.SliceStable(listOrder, func(i, j int) bool {
		return len(lists[listOrder[i]].parent) > len(lists[listOrder[j]].parent)
	})
	for _, k := range listOrder {
		lists[k].apply(out)
	}
	return out, nil
}

// pathID is a map key for a bound path.
func pathID(parts []part) string {
	var b []byte
	for _, p := range parts {
		if p.isIndex {
			b = append(b, 1)
			b = strconv.AppendInt(b, int64(p.index), 10)
		} else {
			b = append(b, 0)
			b = append(b, p.attr...)
		}
		b = append(b, 0xff)
	}
	return string(b)
}

// change is one write: a value to set or a removal.
type change struct {
	value  ddb.Value
	remove bool
}

// result is what action p writes; skip when it writes nothing.
func result(p planned, item ddb.Item) (change, bool, error) {
	switch p.kw {
	case "SET":
		return change{value: p.newVal}, false, nil
	case "REMOVE":
		return change{remove: true}, false, nil
	}
	v := p.value.val
	cur, ok := resolve(item, p.parts)
	if p.kw == "ADD" {
		switch {
		case !ok:
			return change{value: v.Clone()}, false, nil
		case v.Type == ddb.TypeN:
			sum, err := addNumbers(cur, v, false)
			return change{value: sum}, false, err
		}
		return change{value: union(cur, v)}, false, nil
	}
	if !ok {
		return change{}, true, nil
	}
	rest := minus(cur, v)
	if setLen(rest) == 0 {
		return change{remove: true}, false, nil
	}
	return change{value: rest}, false, nil
}

// listEdit collects the writes to one list.
type listEdit struct {
	parent []part
	old    []ddb.Value
	ops    []listOp
}

type listOp struct {
	index int
	w     change
}

func (e *listEdit) apply(out ddb.Item) {
	l := append([]ddb.Value(nil), e.old...)
	removed := map[int]bool{}
	var appended []listOp
	for _, op := range e.ops {
		switch {
		case op.w.remove:
			if op.index < len(l) {
				removed[op.index] = true
			}
		case op.index < len(l):
			l[op.index] = op.w.value
		default:
			appended = append(appended, op)
		}
	}
	sort.SliceStable(appended, func(i, j int) bool { return appended[i].index < appended[j].index })
	kept := make([]ddb.Value, 0, len(l)+len(appended))
	for i, v := range l {
		if !removed[i] {
			kept = append(kept, v)
		}
	}
	for _, op := range appended {
		kept = append(kept, op.w.value)
	}
	setAt(out, e.parent, ddb.Value{Type: ddb.TypeL, L: kept})
}

// setAt stores v at an existing path of out.
func setAt(out ddb.Item, parts []part, v ddb.Value) {
	if len(parts) == 1 {
		out[parts[0].attr] = v
		return
	}
	parent, ok := resolve(out, parts[:len(parts)-1])
	if !ok {
		return
	}
	last := parts[len(parts)-1]
	switch {
	case last.isIndex && parent.Type == ddb.TypeL && last.index < len(parent.L):
		parent.L[last.index] = v
	case !last.isIndex && parent.Type == ddb.TypeM:
		parent.M[last.attr] = v
	}
}
