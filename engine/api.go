package engine

// THIS FILE IS THE CONTRACT between the engine and its callers (ddbhttp,
// tests, the CLI). Exported signatures are fixed; bodies are to be
// implemented. Move code into files per concept as it grows.

import (
	"context"
	"log/slog"
	"time"

	"github.com/gojets/jets/wire"
)

// Config configures an Engine. Zero values take the defaults shown.
type Config struct {
	// Dir is where data lives (Pebble files and a LOCK file). Required
	// unless InMemory.
	Dir string
	// InMemory keeps everything in memory (Pebble's in-memory filesystem).
	InMemory bool
	// Region is used in ARNs when a request carries none (default
	// "us-east-1").
	Region string
	// AccountID is used in ARNs (default "000000000000").
	AccountID string
	// Now is the clock seam (default time.Now).
	Now func() time.Time
	// Stream settings; see streamlog.Config (defaults 4h, 24h, 15m).
	ShardRolloverPeriod time.Duration
	StreamRetention     time.Duration
	IteratorTTL         time.Duration
	Logger              *slog.Logger
}

// Engine is the embedded DynamoDB-compatible engine. All methods are safe
// for concurrent use. Errors are *ddb.Error with DynamoDB's codes and
// messages; anything else is an internal error.
type Engine struct{}

// Open opens (or creates) the engine's data. A second Open of the same Dir,
// in this process or another, fails at once with an error that says the
// directory is in use (ErrLocked).
func Open(cfg Config) (*Engine, error) { panic("engine: not implemented") }

// Close flushes and closes storage. Acknowledged writes are already durable.
func (e *Engine) Close() error { panic("engine: not implemented") }

type regionKey struct{}

// WithRegion returns a context whose requests use region in ARNs and stream
// records (the HTTP server takes it from the SigV4 credential scope).
func WithRegion(ctx context.Context, region string) context.Context {
	return context.WithValue(ctx, regionKey{}, region)
}

// regionFrom returns the request's region, or def.
func regionFrom(ctx context.Context, def string) string {
	if r, ok := ctx.Value(regionKey{}).(string); ok && r != "" {
		return r
	}
	return def
}

// Control plane.

func (e *Engine) CreateTable(ctx context.Context, in *wire.CreateTableInput) (*wire.CreateTableOutput, error) {
	panic("engine: not implemented")
}
func (e *Engine) DescribeTable(ctx context.Context, in *wire.DescribeTableInput) (*wire.DescribeTableOutput, error) {
	panic("engine: not implemented")
}
func (e *Engine) ListTables(ctx context.Context, in *wire.ListTablesInput) (*wire.ListTablesOutput, error) {
	panic("engine: not implemented")
}
func (e *Engine) UpdateTable(ctx context.Context, in *wire.UpdateTableInput) (*wire.UpdateTableOutput, error) {
	panic("engine: not implemented")
}
func (e *Engine) DeleteTable(ctx context.Context, in *wire.DeleteTableInput) (*wire.DeleteTableOutput, error) {
	panic("engine: not implemented")
}

// Items.

func (e *Engine) PutItem(ctx context.Context, in *wire.PutItemInput) (*wire.PutItemOutput, error) {
	panic("engine: not implemented")
}
func (e *Engine) GetItem(ctx context.Context, in *wire.GetItemInput) (*wire.GetItemOutput, error) {
	panic("engine: not implemented")
}
func (e *Engine) UpdateItem(ctx context.Context, in *wire.UpdateItemInput) (*wire.UpdateItemOutput, error) {
	panic("engine: not implemented")
}
func (e *Engine) DeleteItem(ctx context.Context, in *wire.DeleteItemInput) (*wire.DeleteItemOutput, error) {
	panic("engine: not implemented")
}

// DynamoDB Streams.

func (e *Engine) ListStreams(ctx context.Context, in *wire.ListStreamsInput) (*wire.ListStreamsOutput, error) {
	panic("engine: not implemented")
}
func (e *Engine) DescribeStream(ctx context.Context, in *wire.DescribeStreamInput) (*wire.DescribeStreamOutput, error) {
	panic("engine: not implemented")
}
func (e *Engine) GetShardIterator(ctx context.Context, in *wire.GetShardIteratorInput) (*wire.GetShardIteratorOutput, error) {
	panic("engine: not implemented")
}
func (e *Engine) GetRecords(ctx context.Context, in *wire.GetRecordsInput) (*wire.GetRecordsOutput, error) {
	panic("engine: not implemented")
}
