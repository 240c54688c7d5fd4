package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// server is a benchmarked server process.
type server struct {
	name string
	url  string
	cmd  *exec.Cmd
	tail *tailBuffer // the last output, for error messages
	done chan struct{}
	err  error // exit status, valid once done is closed
	dir  string
	// started is when the process started; ready, when it first answered.
	started, ready time.Time
}

// startProcess starts cmd in its own process group, so that a Ctrl-C in the
// terminal reaches only the benchmark, which then stops the server itself.
// The server also dies with the benchmark (Pdeathsig).
func startProcess(name string, cmd *exec.Cmd) (*server, io.ReadCloser, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	s := &server{name: name, cmd: cmd, tail: &tailBuffer{max: 8 << 10}, done: make(chan struct{})}
	// An os.Pipe, not StdoutPipe: Wait must not close stdout under a reader.
	stdout, w, err := os.Pipe()
	if err != nil {
		return nil, nil, fmt.Errorf("start %s: %w", name, err)
	}
	cmd.Stdout, cmd.Stderr = w, s.tail
	s.started = time.Now()
	err = cmd.Start()
	w.Close()
	if err != nil {
		stdout.Close()
		return nil, nil, fmt.Errorf("start %s: %w", name, err)
	}
	go func() {
		s.err = cmd.Wait()
		close(s.done)
	}()
	return s, stdout, nil
}

// pid is the server's process id.
func (s *server) pid() int { return s.cmd.Process.Pid }

// exited reports whether the process has ended.
func (s *server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// stop asks the server to shut down (SIGTERM), kills it after grace, and
// removes its data directory.
func (s *server) stop(grace time.Duration) error {
	defer func() {
		if s.dir != "" {
			_ = os.RemoveAll(s.dir)
		}
	}()
	if s.exited() {
		return nil
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
		return nil
	case <-time.After(grace):
	}
	_ = s.cmd.Process.Kill()
	<-s.done
	return fmt.Errorf("stop %s: killed after %s", s.name, grace)
}

// firstLine returns the first line of r, or an error when the process exits
// or ctx ends first. The rest of r is drained in the background and r is
// closed at its end.
func (s *server) firstLine(ctx context.Context, r io.ReadCloser) (string, error) {
	lines := make(chan string, 1)
	go func() {
		defer r.Close()
		sc := bufio.NewScanner(r)
		first := true
		for sc.Scan() {
			if first {
				lines <- sc.Text()
				first = false
			}
		}
		if first {
			close(lines)
		}
	}()
	select {
	case l, ok := <-lines:
		if !ok {
			return "", s.exitError("closed its output before printing a banner")
		}
		return l, nil
	case <-s.done:
		return "", s.exitError("exited before printing a banner")
	case <-ctx.Done():
		return "", fmt.Errorf("%s banner: %w", s.name, ctx.Err())
	}
}

func (s *server) exitError(what string) error {
	select {
	case <-s.done:
	case <-time.After(2 * time.Second):
	}
	return fmt.Errorf("%s %s (%v); output:\n%s", s.name, what, s.err, s.tail.String())
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if over := len(t.b) - t.max; over > 0 {
		t.b = append(t.b[:0], t.b[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
