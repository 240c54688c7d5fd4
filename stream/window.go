package stream

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"time"
)

// MaxWindowState is the most state a tumbling window carries (1 MB); a
// window whose state grows past it is terminated early.
const MaxWindowState = 1 << 20

// window is an open tumbling window of one lane.
type window struct {
	start, end time.Time
	state      json.RawMessage
	records    []entry // processed, checkpointed when the window closes
}

// windowEvent is DynamoDBTimeWindowEvent on the wire.
type windowEvent struct {
	Records                 []json.RawMessage `json:"Records"`
	Window                  windowSpan        `json:"window"`
	State                   json.RawMessage   `json:"state"`
	ShardID                 string            `json:"shardId"`
	EventSourceARN          string            `json:"eventSourceARN"`
	IsFinalInvokeForWindow  bool              `json:"isFinalInvokeForWindow"`
	IsWindowTerminatedEarly bool              `json:"isWindowTerminatedEarly"`
}

type windowSpan struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

var errWindowDue = errors.New("window due")

// runWindows is a lane's loop with TumblingWindowInSeconds: batches never
// cross a window boundary, state is carried from one invocation to the
// next, and the window ends with a final invocation; its records are
// checkpointed only once that succeeds.
func (l *lane) runWindows(ctx context.Context) error {
	var w *window
	size := time.Duration(l.c.m.TumblingWindowInSeconds) * time.Second
	for {
		var due <-chan time.Time
		var timer *time.Timer
		if w != nil {
			timer = time.NewTimer(max(w.end.Sub(l.c.r.now())+time.Second, 0))
			due = timer.C
		}
		b, err := l.nextUntil(ctx, due)
		if timer != nil {
			timer.Stop()
		}
		switch {
		case errors.Is(err, errWindowDue):
			if err := l.closeWindow(ctx, w, false); err != nil {
				return err
			}
			w = nil
			continue
		case err != nil:
			return err
		case b == nil: // the lane is closed and drained
			if w != nil {
				return l.closeWindow(ctx, w, false)
			}
			return nil
		}
		for len(b) > 0 {
			start := time.Unix(b[0].rec.Dynamodb.ApproximateCreationDateTime, 0).Truncate(size).UTC()
			if w != nil && !w.start.Equal(start) {
				if err := l.closeWindow(ctx, w, false); err != nil {
					return err
				}
				w = nil
			}
			if w == nil {
				w = &window{start: start, end: start.Add(size), state: json.RawMessage("{}")}
			}
			n := 1
			for n < len(b) && time.Unix(b[n].rec.Dynamodb.ApproximateCreationDateTime, 0).Before(w.end) &&
				!time.Unix(b[n].rec.Dynamodb.ApproximateCreationDateTime, 0).Before(w.start) {
				n++
			}
			if err := l.invokeWindow(ctx, w, b[:n], false, false); err != nil {
				return err
			}
			if len(w.state) > MaxWindowState {
				if err := l.closeWindow(ctx, w, true); err != nil {
					return err
				}
				w.state, w.records = json.RawMessage("{}"), nil
			}
			b = b[n:]
		}
	}
}

// nextUntil is next, but returns errWindowDue when due fires first.
func (l *lane) nextUntil(ctx context.Context, due <-chan time.Time) ([]entry, error) {
	if len(l.pending) == 0 && !l.closed && due != nil {
		select {
		case es, ok := <-l.in:
			l.take(es, ok)
		case <-due:
			return nil, errWindowDue
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return l.next(ctx)
}

// closeWindow makes the window's final invocation, then checkpoints its
// records.
func (l *lane) closeWindow(ctx context.Context, w *window, early bool) error {
	if err := l.invokeWindow(ctx, w, nil, true, early); err != nil {
		return err
	}
	return l.c.finish(ctx, w.records)
}

// invokeWindow invokes the function with a window event until it returns
// a state, retrying as the mapping's policy says.
func (l *lane) invokeWindow(ctx context.Context, w *window, b []entry, final, early bool) error {
	c := l.c
	ev := windowEvent{
		Records: make([]json.RawMessage, len(b)),
		Window:  windowSpan{Start: w.start.Format(time.RFC3339), End: w.end.Format(time.RFC3339)},
		State:   w.state, ShardID: c.shardID, EventSourceARN: c.m.StreamArn,
		IsFinalInvokeForWindow: final, IsWindowTerminatedEarly: early,
	}
	for i, e := range b {
		ev.Records[i] = e.raw
	}
	payload, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	invokes, wait := 0, c.r.cfg.RetryBackoff
	for {
		res, err := c.r.cfg.Invoker.Invoke(ctx, c.m.Function, payload)
		if err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		if err == nil {
			invokes++
			state, ok := windowState(res)
			if ok {
				w.state = state
				w.records = append(w.records, b...)
				return nil
			}
			c.r.log.Warn("window invocation failed", "function", c.m.Function, "shard", c.shardID,
				"attempt", invokes, "error", res.ErrorMessage)
			if max := c.m.maxRetries(); max >= 0 && invokes > max {
				funcErr := ""
				if res.FunctionError != "" {
					funcErr = "Unhandled"
				}
				if len(b) == 0 {
					return nil // a final invoke that never succeeds gives up without records
				}
				return c.giveUp(ctx, b, RetryAttemptsExhausted, invokes, funcErr)
			}
		}
		if err := sleep(ctx, wait, nil); err != nil {
			return err
		}
		wait = backoff(wait, c.r.cfg.MaxBackoff)
	}
}

// windowState returns the state of a window response; a response without
// one is a failed invocation.
func windowState(res Result) (json.RawMessage, bool) {
	if res.FunctionError != "" {
		return nil, false
	}
	var resp struct {
		State json.RawMessage `json:"state"`
	}
	if json.Unmarshal(res.Payload, &resp) != nil || len(resp.State) == 0 || bytes.Equal(resp.State, []byte("null")) {
		return nil, false
	}
	return resp.State, true
}
