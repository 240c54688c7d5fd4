package stream

import (
	"context"
	"time"
)

// lane is one of a shard's ParallelizationFactor sub-queues: records of one
// partition key always go to the same lane, so they stay in order and are
// never in two batches at once.
type lane struct {
	c       *consumer
	in      chan []entry
	pending []entry
	closed  bool
}

func (l *lane) run(ctx context.Context) error {
	if l.c.m.TumblingWindowInSeconds > 0 {
		return l.runWindows(ctx)
	}
	for {
		b, err := l.next(ctx)
		if err != nil || b == nil {
			return err
		}
		if err := l.c.process(ctx, b); err != nil {
			return err
		}
	}
}

// next gathers the next batch: up to BatchSize records and MaxPayloadBytes
// of event, waiting up to the batching window for more. It returns nil when
// the lane is closed and drained.
func (l *lane) next(ctx context.Context) ([]entry, error) {
	if len(l.pending) == 0 {
		if l.closed {
			return nil, nil
		}
		select {
		case es, ok := <-l.in:
			if !ok {
				l.closed = true
				return nil, nil
			}
			l.pending = es
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	var window <-chan time.Time
	if w := l.c.m.MaximumBatchingWindowInSeconds; w > 0 {
		t := time.NewTimer(time.Duration(w) * time.Second)
		defer t.Stop()
		window = t.C
	}
	for !l.closed && l.cut() == len(l.pending) && len(l.pending) < l.c.m.BatchSize {
		if window == nil {
			select {
			case es, ok := <-l.in:
				l.take(es, ok)
				continue
			default:
			}
			break
		}
		select {
		case es, ok := <-l.in:
			l.take(es, ok)
			continue
		case <-window:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		break
	}
	n := l.cut()
	b := l.pending[:n:n]
	l.pending = l.pending[n:]
	return b, nil
}

func (l *lane) take(es []entry, ok bool) {
	if !ok {
		l.closed = true
		return
	}
	l.pending = append(l.pending, es...)
}

// cut is how many pending records fit one batch: at most BatchSize, with
// an event of at most MaxPayloadBytes, and at least one.
func (l *lane) cut() int {
	size := len(`{"Records":[]}`)
	for i, e := range l.pending {
		size += len(e.raw) + 1
		if i == l.c.m.BatchSize || (size > MaxPayloadBytes && i > 0) {
			return i
		}
	}
	return len(l.pending)
}
