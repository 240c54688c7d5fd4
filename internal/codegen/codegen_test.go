package codegen

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden trees in testdata/ and examples/demo")

const sourcePlaceholder = "$JETS_SOURCE"

func jetsSourceForTest(t *testing.T) string {
	t.Helper()
	src := DefaultJetsSource()
	if src == "" {
		t.Fatal("DefaultJetsSource found no jets source tree")
	}
	return src
}

// newDemo renders `jets new demo` plus `jets generate job clerk --type
// dynamodb --name file` into a temporary directory.
func newDemo(t *testing.T, opts AppOptions) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "demo")
	if _, err := NewApp(dir, "demo", opts); err != nil {
		t.Fatal(err)
	}
	if _, err := GenerateJob(dir, JobOptions{Name: "clerk", Type: "dynamodb", Method: "file", Getenv: func(string) string { return "" }}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readTree reads every file under dir, keyed by slash path; skip names
// files left out.
func readTree(t *testing.T, dir string, skip ...string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		for _, s := range skip {
			if rel == s {
				return nil
			}
		}
		data, err := os.ReadFile(p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// compareTree checks got against the golden tree at dir, or rewrites it
// under -update.
func compareTree(t *testing.T, dir string, got map[string]string, skip ...string) {
	t.Helper()
	if *update {
		keep := map[string]string{}
		for _, s := range skip { // files the comparison leaves alone
			if data, err := os.ReadFile(filepath.Join(dir, s)); err == nil {
				keep[s] = string(data)
			}
		}
		for k, v := range got {
			keep[k] = v
		}
		writeTree(t, dir, keep)
	}
	want := readTree(t, dir, skip...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s differs (-want +got; go test ./internal/codegen -update rewrites it):\n%s", dir, diff)
	}
}

func TestNewAppGolden(t *testing.T) {
	src := jetsSourceForTest(t)
	dir := newDemo(t, AppOptions{})
	got := readTree(t, dir, "go.sum")
	got["go.mod"] = strings.ReplaceAll(got["go.mod"], src, sourcePlaceholder)
	compareTree(t, filepath.Join("testdata", "demo"), got)

	// go.sum holds the jets tree's checksums, so the app builds offline
	// from the module cache.
	sum, _ := os.ReadFile(filepath.Join(dir, "go.sum"))
	jetsSum, _ := os.ReadFile(filepath.Join(src, "go.sum"))
	if !bytes.Equal(sum, appGoSum(jetsSum)) || len(sum) == 0 {
		t.Errorf("go.sum (%d bytes) is not the jets tree's (%d bytes)", len(sum), len(jetsSum))
	}
}

// TestExampleDemoInSync keeps examples/demo what `jets new demo` and
// `jets generate job clerk --type dynamodb --name file` produce, with the
// replace line pointing at this repository (../..). -update rewrites it,
// e.g. after go.sum changes.
func TestExampleDemoInSync(t *testing.T) {
	src := jetsSourceForTest(t)
	got := readTree(t, newDemo(t, AppOptions{}))
	got["go.mod"] = strings.ReplaceAll(got["go.mod"], "=> "+src, "=> ../..")
	compareTree(t, filepath.Join(src, "examples", "demo"), got, "demo")
}

func TestNewAppRelativeSource(t *testing.T) {
	src := jetsSourceForTest(t)
	parent := t.TempDir()
	rel, err := filepath.Rel(filepath.Join(parent, "demo"), src)
	if err != nil {
		t.Skip("no relative path to the jets source")
	}
	if _, err := NewApp(filepath.Join(parent, "demo"), "demo", AppOptions{JetsSource: rel, Module: "example.com/demo"}); err != nil {
		t.Fatal(err)
	}
	mod, _ := os.ReadFile(filepath.Join(parent, "demo", "go.mod"))
	main, _ := os.ReadFile(filepath.Join(parent, "demo", "main.go"))
	if !strings.Contains(string(mod), "module example.com/demo\n") || !strings.Contains(string(mod), "=> "+filepath.ToSlash(rel)+"\n") ||
		!strings.Contains(string(main), `_ "example.com/demo/app/jobs"`) {
		t.Errorf("go.mod:\n%s\nmain.go:\n%s", mod, main)
	}
}

func TestNewAppErrors(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		dir, name string
		opts      AppOptions
		want      string
	}{
		{t.TempDir(), "Demo", AppOptions{}, `app name "Demo" is invalid: use lowercase letters, digits and hyphens`},
		{t.TempDir(), "my_app", AppOptions{}, `app name "my_app" is invalid`},
		{full, "demo", AppOptions{}, "exists and is not empty"},
		{filepath.Join(t.TempDir(), "d"), "demo", AppOptions{JetsSource: t.TempDir()}, "go.mod: no such file"},
	} {
		_, err := NewApp(tt.dir, tt.name, tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewApp(%q): %v, want %q", tt.name, err, tt.want)
		}
	}
}
