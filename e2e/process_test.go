package e2e

import (
	"bytes"
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

// region is the AWS region of every process: the AWS CLI signs with it,
// and jets dev takes the app's region from it (AWS_DEFAULT_REGION), so
// ARNs and awsRegion agree, as in the seed's payload.
const region = "us-west-2"

// userEnv is the environment of a user's shell, isolated from this
// machine's AWS configuration: empty config and credentials files, dummy
// keys, the region above, no JETS_ENV.
func userEnv(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	cfg, creds := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	for _, f := range []string{cfg, creds} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "JETS_") {
			env = append(env, kv)
		}
	}
	return append(env,
		"AWS_CONFIG_FILE="+cfg, "AWS_SHARED_CREDENTIALS_FILE="+creds,
		"AWS_ACCESS_KEY_ID=AKIDJETSE2E", "AWS_SECRET_ACCESS_KEY=jets-e2e-secret",
		"AWS_DEFAULT_REGION="+region, "AWS_PAGER=", "AWS_EC2_METADATA_DISABLED=true")
}

// output is a process's output that tests can wait on.
type output struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{}
}

func newOutput() *output { return &output{changed: make(chan struct{}, 1)} }

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	select {
	case o.changed <- struct{}{}:
	default:
	}
	return o.b.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
}

// proc is a background process: jets dev, jets logs -f.
type proc struct {
	t      *testing.T
	name   string
	cmd    *exec.Cmd
	stdout *output
	stderr *output
	done   chan struct{}
}

// start starts bin args… in dir with env.
func start(t *testing.T, dir string, env []string, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{t: t, name: filepath.Base(bin) + " " + strings.Join(args, " "), stdout: newOutput(), stderr: newOutput(), done: make(chan struct{})}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Dir, p.cmd.Env = dir, env
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("%s: %v", p.name, err)
	}
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// waitFor waits until stdout matches re and returns the submatches; it
// fails at the deadline or if the process exits first.
func (p *proc) waitFor(re *regexp.Regexp, d time.Duration) []string {
	p.t.Helper()
	return p.waitIn(p.stdout, re, d)
}

// waitForStderr is waitFor on stderr.
func (p *proc) waitForStderr(re *regexp.Regexp, d time.Duration) []string {
	p.t.Helper()
	return p.waitIn(p.stderr, re, d)
}

func (p *proc) waitIn(o *output, re *regexp.Regexp, d time.Duration) []string {
	p.t.Helper()
	deadline := time.After(d)
	for {
		if m := re.FindStringSubmatch(o.String()); m != nil {
			return m
		}
		select {
		case <-o.changed:
		case <-p.done:
			if m := re.FindStringSubmatch(o.String()); m != nil {
				return m
			}
			p.t.Fatalf("%s exited (%v) before printing %q\nstdout:\n%s\nstderr:\n%s", p.name, p.cmd.ProcessState, re, p.stdout, p.stderr)
		case <-deadline:
			p.t.Fatalf("%s: no %q within %v\nstdout:\n%s\nstderr:\n%s", p.name, re, d, p.stdout, p.stderr)
		}
	}
}

// running fails the test if the process has exited.
func (p *proc) running() {
	p.t.Helper()
	select {
	case <-p.done:
		p.t.Fatalf("%s exited (%v)\nstdout:\n%s\nstderr:\n%s", p.name, p.cmd.ProcessState, p.stdout, p.stderr)
	default:
	}
}

// interrupt sends SIGINT (Ctrl-C) and checks the process exits 0 in time.
func (p *proc) interrupt(d time.Duration) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil {
		p.t.Fatalf("%s: SIGINT: %v", p.name, err)
	}
	select {
	case <-p.done:
	case <-time.After(d):
		p.t.Fatalf("%s did not exit within %v of SIGINT\nstderr:\n%s", p.name, d, p.stderr)
	}
	if code := p.cmd.ProcessState.ExitCode(); code != 0 {
		p.t.Errorf("%s exited %d after SIGINT, want 0\nstdout:\n%s\nstderr:\n%s", p.name, code, p.stdout, p.stderr)
	}
}

// runCmd runs bin args… in dir and returns its stdout; it fails the test
// unless it exits 0 within two minutes.
func runCmd(t *testing.T, dir string, env []string, bin string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = dir, env
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s %s: %v", bin, strings.Join(args, " "), err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", filepath.Base(bin), strings.Join(args, " "), err, o.String(), e.String())
		}
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("%s %s: still running after 2 minutes", filepath.Base(bin), strings.Join(args, " "))
	}
	return o.String(), e.String()
}

// processesOf lists the live processes running the program at path (by
// /proc/PID/exe), skipping zombies.
func processesOf(path string) []string {
	var out []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid := e.Name()
		if pid[0] < '0' || pid[0] > '9' {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", pid, "exe"))
		if err != nil || strings.TrimSuffix(exe, " (deleted)") != path {
			continue
		}
		if stat, err := os.ReadFile(filepath.Join("/proc", pid, "stat")); err == nil && isZombie(string(stat)) {
			continue
		}
		out = append(out, pid)
	}
	return out
}

// isZombie reads the state field of /proc/PID/stat ("pid (comm) S …").
func isZombie(stat string) bool {
	i := strings.LastIndexByte(stat, ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z'
}

// waitNoProcesses waits until no process runs path.
func waitNoProcesses(t *testing.T, path string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		left := processesOf(path)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("function processes still running after jets dev exited: pids %v (%s)", left, path)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}
