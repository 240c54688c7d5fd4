package stream

import (
	"context"
	"time"
)

// process runs a batch to completion: success, partial success, bisection,
// or giving up (the on-failure destination gets a record), in shard order.
func (c *consumer) process(ctx context.Context, b []entry) error {
	work := [][]entry{b}
	for len(work) > 0 {
		next, err := c.deliver(ctx, work[0])
		if err != nil {
			return err
		}
		work = append(next, work[1:]...)
	}
	return nil
}

// deliver invokes the function with b until b is done, and returns the
// batches to process in its place: the halves of a bisected batch, or the
// rest of a partially failed one (each starts a fresh invoke count, as on
// AWS).
func (c *consumer) deliver(ctx context.Context, b []entry) ([][]entry, error) {
	invokes, wait := 0, c.r.cfg.RetryBackoff
	for {
		var err error
		if b, err = c.expire(ctx, b, invokes); err != nil || len(b) == 0 {
			return nil, err
		}
		res, err := c.r.cfg.Invoker.Invoke(ctx, c.m.Function, eventPayload(b))
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			// The function never ran: retried without using up retries.
			c.r.log.Warn("invoke failed; retrying", "function", c.m.Function, "err", err)
		} else {
			invokes++
			o := classify(res, b, c.m.reportsItemFailures())
			switch {
			case o.ok:
				return nil, c.finish(ctx, b)
			case o.failedFrom > 0:
				c.r.log.Warn("partial batch failure", "function", c.m.Function, "shard", c.shardID,
					"failed", len(b)-o.failedFrom, "records", len(b), "from", b[o.failedFrom].rec.Dynamodb.SequenceNumber)
				if err := c.finish(ctx, b[:o.failedFrom]); err != nil {
					return nil, err
				}
				return [][]entry{b[o.failedFrom:]}, nil
			}
			c.r.log.Warn("function error", "function", c.m.Function, "shard", c.shardID,
				"records", len(b), "attempt", invokes, "error", res.ErrorMessage)
			if c.m.BisectBatchOnFunctionError && len(b) > 1 {
				h := (len(b) + 1) / 2
				return [][]entry{b[:h:h], b[h:]}, nil
			}
			if max := c.m.maxRetries(); max >= 0 && invokes > max {
				return nil, c.giveUp(ctx, b, RetryAttemptsExhausted, invokes, o.funcErr)
			}
		}
		if err := sleep(ctx, wait, nil); err != nil {
			return nil, err
		}
		wait = backoff(wait, c.r.cfg.MaxBackoff)
	}
}

// expire gives up on the records of b older than MaximumRecordAgeInSeconds
// and returns the others.
func (c *consumer) expire(ctx context.Context, b []entry, invokes int) ([]entry, error) {
	maxAge := c.m.maxAge()
	if maxAge == 0 {
		return b, nil
	}
	now := c.r.now()
	var old, young []entry
	for _, e := range b {
		if now.Sub(time.Unix(e.rec.Dynamodb.ApproximateCreationDateTime, 0)) > maxAge {
			old = append(old, e)
		} else {
			young = append(young, e)
		}
	}
	if len(old) == 0 {
		return b, nil
	}
	return young, c.giveUp(ctx, old, RecordAgeExceeded, invokes, "")
}

// giveUp sends b's failure record to the destination and checkpoints past b.
func (c *consumer) giveUp(ctx context.Context, b []entry, condition string, invokes int, funcErr string) error {
	first, last := b[0].rec.Dynamodb.SequenceNumber, b[len(b)-1].rec.Dynamodb.SequenceNumber
	c.r.log.Error("giving up on records", "function", c.m.Function, "shard", c.shardID,
		"condition", condition, "records", len(b), "first", first, "last", last, "invokes", invokes)
	if c.m.OnFailure != nil {
		f, err := newFailure(c.m, c.shardID, b, condition, invokes, funcErr, c.r.now())
		if err != nil {
			return err
		}
		if err := c.sendFailure(ctx, f); err != nil {
			return err
		}
	}
	return c.finish(ctx, b)
}

// sendFailure retries the destination until it takes the record: the
// checkpoint does not move past a batch whose failure was not recorded.
func (c *consumer) sendFailure(ctx context.Context, f Failure) error {
	wait := c.r.cfg.RetryBackoff
	for {
		err := c.m.OnFailure.Send(ctx, f)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.r.log.Warn("on-failure destination failed; retrying", "function", c.m.Function, "err", err)
		if err := sleep(ctx, wait, nil); err != nil {
			return err
		}
		wait = backoff(wait, c.r.cfg.MaxBackoff)
	}
}
