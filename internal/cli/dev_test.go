package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gojets/jets/internal/devserver"
	"github.com/gojets/jets/stream/failures"
)

// watchedBuffer is an io.Writer that tests can wait on.
type watchedBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{}
}

func newWatchedBuffer() *watchedBuffer { return &watchedBuffer{changed: make(chan struct{}, 1)} }

func (w *watchedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	select {
	case w.changed <- struct{}{}:
	default:
	}
	return w.b.Write(p)
}

func (w *watchedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// waitFor waits until the output matches re and returns the match.
func (w *watchedBuffer) waitFor(t *testing.T, re *regexp.Regexp, d time.Duration) []string {
	t.Helper()
	deadline := time.After(d)
	for {
		if m := re.FindStringSubmatch(w.String()); m != nil {
			return m
		}
		select {
		case <-w.changed:
		case <-deadline:
			t.Fatalf("no %q within %v; output:\n%s", re, d, w)
		}
	}
}

var devBanner = regexp.MustCompile(`jets dev: DynamoDB \+ DynamoDB Streams on (http://\S+) \(data: `)

// The commands that work with a running jets dev, in process: jets dev
// itself, jets logs, jets replay and jets failures replay through its
// control API, and a second jets dev on the same data directory.
func TestDevWithTheCommandsThatUseIt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an app")
	}
	dir := newTestApp(t)
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := newWatchedBuffer(), newWatchedBuffer()
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"-C", dir, "dev", "--port", "0", "--data-dir", data, "--no-watch"}, out, errOut)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("jets dev exited %d; stderr: %s", code, errOut)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("jets dev did not stop within 20s of Ctrl-C")
		}
		if _, err := os.Stat(filepath.Join(stateDir(dir), devFile)); !os.IsNotExist(err) {
			t.Errorf("dev.json left behind: %v", err)
		}
	})
	url := out.waitFor(t, devBanner, 20*time.Second)[1]
	out.waitFor(t, regexp.MustCompile(`jets dev: started 1 function\(s\)`), 2*time.Minute)
	// Ready (which records the endpoint) follows the "started" line.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		rec, ok := readDevRecord(filepath.Join(stateDir(dir), devFile))
		if ok && rec.Endpoint == url && rec.PID == os.Getpid() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("dev.json = %+v, %v; want %s", rec, ok, url)
		}
	}

	t.Run("second jets dev on the same data dir", func(t *testing.T) {
		run(t, "-C", dir, "dev", "--port", "0", "--data-dir", data).fails(t, 1, data, "in use", "--in-memory")
	})

	ddbPost(t, url, "UpdateTable", `{"TableName":"demo-dev-test-table","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}`)
	ddbPost(t, url, "PutItem", `{"TableName":"demo-dev-test-table","Item":{"id":{"S":"id-1"},"name":{"S":"name-1"}}}`)
	echoed := out.waitFor(t, regexp.MustCompile(`(?m)^\[clerk_job-file\] event (\{.*\})$`), 30*time.Second)[1]

	t.Run("logs", func(t *testing.T) {
		r := run(t, "-C", dir, "logs", "-n", "clerk_job-file").must(t)
		if !strings.Contains(r.stdout, " UTC event "+echoed+"\n") {
			t.Errorf("jets logs does not show the echoed event %s:\n%s", echoed, r.stdout)
		}
	})
	t.Run("replay", func(t *testing.T) {
		r := run(t, "-C", dir, "replay", "-n", "clerk_job-file", "--from", "1h").must(t)
		if !strings.HasPrefix(r.stdout, "re-sent 1 record(s) in 1 batch(es) to clerk_job-file") {
			t.Errorf("replay: %s", r.stdout)
		}
		run(t, "-C", dir, "replay", "-n", "nope", "--from", "1h").fails(t, 1, "no function demo-dev-nope", "clerk_job-file")
		run(t, "-C", dir, "replay", "-n", "clerk_job-file", "--from", "soon").fails(t, 1, "--from")
	})
	t.Run("failures replay", func(t *testing.T) {
		e := saveFailure(t, dir, "demo-dev-clerk_job-file", "dddd-4444", "2026-11-29T12:00:04.000Z", echoed)
		r := run(t, "-C", dir, "failures", "replay", "dddd-4444").must(t)
		if !strings.HasPrefix(r.stdout, "replayed "+e.ID+": clerk_job-file succeeded with the 2 record(s)") {
			t.Errorf("failures replay: %s", r.stdout)
		}
		got, err := (&failures.Store{Dir: devserver.FailuresDir(stateDir(dir))}).Get(e.ID)
		if err != nil || got.Replays != 1 {
			t.Errorf("after replay: %+v %v", got, err)
		}
	})
	// Every invocation (stream, replay, failures replay) is in the log.
	r := run(t, "-C", dir, "logs", "-n", "clerk_job-file", "--filter-pattern", "event").must(t)
	if n := strings.Count(r.stdout, "\n"); n != 3 {
		t.Errorf("%d event lines, want 3:\n%s", n, r.stdout)
	}
}

// ddbPost sends one DynamoDB API call and fails the test unless it succeeds.
func ddbPost(t *testing.T, url, op, body string) {
	t.Helper()
	code, resp := post(t, url, "DynamoDB_20120810."+op, body)
	if code != http.StatusOK {
		t.Fatalf("%s = %d %s", op, code, resp)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(resp), &v); err != nil {
		t.Fatalf("%s: %v", op, err)
	}
}

func TestDevConfig(t *testing.T) {
	var out, errOut bytes.Buffer
	cfg := devConfig("apps/demo", devOptions{host: "0.0.0.0", port: 0, dataDir: "var/data"}, &out, &errOut)
	if cfg.DataDir != filepath.Join("apps/demo", "var/data") || cfg.Host != "0.0.0.0" || cfg.Echo != &out || cfg.Out != &out || !cfg.Watch {
		t.Errorf("config %+v", cfg)
	}
	cfg = devConfig(".", devOptions{dataDir: "/abs/data", quiet: true, noWatch: true, inMemory: false}, &out, &errOut)
	if cfg.DataDir != "/abs/data" || cfg.Echo != nil || cfg.Watch {
		t.Errorf("quiet, no watch: %+v", cfg)
	}
}
