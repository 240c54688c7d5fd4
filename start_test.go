package jets

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// recordingApp has ClerkJob#file, which records the events it receives,
// and AuditJob#record, which fails the records whose id is "bad".
func recordingApp(got *[]events.DynamoDBEvent) *App {
	app := NewApp(Config{Project: "demo"})
	app.NewJob("ClerkJob").Method("file", func(ctx context.Context, ev events.DynamoDBEvent) error {
		*got = append(*got, ev)
		return nil
	}, DynamoDBEvent("test-table"))
	app.NewJob("AuditJob").Method("record", func(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
		var failed []events.DynamoDBEventRecord
		for _, rec := range ev.Records {
			var k struct {
				ID string `dynamodbav:"id"`
			}
			if err := UnmarshalKeys(rec, &k); err != nil || k.ID == "bad" {
				failed = append(failed, rec)
			}
		}
		return BatchItemFailures(failed...), nil
	}, DynamoDBEvent("test-table", ReportBatchItemFailures()))
	return app
}

func TestMainServesNamedFunction(t *testing.T) {
	// The deployed name, the short name, and a deployed name from another
	// env (the function's JETS_ENV unset).
	for _, name := range []string{"demo-dev-clerk_job-file", "clerk_job-file", "demo-prod-clerk_job-file"} {
		t.Run(name, func(t *testing.T) {
			var got []events.DynamoDBEvent
			app := recordingApp(&got)
			var served any
			app.startLambda = func(h any) { served = h }
			env := envMap(map[string]string{"AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001", "AWS_LAMBDA_FUNCTION_NAME": name})
			if code := app.Main(nil, env, io.Discard, io.Discard); code != 0 {
				t.Fatalf("exit %d", code)
			}
			out, err := lambda.NewHandler(served).Invoke(context.Background(), []byte(seedEvent))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != "null" || len(got) != 1 || got[0].Records[0].EventID != "1a87201789a6e14315b8038ebbd3b99d" {
				t.Errorf("response %s, events %+v", out, got)
			}
		})
	}
}

func TestMainUnknownFunction(t *testing.T) {
	var got []events.DynamoDBEvent
	app := recordingApp(&got)
	app.startLambda = func(any) { t.Error("served an unknown function") }
	var stderr strings.Builder
	env := envMap(map[string]string{"AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001", "AWS_LAMBDA_FUNCTION_NAME": "demo-dev-nope"})
	code := app.Main(nil, env, io.Discard, &stderr)
	want := `unknown function "demo-dev-nope"; this app has: audit_job-record (demo-dev-audit_job-record), clerk_job-file (demo-dev-clerk_job-file)`
	if code != 1 || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestMainManifestByEnv(t *testing.T) {
	var out strings.Builder
	app := seedApp()
	if code := app.Main(nil, envMap(map[string]string{"JETS_MANIFEST": "1"}), &out, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var m Manifest
	if err := json.Unmarshal([]byte(out.String()), &m); err != nil {
		t.Fatal(err)
	}
	if m.ManifestVersion != ManifestVersion || len(m.Functions) != 1 {
		t.Errorf("manifest %+v", m)
	}
}

func TestMainUsage(t *testing.T) {
	var stderr strings.Builder
	if code := seedApp().Main(nil, noEnv, io.Discard, &stderr); code != 2 || !strings.Contains(stderr.String(), "This is a jets app") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestInvokeBatchResponse(t *testing.T) {
	var got []events.DynamoDBEvent
	app := recordingApp(&got)
	payload := strings.Replace(seedEvent, `"Keys":{"id":{"S":"1"}}`, `"Keys":{"id":{"S":"bad"}}`, 1)
	out, err := app.Invoke(context.Background(), "audit_job-record", []byte(payload))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"batchItemFailures":[{"itemIdentifier":"261800000000059086429283"}]}` {
		t.Errorf("response %s", out)
	}
	if _, err := app.Invoke(context.Background(), "nope", nil); err == nil || !strings.Contains(err.Error(), `unknown function "nope"`) {
		t.Errorf("unknown: %v", err)
	}
}

// TestStartUnderRuntimeAPI runs the app in a child process under a minimal
// Lambda Runtime API, so the real aws-lambda-go loop serves the function:
// the child prints the event line, as the generated job does, and the
// runtime gets the handler's response.
func TestStartUnderRuntimeAPI(t *testing.T) {
	if os.Getenv("JETS_TEST_CHILD") == "1" {
		runChildApp()
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	rt := newFakeRuntime(seedEvent)
	srv := httptest.NewServer(rt)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestStartUnderRuntimeAPI$")
	cmd.Env = append(os.Environ(), "JETS_TEST_CHILD=1",
		"AWS_LAMBDA_RUNTIME_API="+strings.TrimPrefix(srv.URL, "http://"),
		"AWS_LAMBDA_FUNCTION_NAME=demo-dev-clerk_job-file")
	var stdout strings.Builder
	cmd.Stdout = &stdout
	cmd.Stderr = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	select {
	case resp := <-rt.responses:
		if resp != "null" {
			t.Errorf("response %q", resp)
		}
	case <-ctx.Done():
		t.Fatalf("no response from the function; output:\n%s", stdout.String())
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if !strings.Contains(stdout.String(), `event {"Records":[{"awsRegion":"us-west-2"`) {
		t.Errorf("child output lacks the event line:\n%s", stdout.String())
	}
}

func runChildApp() {
	app := NewApp(Config{Project: "demo"})
	app.NewJob("ClerkJob").Method("file", func(ctx context.Context, ev events.DynamoDBEvent) error {
		data, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		fmt.Printf("event %s\n", data)
		return nil
	}, DynamoDBEvent("test-table"))
	os.Exit(app.Main(nil, os.Getenv, os.Stdout, os.Stderr))
}

// fakeRuntime serves one invocation, then holds further /next requests
// until the client goes away.
type fakeRuntime struct {
	payload   string
	once      sync.Once
	responses chan string
}

func newFakeRuntime(payload string) *fakeRuntime {
	return &fakeRuntime{payload: payload, responses: make(chan string, 1)}
}

func (f *fakeRuntime) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/2018-06-01/runtime/invocation/next":
		served := false
		f.once.Do(func() {
			w.Header().Set("Lambda-Runtime-Aws-Request-Id", "req-1")
			w.Header().Set("Lambda-Runtime-Deadline-Ms", fmt.Sprint(time.Now().Add(time.Minute).UnixMilli()))
			w.Header().Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:demo-dev-clerk_job-file")
			_, _ = io.WriteString(w, f.payload)
			served = true
		})
		if !served {
			<-r.Context().Done()
		}
	case strings.HasSuffix(r.URL.Path, "/response"):
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		f.responses <- string(body)
	default:
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		f.responses <- "unexpected " + r.URL.Path + ": " + string(body)
	}
}
