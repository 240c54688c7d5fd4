package codegen

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// jetsModule is the module path apps require.
const jetsModule = "github.com/gojets/jets"

// unpublishedVersion is the version apps require while the replace line
// points at a source tree.
const unpublishedVersion = "v0.0.0-00010101000000-000000000000"

// DefaultJetsSource is the root of the jets source tree this package was
// built from (found with runtime.Caller), or "" when the binary was built
// without it (-trimpath) or the tree is gone.
func DefaultJetsSource() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return ""
	}
	root := filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return ""
	}
	return root
}

// jetsSource is what an app needs from the jets module it builds against.
type jetsSource struct {
	goVersion     string // the go directive
	lambdaVersion string // github.com/aws/aws-lambda-go's version
	goSum         []byte
}

var (
	goDirective   = regexp.MustCompile(`(?m)^go\s+(\S+)\s*$`)
	moduleLine    = regexp.MustCompile(`(?m)^module\s+(\S+)\s*$`)
	lambdaRequire = regexp.MustCompile(`(?m)^\s*(?:require\s+)?github\.com/aws/aws-lambda-go\s+(v\S+)`)
)

// readJetsSource reads the go.mod (and go.sum, if any) of the jets source
// tree at dir.
func readJetsSource(dir string) (jetsSource, error) {
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return jetsSource{}, fmt.Errorf("jets source %s: %w", dir, err)
	}
	if m := moduleLine.FindSubmatch(mod); m == nil || string(m[1]) != jetsModule {
		return jetsSource{}, fmt.Errorf("jets source %s: go.mod is not module %s", dir, jetsModule)
	}
	src := jetsSource{goVersion: "1.26", lambdaVersion: "v1.55.1"}
	if m := goDirective.FindSubmatch(mod); m != nil {
		src.goVersion = string(m[1])
	}
	if m := lambdaRequire.FindSubmatch(mod); m != nil {
		src.lambdaVersion = string(m[1])
	}
	sum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return jetsSource{}, fmt.Errorf("jets source %s: %w", dir, err)
	}
	src.goSum = sum
	return src, nil
}

// appGoSum is the new app's go.sum: the jets tree's entries, which cover
// every module the app can reach through jets, so that the app builds
// without fetching checksums first.
func appGoSum(jetsSum []byte) []byte {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(jetsSum))
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			out.WriteString(line + "\n")
		}
	}
	return out.Bytes()
}
