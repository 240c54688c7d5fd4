package failures_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gojets/jets/stream"
	"github.com/gojets/jets/stream/failures"
)

func failure(id string) stream.Failure {
	fe := "Unhandled"
	return stream.Failure{
		Record: stream.FailureRecord{
			RequestContext:  stream.FailureRequestContext{RequestID: id, FunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:f", Condition: stream.RetryAttemptsExhausted, ApproximateInvokeCount: 3},
			ResponseContext: stream.FailureResponseContext{StatusCode: 200, ExecutedVersion: "$LATEST", FunctionError: &fe},
			Version:         "1.0", Timestamp: "2026-11-29T12:00:00.123Z",
			DDBStreamBatchInfo: stream.BatchInfo{ShardID: "shardId-1", StartSequenceNumber: "1", EndSequenceNumber: "2", BatchSize: 2},
		},
		Payload: json.RawMessage(`{"Records":[]}`),
	}
}

func TestSaveListGetReplay(t *testing.T) {
	s := &failures.Store{Dir: t.TempDir()}
	ctx := context.Background()
	if err := s.Destination("clerk_job-file").Send(ctx, failure("aaaa-1111")); err != nil {
		t.Fatal(err)
	}
	if err := s.Destination("other-fn").Send(ctx, failure("bbbb-2222")); err != nil {
		t.Fatal(err)
	}
	list, err := s.List("clerk_job-file")
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %v, %v", list, err)
	}
	e := list[0]
	if e.RequestContext.ApproximateInvokeCount != 3 || string(e.Payload) != `{"Records":[]}` {
		t.Errorf("entry = %+v", e)
	}
	raw, _ := os.ReadFile(filepath.Join(s.Dir, "clerk_job-file", e.ID+".json"))
	for _, k := range []string{`"requestContext"`, `"DDBStreamBatchInfo"`, `"payload"`} {
		if !strings.Contains(string(raw), k) {
			t.Errorf("stored file lacks %s", k)
		}
	}
	if _, err := s.Get("bbbb-2222"); err != nil {
		t.Errorf("Get by request id suffix: %v", err)
	}
	if _, err := s.Get("nope"); !errors.Is(err, failures.ErrNotFound) {
		t.Errorf("Get(nope) = %v", err)
	}
	var got []byte
	inv := stream.InvokerFunc(func(_ context.Context, fn string, p []byte) (stream.Result, error) {
		got = p
		return stream.Result{}, nil
	})
	if _, err := s.Replay(ctx, e, inv); err != nil {
		t.Fatal(err)
	}
	if string(got) != `{"Records":[]}` {
		t.Errorf("replayed payload %s", got)
	}
	again, _ := s.Get(e.ID)
	if again.Replays != 1 {
		t.Errorf("replays = %d", again.Replays)
	}
	bad := stream.InvokerFunc(func(context.Context, string, []byte) (stream.Result, error) {
		return stream.Result{FunctionError: "Unhandled", ErrorMessage: "still broken"}, nil
	})
	if _, err := s.Replay(ctx, e, bad); err == nil || !strings.Contains(err.Error(), "still broken") {
		t.Errorf("replay of a failing function: %v", err)
	}
}
