package devserver_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gojets/jets/ddbtest"
	"github.com/gojets/jets/internal/codegen"
	"github.com/gojets/jets/internal/devserver"
	"github.com/gojets/jets/stream/failures"
)

// failingJob fails on items whose name is "poison", with no retries and an
// on-failure destination, and prints "got <id>" for the others.
const failingJob = `package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gojets/jets"
)

type ClerkJob struct{}

func init() {
	jets.NewJob("ClerkJob").Method("file", ClerkJob{}.File, jets.DynamoDBEvent("test-table",
		jets.MaximumRetryAttempts(0), jets.OnFailure("arn:aws:sqs:us-east-1:000000000000:clerk-dlq")))
}

func (ClerkJob) File(ctx context.Context, event events.DynamoDBEvent) error {
	for _, r := range event.Records {
		if r.Change.NewImage["name"].String() == "poison" {
			return errors.New("cannot file a poison record")
		}
		fmt.Printf("got %s\n", r.Change.Keys["id"].String())
	}
	return nil
}
`

// runApp runs jets dev in process for an app and returns its endpoint and
// output.
func runApp(t *testing.T, dir string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- devserver.Run(ctx, devserver.Config{AppDir: dir, InMemory: true, Out: out,
			Getenv: func(string) string { return "" }, Ready: func(e string) { ready <- e }})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("dev server: %v", err)
		}
	})
	select {
	case e := <-ready:
		return e, out
	case err := <-done:
		t.Fatalf("dev server stopped: %v\n%s", err, out)
	case <-time.After(3 * time.Minute):
		t.Fatalf("dev server not ready:\n%s", out)
	}
	return "", nil
}

func newFailingApp(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "demo")
	if _, err := codegen.NewApp(dir, "demo", codegen.AppOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app", "jobs", "clerk_job.go"), []byte(failingJob), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func putName(t *testing.T, db *dynamodb.Client, id, name string) {
	t.Helper()
	_, err := db.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String("demo-dev-test-table"),
		Item: map[string]dtypes.AttributeValue{"id": &dtypes.AttributeValueMemberS{Value: id}, "name": &dtypes.AttributeValueMemberS{Value: name}}})
	if err != nil {
		t.Fatal(err)
	}
}

func enableStream(t *testing.T, db *dynamodb.Client, on bool) {
	t.Helper()
	spec := &dtypes.StreamSpecification{StreamEnabled: aws.Bool(on)}
	if on {
		spec.StreamViewType = dtypes.StreamViewTypeNewAndOldImages
	}
	if _, err := db.UpdateTable(context.Background(), &dynamodb.UpdateTableInput{TableName: aws.String("demo-dev-test-table"), StreamSpecification: spec}); err != nil {
		t.Fatal(err)
	}
}

// A batch the function keeps failing goes to jets' local on-failure store,
// which `jets failures` reads, and the stream moves on.
func TestFailedBatchIsStored(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an app")
	}
	dir := newFailingApp(t)
	endpoint, out := runApp(t, dir)
	db := ddbtest.NewTarget(endpoint).DynamoDB
	enableStream(t, db, true)
	waitFor(t, "the stream binding", func() bool { return strings.Contains(out.String(), "← stream of") }, out)
	putName(t, db, "p-1", "poison")
	putName(t, db, "ok-1", "fine")
	store := &failures.Store{Dir: devserver.FailuresDir(filepath.Join(dir, ".jets"))}
	var list []failures.Entry
	waitFor(t, "the stored failure", func() bool {
		list, _ = store.List("demo-dev-clerk_job-file")
		return len(list) == 1
	}, out)
	e := list[0]
	if e.RequestContext.Condition != "RetryAttemptsExhausted" || e.RequestContext.ApproximateInvokeCount != 1 ||
		e.DDBStreamBatchInfo.BatchSize < 1 || !strings.Contains(string(e.Payload), `"p-1"`) ||
		e.RequestContext.FunctionArn != "arn:aws:lambda:us-east-1:000000000000:function:demo-dev-clerk_job-file" {
		t.Errorf("stored failure: %+v", e)
	}
}

// Disabling and re-enabling a table's stream gives it a new ARN; jets dev
// follows it without a restart.
func TestReenabledStreamIsFollowed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an app")
	}
	dir := newFailingApp(t)
	endpoint, out := runApp(t, dir)
	db := ddbtest.NewTarget(endpoint).DynamoDB
	enableStream(t, db, true)
	waitFor(t, "the first binding", func() bool { return strings.Count(out.String(), "← stream of") == 1 }, out)
	enableStream(t, db, false)
	enableStream(t, db, true)
	waitFor(t, "the binding to the new stream", func() bool { return strings.Count(out.String(), "← stream of") == 2 }, out)
	putName(t, db, "after-1", "fine")
	logs := filepath.Join(dir, ".jets", "logs", "demo-dev-clerk_job-file.log")
	waitFor(t, "the record on the new stream", func() bool {
		b, _ := os.ReadFile(logs)
		return strings.Contains(string(b), "got after-1")
	}, out)
}
