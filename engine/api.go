package engine

// THIS FILE IS THE CONTRACT between the engine and its callers (ddbhttp,
// tests, the CLI). Exported signatures are fixed; bodies are to be
// implemented. Move code into files per concept as it grows.

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/cockroachdb/pebble/v2"
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
//
// Tables are ACTIVE as soon as CreateTable returns; there is no CREATING or
// UPDATING phase.
type Engine struct {
	cfg    Config
	logger *slog.Logger
	db     *pebble.DB
	lock   *pebble.Lock // nil in memory
	log    streamLog
	sync   *syncer
	// wake wakes stream readers (StreamChanged).
	wake streamWake

	// mu is the write lock: every change to items or tables happens under
	// it, so stream sequence numbers are applied in order.
	mu sync.Mutex
	// tmu guards tables and the mutable parts of each table's metadata.
	tmu    sync.RWMutex
	tables map[string]*table
	nextID uint64

	// closeMu: requests hold it shared; Close holds it exclusively.
	closeMu sync.RWMutex
	closed  bool
}

// Open opens (or creates) the engine's data. A second Open of the same Dir,
// in this process or another, fails at once with an error that says the
// directory is in use (ErrLocked).
func Open(cfg Config) (*Engine, error) { return open(cfg) }

// Close flushes and closes storage. Acknowledged writes are already durable.
func (e *Engine) Close() error { return e.close() }

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
