package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

var ctx = context.Background()

func newMemEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := Open(Config{InMemory: true})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

func newDiskEngine(t testing.TB, dir string) *Engine {
	t.Helper()
	e, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

func i64(v int64) *int64    { return &v }
func strp(s string) *string { return &s }
func boolp(b bool) *bool    { return &b }

// hashTable is a PAY_PER_REQUEST table keyed by id (S).
func hashTable(name string) *wire.CreateTableInput {
	return &wire.CreateTableInput{
		TableName:            name,
		AttributeDefinitions: []wire.AttributeDefinition{{AttributeName: "id", AttributeType: "S"}},
		KeySchema:            []wire.KeySchemaElement{{AttributeName: "id", KeyType: "HASH"}},
		BillingMode:          billingPayPerRequest,
	}
}

// rangeTable is a provisioned table keyed by pk (S) and sk (N).
func rangeTable(name string) *wire.CreateTableInput {
	return &wire.CreateTableInput{
		TableName: name,
		AttributeDefinitions: []wire.AttributeDefinition{
			{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "N"},
		},
		KeySchema: []wire.KeySchemaElement{
			{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"},
		},
		ProvisionedThroughput: &wire.ProvisionedThroughput{ReadCapacityUnits: i64(5), WriteCapacityUnits: i64(5)},
	}
}

func withStream(in *wire.CreateTableInput, view string) *wire.CreateTableInput {
	in.StreamSpecification = &wire.StreamSpecification{StreamEnabled: boolp(true), StreamViewType: view}
	return in
}

func mustCreate(t testing.TB, e *Engine, in *wire.CreateTableInput) wire.TableDescription {
	t.Helper()
	out, err := e.CreateTable(ctx, in)
	if err != nil {
		t.Fatalf("CreateTable(%s): %v", in.TableName, err)
	}
	return out.TableDescription
}

func mustPut(t testing.TB, e *Engine, table string, it ddb.Item) {
	t.Helper()
	if _, err := e.PutItem(ctx, &wire.PutItemInput{TableName: table, Item: it}); err != nil {
		t.Fatalf("PutItem: %v", err)
	}
}

func mustGet(t testing.TB, e *Engine, table string, key ddb.Item) ddb.Item {
	t.Helper()
	out, err := e.GetItem(ctx, &wire.GetItemInput{TableName: table, Key: key, ConsistentRead: boolp(true)})
	if err != nil {
		t.Fatalf("GetItem: %v", err)
	}
	return out.Item
}

func describe(t testing.TB, e *Engine, name string) wire.TableDescription {
	t.Helper()
	out, err := e.DescribeTable(ctx, &wire.DescribeTableInput{TableName: name})
	if err != nil {
		t.Fatalf("DescribeTable(%s): %v", name, err)
	}
	return out.Table
}

// wantErr fails unless err is a *ddb.Error with code and a message
// containing msg (or equal to it when exact).
func wantErr(t testing.TB, err error, code ddb.Code, msg string) {
	t.Helper()
	var de *ddb.Error
	if !errors.As(err, &de) {
		t.Fatalf("error = %v, want %s %q", err, code, msg)
	}
	if de.Code != code || de.Message != msg {
		t.Fatalf("error = %s: %q\nwant    %s: %q", de.Code, de.Message, code, msg)
	}
}

func wantErrContains(t testing.TB, err error, code ddb.Code, parts ...string) {
	t.Helper()
	var de *ddb.Error
	if !errors.As(err, &de) || de.Code != code {
		t.Fatalf("error = %v, want %s", err, code)
	}
	for _, p := range parts {
		if !strings.Contains(de.Message, p) {
			t.Fatalf("message %q does not contain %q", de.Message, p)
		}
	}
}

// readStream returns every record of every shard of the stream.
func readStream(t testing.TB, e *Engine, arn string) []wire.Record {
	t.Helper()
	d, err := e.DescribeStream(ctx, &wire.DescribeStreamInput{StreamArn: arn})
	if err != nil {
		t.Fatalf("DescribeStream: %v", err)
	}
	var recs []wire.Record
	for _, sh := range d.StreamDescription.Shards {
		it, err := e.GetShardIterator(ctx, &wire.GetShardIteratorInput{
			StreamArn: arn, ShardID: sh.ShardID, ShardIteratorType: "TRIM_HORIZON",
		})
		if err != nil {
			t.Fatalf("GetShardIterator: %v", err)
		}
		iter := it.ShardIterator
		for iter != "" {
			out, err := e.GetRecords(ctx, &wire.GetRecordsInput{ShardIterator: iter})
			if err != nil {
				t.Fatalf("GetRecords: %v", err)
			}
			recs = append(recs, out.Records...)
			if len(out.Records) == 0 {
				break
			}
			iter = out.NextShardIterator
		}
	}
	return recs
}

func eventNames(recs []wire.Record) string {
	var names []string
	for _, r := range recs {
		names = append(names, r.EventName)
	}
	return strings.Join(names, ",")
}
