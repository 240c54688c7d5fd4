package filter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// object is a pattern level: every field must match (AND), and any of the
// $or alternatives must match too.
type object struct {
	fields []field
	or     [][]*object // each $or: any of its objects
}

// field is one key of a pattern level: either a nested object or a leaf
// list of matchers (OR).
type field struct {
	name   string
	nested *object
	leaf   []matcher
}

func parsePattern(b []byte) (*object, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, errors.New("trailing data")
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("pattern is not an object")
	}
	return parseObject(m)
}

func parseObject(m map[string]any) (*object, error) {
	if len(m) == 0 {
		return nil, errors.New("empty object")
	}
	o := &object{}
	for k, v := range m {
		if k == "$or" {
			alts, ok := v.([]any)
			if !ok || len(alts) < 2 {
				return nil, errors.New("$or needs an array of at least two patterns")
			}
			var or []*object
			for _, a := range alts {
				am, ok := a.(map[string]any)
				if !ok {
					return nil, errors.New("$or member is not an object")
				}
				sub, err := parseObject(am)
				if err != nil {
					return nil, err
				}
				or = append(or, sub)
			}
			o.or = append(o.or, or)
			continue
		}
		switch v := v.(type) {
		case map[string]any:
			sub, err := parseObject(v)
			if err != nil {
				return nil, err
			}
			o.fields = append(o.fields, field{name: k, nested: sub})
		case []any:
			if len(v) == 0 {
				return nil, errors.New("empty match list")
			}
			f := field{name: k}
			for _, e := range v {
				mt, err := parseMatcher(e)
				if err != nil {
					return nil, err
				}
				f.leaf = append(f.leaf, mt)
			}
			o.fields = append(o.fields, f)
		default:
			return nil, fmt.Errorf("field %s: a pattern value must be an object or an array", k)
		}
	}
	return o, nil
}

func (o *object) match(ev map[string]any) bool {
	for _, f := range o.fields {
		v, present := ev[f.name]
		if f.nested != nil {
			sub, _ := v.(map[string]any)
			if !f.nested.match(sub) {
				return false
			}
			continue
		}
		if !matchLeaf(f.leaf, v, present) {
			return false
		}
	}
	for _, alts := range o.or {
		any := false
		for _, a := range alts {
			if a.match(ev) {
				any = true
				break
			}
		}
		if !any {
			return false
		}
	}
	return true
}

// matchLeaf matches an event value against a list of matchers (OR). Only
// leaf values (strings, numbers, booleans, null, or arrays of them) can
// match; an object is not a leaf, so for it only exists:false holds.
func matchLeaf(ms []matcher, v any, present bool) bool {
	if _, isObj := v.(map[string]any); isObj {
		present = false
	}
	for _, m := range ms {
		if e, ok := m.(existsMatcher); ok {
			if bool(e) == present {
				return true
			}
			continue
		}
		if !present {
			continue
		}
		if arr, ok := v.([]any); ok {
			for _, el := range arr {
				if _, isObj := el.(map[string]any); !isObj && m.match(el) {
					return true
				}
			}
			continue
		}
		if m.match(v) {
			return true
		}
	}
	return false
}

// matcher matches one leaf value.
type matcher interface{ match(v any) bool }

func parseMatcher(e any) (matcher, error) {
	switch e := e.(type) {
	case string, json.Number, bool, nil:
		return literal{e}, nil
	case map[string]any:
		if len(e) != 1 {
			return nil, errors.New("a matcher object has exactly one operator")
		}
		for op, arg := range e {
			return parseOperator(op, arg)
		}
	}
	return nil, errors.New("unsupported matcher")
}

func parseOperator(op string, arg any) (matcher, error) {
	switch op {
	case "prefix", "suffix":
		s, fold, err := stringArg(arg)
		if err != nil {
			return nil, err
		}
		return affixMatcher{suffix: op == "suffix", s: s, fold: fold}, nil
	case "equals-ignore-case":
		s, ok := arg.(string)
		if !ok {
			return nil, errors.New("equals-ignore-case needs a string")
		}
		return foldMatcher(s), nil
	case "anything-but":
		return parseAnythingBut(arg)
	case "numeric":
		return parseNumeric(arg)
	case "exists":
		b, ok := arg.(bool)
		if !ok {
			return nil, errors.New("exists needs a boolean")
		}
		return existsMatcher(b), nil
	}
	return nil, fmt.Errorf("unsupported operator %s", op)
}

// stringArg reads "x" or {"equals-ignore-case":"x"}.
func stringArg(arg any) (string, bool, error) {
	switch a := arg.(type) {
	case string:
		return a, false, nil
	case map[string]any:
		if s, ok := a["equals-ignore-case"].(string); ok && len(a) == 1 {
			return s, true, nil
		}
	}
	return "", false, errors.New("expected a string")
}

type literal struct{ v any }

func (l literal) match(v any) bool {
	switch lv := l.v.(type) {
	case string:
		s, ok := v.(string)
		return ok && s == lv
	case json.Number:
		n, ok := v.(json.Number)
		return ok && n == lv
	case bool:
		b, ok := v.(bool)
		return ok && b == lv
	case nil:
		return v == nil
	}
	return false
}

type affixMatcher struct {
	suffix bool
	s      string
	fold   bool
}

func (a affixMatcher) match(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	want := a.s
	if a.fold {
		s, want = strings.ToLower(s), strings.ToLower(want)
	}
	if a.suffix {
		return strings.HasSuffix(s, want)
	}
	return strings.HasPrefix(s, want)
}

type foldMatcher string

func (f foldMatcher) match(v any) bool {
	s, ok := v.(string)
	return ok && strings.EqualFold(s, string(f))
}

type existsMatcher bool

func (existsMatcher) match(any) bool { return false } // handled in matchLeaf

type anythingBut []literal

func parseAnythingBut(arg any) (matcher, error) {
	switch a := arg.(type) {
	case string, json.Number:
		return anythingBut{{a}}, nil
	case []any:
		if len(a) == 0 {
			return nil, errors.New("anything-but needs values")
		}
		var ab anythingBut
		for _, e := range a {
			switch e.(type) {
			case string, json.Number:
				ab = append(ab, literal{e})
			default:
				return nil, errors.New("anything-but takes strings or numbers")
			}
		}
		return ab, nil
	}
	// anything-but with prefix, suffix, equals-ignore-case or wildcard is
	// not supported by Pipes, nor by Lambda.
	return nil, errors.New("unsupported anything-but")
}

func (ab anythingBut) match(v any) bool {
	for _, l := range ab {
		if l.match(v) {
			return false
		}
	}
	return true
}

type bound struct {
	op string
	n  float64
}

type numeric []bound

func parseNumeric(arg any) (matcher, error) {
	a, ok := arg.([]any)
	if !ok || (len(a) != 2 && len(a) != 4) {
		return nil, errors.New("numeric needs one or two [operator, number] pairs")
	}
	var nm numeric
	for i := 0; i < len(a); i += 2 {
		op, ok := a[i].(string)
		if !ok {
			return nil, errors.New("numeric operator must be a string")
		}
		switch op {
		case "=", "<", "<=", ">", ">=":
		default:
			return nil, fmt.Errorf("numeric operator %q", op)
		}
		n, ok := a[i+1].(json.Number)
		if !ok {
			return nil, errors.New("numeric bound must be a number")
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return nil, err
		}
		nm = append(nm, bound{op, f})
	}
	return nm, nil
}

func (nm numeric) match(v any) bool {
	n, ok := v.(json.Number)
	if !ok {
		return false // DynamoDB N values are strings: numeric never matches them
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		return false
	}
	for _, b := range nm {
		var ok bool
		switch b.op {
		case "=":
			ok = f == b.n
		case "<":
			ok = f < b.n
		case "<=":
			ok = f <= b.n
		case ">":
			ok = f > b.n
		case ">=":
			ok = f >= b.n
		}
		if !ok {
			return false
		}
	}
	return true
}
