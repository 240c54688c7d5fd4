package stream_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gojets/jets/engine"
	"github.com/gojets/jets/stream"
	"github.com/gojets/jets/wire"
)

// checkpointOf returns the checkpoint of the stream's only open shard.
func checkpointOf(t *testing.T, cps stream.CheckpointStore, en *env) (string, bool) {
	t.Helper()
	shard := openShard(t, en)
	cp, ok, err := cps.Get(context.Background(), "f|"+en.arn, shard)
	if err != nil {
		t.Fatal(err)
	}
	return cp.SequenceNumber, ok
}

func openShard(t *testing.T, en *env) string {
	t.Helper()
	out, err := en.e.DescribeStream(context.Background(), &wire.DescribeStreamInput{StreamArn: en.arn})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range out.StreamDescription.Shards {
		if s.SequenceNumberRange.EndingSequenceNumber == "" {
			return s.ShardID
		}
	}
	t.Fatal("no open shard")
	return ""
}

// lastSequence is the sequence number of the newest record of the open shard.
func lastSequence(t *testing.T, en *env) string {
	t.Helper()
	ctx := context.Background()
	it, err := en.e.GetShardIterator(ctx, &wire.GetShardIteratorInput{StreamArn: en.arn, ShardID: openShard(t, en), ShardIteratorType: "TRIM_HORIZON"})
	if err != nil {
		t.Fatal(err)
	}
	last := ""
	iter := it.ShardIterator
	for {
		out, err := en.e.GetRecords(ctx, &wire.GetRecordsInput{ShardIterator: iter})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Records) == 0 {
			return last
		}
		last = out.Records[len(out.Records)-1].Dynamodb.SequenceNumber
		iter = out.NextShardIterator
	}
}

func TestCheckpointsResumeAfterRestart(t *testing.T) {
	en := newEnv(t, engine.Config{})
	cps := &stream.TableCheckpoints{API: en.e, Table: "jets-checkpoints"}
	if err := cps.EnsureTable(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := cps.EnsureTable(context.Background()); err != nil {
		t.Fatalf("EnsureTable is not idempotent: %v", err)
	}
	for i := range 10 {
		en.put("k", i)
	}
	m := stream.Mapping{Function: "f", StreamArn: en.arn, PollInterval: 5 * time.Millisecond}
	first := newRecorder(nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- stream.NewRunner(stream.Config{Source: en.e, Invoker: first, Checkpoints: cps}).Run(ctx, m)
	}()
	first.waitFor(t, "10 records", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 10 })
	waitCheckpoint(t, cps, en)
	cancel()
	<-done

	for i := 10; i < 15; i++ {
		en.put("k", i)
	}
	second := newRecorder(nil)
	run(t, stream.Config{Source: en.e, Invoker: second, Checkpoints: cps}, m)
	calls := second.waitFor(t, "5 new records", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 5 })
	if got := sortKeys(calls); !slices.Equal(got, []string{"k/10", "k/11", "k/12", "k/13", "k/14"}) {
		t.Errorf("after restart got %v, want only the new records", got)
	}
}

func waitCheckpoint(t *testing.T, cps stream.CheckpointStore, en *env) {
	t.Helper()
	want := lastSequence(t, en)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if cp, _ := checkpointOf(t, cps, en); cp == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("checkpoint never reached %s", want)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestTableCheckpointsNeverMoveBackwards(t *testing.T) {
	en := newEnv(t, engine.Config{})
	cps := &stream.TableCheckpoints{API: en.e, Table: "checkpoints"}
	ctx := context.Background()
	if err := cps.EnsureTable(ctx); err != nil {
		t.Fatal(err)
	}
	for _, seq := range []string{"100000000000000000020", "100000000000000000010", "99"} {
		if err := cps.Put(ctx, "m", "s", stream.Checkpoint{SequenceNumber: seq}); err != nil {
			t.Fatal(err)
		}
	}
	cp, ok, err := cps.Get(ctx, "m", "s")
	if err != nil || !ok || cp.SequenceNumber != "100000000000000000020" {
		t.Fatalf("checkpoint = %+v %v %v", cp, ok, err)
	}
}

func TestParentShardDrainedBeforeChild(t *testing.T) {
	c := newClock()
	en := newEnv(t, engine.Config{Now: c.Now, ShardRolloverPeriod: time.Hour})
	en.clock = c
	for i := range 5 {
		en.put("k", i)
	}
	c.Advance(2 * time.Hour) // the next write rolls the shard over
	for i := 5; i < 10; i++ {
		en.put("k", i)
	}
	out, err := en.e.DescribeStream(context.Background(), &wire.DescribeStreamInput{StreamArn: en.arn})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.StreamDescription.Shards) < 2 {
		t.Fatalf("want a closed parent and a child shard, got %+v", out.StreamDescription.Shards)
	}
	rec := newRecorder(nil)
	run(t, stream.Config{Source: en.e, Invoker: rec, Now: c.Now}, stream.Mapping{Function: "f", StreamArn: en.arn})
	calls := rec.waitFor(t, "10 records", func(c []events.DynamoDBEvent) bool { return countRecords(c) >= 10 })
	want := []string{"k/0", "k/1", "k/2", "k/3", "k/4", "k/5", "k/6", "k/7", "k/8", "k/9"}
	if got := sortKeys(calls); !slices.Equal(got, want) {
		t.Errorf("got %v, want parent's records before the child's", got)
	}
}

func TestTumblingWindowCarriesState(t *testing.T) {
	en := newEnv(t, engine.Config{})
	for i := range 3 {
		en.put("k", i)
	}
	type call struct {
		records int
		state   map[string]string
		final   bool
	}
	var mu sync.Mutex
	var calls []call
	rec := newRecorder(func(ev events.DynamoDBEvent, raw []byte) stream.Result {
		var w events.DynamoDBTimeWindowEvent
		_ = json.Unmarshal(raw, &w)
		mu.Lock()
		calls = append(calls, call{len(w.Records), w.State, w.IsFinalInvokeForWindow})
		mu.Unlock()
		n := len(w.State["count"]) + len(w.Records) // count in unary
		resp := events.DynamoDBTimeWindowEventResponse{}
		resp.State = map[string]string{"count": string(make([]byte, n))}
		b, _ := json.Marshal(resp)
		return stream.Result{Payload: b}
	})
	run(t, stream.Config{Source: en.e, Invoker: rec, Now: en.clock.Now}, stream.Mapping{
		Function: "f", StreamArn: en.arn, TumblingWindowInSeconds: 1,
	})
	rec.waitFor(t, "the final invoke", func([]events.DynamoDBEvent) bool {
		mu.Lock()
		defer mu.Unlock()
		return len(calls) > 0 && calls[len(calls)-1].final
	})
	mu.Lock()
	defer mu.Unlock()
	last := calls[len(calls)-1]
	if last.records != 0 || len(last.state["count"]) != 3 {
		t.Errorf("final invoke: %d records, state count %d; want 0 and 3 (calls %+v)", last.records, len(last.state["count"]), calls)
	}
}

func TestMappingValidation(t *testing.T) {
	for _, tc := range []struct {
		m    stream.Mapping
		want string
	}{
		{stream.Mapping{Function: "f", StreamArn: "a", BatchSize: 10001}, "Member must have value less than or equal to 10000"},
		{stream.Mapping{Function: "f", StreamArn: "a", StartingPosition: "AT_TIMESTAMP"}, "Unsupported starting position for arn type: a"},
		{stream.Mapping{Function: "f", StreamArn: "a", StartingPosition: "NOPE"}, "Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]"},
		{stream.Mapping{Function: "f", StreamArn: "a", MaximumRecordAgeInSeconds: intp(59)}, "greater than or equal to 60"},
		{stream.Mapping{Function: "f", StreamArn: "a", ParallelizationFactor: 11}, "less than or equal to 10"},
		{stream.Mapping{Function: "f"}, "Unrecognized event source."},
	} {
		err := tc.m.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%+v) = %v, want %q", tc.m, err, tc.want)
		}
	}
}
