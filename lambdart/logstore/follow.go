package logstore

import (
	"context"
	"time"
)

// PollInterval is how often Follow checks the file for new events when no
// writer in this process wakes it.
const PollInterval = 100 * time.Millisecond

// Follow hands fn the events of the log file at path that match q: those
// already written, then new ones as they are written, until ctx is done (it
// then returns nil) or fn returns an error (returned as is). The file need
// not exist yet.
func Follow(ctx context.Context, path string, q Query, fn func(Event) error) error {
	return FollowEvery(ctx, path, q, PollInterval, fn)
}

// FollowEvery is Follow with a chosen poll interval.
func FollowEvery(ctx context.Context, path string, q Query, every time.Duration, fn func(Event) error) error {
	woken, cancel := subscribe(path)
	defer cancel()
	tick := time.NewTicker(every)
	defer tick.Stop()
	t := tail{path: path}
	for {
		err := t.poll(func(e Event) error {
			if q.match(e) {
				return fn(e)
			}
			return nil
		})
		if err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-woken:
		case <-tick.C:
		}
	}
}
