package lambdart

import (
	"sync"
	"time"
)

// invocation is one event on its way through a process.
type invocation struct {
	id      string
	payload []byte
	trace   string

	// Set when the process takes it (guarded by the process's mu).
	start    time.Time
	deadline time.Time
	timer    *time.Timer
	status   string // REPORT status: "", "timeout" or "error"
	errType  string // REPORT error type with status "error"

	once    sync.Once
	result  Result
	done    chan struct{} // closed when result is set
	release func()        // frees the function for the next invocation
}

func newInvocation(payload []byte, release func()) *invocation {
	now := time.Now()
	return &invocation{
		id:      newRequestID(),
		payload: payload,
		trace:   newTraceID(now),
		done:    make(chan struct{}),
		release: release,
	}
}

// finish sets the result; the first call wins and reports true.
func (inv *invocation) finish(r Result) bool {
	won := false
	inv.once.Do(func() {
		won = true
		if inv.timer != nil {
			inv.timer.Stop()
		}
		r.RequestID = inv.id
		if !inv.start.IsZero() {
			r.Duration = time.Since(inv.start)
		}
		inv.result = r
		// Free the environment before the caller sees the result, so that
		// its next invocation finds it idle.
		inv.release()
		close(inv.done)
	})
	return won
}

// finished reports whether the result is set.
func (inv *invocation) finished() bool {
	select {
	case <-inv.done:
		return true
	default:
		return false
	}
}
