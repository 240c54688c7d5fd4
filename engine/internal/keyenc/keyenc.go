package keyenc

import (
	"errors"
	"fmt"

	"github.com/gojets/jets/ddb"
)

// Type tags. They only need to be distinct: one key attribute always has a
// single declared type.
const (
	tagBytes  byte = 0x10 // S and B
	tagNumNeg byte = 0x20
	tagNumZ   byte = 0x21
	tagNumPos byte = 0x22
)

// Escaping for byte strings: 0x00 becomes 0x00 0xFF, and the string ends
// with 0x00 0x01, so a prefix sorts before its extensions.
const (
	escape     byte = 0x00
	escaped00  byte = 0xFF
	terminator byte = 0x01
)

// expBias maps Number.Exp (-129..126) onto one byte (0..255).
const expBias = 129

// ErrUnsupported is returned for values that cannot be key attributes.
var ErrUnsupported = errors.New("keyenc: only S, N and B values can be encoded")

// Append appends the ordered encoding of v (S, N or B) to dst.
func Append(dst []byte, v ddb.Value) ([]byte, error) {
	switch v.Type {
	case ddb.TypeS:
		return appendBytes(dst, v.S), nil
	case ddb.TypeB:
		return appendBytes(dst, string(v.B)), nil
	case ddb.TypeN:
		n, err := ddb.ParseNumber(v.N)
		if err != nil {
			return nil, fmt.Errorf("encode number key: %w", err)
		}
		return AppendNumber(dst, n), nil
	}
	return nil, ErrUnsupported
}

func appendBytes(dst []byte, s string) []byte {
	dst = append(dst, tagBytes)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == escape {
			dst = append(dst, escape, escaped00)
			continue
		}
		dst = append(dst, c)
	}
	return append(dst, escape, terminator)
}

// AppendNumber appends the ordered encoding of n: a sign tag, then for
// non-zero numbers the biased exponent and the digits (each +1) ended by 0;
// negative numbers have exponent and digits inverted so larger magnitudes
// sort first.
func AppendNumber(dst []byte, n ddb.Number) []byte {
	if n.IsZero() {
		return append(dst, tagNumZ)
	}
	inv := byte(0)
	tag := tagNumPos
	if n.Neg {
		inv, tag = 0xFF, tagNumNeg
	}
	dst = append(dst, tag, byte(n.Exp+expBias)^inv)
	for i := 0; i < len(n.Digits); i++ {
		dst = append(dst, (n.Digits[i]-'0'+1)^inv)
	}
	return append(dst, 0^inv)
}

// Decode decodes one value of type t from the front of b and returns it
// with the rest of b.
func Decode(b []byte, t ddb.Type) (ddb.Value, []byte, error) {
	switch t {
	case ddb.TypeS, ddb.TypeB:
		raw, rest, err := decodeBytes(b)
		if err != nil {
			return ddb.Value{}, nil, err
		}
		if t == ddb.TypeS {
			return ddb.S(string(raw)), rest, nil
		}
		return ddb.B(raw), rest, nil
	case ddb.TypeN:
		n, rest, err := decodeNumber(b)
		if err != nil {
			return ddb.Value{}, nil, err
		}
		return ddb.Value{Type: ddb.TypeN, N: n.String()}, rest, nil
	}
	return ddb.Value{}, nil, ErrUnsupported
}

var errCorrupt = errors.New("keyenc: corrupt key")

func decodeBytes(b []byte) ([]byte, []byte, error) {
	if len(b) == 0 || b[0] != tagBytes {
		return nil, nil, errCorrupt
	}
	var out []byte
	for i := 1; i < len(b); i++ {
		if b[i] != escape {
			out = append(out, b[i])
			continue
		}
		if i+1 >= len(b) {
			return nil, nil, errCorrupt
		}
		switch b[i+1] {
		case escaped00:
			out = append(out, 0)
			i++
		case terminator:
			if out == nil {
				out = []byte{}
			}
			return out, b[i+2:], nil
		default:
			return nil, nil, errCorrupt
		}
	}
	return nil, nil, errCorrupt
}

func decodeNumber(b []byte) (ddb.Number, []byte, error) {
	if len(b) == 0 {
		return ddb.Number{}, nil, errCorrupt
	}
	var inv byte
	switch b[0] {
	case tagNumZ:
		return ddb.Number{}, b[1:], nil
	case tagNumNeg:
		inv = 0xFF
	case tagNumPos:
	default:
		return ddb.Number{}, nil, errCorrupt
	}
	if len(b) < 2 {
		return ddb.Number{}, nil, errCorrupt
	}
	n := ddb.Number{Neg: inv != 0, Exp: int(b[1]^inv) - expBias}
	digits := make([]byte, 0, 38)
	for i := 2; i < len(b); i++ {
		d := b[i] ^ inv
		if d == 0 {
			n.Digits = string(digits)
			return n, b[i+1:], nil
		}
		if d > 10 {
			return ddb.Number{}, nil, errCorrupt
		}
		digits = append(digits, '0'+d-1)
	}
	return ddb.Number{}, nil, errCorrupt
}
