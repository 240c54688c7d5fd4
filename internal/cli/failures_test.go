package cli

import (
	"bytes"
	"encoding/json"
	"net"
	"strings"
	"testing"

	"github.com/gojets/jets/internal/devserver"
	"github.com/gojets/jets/stream"
	"github.com/gojets/jets/stream/failures"
)

// saveFailure stores a failure of function as jets dev's on-failure
// destination does.
func saveFailure(t *testing.T, appDir, function, requestID, at string, payload string) failures.Entry {
	t.Helper()
	store := &failures.Store{Dir: devserver.FailuresDir(stateDir(appDir))}
	unhandled := "Unhandled"
	e, err := store.Save(function, stream.Failure{
		Record: stream.FailureRecord{
			RequestContext: stream.FailureRequestContext{
				RequestID: requestID, FunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:" + function,
				Condition: stream.RetryAttemptsExhausted, ApproximateInvokeCount: 3,
			},
			ResponseContext: stream.FailureResponseContext{StatusCode: 200, ExecutedVersion: "$LATEST", FunctionError: &unhandled},
			Version:         "1.0",
			Timestamp:       at,
			DDBStreamBatchInfo: stream.BatchInfo{
				ShardID: "shardId-1", StartSequenceNumber: "400000001000000000002", EndSequenceNumber: "400000001000000000003",
				BatchSize: 2, StreamArn: "arn:aws:dynamodb:us-east-1:000000000000:table/demo-dev-test-table/stream/2026-11-29T12:00:00.000",
			},
		},
		Payload: json.RawMessage(payload),
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestFailuresListAndShow(t *testing.T) {
	dir := newTestApp(t)
	run(t, "-C", dir, "failures").must(t)
	if r := run(t, "-C", dir, "failures", "list", "-n", "clerk_job-file").must(t); r.stdout != "no failures for clerk_job-file\n" {
		t.Errorf("empty list: %q", r.stdout)
	}
	a := saveFailure(t, dir, "demo-dev-clerk_job-file", "aaaa-1111", "2026-11-29T12:00:01.000Z", `{"Records":[{"eventID":"1"}]}`)
	b := saveFailure(t, dir, "demo-dev-audit_job-record", "bbbb-2222", "2026-11-29T12:00:02.000Z", `{"Records":[]}`)

	r := run(t, "-C", dir, "failures").must(t)
	lines := strings.Split(r.stdout, "\n")
	if !strings.HasPrefix(lines[0], "ID") || !strings.HasPrefix(lines[1], a.ID) || !strings.HasPrefix(lines[2], b.ID) {
		t.Fatalf("list:\n%s", r.stdout)
	}
	for _, want := range []string{"clerk_job-file", "RetryAttemptsExhausted", "400000001000000000002–400000001000000000003", "jets failures replay ID"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("list lacks %q:\n%s", want, r.stdout)
		}
	}
	r = run(t, "-C", dir, "failures", "-n", "demo-dev-audit_job-record").must(t)
	if strings.Contains(r.stdout, a.ID) || !strings.Contains(r.stdout, b.ID) {
		t.Errorf("-n audit_job-record:\n%s", r.stdout)
	}

	// show takes the id, or its start or end.
	for _, id := range []string{a.ID, "20261129T120001", "aaaa-1111"} {
		r = run(t, "-C", dir, "failures", "show", id).must(t)
		var got failures.Entry
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || got.ID != a.ID ||
			got.RequestContext.ApproximateInvokeCount != 3 || compact(got.Payload) != `{"Records":[{"eventID":"1"}]}` {
			t.Errorf("show %s: %v\n%s", id, err, r.stdout)
		}
	}
	run(t, "-C", dir, "failures", "show", "2026").fails(t, 1, "ambiguous")
	run(t, "-C", dir, "failures", "show", "nope").fails(t, 1, "no such failure", "jets failures")
}

func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}

func TestFailuresReplayWithoutJetsDev(t *testing.T) {
	dir := newTestApp(t)
	e := saveFailure(t, dir, "demo-dev-clerk_job-file", "cccc-3333", "2026-11-29T12:00:03.000Z", `{"Records":[]}`)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	run(t, "-C", dir, "failures", "replay", e.ID, "--endpoint", closed).fails(t, 1,
		"no jets dev is listening at "+closed, "start jets dev first")

	// A server that is not jets dev.
	srv := startServer(t, ServerOptions{Port: 0, InMemory: true})
	run(t, "-C", dir, "failures", "replay", e.ID, "--endpoint", srv.url).fails(t, 1, "is not a jets dev", "start jets dev first")
}
