package engine

import "sync"

// streamWake wakes stream readers when records become visible: StreamChanged
// hands out the current channel, and every Durable closes it and starts a
// new one. Readers take the channel before they read, so no change is
// missed between a read and the wait.
type streamWake struct {
	mu sync.Mutex
	ch chan struct{}
}

func (c *streamWake) wait() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ch == nil {
		c.ch = make(chan struct{})
	}
	return c.ch
}

func (c *streamWake) notify() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ch != nil {
		close(c.ch)
		c.ch = nil
	}
}

// notifyingLog is the stream log, with readers woken on every Durable.
type notifyingLog struct {
	streamLog
	wake *streamWake
}

func (l notifyingLog) Durable(seq uint64) {
	l.streamLog.Durable(seq)
	l.wake.notify()
}

// StreamChanged returns a channel that is closed when new stream records may
// have become visible on any stream (the stream runtime's Notifier).
func (e *Engine) StreamChanged(streamArn string) <-chan struct{} {
	return e.wake.wait()
}
