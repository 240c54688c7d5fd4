package ddb

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// The decoder below reproduces, without reflection, what encoding/json did
// when it decoded a value into wireValue: the same values, and the same
// errors (type mismatches as *json.UnmarshalTypeError with the same Value,
// Type, Offset, Struct and Field; bad base64 as base64.CorruptInputError),
// the same precedence between them (a mismatch is remembered and decoding
// goes on; an error inside an M or L member stops it), and the same reuse of
// slices and maps when a member appears twice. Member names are matched
// exactly: "s" is not "S" (encoding/json matched case-insensitively).

// wireValue is the JSON form of an attribute value: exactly one member set.
// Only its type is used, to report mismatches as encoding/json did.
type wireValue struct {
	S    *string          `json:"S"`
	N    *string          `json:"N"`
	B    []byte           `json:"B"`
	SS   []string         `json:"SS"`
	NS   []string         `json:"NS"`
	BS   [][]byte         `json:"BS"`
	M    map[string]Value `json:"M"`
	L    []Value          `json:"L"`
	NULL *bool            `json:"NULL"`
	BOOL *bool            `json:"BOOL"`
}

// The Go types named in type-mismatch errors.
var (
	typeWire    = reflect.TypeFor[wireValue]()
	typeItem    = reflect.TypeFor[Item]()
	typeString  = reflect.TypeFor[string]()
	typeBool    = reflect.TypeFor[bool]()
	typeBytes   = reflect.TypeFor[[]byte]()
	typeByte    = reflect.TypeFor[uint8]()
	typeStrings = reflect.TypeFor[[]string]()
	typeBinSet  = reflect.TypeFor[[][]byte]()
	typeMap     = reflect.TypeFor[map[string]Value]()
	typeList    = reflect.TypeFor[[]Value]()
)

// wireState collects the members of one value as encoding/json filled
// wireValue, plus the first remembered error.
type wireState struct {
	base             int // offset of the value's first byte; error offsets count from it
	saved            error
	field            string // member being decoded, for errors
	s, n             string
	hasS, hasN       bool
	b                []byte
	ss, ns           []string
	bs               [][]byte
	m                map[string]Value
	l                []Value
	nullVal, boolVal bool
	hasNull          bool
	hasBool          bool
}

// mismatch remembers a type error at offset off (absolute), unless one is
// remembered already.
func (w *wireState) mismatch(kind string, t reflect.Type, off int) {
	if w.saved == nil {
		w.saved = &json.UnmarshalTypeError{Value: kind, Type: t, Offset: int64(off - w.base), Struct: "wireValue", Field: w.field}
	}
}

func (w *wireState) save(err error) {
	if w.saved == nil {
		w.saved = err
	}
}

// item decodes an Item: null, or an object of attribute values.
func (s *scanner) item(it *Item) error {
	switch c := s.skipSpace(); c {
	case 'n':
		*it = nil
		return s.literal(c)
	case '{':
		m, err := s.items(*it)
		*it = m
		return err
	default:
		start := s.pos
		if err := s.skip(); err != nil {
			return err
		}
		off := s.pos
		if c == '[' {
			off = start + 1
		}
		return &json.UnmarshalTypeError{Value: kindName(c), Type: typeItem, Offset: int64(off)}
	}
}

// end checks that only whitespace follows the decoded value.
func (s *scanner) end() error {
	if s.skipSpace(); s.pos != len(s.data) {
		return errSyntax
	}
	return nil
}

// result turns a decoding error into what encoding/json reported: its
// *json.SyntaxError if the input is not valid JSON (which encoding/json
// checks before anything else), else err.
func (s *scanner) result(err error) error {
	if err == nil || (err != errSyntax && json.Valid(s.data)) {
		return err
	}
	var raw json.RawMessage
	if jerr := json.Unmarshal(s.data, &raw); jerr != nil {
		return jerr
	}
	return fmt.Errorf("ddb: JSON decoder disagrees with encoding/json at offset %d", s.pos)
}

// value decodes the attribute value at s.pos into v. base is where error
// offsets count from (the value's own first byte, or 0 at the top level).
func (s *scanner) value(v *Value, base int) error {
	c := s.skipSpace()
	if c != '{' {
		return s.nonObjectValue(c, base)
	}
	w := wireState{base: base}
	if err := s.enter(); err != nil {
		return err
	}
	for first := true; ; first = false {
		ok, err := s.more('}', first)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if err := s.member(&w); err != nil {
			return err
		}
	}
	s.leave()
	if w.saved != nil {
		return w.saved
	}
	return w.build(v)
}

// nonObjectValue handles a value that is not a JSON object: null is an empty
// value; anything else is a type mismatch.
func (s *scanner) nonObjectValue(c byte, base int) error {
	start := s.pos
	if err := s.skip(); err != nil {
		return err
	}
	switch c {
	case 'n':
		return errEmptyValue()
	case '[':
		return &json.UnmarshalTypeError{Value: "array", Type: typeWire, Offset: int64(start + 1 - base)}
	}
	return &json.UnmarshalTypeError{Value: kindName(c), Type: typeWire, Offset: int64(s.pos - base)}
}

// member decodes one "name": value pair of an attribute value.
func (s *scanner) member(w *wireState) error {
	name, err := s.stringBytes()
	if err != nil {
		return err
	}
	t, known := memberType(name)
	if err := s.expect(':'); err != nil {
		return err
	}
	if !known {
		return s.skip()
	}
	w.field = t.String()
	switch t {
	case TypeS:
		return s.stringPtr(w, &w.s, &w.hasS)
	case TypeN:
		return s.stringPtr(w, &w.n, &w.hasN)
	case TypeNULL:
		return s.boolPtr(w, &w.nullVal, &w.hasNull)
	case TypeBOOL:
		return s.boolPtr(w, &w.boolVal, &w.hasBool)
	case TypeB:
		return s.binary(w, &w.b, typeBytes)
	case TypeSS:
		return s.stringSlice(w, &w.ss)
	case TypeNS:
		return s.stringSlice(w, &w.ns)
	case TypeBS:
		return s.binarySet(w)
	case TypeM:
		return s.mapMember(w)
	default:
		return s.listMember(w)
	}
}

// memberType matches a member name exactly, without allocating.
func memberType(name []byte) (Type, bool) {
	switch string(name) {
	case "S":
		return TypeS, true
	case "N":
		return TypeN, true
	case "B":
		return TypeB, true
	case "SS":
		return TypeSS, true
	case "NS":
		return TypeNS, true
	case "BS":
		return TypeBS, true
	case "M":
		return TypeM, true
	case "L":
		return TypeL, true
	case "NULL":
		return TypeNULL, true
	case "BOOL":
		return TypeBOOL, true
	}
	return 0, false
}

// mismatchAt skips the value starting with c and remembers a type error for
// it, with encoding/json's offset: after '{' or '[', else after the literal.
func (s *scanner) mismatchAt(w *wireState, c byte, t reflect.Type) error {
	start := s.pos
	if err := s.skip(); err != nil {
		return err
	}
	off := s.pos
	if c == '{' || c == '[' {
		off = start + 1
	}
	w.mismatch(kindName(c), t, off)
	return nil
}

// stringPtr decodes a *string member (S, N): null clears it.
func (s *scanner) stringPtr(w *wireState, dst *string, has *bool) error {
	switch c := s.skipSpace(); c {
	case '"':
		str, err := s.string()
		*dst, *has = str, true
		return err
	case 'n':
		*has = false
		return s.literal(c)
	default:
		return s.mismatchAt(w, c, typeString)
	}
}

// boolPtr decodes a *bool member (NULL, BOOL): null clears it.
func (s *scanner) boolPtr(w *wireState, dst *bool, has *bool) error {
	switch c := s.skipSpace(); c {
	case 't', 'f':
		*dst, *has = c == 't', true
		return s.literal(c)
	case 'n':
		*has = false
		return s.literal(c)
	default:
		return s.mismatchAt(w, c, typeBool)
	}
}

// mapMember decodes an M member: attribute values by name, added to what a
// previous M member of the same value held.
func (s *scanner) mapMember(w *wireState) error {
	c := s.skipSpace()
	switch c {
	case 'n':
		w.m = nil
		return s.literal(c)
	case '{':
	default:
		return s.mismatchAt(w, c, typeMap)
	}
	m, err := s.items(w.m)
	if err != nil {
		return nestedError(err, "M")
	}
	w.m = m
	return nil
}

// listMember decodes an L member.
func (s *scanner) listMember(w *wireState) error {
	c := s.skipSpace()
	switch c {
	case 'n':
		w.l = nil
		return s.literal(c)
	case '[':
	default:
		return s.mismatchAt(w, c, typeList)
	}
	if err := s.enter(); err != nil {
		return err
	}
	mark := len(s.vals)
	for first := true; ; first = false {
		ok, err := s.more(']', first)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		var e Value
		if err := s.value(&e, s.pos); err != nil {
			return nestedError(err, "L")
		}
		s.vals = append(s.vals, e)
	}
	s.leave()
	out := make([]Value, len(s.vals)-mark)
	copy(out, s.vals[mark:])
	clear(s.vals[mark:])
	s.vals = s.vals[:mark]
	w.l = out
	return nil
}

// items decodes the members of the object at s.pos into m (name → value;
// a later member of the same name wins) and returns m, made if nil. An
// error in a value stops it. A new map is made at its final size: members
// wait on s.pairs, shared by all nesting levels, until the object ends.
func (s *scanner) items(m map[string]Value) (map[string]Value, error) {
	if err := s.enter(); err != nil {
		return m, err
	}
	mark := len(s.pairs)
	for first := true; ; first = false {
		ok, err := s.more('}', first)
		if err != nil {
			return m, err
		}
		if !ok {
			break
		}
		name, err := s.string()
		if err != nil {
			return m, err
		}
		if err := s.expect(':'); err != nil {
			return m, err
		}
		s.skipSpace()
		var v Value
		if err := s.value(&v, s.pos); err != nil {
			return m, err
		}
		s.pairs = append(s.pairs, pair{name, v})
	}
	s.leave()
	members := s.pairs[mark:]
	if m == nil {
		m = make(map[string]Value, len(members))
	}
	for i := range members {
		m[members[i].name] = members[i].v
	}
	clear(members)
	s.pairs = s.pairs[:mark]
	return m, nil
}

// pair is an object member waiting to go into its map.
type pair struct {
	name string
	v    Value
}

// nestedError gives a type error from a value inside an M or L member the
// context encoding/json added: struct wireValue, field path from member.
func nestedError(err error, member string) error {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		te.Struct = "wireValue"
		if te.Field != "" {
			te.Field = member + "." + te.Field
		} else {
			te.Field = member
		}
	}
	return err
}
