package cli

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lineWriter sends each complete line written to it on lines.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	all   []string
	lines chan string
}

func newLineWriter() *lineWriter { return &lineWriter{lines: make(chan string, 16)} }

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	for {
		line, err := w.buf.ReadString('\n')
		if err != nil {
			w.buf.WriteString(line) // incomplete: keep it
			return len(p), nil
		}
		line = strings.TrimSuffix(line, "\n")
		w.all = append(w.all, line)
		w.lines <- line
	}
}

func (w *lineWriter) Lines() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.all...)
}

var bannerPattern = regexp.MustCompile(`^jets server: DynamoDB \+ DynamoDB Streams on (http://\S+) \(data: (.+)\)$`)

// running is a RunServer in a goroutine.
type running struct {
	url    string
	data   string
	out    *lineWriter
	cancel context.CancelFunc
	done   chan error
}

// startServer runs RunServer and waits for its banner.
func startServer(t *testing.T, opts ServerOptions) *running {
	t.Helper()
	r, err := tryStartServer(t, opts)
	if err != nil {
		t.Fatalf("RunServer: %v", err)
	}
	return r
}

// tryStartServer returns RunServer's error if it fails before the banner.
func tryStartServer(t *testing.T, opts ServerOptions) (*running, error) {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{out: newLineWriter(), cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- RunServer(ctx, opts, r.out) }()
	select {
	case line := <-r.out.lines:
		m := bannerPattern.FindStringSubmatch(line)
		if m == nil {
			cancel()
			t.Fatalf("banner %q does not match %s", line, bannerPattern)
		}
		r.url, r.data = m[1], m[2]
	case err := <-r.done:
		cancel()
		return nil, err
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("no banner within 10s")
	}
	t.Cleanup(func() { r.stop(t) })
	return r, nil
}

// stop cancels the server's context and waits for RunServer to return; it
// fails the test if RunServer returns an error. Calling it twice is fine.
func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case err, ok := <-r.done:
		if ok && err != nil {
			t.Errorf("RunServer returned %v", err)
		}
		if ok {
			close(r.done)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("RunServer did not return within 15s of cancel")
	}
}

// post sends one API request to a running server.
func post(t *testing.T, url, target, body string) (int, string) {
	t.Helper()
	code, b, err := postErr(url, target, body)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	return code, b
}

// postErr is post for goroutines other than the test's.
func postErr(url, target, body string) (int, string, error) {
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("X-Amz-Target", target)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}
