package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gojets/jets/internal/devserver"
	"github.com/gojets/jets/lambdart/logstore"
)

// writeLog appends events to a function's log in the app, as jets dev does.
func writeLog(t *testing.T, appDir, function string, events ...logstore.Event) {
	t.Helper()
	w, err := logstore.OpenWriter(logstore.Path(devserver.LogDir(stateDir(appDir)), function))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Write(events...); err != nil {
		t.Fatal(err)
	}
}

func ev(at time.Time, msg string) logstore.Event {
	return logstore.Event{Timestamp: at.UnixMilli(), Message: msg, Stream: "2026/11/29/[$LATEST]abc"}
}

func TestLogsShowsAFunctionsLines(t *testing.T) {
	dir := newTestApp(t)
	now := time.Now()
	writeLog(t, dir, "demo-dev-clerk_job-file",
		ev(now.Add(-2*time.Hour), "START old"),
		ev(now.Add(-time.Minute), "START RequestId: 1 Version: $LATEST"),
		ev(now.Add(-time.Minute), `event {"Records":[]}`),
		ev(now.Add(-time.Minute), "END RequestId: 1"),
	)
	for _, name := range []string{"clerk_job-file", "demo-dev-clerk_job-file", "/aws/lambda/demo-dev-clerk_job-file"} {
		r := run(t, "-C", dir, "logs", "-n", name).must(t)
		if r.stderr != "Showing logs for /aws/lambda/demo-dev-clerk_job-file\n" {
			t.Errorf("-n %s: stderr %q", name, r.stderr)
		}
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		if len(lines) != 3 || !strings.HasSuffix(lines[1], ` UTC event {"Records":[]}`) {
			t.Errorf("-n %s: default --since 10m shows:\n%s", name, r.stdout)
		}
	}
	// The only function is the default; --since reaches back; Ruby's
	// --log-group-name is -n.
	r := run(t, "-C", dir, "logs", "--since", "3h").must(t)
	if !strings.Contains(r.stdout, "START old") {
		t.Errorf("--since 3h:\n%s", r.stdout)
	}
	r = run(t, "-C", dir, "logs", "--log-group-name", "/aws/lambda/demo-dev-clerk_job-file", "--since", "all").must(t)
	if strings.Count(r.stdout, "\n") != 4 {
		t.Errorf("--since all:\n%s", r.stdout)
	}
	r = run(t, "-C", dir, "logs", "--filter-pattern", "?START ?END -old", "--format", "detailed", "--since", "1d").must(t)
	if strings.Count(r.stdout, "\n") != 2 || !strings.Contains(r.stdout, " 2026/11/29/[$LATEST]abc START RequestId: 1") {
		t.Errorf("filter + detailed:\n%s", r.stdout)
	}
	r = run(t, "-C", dir, "logs", "--format", "json", "--filter-pattern", "%^event%").must(t)
	var e logstore.Event
	if err := json.Unmarshal([]byte(strings.TrimSpace(r.stdout)), &e); err != nil || e.Message != `event {"Records":[]}` {
		t.Errorf("--format json: %v\n%s", err, r.stdout)
	}
	r = run(t, "-C", dir, "logs", "--since", "10s").must(t)
	if r.stdout != "" || !strings.Contains(r.stderr, "no log lines since 10s") {
		t.Errorf("--since 10s: %q %q", r.stdout, r.stderr)
	}
}

func TestLogsSaysWhatToDoWhenThereAreNone(t *testing.T) {
	dir := newTestApp(t)
	run(t, "-C", dir, "logs").fails(t, 1, "no function of this app has run yet", "jets dev", "jets logs -f -n")
	run(t, "-C", dir, "logs", "-n", "clerk_job-file").fails(t, 1,
		"clerk_job-file has not run yet", "jets dev", "put-item", "jets logs -f -n clerk_job-file")

	writeLog(t, dir, "demo-dev-clerk_job-file", ev(time.Now(), "x"))
	writeLog(t, dir, "demo-dev-audit_job-record", ev(time.Now(), "y"))
	run(t, "-C", dir, "logs").fails(t, 2, "name one with -n", "jets logs -n audit_job-record", "jets logs -n clerk_job-file")
	run(t, "-C", dir, "logs", "-n", "clerk_job-fil").fails(t, 1, "clerk_job-fil has not run yet",
		"functions with logs: audit_job-record, clerk_job-file")
	run(t, "-C", dir, "logs", "--filter-pattern", "{ $.level = 1 }").fails(t, 2, "--filter-pattern")

	// Another environment's log, by its deployed name.
	writeLog(t, dir, "demo-prod-clerk_job-file", ev(time.Now(), "from prod"))
	if r := run(t, "-C", dir, "logs", "-n", "/aws/lambda/demo-prod-clerk_job-file").must(t); !strings.Contains(r.stdout, "from prod") {
		t.Errorf("demo-prod log: %q", r.stdout)
	}
}

// jets logs -f waits for a log that does not exist yet, prints lines as they
// are written, and returns cleanly when its context ends (Ctrl-C).
func TestLogsFollow(t *testing.T) {
	dir := newTestApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := newLineWriter(), newLineWriter()
	done := make(chan error, 1)
	go func() {
		done <- runLogs(ctx, dir, logsOptions{name: "clerk_job-file", follow: true, since: "10m", format: "plain", waitExists: true}, out, errOut, time.Now())
	}()
	for _, want := range []string{"Tailing logs for /aws/lambda/demo-dev-clerk_job-file", "clerk_job-file has not run yet; waiting"} {
		if line := next(t, errOut); !strings.HasPrefix(line, want) {
			t.Fatalf("stderr %q, want %q", line, want)
		}
	}
	for i, msg := range []string{"START RequestId: 1", `event {"Records":[]}`} {
		writeLog(t, dir, "demo-dev-clerk_job-file", ev(time.Now(), msg))
		if line := next(t, out); !strings.HasSuffix(line, " UTC "+msg) {
			t.Fatalf("line %d: %q", i, line)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("runLogs after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("jets logs -f did not stop")
	}
	if p := logstore.Path(devserver.LogDir(filepath.Join(dir, ".jets")), "demo-dev-clerk_job-file"); !strings.HasPrefix(p, dir) {
		t.Errorf("log path %s", p)
	}
}

// next returns the next line written to w, within 10 s.
func next(t *testing.T, w *lineWriter) string {
	t.Helper()
	select {
	case line := <-w.lines:
		return line
	case <-time.After(10 * time.Second):
		t.Fatalf("no line within 10s; had: %q", w.Lines())
		return ""
	}
}
