package jets

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func noEnv(string) string { return "" }

func fileHandler(ctx context.Context, ev events.DynamoDBEvent) error { return nil }

func batchHandler(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
	return BatchItemFailures(), nil
}

func windowHandler(ctx context.Context, ev events.DynamoDBTimeWindowEvent) (events.DynamoDBTimeWindowEventResponse, error) {
	return events.DynamoDBTimeWindowEventResponse{TimeWindowEventResponseProperties: events.TimeWindowEventResponseProperties{State: ev.State}}, nil
}

// seedApp is the seed's demo app: ClerkJob#file on test-table.
func seedApp() *App {
	app := NewApp(Config{Project: "demo"})
	app.NewJob("ClerkJob").Method("file", fileHandler, DynamoDBEvent("test-table"))
	return app
}

// richApp uses every kind of declaration: several streams per function,
// several functions per table, an ARN, options, settings and IAM.
func richApp() *App {
	app := NewApp(Config{Project: "demo", Region: "us-west-2", Function: FunctionConfig{MemorySize: 256}})
	app.NewJob("ClerkJob").Method("file", fileHandler, DynamoDBEvent("test-table"))
	app.NewJob("AuditJob", Timeout(60*time.Second)).
		Method("record", batchHandler,
			DynamoDBEvent("test-table", BatchSize(10), StartingPosition(Latest), ReportBatchItemFailures(),
				MaximumRetryAttempts(2), BisectBatchOnFunctionError(true), EventNames("INSERT", "MODIFY"),
				OnFailure("arn:aws:sqs:us-west-2:112233445566:audit-dlq"),
				Property("MetricsConfig", map[string]any{"Metrics": []string{"EventCount"}})),
			DynamoDBEvent("arn:aws:dynamodb:us-west-2:112233445566:table/legacy/stream/2024-02-11T15:44:30.751"),
			MemorySize(1024),
			IAMPolicy(IAMStatement{Action: []string{"dynamodb:GetItem"}, Resource: []string{"arn:aws:dynamodb:us-west-2:*:table/demo-dev-test-table"}})).
		Method("tally", windowHandler, DynamoDBEvent("orders", TumblingWindowInSeconds(60), MaximumBatchingWindowInSeconds(5)))
	return app
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got; go test -update rewrites it):\n%s", path, diff)
	}
}

func TestManifestGolden(t *testing.T) {
	for name, app := range map[string]*App{"manifest_seed.golden": seedApp(), "manifest_rich.golden": richApp()} {
		t.Run(name, func(t *testing.T) {
			var out, errOut strings.Builder
			if code := app.Main([]string{"manifest"}, noEnv, &out, &errOut); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			checkGolden(t, name, []byte(out.String()))
		})
	}
}

// The golden file decodes back into the same Manifest: the schema is what
// the CLI reads.
func TestManifestRoundTrip(t *testing.T) {
	m, err := richApp().Manifest(noEnv)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Manifest
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(back)
	if string(again) != string(data) {
		t.Errorf("round trip differs:\n%s\n%s", data, again)
	}
	f, ok := back.Function("demo-dev-audit_job-record")
	if !ok || f.Name != "audit_job-record" || len(f.EventSources) != 2 {
		t.Fatalf("Function lookup = %+v, %v", f, ok)
	}
	if got := *f.EventSources[0].Properties.WithDefaults().ParallelizationFactor; got != 1 {
		t.Errorf("default ParallelizationFactor = %d", got)
	}
}

func TestManifestEnv(t *testing.T) {
	m, err := seedApp().Manifest(func(k string) string {
		return map[string]string{"JETS_ENV": "prod", "AWS_REGION": "eu-west-1"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	f := m.Functions[0]
	if m.Namespace != "demo-prod" || f.FunctionName != "demo-prod-clerk_job-file" || f.EventSources[0].TableName != "demo-prod-test-table" ||
		f.IAMStatements[0].Resource[0] != "arn:aws:dynamodb:eu-west-1:*:table/demo-prod-test-table/stream/*" {
		t.Errorf("manifest %+v", m)
	}
}

func TestManifestErrors(t *testing.T) {
	app := NewApp(Config{Project: "demo"})
	app.NewJob("Bad Job")
	app.NewJob("ClerkJob", DynamoDBEvent("t1")).
		Method("1file", fileHandler).
		Method("wrong", func(ctx context.Context, ev events.SQSEvent) error { return nil }).
		Method("nilh", nil).
		Method("opts", fileHandler, DynamoDBEvent("test-table", BatchSize(0)), Timeout(1500*time.Millisecond), MemorySize(64)).
		Method("twice", fileHandler, DynamoDBEvent("test-table"), DynamoDBEvent("test-table")).
		Method("window", fileHandler, DynamoDBEvent("test-table", TumblingWindowInSeconds(30))).
		Method("badtable", fileHandler, DynamoDBEvent("x/y")).
		Method("file", fileHandler).
		Method("file", fileHandler).
		Method("file_a", fileHandler).
		Method("fileA", fileHandler)
	app.NewJob("Clerk_Job").Method("file", fileHandler)
	app.NewJob("VeryLongJobNameThatKeepsGoingAndGoingJob").Method("and_a_long_method_name", fileHandler)
	_, err := app.Manifest(noEnv)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`job name "Bad Job" is invalid`,
		"ClerkJob: bind DynamoDBEvent to a method",
		`ClerkJob#1file: method name "1file" is invalid: it must start with a letter`,
		"ClerkJob#wrong: handler has type func(context.Context, events.SQSEvent) error; want one of:",
		"ClerkJob#nilh: handler is nil",
		`ClerkJob#opts: dynamodb event "test-table": 1 validation error detected: Value '0' at 'batchSize'`,
		"ClerkJob#opts: timeout 1.5s: use whole seconds",
		"ClerkJob#opts: memory size 64 MB: AWS Lambda allows 128 to 10240 MB",
		`ClerkJob#twice: dynamodb event "test-table": the function is already bound to this stream`,
		`ClerkJob#window: dynamodb event "test-table": TumblingWindowInSeconds needs a handler of type`,
		`ClerkJob#badtable: dynamodb event "x/y": table name "demo-dev-x/y" is invalid`,
		"ClerkJob#file: function name clerk_job-file is taken by ClerkJob#file",
		"Clerk_Job#file: function name clerk_job-file is taken by ClerkJob#file",
		"ClerkJob#file_a: logical ID ClerkJobFileA is taken by ClerkJob#fileA: rename the method",
		"function name demo-dev-very_long_job_name_that_keeps_going_and_going_job-and_a_long_method_name is 81 characters; AWS Lambda allows 64",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("error:\n%v", err)
	}
}

func TestManifestInvalidConfig(t *testing.T) {
	var out, errOut strings.Builder
	code := NewApp(Config{}).Main([]string{"manifest"}, noEnv, &out, &errOut)
	if code != 1 || out.Len() != 0 || !strings.Contains(errOut.String(), "jets: the app is invalid:\n  jets config: project name is empty") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
}
