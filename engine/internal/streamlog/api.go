package streamlog

// THIS FILE IS THE CONTRACT between the engine and the stream log. The
// exported signatures are fixed; bodies are to be implemented. More files
// and unexported helpers are fine.

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// KeyPrefix is the first byte of every Pebble key the stream log owns. The
// engine keeps all of its own keys outside it.
const KeyPrefix byte = 's'

// Config configures a Log. Zero values take the defaults shown.
type Config struct {
	// Now is the clock seam (default time.Now). Tests move it to force
	// iterator expiry, trimming and shard rollover.
	Now func() time.Time
	// AccountID goes into stream ARNs (default "000000000000").
	AccountID string
	// RolloverPeriod: an open shard closes and a child takes over after it
	// (default 4h).
	RolloverPeriod time.Duration
	// Retention: records older than this are trimmed (default 24h); a
	// disabled stream disappears once all its records are past it.
	Retention time.Duration
	// IteratorTTL: shard iterators expire after it (default 15m).
	IteratorTTL time.Duration
	Logger      *slog.Logger
}

// TableInfo is what the log needs to know about a table.
type TableInfo struct {
	Name      string
	KeySchema []wire.KeySchemaElement
}

// StreamRef identifies one stream of a table: (table name, label) is unique.
type StreamRef struct {
	TableName string
	Label     string // StreamLabel, e.g. 2026-11-29T12:00:00.123
	ViewType  string
}

// ARN returns the stream's ARN for a region and account.
func (s StreamRef) ARN(region, account string) string {
	return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + s.TableName + "/stream/" + s.Label
}

// Change is one item change to record. Old is nil for an insert, New is nil
// for a remove. TTL marks a delete made by TTL expiry (userIdentity).
type Change struct {
	Keys     ddb.Item
	Old, New ddb.Item
	TTL      bool
}

// Log is the durable DynamoDB Streams log: streams, shards, records and
// iterators, stored in Pebble under KeyPrefix.
//
// Write-side methods (Enable, Disable, Append) are called by the engine with
// its write lock held; they add their writes to b, which the engine then
// applies (pebble.NoSync) and later syncs. Records become visible to
// GetRecords only after the engine calls Durable with a sequence at or above
// theirs, so a reader never sees a record that a crash could take back.
type Log struct {
	db  *pebble.DB
	cfg Config
	log *slog.Logger

	// mu guards the metadata below and the sequence allocator.
	mu      sync.Mutex
	streams map[string]*stream // by streamKey(table, label)
	shards  map[uint64]*shard  // by the shard's starting sequence number
	epoch   uint64             // boot epoch: high part of every sequence number
	counter uint64             // low part of the last sequence number handed out

	last    atomic.Uint64 // last sequence number handed out
	durable atomic.Uint64 // records with seq ≤ durable are visible

	// trimMu orders trimming (moving trim points, deleting records) against
	// readers: a reader holds it shared while it checks a shard's trim point
	// and opens its Pebble iterator.
	trimMu sync.RWMutex

	stop      chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

// Open loads the log's state from db. Sequence numbers handed out after Open
// are greater than every sequence number handed out before it, even after a
// crash (e.g. a boot epoch in the high digits, persisted with Sync at Open).
func Open(db *pebble.DB, cfg Config) (*Log, error) { return open(db, cfg) }

// Close stops background work (trimming, rollover).
func (l *Log) Close() error { return l.close() }

// Enable creates a new stream for t (new label, new ARN, one open shard).
// The engine has already checked the A11 rules.
func (l *Log) Enable(b *pebble.Batch, t TableInfo, viewType string) (StreamRef, error) {
	return l.enable(b, t, viewType)
}

// Disable closes every open shard of the stream and marks it DISABLED; it
// stays listed and readable for the retention period.
func (l *Log) Disable(b *pebble.Batch, s StreamRef) error { return l.disable(b, s) }

// Append records c on the stream's open shard (rolling the shard over first
// if its period has passed), with images per the view type, SizeBytes by the
// spec's formula, a fresh eventID and the next sequence number, which it
// returns.
func (l *Log) Append(b *pebble.Batch, s StreamRef, c Change) (seq uint64, err error) {
	return l.append(b, s, c)
}

// Durable makes every record with a sequence number ≤ seq visible.
func (l *Log) Durable(seq uint64) { l.markDurable(seq) }

// LastSeq is the last sequence number handed out (for the engine's syncer).
func (l *Log) LastSeq() uint64 { return l.last.Load() }

// The DynamoDB Streams API. region is the request's region, used in ARNs
// and in each record's awsRegion. Errors are *ddb.Error with the codes and
// messages of spec section A.

func (l *Log) ListStreams(ctx context.Context, region string, in *wire.ListStreamsInput) (*wire.ListStreamsOutput, error) {
	return l.listStreams(ctx, region, in)
}

func (l *Log) DescribeStream(ctx context.Context, region string, in *wire.DescribeStreamInput) (*wire.DescribeStreamOutput, error) {
	return l.describeStream(ctx, region, in)
}

func (l *Log) GetShardIterator(ctx context.Context, region string, in *wire.GetShardIteratorInput) (*wire.GetShardIteratorOutput, error) {
	return l.getShardIterator(ctx, region, in)
}

func (l *Log) GetRecords(ctx context.Context, region string, in *wire.GetRecordsInput) (*wire.GetRecordsOutput, error) {
	return l.getRecords(ctx, region, in)
}
