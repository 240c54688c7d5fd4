package itemcodec

import (
	"encoding/binary"
	"slices"

	"github.com/gojets/jets/ddb"
)

// AppendItem appends the encoding of it, without a version byte, to dst:
// for items embedded in a larger record. Attributes are written in sorted
// order, so equal items encode identically.
func AppendItem(dst []byte, it ddb.Item) []byte {
	var buf [16]string // small items sort without allocating
	names := buf[:0]
	for k := range it {
		names = append(names, k)
	}
	slices.Sort(names)
	dst = binary.AppendUvarint(dst, uint64(len(names)))
	for _, k := range names {
		dst = appendString(dst, k)
		dst = appendValue(dst, it[k])
	}
	return dst
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

func appendBytes(dst []byte, b []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(b)))
	return append(dst, b...)
}

func appendValue(dst []byte, v ddb.Value) []byte {
	dst = append(dst, byte(v.Type))
	switch v.Type {
	case ddb.TypeS:
		dst = appendString(dst, v.S)
	case ddb.TypeN:
		dst = appendString(dst, v.N)
	case ddb.TypeB:
		dst = appendBytes(dst, v.B)
	case ddb.TypeBOOL:
		dst = append(dst, boolByte(v.Bool))
	case ddb.TypeSS, ddb.TypeNS:
		dst = binary.AppendUvarint(dst, uint64(len(v.Strings)))
		for _, s := range v.Strings {
			dst = appendString(dst, s)
		}
	case ddb.TypeBS:
		dst = binary.AppendUvarint(dst, uint64(len(v.Binaries)))
		for _, b := range v.Binaries {
			dst = appendBytes(dst, b)
		}
	case ddb.TypeM:
		dst = AppendItem(dst, v.M)
	case ddb.TypeL:
		dst = binary.AppendUvarint(dst, uint64(len(v.L)))
		for _, e := range v.L {
			dst = appendValue(dst, e)
		}
	}
	return dst
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}
