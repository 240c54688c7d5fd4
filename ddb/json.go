package ddb

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
)

// wireValue is the JSON form of an attribute value: exactly one member set.
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

// UnmarshalJSON decodes DynamoDB's JSON form ({"S":"x"}, {"N":"1"}, …). It
// checks the form (exactly one type member) and number syntax; the rules
// that depend on context (empty sets, duplicates, key types) are checked by
// Validate.
func (v *Value) UnmarshalJSON(data []byte) error {
	var w wireValue
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	set := 0
	*v = Value{}
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
		v.Type, v.M = TypeM, w.M
	}
	if w.L != nil {
		set++
		v.Type, v.L = TypeL, w.L
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

// MarshalJSON encodes v in DynamoDB's JSON form.
func (v Value) MarshalJSON() ([]byte, error) { return v.AppendJSON(nil), nil }

// MarshalJSON encodes it as a JSON object with sorted attribute names.
func (it Item) MarshalJSON() ([]byte, error) {
	if it == nil {
		return []byte("null"), nil
	}
	return it.AppendJSON(nil), nil
}

// AppendJSON appends the JSON form of it to dst.
func (it Item) AppendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	for i, k := range it.Keys() {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = strconv.AppendQuote(dst, k)
		dst = append(dst, ':')
		dst = it[k].AppendJSON(dst)
	}
	return append(dst, '}')
}

// AppendJSON appends the JSON form of v to dst.
func (v Value) AppendJSON(dst []byte) []byte {
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
		dst = Item(v.M).AppendJSON(dst)
	case TypeL:
		dst = append(dst, '[')
		for i, e := range v.L {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = e.AppendJSON(dst)
		}
		dst = append(dst, ']')
	case TypeNULL:
		dst = append(dst, "true"...)
	case TypeBOOL:
		dst = strconv.AppendBool(dst, v.Bool)
	default:
		dst = append(dst, "null"...)
	}
	return append(dst, '}')
}

func appendBase64(dst, b []byte) []byte {
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, b)
	return append(dst, '"')
}

// appendString appends s as a JSON string, escaped as encoding/json does.
func appendString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(dst, b...)
}
