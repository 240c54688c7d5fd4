package ddb

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"unicode/utf8"
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
		dst = appendString(dst, k)
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

// appendString appends s as a JSON string. It escapes what JSON requires
// (quote, backslash, control characters) and invalid UTF-8, and nothing
// else, as DynamoDB does.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

const hexDigits = "0123456789abcdef"
