package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gojets/jets"
)

// app is the jets app an app command works on: its directory (from -C)
// and its configuration, resolved against the environment.
type app struct {
	dir string
	cfg jets.Config
}

// loadApp reads the jets.json of the app at dir and resolves it with
// getenv (os.Getenv in production).
func loadApp(dir string, getenv func(string) string) (app, error) {
	cfg, err := jets.LoadConfig(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return app{}, noAppError(dir)
	}
	if err != nil {
		return app{}, err
	}
	if cfg, err = cfg.Resolve(getenv); err != nil {
		return app{}, fmt.Errorf("%s: %w", filepath.Join(dir, jets.ConfigFile), err)
	}
	return app{dir: dir, cfg: cfg}, nil
}

// noAppError says how to get to an app when dir has no jets.json.
func noAppError(dir string) error {
	where := "the current directory"
	if dir != "." {
		where = dir
	}
	return fmt.Errorf("no %s in %s: run this in a jets app's directory, or name it with -C DIR "+
		"(make a new app with: jets new demo)", jets.ConfigFile, where)
}

// stateDir is where jets dev keeps builds, logs and failures for the app.
func (a app) stateDir() string { return stateDir(a.dir) }

func stateDir(appDir string) string { return filepath.Join(appDir, ".jets") }

// functionName turns what the user typed after -n into a deployed function
// name: the short name (clerk_job-file), the deployed name
// (demo-dev-clerk_job-file) or the log group
// (/aws/lambda/demo-dev-clerk_job-file).
func (a app) functionName(name string) string {
	name = strings.TrimPrefix(name, jets.LogGroup(""))
	if strings.HasPrefix(name, a.cfg.Namespace()+"-") {
		return name
	}
	return a.cfg.FunctionName(name)
}

// shortName is the inverse of functionName for names in this namespace.
func (a app) shortName(function string) string {
	return strings.TrimPrefix(function, a.cfg.Namespace()+"-")
}

// args wraps a cobra argument check so that a wrong count is a usage error
// (exit code 2) that shows the command's usage line.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageError{fmt.Errorf("%w\nusage: %s", err, cmd.UseLine())}
		}
		return nil
	}
}

// rel shows path relative to the working directory when it is below it.
func rel(path string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(path) {
		return path
	}
	if r, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return path
}
