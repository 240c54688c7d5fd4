package expr

import "strings"

// String returns the parsed condition in prefix form, with placeholders
// bound: (and (= a.b[1] :v{"S":"x"}) (attribute_exists #n(name))). It is
// meant for debugging and golden tests.
func (c *Condition) String() string {
	var b strings.Builder
	writeNode(&b, c.root)
	return b.String()
}

// String returns the parsed update, one clause after another:
// SET a = (+ b :n{"N":"1"}); REMOVE c[2].
func (u *Update) String() string {
	var b strings.Builder
	for i, a := range u.actions {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(a.kw)
		b.WriteByte(' ')
		writeParts(&b, a.parts)
		switch {
		case a.kw == "SET":
			b.WriteString(" = ")
			writeNode(&b, a.value)
		case a.value != nil:
			b.WriteByte(' ')
			writeNode(&b, a.value)
		}
	}
	return b.String()
}

// String returns the projected paths, comma-separated.
func (p *Projection) String() string {
	var b strings.Builder
	for i, n := range p.paths {
		if i > 0 {
			b.WriteString(", ")
		}
		writeParts(&b, n.parts)
	}
	return b.String()
}

func writeNode(b *strings.Builder, n *node) {
	switch n.kind {
	case kPath:
		writeParts(b, n.parts)
		return
	case kValue:
		b.WriteString(n.ref)
		b.Write(n.val.AppendJSON(nil))
		return
	case kParen:
		writeNode(b, n.kids[0])
		return
	}
	b.WriteByte('(')
	b.WriteString(nodeOp(n))
	for _, k := range n.kids {
		b.WriteByte(' ')
		writeNode(b, k)
	}
	b.WriteByte(')')
}

func nodeOp(n *node) string {
	switch n.kind {
	case kOr:
		return "or"
	case kAnd:
		return "and"
	case kNot:
		return "not"
	case kBetween:
		return "between"
	case kIn:
		return "in"
	}
	return n.op
}

func writeParts(b *strings.Builder, parts []part) {
	for i, p := range parts {
		switch {
		case p.isIndex:
			b.WriteByte('[')
			b.WriteString(p.text)
			b.WriteByte(']')
			continue
		case i > 0:
			b.WriteByte('.')
		}
		if p.ph {
			b.WriteString(p.text)
			b.WriteByte('(')
			b.WriteString(p.attr)
			b.WriteByte(')')
		} else {
			b.WriteString(p.attr)
		}
	}
}
