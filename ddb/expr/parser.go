package expr

// parser is a recursive-descent parser over DynamoDB's expression grammar.
// Syntax errors unwind with panic(*syntaxError) and are recovered at the
// entry points, which keeps the grammar code short; no other panic is
// recovered.
type parser struct {
	src  string
	toks []token
	i    int
	// badOperand remembers where an operand starting at a token failed, so
	// that backtracking over nested parentheses stays linear.
	badOperand map[int]int
}

// syntaxError is the token where reading stopped.
type syntaxError struct{ at int }

// redundantParens is DynamoDB's refusal of two parentheses around the same
// thing, raised as soon as the outer one closes.
type redundantParens struct{}

func newParser(src string) *parser {
	return &parser{src: src, toks: tokenize(src), badOperand: map[int]int{}}
}

func (p *parser) peek() *token { return &p.toks[p.i] }

func (p *parser) peekAt(k int) *token {
	if p.i+k >= len(p.toks) {
		return &p.toks[len(p.toks)-1]
	}
	return &p.toks[p.i+k]
}

func (p *parser) is(punct string) bool {
	t := p.peek()
	return t.kind == tPunct && t.text == punct
}

func (p *parser) isKw(kw string) bool {
	t := p.peek()
	return t.kind == tKeyword && t.kw == kw
}

func (p *parser) fail() { panic(&syntaxError{at: p.i}) }

func (p *parser) next() int {
	p.i++
	return p.i - 1
}

func (p *parser) expect(punct string) int {
	if !p.is(punct) {
		p.fail()
	}
	return p.next()
}

func (p *parser) end() {
	if p.peek().kind != tEOF {
		p.fail()
	}
}

// run calls f and turns the parser's panics into a result.
func (p *parser) run(f func()) (err *parseError) {
	defer func() {
		switch e := recover().(type) {
		case nil:
		case *syntaxError:
			err = &parseError{syntax: true, at: e.at}
		case *redundantParens:
			err = &parseError{}
		default:
			panic(e)
		}
	}()
	f()
	return nil
}

// parseError is a syntax error at a token, or (syntax false) redundant
// parentheses.
type parseError struct {
	syntax bool
	at     int
}

// choose tries alternatives in order and keeps the first that parses; if
// none does, it re-raises the error of the one that read furthest.
func (p *parser) choose(alts ...func() *node) *node {
	start := p.i
	var best *syntaxError
	for _, alt := range alts {
		p.i = start
		n, err := p.try(alt)
		if err == nil {
			return n
		}
		if best == nil || err.at > best.at {
			best = err
		}
	}
	p.i = start
	panic(best)
}

func (p *parser) try(alt func() *node) (n *node, err *syntaxError) {
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*syntaxError)
			if !ok {
				panic(r)
			}
			err = se
		}
	}()
	return alt(), nil
}

// condition := and (OR and)*
func (p *parser) condition() *node {
	left := p.andCond()
	for p.isKw("OR") {
		tok := p.next()
		left = &node{kind: kOr, tok: tok, kids: []*node{left, p.andCond()}}
	}
	return left
}

// and := not (AND not)*
func (p *parser) andCond() *node {
	left := p.notCond()
	for p.isKw("AND") {
		tok := p.next()
		left = &node{kind: kAnd, tok: tok, kids: []*node{left, p.notCond()}}
	}
	return left
}

// not := NOT not | primary
func (p *parser) notCond() *node {
	if p.isKw("NOT") {
		tok := p.next()
		return &node{kind: kNot, tok: tok, kids: []*node{p.notCond()}}
	}
	return p.primary()
}

// primary := '(' condition ')' | comparison
func (p *parser) primary() *node {
	if !p.is("(") {
		return p.comparison()
	}
	return p.choose(func() *node {
		open := p.next()
		inner := p.condition()
		p.expect(")")
		return paren(open, inner)
	}, p.comparison)
}

func paren(open int, inner *node) *node {
	if inner.kind == kParen {
		panic(&redundantParens{})
	}
	return &node{kind: kParen, tok: open, kids: []*node{inner}}
}

var comparators = map[string]bool{"=": true, "<>": true, "<": true, "<=": true, ">": true, ">=": true}

// comparison := operand cmp operand | operand BETWEEN operand AND operand |
// operand IN '(' operand (',' operand)* ')' | function
func (p *parser) comparison() *node {
	a := p.operand()
	t := p.peek()
	switch {
	case t.kind == tPunct && comparators[t.text]:
		tok := p.next()
		return &node{kind: kCmp, op: t.text, tok: tok, kids: []*node{a, p.operand()}}
	case t.kind == tKeyword && t.kw == "BETWEEN":
		tok := p.next()
		lo := p.operand()
		if !p.isKw("AND") {
			p.fail()
		}
		p.next()
		return &node{kind: kBetween, tok: tok, kids: []*node{a, lo, p.operand()}}
	case t.kind == tKeyword && t.kw == "IN":
		tok := p.next()
		p.expect("(")
		kids := []*node{a, p.operand()}
		for p.is(",") {
			p.next()
			kids = append(kids, p.operand())
		}
		p.expect(")")
		return &node{kind: kIn, tok: tok, kids: kids}
	case a.kind == kCall:
		a.asCond = true
		return a
	}
	p.fail()
	return nil
}

// operand := :value | '(' operand ')' | name '(' args ')' | path
func (p *parser) operand() *node {
	start := p.i
	if at, ok := p.badOperand[start]; ok {
		panic(&syntaxError{at: at})
	}
	done := false
	defer func() {
		if done {
			return
		}
		r := recover()
		if se, ok := r.(*syntaxError); ok {
			p.badOperand[start] = se.at
		}
		panic(r)
	}()
	n := p.operandOnce()
	done = true
	return n
}

func (p *parser) operandOnce() *node {
	t := p.peek()
	switch {
	case t.kind == tValue:
		return &node{kind: kValue, tok: p.next(), ref: t.text}
	case t.kind == tPunct && t.text == "(":
		open := p.next()
		inner := p.operand()
		p.expect(")")
		return paren(open, inner)
	case t.kind == tID && p.peekAt(1).kind == tPunct && p.peekAt(1).text == "(":
		return p.call()
	case t.kind == tID || t.kind == tName:
		return p.path()
	}
	p.fail()
	return nil
}

func (p *parser) call() *node {
	tok := p.next()
	p.expect("(")
	n := &node{kind: kCall, op: p.toks[tok].text, tok: tok, kids: []*node{p.operand()}}
	for p.is(",") {
		p.next()
		n.kids = append(n.kids, p.operand())
	}
	p.expect(")")
	return n
}

// path := name ('.' name | '[' int ']')*
func (p *parser) path() *node {
	t := p.peek()
	if t.kind != tID && t.kind != tName {
		p.fail()
	}
	first := p.next()
	n := &node{kind: kPath, tok: first, parts: []part{{tok: first, text: t.text, ph: t.kind == tName}}}
	for p.is(".") || p.is("[") {
		if p.toks[p.next()].text == "." {
			t := p.peek()
			if t.kind != tID && t.kind != tName {
				p.fail()
			}
			n.parts = append(n.parts, part{tok: p.next(), text: t.text, ph: t.kind == tName})
			continue
		}
		if p.peek().kind != tInt {
			p.fail()
		}
		idx := p.next()
		p.expect("]")
		n.parts = append(n.parts, part{tok: idx, text: p.toks[idx].text, isIndex: true})
	}
	return n
}

// update := (SET set (',' set)* | REMOVE path (',' path)* |
// (ADD|DELETE) path :value (',' path :value)*)+
func (p *parser) update() []clause {
	var out []clause
	for {
		t := p.peek()
		if t.kind != tKeyword {
			p.fail()
		}
		c := clause{kw: t.kw, tok: p.i}
		switch t.kw {
		case "SET":
			p.next()
			c.actions = p.actionList(p.setAction)
		case "REMOVE":
			p.next()
			c.actions = p.actionList(func() action { return action{kw: "REMOVE", path: p.path()} })
		case "ADD", "DELETE":
			p.next()
			c.actions = p.actionList(func() action {
				a := action{kw: c.kw, path: p.path()}
				if p.peek().kind != tValue {
					p.fail()
				}
				a.value = &node{kind: kValue, tok: p.i, ref: p.peek().text}
				p.next()
				return a
			})
		default:
			p.fail()
		}
		out = append(out, c)
		if p.peek().kind == tEOF {
			return out
		}
	}
}

func (p *parser) actionList(one func() action) []action {
	list := []action{one()}
	for p.is(",") {
		p.next()
		list = append(list, one())
	}
	return list
}

// set := path '=' operand (('+'|'-') operand)?
func (p *parser) setAction() action {
	path := p.path()
	p.expect("=")
	v := p.operand()
	if p.is("+") || p.is("-") {
		tok := p.next()
		v = &node{kind: kArith, op: p.toks[tok].text, tok: tok, kids: []*node{v, p.operand()}}
	}
	return action{kw: "SET", path: path, value: v}
}

// projection := path (',' path)*
func (p *parser) projection() []*node {
	list := []*node{p.path()}
	for p.is(",") {
		p.next()
		list = append(list, p.path())
	}
	return list
}
