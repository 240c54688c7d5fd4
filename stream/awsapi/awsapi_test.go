package awsapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gojets/jets/ddbtest"
	"github.com/gojets/jets/stream"
	"github.com/gojets/jets/stream/awsapi"
)

// The runtime reads a jets server over HTTP through the SDK exactly as it
// reads the engine in process: every record arrives once, in order, and
// checkpoints live in a table on the same endpoint.
func TestRunnerOverSDK(t *testing.T) {
	srv := ddbtest.NewServer(t)
	ctx := context.Background()
	out, err := srv.DynamoDB.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("demo-dev-test-table"),
		AttributeDefinitions: []dtypes.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: dtypes.ScalarAttributeTypeS}},
		KeySchema:            []dtypes.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: dtypes.KeyTypeHash}},
		BillingMode:          dtypes.BillingModePayPerRequest,
		StreamSpecification:  &dtypes.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: dtypes.StreamViewTypeNewAndOldImages},
	})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(out.TableDescription.LatestStreamArn)
	for i := range 30 {
		_, err := srv.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("demo-dev-test-table"), Item: map[string]dtypes.AttributeValue{
			"id": &dtypes.AttributeValueMemberS{Value: fmt.Sprintf("id-%02d", i)}, "n": &dtypes.AttributeValueMemberN{Value: fmt.Sprint(i)},
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	cps := &stream.TableCheckpoints{API: awsapi.Tables{Client: srv.DynamoDB}, Table: "jets-checkpoints"}
	if err := cps.EnsureTable(ctx); err != nil {
		t.Fatal(err)
	}
	got := make(chan events.DynamoDBEventRecord, 100)
	inv := stream.InvokerFunc(func(_ context.Context, _ string, p []byte) (stream.Result, error) {
		var ev events.DynamoDBEvent
		if err := json.Unmarshal(p, &ev); err != nil {
			return stream.Result{}, err
		}
		for _, r := range ev.Records {
			got <- r
		}
		return stream.Result{}, nil
	})
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	r := stream.NewRunner(stream.Config{
		Source: awsapi.Source{Client: srv.Streams}, Invoker: inv, Checkpoints: cps,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), RetryBackoff: time.Millisecond,
	})
	go r.Run(runCtx, stream.Mapping{Function: "clerk_job-file", StreamArn: arn, PollInterval: 5 * time.Millisecond})
	for i := range 30 {
		select {
		case rec := <-got:
			if id := rec.Change.Keys["id"].String(); id != fmt.Sprintf("id-%02d", i) {
				t.Fatalf("record %d is %s", i, id)
			}
			if rec.EventSourceArn != arn || rec.Change.NewImage["n"].Number() != fmt.Sprint(i) || rec.Change.SizeBytes == 0 {
				t.Fatalf("record %d: %+v", i, rec)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("timed out after %d records", i)
		}
	}
}
