package devserver_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine"
	"github.com/gojets/jets/internal/codegen"
	"github.com/gojets/jets/internal/devserver"
	"github.com/gojets/jets/lambdart"
	"github.com/gojets/jets/lambdart/logstore"
	"github.com/gojets/jets/stream"
	"github.com/gojets/jets/wire"
)

// benchFn builds testdata/benchfn once.
var benchFn = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "benchfn")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "benchfn")
	cmd := exec.Command("go", "build", "-o", bin, "./testdata/benchfn")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("build benchfn: %v\n%s", err, out)
	}
	return bin, nil
})

// pipeline is the stream runtime feeding real function processes, without
// the dev server's build step: an in-memory engine, a table with a stream,
// the local Lambda runtime running benchfn.
type pipeline struct {
	eng *engine.Engine
	rt  *lambdart.Runtime
	arn string
}

func newPipeline(b *testing.B, env map[string]string, concurrency int) *pipeline {
	b.Helper()
	bin, err := benchFn()
	if err != nil {
		b.Fatal(err)
	}
	eng, err := engine.Open(engine.Config{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	on := true
	out, err := eng.CreateTable(context.Background(), &wire.CreateTableInput{
		TableName: "bench-table", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: []wire.AttributeDefinition{{AttributeName: "id", AttributeType: "S"}},
		KeySchema:            []wire.KeySchemaElement{{AttributeName: "id", KeyType: "HASH"}},
		StreamSpecification:  &wire.StreamSpecification{StreamEnabled: &on, StreamViewType: "NEW_AND_OLD_IMAGES"},
	})
	if err != nil {
		b.Fatal(err)
	}
	rt, err := lambdart.New(lambdart.Config{LogDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { rt.Close() })
	fn := lambdart.Function{Name: "bench-fn", Binary: bin, Env: env}
	setConcurrency(&fn, concurrency)
	if err := rt.Add(fn); err != nil {
		b.Fatal(err)
	}
	// Start the environments a steady stream would keep warm: concurrent
	// invocations each take one.
	var wg sync.WaitGroup
	for range max(concurrency, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := rt.Invoke(context.Background(), "bench-fn", []byte(`{"Records":[]}`)); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
	return &pipeline{eng: eng, rt: rt, arn: out.TableDescription.LatestStreamArn}
}

func (p *pipeline) put(b *testing.B, id string) {
	_, err := p.eng.PutItem(context.Background(), &wire.PutItemInput{TableName: "bench-table",
		Item: ddb.Item{"id": ddb.S(id), "payload": ddb.S("some data for the record")}})
	if err != nil {
		b.Fatal(err)
	}
}

// countingInvoker counts the records the function was sent.
type countingInvoker struct {
	rt   *lambdart.Runtime
	mu   sync.Mutex
	n    int
	done chan struct{}
	want int
}

func (c *countingInvoker) Invoke(ctx context.Context, fn string, payload []byte) (stream.Result, error) {
	res, err := c.rt.Invoke(ctx, fn, payload)
	if err != nil || res.FunctionError != "" {
		return stream.Result{FunctionError: res.FunctionError}, err
	}
	n := strings.Count(string(payload), `"eventID"`)
	c.mu.Lock()
	c.n += n
	if c.n >= c.want && c.done != nil {
		close(c.done)
		c.done = nil
	}
	c.mu.Unlock()
	return stream.Result{Payload: res.Payload}, nil
}

// drain runs a mapping over records already in the stream and returns how
// long the function took to receive them all.
func drain(b *testing.B, p *pipeline, records int, m stream.Mapping) time.Duration {
	b.Helper()
	inv := &countingInvoker{rt: p.rt, want: records, done: make(chan struct{})}
	done := inv.done
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m.Function, m.StreamArn = "bench-fn", p.arn
	r := stream.NewRunner(stream.Config{Source: p.eng, Invoker: inv, Logger: slog.New(slog.DiscardHandler)})
	t0 := time.Now()
	go r.Run(ctx, m)
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		b.Fatalf("drained %d of %d records", inv.n, records)
	}
	return time.Since(t0)
}

// BenchmarkNoopThroughput: 10,000 records through a no-op function with
// BatchSize 100 (issue 4's target: ≥ 20,000 records/s).
func BenchmarkNoopThroughput(b *testing.B) {
	const records = 10000
	var total time.Duration
	for range b.N {
		p := newPipeline(b, nil, 1)
		for i := range records {
			p.put(b, fmt.Sprintf("id-%05d", i))
		}
		total += drain(b, p, records, stream.Mapping{BatchSize: 100})
	}
	b.ReportMetric(float64(records*b.N)/total.Seconds(), "records/s")
}

// BenchmarkParallelizationScaling: a handler that sleeps 10 ms per batch,
// ParallelizationFactor 1 against 4 (issue 4's target: ≥ 3× faster with 4).
func BenchmarkParallelizationScaling(b *testing.B) {
	const records = 10000
	rate := map[int]float64{}
	for _, pf := range []int{1, 4} {
		var total time.Duration
		for range b.N {
			p := newPipeline(b, map[string]string{"BENCH_SLEEP": "10ms"}, pf)
			for i := range records {
				p.put(b, fmt.Sprintf("key-%04d", i))
			}
			total += drain(b, p, records, stream.Mapping{BatchSize: 100, ParallelizationFactor: pf})
		}
		rate[pf] = float64(records*b.N) / total.Seconds()
	}
	b.ReportMetric(rate[1], "records/s-pf1")
	b.ReportMetric(rate[4], "records/s-pf4")
	b.ReportMetric(rate[4]/rate[1], "x-speedup")
}

// BenchmarkPutToHandler: put-item acknowledged → handler entered, at 100
// writes/s with the default options (issue 3's target: p50 ≤ 5 ms, p99 ≤ 25
// ms). The peer is the same pipeline polling as LocalStack does (every
// second, no wake-up on new records).
func BenchmarkPutToHandler(b *testing.B) {
	const writes = 200
	for _, peer := range []struct {
		name string
		poll time.Duration
		src  func(*engine.Engine) stream.Source
	}{
		{"jets", 0, func(e *engine.Engine) stream.Source { return e }},
		{"poll-1s", time.Second, func(e *engine.Engine) stream.Source { return pollOnly{e} }},
	} {
		b.Run(peer.name, func(b *testing.B) {
			var lat []time.Duration
			for range b.N {
				p := newPipeline(b, map[string]string{"BENCH_PRINT": "1"}, 1)
				ctx, cancel := context.WithCancel(context.Background())
				r := stream.NewRunner(stream.Config{Source: peer.src(p.eng), Invoker: invokerOf(p.rt), Logger: slog.New(slog.DiscardHandler)})
				go r.Run(ctx, stream.Mapping{Function: "bench-fn", StreamArn: p.arn, PollInterval: peer.poll})
				acked := map[string]int64{}
				tick := time.NewTicker(10 * time.Millisecond)
				for i := range writes {
					<-tick.C
					id := fmt.Sprintf("w-%04d", i)
					p.put(b, id)
					acked[id] = time.Now().UnixNano()
				}
				tick.Stop()
				entered := waitEntered(b, p.rt.LogPath("bench-fn"), writes)
				cancel()
				for id, t := range acked {
					lat = append(lat, time.Duration(max(entered[id]-t, 0)))
				}
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// pollOnly hides the engine's wake-ups, so consumers only poll.
type pollOnly struct{ e *engine.Engine }

func (p pollOnly) DescribeStream(ctx context.Context, in *wire.DescribeStreamInput) (*wire.DescribeStreamOutput, error) {
	return p.e.DescribeStream(ctx, in)
}
func (p pollOnly) GetShardIterator(ctx context.Context, in *wire.GetShardIteratorInput) (*wire.GetShardIteratorOutput, error) {
	return p.e.GetShardIterator(ctx, in)
}
func (p pollOnly) GetRecords(ctx context.Context, in *wire.GetRecordsInput) (*wire.GetRecordsOutput, error) {
	return p.e.GetRecords(ctx, in)
}

func invokerOf(rt *lambdart.Runtime) stream.Invoker {
	return stream.InvokerFunc(func(ctx context.Context, fn string, payload []byte) (stream.Result, error) {
		res, err := rt.Invoke(ctx, fn, payload)
		return stream.Result{Payload: res.Payload, FunctionError: res.FunctionError, ErrorMessage: res.ErrorMessage}, err
	})
}

// waitEntered reads "entered <id> <ns>" lines from the function's log until
// n ids are there.
func waitEntered(b *testing.B, path string, n int) map[string]int64 {
	deadline := time.Now().Add(time.Minute)
	for {
		got := map[string]int64{}
		evs, _ := logstore.Read(path, logstore.Query{})
		for _, e := range evs {
			f := strings.Fields(e.Message)
			if len(f) == 3 && f[0] == "entered" {
				ns, _ := strconv.ParseInt(f[2], 10, 64)
				got[f[1]] = ns
			}
		}
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			b.Fatalf("handler entered for %d of %d writes", len(got), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// BenchmarkWarmRestart: a source change in a running jets dev → functions
// restarted on the new build (issue 3's target: ≤ 2 s).
func BenchmarkWarmRestart(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "demo")
	if _, err := codegen.NewApp(dir, "demo", codegen.AppOptions{}); err != nil {
		b.Fatal(err)
	}
	if _, err := codegen.GenerateJob(dir, codegen.JobOptions{Name: "clerk", Method: "file"}); err != nil {
		b.Fatal(err)
	}
	out := &syncBuffer{}
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go devserver.Run(ctx, devserver.Config{AppDir: dir, InMemory: true, Out: out, Watch: true,
		WatchInterval: 50 * time.Millisecond, Getenv: func(string) string { return "" },
		Ready: func(e string) { ready <- e }})
	select {
	case <-ready:
	case <-time.After(3 * time.Minute):
		b.Fatalf("not ready:\n%s", out)
	}
	job := filepath.Join(dir, "app", "jobs", "clerk_job.go")
	var total time.Duration
	b.ResetTimer()
	for i := range b.N {
		before := strings.Count(out.String(), "restarted")
		f, err := os.OpenFile(job, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		fmt.Fprintf(f, "\n// change %d\n", i)
		f.Close()
		for strings.Count(out.String(), "restarted") == before {
			if time.Since(t0) > time.Minute {
				b.Fatalf("no restart:\n%s", out)
			}
			time.Sleep(5 * time.Millisecond)
		}
		total += time.Since(t0)
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "s/restart")
	_ = io.Discard
}
