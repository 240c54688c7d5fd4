package stream

import (
	"context"

	"github.com/gojets/jets/wire"
)

// Source is the part of the DynamoDB Streams API the runtime reads through.
// *engine.Engine implements it; so does the SDK adapter.
type Source interface {
	DescribeStream(ctx context.Context, in *wire.DescribeStreamInput) (*wire.DescribeStreamOutput, error)
	GetShardIterator(ctx context.Context, in *wire.GetShardIteratorInput) (*wire.GetShardIteratorOutput, error)
	GetRecords(ctx context.Context, in *wire.GetRecordsInput) (*wire.GetRecordsOutput, error)
}

// Notifier is implemented by sources that can say when a stream may have new
// records, so consumers wake at once instead of on their next poll.
type Notifier interface {
	// StreamChanged returns a channel that is closed at the next change to
	// the stream's records or shards.
	StreamChanged(streamArn string) <-chan struct{}
}
