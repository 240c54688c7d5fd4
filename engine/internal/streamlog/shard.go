package streamlog

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// shard is one shard of a stream. Fields other than id, start, parent,
// created and stream are guarded by Log.mu.
type shard struct {
	id      string
	start   uint64 // StartingSequenceNumber; names the shard inside the log
	parent  string
	created time.Time
	stream  *stream

	closed   bool
	ending   uint64 // EndingSequenceNumber once closed
	closedAt time.Time

	lastRecord    uint64    // sequence number of the newest record (0: none)
	lastAppend    time.Time // when it was appended
	trimmed       uint64    // every record with seq ≤ trimmed is trimmed (never read)
	persistedTrim uint64    // the trim point on disk; records ≤ it are deleted
	oldest        time.Time // creation time of the oldest untrimmed record (hint; zero: none)
}

// gone reports whether a closed shard is past retention: all its records
// are trimmed and it has left DescribeStream.
func (sh *shard) gone(cutoff time.Time) bool {
	return sh.closed && sh.closedAt.Before(cutoff)
}

// shardMeta is the stored form of a shard (key tagShard).
type shardMeta struct {
	V       int    `json:"v"`
	Table   string `json:"table"`
	Label   string `json:"label"`
	ID      string `json:"id"`
	Parent  string `json:"parent,omitempty"`
	Start   uint64 `json:"start"`
	Created int64  `json:"created"` // unix millis
}

// closedMeta is the stored closed marker of a shard (key tagClosed).
type closedMeta struct {
	Ending uint64 `json:"ending"`
	At     int64  `json:"at"` // unix millis
}

// newShardLocked creates an open shard for st, reserving a sequence number
// as its StartingSequenceNumber; every record of the shard comes after it.
func (l *Log) newShardLocked(b *pebble.Batch, st *stream, parent string, now time.Time) (*shard, error) {
	start, err := l.nextSeqLocked()
	if err != nil {
		return nil, err
	}
	ms := max(now.UnixMilli(), st.lastShard+1)
	sh := &shard{
		id:      fmt.Sprintf("shardId-%020d-%08x", ms, rand.Uint32()),
		start:   start,
		parent:  parent,
		created: now,
		stream:  st,
	}
	meta, err := json.Marshal(shardMeta{V: formatVersion, Table: st.ref.TableName, Label: st.ref.Label,
		ID: sh.id, Parent: parent, Start: start, Created: now.UnixMilli()})
	if err != nil {
		return nil, err
	}
	if err := b.Set(shardKey(tagShard, start), meta, nil); err != nil {
		return nil, err
	}
	st.lastShard = ms
	st.shards = append(st.shards, sh)
	slices.SortFunc(st.shards, func(a, b *shard) int { return strings.Compare(a.id, b.id) })
	st.open = sh
	l.shards[start] = sh
	return sh, nil
}

// closeShardLocked closes sh. Its EndingSequenceNumber is its newest
// record's, or, for a shard without records, its StartingSequenceNumber.
func (l *Log) closeShardLocked(b *pebble.Batch, sh *shard, now time.Time) error {
	ending := sh.lastRecord
	if ending == 0 {
		ending = sh.start
	}
	meta, err := json.Marshal(closedMeta{Ending: ending, At: now.UnixMilli()})
	if err != nil {
		return err
	}
	if err := b.Set(shardKey(tagClosed, sh.start), meta, nil); err != nil {
		return err
	}
	sh.closed, sh.ending, sh.closedAt = true, ending, now
	return nil
}

// rolloverLocked closes st's open shard and opens its child once the
// rollover period has passed. It commits its own batch with Sync, so it
// needs no engine lock; l.mu orders it with Append.
func (l *Log) rolloverLocked(st *stream, now time.Time) error {
	parent := st.open
	if parent == nil || now.Sub(parent.created) < l.cfg.RolloverPeriod {
		return nil
	}
	b := l.db.NewBatch()
	defer b.Close()
	if err := l.closeShardLocked(b, parent, now); err != nil {
		return fmt.Errorf("rollover: %w", err)
	}
	if _, err := l.newShardLocked(b, st, parent.id, now); err != nil {
		return fmt.Errorf("rollover: %w", err)
	}
	if err := b.Commit(pebble.Sync); err != nil {
		return fmt.Errorf("rollover: %w", err)
	}
	l.log.Debug("stream shard rolled over", "table", st.ref.TableName, "label", st.ref.Label,
		"parent", parent.id, "child", st.open.id)
	return nil
}

// findShard returns the live shard id of st, or ResourceNotFound.
func (l *Log) findShard(st *stream, id, arn string, cutoff time.Time) (*shard, error) {
	for _, sh := range st.shards {
		if sh.id == id && !sh.gone(cutoff) {
			return sh, nil
		}
	}
	return nil, ddb.Errorf(ddb.CodeResourceNotFound,
		"Requested resource not found: Shard: %s in Stream: %s not found", id, arn)
}

func wireShard(sh *shard) wire.Shard {
	w := wire.Shard{ShardID: sh.id, ParentShardID: sh.parent}
	w.SequenceNumberRange.StartingSequenceNumber = FormatSeq(sh.start)
	if sh.closed {
		w.SequenceNumberRange.EndingSequenceNumber = FormatSeq(sh.ending)
	}
	return w
}

func (l *Log) describeStream(_ context.Context, region string, in *wire.DescribeStreamInput) (*wire.DescribeStreamOutput, error) {
	if in == nil {
		in = &wire.DescribeStreamInput{}
	}
	limit, err := checkLimit(in.Limit, 100, 100)
	if err != nil {
		return nil, err
	}
	after := ""
	if in.ExclusiveStartShardID != nil {
		if err := checkShardID("exclusiveStartShardId", *in.ExclusiveStartShardID); err != nil {
			return nil, err
		}
		after = *in.ExclusiveStartShardID
	}
	parent, err := checkShardFilter(in.ShardFilter)
	if err != nil {
		return nil, err
	}
	st, err := l.lookupStream(in.StreamArn)
	if err != nil {
		return nil, err
	}
	cutoff := l.now().Add(-l.cfg.Retention)
	l.mu.Lock()
	defer l.mu.Unlock()
	desc := wire.StreamDescription{
		StreamArn:               st.ref.ARN(region, l.cfg.AccountID),
		StreamLabel:             st.ref.Label,
		StreamStatus:            st.status(),
		StreamViewType:          st.ref.ViewType,
		CreationRequestDateTime: wire.EpochTime{Time: st.created},
		TableName:               st.ref.TableName,
		KeySchema:               slices.Clone(st.keySchema),
		Shards:                  []wire.Shard{},
	}
	if after != "" && !slices.ContainsFunc(st.shards, func(sh *shard) bool { return sh.id == after }) {
		// AWS answers an unknown ExclusiveStartShardId with no shards.
		return &wire.DescribeStreamOutput{StreamDescription: desc}, nil
	}
	for _, sh := range st.shards {
		if sh.id <= after && after != "" || sh.gone(cutoff) || in.ShardFilter != nil && sh.parent != parent {
			continue
		}
		if len(desc.Shards) == limit {
			desc.LastEvaluatedShardID = desc.Shards[limit-1].ShardID
			break
		}
		desc.Shards = append(desc.Shards, wireShard(sh))
	}
	return &wire.DescribeStreamOutput{StreamDescription: desc}, nil
}

// checkShardFilter checks DescribeStream's ShardFilter and returns the
// parent it selects.
func checkShardFilter(f *wire.ShardFilter) (string, error) {
	if f == nil {
		return "", nil
	}
	if f.Type != "CHILD_SHARDS" {
		if f.Type == "" {
			return "", ddb.Validationf("1 validation error detected: Value null at 'shardFilter.type' failed to satisfy constraint: Member must not be null")
		}
		return "", ddb.Validationf("1 validation error detected: Value '%s' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]", f.Type)
	}
	if err := checkShardID("shardFilter.shardId", f.ShardID); err != nil {
		return "", err
	}
	return f.ShardID, nil
}
