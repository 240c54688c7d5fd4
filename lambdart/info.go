package lambdart

import (
	"fmt"
	"time"
)

// ProcessInfo describes a function's running process.
type ProcessInfo struct {
	PID        int
	RuntimeAPI string // the host:port in its AWS_LAMBDA_RUNTIME_API
	LogStream  string // its log stream name
	Started    time.Time
	Ready      bool // it has asked for an invocation
}

// Process describes the function's running process; ok is false when it has
// none (not started yet, or exited).
func (r *Runtime) Process(function string) (info ProcessInfo, ok bool, err error) {
	s, err := r.sandbox(function)
	if err != nil {
		return ProcessInfo{}, false, fmt.Errorf("process: %w", err)
	}
	s.mu.Lock()
	p := s.proc
	s.mu.Unlock()
	if p == nil {
		return ProcessInfo{}, false, nil
	}
	select {
	case <-p.exited:
		return ProcessInfo{}, false, nil
	default:
	}
	return ProcessInfo{
		PID: p.cmd.Process.Pid, RuntimeAPI: p.addr, LogStream: p.stream,
		Started: p.started, Ready: p.isReady(),
	}, true, nil
}
