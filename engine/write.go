package engine

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine/internal/itemcodec"
	"github.com/gojets/jets/engine/internal/streamlog"
)

// itemWrite is one item change: the table and key it targets, and how to
// compute the new item from the old one (both nil when absent).
type itemWrite struct {
	tableName string
	// check validates the request against the table (key schema, …).
	check func(t *table) error
	// key holds the key attributes of the target item (it may hold more).
	key ddb.Item
	// apply returns the new item (nil: delete) from the old one.
	apply func(t *table, old ddb.Item) (ddb.Item, error)
}

// writeResult is what a write did: the item before and after, and their
// sizes.
type writeResult struct {
	old, new         ddb.Item
	oldSize, newSize int
}

// write runs w under the engine's write lock: it reads the old item,
// computes the new one, and applies item, counters and stream record in
// one batch; then it waits until the batch is durable. A write that
// changes nothing writes nothing (and produces no stream record). On error
// the result still carries the old item (for ReturnValuesOnConditionCheckFailure).
func (e *Engine) write(w itemWrite) (writeResult, error) {
	done, err := e.enter()
	if err != nil {
		return writeResult{}, err
	}
	defer done()
	t := e.lookup(w.tableName)
	if t == nil {
		return writeResult{}, ddb.NotFound()
	}
	if err := w.check(t); err != nil {
		return writeResult{}, err
	}
	ik, err := itemKey(t, w.key)
	if err != nil {
		return writeResult{}, fmt.Errorf("encode item key: %w", err)
	}
	e.sync.begin()
	e.mu.Lock()
	if e.lookup(w.tableName) != t { // deleted (or re-created) meanwhile
		e.mu.Unlock()
		e.sync.leave()
		return writeResult{}, ddb.NotFound()
	}
	res, ticket, fresh, err := e.writeLocked(t, ik, w)
	e.mu.Unlock()
	if !fresh {
		e.sync.leave()
	}
	if err != nil {
		return res, err
	}
	if err := e.sync.wait(ticket); err != nil {
		return res, fmt.Errorf("sync write: %w", err)
	}
	return res, nil
}

// writeLocked is write's critical section; it returns the sync ticket to
// wait for, and whether the ticket is a fresh one (a batch was applied).
func (e *Engine) writeLocked(t *table, ik []byte, w itemWrite) (writeResult, uint64, bool, error) {
	old, err := e.readItem(ik)
	res := writeResult{old: old}
	if err != nil {
		return res, 0, false, err
	}
	res.new, err = w.apply(t, old)
	if err != nil {
		return res, 0, false, err
	}
	res.oldSize, res.newSize = ddb.ItemSize(old), ddb.ItemSize(res.new)
	if !changes(old, res.new) {
		return res, e.sync.current(), false, nil
	}
	b := e.db.NewBatch()
	defer b.Close()
	if res.new == nil {
		_ = b.Delete(ik, nil)
	} else {
		_ = b.Set(ik, itemcodec.Append(make([]byte, 0, 256), res.new), nil)
	}
	e.count(b, t, res)
	var seq uint64
	if s := t.meta.Stream; s != nil {
		keys := keyOf(t, res.new)
		if res.new == nil {
			keys = keyOf(t, old)
		}
		seq, err = e.log.Append(b, *s, streamlog.Change{Keys: keys, Old: old, New: res.new})
		if err != nil {
			return res, 0, false, fmt.Errorf("append stream record: %w", err)
		}
	}
	if err := e.db.Apply(b, pebble.NoSync); err != nil {
		return res, 0, false, fmt.Errorf("apply write: %w", err)
	}
	return res, e.sync.applied(seq), true, nil
}

// changes reports whether replacing old by new changes anything.
func changes(old, new ddb.Item) bool {
	if old == nil || new == nil {
		return old != nil || new != nil
	}
	return !ddb.ItemsEqual(old, new)
}

// count updates t's item count and size for a write and writes them to b.
func (e *Engine) count(b *pebble.Batch, t *table, r writeResult) {
	var dn int64
	switch {
	case r.old == nil && r.new != nil:
		dn = 1
	case r.old != nil && r.new == nil:
		dn = -1
	}
	n := t.items.Add(dn)
	size := t.bytes.Add(int64(r.newSize - r.oldSize))
	v := binary.BigEndian.AppendUint64(make([]byte, 0, 16), uint64(n))
	_ = b.Set(counterKey(t.meta.ID), binary.BigEndian.AppendUint64(v, uint64(size)), nil)
}

// readItem returns the item stored at ik, or nil.
func (e *Engine) readItem(ik []byte) (ddb.Item, error) {
	v, closer, err := e.db.Get(ik)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read item: %w", err)
	}
	defer closer.Close()
	it, err := itemcodec.Decode(v)
	if err != nil {
		return nil, fmt.Errorf("read item: %w", err)
	}
	return it, nil
}

// conditionFailed is DynamoDB's ConditionalCheckFailedException, carrying
// the old item when the request asked for it.
func conditionFailed(onFailure string, old ddb.Item) error {
	err := ddb.Errorf(ddb.CodeConditionalCheckFailed, "The conditional request failed")
	if onFailure == rvAllOld && old != nil {
		err.Item = old
	}
	return err
}
