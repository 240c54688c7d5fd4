package stream_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine"
	"github.com/gojets/jets/stream"
	"github.com/gojets/jets/wire"
)

// A mapping feeds a table's stream to a function: here the embedded engine
// is the source and a plain Go function the invoker.
func ExampleRunner() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	eng, _ := engine.Open(engine.Config{InMemory: true})
	defer eng.Close()
	on := true
	table, _ := eng.CreateTable(ctx, &wire.CreateTableInput{
		TableName: "demo-dev-test-table", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: []wire.AttributeDefinition{{AttributeName: "id", AttributeType: "S"}},
		KeySchema:            []wire.KeySchemaElement{{AttributeName: "id", KeyType: "HASH"}},
		StreamSpecification:  &wire.StreamSpecification{StreamEnabled: &on, StreamViewType: "NEW_AND_OLD_IMAGES"},
	})
	_, _ = eng.PutItem(ctx, &wire.PutItemInput{TableName: "demo-dev-test-table",
		Item: ddb.Item{"id": ddb.S("id-1"), "name": ddb.S("name-1")}})

	done := make(chan struct{})
	file := stream.InvokerFunc(func(_ context.Context, function string, payload []byte) (stream.Result, error) {
		var ev events.DynamoDBEvent
		_ = json.Unmarshal(payload, &ev)
		for _, r := range ev.Records {
			fmt.Println(function, r.EventName, r.Change.Keys["id"].String(), r.Change.NewImage["name"].String())
		}
		close(done)
		return stream.Result{}, nil
	})
	r := stream.NewRunner(stream.Config{Source: eng, Invoker: file, Logger: slog.New(slog.DiscardHandler)})
	go r.Run(ctx, stream.Mapping{Function: "clerk_job-file", StreamArn: table.TableDescription.LatestStreamArn})
	<-done
	// Output: clerk_job-file INSERT id-1 name-1
}
