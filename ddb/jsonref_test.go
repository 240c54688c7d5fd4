package ddb

import (
	"encoding/json"
	"strings"
)

// This file keeps the reflection-based decoder that json.go replaced, as the
// reference the hand-written decoder is compared against (FuzzDecodeEquivalence,
// the benchmarks). Its types mirror wireValue / Value / Item under other
// names; refErrorText maps those names back in error messages.

type refWire struct {
	S    *string             `json:"S"`
	N    *string             `json:"N"`
	B    []byte              `json:"B"`
	SS   []string            `json:"SS"`
	NS   []string            `json:"NS"`
	BS   [][]byte            `json:"BS"`
	M    map[string]refValue `json:"M"`
	L    []refValue          `json:"L"`
	NULL *bool               `json:"NULL"`
	BOOL *bool               `json:"BOOL"`
}

type refValue Value

type refItem map[string]refValue

func (v *refValue) UnmarshalJSON(data []byte) error {
	var w refWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	set := 0
	*v = refValue{}
	if w.S != nil {
		set++
		v.Type, v.S = TypeS, *w.S
	}
	if w.N != nil {
		set++
		n, err := ParseNumber(*w.N)
		if err != nil {
			return err
		}
		v.Type, v.N = TypeN, n.String()
	}
	if w.B != nil {
		set++
		v.Type, v.B = TypeB, w.B
	}
	if w.SS != nil {
		set++
		v.Type, v.Strings = TypeSS, w.SS
	}
	if w.NS != nil {
		set++
		v.Type, v.Strings = TypeNS, make([]string, len(w.NS))
		for i, s := range w.NS {
			n, err := ParseNumber(s)
			if err != nil {
				return err
			}
			v.Strings[i] = n.String()
		}
	}
	if w.BS != nil {
		set++
		v.Type, v.Binaries = TypeBS, w.BS
	}
	if w.M != nil {
		set++
		v.Type, v.M = TypeM, refItem(w.M).value()
	}
	if w.L != nil {
		set++
		l := make([]Value, len(w.L))
		for i, e := range w.L {
			l[i] = Value(e)
		}
		v.Type, v.L = TypeL, l
	}
	if w.NULL != nil {
		set++
		if !*w.NULL {
			return InvalidParameter("Null attribute value types must have the value of true")
		}
		v.Type = TypeNULL
	}
	if w.BOOL != nil {
		set++
		v.Type, v.Bool = TypeBOOL, *w.BOOL
	}
	switch {
	case set == 0:
		return Validationf("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
	case set > 1:
		return Validationf("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
	}
	return nil
}

// value converts a decoded reference item to an Item (nil stays nil).
func (it refItem) value() Item {
	if it == nil {
		return nil
	}
	out := make(Item, len(it))
	for k, v := range it {
		out[k] = Value(v)
	}
	return out
}

// refErrorText is err's text with the reference types' names replaced by the
// names json.go reports.
func refErrorText(err error) string {
	if err == nil {
		return ""
	}
	return strings.NewReplacer("refWire", "wireValue", "ddb.refValue", "ddb.Value", "ddb.refItem", "ddb.Item").Replace(err.Error())
}

// refAppendItem is the encoder as it was before json.go's rewrite, kept for
// the before/after benchmark.
func refAppendItem(dst []byte, it Item) []byte {
	dst = append(dst, '{')
	for i, k := range it.Keys() {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, k)
		dst = append(dst, ':')
		dst = refAppendValue(dst, it[k])
	}
	return append(dst, '}')
}

func refAppendValue(dst []byte, v Value) []byte {
	dst = append(dst, `{"`...)
	dst = append(dst, v.Type.String()...)
	dst = append(dst, `":`...)
	switch v.Type {
	case TypeS:
		dst = appendString(dst, v.S)
	case TypeN:
		dst = appendString(dst, v.N)
	case TypeB:
		dst = appendBase64(dst, v.B)
	case TypeSS, TypeNS:
		dst = append(dst, '[')
		for i, s := range v.Strings {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, s)
		}
		dst = append(dst, ']')
	case TypeBS:
		dst = append(dst, '[')
		for i, b := range v.Binaries {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendBase64(dst, b)
		}
		dst = append(dst, ']')
	case TypeM:
		dst = refAppendItem(dst, v.M)
	case TypeL:
		dst = append(dst, '[')
		for i, e := range v.L {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = refAppendValue(dst, e)
		}
		dst = append(dst, ']')
	case TypeNULL:
		dst = append(dst, "true"...)
	case TypeBOOL:
		if v.Bool {
			dst = append(dst, "true"...)
		} else {
			dst = append(dst, "false"...)
		}
	default:
		dst = append(dst, "null"...)
	}
	return append(dst, '}')
}
