package ddb

import (
	"encoding/base64"
	"slices"
	"strconv"
	"unicode/utf8"
)

// UnmarshalJSON decodes DynamoDB's JSON form ({"S":"x"}, {"N":"1"}, …). It
// checks the form (exactly one type member) and number syntax; the rules
// that depend on context (empty sets, duplicates, key types) are checked by
// Validate. JSON null is an empty value (a ValidationException).
func (v *Value) UnmarshalJSON(data []byte) error {
	s := getScanner(data)
	defer putScanner(s)
	err := s.value(v, 0)
	if err == nil {
		err = s.end()
	}
	return s.result(err)
}

// UnmarshalJSON decodes an item, attribute name → value, in one pass.
// Decoding into a non-nil item adds to it; JSON null makes it nil.
func (it *Item) UnmarshalJSON(data []byte) error {
	s := getScanner(data)
	defer putScanner(s)
	err := s.item(it)
	if err == nil {
		err = s.end()
	}
	return s.result(err)
}

// MarshalJSON encodes v in DynamoDB's JSON form.
func (v Value) MarshalJSON() ([]byte, error) {
	return v.appendJSON(make([]byte, 0, v.jsonSizeHint())), nil
}

// MarshalJSON encodes it as a JSON object with sorted attribute names.
func (it Item) MarshalJSON() ([]byte, error) {
	if it == nil {
		return []byte("null"), nil
	}
	return it.AppendJSON(make([]byte, 0, it.jsonSizeHint())), nil
}

// AppendJSON appends the JSON form of it to dst, attribute names sorted.
func (it Item) AppendJSON(dst []byte) []byte {
	var arr [16]string // names of a typical item, sorted without allocating
	names := arr[:0]
	for k := range it {
		names = append(names, k)
	}
	slices.Sort(names)
	dst = append(dst, '{')
	for i, k := range names {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, k)
		dst = append(dst, ':')
		v := it[k]
		dst = v.appendJSON(dst)
	}
	return append(dst, '}')
}

// AppendJSON appends the JSON form of v to dst.
func (v Value) AppendJSON(dst []byte) []byte { return v.appendJSON(dst) }

func (v *Value) appendJSON(dst []byte) []byte {
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
		dst = appendStrings(dst, v.Strings)
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
		for i := range v.L {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = v.L[i].appendJSON(dst)
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

func appendStrings(dst []byte, ss []string) []byte {
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, s)
	}
	return append(dst, ']')
}

// jsonSizeHint is about the length of it's JSON form (exact without
// escapes), to size a buffer once.
func (it Item) jsonSizeHint() int {
	n := 2
	for k, v := range it {
		n += len(k) + 4 + v.jsonSizeHint()
	}
	return n
}

func (v *Value) jsonSizeHint() int {
	n := 6 + len(v.Type.String())
	switch v.Type {
	case TypeS:
		n += len(v.S) + 2
	case TypeN:
		n += len(v.N) + 2
	case TypeB:
		n += base64.StdEncoding.EncodedLen(len(v.B)) + 2
	case TypeSS, TypeNS:
		n += 2
		for _, s := range v.Strings {
			n += len(s) + 3
		}
	case TypeBS:
		n += 2
		for _, b := range v.Binaries {
			n += base64.StdEncoding.EncodedLen(len(b)) + 3
		}
	case TypeM:
		n += Item(v.M).jsonSizeHint()
	case TypeL:
		n += 2
		for i := range v.L {
			n += v.L[i].jsonSizeHint() + 1
		}
	default:
		n += 5
	}
	return n
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
