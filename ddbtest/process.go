package ddbtest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var jetsBinary struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// BuildJets builds ./cmd/jets of the enclosing module once per test binary
// and returns the path of the executable. CleanupBinaries removes it.
func BuildJets(t testing.TB) string {
	t.Helper()
	b := &jetsBinary
	b.once.Do(func() { b.dir, b.path, b.err = buildJets() })
	if b.err != nil {
		t.Fatalf("build jets: %v", b.err)
	}
	return b.path
}

func buildJets() (dir, path string, err error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", "", errors.New("not inside a Go module")
	}
	dir, err = os.MkdirTemp("", "jets-bin-")
	if err != nil {
		return "", "", fmt.Errorf("temp dir: %w", err)
	}
	path = filepath.Join(dir, "jets")
	cmd := exec.Command("go", "build", "-o", path, "./cmd/jets")
	cmd.Dir = filepath.Dir(gomod)
	if out, err := cmd.CombinedOutput(); err != nil {
		return dir, "", fmt.Errorf("go build ./cmd/jets: %w\n%s", err, out)
	}
	return dir, path, nil
}

// CleanupBinaries removes what BuildJets built; call it from TestMain.
func CleanupBinaries() {
	if jetsBinary.dir != "" {
		_ = os.RemoveAll(jetsBinary.dir)
	}
}

// Process is a running `jets server`.
type Process struct {
	// Addr is host:port from the banner; URL is http://Addr.
	Addr, URL string
	// Banner is the banner line the server printed.
	Banner string
	cmd    *exec.Cmd
	out    *lockedBuffer
	done   chan struct{}
	err    error // the process's exit, valid after done
}

// bannerAddr finds the listen address in a banner line.
var bannerAddr = regexp.MustCompile(`((?:\d{1,3}\.){3}\d{1,3}|localhost|\[[0-9a-fA-F:]+\]):([1-9]\d{0,4})\b`)

// StartJets runs `jets server --port 0 <args…>` and waits for its banner.
// The process is killed when the test ends if it is still running. Pass
// --data-dir DIR or --in-memory in args.
func StartJets(t testing.TB, args ...string) *Process {
	t.Helper()
	bin := BuildJets(t)
	p, err := startJets(bin, append([]string{"server", "--port", "0"}, args...))
	if err != nil {
		t.Fatalf("start jets server: %v", err)
	}
	t.Cleanup(p.Kill)
	return p
}

func startJets(bin string, args []string) (*Process, error) {
	p := &Process{out: &lockedBuffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = append(os.Environ(), "NO_COLOR=1")
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	lines := make(chan string, 64)
	var wg sync.WaitGroup
	for _, r := range []io.Reader{stdout, stderr} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.scan(r, lines)
		}()
	}
	go func() {
		wg.Wait() // pipes must be drained before Wait
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	return p, p.awaitBanner(lines)
}

func (p *Process) scan(r io.Reader, lines chan<- string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		p.out.WriteLine(sc.Text())
		select {
		case lines <- sc.Text():
		default: // nobody waits for lines after the banner
		}
	}
}

func (p *Process) awaitBanner(lines <-chan string) error {
	timeout := time.NewTimer(15 * time.Second)
	defer timeout.Stop()
	for {
		select {
		case l := <-lines:
			if m := bannerAddr.FindStringSubmatch(l); m != nil {
				p.Banner = l
				p.Addr = m[1] + ":" + m[2]
				p.URL = "http://" + p.Addr
				return nil
			}
		case <-p.done:
			return fmt.Errorf("jets server exited before its banner (%v); output:\n%s", p.err, p.out)
		case <-timeout.C:
			p.Kill()
			return fmt.Errorf("no banner with an address within 15s; output:\n%s", p.out)
		}
	}
}

// Kill sends SIGKILL (if the process still runs) and waits for it to end.
func (p *Process) Kill() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// Stop sends sig and waits up to timeout for the process to exit; it
// returns the exit error (nil for exit status 0).
func (p *Process) Stop(sig os.Signal, timeout time.Duration) error {
	_ = p.cmd.Process.Signal(sig)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	select {
	case <-p.done:
		return p.err
	case <-ctx.Done():
		p.Kill()
		return fmt.Errorf("no exit within %v after %v", timeout, sig)
	}
}

// Done is closed when the process has exited.
func (p *Process) Done() <-chan struct{} { return p.done }

// Output is everything the process wrote to stdout and stderr so far.
func (p *Process) Output() string { return p.out.String() }

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) WriteLine(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.WriteString(s)
	b.buf.WriteByte('\n')
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
