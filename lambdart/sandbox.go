package lambdart

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/gojets/jets/lambdart/logstore"
)

// sandbox runs one function: up to MaxConcurrency execution environments
// (see pool.go), each running one invocation at a time; invocations that find
// them all busy queue in arrival order. The environments share the
// function's log file, each with its own log stream.
type sandbox struct {
	account     string
	initTimeout time.Duration
	idleTimeout time.Duration
	log         *slog.Logger
	logw        *logstore.Writer

	mu       sync.Mutex
	fn       Function
	envs     []*env         // every environment, in creation order
	idle     []*env         // free ones, most recently released last
	busy     int            // environments held by an invocation (or Warm)
	waiters  []chan *env    // invocations waiting for an environment, FIFO
	gate     chan struct{}  // set while a Restart holds the function
	drained  chan struct{}  // closed when busy drops to 0
	stopping sync.WaitGroup // idle environments being stopped
	closed   bool
}

func newSandbox(fn Function, cfg Config, logw *logstore.Writer, log *slog.Logger) *sandbox {
	return &sandbox{
		fn: fn, account: cfg.AccountID, initTimeout: cfg.InitTimeout, idleTimeout: cfg.IdleTimeout,
		logw: logw, log: log,
	}
}

// process returns e's running process, starting one if it has none or the
// last one exited.
func (s *sandbox) process(e *env) (*process, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, ErrClosed
	}
	if e.live() {
		p := e.proc
		s.mu.Unlock()
		return p, nil
	}
	fn := s.fn
	s.mu.Unlock()
	p, err := startProcess(fn, s.account, s.logw, s.log)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		p.stop("close")
		return nil, ErrClosed
	}
	e.proc = p
	s.mu.Unlock()
	return p, nil
}

// invoke runs one invocation: it waits for a free environment, hands the
// event to its process once ready (starting one if needed) and waits for the
// result.
func (s *sandbox) invoke(ctx context.Context, payload []byte) (Result, error) {
	e, err := s.acquire(ctx)
	if err != nil {
		return Result{}, err
	}
	inv := newInvocation(payload, func() { s.release(e) })
	for {
		p, err := s.process(e)
		if err != nil {
			s.release(e)
			return Result{}, err
		}
		res, handed, retry, err := s.handOff(ctx, p, inv)
		if handed {
			select {
			case <-inv.done:
				return inv.result, nil
			case <-ctx.Done():
				// It runs on; its environment stays busy until it ends.
				return Result{}, ctx.Err()
			}
		}
		if retry {
			continue
		}
		s.release(e)
		return res, err
	}
}

// handOff gives inv to p when p asks for its next invocation. When p exits
// first, it reports retry if p had served before (it crashed or exited
// between invocations: start another), else the init failure as the result.
func (s *sandbox) handOff(ctx context.Context, p *process, inv *invocation) (res Result, handed, retry bool, err error) {
	limit := time.NewTimer(s.initTimeout)
	defer limit.Stop()
	select {
	case p.invokeCh <- inv:
		return Result{}, true, false, nil
	case <-p.exited:
		if p.isReady() {
			return Result{}, false, true, nil
		}
		return p.initFailure(inv.id), false, false, nil
	case <-limit.C:
		p.stop("init")
		msg := fmt.Sprintf("RequestId: %s Error: the runtime did not ask for an invocation within %.2f seconds", inv.id, s.initTimeout.Seconds())
		p.mu.Lock()
		p.cap.mark(initReportLine(time.Since(p.started), errInitLimit), msg)
		p.mu.Unlock()
		return functionError(inv.id, errInitLimit, msg), false, false, nil
	case <-ctx.Done():
		return Result{}, false, false, ctx.Err()
	}
}

// warm makes sure an environment has a process, starting one if none has,
// and waits until that process asks for an invocation.
func (s *sandbox) warm(ctx context.Context) error {
	s.mu.Lock()
	p := s.liveProcesses(1)
	s.mu.Unlock()
	if len(p) == 0 {
		e, err := s.acquire(ctx)
		if err != nil {
			return err
		}
		started, err := s.process(e)
		s.release(e)
		if err != nil {
			return err
		}
		p = append(p, started)
	}
	select {
	case <-p[0].ready:
		return nil
	case <-p[0].exited:
		p[0].mu.Lock()
		defer p[0].mu.Unlock()
		return fmt.Errorf("start %s: process exited: %s", p[0].fn.Name, p[0].status)
	case <-ctx.Done():
		return ctx.Err()
	}
}

// liveProcesses returns up to n (all if n <= 0) processes that have not
// exited, in the order of their environments (mu held).
func (s *sandbox) liveProcesses(n int) []*process {
	var out []*process
	for _, e := range s.envs {
		if e.live() {
			out = append(out, e.proc)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

// restart waits for the invocations in progress (later ones wait for it),
// stops every environment and, if fn is not nil, swaps the configuration.
// The next invocations start new environments.
func (s *sandbox) restart(ctx context.Context, fn *Function) error {
	if err := s.closeGate(ctx); err != nil {
		return err
	}
	defer s.openGate()
	if err := s.waitDrained(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	procs := s.clear()
	if fn != nil {
		s.fn = *fn
	}
	s.stopping.Add(1)
	s.mu.Unlock()
	defer s.stopping.Done()
	stopAll(procs, "restart")
	return nil
}

// close stops every environment at once (invocations in progress end with
// Runtime.ExitError, queued ones fail with ErrClosed), waits until none is
// held, and closes the log.
func (s *sandbox) close() error {
	s.mu.Lock()
	s.closed = true
	for _, w := range s.waiters {
		w <- nil
	}
	s.waiters = nil
	procs := s.clear()
	s.mu.Unlock()
	stopAll(procs, "close")
	_ = s.waitDrained(context.Background())
	s.stopping.Wait()
	return s.logw.Close()
}

func (s *sandbox) config() Function {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fn
}
