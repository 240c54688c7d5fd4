package lambdart

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gojets/jets/lambdart/logstore"
)

// outcome is what an asynchronous invocation returned.
type outcome struct {
	res Result
	r   reply
	err error
}

// invokeAsync invokes in a goroutine; the outcome arrives on the channel.
func invokeAsync(rt *Runtime, name string, payload any) <-chan outcome {
	ch := make(chan outcome, 1)
	b, _ := json.Marshal(payload)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		var o outcome
		o.res, o.err = rt.Invoke(ctx, name, b)
		if o.err == nil && !o.res.Failed() {
			o.err = json.Unmarshal(o.res.Payload, &o.r)
		}
		ch <- o
	}()
	return ch
}

// invokeAll runs the invocations at once and returns their outcomes, in
// the order of payloads; a Go error or a function error fails the test.
func invokeAll(t *testing.T, rt *Runtime, payloads ...any) []outcome {
	t.Helper()
	chs := make([]<-chan outcome, len(payloads))
	for i, p := range payloads {
		chs[i] = invokeAsync(rt, testFn, p)
	}
	out := make([]outcome, len(payloads))
	for i, ch := range chs {
		out[i] = <-ch
		if out[i].err != nil || out[i].res.Failed() {
			t.Fatalf("invocation %d: %+v %v", i, out[i].res, out[i].err)
		}
	}
	return out
}

// waitAction is the test function's "wait" action.
func waitAction(dir, touch, until string, n int, lines ...string) map[string]any {
	return map[string]any{"action": "wait", "dir": dir, "touch": touch, "until": until, "n": n, "lines": lines}
}

// waitFor polls cond until it holds, failing the test after 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond) // polling a condition with a deadline
	}
}

func fileExists(path string) func() bool {
	return func() bool { _, err := os.Stat(path); return err == nil }
}

// maxOverlap returns the most invocations running at one moment, by the
// start and end times the function reported.
func maxOverlap(outs []outcome) int {
	type edge struct {
		at    int64
		delta int
	}
	var edges []edge
	for _, o := range outs {
		edges = append(edges, edge{o.r.Start, 1}, edge{o.r.End, -1})
	}
	// At equal times, ends come first: touching intervals do not overlap.
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].at != edges[j].at {
			return edges[i].at < edges[j].at
		}
		return edges[i].delta < edges[j].delta
	})
	n, most := 0, 0
	for _, e := range edges {
		n += e.delta
		most = max(most, n)
	}
	return most
}

func pids(outs []outcome) []int {
	var ps []int
	for _, o := range outs {
		if !slices.Contains(ps, o.r.PID) {
			ps = append(ps, o.r.PID)
		}
	}
	sort.Ints(ps)
	return ps
}

func processPIDs(t *testing.T, rt *Runtime) []int {
	t.Helper()
	infos, err := rt.Processes(testFn)
	if err != nil {
		t.Fatal(err)
	}
	var ps []int
	for _, p := range infos {
		ps = append(ps, p.PID)
	}
	sort.Ints(ps)
	return ps
}

// TestConcurrentInvocationsRunInParallel: four invocations that each wait
// until all four are inside the handler can only finish if they run at once,
// in four environments; each environment logs its own START…END blocks in its
// own stream.
func TestConcurrentInvocationsRunInParallel(t *testing.T) {
	rt := newRuntime(t, testFunction(func(fn *Function) { fn.Timeout = 20 * time.Second }))
	dir := t.TempDir()
	const n = 4
	payloads := make([]any, n)
	for i := range n {
		payloads[i] = waitAction(dir, fmt.Sprint(i), "", n, fmt.Sprintf("inv %d", i))
	}
	outs := invokeAll(t, rt, payloads...)
	if got := maxOverlap(outs); got != n {
		t.Errorf("at most %d ran at once, want %d", got, n)
	}
	ps := pids(outs)
	if len(ps) != n {
		t.Fatalf("pids %v: want %d environments", ps, n)
	}
	if got := processPIDs(t, rt); !slices.Equal(got, ps) {
		t.Fatalf("Processes = %v, want %v", got, ps)
	}
	infos, _ := rt.Processes(testFn)
	first, ok, err := rt.Process(testFn)
	if err != nil || !ok || first != infos[0] {
		t.Fatalf("Process = %+v %v %v, want %+v", first, ok, err, infos[0])
	}
	// Each invocation's output lies between its own markers in its stream.
	byID := map[string]int{}
	for i, o := range outs {
		byID[o.res.RequestID] = i
	}
	waitReports(t, rt, n)
	events, err := logstore.Read(rt.LogPath(testFn), logstore.Query{})
	if err != nil {
		t.Fatal(err)
	}
	streams := map[string][]string{}
	for _, e := range events {
		streams[e.Stream] = append(streams[e.Stream], e.Message)
	}
	if len(streams) != n {
		t.Fatalf("%d log streams, want %d", len(streams), n)
	}
	for _, info := range infos {
		msgs := streams[info.LogStream]
		if len(msgs) != 5 {
			t.Fatalf("stream %s:\n%s", info.LogStream, strings.Join(msgs, "\n"))
		}
		id := strings.TrimSuffix(strings.TrimPrefix(msgs[0], "START RequestId: "), " Version: $LATEST")
		i, known := byID[id]
		line := fmt.Sprintf("inv %d", i)
		if !known || msgs[1] != line || msgs[2] != line || msgs[3] != "END RequestId: "+id ||
			!reportFor(id).MatchString(msgs[4]) || !strings.Contains(msgs[4], "Init Duration") {
			t.Fatalf("stream %s:\n%s", info.LogStream, strings.Join(msgs, "\n"))
		}
	}
}

// waitReports waits until the function's log holds n REPORT lines.
func waitReports(t *testing.T, rt *Runtime, n int) {
	t.Helper()
	f, _ := logstore.ParseFilter("REPORT")
	waitFor(t, fmt.Sprintf("%d REPORT lines", n), func() bool {
		events, err := logstore.Read(rt.LogPath(testFn), logstore.Query{Filter: f})
		return err == nil && len(events) >= n
	})
}

// TestMaxConcurrencyOneSerializes: with one environment, concurrent
// invocations run one after the other in the same process.
func TestMaxConcurrencyOneSerializes(t *testing.T) {
	rt := newRuntime(t, testFunction(func(fn *Function) { fn.MaxConcurrency = 1 }))
	payload := map[string]any{"action": "wait", "ms": 20}
	outs := invokeAll(t, rt, payload, payload, payload, payload)
	if got := maxOverlap(outs); got != 1 {
		t.Errorf("%d ran at once, want 1", got)
	}
	if ps := pids(outs); len(ps) != 1 {
		t.Errorf("pids %v: want one environment", ps)
	}
}

// TestMaxConcurrencyCaps: with two environments, four invocations run two at
// a time at most; the first two wait for each other, so two did run at once.
func TestMaxConcurrencyCaps(t *testing.T) {
	rt := newRuntime(t, testFunction(func(fn *Function) { fn.MaxConcurrency = 2; fn.Timeout = 20 * time.Second }))
	dir := t.TempDir()
	var payloads []any
	for i := range 4 {
		p := waitAction(dir, fmt.Sprint(i), "", 2)
		p["ms"] = 20
		payloads = append(payloads, p)
	}
	outs := invokeAll(t, rt, payloads...)
	if got := maxOverlap(outs); got != 2 {
		t.Errorf("at most %d ran at once, want 2", got)
	}
	ps := pids(outs)
	if len(ps) != 2 {
		t.Fatalf("pids %v: want two environments", ps)
	}
	if got := processPIDs(t, rt); !slices.Equal(got, ps) {
		t.Fatalf("Processes = %v, want %v", got, ps)
	}
}

// TestTimeoutStaysInItsEnvironment: an invocation that times out kills its
// own environment only; another environment's invocation, running when the
// timeout strikes, completes.
func TestTimeoutStaysInItsEnvironment(t *testing.T) {
	rt := newRuntime(t) // a timeout of 1 s
	dir := t.TempDir()
	// x touches its file halfway to its timeout, then waits for ever.
	x := waitAction(dir, "x", "never", 0)
	x["ms"] = 500
	xc := invokeAsync(rt, testFn, x)
	waitFor(t, "x to run", fileExists(filepath.Join(dir, "x")))
	yc := invokeAsync(rt, testFn, waitAction(dir, "y", "go", 0, "y line"))
	waitFor(t, "y to run", fileExists(filepath.Join(dir, "y")))
	before := processPIDs(t, rt)
	if len(before) != 2 {
		t.Fatalf("processes %v, want 2", before)
	}
	xo := <-xc
	timedOut := time.Now().UnixNano()
	if xo.err != nil || xo.res.ErrorType != errTimeout {
		t.Fatalf("x = %+v %v, want a timeout", xo.res, xo.err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	yo := <-yc
	if yo.err != nil || yo.res.Failed() {
		t.Fatalf("y = %+v %v", yo.res, yo.err)
	}
	if yo.r.Start >= timedOut || yo.r.End <= timedOut {
		t.Fatalf("y ran %d…%d, not across x's timeout at %d", yo.r.Start, yo.r.End, timedOut)
	}
	for _, p := range before {
		if p != yo.r.PID {
			waitGone(t, p)
		}
	}
	waitFor(t, "only y's environment to be left", func() bool {
		return slices.Equal(processPIDs(t, rt), []int{yo.r.PID})
	})
	msgs := waitLog(t, rt, reportFor(yo.res.RequestID))
	if !slices.Contains(msgs, "y line") {
		t.Fatalf("log lacks y's output:\n%s", strings.Join(msgs, "\n"))
	}
}

// TestReplaceAppliesToAllEnvironments: Replace waits for the invocation in
// progress, holds back a new one, and stops every environment; the next
// invocations run the new configuration in new processes.
func TestReplaceAppliesToAllEnvironments(t *testing.T) {
	rt := newRuntime(t, testFunction(func(fn *Function) { fn.Timeout = 20 * time.Second }))
	dir := t.TempDir()
	old := pids(invokeAll(t, rt, waitAction(dir, "a", "", 2), waitAction(dir, "b", "", 2)))
	if len(old) != 2 {
		t.Fatalf("pids %v, want 2 environments", old)
	}
	yc := invokeAsync(rt, testFn, waitAction(dir, "y", "go", 0))
	waitFor(t, "y to run", fileExists(filepath.Join(dir, "y")))
	s, _ := rt.sandbox(testFn)
	fn := testFunction(func(fn *Function) { fn.Env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9999" })
	replaced := make(chan int64, 1)
	go func() {
		if err := rt.Replace(context.Background(), fn); err != nil {
			t.Error(err)
		}
		replaced <- time.Now().UnixNano()
	}()
	waitFor(t, "replace to hold the function", func() bool { s.mu.Lock(); defer s.mu.Unlock(); return s.gate != nil })
	zc := invokeAsync(rt, testFn, map[string]any{"action": "echo"})
	waitFor(t, "z to queue", func() bool { s.mu.Lock(); defer s.mu.Unlock(); return len(s.waiters) == 1 })
	if err := os.WriteFile(filepath.Join(dir, "go"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	yo := <-yc
	if yo.err != nil || yo.res.Failed() {
		t.Fatalf("y, in progress during Replace = %+v %v", yo.res, yo.err)
	}
	if at := <-replaced; at < yo.r.End {
		t.Fatalf("Replace returned at %d, before y ended at %d", at, yo.r.End)
	}
	zo := <-zc
	if zo.err != nil || zo.r.Env["AWS_ENDPOINT_URL"] != "http://127.0.0.1:9999" {
		t.Fatalf("z after Replace = %+v %v", zo.r, zo.err)
	}
	for _, p := range old {
		waitGone(t, p)
	}
	if got := processPIDs(t, rt); len(got) != 1 || slices.Contains(old, got[0]) {
		t.Fatalf("processes after Replace %v (old %v)", got, old)
	}
}

// TestCloseStopsAllEnvironments: Close kills every environment's process and
// what they started, fails the invocations in progress with
// Runtime.ExitError and the queued one with ErrClosed.
func TestCloseStopsAllEnvironments(t *testing.T) {
	rt, err := New(Config{LogDir: t.TempDir(), Functions: []Function{
		testFunction(func(fn *Function) { fn.MaxConcurrency = 3; fn.Timeout = 20 * time.Second }),
	}})
	if err != nil {
		t.Fatal(err)
	}
	_, r := invoke(t, rt, testFn, map[string]any{"action": "spawn"})
	if r.PID == 0 {
		t.Fatal("spawn returned no pid")
	}
	dir := t.TempDir()
	var running []<-chan outcome
	for i := range 3 {
		running = append(running, invokeAsync(rt, testFn, waitAction(dir, fmt.Sprint(i), "never", 0)))
	}
	waitFor(t, "3 invocations to run", func() bool { e, _ := os.ReadDir(dir); return len(e) == 3 })
	procs := processPIDs(t, rt)
	if len(procs) != 3 {
		t.Fatalf("processes %v, want 3", procs)
	}
	s, _ := rt.sandbox(testFn)
	queued := invokeAsync(rt, testFn, map[string]any{"action": "echo"})
	waitFor(t, "an invocation to queue", func() bool { s.mu.Lock(); defer s.mu.Unlock(); return len(s.waiters) == 1 })
	if err := rt.Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range append(procs, r.PID) {
		// Killed processes (and the orphan, which init reaps) take a moment
		// to disappear after SIGKILL.
		waitGone(t, p)
	}
	for i, ch := range running {
		if o := <-ch; o.err != nil || o.res.ErrorType != errExit {
			t.Errorf("invocation %d in progress at Close = %+v %v", i, o.res, o.err)
		}
	}
	if o := <-queued; !errors.Is(o.err, ErrClosed) {
		t.Errorf("queued invocation at Close = %+v %v", o.res, o.err)
	}
}

// TestIdleEnvironmentsStop: environments idle for the idle timeout stop, but
// the last one stays and serves.
func TestIdleEnvironmentsStop(t *testing.T) {
	rt, err := New(Config{LogDir: t.TempDir(), IdleTimeout: 20 * time.Millisecond, Functions: []Function{
		testFunction(func(fn *Function) { fn.Timeout = 20 * time.Second }),
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rt.Close() })
	dir := t.TempDir()
	ps := pids(invokeAll(t, rt, waitAction(dir, "a", "", 3), waitAction(dir, "b", "", 3), waitAction(dir, "c", "", 3)))
	if len(ps) != 3 {
		t.Fatalf("pids %v, want 3 environments", ps)
	}
	waitFor(t, "idle environments to stop", func() bool { return len(processPIDs(t, rt)) == 1 })
	kept := processPIDs(t, rt)[0]
	for _, p := range ps {
		if p != kept {
			waitGone(t, p)
		}
	}
	if got := pid(t, rt); got != kept {
		t.Fatalf("served by %d, want the kept environment %d", got, kept)
	}
}

// TestQueueIsFIFOAndCancelable: invocations that find every environment
// busy run in arrival order; one whose context ends leaves the queue.
func TestQueueIsFIFOAndCancelable(t *testing.T) {
	rt := newRuntime(t, testFunction(func(fn *Function) { fn.MaxConcurrency = 1; fn.Timeout = 20 * time.Second }))
	s, _ := rt.sandbox(testFn)
	queued := func(n int) func() bool {
		return func() bool { s.mu.Lock(); defer s.mu.Unlock(); return len(s.waiters) == n }
	}
	dir := t.TempDir()
	first := invokeAsync(rt, testFn, waitAction(dir, "first", "go", 0))
	waitFor(t, "the first invocation to run", fileExists(filepath.Join(dir, "first")))
	var chs []<-chan outcome
	for i := range 3 {
		chs = append(chs, invokeAsync(rt, testFn, map[string]any{"action": "wait"}))
		waitFor(t, fmt.Sprintf("invocation %d to queue", i), queued(i+1))
	}
	ctx, cancel := context.WithCancel(context.Background())
	canceled := make(chan error, 1)
	go func() {
		_, err := rt.Invoke(ctx, testFn, []byte(`{"action":"echo"}`))
		canceled <- err
	}()
	waitFor(t, "the cancelable invocation to queue", queued(4))
	cancel()
	if err := <-canceled; !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled while queued: %v", err)
	}
	waitFor(t, "the canceled invocation to leave the queue", queued(3))
	if err := os.WriteFile(filepath.Join(dir, "go"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if o := <-first; o.err != nil || o.res.Failed() {
		t.Fatalf("first: %+v %v", o.res, o.err)
	}
	var last int64
	for i, ch := range chs {
		o := <-ch
		if o.err != nil || o.res.Failed() || o.r.Start <= last {
			t.Fatalf("queued invocation %d: %+v %+v %v (previous started at %d)", i, o.res, o.r, o.err, last)
		}
		last = o.r.Start
	}
}

func TestNegativeMaxConcurrency(t *testing.T) {
	_, err := New(Config{LogDir: t.TempDir(), Functions: []Function{testFunction(func(fn *Function) { fn.MaxConcurrency = -1 })}})
	if err == nil || !regexp.MustCompile(`max concurrency -1`).MatchString(err.Error()) {
		t.Fatalf("New = %v", err)
	}
}
