package streamlog

import (
	"encoding/binary"
	"errors"

	"github.com/gojets/jets/ddb"
)

// A compact binary form of items for stored records:
//
//	item   = uvarint(count) { bytes(name) value }
//	value  = type-byte body
//	body   S, N, B: bytes;  SS, NS, BS: uvarint(count) {bytes};
//	       M: item;  L: uvarint(count) {value};  BOOL: 0|1;  NULL: nothing
//	bytes  = uvarint(len) raw
//
// Numbers are stored in their canonical text, so decoding never re-parses.

var errCorrupt = errors.New("streamlog: corrupt record")

// maxDepth bounds nesting while decoding (DynamoDB allows 32 levels).
const maxDepth = 64

func appendBytes(dst []byte, b []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(b)))
	return append(dst, b...)
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

func appendItem(dst []byte, it ddb.Item) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(it)))
	for name, v := range it {
		dst = appendString(dst, name)
		dst = appendValue(dst, v)
	}
	return dst
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
		dst = appendItem(dst, v.M)
	case ddb.TypeL:
		dst = binary.AppendUvarint(dst, uint64(len(v.L)))
		for _, e := range v.L {
			dst = appendValue(dst, e)
		}
	case ddb.TypeBOOL:
		if v.Bool {
			dst = append(dst, 1)
		} else {
			dst = append(dst, 0)
		}
	}
	return dst
}

// decoder reads the binary form; the first error sticks. When base holds
// the whole input as a string, decoded strings share it (one allocation
// per record instead of one per string).
type decoder struct {
	b    []byte
	base string
	err  error
}

func newDecoder(val []byte, shareStrings bool) decoder {
	d := decoder{b: val}
	if shareStrings {
		d.base = string(val)
	}
	return d
}

func (d *decoder) fail() { d.err, d.b = errCorrupt, nil }

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte1() byte {
	if d.err != nil || len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) raw(n uint64) []byte {
	if d.err != nil || n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	r := d.b[:n:n]
	d.b = d.b[n:]
	return r
}

func (d *decoder) str() string {
	n := d.uvarint()
	off := len(d.base) - len(d.b)
	r := d.raw(n)
	if d.err != nil {
		return ""
	}
	if d.base != "" {
		return d.base[off : off+len(r)]
	}
	return string(r)
}

func (d *decoder) bytes() []byte {
	r := d.raw(d.uvarint())
	if r == nil {
		return nil
	}
	return append(make([]byte, 0, len(r)), r...)
}

// count reads a collection length, rejecting lengths the remaining input
// cannot hold (every element takes at least one byte).
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) item(depth int) ddb.Item {
	n := d.count()
	if d.err != nil {
		return nil
	}
	it := make(ddb.Item, n)
	for i := 0; i < n && d.err == nil; i++ {
		name := d.str()
		it[name] = d.value(depth)
	}
	return it
}

func (d *decoder) value(depth int) ddb.Value {
	if depth > maxDepth {
		d.fail()
		return ddb.Value{}
	}
	t := ddb.Type(d.byte1())
	v := ddb.Value{Type: t}
	switch t {
	case ddb.TypeS:
		v.S = d.str()
	case ddb.TypeN:
		v.N = d.str()
	case ddb.TypeB:
		v.B = d.bytes()
	case ddb.TypeSS, ddb.TypeNS:
		n := d.count()
		v.Strings = make([]string, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			v.Strings = append(v.Strings, d.str())
		}
	case ddb.TypeBS:
		n := d.count()
		v.Binaries = make([][]byte, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			v.Binaries = append(v.Binaries, d.bytes())
		}
	case ddb.TypeM:
		v.M = d.item(depth + 1)
	case ddb.TypeL:
		n := d.count()
		v.L = make([]ddb.Value, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			v.L = append(v.L, d.value(depth+1))
		}
	case ddb.TypeBOOL:
		v.Bool = d.byte1() == 1
	case ddb.TypeNULL:
	default:
		d.fail()
	}
	return v
}
