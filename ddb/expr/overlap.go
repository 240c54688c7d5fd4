package expr

// overlaps refuses two paths of one update or projection that are the same,
// lie one inside the other, or use one attribute both as a map and as a list.
// Path one is the earlier of the two.
func (c *checker) overlaps(paths []*node) error {
	for j := range paths {
		for i := 0; i < j; i++ {
			a, b := paths[i].parts, paths[j].parts
			switch clash(a, b) {
			case clashOverlap:
				return c.errf("Two document paths overlap with each other; must remove or rewrite one of these paths; path one: %s, path two: %s", pathText(a), pathText(b))
			case clashConflict:
				return c.errf("Two document paths conflict with each other; must remove or rewrite one of these paths; path one: %s, path two: %s", pathText(a), pathText(b))
			}
		}
	}
	return nil
}

const (
	clashNone = iota
	clashOverlap
	clashConflict
)

func clash(a, b []part) int {
	for k := 0; k < len(a) && k < len(b); k++ {
		pa, pb := a[k], b[k]
		if pa.isIndex != pb.isIndex {
			return clashConflict
		}
		if pa.index != pb.index || pa.attr != pb.attr {
			return clashNone
		}
	}
	return clashOverlap
}

// resolveNames sets the attribute names of a path whose #names are known to
// be defined, without marking them used.
func (c *checker) resolveNames(n *node) {
	for i := range n.parts {
		p := &n.parts[i]
		switch {
		case p.isIndex:
		case p.ph:
			p.attr = c.req.names[p.text]
		default:
			p.attr = p.text
		}
	}
}
