package ddbhttp

import (
	"context"
	"maps"
	"slices"

	"github.com/gojets/jets/wire"
)

// The X-Amz-Target prefixes of the two APIs.
const (
	dynamoDBPrefix = "DynamoDB_20120810."
	streamsPrefix  = "DynamoDBStreams_20120810."
)

// backend is what the handler serves: the operations of *engine.Engine.
type backend interface {
	CreateTable(context.Context, *wire.CreateTableInput) (*wire.CreateTableOutput, error)
	DescribeTable(context.Context, *wire.DescribeTableInput) (*wire.DescribeTableOutput, error)
	ListTables(context.Context, *wire.ListTablesInput) (*wire.ListTablesOutput, error)
	UpdateTable(context.Context, *wire.UpdateTableInput) (*wire.UpdateTableOutput, error)
	DeleteTable(context.Context, *wire.DeleteTableInput) (*wire.DeleteTableOutput, error)
	PutItem(context.Context, *wire.PutItemInput) (*wire.PutItemOutput, error)
	GetItem(context.Context, *wire.GetItemInput) (*wire.GetItemOutput, error)
	UpdateItem(context.Context, *wire.UpdateItemInput) (*wire.UpdateItemOutput, error)
	DeleteItem(context.Context, *wire.DeleteItemInput) (*wire.DeleteItemOutput, error)
	ListStreams(context.Context, *wire.ListStreamsInput) (*wire.ListStreamsOutput, error)
	DescribeStream(context.Context, *wire.DescribeStreamInput) (*wire.DescribeStreamOutput, error)
	GetShardIterator(context.Context, *wire.GetShardIteratorInput) (*wire.GetShardIteratorOutput, error)
	GetRecords(context.Context, *wire.GetRecordsInput) (*wire.GetRecordsOutput, error)
}

// opFunc decodes a request body, runs the operation and returns its output
// (a pointer to a wire struct) or an error.
type opFunc func(ctx context.Context, body []byte) (any, error)

// adapt turns a typed operation into an opFunc: decode the body into a new
// In, call f, return its *Out.
func adapt[In, Out any](f func(context.Context, *In) (*Out, error)) opFunc {
	return func(ctx context.Context, body []byte) (any, error) {
		in := new(In)
		if err := decode(body, in); err != nil {
			return nil, err
		}
		out, err := f(ctx, in)
		if err != nil {
			return nil, err
		}
		return out, nil
	}
}

// operations is the dispatch table, keyed by the full X-Amz-Target value.
func operations(b backend) map[string]opFunc {
	return map[string]opFunc{
		dynamoDBPrefix + "CreateTable":   adapt(b.CreateTable),
		dynamoDBPrefix + "DescribeTable": adapt(b.DescribeTable),
		dynamoDBPrefix + "ListTables":    adapt(b.ListTables),
		dynamoDBPrefix + "UpdateTable":   adapt(b.UpdateTable),
		dynamoDBPrefix + "DeleteTable":   adapt(b.DeleteTable),
		dynamoDBPrefix + "PutItem":       adapt(b.PutItem),
		dynamoDBPrefix + "GetItem":       adapt(b.GetItem),
		dynamoDBPrefix + "UpdateItem":    adapt(b.UpdateItem),
		dynamoDBPrefix + "DeleteItem":    adapt(b.DeleteItem),

		streamsPrefix + "ListStreams":      adapt(b.ListStreams),
		streamsPrefix + "DescribeStream":   adapt(b.DescribeStream),
		streamsPrefix + "GetShardIterator": adapt(b.GetShardIterator),
		streamsPrefix + "GetRecords":       adapt(b.GetRecords),
	}
}

// Operations lists the X-Amz-Target values the handler serves.
func (h *Handler) Operations() []string {
	return slices.Sorted(maps.Keys(h.ops))
}
