// Package itemcodec is the engine's compact binary encoding of DynamoDB
// items: the form of items stored in Pebble and of the images embedded in
// stream records. Numbers are stored in canonical text form, so a decoded
// item is exactly the item that was encoded.
//
// The layout of an item:
//
//	item   = uvarint(count) { bytes(name) value }   names in sorted order
//	value  = type-byte body
//	body   S, N, B: bytes;  SS, NS, BS: uvarint(count) {bytes};
//	       M: item;  L: uvarint(count) {value};  BOOL: 0|1;  NULL: nothing
//	bytes  = uvarint(len) raw
//
// A stored item (Append, Decode) is the layout preceded by a Version byte.
// Items embedded in a larger versioned record (AppendItem, Decoder) carry no
// version byte of their own: such a record's format must change whenever
// Version does.
package itemcodec
