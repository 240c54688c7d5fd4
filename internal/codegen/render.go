package codegen

import (
	"bytes"
	"embed"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
)

//go:embed templates
var templates embed.FS

// output is one file to write: its path in the app and its content.
type output struct {
	path string // slash-separated, relative to the app
	data []byte
}

// render executes a template; Go output is gofmt'ed.
func render(name, outPath string, data any) (output, error) {
	text, err := templates.ReadFile("templates/" + name)
	if err != nil {
		return output{}, fmt.Errorf("template %s: %w", name, err)
	}
	t, err := template.New(name).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return output{}, fmt.Errorf("template %s: %w", name, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return output{}, fmt.Errorf("template %s: %w", name, err)
	}
	out := buf.Bytes()
	if strings.HasSuffix(outPath, ".go") {
		if out, err = format.Source(out); err != nil {
			return output{}, fmt.Errorf("format %s: %w", outPath, err)
		}
	}
	return output{path: outPath, data: out}, nil
}

// writeOutputs writes files under dir and returns their paths (dir joined
// with each), sorted. Unless force, it refuses to overwrite any file, and
// checks them all before writing one.
func writeOutputs(dir string, files []output, force bool) ([]string, error) {
	if !force {
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f.path))
			if _, err := os.Stat(p); err == nil {
				return nil, fmt.Errorf("%s already exists; use --force to overwrite it", p)
			}
		}
	}
	var paths []string
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return paths, fmt.Errorf("write %s: %w", p, err)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return paths, fmt.Errorf("write %s: %w", p, err)
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths, nil
}
