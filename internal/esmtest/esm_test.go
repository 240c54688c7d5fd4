package esmtest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gojets/jets/stream"
)

// E9: MaximumRetryAttempts 1 → 2 invocations, then a failure record with
// approximateInvokeCount 2 and functionError Unhandled; the shard is blocked
// until then, and later records flow afterwards.
func TestRetriesBlockThenDestination(t *testing.T) {
	h := newHarness(t, options{})
	h.put("bad", "fail", "always")
	h.run(stream.Mapping{MaximumRetryAttempts: intp(1)})
	h.waitFor("the failure record", func() bool { return len(h.dest.Failures()) == 1 })
	h.put("good")
	h.waitFor("the next record", func() bool { return count(h.got(), "good") == 1 })
	if got := h.got(); !slices.Equal(got, []string{"bad", "bad", "good"}) {
		t.Errorf("function got %v, want bad twice (blocking) then good", got)
	}
	f := h.dest.Failures()[0].Record
	if f.RequestContext.ApproximateInvokeCount != 2 || f.RequestContext.Condition != stream.RetryAttemptsExhausted ||
		f.ResponseContext.FunctionError == nil || *f.ResponseContext.FunctionError != "Unhandled" || f.DDBStreamBatchInfo.BatchSize != 1 {
		t.Errorf("failure record: %+v", f)
	}
}

// E10: a partial batch failure rewinds to the lowest reported record and
// retries everything from it; when retries run out the failure record has
// functionError null.
func TestPartialBatchFailure(t *testing.T) {
	h := newHarness(t, options{})
	h.put("a")
	h.put("b", "partial", "yes")
	h.put("c")
	h.run(stream.Mapping{FunctionResponseTypes: []string{stream.ReportBatchItemFailures}, MaximumRetryAttempts: intp(1)})
	h.waitFor("the failure record", func() bool { return len(h.dest.Failures()) == 1 })
	// a,b,c → b reported: b,c again (a fresh batch) → b reported → retry → give up.
	got := h.got()
	if count(got, "a") != 1 || count(got, "b") < 3 || count(got, "c") < 2 {
		t.Errorf("function got %v; want a once and b, c retried from the lowest failure", got)
	}
	f := h.dest.Failures()[0].Record
	if f.ResponseContext.FunctionError != nil {
		t.Errorf("functionError = %q, want null for a partial failure", *f.ResponseContext.FunctionError)
	}
}

// The poison record: with bisect and MaximumRetryAttempts 2 it is
// isolated and sent to the destination with approximateInvokeCount 3, and
// every other record of the shard is processed, in order.
func TestBisectIsolatesPoisonRecord(t *testing.T) {
	h := newHarness(t, options{})
	var want []string
	for i := range 16 {
		id := fmt.Sprintf("r%02d", i)
		if i == 11 {
			h.put(id, "fail", "always")
			continue
		}
		h.put(id)
		want = append(want, id)
	}
	h.run(stream.Mapping{BisectBatchOnFunctionError: true, MaximumRetryAttempts: intp(2)})
	h.waitFor("every other record", func() bool { return len(h.dest.Failures()) == 1 && len(h.processed()) == len(want) })
	f := h.dest.Failures()[0].Record
	if f.DDBStreamBatchInfo.BatchSize != 1 || f.RequestContext.ApproximateInvokeCount != 3 {
		t.Errorf("failure record batchSize %d invokeCount %d, want 1 and 3", f.DDBStreamBatchInfo.BatchSize, f.RequestContext.ApproximateInvokeCount)
	}
	if got := h.processed(); !slices.Equal(got, want) {
		t.Errorf("processed %v, want %v", got, want)
	}
}

// E11: records older than MaximumRecordAgeInSeconds go to the destination
// with condition RecordAgeExceeded; younger ones are processed.
func TestMaximumRecordAge(t *testing.T) {
	h := newHarness(t, options{})
	h.put("old")
	h.clock.Advance(2 * time.Minute)
	h.put("young")
	h.run(stream.Mapping{MaximumRecordAgeInSeconds: intp(60)})
	h.waitFor("the young record", func() bool { return count(h.got(), "young") == 1 })
	if count(h.got(), "old") != 0 {
		t.Errorf("the old record was delivered: %v", h.got())
	}
	if fs := h.dest.Failures(); len(fs) != 1 || fs[0].Record.RequestContext.Condition != stream.RecordAgeExceeded {
		t.Errorf("failures %+v, want one RecordAgeExceeded", fs)
	}
}

// E12: a filter drops records before the function; filtered records count
// as processed (the checkpoint moves past them).
func TestFilterCriteria(t *testing.T) {
	h := newHarness(t, options{})
	h.put("red-1", "color", "red")
	h.put("blue-1", "color", "blue")
	h.put("red-2", "color", "red")
	h.run(stream.Mapping{FilterPatterns: []string{`{"eventName":["INSERT"],"dynamodb":{"NewImage":{"color":{"S":["red"]}}}}`}})
	h.waitFor("red records", func() bool { return len(h.got()) == 2 })
	h.put("blue-2", "color", "blue")
	h.put("red-3", "color", "red")
	h.waitFor("red-3", func() bool { return count(h.got(), "red-3") == 1 })
	if got := h.got(); !slices.Equal(got, []string{"red-1", "red-2", "red-3"}) {
		t.Errorf("function got %v", got)
	}
}

// E13: ParallelizationFactor runs batches of one shard at once, but never two
// of one partition key, and keeps each key's order.
func TestParallelizationFactor(t *testing.T) {
	h := newHarness(t, options{})
	keys := 8
	for round := range 10 {
		for k := range keys {
			h.put(fmt.Sprintf("k%d", k), "round", fmt.Sprint(round))
		}
	}
	h.run(stream.Mapping{ParallelizationFactor: 4, BatchSize: 4})
	h.waitFor("every record", func() bool { return len(h.got()) >= keys*10 })
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.overlap != "" {
		t.Errorf("key %s was in two invocations at once", h.overlap)
	}
	for k, s := range h.sent {
		if len(s) != 10 || !slices.IsSortedFunc(s, func(a, b string) int { return strings.Compare(a, b) }) {
			t.Errorf("key %s: sequence numbers %v out of order or missing", k, s)
		}
	}
	if h.maxBusy < 2 {
		t.Errorf("batches never ran concurrently (at most %d at once)", h.maxBusy)
	}
}

// E14: a tumbling window carries its state from invocation to invocation and
// ends with a final invoke.
func TestTumblingWindow(t *testing.T) {
	h := newHarness(t, options{env: map[string]string{"ESMFN_MODE": "window"}})
	for i := range 5 {
		h.put(fmt.Sprintf("w%d", i))
	}
	h.run(stream.Mapping{TumblingWindowInSeconds: 1})
	h.waitFor("the final invoke", func() bool {
		for _, l := range h.lines("window ") {
			if strings.Contains(l, "final=true") {
				return true
			}
		}
		return false
	})
	lines := h.lines("window ")
	last := lines[len(lines)-1]
	if !strings.HasSuffix(last, "final=true count=5") {
		t.Errorf("window invocations %v; want the final one to carry count=5", lines)
	}
}

// A function that runs past its timeout is stopped and restarted, and the
// batch counts as a function error.
func TestFunctionTimeout(t *testing.T) {
	h := newHarness(t, options{timeout: time.Second})
	h.put("slow", "sleep", "3000")
	h.run(stream.Mapping{MaximumRetryAttempts: intp(0)})
	h.waitFor("the timeout's failure record", func() bool { return len(h.dest.Failures()) == 1 })
	h.put("fast")
	h.waitFor("the next record in a new process", func() bool { return count(h.got(), "fast") == 1 })
	if fe := h.dest.Failures()[0].Record.ResponseContext.FunctionError; fe == nil || *fe != "Unhandled" {
		t.Errorf("functionError = %v, want Unhandled", fe)
	}
	if lines := h.lines(""); !strings.Contains(strings.Join(lines, "\n"), "Task timed out after 1.00 seconds") {
		t.Errorf("the log does not say the task timed out:\n%s", strings.Join(lines, "\n"))
	}
}

// A disabled mapping keeps its checkpoint and resumes from it.
func TestDisabledMappingResumes(t *testing.T) {
	h := newHarness(t, options{})
	h.put("one")
	stop := h.run(stream.Mapping{})
	h.waitFor("one", func() bool { return count(h.got(), "one") == 1 })
	h.waitCheckpointed()
	stop()
	off := false
	stop = h.run(stream.Mapping{Enabled: &off})
	h.put("two")
	stop() // Run returns at once on cancel; a disabled mapping read nothing
	if count(h.got(), "two") != 0 {
		t.Fatalf("a disabled mapping delivered: %v", h.got())
	}
	h.run(stream.Mapping{})
	h.waitFor("two", func() bool { return count(h.got(), "two") == 1 })
	if got := h.got(); !slices.Equal(got, []string{"one", "two"}) {
		t.Errorf("function got %v, want one then two (no replay)", got)
	}
}

// Regression (floci #3412): a checkpoint behind the trim horizon must not
// wedge the mapping.
func TestCheckpointBehindTrimHorizon(t *testing.T) {
	h := newHarness(t, options{})
	h.put("early")
	stop := h.run(stream.Mapping{})
	h.waitFor("early", func() bool { return count(h.got(), "early") == 1 })
	h.waitCheckpointed()
	stop()
	h.put("lost") // never processed before it is trimmed
	h.clock.Advance(25 * time.Hour)
	h.put("late")
	h.run(stream.Mapping{})
	h.waitFor("late", func() bool { return count(h.got(), "late") == 1 })
}

// Regression (floci #2076): after a restart, new sequence numbers are above
// the persisted checkpoints, so new records are not skipped.
func TestRestartKeepsCheckpointsAndSequence(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, options{dir: dir})
	h.put("before")
	stop := h.run(stream.Mapping{})
	h.waitFor("before", func() bool { return count(h.got(), "before") == 1 })
	h.waitCheckpointed()
	stop()
	if err := h.eng.Close(); err != nil {
		t.Fatal(err)
	}
	h.openEngine(dir)
	h.cps = &stream.TableCheckpoints{API: h.eng, Table: "jets-checkpoints"}
	h.put("after")
	h.run(stream.Mapping{})
	h.waitFor("after", func() bool { return count(h.got(), "after") == 1 })
	if got := h.got(); !slices.Equal(got, []string{"before", "after"}) {
		t.Errorf("function got %v, want before then after, nothing replayed", got)
	}
}
