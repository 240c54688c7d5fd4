package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as jets: the tests re-execute it with
// JETS_TEST_MAIN=1 to exercise the real process (signals, exit codes).
func TestMain(m *testing.M) {
	if os.Getenv("JETS_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

var bannerURL = regexp.MustCompile(`on (http://\S+) \(data: `)

// jets starts this binary as `jets args...` and returns it with the URL
// from its banner.
func jets(t *testing.T, args ...string) (*exec.Cmd, string, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "JETS_TEST_MAIN=1")
	stderr := &strings.Builder{}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	m := bannerURL.FindStringSubmatch(line)
	if err != nil || m == nil {
		_ = cmd.Wait()
		t.Fatalf("banner %q (%v); stderr: %s", line, err, stderr)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return cmd, m[1], stderr
}

func TestSignalsStopTheServerCleanly(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			cmd, url, stderr := jets(t, "server", "--port", "0", "--data-dir", dir)
			resp, err := http.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			waitExit(t, cmd, 0, stderr)
			// The lock is released: a new server starts on the same dir.
			cmd, _, stderr = jets(t, "server", "--port", "0", "--data-dir", dir)
			_ = cmd.Process.Signal(syscall.SIGTERM)
			waitExit(t, cmd, 0, stderr)
		})
	}
}

func TestSecondServerOnSameDataDirFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	first, _, firstErr := jets(t, "server", "--port", "0", "--data-dir", dir)
	second := exec.Command(os.Args[0], "server", "--port", "0", "--data-dir", dir)
	second.Env = append(os.Environ(), "JETS_TEST_MAIN=1")
	start := time.Now()
	out, err := second.CombinedOutput()
	if err == nil {
		t.Fatalf("second server exited 0: %s", out)
	}
	t.Logf("second server failed in %v: %s", time.Since(start), out)
	if !strings.Contains(string(out), dir) || !strings.Contains(string(out), "in use") {
		t.Errorf("message does not name the directory: %s", out)
	}
	_ = first.Process.Signal(syscall.SIGTERM)
	waitExit(t, first, 0, firstErr)
}

func waitExit(t *testing.T, cmd *exec.Cmd, want int, stderr *strings.Builder) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("jets did not exit within 20s; stderr: %s", stderr)
	}
	if got := cmd.ProcessState.ExitCode(); got != want {
		t.Errorf("exit code %d, want %d; stderr: %s", got, want, stderr)
	}
}
