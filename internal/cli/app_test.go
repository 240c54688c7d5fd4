package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gojets/jets/internal/codegen"
)

// result is what one in-process jets run printed.
type result struct {
	code           int
	stdout, stderr string
}

// run runs `jets args...` in process.
func run(t *testing.T, args ...string) result {
	t.Helper()
	return runCtx(context.Background(), t, args...)
}

func runCtx(ctx context.Context, t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(ctx, args, &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// must fails the test unless the run exited 0.
func (r result) must(t *testing.T) result {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	return r
}

// fails fails the test unless the run exited with code and its stderr has
// every want.
func (r result) fails(t *testing.T, code int, want ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
}

// newTestApp writes the seed's app (demo, with ClerkJob#file) and returns
// its directory. The environment is cleared of what changes names.
func newTestApp(t *testing.T) string {
	t.Helper()
	t.Setenv("JETS_ENV", "")
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	dir := filepath.Join(t.TempDir(), "demo")
	if _, err := codegen.NewApp(dir, "demo", codegen.AppOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := codegen.GenerateJob(dir, codegen.JobOptions{Name: "clerk", Method: "file"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestFunctionNames(t *testing.T) {
	dir := newTestApp(t)
	a, err := loadApp(dir, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"clerk_job-file", "demo-dev-clerk_job-file", "/aws/lambda/demo-dev-clerk_job-file"} {
		if got := a.functionName(in); got != "demo-dev-clerk_job-file" {
			t.Errorf("functionName(%q) = %q", in, got)
		}
	}
	if got := a.shortName("demo-dev-clerk_job-file"); got != "clerk_job-file" {
		t.Errorf("shortName = %q", got)
	}
	prod, err := loadApp(dir, func(k string) string { return map[string]string{"JETS_ENV": "prod"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	if got := prod.functionName("clerk_job-file"); got != "demo-prod-clerk_job-file" {
		t.Errorf("JETS_ENV=prod: %q", got)
	}
}

func TestAppCommandsOutsideAnApp(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"logs"}, {"dev"}, {"db", "create"}, {"failures"}, {"replay", "-n", "x", "--from", "1m"},
		{"generate", "job", "clerk"},
	} {
		r := run(t, append([]string{"-C", dir}, args...)...)
		r.fails(t, 1, "no jets.json in "+dir, "jets new demo")
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	dir := newTestApp(t)
	for _, args := range [][]string{
		{"new"}, {"generate", "job"}, {"logs", "--format", "fancy"}, {"logs", "--since", "yesterday"},
		{"failures", "show"}, {"replay", "--from", "1m"}, {"dev", "--in-memory", "--data-dir", "x"},
	} {
		r := run(t, append([]string{"-C", dir}, args...)...)
		if r.code != 2 {
			t.Errorf("jets %s: exit %d, want 2; stderr: %s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}
