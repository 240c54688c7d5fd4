package expr

import (
	"sort"

	"github.com/gojets/jets/ddb"
)

// tree is a set of document paths merged by their common prefixes; a leaf
// takes everything below it.
type tree struct {
	leaf    bool
	names   map[string]*tree
	indexes map[int]*tree
	order   []int // indexes, ascending
}

func newTree(paths [][]part) *tree {
	root := &tree{}
	for _, parts := range paths {
		t := root
		for _, p := range parts {
			t = t.child(p)
		}
		t.leaf = true
	}
	root.sortIndexes()
	return root
}

func (t *tree) child(p part) *tree {
	if p.isIndex {
		if t.indexes == nil {
			t.indexes = map[int]*tree{}
		}
		if c, ok := t.indexes[p.index]; ok {
			return c
		}
		c := &tree{}
		t.indexes[p.index] = c
		t.order = append(t.order, p.index)
		return c
	}
	if t.names == nil {
		t.names = map[string]*tree{}
	}
	if c, ok := t.names[p.attr]; ok {
		return c
	}
	c := &tree{}
	t.names[p.attr] = c
	return c
}

func (t *tree) sortIndexes() {
	sort.Ints(t.order)
	for _, c := range t.names {
		c.sortIndexes()
	}
	for _, c := range t.indexes {
		c.sortIndexes()
	}
}

// project returns the parts of item below t's top-level names. The result
// shares values with item.
func (t *tree) project(item ddb.Item) ddb.Item {
	out := ddb.Item{}
	for name, sub := range t.names {
		v, ok := item[name]
		if !ok {
			continue
		}
		if pv, ok := sub.copy(v); ok {
			out[name] = pv
		}
	}
	return out
}

// copy keeps the parts of v that t names: maps keep the named members,
// lists the listed elements, in index order and without gaps.
func (t *tree) copy(v ddb.Value) (ddb.Value, bool) {
	if t.leaf {
		return v, true
	}
	switch v.Type {
	case ddb.TypeM:
		m := map[string]ddb.Value{}
		for name, sub := range t.names {
			if e, ok := v.M[name]; ok {
				if pe, ok := sub.copy(e); ok {
					m[name] = pe
				}
			}
		}
		return ddb.Value{Type: ddb.TypeM, M: m}, len(m) > 0
	case ddb.TypeL:
		var l []ddb.Value
		for _, i := range t.order {
			if i >= len(v.L) {
				continue
			}
			if pe, ok := t.indexes[i].copy(v.L[i]); ok {
				l = append(l, pe)
			}
		}
		return ddb.Value{Type: ddb.TypeL, L: l}, len(l) > 0
	}
	return ddb.Value{}, false
}

func newProjection(paths []*node) *Projection {
	parts := make([][]part, len(paths))
	for i, n := range paths {
		parts[i] = n.parts
	}
	return &Projection{tree: newTree(parts), paths: paths}
}
