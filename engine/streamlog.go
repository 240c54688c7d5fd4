package engine

import (
	"context"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/engine/internal/streamlog"
	"github.com/gojets/jets/wire"
)

// streamLog is what the engine uses of *streamlog.Log.
type streamLog interface {
	Enable(b *pebble.Batch, t streamlog.TableInfo, viewType string) (streamlog.StreamRef, error)
	Disable(b *pebble.Batch, s streamlog.StreamRef) error
	Append(b *pebble.Batch, s streamlog.StreamRef, c streamlog.Change) (uint64, error)
	Durable(seq uint64)
	Close() error

	ListStreams(ctx context.Context, region string, in *wire.ListStreamsInput) (*wire.ListStreamsOutput, error)
	DescribeStream(ctx context.Context, region string, in *wire.DescribeStreamInput) (*wire.DescribeStreamOutput, error)
	GetShardIterator(ctx context.Context, region string, in *wire.GetShardIteratorInput) (*wire.GetShardIteratorOutput, error)
	GetRecords(ctx context.Context, region string, in *wire.GetRecordsInput) (*wire.GetRecordsOutput, error)
}

// openStreamLog opens the stream log over db.
func openStreamLog(db *pebble.DB, cfg Config) (streamLog, error) {
	l, err := streamlog.Open(db, streamlog.Config{
		Now:            cfg.Now,
		AccountID:      cfg.AccountID,
		RolloverPeriod: cfg.ShardRolloverPeriod,
		Retention:      cfg.StreamRetention,
		IteratorTTL:    cfg.IteratorTTL,
		Logger:         cfg.Logger,
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}
