package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gojets/jets/internal/codegen"
)

func TestNewWritesAnAppAndSaysWhatNext(t *testing.T) {
	parent := t.TempDir()
	r := run(t, "-C", parent, "new", "demo").must(t)
	dir := filepath.Join(parent, "demo")
	for _, f := range []string{"go.mod", "go.sum", "main.go", "jets.json", "app/jobs/doc.go", "db/tables/test-table.json", ".gitignore", "README.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if !strings.Contains(r.stdout, filepath.Join(dir, f)) && !strings.Contains(r.stdout, f) {
			t.Errorf("output does not list %s:\n%s", f, r.stdout)
		}
	}
	for _, want := range []string{"cd " + dir, "jets generate job clerk --type dynamodb --name file", "jets dev"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	mod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	if !strings.Contains(string(mod), "replace github.com/gojets/jets => "+codegen.DefaultJetsSource()) {
		t.Errorf("go.mod does not build against this jets tree:\n%s", mod)
	}

	// The directory is taken now.
	run(t, "-C", parent, "new", "demo").fails(t, 1, "not empty")
}

func TestNewJetsSourceIsRelativeToTheApp(t *testing.T) {
	parent := t.TempDir()
	src := filepath.Join(parent, "jets")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(codegen.DefaultJetsSource(), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "go.mod"), gomod, 0o644); err != nil {
		t.Fatal(err)
	}
	// As typed from parent (-C): ./jets; the app's go.mod says ../jets.
	run(t, "-C", parent, "new", "apps/shop", "--jets-source", "jets").must(t)
	mod, _ := os.ReadFile(filepath.Join(parent, "apps", "shop", "go.mod"))
	if !strings.Contains(string(mod), "replace github.com/gojets/jets => ../../jets") {
		t.Errorf("go.mod:\n%s", mod)
	}
	if cfg, _ := os.ReadFile(filepath.Join(parent, "apps", "shop", "jets.json")); !strings.Contains(string(cfg), `"project": "shop"`) {
		t.Errorf("jets.json:\n%s", cfg)
	}
}

func TestNewRejectsBadNames(t *testing.T) {
	parent := t.TempDir()
	run(t, "-C", parent, "new", "Demo_App").fails(t, 1, `app name "Demo_App" is invalid`)
	run(t, "-C", parent, "new", "demo", "--jets-source", t.TempDir()).fails(t, 1, "go.mod")
}
