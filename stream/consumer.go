package stream

import (
	"context"
	"errors"
	"hash/fnv"
	"sync"
	"time"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/stream/filter"
	"github.com/gojets/jets/wire"
)

// consumer reads one shard for one mapping: a reader feeds the records to
// ParallelizationFactor lanes, which batch and invoke.
type consumer struct {
	r       *Runner
	m       Mapping
	shardID string
	hashKey string         // the table's partition key attribute
	filter  *filter.Filter // nil: every record is processed
	start   string         // starting position when there is no checkpoint
	lastSeq string         // last record read (the reader's position)

	tr   *tracker
	cpMu sync.Mutex // orders checkpoint writes
}

func (c *consumer) run(ctx context.Context) error {
	cp, ok, err := c.r.cfg.Checkpoints.Get(ctx, c.m.ID, c.shardID)
	if err != nil {
		return err
	}
	if ok && cp.Done {
		return nil
	}
	c.lastSeq = cp.SequenceNumber
	c.tr = newTracker(cp.SequenceNumber)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lanes := make([]*lane, c.m.ParallelizationFactor)
	errs := make(chan error, len(lanes))
	for i := range lanes {
		lanes[i] = &lane{c: c, in: make(chan []entry, 4)}
		go func(l *lane) {
			err := l.run(ctx)
			if err != nil {
				cancel()
			}
			errs <- err
		}(lanes[i])
	}
	readErr := c.read(ctx, lanes)
	var laneErr error
	for range lanes {
		if err := <-errs; err != nil && laneErr == nil {
			laneErr = err
		}
	}
	if err := errors.Join(laneErr, readErr); err != nil {
		return err
	}
	if !c.tr.idle() {
		return nil
	}
	c.cpMu.Lock()
	defer c.cpMu.Unlock()
	return c.r.cfg.Checkpoints.Put(ctx, c.m.ID, c.shardID, Checkpoint{SequenceNumber: c.tr.last, Done: true})
}

// read pages through the shard, hands records to the lanes, and closes them
// at the end of a closed shard.
func (c *consumer) read(ctx context.Context, lanes []*lane) error {
	defer func() {
		for _, l := range lanes {
			close(l.in)
		}
	}()
	it, err := c.iterator(ctx)
	if err != nil {
		return err
	}
	wait := c.r.cfg.RetryBackoff
	for {
		var wake <-chan struct{}
		if n, ok := c.r.cfg.Source.(Notifier); ok {
			wake = n.StreamChanged(c.m.StreamArn)
		}
		// Enough records for a full batch in every lane, within GetRecords'
		// limit.
		limit := min(c.m.BatchSize*c.m.ParallelizationFactor, 1000)
		out, err := c.r.cfg.Source.GetRecords(ctx, &wire.GetRecordsInput{ShardIterator: it, Limit: &limit})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if it, err = c.recover(ctx, err); err != nil {
				return err
			}
			if err := sleep(ctx, wait, nil); err != nil {
				return err
			}
			wait = backoff(wait, c.r.cfg.MaxBackoff)
			continue
		}
		wait = c.r.cfg.RetryBackoff
		if err := c.dispatch(ctx, lanes, out.Records); err != nil {
			return err
		}
		if out.NextShardIterator == "" {
			return nil
		}
		it = out.NextShardIterator
		if len(out.Records) == 0 {
			if err := sleep(ctx, c.m.PollInterval, wake); err != nil {
				return err
			}
		}
	}
}

// dispatch filters a page of records and sends each lane its part.
func (c *consumer) dispatch(ctx context.Context, lanes []*lane, records []wire.Record) error {
	if len(records) == 0 {
		return nil
	}
	all := make([]entry, 0, len(records))
	var dropped []entry
	parts := make([][]entry, len(lanes))
	for _, r := range records {
		e, err := newEntry(c.m.StreamArn, c.hashKey, r)
		if err != nil {
			return err
		}
		all = append(all, e)
		if c.filter != nil && !c.filter.Match(e.raw) {
			dropped = append(dropped, e)
			continue
		}
		i := 0
		if len(lanes) > 1 {
			h := fnv.New32a()
			h.Write([]byte(e.key))
			i = int(h.Sum32() % uint32(len(lanes)))
		}
		parts[i] = append(parts[i], e)
	}
	c.lastSeq = records[len(records)-1].Dynamodb.SequenceNumber
	c.tr.add(all)
	if err := c.finish(ctx, dropped); err != nil {
		return err
	}
	for i, p := range parts {
		if len(p) == 0 {
			continue
		}
		select {
		case lanes[i].in <- p:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// finish marks records processed and writes the checkpoint if it moved.
func (c *consumer) finish(ctx context.Context, es []entry) error {
	if len(es) == 0 {
		return nil
	}
	c.cpMu.Lock()
	defer c.cpMu.Unlock()
	seq, moved := c.tr.finish(es)
	if !moved {
		return nil
	}
	// The records are processed: record it even when shutting down, so a
	// clean stop replays nothing.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return c.r.cfg.Checkpoints.Put(ctx, c.m.ID, c.shardID, Checkpoint{SequenceNumber: seq})
}

// iterator positions a new iterator after the last record read, or at the
// starting position.
func (c *consumer) iterator(ctx context.Context) (string, error) {
	in := &wire.GetShardIteratorInput{StreamArn: c.m.StreamArn, ShardID: c.shardID, ShardIteratorType: c.start}
	if c.lastSeq != "" {
		seq := c.lastSeq
		in.ShardIteratorType, in.SequenceNumber = "AFTER_SEQUENCE_NUMBER", &seq
	}
	out, err := c.r.cfg.Source.GetShardIterator(ctx, in)
	if ddb.IsCode(err, ddb.CodeTrimmedDataAccess) && c.lastSeq != "" {
		c.r.log.Warn("the checkpoint is behind the stream's trim horizon; records were lost to retention; continuing from the oldest record",
			"mapping", c.m.ID, "shard", c.shardID, "checkpoint", c.lastSeq)
		c.lastSeq, c.start = "", TrimHorizon
		return c.iterator(ctx)
	}
	if err != nil {
		return "", err
	}
	return out.ShardIterator, nil
}

// recover answers a GetRecords error with a fresh iterator where one helps.
func (c *consumer) recover(ctx context.Context, err error) (string, error) {
	var e *ddb.Error
	if errors.As(err, &e) {
		switch e.Code {
		case ddb.CodeExpiredIterator:
			return c.iterator(ctx)
		case ddb.CodeTrimmedDataAccess:
			c.r.log.Warn("records were trimmed before they were read; continuing from the oldest record",
				"mapping", c.m.ID, "shard", c.shardID, "after", c.lastSeq)
			c.lastSeq, c.start = "", TrimHorizon
			return c.iterator(ctx)
		case ddb.CodeResourceNotFound:
			return "", err
		}
	}
	c.r.log.Warn("get records failed; retrying", "mapping", c.m.ID, "shard", c.shardID, "err", err)
	return c.iterator(ctx)
}
