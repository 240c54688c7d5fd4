package expr

import "github.com/gojets/jets/ddb"

// updAction is one bound action of an update.
type updAction struct {
	kw     string // SET, REMOVE, ADD, DELETE
	clause int    // index of its clause in the expression
	parts  []part
	value  *node // SET: the operand; ADD, DELETE: the :value
}

func compileUpdate(src string, st *requestState) (*Update, error) {
	var clauses []clause
	if _, err := parseWith(src, labelUpdate, func(p *parser) { clauses = p.update() }); err != nil {
		return nil, err
	}
	c := &checker{label: labelUpdate, update: true, req: st}
	if err := c.updatePass1(clauses); err != nil {
		return nil, err
	}
	var acts []action
	for _, cl := range clauses {
		acts = append(acts, cl.actions...)
	}
	paths := make([]*node, len(acts))
	for i, a := range acts {
		if err := c.namesDefined(a.path); err != nil {
			return nil, err
		}
		c.resolveNames(a.path)
		paths[i] = a.path
	}
	if err := c.overlaps(paths); err != nil {
		return nil, err
	}
	if err := c.updatePass2(acts); err != nil {
		return nil, err
	}
	return newUpdate(clauses), nil
}

// updatePass1 runs pass 1 a section at a time, in the order the sections
// first appear; each of SET, REMOVE, ADD and DELETE may appear once.
func (c *checker) updatePass1(clauses []clause) error {
	var order []string
	sections := map[string][]clause{}
	for _, cl := range clauses {
		if _, ok := sections[cl.kw]; !ok {
			order = append(order, cl.kw)
		}
		sections[cl.kw] = append(sections[cl.kw], cl)
	}
	for _, kw := range order {
		for _, cl := range sections[kw] {
			for _, a := range cl.actions {
				if err := c.pass1(a.path, false); err != nil {
					return err
				}
				if a.value == nil {
					continue
				}
				if err := c.pass1(a.value, false); err != nil {
					return err
				}
			}
		}
		if len(sections[kw]) > 1 {
			return c.errf("The \"%s\" section can only be used once in an update expression;", kw)
		}
	}
	return nil
}

// updatePass2 checks the actions from the last back to the first: every
// #name first, then the values and their types.
func (c *checker) updatePass2(acts []action) error {
	for i := len(acts) - 1; i >= 0; i-- {
		if err := c.namesDefined(acts[i].path); err != nil {
			return err
		}
		if v := acts[i].value; v != nil {
			if err := c.namesDefined(v); err != nil {
				return err
			}
		}
	}
	for i := len(acts) - 1; i >= 0; i-- {
		a := acts[i]
		if err := c.pass2(a.path); err != nil {
			return err
		}
		if a.value == nil {
			continue
		}
		if err := c.pass2(a.value); err != nil {
			return err
		}
		if err := c.checkAddDelete(a); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) checkAddDelete(a action) error {
	if a.kw != "ADD" && a.kw != "DELETE" {
		return nil
	}
	t := a.value.val.Type
	ok := t == ddb.TypeSS || t == ddb.TypeNS || t == ddb.TypeBS || (a.kw == "ADD" && t == ddb.TypeN)
	if ok {
		return nil
	}
	return c.errf("Incorrect operand type for operator or function; operator: %s, operand type: %s, typeSet: ALLOWED_FOR_%s_OPERAND", a.kw, longTypeNames[t], a.kw)
}

func newUpdate(clauses []clause) *Update {
	u := &Update{}
	seen := map[string]bool{}
	var paths [][]part
	for ci, cl := range clauses {
		for _, a := range cl.actions {
			u.actions = append(u.actions, updAction{kw: a.kw, clause: ci, parts: a.path.parts, value: a.value})
			paths = append(paths, a.path.parts)
			if root := a.path.parts[0].attr; !seen[root] {
				seen[root] = true
				u.roots = append(u.roots, root)
			}
		}
	}
	u.clauses = len(clauses)
	u.proj = newTree(paths)
	return u
}
