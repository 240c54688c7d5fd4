package lambdart

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gojets/jets/lambdart/logstore"
)

const testFn = "demo-dev-clerk_job-file"

func testFunction(mod ...func(*Function)) Function {
	fn := Function{
		Name:      testFn,
		ShortName: "clerk_job-file",
		Binary:    fnBinary,
		Timeout:   time.Second,
		Env:       map[string]string{"AWS_ENDPOINT_URL": "http://127.0.0.1:8000"},
	}
	for _, m := range mod {
		m(&fn)
	}
	return fn
}

func newRuntime(t *testing.T, fns ...Function) *Runtime {
	t.Helper()
	if len(fns) == 0 {
		fns = []Function{testFunction()}
	}
	rt, err := New(Config{LogDir: t.TempDir(), Functions: fns})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := rt.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return rt
}

type reply struct {
	Echo      any               `json:"echo"`
	Env       map[string]string `json:"env"`
	RequestID string            `json:"requestId"`
	Slept     int               `json:"slept"`
	PID       int               `json:"pid"`
	Start     int64             `json:"start"`
	End       int64             `json:"end"`
}

// invoke invokes with a JSON payload and fails the test on a Go error.
func invoke(t *testing.T, rt *Runtime, name string, payload any) (Result, reply) {
	t.Helper()
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := rt.Invoke(ctx, name, b)
	if err != nil {
		t.Fatalf("invoke %s: %v", b, err)
	}
	var r reply
	if !res.Failed() {
		if err := json.Unmarshal(res.Payload, &r); err != nil {
			t.Fatalf("response %s: %v", res.Payload, err)
		}
	}
	return res, r
}

func pid(t *testing.T, rt *Runtime) int {
	t.Helper()
	res, r := invoke(t, rt, testFn, map[string]any{"action": "pid"})
	if res.Failed() || r.PID == 0 {
		t.Fatalf("pid: %+v", res)
	}
	return r.PID
}

func wantFunctionError(t *testing.T, res Result, typ string, msg *regexp.Regexp) {
	t.Helper()
	if res.FunctionError != "Unhandled" || res.ErrorType != typ || !msg.MatchString(res.ErrorMessage) {
		t.Fatalf("result = %+v; want Unhandled %s %q", res, typ, msg)
	}
	var doc errorDoc
	if err := json.Unmarshal(res.Payload, &doc); err != nil || doc.ErrorType != typ || doc.ErrorMessage != res.ErrorMessage {
		t.Fatalf("error payload %s: %v", res.Payload, err)
	}
}

// waitLog follows the function's log until it holds a message matching
// until, and returns every message so far.
func waitLog(t *testing.T, rt *Runtime, until *regexp.Regexp) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var msgs []string
	errFound := errors.New("found")
	err := logstore.Follow(ctx, rt.LogPath(testFn), logstore.Query{}, func(e logstore.Event) error {
		msgs = append(msgs, e.Message)
		if until.MatchString(e.Message) {
			return errFound
		}
		return nil
	})
	if err != errFound {
		t.Fatalf("log never showed %q; it has:\n%s", until, strings.Join(msgs, "\n"))
	}
	return msgs
}

func reportFor(id string) *regexp.Regexp {
	return regexp.MustCompile(`^REPORT RequestId: ` + id + `\t`)
}

func TestEchoAndEnvironment(t *testing.T) {
	t.Setenv("JETS_TEST_LEAK", "x")
	t.Setenv("AWS_PROFILE", "real-account")
	rt := newRuntime(t)
	res, r := invoke(t, rt, "clerk_job-file", map[string]any{"action": "echo", "data": map[string]any{"k": "v"}})
	if res.Failed() {
		t.Fatalf("echo failed: %+v", res)
	}
	if fmt.Sprint(r.Echo) != "map[k:v]" || r.RequestID != res.RequestID || res.Duration <= 0 {
		t.Fatalf("echo = %+v, result %+v", r, res)
	}
	want := map[string]string{
		"AWS_LAMBDA_FUNCTION_NAME":        testFn,
		"AWS_LAMBDA_FUNCTION_VERSION":     "$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
		"AWS_LAMBDA_LOG_GROUP_NAME":       "/aws/lambda/" + testFn,
		"AWS_REGION":                      "us-east-1",
		"AWS_DEFAULT_REGION":              "us-east-1",
		"_HANDLER":                        "bootstrap",
		"TZ":                              ":UTC",
		"AWS_ENDPOINT_URL":                "http://127.0.0.1:8000",
	}
	for k, v := range want {
		if r.Env[k] != v {
			t.Errorf("%s = %q, want %q", k, r.Env[k], v)
		}
	}
	if !regexp.MustCompile(`^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$`).MatchString(r.Env["AWS_LAMBDA_LOG_STREAM_NAME"]) {
		t.Errorf("log stream name %q", r.Env["AWS_LAMBDA_LOG_STREAM_NAME"])
	}
	if r.Env["LAMBDA_TASK_ROOT"] == "" || r.Env["AWS_ACCESS_KEY_ID"] == "" {
		t.Errorf("env lacks LAMBDA_TASK_ROOT or credentials: %v", r.Env)
	}
	for _, leak := range []string{"JETS_TEST_LEAK", "AWS_PROFILE"} {
		if _, ok := r.Env[leak]; ok {
			t.Errorf("jets's %s leaked into the function", leak)
		}
	}
	// The same process serves the next invocation.
	if a, b := pid(t, rt), pid(t, rt); a != b {
		t.Fatalf("process changed between invocations: %d, %d", a, b)
	}
}

func TestFunctionErrorKeepsProcess(t *testing.T) {
	rt := newRuntime(t)
	before := pid(t, rt)
	res, _ := invoke(t, rt, testFn, map[string]any{"action": "error", "message": "boom"})
	wantFunctionError(t, res, "errorString", regexp.MustCompile(`^boom$`))
	if after := pid(t, rt); after != before {
		t.Fatalf("a returned error restarted the process (%d → %d)", before, after)
	}
}

func TestPanicIsFunctionErrorAndRestarts(t *testing.T) {
	rt := newRuntime(t)
	before := pid(t, rt)
	res, _ := invoke(t, rt, testFn, map[string]any{"action": "panic", "message": "kaboom"})
	wantFunctionError(t, res, "string", regexp.MustCompile(`^kaboom$`))
	if !strings.Contains(string(res.Payload), `"stackTrace"`) {
		t.Errorf("panic payload has no stack trace: %s", res.Payload)
	}
	// lambda.Start exits after a panic: the next invocation gets a new process.
	if after := pid(t, rt); after == before {
		t.Fatalf("process %d survived its panic", before)
	}
	msgs := waitLog(t, rt, regexp.MustCompile(`^Runtime.ExitError$`))
	joined := strings.Join(msgs, "\n")
	if !strings.Contains(joined, "END RequestId: "+res.RequestID+"\nREPORT RequestId: "+res.RequestID) ||
		!strings.Contains(joined, "RequestId: "+res.RequestID+" Error: Runtime exited with error: exit status 1") {
		t.Fatalf("log after a panic:\n%s", joined)
	}
}

func TestTimeoutKillsAndRestarts(t *testing.T) {
	rt := newRuntime(t)
	before := pid(t, rt)
	res, _ := invoke(t, rt, testFn, map[string]any{"action": "sleep", "ms": 30000})
	wantFunctionError(t, res, "Sandbox.Timedout",
		regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z `+res.RequestID+` Task timed out after 1\.00 seconds$`))
	if res.Duration < time.Second {
		t.Errorf("timed out after %v", res.Duration)
	}
	waitGone(t, before)
	if after := pid(t, rt); after == before {
		t.Fatal("timed-out process still serves")
	}
	msgs := waitLog(t, rt, regexp.MustCompile(`Task timed out after 1\.00 seconds$`))
	n := len(msgs)
	if n < 3 || msgs[n-3] != "END RequestId: "+res.RequestID ||
		!reportFor(res.RequestID).MatchString(msgs[n-2]) || !strings.HasSuffix(msgs[n-2], "\tStatus: timeout") {
		t.Fatalf("log after a timeout:\n%s", strings.Join(msgs, "\n"))
	}
}

func TestCrashIsExitErrorAndRestarts(t *testing.T) {
	rt := newRuntime(t)
	before := pid(t, rt)
	res, _ := invoke(t, rt, testFn, map[string]any{"action": "exit", "code": 2})
	wantFunctionError(t, res, "Runtime.ExitError",
		regexp.MustCompile(`^RequestId: `+res.RequestID+` Error: Runtime exited with error: exit status 2$`))
	if after := pid(t, rt); after == before {
		t.Fatal("crashed process still serves")
	}
	msgs := waitLog(t, rt, reportFor(res.RequestID))
	want := []string{
		"START RequestId: " + res.RequestID + " Version: $LATEST",
		"exiting",
		"RequestId: " + res.RequestID + " Error: Runtime exited with error: exit status 2",
		"Runtime.ExitError",
		"END RequestId: " + res.RequestID,
	}
	got := msgs[len(msgs)-len(want)-1 : len(msgs)-1]
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("log after a crash:\n%s", strings.Join(msgs, "\n"))
	}
	if !strings.HasSuffix(msgs[len(msgs)-1], "\tStatus: error\tError Type: Runtime.ExitError") {
		t.Fatalf("REPORT after a crash: %q", msgs[len(msgs)-1])
	}
}

var reportLine = regexp.MustCompile(`^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: [1-9]\d* MB(\tInit Duration: \d+\.\d\d ms)?$`)

// TestLogLinesInOrder checks that the function's own output (stdout and
// stderr) lands between START and END, invocation after invocation, and that
// output before the first invocation comes first.
func TestLogLinesInOrder(t *testing.T) {
	rt := newRuntime(t, testFunction(func(fn *Function) { fn.Env["FN_INIT_PRINT"] = "init line" }))
	var want []string
	want = append(want, "init line")
	var last string
	for i := range 20 {
		lines := []string{fmt.Sprintf("out %d", i), fmt.Sprintf("err %d", i), fmt.Sprintf("out2 %d", i)}
		res, _ := invoke(t, rt, testFn, map[string]any{"action": "print", "lines": lines})
		if res.Failed() {
			t.Fatalf("print: %+v", res)
		}
		want = append(want, "START RequestId: "+res.RequestID+" Version: $LATEST")
		want = append(want, lines...)
		want = append(want, "END RequestId: "+res.RequestID, "REPORT")
		last = res.RequestID
	}
	got := waitLog(t, rt, reportFor(last))
	if len(got) != len(want) {
		t.Fatalf("log has %d lines, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if want[i] == "REPORT" {
			if !reportLine.MatchString(got[i]) {
				t.Fatalf("line %d: %q is not a REPORT line", i, got[i])
			}
			if (i == 6) != strings.Contains(got[i], "Init Duration") {
				t.Fatalf("line %d: Init Duration belongs to the first REPORT only: %q", i, got[i])
			}
			continue
		}
		if got[i] != want[i] {
			t.Fatalf("line %d = %q, want %q\n%s", i, got[i], want[i], strings.Join(got, "\n"))
		}
	}
	events, err := logstore.Read(rt.LogPath(testFn), logstore.Query{})
	if err != nil || events[0].Stream == "" || events[0].Timestamp == 0 {
		t.Fatalf("events: %v %v", events[:1], err)
	}
}

func TestFollowAndFilter(t *testing.T) {
	rt := newRuntime(t)
	filter, err := logstore.ParseFilter(`"hello follow" -ignored`)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	seen := make(chan string, 10)
	done := make(chan error, 1)
	go func() {
		done <- logstore.Follow(ctx, rt.LogPath(testFn), logstore.Query{Filter: filter}, func(e logstore.Event) error {
			seen <- e.Message
			return nil
		})
	}()
	invoke(t, rt, testFn, map[string]any{"action": "print", "lines": []string{"hello follow ignored", "other", "hello follow 1"}})
	select {
	case m := <-seen:
		if m != "hello follow 1" {
			t.Fatalf("followed %q", m)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("follow saw nothing")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-seen:
		t.Fatalf("filter let %q through", m)
	default:
	}
}

// TestInvocationsQueue runs concurrent invocations of a function with one
// environment: they all complete, one at a time (no START before the previous
// END).
func TestInvocationsQueue(t *testing.T) {
	rt := newRuntime(t, testFunction(func(fn *Function) { fn.MaxConcurrency = 1 }))
	var wg sync.WaitGroup
	ids := make(chan string, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := rt.Invoke(context.Background(), testFn, fmt.Appendf(nil, `{"action":"echo","data":%d}`, i))
			if err != nil || res.Failed() {
				t.Errorf("invoke %d: %+v %v", i, res, err)
				return
			}
			ids <- res.RequestID
		}()
	}
	wg.Wait()
	close(ids)
	var last string
	for id := range ids {
		last = id
	}
	// Wait for every REPORT, then check the nesting.
	reports := 0
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	open := ""
	err := logstore.Follow(ctx, rt.LogPath(testFn), logstore.Query{}, func(e logstore.Event) error {
		switch {
		case strings.HasPrefix(e.Message, "START "):
			if open != "" {
				return fmt.Errorf("START while %s runs", open)
			}
			open = e.Message
		case strings.HasPrefix(e.Message, "END "):
			open = ""
		case strings.HasPrefix(e.Message, "REPORT "):
			if reports++; reports == 8 {
				return context.Canceled
			}
		}
		return nil
	})
	if err != context.Canceled {
		t.Fatalf("follow: %v (last id %s, %d reports)", err, last, reports)
	}
}

func TestCanceledInvokeLetsItFinish(t *testing.T) {
	rt := newRuntime(t, testFunction(func(fn *Function) { fn.MaxConcurrency = 1 }))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := rt.Invoke(ctx, testFn, []byte(`{"action":"sleep","ms":300}`))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("invoke = %v, want deadline exceeded", err)
	}
	// The next invocation waits for the sleeping one, then runs.
	res, _ := invoke(t, rt, testFn, map[string]any{"action": "echo", "data": "after"})
	if res.Failed() {
		t.Fatalf("after cancel: %+v", res)
	}
}

func TestInitFailure(t *testing.T) {
	rt := newRuntime(t, testFunction(func(fn *Function) { fn.Env["FN_INIT_EXIT"] = "3" }))
	if err := rt.Warm(context.Background(), testFn); err == nil || !strings.Contains(err.Error(), "exit status 3") {
		t.Fatalf("warm = %v", err)
	}
	res, _ := invoke(t, rt, testFn, map[string]any{"action": "echo"})
	wantFunctionError(t, res, "Runtime.ExitError", regexp.MustCompile(`Runtime exited with error: exit status 3$`))
	msgs := waitLog(t, rt, regexp.MustCompile(`^INIT_REPORT .*\tStatus: error\tError Type: Runtime.ExitError$`))
	if !strings.Contains(strings.Join(msgs, "\n"), "init failed") {
		t.Fatalf("log lacks the process's output:\n%s", strings.Join(msgs, "\n"))
	}
}

func TestInvokeErrors(t *testing.T) {
	rt := newRuntime(t, testFunction(), testFunction(func(fn *Function) {
		fn.Name, fn.ShortName, fn.Binary = "missing", "", "/nonexistent/bootstrap"
	}))
	ctx := context.Background()
	if _, err := rt.Invoke(ctx, "nope", nil); !errors.Is(err, ErrUnknownFunction) {
		t.Errorf("unknown function: %v", err)
	}
	if _, err := rt.Invoke(ctx, "missing", []byte(`{}`)); err == nil || !strings.Contains(err.Error(), "/nonexistent/bootstrap") {
		t.Errorf("missing binary: %v", err)
	}
	if _, err := rt.Invoke(ctx, testFn, make([]byte, maxRequest+1)); err == nil {
		t.Error("oversized payload: want an error")
	}
	if err := rt.Add(testFunction()); err == nil {
		t.Error("adding a name twice: want an error")
	}
	if _, err := New(Config{}); err == nil {
		t.Error("New without LogDir: want an error")
	}
}

func TestRestartAndReplace(t *testing.T) {
	rt := newRuntime(t)
	ctx := context.Background()
	if err := rt.Warm(ctx, testFn); err != nil {
		t.Fatal(err)
	}
	first := pid(t, rt)
	if err := rt.Restart(ctx, "clerk_job-file"); err != nil {
		t.Fatal(err)
	}
	waitGone(t, first)
	second := pid(t, rt)
	if second == first {
		t.Fatal("restart kept the process")
	}
	fn := testFunction(func(fn *Function) { fn.Env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9999"; fn.MemoryMB = 256 })
	if err := rt.Replace(ctx, fn); err != nil {
		t.Fatal(err)
	}
	_, r := invoke(t, rt, testFn, map[string]any{"action": "echo"})
	if r.Env["AWS_ENDPOINT_URL"] != "http://127.0.0.1:9999" || r.Env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] != "256" {
		t.Fatalf("replace did not apply: %v", r.Env)
	}
	if fns := rt.Functions(); len(fns) != 1 || fns[0].MemoryMB != 256 || fns[0].Timeout != time.Second {
		t.Fatalf("Functions = %+v", fns)
	}
	added := testFunction(func(fn *Function) { fn.Name, fn.ShortName = "demo-dev-other", "other" })
	if err := rt.Replace(ctx, added); err != nil {
		t.Fatal(err)
	}
	if res, _ := invoke(t, rt, "other", map[string]any{"action": "echo"}); res.Failed() {
		t.Fatalf("added function: %+v", res)
	}
}

// TestCloseLeavesNoProcesses: Close kills the function's process and what it
// started (its process group).
func TestCloseLeavesNoProcesses(t *testing.T) {
	rt, err := New(Config{LogDir: t.TempDir(), Functions: []Function{testFunction()}})
	if err != nil {
		t.Fatal(err)
	}
	parent := pid(t, rt)
	_, r := invoke(t, rt, testFn, map[string]any{"action": "spawn"})
	if r.PID == 0 {
		t.Fatal("spawn returned no pid")
	}
	if err := rt.Close(); err != nil {
		t.Fatal(err)
	}
	waitGone(t, parent)
	waitGone(t, r.PID)
	if _, err := rt.Invoke(context.Background(), testFn, nil); !errors.Is(err, ErrClosed) {
		t.Fatalf("invoke after close: %v", err)
	}
}

// waitGone waits until pid no longer runs (gone, or a zombie nobody reaped).
func waitGone(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !gone(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("process %d still runs", pid)
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
}

func gone(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return true
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return os.IsNotExist(err)
	}
	// The state follows the parenthesized command name.
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	return i > 0 && len(s) > i+2 && (s[i+2] == 'Z' || s[i+2] == 'X')
}
