package jets

import (
	"context"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/google/go-cmp/cmp"
)

func TestDestinationStatements(t *testing.T) {
	app := NewApp(Config{Project: "demo", Region: "cn-north-1"})
	app.NewJob("ClerkJob").Method("file", fileHandler,
		DynamoDBEvent("a-table", OnFailure("arn:aws-cn:sns:cn-north-1:123456789012:alerts")),
		DynamoDBEvent("b-table", OnFailure("arn:aws-cn:s3:::failures")),
		DynamoDBEvent("c-table"),
	)
	m, err := app.Manifest(noEnv)
	if err != nil {
		t.Fatal(err)
	}
	got := m.Functions[0].IAMStatements
	want := []IAMStatement{
		{Effect: "Allow", Action: streamActions, Resource: []string{
			"arn:aws-cn:dynamodb:cn-north-1:*:table/demo-dev-a-table/stream/*",
			"arn:aws-cn:dynamodb:cn-north-1:*:table/demo-dev-b-table/stream/*",
			"arn:aws-cn:dynamodb:cn-north-1:*:table/demo-dev-c-table/stream/*",
		}},
		{Effect: "Allow", Action: []string{"dynamodb:DescribeTable"}, Resource: []string{
			"arn:aws-cn:dynamodb:cn-north-1:*:table/demo-dev-a-table",
			"arn:aws-cn:dynamodb:cn-north-1:*:table/demo-dev-b-table",
			"arn:aws-cn:dynamodb:cn-north-1:*:table/demo-dev-c-table",
		}},
		{Effect: "Allow", Action: []string{"sns:Publish"}, Resource: []string{"arn:aws-cn:sns:cn-north-1:123456789012:alerts"}},
		{Effect: "Allow", Action: []string{"s3:PutObject", "s3:ListBucket"}, Resource: []string{"arn:aws-cn:s3:::failures", "arn:aws-cn:s3:::failures/*"}},
		{Effect: "Allow", Action: []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}, Resource: []string{
			"arn:aws-cn:logs:cn-north-1:*:log-group:/aws/lambda/demo-dev-clerk_job-file",
			"arn:aws-cn:logs:cn-north-1:*:log-group:/aws/lambda/demo-dev-clerk_job-file:*",
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("IAM statements (-want +got):\n%s", diff)
	}
	if ids := []string{m.Functions[0].EventSources[1].LogicalID, m.Functions[0].EventSources[2].LogicalID}; ids[0] != "ClerkJobFileEventSourceMapping2" || ids[1] != "ClerkJobFileEventSourceMapping3" {
		t.Errorf("logical IDs %v", ids)
	}
}

// TestDefaultApp declares a job the way generated apps do, on the default
// App through the package-level functions.
func TestDefaultApp(t *testing.T) {
	if err := ConfigureJSON([]byte(`{"project":"demo","events":{"dynamodb":{"table_namespace":"shared"}}}`)); err != nil {
		t.Fatal(err)
	}
	job := NewJob("DefaultAppJob")
	job.Method("file", func(ctx context.Context, ev events.DynamoDBEvent) error { return nil }, DynamoDBEvent("test-table"))
	if job.Name() != "DefaultAppJob" {
		t.Errorf("Name = %q", job.Name())
	}
	m, err := DefaultApp().Manifest(noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := m.Function("demo-dev-default_app_job-file"); !ok || f.EventSources[0].TableName != "shared-test-table" {
		t.Errorf("manifest %+v", m)
	}
	if err := ConfigureJSON([]byte(`{`)); err == nil {
		t.Error("ConfigureJSON accepted a broken document")
	}
}
