package stream

import "sync"

// tracker follows which records of a shard are processed and moves the
// checkpoint to the last record before which every record is processed.
// Parallel lanes finish out of order; the checkpoint never skips a record
// that is still in flight.
type tracker struct {
	mu      sync.Mutex
	pending []string        // sequence numbers in shard order
	done    map[string]bool // processed, not yet behind the checkpoint
	last    string          // the checkpoint
}

func newTracker(last string) *tracker {
	return &tracker{done: make(map[string]bool), last: last}
}

// add registers records read from the shard, in order.
func (t *tracker) add(es []entry) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, e := range es {
		t.pending = append(t.pending, e.rec.Dynamodb.SequenceNumber)
	}
}

// finish marks records processed and returns the new checkpoint, and
// whether it moved.
func (t *tracker) finish(es []entry) (string, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, e := range es {
		t.done[e.rec.Dynamodb.SequenceNumber] = true
	}
	moved := false
	for len(t.pending) > 0 && t.done[t.pending[0]] {
		delete(t.done, t.pending[0])
		t.last, t.pending, moved = t.pending[0], t.pending[1:], true
	}
	return t.last, moved
}

// idle reports whether every registered record is processed.
func (t *tracker) idle() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.pending) == 0
}
