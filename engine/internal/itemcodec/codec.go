package itemcodec

import (
	"errors"

	"github.com/gojets/jets/ddb"
)

// Version is the first byte of every stored item (Append, Decode): the
// version of the item layout.
const Version byte = 1

// ErrCorrupt is returned for input that is not a valid encoding.
var ErrCorrupt = errors.New("itemcodec: corrupt item encoding")

// Append appends the stored form of it to dst: Version, then the item.
// Attributes are written in sorted order, so equal items encode identically.
func Append(dst []byte, it ddb.Item) []byte {
	dst = append(dst, Version)
	return AppendItem(dst, it)
}

// Decode decodes a stored item written by Append, rejecting any other
// version and trailing bytes. The result shares no memory with b.
func Decode(b []byte) (ddb.Item, error) {
	if len(b) == 0 || b[0] != Version {
		return nil, ErrCorrupt
	}
	d := NewDecoder(b[1:])
	it, err := d.Item()
	if err != nil {
		return nil, err
	}
	if len(d.Rest()) != 0 {
		return nil, ErrCorrupt
	}
	return it, nil
}
