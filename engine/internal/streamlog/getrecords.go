package streamlog

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// maxResponseBytes bounds a GetRecords response (1 MB), counted in stored
// record bytes; a response always holds at least one record if one is due.
const maxResponseBytes = 1 << 20

// shardView is a consistent snapshot of what a read needs from a shard.
type shardView struct {
	start, trimmed, ending, lastRecord uint64
	closed                             bool
	viewType                           string
}

func (l *Log) getRecords(_ context.Context, region string, in *wire.GetRecordsInput) (*wire.GetRecordsOutput, error) {
	if in == nil {
		in = &wire.GetRecordsInput{}
	}
	limit, err := checkLimit(in.Limit, 1000, 1000)
	if err != nil {
		return nil, err
	}
	it, err := decodeIterator(in.ShardIterator)
	if err != nil {
		return nil, err
	}
	now := l.now()
	if now.Sub(it.created) > l.cfg.IteratorTTL {
		return nil, expiredError(it.created, now, l.cfg.IteratorTTL)
	}
	st, err := l.lookupStream(it.arn)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	sh := l.shards[it.start]
	foreign := sh != nil && sh.stream != st
	gone := sh == nil || sh.gone(now.Add(-l.cfg.Retention))
	l.mu.Unlock()
	if foreign {
		return nil, ddb.Validationf("Invalid ShardIterator")
	}
	if gone {
		// The shard was trimmed away after the iterator was handed out.
		return nil, trimmedError()
	}
	if err := l.trimShardIfDue(sh, now, false); err != nil {
		return nil, err
	}
	return l.readShard(sh, it, limit, region, now)
}

// readShard reads up to limit records of sh from the iterator's position.
func (l *Log) readShard(sh *shard, it iterator, limit int, region string, now time.Time) (*wire.GetRecordsOutput, error) {
	durable := l.durable.Load()
	l.mu.Lock()
	v := shardView{start: sh.start, trimmed: sh.trimmed, ending: sh.ending,
		lastRecord: sh.lastRecord, closed: sh.closed, viewType: sh.stream.ref.ViewType}
	l.mu.Unlock()

	if it.pos <= v.trimmed {
		if it.flags&iterHorizon == 0 {
			return nil, trimmedError()
		}
		it.pos = v.trimmed + 1
	}
	upper := durable
	if v.closed {
		upper = min(upper, v.ending)
	}
	out := &wire.GetRecordsOutput{Records: []wire.Record{}}
	exhausted := true
	if it.pos <= upper {
		var err error
		if exhausted, err = l.scan(v, &it, upper, limit, region, out); err != nil {
			return nil, err
		}
	}
	if v.closed && exhausted && durable >= v.lastRecord {
		return out, nil // end of a closed shard: no NextShardIterator
	}
	if len(out.Records) > 0 {
		it.flags &^= iterHorizon // a position past records read is exact
	}
	it.created = now
	out.NextShardIterator = it.encode()
	return out, nil
}

// scan appends the records of v in [it.pos, upper] to out and advances
// it.pos past the last one. exhausted reports that no record in range was
// left unread.
func (l *Log) scan(v shardView, it *iterator, upper uint64, limit int, region string, out *wire.GetRecordsOutput) (exhausted bool, err error) {
	hi := recordKey(v.start, upper)
	if upper < math.MaxUint64 {
		hi = recordKey(v.start, upper+1)
	}
	l.trimMu.RLock()
	if tp := l.trimPoint(it.start); it.pos <= tp {
		// Trimmed since the snapshot: fail, or follow the horizon.
		if it.flags&iterHorizon == 0 || tp == math.MaxUint64 {
			l.trimMu.RUnlock()
			return false, trimmedError()
		}
		if it.pos = tp + 1; it.pos > upper {
			l.trimMu.RUnlock()
			return true, nil
		}
	}
	iter, err := l.db.NewIter(&pebble.IterOptions{LowerBound: recordKey(v.start, it.pos), UpperBound: hi})
	l.trimMu.RUnlock()
	if err != nil {
		return false, fmt.Errorf("get records: %w", err)
	}
	defer iter.Close()
	size := 0
	for valid := iter.First(); valid; valid = iter.Next() {
		val := iter.Value()
		if len(out.Records) == limit || len(out.Records) > 0 && size+len(val) > maxResponseBytes {
			return false, nil
		}
		seq := recordSeq(iter.Key())
		r, err := decodeRecord(val, seq, v.viewType, region)
		if err != nil {
			return false, ddb.Errorf(ddb.CodeInternalServerError, "get records: record %d: %v", seq, err)
		}
		out.Records = append(out.Records, r)
		size += len(val)
		it.pos = seq + 1
	}
	if err := iter.Error(); err != nil {
		return false, fmt.Errorf("get records: %w", err)
	}
	return true, nil
}

// trimPoint returns the current trim point of a shard (l.trimMu held).
func (l *Log) trimPoint(start uint64) uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if sh := l.shards[start]; sh != nil {
		return sh.trimmed
	}
	return math.MaxUint64
}
