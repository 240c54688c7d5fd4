package e2e

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// repoRoot is the jets source tree under test.
var repoRoot = func() string {
	abs, err := filepath.Abs("..")
	if err != nil {
		panic(err)
	}
	return abs
}()

var (
	buildOnce sync.Once
	binDir    string
	jetsBin   string
	buildErr  error
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// jets returns the jets binary, built once from the repository.
func jets(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds jets and apps; runs processes")
	}
	buildOnce.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "jets-e2e-"); buildErr != nil {
			return
		}
		jetsBin = filepath.Join(binDir, "jets")
		cmd := exec.Command("go", "build", "-o", jetsBin, "./cmd/jets")
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = &buildError{err: err, out: strings.TrimSpace(string(out))}
		}
	})
	if buildErr != nil {
		t.Fatalf("go build ./cmd/jets: %v", buildErr)
	}
	return jetsBin
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }
