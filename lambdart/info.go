package lambdart

import (
	"fmt"
	"time"
)

// ProcessInfo describes the running process of one of a function's
// execution environments.
type ProcessInfo struct {
	PID        int
	RuntimeAPI string // the host:port in its AWS_LAMBDA_RUNTIME_API
	LogStream  string // its log stream name
	Started    time.Time
	Ready      bool // it has asked for an invocation
}

// Process describes a running process of the function (that of its oldest
// environment); ok is false when it has none (not started yet, or exited).
func (r *Runtime) Process(function string) (info ProcessInfo, ok bool, err error) {
	procs, err := r.processes(function, 1)
	if err != nil {
		return ProcessInfo{}, false, fmt.Errorf("process: %w", err)
	}
	if len(procs) == 0 {
		return ProcessInfo{}, false, nil
	}
	return procs[0], true, nil
}

// Processes describes the running processes of the function, one per
// execution environment, oldest environment first.
func (r *Runtime) Processes(function string) ([]ProcessInfo, error) {
	procs, err := r.processes(function, 0)
	if err != nil {
		return nil, fmt.Errorf("processes: %w", err)
	}
	return procs, nil
}

func (r *Runtime) processes(function string, n int) ([]ProcessInfo, error) {
	s, err := r.sandbox(function)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	procs := s.liveProcesses(n)
	s.mu.Unlock()
	out := make([]ProcessInfo, 0, len(procs))
	for _, p := range procs {
		out = append(out, ProcessInfo{
			PID: p.cmd.Process.Pid, RuntimeAPI: p.addr, LogStream: p.stream,
			Started: p.started, Ready: p.isReady(),
		})
	}
	return out, nil
}
