package stream_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gojets/jets/engine"
	"github.com/gojets/jets/stream"
)

func TestDeliversEveryRecordInOrderInBatches(t *testing.T) {
	en := newEnv(t, engine.Config{})
	for i := range 250 {
		en.put("k", i)
	}
	rec := newRecorder(nil)
	run(t, stream.Config{Source: en.e, Invoker: rec}, stream.Mapping{Function: "f", StreamArn: en.arn})
	calls := rec.waitFor(t, "250 records", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 250 })
	var want []string
	for i := range 250 {
		want = append(want, fmt.Sprintf("k/%d", i))
	}
	if got := sortKeys(calls); !slices.Equal(got, want) {
		t.Fatalf("records out of order or duplicated: %v", got)
	}
	for _, c := range calls {
		if len(c.Records) > 100 {
			t.Errorf("batch of %d records exceeds BatchSize 100", len(c.Records))
		}
		for _, r := range c.Records {
			if r.EventSourceArn != en.arn || r.EventSource != "aws:dynamodb" || r.EventName != "INSERT" {
				t.Fatalf("bad record: %+v", r)
			}
		}
	}
}

func TestRetriesThenDestinationAndShardUnblocks(t *testing.T) {
	en := newEnv(t, engine.Config{})
	dest := &stream.MemoryDestination{}
	rec := newRecorder(func(ev events.DynamoDBEvent, _ []byte) stream.Result {
		for _, r := range ev.Records {
			if r.Change.NewImage["bad"].DataType() == events.DataTypeString {
				return stream.Result{FunctionError: "Unhandled", ErrorMessage: "boom"}
			}
		}
		return stream.Result{}
	})
	en.put("k", 1, "bad", "yes")
	run(t, stream.Config{Source: en.e, Invoker: rec}, stream.Mapping{
		Function: "f", StreamArn: en.arn, MaximumRetryAttempts: intp(1), OnFailure: dest,
	})
	rec.waitFor(t, "two invocations", func(c []events.DynamoDBEvent) bool { return len(c) >= 2 })
	en.put("k", 2)
	calls := rec.waitFor(t, "the next record", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 3 })
	if len(calls) != 3 || len(calls[2].Records) != 1 || calls[2].Records[0].Change.Keys["sk"].Number() != "2" {
		t.Fatalf("want 2 invokes of the bad batch then the good record, got %v", sortKeys(calls))
	}
	fs := dest.Failures()
	if len(fs) != 1 {
		t.Fatalf("want 1 failure record, got %d", len(fs))
	}
	f := fs[0].Record
	if f.RequestContext.Condition != stream.RetryAttemptsExhausted || f.RequestContext.ApproximateInvokeCount != 2 ||
		f.ResponseContext.FunctionError == nil || *f.ResponseContext.FunctionError != "Unhandled" ||
		f.DDBStreamBatchInfo.BatchSize != 1 || f.DDBStreamBatchInfo.StreamArn != en.arn || f.Version != "1.0" ||
		f.ResponseContext.StatusCode != 200 || f.ResponseContext.ExecutedVersion != "$LATEST" {
		t.Errorf("failure record: %+v", f)
	}
	b, _ := json.Marshal(f)
	for _, key := range []string{`"requestContext"`, `"approximateArrivalOfFirstRecord"`, `"DDBStreamBatchInfo"`, `"functionArn":"arn:aws:lambda:`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("failure record JSON lacks %s: %s", key, b)
		}
	}
}

func TestPartialBatchResponses(t *testing.T) {
	success := []string{`[]`, `null`, `{}`, `{"batchItemFailures":[]}`, `{"batchItemFailures":null}`}
	for _, body := range success {
		t.Run("success "+body, func(t *testing.T) {
			en := newEnv(t, engine.Config{})
			for i := range 3 {
				en.put("k", i)
			}
			rec := newRecorder(func(events.DynamoDBEvent, []byte) stream.Result { return stream.Result{Payload: []byte(body)} })
			run(t, stream.Config{Source: en.e, Invoker: rec}, stream.Mapping{
				Function: "f", StreamArn: en.arn, FunctionResponseTypes: []string{stream.ReportBatchItemFailures},
			})
			rec.waitFor(t, "3 records", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 3 })
			en.put("k", 3)
			calls := rec.waitFor(t, "record 4", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 4 })
			if got := sortKeys(calls); !slices.Equal(got, []string{"k/0", "k/1", "k/2", "k/3"}) {
				t.Errorf("a success form was retried: %v", got)
			}
		})
	}
	failure := []string{`{"batchItemFailures":[{"itemIdentifier":""}]}`, `{"batchItemFailures":[{"itemIdentifier":null}]}`,
		`{"batchItemFailures":[{"foo":123}]}`, `{"batchItemFailures":[{"foo":null}]}`, `{"batchItemFailures":[{"itemIdentifier":"123"}]}`}
	for _, body := range failure {
		t.Run("failure "+body, func(t *testing.T) {
			en := newEnv(t, engine.Config{})
			for i := range 3 {
				en.put("k", i)
			}
			dest := &stream.MemoryDestination{}
			rec := newRecorder(func(events.DynamoDBEvent, []byte) stream.Result { return stream.Result{Payload: []byte(body)} })
			run(t, stream.Config{Source: en.e, Invoker: rec}, stream.Mapping{
				Function: "f", StreamArn: en.arn, FunctionResponseTypes: []string{stream.ReportBatchItemFailures},
				MaximumRetryAttempts: intp(1), OnFailure: dest,
			})
			calls := rec.waitFor(t, "2 whole-batch invokes", func(c []events.DynamoDBEvent) bool { return len(c) >= 2 && len(dest.Failures()) == 1 })
			for _, c := range calls[:2] {
				if len(c.Records) != 3 {
					t.Errorf("whole batch not retried: %d records", len(c.Records))
				}
			}
			if f := dest.Failures()[0].Record; f.ResponseContext.FunctionError != nil || f.DDBStreamBatchInfo.BatchSize != 3 {
				t.Errorf("failure record: functionError %v batchSize %d; want null and 3", f.ResponseContext.FunctionError, f.DDBStreamBatchInfo.BatchSize)
			}
		})
	}
}

func TestPartialFailureResumesFromLowestSequence(t *testing.T) {
	en := newEnv(t, engine.Config{})
	for i := range 5 {
		en.put("k", i)
	}
	var once sync.Once
	rec := newRecorder(func(ev events.DynamoDBEvent, _ []byte) stream.Result {
		res := stream.Result{}
		once.Do(func() {
			// records 3 and 1 failed: resume from 1
			res.Payload = []byte(fmt.Sprintf(`{"batchItemFailures":[{"itemIdentifier":%q},{"itemIdentifier":%q}]}`,
				ev.Records[3].Change.SequenceNumber, ev.Records[1].Change.SequenceNumber))
		})
		return res
	})
	run(t, stream.Config{Source: en.e, Invoker: rec}, stream.Mapping{
		Function: "f", StreamArn: en.arn, FunctionResponseTypes: []string{stream.ReportBatchItemFailures},
	})
	calls := rec.waitFor(t, "the retry", func(c []events.DynamoDBEvent) bool { return len(c) >= 2 })
	if got := sortKeys(calls[1:2]); !slices.Equal(got, []string{"k/1", "k/2", "k/3", "k/4"}) {
		t.Errorf("retry = %v, want every record from the lowest failure on", got)
	}
}

func TestBisectIsolatesPoisonRecord(t *testing.T) {
	en := newEnv(t, engine.Config{})
	for i := range 8 {
		if i == 5 {
			en.put("k", i, "poison", "yes")
			continue
		}
		en.put("k", i)
	}
	dest := &stream.MemoryDestination{}
	var mu sync.Mutex
	var processed []string
	rec := newRecorder(func(ev events.DynamoDBEvent, _ []byte) stream.Result {
		for _, r := range ev.Records {
			if _, ok := r.Change.NewImage["poison"]; ok {
				return stream.Result{FunctionError: "Unhandled", ErrorMessage: "poison"}
			}
		}
		mu.Lock()
		processed = append(processed, sortKeys([]events.DynamoDBEvent{ev})...)
		mu.Unlock()
		return stream.Result{}
	})
	run(t, stream.Config{Source: en.e, Invoker: rec}, stream.Mapping{
		Function: "f", StreamArn: en.arn, BisectBatchOnFunctionError: true, MaximumRetryAttempts: intp(2), OnFailure: dest,
	})
	rec.waitFor(t, "the poison record in the destination", func([]events.DynamoDBEvent) bool { return len(dest.Failures()) == 1 })
	en.put("k", 8)
	rec.waitFor(t, "record 8", func([]events.DynamoDBEvent) bool {
		mu.Lock()
		defer mu.Unlock()
		return len(processed) == 8
	})
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"k/0", "k/1", "k/2", "k/3", "k/4", "k/6", "k/7", "k/8"}; !slices.Equal(processed, want) {
		t.Errorf("processed %v, want %v", processed, want)
	}
	f := dest.Failures()[0].Record
	if f.DDBStreamBatchInfo.BatchSize != 1 || f.RequestContext.ApproximateInvokeCount != 3 {
		t.Errorf("failure record batchSize %d invokeCount %d, want 1 and 3", f.DDBStreamBatchInfo.BatchSize, f.RequestContext.ApproximateInvokeCount)
	}
}

func TestMaximumRecordAge(t *testing.T) {
	en := newEnv(t, engine.Config{})
	en.put("k", 1)
	en.clock.Advance(2 * time.Minute)
	en.put("k", 2)
	dest := &stream.MemoryDestination{}
	rec := newRecorder(nil)
	run(t, stream.Config{Source: en.e, Invoker: rec, Now: en.clock.Now}, stream.Mapping{
		Function: "f", StreamArn: en.arn, MaximumRecordAgeInSeconds: intp(60), OnFailure: dest,
	})
	calls := rec.waitFor(t, "the young record", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 1 })
	if got := sortKeys(calls); !slices.Equal(got, []string{"k/2"}) {
		t.Errorf("delivered %v, want only the young record", got)
	}
	if fs := dest.Failures(); len(fs) != 1 || fs[0].Record.RequestContext.Condition != stream.RecordAgeExceeded {
		t.Errorf("want one RecordAgeExceeded failure, got %+v", fs)
	}
}

func TestFilterDropsAndAdvances(t *testing.T) {
	en := newEnv(t, engine.Config{})
	cps := &stream.MemoryCheckpoints{}
	en.put("k", 1, "color", "red")
	en.put("k", 2, "color", "blue")
	en.put("k", 3, "color", "red")
	rec := newRecorder(nil)
	m := stream.Mapping{Function: "f", StreamArn: en.arn, FilterPatterns: []string{`{"dynamodb":{"NewImage":{"color":{"S":["red"]}}}}`}}
	run(t, stream.Config{Source: en.e, Invoker: rec, Checkpoints: cps}, m)
	calls := rec.waitFor(t, "red records", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 2 })
	if got := sortKeys(calls); !slices.Equal(got, []string{"k/1", "k/3"}) {
		t.Errorf("delivered %v", got)
	}
	en.put("k", 4, "color", "blue") // filtered out: the checkpoint still moves past it
	deadline := time.Now().Add(5 * time.Second)
	for {
		if cp, _ := checkpointOf(t, cps, en); cp != "" {
			last := lastSequence(t, en)
			if cp == last {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("checkpoint did not advance past a filtered record")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestInvalidFilterIsRefused(t *testing.T) {
	en := newEnv(t, engine.Config{})
	err := stream.NewRunner(stream.Config{Source: en.e, Invoker: newRecorder(nil)}).Run(t.Context(),
		stream.Mapping{Function: "f", StreamArn: en.arn, FilterPatterns: []string{`"single-string"`}})
	if err == nil || !strings.Contains(err.Error(), "Invalid filter pattern definition.") {
		t.Fatalf("err = %v", err)
	}
}

func TestParallelizationKeepsPerKeyOrder(t *testing.T) {
	en := newEnv(t, engine.Config{})
	keys := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	for i := range 20 {
		for _, k := range keys {
			en.put(k, i)
		}
	}
	var mu sync.Mutex
	inFlight := map[string]bool{}
	var maxConcurrent, cur int
	violation := ""
	rec := newRecorder(nil)
	inv := stream.InvokerFunc(func(ctx2 context.Context, fn string, payload []byte) (stream.Result, error) {
		var ev events.DynamoDBEvent
		_ = json.Unmarshal(payload, &ev)
		mu.Lock()
		ks := map[string]bool{}
		for _, r := range ev.Records {
			ks[r.Change.Keys["pk"].String()] = true
		}
		for k := range ks {
			if inFlight[k] {
				violation = "key " + k + " in two batches at once"
			}
			inFlight[k] = true
		}
		cur++
		maxConcurrent = max(maxConcurrent, cur)
		mu.Unlock()
		time.Sleep(2 * time.Millisecond)
		mu.Lock()
		for k := range ks {
			delete(inFlight, k)
		}
		cur--
		mu.Unlock()
		return rec.Invoke(ctx2, fn, payload)
	})
	run(t, stream.Config{Source: en.e, Invoker: inv}, stream.Mapping{Function: "f", StreamArn: en.arn, BatchSize: 5, ParallelizationFactor: 4})
	calls := rec.waitFor(t, "all records", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 160 })
	mu.Lock()
	defer mu.Unlock()
	if violation != "" {
		t.Fatal(violation)
	}
	if maxConcurrent < 2 {
		t.Errorf("batches never ran concurrently (max %d)", maxConcurrent)
	}
	perKey := map[string][]string{}
	for _, k := range sortKeys(calls) {
		pk, sk, _ := strings.Cut(k, "/")
		perKey[pk] = append(perKey[pk], sk)
	}
	for k, sks := range perKey {
		for i, sk := range sks {
			if sk != fmt.Sprint(i) {
				t.Fatalf("key %s out of order: %v", k, sks)
			}
		}
	}
}

// With a source that notifies (the engine does), a consumer wakes on a new
// record instead of waiting for its next poll.
func TestNotifierWakesIdleConsumer(t *testing.T) {
	en := newEnv(t, engine.Config{})
	rec := newRecorder(nil)
	run(t, stream.Config{Source: en.e, Invoker: rec}, stream.Mapping{Function: "f", StreamArn: en.arn, PollInterval: time.Hour})
	en.put("k", 1)
	rec.waitFor(t, "the first record", func(c []events.DynamoDBEvent) bool { return countRecords(c) == 1 })
	en.put("k", 2) // the consumer is now idle, polling hourly
	rec.waitFor(t, "the second record without a poll", func(c []events.DynamoDBEvent) bool { return countRecords(c) == 2 })
}

// LATEST skips what is already in the stream; TRIM_HORIZON (the default)
// reads it.
func TestStartingPositionLatest(t *testing.T) {
	en := newEnv(t, engine.Config{})
	en.put("k", 1)
	rec := newRecorder(nil)
	run(t, stream.Config{Source: en.e, Invoker: rec}, stream.Mapping{Function: "f", StreamArn: en.arn, StartingPosition: stream.Latest})
	// LATEST is taken when the mapping first reads the shard; records
	// written from then on arrive. Keep writing until one does.
	for i := 2; ; i++ {
		en.put("k", i)
		rec.mu.Lock()
		n := len(rec.calls)
		rec.mu.Unlock()
		if n > 0 || i > 2000 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	calls := rec.waitFor(t, "a record after LATEST", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 1 })
	for _, k := range sortKeys(calls) {
		if k == "k/1" {
			t.Fatalf("LATEST delivered a record written before the mapping started: %v", sortKeys(calls))
		}
	}
}

// A batch never carries more than 6 MB of event: big records split into
// several invocations even when BatchSize would allow one.
func TestPayloadCap(t *testing.T) {
	en := newEnv(t, engine.Config{})
	big := strings.Repeat("x", 350*1024)
	for i := range 40 { // 40 × ~350 KB of NewImage ≈ 14 MB
		en.put("k", i, "blob", big)
	}
	var sizes []int
	var mu sync.Mutex
	rec := newRecorder(func(_ events.DynamoDBEvent, raw []byte) stream.Result {
		mu.Lock()
		sizes = append(sizes, len(raw))
		mu.Unlock()
		return stream.Result{}
	})
	run(t, stream.Config{Source: en.e, Invoker: rec}, stream.Mapping{Function: "f", StreamArn: en.arn, BatchSize: 1000})
	rec.waitFor(t, "all records", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 40 })
	mu.Lock()
	defer mu.Unlock()
	for _, n := range sizes {
		if n > stream.MaxPayloadBytes {
			t.Errorf("an invocation carried %d bytes, over the 6 MB cap", n)
		}
	}
	if len(sizes) < 3 {
		t.Errorf("%d invocations for ~14 MB of records; the 6 MB cap should split them", len(sizes))
	}
}
