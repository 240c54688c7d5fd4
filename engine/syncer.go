package engine

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cockroachdb/pebble/v2"
)

// syncer is the group commit: writers apply their batches without sync
// under the engine's write lock, note them here (a ticket, and the highest
// stream sequence number so far), and wait; one goroutine syncs the WAL for
// everything applied so far, makes the stream records visible
// (streamLog.Durable) and wakes every waiter at or below the synced ticket.
//
// Before a sync the goroutine waits briefly (gather, about one sync time) for
// as many writes as were in progress when the previous sync ended: the
// writers it just released come back with their next write, so concurrent
// writers share one sync instead of alternating between two half-full ones.
// A single writer never waits: its own write is all that is expected.
type syncer struct {
	db     *pebble.DB
	log    streamLog
	inMem  bool
	mu     sync.Mutex
	work   *sync.Cond // signals the goroutine: new tickets or quit
	cond   *sync.Cond // broadcasts to waiters: synced moved or err set
	ticket uint64     // tickets handed out (one per applied batch)
	maxSeq uint64     // highest stream sequence number applied
	synced uint64     // every ticket ≤ synced is durable
	err    error      // a failed sync fails every later wait
	done   chan struct{}
	quit   bool

	// pending counts writes in progress that a sync has not yet released:
	// begin adds one; a write that ends without a fresh ticket removes
	// itself (leave); the goroutine removes the ones each sync releases.
	pending atomic.Int64
	// expect is how many writes were in progress when the last sync ended
	// (used only by the goroutine): closed-loop clients come back, and the
	// next sync waits (briefly) for that many.
	expect   int64
	lastSync time.Duration // how long the last sync took (goroutine only)
	stats    syncStats
}

// A sync waits for expected writes to join it for at most as long as the
// last sync took (a writer that misses this sync waits that long anyway),
// within these bounds.
const (
	minGather = 100 * time.Microsecond
	maxGather = time.Millisecond
)

// begin announces a write that will soon apply a batch (or leave).
func (s *syncer) begin() {
	if !s.inMem {
		s.pending.Add(1)
	}
}

// leave withdraws a write announced by begin that got no fresh ticket.
func (s *syncer) leave() {
	if !s.inMem {
		s.pending.Add(-1)
		s.work.Signal()
	}
}

func newSyncer(db *pebble.DB, log streamLog, inMem bool) *syncer {
	s := &syncer{db: db, log: log, inMem: inMem, done: make(chan struct{})}
	s.cond = sync.NewCond(&s.mu)
	s.work = sync.NewCond(&s.mu)
	if inMem {
		close(s.done)
		return s
	}
	go s.run()
	return s
}

// applied records a batch just applied (NoSync) with stream sequence number
// seq (0 if it has no record) and returns its ticket. The caller holds the
// engine's write lock, so tickets follow the order of the WAL.
func (s *syncer) applied(seq uint64) uint64 {
	if s.inMem {
		if seq > 0 {
			s.log.Durable(seq)
		}
		return 0
	}
	s.mu.Lock()
	s.ticket++
	t := s.ticket
	if seq > s.maxSeq {
		s.maxSeq = seq
	}
	s.mu.Unlock()
	s.work.Signal()
	return t
}

// current returns the last ticket handed out: waiting on it makes sure
// everything a request has read is durable.
func (s *syncer) current() uint64 {
	if s.inMem {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ticket
}

// wait blocks until ticket t is durable.
func (s *syncer) wait(t uint64) error {
	if s.inMem || t == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.synced < t && s.err == nil {
		s.cond.Wait()
	}
	if s.synced >= t {
		return nil
	}
	return s.err
}

// run is the syncer goroutine: gather, sync, publish, wake; repeat.
func (s *syncer) run() {
	defer close(s.done)
	for {
		s.mu.Lock()
		for s.ticket == s.synced && !s.quit {
			s.work.Wait()
		}
		if s.ticket == s.synced && s.quit {
			s.mu.Unlock()
			return
		}
		s.gatherLocked()
		from, target, seq := s.synced, s.ticket, s.maxSeq
		s.mu.Unlock()

		start := time.Now()
		err := s.db.LogData(nil, pebble.Sync) // syncs the WAL up to here
		s.lastSync = time.Since(start)
		s.stats.record(target-from, s.lastSync)
		if err == nil && seq > 0 {
			s.log.Durable(seq)
		}
		s.mu.Lock()
		if err != nil {
			s.err = err
		} else {
			s.expect = s.pending.Load()
			s.pending.Add(-int64(target - from))
			s.synced = target
		}
		s.mu.Unlock()
		s.cond.Broadcast()
		if err != nil {
			return
		}
	}
}

// gatherLocked gives writes a moment to join this sync: it returns once as
// many writes as were in progress at the end of the last sync are pending
// again and every pending write has applied its batch, or after the last
// sync's duration (within minGather and maxGather).
// It waits on s.work, which applied and leave signal. The caller holds s.mu.
func (s *syncer) gatherLocked() {
	if s.gathered() {
		return
	}
	timedOut := false
	timer := time.AfterFunc(min(max(s.lastSync, minGather), maxGather), func() {
		s.mu.Lock()
		timedOut = true
		s.mu.Unlock()
		s.work.Broadcast()
	})
	for !timedOut && !s.gathered() {
		s.work.Wait()
	}
	timer.Stop()
}

// gathered reports whether the sync should start now. The caller holds s.mu.
func (s *syncer) gathered() bool {
	p := s.pending.Load()
	return s.quit || (p >= s.expect && p <= int64(s.ticket-s.synced))
}

// stop syncs what is pending, then ends the goroutine and fails later waits.
func (s *syncer) stop() {
	s.mu.Lock()
	s.quit = true
	s.mu.Unlock()
	s.work.Signal()
	<-s.done
	s.mu.Lock()
	if s.err == nil {
		s.err = ErrClosed
	}
	s.mu.Unlock()
	s.cond.Broadcast()
}

// syncStats counts syncs, the writes they covered and the time they took.
type syncStats struct {
	rounds, writes atomic.Uint64
	nanos          atomic.Int64
}

func (s *syncStats) record(writes uint64, d time.Duration) {
	s.rounds.Add(1)
	s.writes.Add(writes)
	s.nanos.Add(int64(d))
}

func (s *syncStats) String() string {
	r := s.rounds.Load()
	if r == 0 {
		return "no syncs"
	}
	return fmt.Sprintf("%d syncs, %.1f writes/sync, %v/sync", r, float64(s.writes.Load())/float64(r), time.Duration(s.nanos.Load()/int64(r)))
}
