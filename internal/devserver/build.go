package devserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gojets/jets"
)

// build compiles the app into <StateDir>/build/<name> and returns the
// binary's path.
func build(ctx context.Context, appDir, stateDir, name string) (string, error) {
	out := filepath.Join(stateDir, "build", name)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, ".")
	cmd.Dir = appDir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build in %s: %w\n%s", appDir, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// manifest asks the app's binary for its manifest.
func manifest(ctx context.Context, bin string, env []string) (jets.Manifest, error) {
	cmd := exec.CommandContext(ctx, bin, "manifest")
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return jets.Manifest{}, fmt.Errorf("%s manifest: %w\n%s", filepath.Base(bin), err, strings.TrimSpace(stderr.String()))
	}
	var m jets.Manifest
	if err := json.Unmarshal(stdout.Bytes(), &m); err != nil {
		return jets.Manifest{}, fmt.Errorf("read manifest: %w", err)
	}
	if m.ManifestVersion != 1 {
		return jets.Manifest{}, fmt.Errorf("manifest version %d is not supported by this jets; rebuild jets from the same source as the app", m.ManifestVersion)
	}
	return m, nil
}
