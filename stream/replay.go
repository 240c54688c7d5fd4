package stream

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/gojets/jets/stream/filter"
	"github.com/gojets/jets/wire"
)

// Position is where a replay starts: the first record at or after a
// sequence number, or the first record created at or after a time.
type Position struct {
	SequenceNumber string
	Time           time.Time
}

func (p Position) includes(r wire.Record) bool {
	if p.SequenceNumber != "" {
		return compareSeq(r.Dynamodb.SequenceNumber, p.SequenceNumber) >= 0
	}
	return !time.Unix(r.Dynamodb.ApproximateCreationDateTime, 0).Before(p.Time.Truncate(time.Second))
}

// compareSeq compares sequence numbers (decimal strings) numerically.
func compareSeq(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Replay sends the mapping's function the stream's records from a position
// to the stream's current end again, parents before children, in batches of
// the mapping's BatchSize, through its filter. It makes one attempt per
// batch and stops at the first function error. Checkpoints are not touched.
// It returns how many records and batches it sent.
func Replay(ctx context.Context, src Source, inv Invoker, m Mapping, from Position) (records, batches int, err error) {
	m = m.withDefaults()
	flt, err := filter.Compile(m.FilterPatterns)
	if err != nil {
		return 0, 0, invalidParameter(err.Error())
	}
	r := NewRunner(Config{Source: src, Invoker: inv})
	_, shards, err := r.shards(ctx, m.StreamArn)
	if err != nil {
		return 0, 0, fmt.Errorf("describe stream %s: %w", m.StreamArn, err)
	}
	sort.SliceStable(shards, func(i, j int) bool {
		return compareSeq(shards[i].SequenceNumberRange.StartingSequenceNumber, shards[j].SequenceNumberRange.StartingSequenceNumber) < 0
	})
	var batch []entry
	send := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := inv.Invoke(ctx, m.Function, eventPayload(batch))
		if err != nil {
			return err
		}
		if res.FunctionError != "" {
			return fmt.Errorf("function error on records %s…%s: %s", batch[0].rec.Dynamodb.SequenceNumber,
				batch[len(batch)-1].rec.Dynamodb.SequenceNumber, res.ErrorMessage)
		}
		records += len(batch)
		batches++
		batch = batch[:0]
		return nil
	}
	for _, sh := range shards {
		it, err := src.GetShardIterator(ctx, &wire.GetShardIteratorInput{StreamArn: m.StreamArn, ShardID: sh.ShardID, ShardIteratorType: TrimHorizon})
		if err != nil {
			return records, batches, err
		}
		for iter := it.ShardIterator; iter != ""; {
			limit := 1000
			out, err := src.GetRecords(ctx, &wire.GetRecordsInput{ShardIterator: iter, Limit: &limit})
			if err != nil {
				return records, batches, err
			}
			for _, rec := range out.Records {
				if !from.includes(rec) {
					continue
				}
				e, err := newEntry(m.StreamArn, "", rec)
				if err != nil {
					return records, batches, err
				}
				if len(m.FilterPatterns) > 0 && !flt.Match(e.raw) {
					continue
				}
				batch = append(batch, e)
				if len(batch) == m.BatchSize {
					if err := send(); err != nil {
						return records, batches, err
					}
				}
			}
			if len(out.Records) == 0 {
				break // the current end of an open shard
			}
			iter = out.NextShardIterator
		}
	}
	return records, batches, send()
}
