package lambdart

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/gojets/jets/lambdart/logstore"
)

// process is one running instance of a function's binary, the process of
// one execution environment, with the Runtime API listener it alone talks to
// (AWS_LAMBDA_RUNTIME_API is host:port, so each process gets its own) and a
// log stream of its own.
type process struct {
	fn      Function
	account string
	log     *slog.Logger
	logw    *logstore.Writer
	stream  string
	started time.Time

	cmd  *exec.Cmd
	srv  *http.Server
	addr string
	cap  *capture

	invokeCh  chan *invocation // the /next handler receives from it
	ready     chan struct{}    // closed at the first /next
	readyOnce sync.Once
	readyAt   time.Time     // guarded by mu
	exited    chan struct{} // closed once the exit is handled and logged

	mu         sync.Mutex
	cur        *invocation // taken by the process, END not yet logged
	first      bool        // the next REPORT carries Init Duration
	dead       bool        // exit handling began
	killReason string      // why jets killed it: "timeout", "restart", "close", "init", "idle"
	initErr    *Result     // posted to /runtime/init/error
	status     string      // "exit status 2", "signal: killed", once exited
}

// startProcess starts fn's binary under a new Runtime API listener.
func startProcess(fn Function, account string, logw *logstore.Writer, log *slog.Logger) (*process, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start %s: listen: %w", fn.Name, err)
	}
	now := time.Now()
	p := &process{
		fn: fn, account: account, log: log, logw: logw,
		stream: newStreamName(now), started: now,
		addr:     ln.Addr().String(),
		invokeCh: make(chan *invocation),
		ready:    make(chan struct{}),
		exited:   make(chan struct{}),
		first:    true,
	}
	p.srv = &http.Server{Handler: p.routes(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	if err := p.spawn(); err != nil {
		_ = p.srv.Close()
		return nil, fmt.Errorf("start %s: %w", fn.Name, err)
	}
	go p.wait()
	return p, nil
}

func (p *process) spawn() error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	cmd := exec.Command(p.fn.Binary, p.fn.Args...)
	cmd.Env = environ(p.fn, p.addr, p.stream)
	cmd.Dir = p.fn.Dir
	cmd.Stdout, cmd.Stderr = w, w
	isolate(cmd)
	err = cmd.Start()
	_ = w.Close()
	if err != nil {
		_ = r.Close()
		return err
	}
	p.cmd = cmd
	p.cap = newCapture(r, p.emit)
	go p.cap.run()
	p.log.Debug("function process started", "function", p.fn.Name, "pid", cmd.Process.Pid, "runtime_api", p.addr)
	return nil
}

// emit writes lines to the function's log, stamped now, in this process's
// log stream.
func (p *process) emit(lines []string) {
	now := time.Now().UnixMilli()
	events := make([]logstore.Event, len(lines))
	for i, l := range lines {
		events[i] = logstore.Event{Timestamp: now, Message: l, Stream: p.stream}
	}
	if err := p.logw.Write(events...); err != nil {
		p.log.Warn("function log", "function", p.fn.Name, "err", err)
	}
}

// kill kills the process group; reason says why (for the logs).
func (p *process) kill(reason string) {
	p.mu.Lock()
	if p.killReason == "" {
		p.killReason = reason
	}
	p.mu.Unlock()
	killGroup(p.cmd.Process.Pid)
}

// stop kills the process and waits until its exit is handled.
func (p *process) stop(reason string) {
	p.kill(reason)
	<-p.exited
}

// pipeGrace bounds the wait for the output pipe to close once the process
// group is gone (a child that left the group may hold it).
const pipeGrace = 2 * time.Second

// wait handles the exit: it reaps the process, kills what is left of its
// group, drains its output, ends the invocation it was running and logs it.
func (p *process) wait() {
	err := p.cmd.Wait()
	killGroup(p.cmd.Process.Pid)
	select {
	case <-p.cap.done:
	case <-time.After(pipeGrace):
	}
	_ = p.srv.Close()
	status := exitStatus(err, p.cmd.ProcessState)
	peak := exitPeakKB(p.cmd.ProcessState)

	p.mu.Lock()
	defer close(p.exited)
	defer p.mu.Unlock()
	p.dead, p.status = true, status
	cur, reason := p.cur, p.killReason
	p.cur = nil
	p.log.Debug("function process exited", "function", p.fn.Name, "status", status, "reason", reason)
	if cur == nil {
		p.logIdleExit(reason, status)
		return
	}
	p.endAfterExit(cur, reason, status, peak)
}

// endAfterExit ends and logs the invocation cur after the process exited.
func (p *process) endAfterExit(cur *invocation, reason, status string, peak int64) {
	var lines []string
	switch {
	case cur.finish(functionError(cur.id, errExit, exitMessage(cur.id, status))):
		// The process died while running it.
		cur.status, cur.errType = "error", errExit
		lines = append(lines, exitMessage(cur.id, status), errExit)
	case cur.status == "timeout":
		p.cap.mark(p.endLines(cur, peak)...)
		p.cap.mark(timeoutMessage(time.Now(), cur.id, p.fn.Timeout))
		return
	case reason == "":
		// It answered, then exited (a panic does that), before asking
		// for the next invocation.
		p.cap.mark(p.endLines(cur, peak)...)
		p.cap.mark(exitMessage(cur.id, status), errExit)
		return
	}
	p.cap.mark(append(lines, p.endLines(cur, peak)...)...)
}

// endLines returns END and REPORT for inv (mu held).
func (p *process) endLines(inv *invocation, peakKB int64) []string {
	r := report{
		id: inv.id, duration: time.Since(inv.start), memoryMB: p.fn.MemoryMB,
		maxUsedKB: peakKB, status: inv.status, errorType: inv.errType,
	}
	if p.first {
		r.init = p.readyAt.Sub(p.started)
		p.first = false
	}
	return []string{endLine(inv.id), r.line()}
}

// hasExited reports whether the process's exit has been handled.
func (p *process) hasExited() bool {
	select {
	case <-p.exited:
		return true
	default:
		return false
	}
}

func (p *process) isReady() bool {
	select {
	case <-p.ready:
		return true
	default:
		return false
	}
}

// exitStatus words an exit as Lambda does: "exit status 2", "signal: killed".
func exitStatus(err error, ps *os.ProcessState) string {
	if ps != nil {
		return ps.String()
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.String()
	}
	if err != nil {
		return err.Error()
	}
	return "exit status 0"
}

// logIdleExit logs an exit jets did not cause while no invocation ran: a
// crash between invocations, or a failed init (mu held).
func (p *process) logIdleExit(reason, status string) {
	switch {
	case p.isReady() && reason == "":
		p.cap.mark("Runtime exited with error: "+status, errExit)
	case !p.isReady() && (reason == "" || p.initErr != nil):
		res, msg := p.initResult(""), "Runtime exited with error: "+status
		if p.initErr != nil {
			msg = res.ErrorMessage
		}
		p.cap.mark(initReportLine(time.Since(p.started), res.ErrorType), msg)
	}
}

// initResult is the result of an invocation whose process exited before
// taking it: the error posted to /runtime/init/error, or Runtime.ExitError
// (mu held).
func (p *process) initResult(id string) Result {
	if p.initErr != nil {
		res := *p.initErr
		res.RequestID = id
		return res
	}
	return functionError(id, errExit, exitMessage(id, p.status))
}

// initFailure is initResult for an invocation that waited for p.
func (p *process) initFailure(id string) Result {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.initResult(id)
}
