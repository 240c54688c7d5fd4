package codegen

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// AppOptions tune NewApp.
type AppOptions struct {
	// Module is the app's Go module path; default: the app name.
	Module string
	// JetsSource is the directory of the jets module the app builds
	// against (its go.mod gets `replace github.com/gojets/jets =>
	// JetsSource`); a relative path is relative to the app directory.
	// Default: DefaultJetsSource().
	JetsSource string
}

// appNamePattern: the project name is also the first part of every
// deployed name, so it is kept to what those allow.
var appNamePattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// appData is what the app templates see.
type appData struct {
	Name, Module, GoVersion, LambdaVersion, JetsVersion, JetsSource string
}

// NewApp writes a new app named name into dir (`jets new NAME`): go.mod and
// go.sum, main.go, jets.json, app/jobs/, db/tables/test-table.json,
// .gitignore and README.md. dir must not exist or be empty. It returns the
// paths written.
func NewApp(dir, name string, opts AppOptions) ([]string, error) {
	if !appNamePattern.MatchString(name) {
		return nil, fmt.Errorf("app name %q is invalid: use lowercase letters, digits and hyphens, starting with a letter (e.g. demo)", name)
	}
	if err := checkEmptyDir(dir); err != nil {
		return nil, err
	}
	data, sum, err := newAppData(dir, name, opts)
	if err != nil {
		return nil, err
	}
	files, err := renderApp(data)
	if err != nil {
		return nil, err
	}
	if len(sum) > 0 {
		files = append(files, output{path: "go.sum", data: sum})
	}
	return writeOutputs(dir, files, false)
}

func newAppData(dir, name string, opts AppOptions) (appData, []byte, error) {
	src := opts.JetsSource
	if src == "" {
		src = DefaultJetsSource()
	}
	if src == "" {
		return appData{}, nil, errors.New("cannot find the jets source tree this binary was built from; set the jets source directory explicitly")
	}
	srcDir := src
	if !filepath.IsAbs(srcDir) {
		srcDir = filepath.Join(dir, srcDir)
	}
	js, err := readJetsSource(srcDir)
	if err != nil {
		return appData{}, nil, err
	}
	module := opts.Module
	if module == "" {
		module = name
	}
	data := appData{
		Name: name, Module: module, GoVersion: js.goVersion, LambdaVersion: js.lambdaVersion,
		JetsVersion: unpublishedVersion, JetsSource: filepath.ToSlash(src),
	}
	return data, appGoSum(js.goSum), nil
}

func renderApp(data appData) ([]output, error) {
	var files []output
	for _, f := range []struct{ tmpl, path string }{
		{"app/go.mod.tmpl", "go.mod"},
		{"app/main.go.tmpl", "main.go"},
		{"app/jets.json.tmpl", "jets.json"},
		{"app/jobs_doc.go.tmpl", "app/jobs/doc.go"},
		{"app/test-table.json.tmpl", "db/tables/test-table.json"},
		{"app/gitignore.tmpl", ".gitignore"},
		{"app/README.md.tmpl", "README.md"},
	} {
		out, err := render(f.tmpl, f.path, data)
		if err != nil {
			return nil, err
		}
		files = append(files, out)
	}
	return files, nil
}

func checkEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("new app in %s: %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("%s exists and is not empty", dir)
	}
	return nil
}
