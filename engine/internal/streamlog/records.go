package streamlog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine/internal/itemcodec"
	"github.com/gojets/jets/wire"
)

// The stored form of a record (recordVersion 1):
//
//	version byte | event byte | flags byte | varint(created unix millis) |
//	eventID [16]byte | uvarint(SizeBytes) | item(Keys) [item(New)] [item(Old)]
//
// where item is itemcodec's layout without its version byte (itemcodec.Version
// 1: a change of that layout must bump recordVersion too). Only the images
// the stream's view type keeps are stored.
const recordVersion = 1

var errCorrupt = errors.New("streamlog: corrupt record")

// Event names.
const (
	eventInsert byte = 1 + iota
	eventModify
	eventRemove
)

var eventNames = [...]string{"", "INSERT", "MODIFY", "REMOVE"}

// Record flags.
const (
	flagTTL byte = 1 << iota
	flagNew
	flagOld
)

// The view types.
const (
	ViewKeysOnly       = "KEYS_ONLY"
	ViewNewImage       = "NEW_IMAGE"
	ViewOldImage       = "OLD_IMAGE"
	ViewNewAndOldImage = "NEW_AND_OLD_IMAGES"
)

// ValidViewType reports whether v is one of the four StreamViewTypes.
func ValidViewType(v string) bool {
	switch v {
	case ViewKeysOnly, ViewNewImage, ViewOldImage, ViewNewAndOldImage:
		return true
	}
	return false
}

// ttlIdentity is the userIdentity of a TTL delete.
var ttlIdentity = wire.Identity{PrincipalID: "dynamodb.amazonaws.com", Type: "Service"}

// images returns the images a stream of viewType keeps for c (spec A7).
func images(viewType string, c Change) (newImg, oldImg ddb.Item) {
	switch viewType {
	case ViewNewImage:
		return c.New, nil
	case ViewOldImage:
		return nil, c.Old
	case ViewNewAndOldImage:
		return c.New, c.Old
	}
	return nil, nil
}

// SizeBytes is the SizeBytes of a record: the item sizes of its keys and of
// the images it carries.
func SizeBytes(keys, newImg, oldImg ddb.Item) int64 {
	n := ddb.ItemSize(keys)
	if newImg != nil {
		n += ddb.ItemSize(newImg)
	}
	if oldImg != nil {
		n += ddb.ItemSize(oldImg)
	}
	return int64(n)
}

// keysOf returns the key attributes of it under schema.
func keysOf(schema []wire.KeySchemaElement, it ddb.Item) ddb.Item {
	keys := make(ddb.Item, len(schema))
	for _, k := range schema {
		if v, ok := it[k.AttributeName]; ok {
			keys[k.AttributeName] = v
		}
	}
	return keys
}

// encodeRecord builds the stored form of c for a stream.
func encodeRecord(dst []byte, st *stream, c Change, now time.Time) ([]byte, error) {
	var ev byte
	switch {
	case c.Old == nil && c.New == nil:
		return nil, errors.New("change has neither an old nor a new item")
	case c.Old == nil:
		ev = eventInsert
	case c.New == nil:
		ev = eventRemove
	default:
		ev = eventModify
	}
	keys := c.Keys
	if keys == nil {
		src := c.New
		if src == nil {
			src = c.Old
		}
		keys = keysOf(st.keySchema, src)
	}
	newImg, oldImg := images(st.ref.ViewType, c)
	var flags byte
	if c.TTL {
		flags |= flagTTL
	}
	if newImg != nil {
		flags |= flagNew
	}
	if oldImg != nil {
		flags |= flagOld
	}
	dst = append(dst, recordVersion, ev, flags)
	dst = binary.AppendVarint(dst, now.UnixMilli())
	dst = binary.LittleEndian.AppendUint64(dst, rand.Uint64())
	dst = binary.LittleEndian.AppendUint64(dst, rand.Uint64())
	dst = binary.AppendUvarint(dst, uint64(SizeBytes(keys, newImg, oldImg)))
	dst = itemcodec.AppendItem(dst, keys)
	if newImg != nil {
		dst = itemcodec.AppendItem(dst, newImg)
	}
	if oldImg != nil {
		dst = itemcodec.AppendItem(dst, oldImg)
	}
	return dst, nil
}

// append records c on the stream's open shard.
func (l *Log) append(b *pebble.Batch, s StreamRef, c Change) (uint64, error) {
	now := l.now()
	l.mu.Lock()
	st := l.streams[streamKey(s.TableName, s.Label)]
	if st == nil || st.disabled() {
		l.mu.Unlock()
		return 0, fmt.Errorf("append: stream %s/%s is not enabled", s.TableName, s.Label)
	}
	if err := l.rolloverLocked(st, now); err != nil {
		l.mu.Unlock()
		return 0, fmt.Errorf("append: %w", err)
	}
	sh := st.open
	seq, err := l.nextSeqLocked()
	if err != nil {
		l.mu.Unlock()
		return 0, fmt.Errorf("append: %w", err)
	}
	sh.lastRecord, sh.lastAppend = seq, now
	if sh.oldest.IsZero() {
		sh.oldest = now
	}
	l.mu.Unlock()

	val, err := encodeRecord(make([]byte, 0, 128), st, c, now)
	if err != nil {
		return 0, fmt.Errorf("append: %w", err)
	}
	if err := b.Set(recordKey(sh.start, seq), val, nil); err != nil {
		return 0, fmt.Errorf("append: %w", err)
	}
	return seq, nil
}
