package ddbhttp

import (
	"context"
	"errors"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// stub is a backend for wire-level tests that need outcomes the real engine
// cannot produce on demand (panics, internal errors) or that must run before
// the engine exists. Table names select the outcome.
type stub struct {
	// quiet turns the outcomes off: every operation succeeds.
	quiet bool
}

var _ backend = stub{}

func (s stub) outcome(table string) error {
	if s.quiet {
		return nil
	}
	switch table {
	case "panic":
		panic("stub: boom")
	case "internal":
		return errors.New("stub: disk on fire")
	case "missing":
		return ddb.NotFound()
	case "ccf":
		return &ddb.Error{
			Code:    ddb.CodeConditionalCheckFailed,
			Message: "The conditional request failed",
			Item:    ddb.Item{"id": ddb.S("id-1"), "n": ddb.Value{Type: ddb.TypeN, N: "42"}},
		}
	}
	return nil
}

func (s stub) CreateTable(_ context.Context, in *wire.CreateTableInput) (*wire.CreateTableOutput, error) {
	return &wire.CreateTableOutput{}, s.outcome(in.TableName)
}
func (s stub) DescribeTable(_ context.Context, in *wire.DescribeTableInput) (*wire.DescribeTableOutput, error) {
	return &wire.DescribeTableOutput{}, s.outcome(in.TableName)
}
func (stub) ListTables(context.Context, *wire.ListTablesInput) (*wire.ListTablesOutput, error) {
	return &wire.ListTablesOutput{TableNames: []string{"a<b>&c", "t"}}, nil
}
func (s stub) UpdateTable(_ context.Context, in *wire.UpdateTableInput) (*wire.UpdateTableOutput, error) {
	return &wire.UpdateTableOutput{}, s.outcome(in.TableName)
}
func (s stub) DeleteTable(_ context.Context, in *wire.DeleteTableInput) (*wire.DeleteTableOutput, error) {
	return &wire.DeleteTableOutput{}, s.outcome(in.TableName)
}
func (s stub) PutItem(_ context.Context, in *wire.PutItemInput) (*wire.PutItemOutput, error) {
	if err := s.outcome(in.TableName); err != nil {
		return nil, err
	}
	return &wire.PutItemOutput{Attributes: in.Item}, nil
}
func (s stub) GetItem(_ context.Context, in *wire.GetItemInput) (*wire.GetItemOutput, error) {
	if err := s.outcome(in.TableName); err != nil {
		return nil, err
	}
	return &wire.GetItemOutput{Item: in.Key}, nil
}
func (s stub) UpdateItem(_ context.Context, in *wire.UpdateItemInput) (*wire.UpdateItemOutput, error) {
	return &wire.UpdateItemOutput{}, s.outcome(in.TableName)
}
func (s stub) DeleteItem(_ context.Context, in *wire.DeleteItemInput) (*wire.DeleteItemOutput, error) {
	return nil, s.outcome(in.TableName) // a nil output is answered as {}
}
func (stub) ListStreams(context.Context, *wire.ListStreamsInput) (*wire.ListStreamsOutput, error) {
	return &wire.ListStreamsOutput{Streams: []wire.StreamSummary{}}, nil
}
func (stub) DescribeStream(context.Context, *wire.DescribeStreamInput) (*wire.DescribeStreamOutput, error) {
	return &wire.DescribeStreamOutput{}, nil
}
func (stub) GetShardIterator(context.Context, *wire.GetShardIteratorInput) (*wire.GetShardIteratorOutput, error) {
	return &wire.GetShardIteratorOutput{ShardIterator: "it"}, nil
}
func (stub) GetRecords(context.Context, *wire.GetRecordsInput) (*wire.GetRecordsOutput, error) {
	return &wire.GetRecordsOutput{Records: []wire.Record{}}, nil
}
