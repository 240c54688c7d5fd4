package jets

import (
	"strings"
	"testing"
)

func resolved(t *testing.T, cfg Config, env map[string]string) Config {
	t.Helper()
	out, err := cfg.Resolve(func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("resolve %+v: %v", cfg, err)
	}
	return out
}

// The naming table of the seed (design.md).
func TestSeedNames(t *testing.T) {
	cfg := resolved(t, Config{Project: "demo"}, nil)
	short := ShortName("ClerkJob", "file")
	checks := []struct{ name, got, want string }{
		{"namespace", cfg.Namespace(), "demo-dev"},
		{"table", cfg.TableName("test-table"), "demo-dev-test-table"},
		{"short", short, "clerk_job-file"},
		{"deployed", cfg.FunctionName(short), "demo-dev-clerk_job-file"},
		{"log group", LogGroup(cfg.FunctionName(short)), "/aws/lambda/demo-dev-clerk_job-file"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestNamespaceFromEnv(t *testing.T) {
	cfg := resolved(t, Config{Project: "demo", Env: "staging"}, map[string]string{"JETS_ENV": "prod"})
	if got := cfg.FunctionName("clerk_job-file"); got != "demo-prod-clerk_job-file" {
		t.Errorf("FunctionName = %q", got)
	}
	cfg = resolved(t, Config{Project: "demo", Env: "staging"}, nil)
	if got := cfg.Namespace(); got != "demo-staging" {
		t.Errorf("Namespace = %q", got)
	}
}

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{
		"ClerkJob":        "clerk_job",
		"Clerk":           "clerk",
		"HTTPSyncJob":     "http_sync_job",
		"S3EventJob":      "s3_event_job",
		"clerk_job":       "clerk_job",
		"data-sync":       "data_sync",
		"OrderV2Job":      "order_v2_job",
		"ABC":             "abc",
		"userIDChangeJob": "user_id_change_job",
	} {
		if got := SnakeCase(in); got != want {
			t.Errorf("SnakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCamelCase(t *testing.T) {
	for in, want := range map[string]string{
		"file": "File", "file_records": "FileRecords", "data-sync": "DataSync", "ClerkJob": "ClerkJob",
	} {
		if got := CamelCase(in); got != want {
			t.Errorf("CamelCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTableNamespace(t *testing.T) {
	arn := "arn:aws:dynamodb:us-west-2:112233445566:table/demo-dev-test-table/stream/2024-02-11T15:44:30.751"
	tests := []struct {
		name string
		ddb  DynamoDBConfig
		in   string
		want string
	}{
		{"default", DynamoDBConfig{}, "test-table", "demo-dev-test-table"},
		{"separator", DynamoDBConfig{TableNamespaceSeparator: "_"}, "test-table", "demo-dev_test-table"},
		{"prefix", DynamoDBConfig{TableNamespace: TableNamespace{Prefix: "shared"}}, "test-table", "shared-test-table"},
		{"prefix and separator", DynamoDBConfig{TableNamespace: TableNamespace{Prefix: "shared"}, TableNamespaceSeparator: "."}, "t1", "shared.t1"},
		{"off", DynamoDBConfig{TableNamespace: TableNamespace{Disabled: true}}, "test-table", "test-table"},
		{"stream ARN untouched", DynamoDBConfig{}, arn, arn},
		{"stream ARN untouched with prefix", DynamoDBConfig{TableNamespace: TableNamespace{Prefix: "x"}}, arn, arn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := resolved(t, Config{Project: "demo", Events: EventsConfig{DynamoDB: tt.ddb}}, nil)
			if got := cfg.TableName(tt.in); got != tt.want {
				t.Errorf("TableName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestResolveDynamoTarget(t *testing.T) {
	cfg := resolved(t, Config{Project: "demo", Region: "us-west-2"}, nil)
	streamARN := "arn:aws:dynamodb:us-west-2:112233445566:table/test-table/stream/2019-02-15T23:01:06.871"
	tests := []struct {
		in   string
		want dynamoTarget
	}{
		{"test-table", dynamoTarget{
			tableName:      "demo-dev-test-table",
			tableARN:       "arn:aws:dynamodb:us-west-2:*:table/demo-dev-test-table",
			streamResource: "arn:aws:dynamodb:us-west-2:*:table/demo-dev-test-table/stream/*",
		}},
		{streamARN, dynamoTarget{
			tableName:      "test-table",
			tableARN:       "arn:aws:dynamodb:us-west-2:112233445566:table/test-table",
			streamARN:      streamARN,
			streamResource: streamARN,
		}},
		{"arn:aws:dynamodb:us-west-2:112233445566:table/other", dynamoTarget{
			tableName:      "other",
			tableARN:       "arn:aws:dynamodb:us-west-2:112233445566:table/other",
			streamResource: "arn:aws:dynamodb:us-west-2:112233445566:table/other/stream/*",
		}},
		// A label that is not a 20xx timestamp (Ruby Jets' regex assumed one).
		{"arn:aws-cn:dynamodb:cn-north-1:000000000000:table/t_1/stream/local-1", dynamoTarget{
			tableName:      "t_1",
			tableARN:       "arn:aws-cn:dynamodb:cn-north-1:000000000000:table/t_1",
			streamARN:      "arn:aws-cn:dynamodb:cn-north-1:000000000000:table/t_1/stream/local-1",
			streamResource: "arn:aws-cn:dynamodb:cn-north-1:000000000000:table/t_1/stream/local-1",
		}},
	}
	for _, tt := range tests {
		got, err := resolveDynamoTarget(cfg, tt.in)
		if err != nil {
			t.Errorf("resolve %q: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("resolve %q = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestResolveDynamoTargetErrors(t *testing.T) {
	cfg := resolved(t, Config{Project: "demo"}, nil)
	off := resolved(t, Config{Project: "demo", Events: EventsConfig{DynamoDB: DynamoDBConfig{TableNamespace: TableNamespace{Disabled: true}}}}, nil)
	for _, tt := range []struct {
		cfg  Config
		in   string
		want string
	}{
		{cfg, "", "table name is empty"},
		{cfg, "bad table", `table name "demo-dev-bad table" is invalid`},
		{off, "ab", `table name "ab" is invalid: DynamoDB table names are 3 to 255 characters`},
		{cfg, "arn:aws:sqs:us-east-1:1:q", "is not a DynamoDB stream ARN"},
	} {
		_, err := resolveDynamoTarget(tt.cfg, tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("resolve %q: error %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestNameValidation(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{validateMethodName("1file"), `method name "1file" is invalid: it must start with a letter`},
		{validateMethodName("_file"), `method name "_file" is invalid`},
		{validateMethodName("fi-le"), `method name "fi-le" is invalid`},
		{validateJobName("Clerk Job"), `job name "Clerk Job" is invalid`},
		{validateProject(""), "project name is empty"},
		{validateProject("my_app"), `project name "my_app" is invalid: use letters, digits and hyphens`},
		{validateEnv("prod!"), `env "prod!" (JETS_ENV) is invalid`},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("error %v, want it to contain %q", tt.err, tt.want)
		}
	}
	for _, ok := range []error{validateMethodName("file"), validateMethodName("file_2"), validateJobName("ClerkJob"), validateProject("my-app")} {
		if ok != nil {
			t.Errorf("unexpected error %v", ok)
		}
	}
}
