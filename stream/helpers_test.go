package stream_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine"
	"github.com/gojets/jets/stream"
	"github.com/gojets/jets/wire"
)

// clock is a movable clock shared by the engine and the runner.
type clock struct{ ns atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.ns.Store(time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC).UnixNano())
	return c
}
func (c *clock) Now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }
func (c *clock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

// env is an in-memory engine with one stream-enabled table.
type env struct {
	t     *testing.T
	e     *engine.Engine
	clock *clock
	table string
	arn   string
}

func newEnv(t *testing.T, cfg engine.Config) *env {
	t.Helper()
	c := newClock()
	cfg.InMemory = true
	if cfg.Now == nil {
		cfg.Now = c.Now
	}
	e, err := engine.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	en := &env{t: t, e: e, clock: c, table: "orders"}
	enabled := true
	out, err := e.CreateTable(context.Background(), &wire.CreateTableInput{
		TableName:            en.table,
		AttributeDefinitions: []wire.AttributeDefinition{{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "N"}},
		KeySchema:            []wire.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
		BillingMode:          "PAY_PER_REQUEST",
		StreamSpecification:  &wire.StreamSpecification{StreamEnabled: &enabled, StreamViewType: "NEW_AND_OLD_IMAGES"},
	})
	if err != nil {
		t.Fatal(err)
	}
	en.arn = out.TableDescription.LatestStreamArn
	return en
}

func (en *env) put(pk string, sk int, attrs ...string) {
	en.t.Helper()
	item := ddb.Item{"pk": ddb.S(pk), "sk": ddb.N(fmt.Sprint(sk))}
	for i := 0; i+1 < len(attrs); i += 2 {
		item[attrs[i]] = ddb.S(attrs[i+1])
	}
	if _, err := en.e.PutItem(context.Background(), &wire.PutItemInput{TableName: en.table, Item: item}); err != nil {
		en.t.Fatal(err)
	}
}

// recorder is an Invoker that records every event and answers with a
// function of the event.
type recorder struct {
	mu      sync.Mutex
	calls   []events.DynamoDBEvent
	raw     [][]byte
	changed chan struct{}
	answer  func(ev events.DynamoDBEvent, raw []byte) stream.Result
}

func newRecorder(answer func(events.DynamoDBEvent, []byte) stream.Result) *recorder {
	if answer == nil {
		answer = func(events.DynamoDBEvent, []byte) stream.Result { return stream.Result{} }
	}
	return &recorder{answer: answer, changed: make(chan struct{}, 1)}
}

func (r *recorder) Invoke(_ context.Context, _ string, payload []byte) (stream.Result, error) {
	var ev events.DynamoDBEvent
	if err := json.Unmarshal(payload, &ev); err != nil {
		return stream.Result{}, err
	}
	r.mu.Lock()
	r.calls = append(r.calls, ev)
	r.raw = append(r.raw, payload)
	res := r.answer(ev, payload)
	r.mu.Unlock()
	select {
	case r.changed <- struct{}{}:
	default:
	}
	return res, nil
}

// waitFor waits until cond holds, checking after each invocation.
func (r *recorder) waitFor(t *testing.T, what string, cond func(calls []events.DynamoDBEvent) bool) []events.DynamoDBEvent {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		r.mu.Lock()
		calls := append([]events.DynamoDBEvent(nil), r.calls...)
		r.mu.Unlock()
		if cond(calls) {
			return calls
		}
		select {
		case <-r.changed:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			t.Fatalf("timed out waiting for %s; %d invocations", what, len(calls))
		}
	}
}

// delivered lists the successfully processed records' sort keys, in
// invocation order, for answers that fail nothing.
func sortKeys(calls []events.DynamoDBEvent) []string {
	var out []string
	for _, c := range calls {
		for _, r := range c.Records {
			out = append(out, r.Change.Keys["pk"].String()+"/"+r.Change.Keys["sk"].Number())
		}
	}
	return out
}

func countRecords(calls []events.DynamoDBEvent) int {
	n := 0
	for _, c := range calls {
		n += len(c.Records)
	}
	return n
}

// run starts a runner for m until the test ends.
func run(t *testing.T, cfg stream.Config, m stream.Mapping) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.RetryBackoff == 0 {
		cfg.RetryBackoff = time.Millisecond
		cfg.MaxBackoff = 5 * time.Millisecond
	}
	if cfg.ShardDiscovery == 0 {
		cfg.ShardDiscovery = 10 * time.Millisecond
	}
	if m.PollInterval == 0 {
		m.PollInterval = 5 * time.Millisecond
	}
	go func() { done <- stream.NewRunner(cfg).Run(ctx, m) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil && err != context.Canceled {
			t.Errorf("runner: %v", err)
		}
	})
}

func intp(i int) *int { return &i }
