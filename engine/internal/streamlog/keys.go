package streamlog

import "encoding/binary"

// Key layout (every key starts with KeyPrefix; integers are big-endian so
// keys sort numerically):
//
//	s v                  format version (formatVersion)
//	s e                  boot epoch
//	s m <table>0<label>  stream metadata (JSON, written once at Enable)
//	s d <table>0<label>  disabled marker (JSON, written once at Disable)
//	s h <start>          shard metadata (JSON, written once at creation)
//	s c <start>          shard closed marker (JSON, written once at close)
//	s t <start>          trim point: highest trimmed sequence number
//	s r <start> <seq>    one record (binary, see records.go)
//
// A shard is named inside the log by its starting sequence number, which is
// unique across the log. Metadata is split into write-once keys so that a
// batch applied late by the engine can never overwrite newer state.
const formatVersion = 1

const (
	tagVersion  = 'v'
	tagEpoch    = 'e'
	tagStream   = 'm'
	tagDisabled = 'd'
	tagShard    = 'h'
	tagClosed   = 'c'
	tagTrim     = 't'
	tagRecord   = 'r'
)

func versionKey() []byte { return []byte{KeyPrefix, tagVersion} }
func epochKey() []byte   { return []byte{KeyPrefix, tagEpoch} }

func streamKey(table, label string) string { return table + "\x00" + label }

func streamMetaKey(tag byte, sk string) []byte {
	k := make([]byte, 0, 2+len(sk))
	return append(append(k, KeyPrefix, tag), sk...)
}

func shardKey(tag byte, start uint64) []byte {
	k := make([]byte, 10)
	k[0], k[1] = KeyPrefix, tag
	binary.BigEndian.PutUint64(k[2:], start)
	return k
}

func recordKey(start, seq uint64) []byte {
	return appendRecordKey(make([]byte, 0, 18), start, seq)
}

func appendRecordKey(k []byte, start, seq uint64) []byte {
	k = append(k, KeyPrefix, tagRecord)
	k = binary.BigEndian.AppendUint64(k, start)
	return binary.BigEndian.AppendUint64(k, seq)
}

// recordSeq returns the sequence number of a record key.
func recordSeq(k []byte) uint64 { return binary.BigEndian.Uint64(k[10:18]) }

// tagRange returns the bounds of every key with the given tag.
func tagRange(tag byte) (lo, hi []byte) {
	return []byte{KeyPrefix, tag}, []byte{KeyPrefix, tag + 1}
}

func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }
