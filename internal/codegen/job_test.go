package codegen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// jobApp is a directory with just the jets.json of a new app.
func jobApp(t *testing.T, config string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "jets.json"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestGenerateJobNames(t *testing.T) {
	tests := []struct {
		name, method     string
		file, typ, short string
	}{
		{"clerk", "file", "clerk_job.go", "ClerkJob", "clerk_job-file"},
		{"Clerk", "file", "clerk_job.go", "ClerkJob", "clerk_job-file"},
		{"clerk_job", "file", "clerk_job.go", "ClerkJob", "clerk_job-file"},
		{"ClerkJob", "file", "clerk_job.go", "ClerkJob", "clerk_job-file"},
		{"clerk-job", "file", "clerk_job.go", "ClerkJob", "clerk_job-file"},
		{"data_sync", "fileRecords", "data_sync_job.go", "DataSyncJob", "data_sync_job-file_records"},
		{"DataSync", "file-records", "data_sync_job.go", "DataSyncJob", "data_sync_job-file_records"},
		{"HTTPSync", "", "http_sync_job.go", "HttpSyncJob", "http_sync_job-perform"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.method, func(t *testing.T) {
			dir := jobApp(t, `{"project":"demo"}`)
			paths, err := GenerateJob(dir, JobOptions{Name: tt.name, Method: tt.method, Getenv: func(string) string { return "" }})
			if err != nil {
				t.Fatal(err)
			}
			want := filepath.Join(dir, "app", "jobs", tt.file)
			if len(paths) != 1 || paths[0] != want {
				t.Fatalf("paths %v, want %s", paths, want)
			}
			data, _ := os.ReadFile(want)
			for _, s := range []string{"type " + tt.typ + " struct{}", `jets.NewJob("` + tt.typ + `")`, "-n " + tt.short + "`"} {
				if !strings.Contains(string(data), s) {
					t.Errorf("%s lacks %q:\n%s", tt.file, s, data)
				}
			}
		})
	}
}

func TestGenerateJobTableComment(t *testing.T) {
	for _, tt := range []struct {
		config string
		env    map[string]string
		table  string
		want   string
	}{
		{`{"project":"demo"}`, nil, "", `jets.DynamoDBEvent("test-table"), // existing table: demo-dev-test-table`},
		{`{"project":"demo"}`, map[string]string{"JETS_ENV": "prod"}, "", "// existing table: demo-prod-test-table"},
		{`{"project":"demo","events":{"dynamodb":{"table_namespace":false}}}`, nil, "", "// existing table: test-table"},
		{`{"project":"demo","events":{"dynamodb":{"table_namespace":"shared","table_namespace_separator":"_"}}}`, nil, "orders", `jets.DynamoDBEvent("orders"), // existing table: shared_orders`},
	} {
		dir := jobApp(t, tt.config)
		_, err := GenerateJob(dir, JobOptions{Name: "clerk", Method: "file", Table: tt.table, Getenv: func(k string) string { return tt.env[k] }})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join(dir, "app", "jobs", "clerk_job.go"))
		if !strings.Contains(string(data), tt.want) {
			t.Errorf("config %s: clerk_job.go lacks %q:\n%s", tt.config, tt.want, data)
		}
	}
}

func TestGenerateJobErrors(t *testing.T) {
	dir := jobApp(t, `{"project":"demo"}`)
	noEnv := func(string) string { return "" }
	for _, tt := range []struct {
		opts JobOptions
		want string
	}{
		{JobOptions{Name: "1clerk"}, `job name "1clerk" is invalid: use letters, digits, '_' or '-', starting with a letter (e.g. clerk)`},
		{JobOptions{Name: "clerk job"}, `job name "clerk job" is invalid`},
		{JobOptions{Name: ""}, `a job name is required (e.g. clerk)`},
		{JobOptions{Name: "job"}, `job name "job" is invalid: give the job a name before its Job suffix`},
		{JobOptions{Name: "Job"}, `job name "Job" is invalid: give the job a name before its Job suffix`},
		{JobOptions{Name: "clerk__x"}, `job name "clerk__x" is invalid: separate words with a single '_' or '-'`},
		{JobOptions{Name: "clerk_"}, `job name "clerk_" is invalid: separate words`},
		{JobOptions{Name: "clerk", Method: "2file"}, `method name "2file" is invalid: use letters, digits, '_' or '-', starting with a letter (e.g. file)`},
		{JobOptions{Name: "clerk", Method: "file--x"}, `method name "file--x" is invalid: separate words`},
		{JobOptions{Name: "clerk", Type: "sqs"}, `job type "sqs" is not supported yet; supported types: dynamodb`},
		{JobOptions{Name: "clerk", Type: "scheduled"}, `job type "scheduled" is not supported yet; supported types: dynamodb`},
		{JobOptions{Name: "clerk", Type: "nope"}, `unknown job type "nope"; supported types: dynamodb`},
	} {
		tt.opts.Getenv = noEnv
		_, err := GenerateJob(dir, tt.opts)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("GenerateJob(%+v):\n got %v\nwant %s", tt.opts, err, tt.want)
		}
	}
	if _, err := GenerateJob(t.TempDir(), JobOptions{Name: "clerk"}); err == nil || !strings.Contains(err.Error(), "no jets.json in") {
		t.Errorf("outside an app: %v", err)
	}
	bad := jobApp(t, `{"project":"my_app"}`)
	if _, err := GenerateJob(bad, JobOptions{Name: "clerk", Getenv: noEnv}); err == nil || !strings.Contains(err.Error(), `project name "my_app" is invalid`) {
		t.Errorf("bad config: %v", err)
	}
}

func TestGenerateJobRefusesOverwrite(t *testing.T) {
	dir := jobApp(t, `{"project":"demo"}`)
	noEnv := func(string) string { return "" }
	if _, err := GenerateJob(dir, JobOptions{Name: "clerk", Method: "file", Getenv: noEnv}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "app", "jobs", "clerk_job.go")
	_, err := GenerateJob(dir, JobOptions{Name: "ClerkJob", Method: "audit", Getenv: noEnv})
	if err == nil || err.Error() != path+" already exists; use --force to overwrite it" {
		t.Fatalf("second generate: %v", err)
	}
	if data, _ := os.ReadFile(path); !strings.Contains(string(data), `Method("file"`) {
		t.Error("the refused generate changed the file")
	}
	if _, err := GenerateJob(dir, JobOptions{Name: "ClerkJob", Method: "audit", Force: true, Getenv: noEnv}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); !strings.Contains(string(data), `Method("audit", ClerkJob{}.Audit,`) {
		t.Errorf("forced generate did not overwrite:\n%s", data)
	}
}
