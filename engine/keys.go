package engine

import "encoding/binary"

// The engine's Pebble key space. Every key starts with one of these bytes;
// the stream log owns streamlog.KeyPrefix ('s'), which none of them is
// (checked by TestKeyPrefixesAvoidStreamLog).
const (
	prefixMeta    byte = 'M' // M<name>: engine-wide metadata
	prefixTable   byte = 'T' // T<table name>: table metadata (JSON)
	prefixCounter byte = 'C' // C<table id>: item count and size
	prefixItem    byte = 'I' // I<table id><hash key><range key>: item
)

// Engine-wide metadata keys.
var (
	keyFormatVersion = []byte("Mformat")
	keyNextTableID   = []byte("Mnextid")
)

func tableKey(name string) []byte {
	return append([]byte{prefixTable}, name...)
}

func counterKey(id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixCounter}, id)
}

// itemPrefix is the prefix of every item key of table id; itemKeys are
// itemPrefix + keyenc(hash) [+ keyenc(range)].
func itemPrefix(id uint64) []byte {
	b := make([]byte, 0, 64)
	b = append(b, prefixItem)
	return binary.BigEndian.AppendUint64(b, id)
}

// prefixEnd returns the smallest key greater than every key with prefix p.
func prefixEnd(p []byte) []byte {
	end := append([]byte(nil), p...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xFF {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}
