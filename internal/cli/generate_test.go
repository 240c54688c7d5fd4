package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gojets/jets/internal/codegen"
)

func TestGenerateJob(t *testing.T) {
	t.Setenv("JETS_ENV", "")
	dir := filepath.Join(t.TempDir(), "demo")
	if _, err := codegen.NewApp(dir, "demo", codegen.AppOptions{}); err != nil {
		t.Fatal(err)
	}
	r := run(t, "-C", dir, "generate", "job", "clerk", "--type", "dynamodb", "--name", "file").must(t)
	path := filepath.Join(dir, "app", "jobs", "clerk_job.go")
	for _, want := range []string{"wrote " + path, "clerk_job-file runs on changes to demo-dev-test-table", "jets logs -f -n clerk_job-file"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), `jets.DynamoDBEvent("test-table"), // existing table: demo-dev-test-table`) {
		t.Errorf("clerk_job.go:\n%s", src)
	}

	// Kept unless --force; `g` is generate.
	run(t, "-C", dir, "g", "job", "clerk", "--name", "file").fails(t, 1, "already exists", "--force")
	r = run(t, "-C", dir, "g", "job", "ClerkJob", "-n", "fileRecords", "--table", "orders", "-f").must(t)
	if !strings.Contains(r.stdout, "clerk_job-file_records runs on changes to demo-dev-orders") {
		t.Errorf("output:\n%s", r.stdout)
	}
	run(t, "-C", dir, "generate", "job", "clerk", "--type", "sqs").fails(t, 1, `job type "sqs" is not supported yet`)
	run(t, "-C", dir, "generate", "job", "9lives").fails(t, 1, `job name "9lives" is invalid`)
	run(t, "-C", dir, "generate").fails(t, 2, "jets generate job clerk --type dynamodb --name file")
}

func TestFunctionOf(t *testing.T) {
	for _, c := range []struct{ path, method, want string }{
		{"app/jobs/clerk_job.go", "file", "clerk_job-file"},
		{"app/jobs/http_sync_job.go", "fileRecords", "http_sync_job-file_records"},
		{"app/jobs/a_job.go", "file-records", "a_job-file_records"},
	} {
		if got := functionOf(c.path, c.method); got != c.want {
			t.Errorf("functionOf(%q, %q) = %q, want %q", c.path, c.method, got, c.want)
		}
	}
}
