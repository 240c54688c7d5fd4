package lambdart

import (
	"context"
	"slices"
	"time"
)

// env is one execution environment of a function: a slot that holds at most
// one process at a time. An invocation holds its env from the moment it is
// accepted until it has a result; a process that dies is replaced in the
// same env by the next invocation that holds it.
type env struct {
	proc      *process  // guarded by sandbox.mu
	idleSince time.Time // when it was last released (sandbox.mu)
	reaper    *time.Timer
}

// live reports whether the env has a process that has not exited (mu held).
func (e *env) live() bool { return e.proc != nil && !e.proc.hasExited() }

// acquire waits for a free environment: an idle one, else a new one while the
// function has fewer than MaxConcurrency, else the first one released, in
// arrival order.
func (s *sandbox) acquire(ctx context.Context) (*env, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, ErrClosed
	}
	if s.gate == nil && len(s.waiters) == 0 {
		if e := s.take(); e != nil {
			s.mu.Unlock()
			return e, nil
		}
	}
	w := make(chan *env, 1)
	s.waiters = append(s.waiters, w)
	s.mu.Unlock()
	select {
	case e := <-w:
		if e == nil {
			return nil, ErrClosed
		}
		return e, nil
	case <-ctx.Done():
		s.mu.Lock()
		if i := slices.Index(s.waiters, w); i >= 0 {
			s.waiters = slices.Delete(s.waiters, i, i+1)
			s.mu.Unlock()
			return nil, ctx.Err()
		}
		s.mu.Unlock()
		// It was handed an environment meanwhile: pass it on.
		if e := <-w; e != nil {
			s.release(e)
		}
		return nil, ctx.Err()
	}
}

// take returns a free environment, counted busy: the most recently used idle
// one with a live process, else the most recently used idle one, else a new
// one; nil when MaxConcurrency are busy (mu held).
func (s *sandbox) take() *env {
	if len(s.idle) > 0 {
		i := len(s.idle) - 1
		for j := i; j >= 0; j-- {
			if s.idle[j].live() {
				i = j
				break
			}
		}
		e := s.idle[i]
		s.idle = slices.Delete(s.idle, i, i+1)
		if e.reaper != nil {
			e.reaper.Stop()
		}
		s.busy++
		return e
	}
	if len(s.envs) < s.fn.MaxConcurrency {
		e := &env{}
		s.envs = append(s.envs, e)
		s.busy++
		return e
	}
	return nil
}

// release frees e: it goes to the first waiting invocation, else it idles.
func (s *sandbox) release(e *env) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busy--
	if !s.closed {
		e.idleSince = time.Now()
		s.idle = append(s.idle, e)
		s.armReaper(e)
		s.dispatch()
	}
	if s.busy == 0 && s.drained != nil {
		close(s.drained)
		s.drained = nil
	}
}

// dispatch hands free environments to waiting invocations in arrival order
// (mu held).
func (s *sandbox) dispatch() {
	for len(s.waiters) > 0 && s.gate == nil && !s.closed {
		e := s.take()
		if e == nil {
			return
		}
		w := s.waiters[0]
		s.waiters = s.waiters[1:]
		w <- e
	}
}

// waitDrained waits until no environment is held.
func (s *sandbox) waitDrained(ctx context.Context) error {
	for {
		s.mu.Lock()
		if s.busy == 0 {
			s.mu.Unlock()
			return nil
		}
		if s.drained == nil {
			s.drained = make(chan struct{})
		}
		d := s.drained
		s.mu.Unlock()
		select {
		case <-d:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// closeGate stops handing out environments (a Restart is under way); it
// waits for another Restart to finish first.
func (s *sandbox) closeGate(ctx context.Context) error {
	for {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return ErrClosed
		}
		if s.gate == nil {
			s.gate = make(chan struct{})
			s.mu.Unlock()
			return nil
		}
		g := s.gate
		s.mu.Unlock()
		select {
		case <-g:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// openGate ends closeGate and serves the invocations that queued meanwhile.
func (s *sandbox) openGate() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.gate)
	s.gate = nil
	s.dispatch()
}

// clear forgets every environment and returns their processes (mu held; no
// environment is held).
func (s *sandbox) clear() []*process {
	var procs []*process
	for _, e := range s.envs {
		if e.reaper != nil {
			e.reaper.Stop()
		}
		if e.proc != nil {
			procs = append(procs, e.proc)
		}
	}
	s.envs, s.idle = nil, nil
	return procs
}

// armReaper stops e once it has been idle for the idle timeout (mu held).
func (s *sandbox) armReaper(e *env) {
	if s.idleTimeout <= 0 {
		return
	}
	if e.reaper == nil {
		e.reaper = time.AfterFunc(s.idleTimeout, func() { s.reap(e) })
		return
	}
	e.reaper.Reset(s.idleTimeout)
}

// reap stops e if it is still idle and is not the function's last
// environment with a live process.
func (s *sandbox) reap(e *env) {
	s.mu.Lock()
	i := slices.Index(s.idle, e)
	if s.closed || s.gate != nil || i < 0 || time.Since(e.idleSince) < s.idleTimeout || (e.live() && !s.othersLive(e)) {
		s.mu.Unlock()
		return
	}
	s.idle = slices.Delete(s.idle, i, i+1)
	s.envs = slices.DeleteFunc(s.envs, func(x *env) bool { return x == e })
	p := e.proc
	s.stopping.Add(1)
	s.mu.Unlock()
	defer s.stopping.Done()
	if p != nil {
		p.stop("idle")
	}
}

// othersLive reports whether an environment other than e has a live
// process (mu held).
func (s *sandbox) othersLive(e *env) bool {
	for _, x := range s.envs {
		if x != e && x.live() {
			return true
		}
	}
	return false
}

// stopAll stops the processes at once and waits for them.
func stopAll(procs []*process, reason string) {
	done := make(chan struct{}, len(procs))
	for _, p := range procs {
		go func() {
			p.stop(reason)
			done <- struct{}{}
		}()
	}
	for range procs {
		<-done
	}
}
