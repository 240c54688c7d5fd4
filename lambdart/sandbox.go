package lambdart

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/gojets/jets/lambdart/logstore"
)

// sandbox runs one function: at most one process at a time, one invocation
// at a time (others queue), and the function's log file.
type sandbox struct {
	account     string
	initTimeout time.Duration
	log         *slog.Logger
	logw        *logstore.Writer

	// sem is held from the moment an invocation is accepted until it has a
	// result, and by Restart; it is the queue.
	sem chan struct{}

	mu     sync.Mutex
	fn     Function
	proc   *process
	closed bool
}

func newSandbox(fn Function, account string, initTimeout time.Duration, logw *logstore.Writer, log *slog.Logger) *sandbox {
	return &sandbox{
		fn: fn, account: account, initTimeout: initTimeout, logw: logw, log: log,
		sem: make(chan struct{}, 1),
	}
}

func (s *sandbox) acquire(ctx context.Context) error {
	select {
	case s.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *sandbox) release() { <-s.sem }

// process returns the running process, starting one if there is none or
// the last one exited.
func (s *sandbox) process() (*process, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	if s.proc != nil {
		select {
		case <-s.proc.exited:
		default:
			return s.proc, nil
		}
	}
	p, err := startProcess(s.fn, s.account, s.logw, s.log)
	if err != nil {
		return nil, err
	}
	s.proc = p
	return p, nil
}

// invoke runs one invocation: it waits for its turn, hands the event to a
// ready process (starting one if needed) and waits for the result.
func (s *sandbox) invoke(ctx context.Context, payload []byte) (Result, error) {
	if err := s.acquire(ctx); err != nil {
		return Result{}, err
	}
	inv := newInvocation(payload, s.release)
	for {
		p, err := s.process()
		if err != nil {
			s.release()
			return Result{}, err
		}
		res, handed, retry, err := s.handOff(ctx, p, inv)
		if handed {
			select {
			case <-inv.done:
				return inv.result, nil
			case <-ctx.Done():
				// It runs on; the function stays busy until it ends.
				return Result{}, ctx.Err()
			}
		}
		if retry {
			continue
		}
		s.release()
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

// warm starts the process if needed and waits until it asks for an
// invocation.
func (s *sandbox) warm(ctx context.Context) error {
	p, err := s.process()
	if err != nil {
		return err
	}
	select {
	case <-p.ready:
		return nil
	case <-p.exited:
		p.mu.Lock()
		defer p.mu.Unlock()
		return fmt.Errorf("start %s: process exited: %s", s.fn.Name, p.status)
	case <-ctx.Done():
		return ctx.Err()
	}
}

// restart waits for the invocation in progress, stops the process and, if
// fn is not nil, swaps the configuration. The next invocation starts a new
// process.
func (s *sandbox) restart(ctx context.Context, fn *Function) error {
	if err := s.acquire(ctx); err != nil {
		return err
	}
	defer s.release()
	s.mu.Lock()
	p := s.proc
	s.proc = nil
	if fn != nil {
		s.fn = *fn
	}
	s.mu.Unlock()
	if p != nil {
		p.stop("restart")
	}
	return nil
}

// close stops the process at once (an invocation in progress ends with
// Runtime.ExitError) and closes the log.
func (s *sandbox) close() error {
	s.mu.Lock()
	s.closed = true
	p := s.proc
	s.proc = nil
	s.mu.Unlock()
	if p != nil {
		p.stop("close")
	}
	return s.logw.Close()
}

func (s *sandbox) config() Function {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fn
}
