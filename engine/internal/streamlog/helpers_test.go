package streamlog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

const region = "us-east-1"

// clock is a settable clock for Config.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2026, 11, 29, 12, 0, 0, 123_000_000, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is a Log over a real Pebble, with the engine's side played by
// the helpers: batches applied, then Durable called.
type fixture struct {
	t     testing.TB
	db    *pebble.DB
	log   *Log
	clock *clock
	cfg   Config
}

func openMemDB(t testing.TB, fs vfs.FS, dir string) *pebble.DB {
	t.Helper()
	db, err := pebble.Open(dir, &pebble.Options{FS: fs, Logger: quietLogger{}})
	if err != nil {
		t.Fatalf("open pebble: %v", err)
	}
	return db
}

func newFixture(t testing.TB, opts ...func(*Config)) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: newClock(), db: openMemDB(t, vfs.NewMem(), "")}
	f.cfg = Config{Now: f.clock.Now}
	for _, o := range opts {
		o(&f.cfg)
	}
	f.open()
	t.Cleanup(func() {
		if f.log != nil {
			f.log.Close()
		}
		if f.db != nil {
			f.db.Close()
		}
	})
	return f
}

func (f *fixture) open() {
	f.t.Helper()
	l, err := Open(f.db, f.cfg)
	if err != nil {
		f.t.Fatalf("open log: %v", err)
	}
	f.log = l
}

func (f *fixture) commit(b *pebble.Batch) {
	f.t.Helper()
	if err := b.Commit(pebble.NoSync); err != nil {
		f.t.Fatalf("commit: %v", err)
	}
	b.Close()
}

var hashKey = []wire.KeySchemaElement{{AttributeName: "id", KeyType: "HASH"}}

func (f *fixture) enable(table, viewType string) StreamRef {
	f.t.Helper()
	return f.enableKeys(table, viewType, hashKey)
}

func (f *fixture) enableKeys(table, viewType string, ks []wire.KeySchemaElement) StreamRef {
	f.t.Helper()
	b := f.db.NewBatch()
	ref, err := f.log.Enable(b, TableInfo{Name: table, KeySchema: ks}, viewType)
	if err != nil {
		f.t.Fatalf("enable: %v", err)
	}
	f.commit(b)
	return ref
}

func (f *fixture) disable(ref StreamRef) {
	f.t.Helper()
	b := f.db.NewBatch()
	if err := f.log.Disable(b, ref); err != nil {
		f.t.Fatalf("disable: %v", err)
	}
	f.commit(b)
}

// put appends a change and makes it durable.
func (f *fixture) put(ref StreamRef, c Change) uint64 {
	f.t.Helper()
	b := f.db.NewBatch()
	seq, err := f.log.Append(b, ref, c)
	if err != nil {
		f.t.Fatalf("append: %v", err)
	}
	f.commit(b)
	f.log.Durable(seq)
	return seq
}

func (f *fixture) insert(ref StreamRef, id string) uint64 {
	f.t.Helper()
	it := ddb.Item{"id": ddb.S(id)}
	return f.put(ref, Change{Keys: it, New: it})
}

func (f *fixture) arn(ref StreamRef) string { return ref.ARN(region, "000000000000") }

func (f *fixture) describe(arn string) wire.StreamDescription {
	f.t.Helper()
	out, err := f.log.DescribeStream(context.Background(), region, &wire.DescribeStreamInput{StreamArn: arn})
	if err != nil {
		f.t.Fatalf("describe stream: %v", err)
	}
	return out.StreamDescription
}

func (f *fixture) iterator(arn, shardID, typ string, seq string) string {
	f.t.Helper()
	out, err := f.log.GetShardIterator(context.Background(), region, iterInput(arn, shardID, typ, seq))
	if err != nil {
		f.t.Fatalf("get shard iterator %s: %v", typ, err)
	}
	return out.ShardIterator
}

func iterInput(arn, shardID, typ, seq string) *wire.GetShardIteratorInput {
	in := &wire.GetShardIteratorInput{StreamArn: arn, ShardID: shardID, ShardIteratorType: typ}
	if seq != "" {
		in.SequenceNumber = &seq
	}
	return in
}

// firstIterator returns a TRIM_HORIZON iterator on the stream's first shard.
func (f *fixture) firstIterator(ref StreamRef) string {
	f.t.Helper()
	arn := f.arn(ref)
	return f.iterator(arn, f.describe(arn).Shards[0].ShardID, iterTrimHorizon, "")
}

func (f *fixture) records(iter string, limit int) *wire.GetRecordsOutput {
	f.t.Helper()
	in := &wire.GetRecordsInput{ShardIterator: iter}
	if limit > 0 {
		in.Limit = &limit
	}
	out, err := f.log.GetRecords(context.Background(), region, in)
	if err != nil {
		f.t.Fatalf("get records: %v", err)
	}
	return out
}

// wantCode fails unless err is a *ddb.Error with code (and, if given, a
// message containing want).
func wantCode(t testing.TB, err error, code ddb.Code, want string) {
	t.Helper()
	var e *ddb.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v, want a *ddb.Error %s", err, code)
	}
	if e.Code != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
	if want != "" && !strings.Contains(e.Message, want) {
		t.Fatalf("error message %q does not contain %q", e.Message, want)
	}
}

// quietLogger keeps Pebble's informational lines out of test output.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any)           {}
func (quietLogger) Errorf(format string, a ...any) {}
func (quietLogger) Fatalf(format string, a ...any) { panic(fmt.Sprintf(format, a...)) }

// noRollover keeps one shard per stream for the length of a test.
func noRollover(c *Config) { c.RolloverPeriod = 1000 * time.Hour }

func ptr[T any](v T) *T { return &v }
