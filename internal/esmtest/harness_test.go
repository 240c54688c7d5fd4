package esmtest

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/aws/aws-lambda-go/events"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine"
	"github.com/gojets/jets/lambdart"
	"github.com/gojets/jets/lambdart/logstore"
	"github.com/gojets/jets/stream"
	"github.com/gojets/jets/wire"
)

var fnBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "esmfn")
	if err != nil {
		panic(err)
	}
	fnBinary = filepath.Join(dir, "esmfn")
	if out, err := exec.Command("go", "build", "-o", fnBinary, "./testdata/esmfn").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build esmfn: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// clock is the engine's and the runner's clock.
type clock struct{ ns atomic.Int64 }

func (c *clock) Now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }
func (c *clock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

// harness is an engine with one stream-enabled table, the local Lambda
// runtime running esmfn, and a stream runner between them.
type harness struct {
	t     *testing.T
	clock *clock
	eng   *engine.Engine
	rt    *lambdart.Runtime
	arn   string
	logs  string
	dest  *stream.MemoryDestination
	cps   stream.CheckpointStore

	mu       sync.Mutex
	inflight map[string]bool     // partition keys in an invocation now
	sent     map[string][]string // sequence numbers sent per key, in invocation order
	overlap  string              // a key found in two invocations at once
	maxBusy  int                 // most invocations at once
	busy     int
	calls    []call // finished invocations, in order
}

// call is one finished invocation: the ids it was sent, and whether it
// failed as a whole.
type call struct {
	ids    []string
	failed bool
}

type options struct {
	env     map[string]string
	timeout time.Duration
	dir     string // engine data dir; "" for memory
}

func newHarness(t *testing.T, o options) *harness {
	t.Helper()
	h := &harness{t: t, clock: &clock{}, logs: t.TempDir(), dest: &stream.MemoryDestination{}}
	h.clock.ns.Store(time.Now().UnixNano())
	h.openEngine(o.dir)
	on := true
	out, err := h.eng.CreateTable(context.Background(), &wire.CreateTableInput{
		TableName: "esm-table", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: []wire.AttributeDefinition{{AttributeName: "id", AttributeType: "S"}},
		KeySchema:            []wire.KeySchemaElement{{AttributeName: "id", KeyType: "HASH"}},
		StreamSpecification:  &wire.StreamSpecification{StreamEnabled: &on, StreamViewType: "NEW_AND_OLD_IMAGES"},
	})
	if err != nil {
		t.Fatal(err)
	}
	h.arn = out.TableDescription.LatestStreamArn
	h.rt, err = lambdart.New(lambdart.Config{LogDir: h.logs})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.rt.Close() })
	if err := h.rt.Add(lambdart.Function{Name: "esm-fn", Binary: fnBinary, Env: o.env, Timeout: o.timeout}); err != nil {
		t.Fatal(err)
	}
	cps := &stream.TableCheckpoints{API: h.eng, Table: "jets-checkpoints"}
	if err := cps.EnsureTable(context.Background()); err != nil {
		t.Fatal(err)
	}
	h.cps = cps
	return h
}

func (h *harness) openEngine(dir string) {
	h.t.Helper()
	cfg := engine.Config{Now: h.clock.Now, Dir: dir, InMemory: dir == ""}
	e, err := engine.Open(cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	h.eng = e
	h.t.Cleanup(func() { e.Close() })
}

// put writes an item with id and extra string/number attributes.
func (h *harness) put(id string, attrs ...string) {
	h.t.Helper()
	item := ddb.Item{"id": ddb.S(id)}
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i] == "sleep" {
			item[attrs[i]] = ddb.N(attrs[i+1])
			continue
		}
		item[attrs[i]] = ddb.S(attrs[i+1])
	}
	if _, err := h.eng.PutItem(context.Background(), &wire.PutItemInput{TableName: "esm-table", Item: item}); err != nil {
		h.t.Fatal(err)
	}
}

// run runs the mapping (function esm-fn, the table's stream) until the
// returned stop is called or the test ends.
func (h *harness) run(m stream.Mapping) (stop func()) {
	h.t.Helper()
	m.Function, m.StreamArn = "esm-fn", h.arn
	if m.OnFailure == nil {
		m.OnFailure = h.dest
	}
	if m.PollInterval == 0 {
		m.PollInterval = 20 * time.Millisecond
	}
	inv := stream.InvokerFunc(func(ctx context.Context, fn string, p []byte) (stream.Result, error) {
		keys, ids := h.enter(p)
		res, err := h.rt.Invoke(ctx, fn, p)
		h.leave(keys, call{ids: ids, failed: err != nil || res.FunctionError != ""})
		return stream.Result{Payload: res.Payload, FunctionError: res.FunctionError, ErrorMessage: res.ErrorMessage}, err
	})
	r := stream.NewRunner(stream.Config{Source: h.eng, Invoker: inv, Checkpoints: h.cps, Now: h.clock.Now,
		Logger: slog.New(slog.DiscardHandler), RetryBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond,
		ShardDiscovery: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); r.Run(ctx, m) }()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	h.t.Cleanup(stop)
	return stop
}

// enter notes an invocation's records as it starts.
func (h *harness) enter(payload []byte) (keys, ids []string) {
	var ev events.DynamoDBEvent
	_ = json.Unmarshal(payload, &ev)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.inflight == nil {
		h.inflight, h.sent = map[string]bool{}, map[string][]string{}
	}
	for _, r := range ev.Records {
		k := r.Change.Keys["id"].String()
		ids = append(ids, k)
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
			if h.inflight[k] {
				h.overlap = k
			}
			h.inflight[k] = true
		}
		h.sent[k] = append(h.sent[k], r.Change.SequenceNumber)
	}
	h.busy++
	h.maxBusy = max(h.maxBusy, h.busy)
	return keys, ids
}

func (h *harness) leave(keys []string, c call) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, k := range keys {
		delete(h.inflight, k)
	}
	h.busy--
	h.calls = append(h.calls, c)
}

// processed lists the ids of the invocations that succeeded, in order.
func (h *harness) processed() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, c := range h.calls {
		if !c.failed {
			out = append(out, c.ids...)
		}
	}
	return out
}

// waitCheckpointed waits until the mapping's checkpoint has moved past the
// newest record of the stream: everything read so far is recorded as
// processed, so stopping now replays nothing.
func (h *harness) waitCheckpointed() {
	h.t.Helper()
	ctx := context.Background()
	h.waitFor("the checkpoint", func() bool {
		out, err := h.eng.DescribeStream(ctx, &wire.DescribeStreamInput{StreamArn: h.arn})
		if err != nil {
			return false
		}
		for _, sh := range out.StreamDescription.Shards {
			it, err := h.eng.GetShardIterator(ctx, &wire.GetShardIteratorInput{StreamArn: h.arn, ShardID: sh.ShardID, ShardIteratorType: "TRIM_HORIZON"})
			if err != nil {
				return false
			}
			recs, err := h.eng.GetRecords(ctx, &wire.GetRecordsInput{ShardIterator: it.ShardIterator})
			if err != nil {
				return false
			}
			if len(recs.Records) == 0 {
				continue
			}
			cp, ok, err := h.cps.Get(ctx, "esm-fn|"+h.arn, sh.ShardID)
			if err != nil || !ok || cp.SequenceNumber != recs.Records[len(recs.Records)-1].Dynamodb.SequenceNumber {
				return false
			}
		}
		return true
	})
}

// got lists the ids the function was sent, in the order its log shows.
func (h *harness) got() []string {
	evs, _ := logstore.Read(logstore.Path(h.logs, "esm-fn"), logstore.Query{})
	var ids []string
	for _, e := range evs {
		if f := strings.Fields(e.Message); len(f) == 3 && f[0] == "got" {
			ids = append(ids, f[1])
		}
	}
	return ids
}

// lines lists the function's log messages with a prefix.
func (h *harness) lines(prefix string) []string {
	evs, _ := logstore.Read(logstore.Path(h.logs, "esm-fn"), logstore.Query{})
	var out []string
	for _, e := range evs {
		if strings.HasPrefix(e.Message, prefix) {
			out = append(out, e.Message)
		}
	}
	return out
}

// waitFor polls cond until it holds or 20 s pass.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s; function got %v; failures %d", what, h.got(), len(h.dest.Failures()))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func count(ids []string, id string) int {
	n := 0
	for _, x := range ids {
		if x == id {
			n++
		}
	}
	return n
}

func intp(i int) *int { return &i }
