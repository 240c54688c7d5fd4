package itemcodec

import (
	"encoding/binary"
	"errors"
	"sort"

	"github.com/gojets/jets/ddb"
)

// version is the first byte of every encoded item.
const version byte = 1

// ErrCorrupt is returned for input that is not a valid encoding.
var ErrCorrupt = errors.New("itemcodec: corrupt item encoding")

// Append appends the encoding of it to dst. Attributes are written in
// sorted order, so equal items encode identically.
func Append(dst []byte, it ddb.Item) []byte {
	dst = append(dst, version)
	return appendItem(dst, it)
}

func appendItem(dst []byte, it ddb.Item) []byte {
	names := make([]string, 0, len(it))
	for k := range it {
		names = append(names, k)
	}
	sort.Strings(names)
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

func appendValue(dst []byte, v ddb.Value) []byte {
	dst = append(dst, byte(v.Type))
	switch v.Type {
	case ddb.TypeS:
		dst = appendString(dst, v.S)
	case ddb.TypeN:
		dst = appendString(dst, v.N)
	case ddb.TypeB:
		dst = appendString(dst, string(v.B))
	case ddb.TypeBOOL:
		if v.Bool {
			dst = append(dst, 1)
		} else {
			dst = append(dst, 0)
		}
	case ddb.TypeSS, ddb.TypeNS:
		dst = binary.AppendUvarint(dst, uint64(len(v.Strings)))
		for _, s := range v.Strings {
			dst = appendString(dst, s)
		}
	case ddb.TypeBS:
		dst = binary.AppendUvarint(dst, uint64(len(v.Binaries)))
		for _, b := range v.Binaries {
			dst = appendString(dst, string(b))
		}
	case ddb.TypeM:
		dst = appendItem(dst, v.M)
	case ddb.TypeL:
		dst = binary.AppendUvarint(dst, uint64(len(v.L)))
		for _, e := range v.L {
			dst = appendValue(dst, e)
		}
	}
	return dst
}

// Decode decodes an item encoded by Append. The result shares no memory
// with b.
func Decode(b []byte) (ddb.Item, error) {
	if len(b) == 0 || b[0] != version {
		return nil, ErrCorrupt
	}
	d := decoder{b: b[1:]}
	it := d.item(0)
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, ErrCorrupt
	}
	return it, nil
}

// maxDepth bounds nesting (DynamoDB allows 32 levels).
const maxDepth = 64

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() { d.err = ErrCorrupt; d.b = nil }

func (d *decoder) uvarint() int {
	if d.err != nil {
		return 0
	}
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil || n > len(d.b) {
		d.fail()
		return nil
	}
	out := make([]byte, n)
	copy(out, d.b[:n])
	d.b = d.b[n:]
	return out
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil || n > len(d.b) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) item(depth int) ddb.Item {
	if depth > maxDepth {
		d.fail()
		return nil
	}
	n := d.uvarint()
	it := make(ddb.Item, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		it[k] = d.value(depth)
	}
	return it
}

func (d *decoder) value(depth int) ddb.Value {
	if d.err != nil || len(d.b) == 0 {
		d.fail()
		return ddb.Value{}
	}
	v := ddb.Value{Type: ddb.Type(d.b[0])}
	d.b = d.b[1:]
	switch v.Type {
	case ddb.TypeS:
		v.S = d.str()
	case ddb.TypeN:
		v.N = d.str()
	case ddb.TypeB:
		v.B = d.bytes()
	case ddb.TypeBOOL:
		if len(d.b) == 0 {
			d.fail()
			break
		}
		v.Bool = d.b[0] == 1
		d.b = d.b[1:]
	case ddb.TypeNULL:
	case ddb.TypeSS, ddb.TypeNS:
		n := d.uvarint()
		v.Strings = make([]string, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			v.Strings = append(v.Strings, d.str())
		}
	case ddb.TypeBS:
		n := d.uvarint()
		v.Binaries = make([][]byte, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			v.Binaries = append(v.Binaries, d.bytes())
		}
	case ddb.TypeM:
		v.M = d.item(depth + 1)
	case ddb.TypeL:
		n := d.uvarint()
		v.L = make([]ddb.Value, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			v.L = append(v.L, d.value(depth+1))
		}
	default:
		d.fail()
	}
	return v
}
