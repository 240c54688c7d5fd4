package logstore

import (
	"path/filepath"
	"sync"
)

// In-process wake-ups: a Writer wakes the followers of its file at once, so
// they need not wait for their next poll. Followers in other processes poll.
var notify = struct {
	sync.Mutex
	subs map[string]map[chan struct{}]struct{}
}{subs: map[string]map[chan struct{}]struct{}{}}

func key(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// subscribe returns a channel that receives (without blocking the writer)
// after each write to path, and its cancel function.
func subscribe(path string) (<-chan struct{}, func()) {
	k := key(path)
	ch := make(chan struct{}, 1)
	notify.Lock()
	if notify.subs[k] == nil {
		notify.subs[k] = map[chan struct{}]struct{}{}
	}
	notify.subs[k][ch] = struct{}{}
	notify.Unlock()
	return ch, func() {
		notify.Lock()
		delete(notify.subs[k], ch)
		if len(notify.subs[k]) == 0 {
			delete(notify.subs, k)
		}
		notify.Unlock()
	}
}

// wake wakes the followers of the file with key k.
func wake(k string) {
	notify.Lock()
	defer notify.Unlock()
	for ch := range notify.subs[k] {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}
