package ddb

import "unicode/utf8"

// The size limits of DynamoDB items and keys, in bytes.
const (
	MaxItemSize         = 400 * 1024
	MaxPartitionKeySize = 2048
	MaxSortKeySize      = 1024
)

// ItemSize is the size DynamoDB counts for an item: for every attribute, the
// UTF-8 length of its name plus the size of its value.
func ItemSize(it Item) int {
	n := 0
	for name, v := range it {
		n += len(name) + ValueSize(v)
	}
	return n
}

// ValueSize is the size DynamoDB counts for a value, without its name:
//
//	S      UTF-8 bytes          N     ⌈significant digits/2⌉ + 1
//	B      raw bytes            BOOL, NULL   1
//	SS, NS, BS   sum of the members' sizes
//	M      3 + Σ(1 + len(name) + size(value))
//	L      3 + Σ(1 + size(element))
func ValueSize(v Value) int {
	switch v.Type {
	case TypeS:
		return len(v.S)
	case TypeN:
		return numberTextSize(v.N)
	case TypeB:
		return len(v.B)
	case TypeBOOL, TypeNULL:
		return 1
	case TypeSS:
		n := 0
		for _, s := range v.Strings {
			n += len(s)
		}
		return n
	case TypeNS:
		n := 0
		for _, s := range v.Strings {
			n += numberTextSize(s)
		}
		return n
	case TypeBS:
		n := 0
		for _, b := range v.Binaries {
			n += len(b)
		}
		return n
	case TypeM:
		n := 3
		for k, e := range v.M {
			n += 1 + len(k) + ValueSize(e)
		}
		return n
	case TypeL:
		n := 3
		for _, e := range v.L {
			n += 1 + ValueSize(e)
		}
		return n
	}
	return 0
}

func numberTextSize(s string) int {
	n, _ := parseDecimal(s)
	return n.Size()
}

// ValidUTF8 reports whether s is valid UTF-8; DynamoDB rejects strings that
// are not.
func ValidUTF8(s string) bool { return utf8.ValidString(s) }
