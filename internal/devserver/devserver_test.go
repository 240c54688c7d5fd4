package devserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gojets/jets/ddbtest"
	"github.com/gojets/jets/internal/codegen"
	"github.com/gojets/jets/internal/devserver"
	"github.com/gojets/jets/lambdart/logstore"
)

// syncBuffer is an io.Writer safe for the dev server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The seed, in process: a new app with the generated clerk job; jets dev
// creates test-table from db/tables without a stream and says how to enable
// it; once enabled, a put-item reaches ClerkJob#file, whose log shows the
// event.
func TestSeedInProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an app")
	}
	dir := filepath.Join(t.TempDir(), "demo")
	if _, err := codegen.NewApp(dir, "demo", codegen.AppOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := codegen.GenerateJob(dir, codegen.JobOptions{Name: "clerk", Method: "file"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- devserver.Run(ctx, devserver.Config{
			AppDir: dir, Port: 0, InMemory: true, Out: out, PollInterval: 10 * time.Millisecond,
			Getenv: func(string) string { return "" },
			Ready:  func(endpoint string) { ready <- endpoint },
		})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("dev server: %v", err)
		}
	})
	var endpoint string
	select {
	case endpoint = <-ready:
	case err := <-done:
		t.Fatalf("dev server stopped: %v\n%s", err, out)
	case <-time.After(3 * time.Minute):
		t.Fatalf("dev server not ready:\n%s", out)
	}
	waitFor(t, "the hint to enable the stream", func() bool {
		return strings.Contains(out.String(), "aws dynamodb update-table --endpoint-url "+endpoint+" --table-name demo-dev-test-table --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES")
	}, out)

	db := ddbtest.NewTarget(endpoint).DynamoDB
	_, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName:           aws.String("demo-dev-test-table"),
		StreamSpecification: &dtypes.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: dtypes.StreamViewTypeNewAndOldImages},
	})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the put-item hint", func() bool {
		return strings.Contains(out.String(), `try: aws dynamodb put-item --endpoint-url `+endpoint+` --table-name demo-dev-test-table --item '{"id": {"S": "id-1"}, "name": {"S": "name-1"}}'`)
	}, out)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("demo-dev-test-table"), Item: map[string]dtypes.AttributeValue{
		"id": &dtypes.AttributeValueMemberS{Value: "id-1"}, "name": &dtypes.AttributeValueMemberS{Value: "name-1"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	logPath := logstore.Path(devserver.LogDir(filepath.Join(dir, ".jets")), "demo-dev-clerk_job-file")
	var ev events.DynamoDBEvent
	waitFor(t, "the event in the function's log", func() bool {
		evs, _ := logstore.Read(logPath, logstore.Query{})
		for _, e := range evs {
			if rest, ok := strings.CutPrefix(e.Message, "event "); ok && json.Unmarshal([]byte(rest), &ev) == nil {
				return true
			}
		}
		return false
	}, out)
	r := ev.Records[0]
	if r.EventName != "INSERT" || r.Change.NewImage["name"].String() != "name-1" || r.Change.Keys["id"].String() != "id-1" ||
		!strings.Contains(r.EventSourceArn, ":table/demo-dev-test-table/stream/") || r.EventVersion != "1.1" {
		t.Errorf("event record: %+v", r)
	}
	// The control API: replay the stream from an hour ago, invoke directly.
	var rep devserver.ReplayResponse
	post(t, endpoint+"/_jets/replay", devserver.ReplayRequest{Function: "clerk_job-file", From: "1h"}, &rep)
	if rep.Records != 1 || rep.Batches != 1 {
		t.Errorf("replay = %+v, want 1 record in 1 batch", rep)
	}
	var inv devserver.InvokeResponse
	post(t, endpoint+"/_jets/invoke", devserver.InvokeRequest{Function: "clerk_job-file", Payload: json.RawMessage(`{"Records":[]}`)}, &inv)
	if inv.FunctionError != "" {
		t.Errorf("invoke = %+v", inv)
	}
	evs, _ := logstore.Read(logPath, logstore.Query{})
	var lines []string
	for _, e := range evs {
		lines = append(lines, e.Message)
	}
	log := strings.Join(lines, "\n")
	for _, want := range []string{"START RequestId: ", "END RequestId: ", "REPORT RequestId: "} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func post(t *testing.T, url string, in, out any) {
	t.Helper()
	b, _ := json.Marshal(in)
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("POST %s: %s: %s", url, resp.Status, body)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, what string, cond func() bool, out *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; jets dev said:\n%s", what, out)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
