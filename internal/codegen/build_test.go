package codegen

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/gojets/jets"
)

// goCmd runs the go tool in dir with the module proxy as the only source
// (GOFLAGS=-mod=mod lets it resolve what go.sum lacks).
func goCmd(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOWORK=off")
	return cmd
}

// TestGeneratedAppBuilds renders `jets new demo` and the seed's clerk job,
// builds the app against this checkout, and runs the binary for its
// manifest.
func TestGeneratedAppBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an app with the go tool")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := newDemo(t, AppOptions{})
	if out, err := goCmd(ctx, dir, "vet", "./...").CombinedOutput(); err != nil {
		t.Fatalf("go vet: %v\n%s", err, out)
	}
	bin := filepath.Join(dir, "demo")
	if out, err := goCmd(ctx, dir, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.CommandContext(ctx, bin, "manifest")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s manifest: %v", bin, err)
	}
	var m jets.Manifest
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("manifest: %v\n%s", err, out)
	}
	f, ok := m.Function("clerk_job-file")
	if !ok || f.FunctionName != "demo-dev-clerk_job-file" || len(f.EventSources) != 1 ||
		f.EventSources[0].TableName != "demo-dev-test-table" || f.Handler != jets.HandlerDynamoDB {
		t.Errorf("manifest:\n%s", out)
	}
}

// TestExampleDemoBuilds builds examples/demo as committed, without letting
// the go tool change its go.mod or go.sum.
func TestExampleDemoBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an app with the go tool")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := filepath.Join(jetsSourceForTest(t), "examples", "demo")
	cmd := goCmd(ctx, dir, "build", "-o", filepath.Join(t.TempDir(), "demo"), ".")
	cmd.Env = append(cmd.Env, "GOFLAGS=-mod=readonly -buildvcs=false")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build in %s: %v\n%s\n(go test ./internal/codegen -run TestExampleDemoInSync -update refreshes it)", dir, err, out)
	}
}
