package engine

import (
	"context"

	"github.com/gojets/jets/wire"
)

// ListStreams lists the streams of every table, or of one (which must
// exist).
func (e *Engine) ListStreams(ctx context.Context, in *wire.ListStreamsInput) (*wire.ListStreamsOutput, error) {
	done, err := e.enter()
	if err != nil {
		return nil, err
	}
	defer done()
	if n := in.TableName; n != nil && validName(*n) && len(*n) >= 3 && len(*n) <= 255 && e.lookup(*n) == nil {
		return nil, tableNotFound(*n)
	}
	return e.log.ListStreams(ctx, regionFrom(ctx, e.cfg.Region), in)
}

// DescribeStream describes a stream and its shards. A deleted table's
// streams stay describable for the retention period.
func (e *Engine) DescribeStream(ctx context.Context, in *wire.DescribeStreamInput) (*wire.DescribeStreamOutput, error) {
	done, err := e.enter()
	if err != nil {
		return nil, err
	}
	defer done()
	return e.log.DescribeStream(ctx, regionFrom(ctx, e.cfg.Region), in)
}

// GetShardIterator returns an iterator over a shard.
func (e *Engine) GetShardIterator(ctx context.Context, in *wire.GetShardIteratorInput) (*wire.GetShardIteratorOutput, error) {
	done, err := e.enter()
	if err != nil {
		return nil, err
	}
	defer done()
	return e.log.GetShardIterator(ctx, regionFrom(ctx, e.cfg.Region), in)
}

// GetRecords reads records at an iterator.
func (e *Engine) GetRecords(ctx context.Context, in *wire.GetRecordsInput) (*wire.GetRecordsOutput, error) {
	done, err := e.enter()
	if err != nil {
		return nil, err
	}
	defer done()
	return e.log.GetRecords(ctx, regionFrom(ctx, e.cfg.Region), in)
}
