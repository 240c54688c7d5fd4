package itemcodec

import (
	"encoding/binary"

	"github.com/gojets/jets/ddb"
)

// maxDepth bounds nesting while decoding (DynamoDB allows 32 levels).
const maxDepth = 64

// A Decoder reads items encoded by AppendItem one after another, as from
// the middle of a larger record. After an error it reads nothing more.
type Decoder struct {
	b    []byte
	base string // when set, b as one string that decoded strings are cut from
	err  error
}

// NewDecoder returns a Decoder reading b. Decoded items share no memory
// with b.
func NewDecoder(b []byte) Decoder { return Decoder{b: b} }

// NewSharedDecoder is NewDecoder, but all decoded strings share one copy of
// b made here: one allocation for the whole buffer instead of one per
// string. That copy lives as long as any decoded string does, so it suits
// buffers that are mostly the items decoded from them.
func NewSharedDecoder(b []byte) Decoder { return Decoder{b: b, base: string(b)} }

// Item decodes the next item. It returns ErrCorrupt for input that is not a
// valid encoding, and on every call after that.
func (d *Decoder) Item() (ddb.Item, error) {
	it := d.item(0)
	if d.err != nil {
		return nil, d.err
	}
	return it, nil
}

// Rest returns the input not read yet.
func (d *Decoder) Rest() []byte { return d.b }

func (d *Decoder) fail() { d.err, d.b = ErrCorrupt, nil }

// uvarint reads a length or a count, rejecting any that the rest of the
// input cannot hold (every element takes at least one byte).
func (d *Decoder) uvarint() int {
	if d.err != nil {
		return 0
	}
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)-k) {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

func (d *Decoder) byte1() byte {
	if d.err != nil || len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// raw reads a length-prefixed run of bytes, aliasing the input, and its
// offset in the input.
func (d *Decoder) raw() (r []byte, off int) {
	n := d.uvarint()
	if d.err != nil {
		return nil, 0
	}
	off = len(d.base) - len(d.b)
	r, d.b = d.b[:n:n], d.b[n:]
	return r, off
}

func (d *Decoder) str() string {
	r, off := d.raw()
	if d.base != "" && d.err == nil {
		return d.base[off : off+len(r)]
	}
	return string(r)
}

func (d *Decoder) bytes() []byte {
	r, _ := d.raw()
	if d.err != nil {
		return nil
	}
	return append(make([]byte, 0, len(r)), r...)
}

func (d *Decoder) item(depth int) ddb.Item {
	n := d.uvarint()
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

func (d *Decoder) value(depth int) ddb.Value {
	if depth > maxDepth {
		d.fail()
		return ddb.Value{}
	}
	v := ddb.Value{Type: ddb.Type(d.byte1())}
	switch v.Type {
	case ddb.TypeS:
		v.S = d.str()
	case ddb.TypeN:
		v.N = d.str()
	case ddb.TypeB:
		v.B = d.bytes()
	case ddb.TypeBOOL:
		v.Bool = d.byte1() == 1
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
