package cli

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gojets/jets/engine"
)

const createTable = `{"TableName":"demo-dev-test-table","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],` +
	`"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}`

func TestServerBannerAndShutdown(t *testing.T) {
	start := time.Now()
	r := startServer(t, ServerOptions{Host: "127.0.0.1", Port: 0, InMemory: true})
	t.Logf("banner after %v", time.Since(start))
	if strings.HasSuffix(r.url, ":0") {
		t.Errorf("banner shows port 0: %s", r.url)
	}
	if r.data != "in memory, lost on exit" {
		t.Errorf("banner data = %q", r.data)
	}
	resp, err := http.Get(r.url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET / = %d", resp.StatusCode)
	}
	if code, body := post(t, r.url, "DynamoDB_20120810.ListTables", "{}"); code != http.StatusOK {
		t.Errorf("ListTables = %d %s", code, body)
	}
	r.stop(t)
	if lines := r.out.Lines(); len(lines) != 1 {
		t.Errorf("stdout has %d lines, want the banner only: %q", len(lines), lines)
	}
	if _, err := http.Get(r.url); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// TestServerFinishesInFlightRequests cancels the server while a request is
// inside the handler: the request completes, then RunServer returns.
func TestServerFinishesInFlightRequests(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	opts := ServerOptions{Port: 0, InMemory: true, wrap: func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			if req.Header.Get("X-Amz-Target") == "DynamoDB_20120810.CreateTable" {
				close(entered)
				<-release
			}
			h.ServeHTTP(w, req)
		})
	}}
	r := startServer(t, opts)
	type result struct {
		code int
		body string
		err  error
	}
	res := make(chan result, 1)
	go func() {
		code, body, err := postErr(r.url, "DynamoDB_20120810.CreateTable", createTable)
		res <- result{code, body, err}
	}()
	<-entered
	r.cancel()
	select {
	case err := <-r.done:
		t.Fatalf("RunServer returned (%v) with a request in flight", err)
	default:
	}
	close(release)
	got := <-res
	if got.err != nil || got.code != http.StatusOK {
		t.Errorf("in-flight CreateTable = %d %s %v", got.code, got.body, got.err)
	}
	r.stop(t)
}

func TestServerDataDirIsLockedAndReleased(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	first := startServer(t, ServerOptions{Port: 0, DataDir: dir})
	if first.data != dir {
		t.Errorf("banner data = %q, want %q", first.data, dir)
	}
	if code, body := post(t, first.url, "DynamoDB_20120810.CreateTable", createTable); code != http.StatusOK {
		t.Fatalf("CreateTable = %d %s", code, body)
	}

	start := time.Now()
	_, err := tryStartServer(t, ServerOptions{Port: 0, DataDir: dir})
	if err == nil {
		t.Fatal("a second server on the same data dir started")
	}
	t.Logf("second server failed after %v: %v", time.Since(start), err)
	if !errors.Is(err, engine.ErrLocked) {
		t.Errorf("error %v is not engine.ErrLocked", err)
	}
	for _, want := range []string{dir, "in use", "--data-dir", "--in-memory"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}

	// Stopping the first closes the engine: the directory can be reopened,
	// and the data is still there.
	first.stop(t)
	again := startServer(t, ServerOptions{Port: 0, DataDir: dir})
	code, body := post(t, again.url, "DynamoDB_20120810.DescribeTable", `{"TableName":"demo-dev-test-table"}`)
	if code != http.StatusOK || !strings.Contains(body, `"TableStatus":"ACTIVE"`) {
		t.Errorf("DescribeTable after restart = %d %s", code, body)
	}
}

func TestServerPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = tryStartServer(t, ServerOptions{Host: "127.0.0.1", Port: port, InMemory: true})
	if err == nil || !strings.Contains(err.Error(), "--port") || !strings.Contains(err.Error(), strconv.Itoa(port)) {
		t.Errorf("RunServer on a busy port: %v", err)
	}
}

func TestServerCommand(t *testing.T) {
	out := newLineWriter()
	var stderr bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, []string{"server", "--port", "0", "--in-memory", "--region", "eu-west-1", "--account-id", "123456789012"}, out, &stderr)
	}()
	var url string
	select {
	case line := <-out.lines:
		m := bannerPattern.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("banner %q", line)
		}
		url = m[1]
	case c := <-code:
		t.Fatalf("jets server exited %d: %s", c, stderr.String())
	}
	status, body := post(t, url, "DynamoDB_20120810.CreateTable", createTable)
	if status != http.StatusOK || !strings.Contains(body, `arn:aws:dynamodb:eu-west-1:123456789012:table/demo-dev-test-table`) {
		t.Errorf("CreateTable = %d %s", status, body)
	}
	cancel()
	if c := <-code; c != 0 {
		t.Errorf("exit code %d after cancel: %s", c, stderr.String())
	}
}

func TestServerCommandRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"server", "--in-memory", "--data-dir", "x"},
		{"server", "--port", "70000", "--in-memory"},
		{"server", "--port", "x"},
		{"server", "extra"},
	} {
		var stdout, stderr bytes.Buffer
		if code := Main(context.Background(), args, &stdout, &stderr); code == 0 {
			t.Errorf("%v: exit 0", args)
		}
		if stdout.Len() != 0 || !strings.HasPrefix(stderr.String(), "jets: ") {
			t.Errorf("%v: stdout %q, stderr %q", args, stdout.String(), stderr.String())
		}
	}
}
