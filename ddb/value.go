package ddb

import (
	"bytes"
	"sort"
)

// Type is one of DynamoDB's ten attribute types.
type Type uint8

// The attribute types, named as on the wire.
const (
	TypeS Type = iota + 1
	TypeN
	TypeB
	TypeSS
	TypeNS
	TypeBS
	TypeM
	TypeL
	TypeNULL
	TypeBOOL
)

var typeNames = [...]string{"", "S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"}

// String returns the wire name of t ("S", "NS", "BOOL", …).
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "?"
}

// ParseType maps a wire name to its Type; ok is false for unknown names.
func ParseType(s string) (t Type, ok bool) {
	for i, n := range typeNames {
		if i > 0 && n == s {
			return Type(i), true
		}
	}
	return 0, false
}

// IsSet reports whether t is SS, NS or BS.
func (t Type) IsSet() bool { return t == TypeSS || t == TypeNS || t == TypeBS }

// Value is one attribute value. Exactly the fields of its Type are used:
//
//	S        S
//	N        N (canonical decimal form, see ParseNumber)
//	B        B
//	SS, NS   Strings (NS in canonical form)
//	BS       Binaries
//	M        M
//	L        L
//	BOOL     Bool
//	NULL     nothing (NULL is always true)
type Value struct {
	Type     Type
	S        string
	N        string
	B        []byte
	Strings  []string
	Binaries [][]byte
	M        map[string]Value
	L        []Value
	Bool     bool
}

// Item is a DynamoDB item or key: attribute name → value.
type Item map[string]Value

// Constructors for the common types.

// S returns a string value.
func S(s string) Value { return Value{Type: TypeS, S: s} }

// B returns a binary value.
func B(b []byte) Value { return Value{Type: TypeB, B: b} }

// Bool returns a BOOL value.
func Bool(b bool) Value { return Value{Type: TypeBOOL, Bool: b} }

// Null returns the NULL value.
func Null() Value { return Value{Type: TypeNULL} }

// N returns a number value from its text, which must be a valid DynamoDB
// number; it panics otherwise. Use ParseNumber for untrusted input.
func N(s string) Value {
	n, err := ParseNumber(s)
	if err != nil {
		panic(err)
	}
	return Value{Type: TypeN, N: n.String()}
}

// Equal reports whether a and b are the same DynamoDB value. Numbers compare
// by value; sets compare as sets; maps and lists compare deeply.
func Equal(a, b Value) bool {
	if a.Type != b.Type {
		return false
	}
	switch a.Type {
	case TypeS:
		return a.S == b.S
	case TypeN:
		return CompareNumberStrings(a.N, b.N) == 0
	case TypeB:
		return bytes.Equal(a.B, b.B)
	case TypeBOOL:
		return a.Bool == b.Bool
	case TypeNULL:
		return true
	case TypeSS, TypeNS:
		if len(a.Strings) != len(b.Strings) {
			return false
		}
		seen := make(map[string]bool, len(a.Strings))
		for _, s := range a.Strings {
			seen[canonicalMember(a.Type, s)] = true
		}
		for _, s := range b.Strings {
			if !seen[canonicalMember(b.Type, s)] {
				return false
			}
		}
		return true
	case TypeBS:
		if len(a.Binaries) != len(b.Binaries) {
			return false
		}
		seen := make(map[string]bool, len(a.Binaries))
		for _, x := range a.Binaries {
			seen[string(x)] = true
		}
		for _, x := range b.Binaries {
			if !seen[string(x)] {
				return false
			}
		}
		return true
	case TypeM:
		return ItemsEqual(a.M, b.M)
	case TypeL:
		if len(a.L) != len(b.L) {
			return false
		}
		for i := range a.L {
			if !Equal(a.L[i], b.L[i]) {
				return false
			}
		}
		return true
	}
	return false
}

func canonicalMember(t Type, s string) string {
	if t == TypeNS {
		if n, err := ParseNumber(s); err == nil {
			return n.String()
		}
	}
	return s
}

// ItemsEqual reports whether two items hold the same attributes and values.
func ItemsEqual(a, b Item) bool {
	if len(a) != len(b) {
		return false
	}
	for k, av := range a {
		bv, ok := b[k]
		if !ok || !Equal(av, bv) {
			return false
		}
	}
	return true
}

// Clone returns a deep copy of v.
func (v Value) Clone() Value {
	out := v
	if v.B != nil {
		out.B = append([]byte(nil), v.B...)
	}
	if v.Strings != nil {
		out.Strings = append([]string(nil), v.Strings...)
	}
	if v.Binaries != nil {
		out.Binaries = make([][]byte, len(v.Binaries))
		for i, b := range v.Binaries {
			out.Binaries[i] = append([]byte(nil), b...)
		}
	}
	if v.M != nil {
		out.M = Item(v.M).Clone()
	}
	if v.L != nil {
		out.L = make([]Value, len(v.L))
		for i, e := range v.L {
			out.L[i] = e.Clone()
		}
	}
	return out
}

// Clone returns a deep copy of it.
func (it Item) Clone() Item {
	if it == nil {
		return nil
	}
	out := make(Item, len(it))
	for k, v := range it {
		out[k] = v.Clone()
	}
	return out
}

// Keys returns the attribute names of it in sorted order.
func (it Item) Keys() []string {
	names := make([]string, 0, len(it))
	for k := range it {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
