package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gojets/jets/internal/codegen"
)

func newNewCommand(g *globals) *cobra.Command {
	var source string
	cmd := &cobra.Command{
		Use:   "new NAME",
		Short: "Create a new jets app in the directory NAME",
		Long: "Create a new jets app: go.mod, main.go, jets.json, app/jobs/, db/tables/test-table.json,\n" +
			".gitignore and README.md. NAME is the project name (lowercase letters, digits and\n" +
			"hyphens), the first part of every deployed name (demo → demo-dev-test-table).\n\n" +
			"jets is not published yet, so the app's go.mod builds against the jets source tree\n" +
			"this jets was built from (a replace line); --jets-source names another one.",
		Example: "  jets new demo\n  cd demo\n  jets generate job clerk --type dynamodb --name file\n  jets dev",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runNew(cmd.OutOrStdout(), g.appDir, a[0], source)
		},
	}
	cmd.Flags().StringVar(&source, "jets-source", "",
		"the jets source tree the app builds against (default: the one this jets was built from)")
	return cmd
}

// runNew writes the app NAME under parent (the -C directory).
func runNew(out io.Writer, parent, name, source string) error {
	dir := filepath.Join(parent, name)
	src, err := jetsSource(dir, parent, source)
	if err != nil {
		return err
	}
	paths, err := codegen.NewApp(dir, filepath.Base(name), codegen.AppOptions{JetsSource: src})
	if err != nil {
		return fmt.Errorf("jets new: %w", err)
	}
	fmt.Fprintf(out, "Created the jets app %s in %s:\n", filepath.Base(name), rel(dir))
	for _, p := range paths {
		fmt.Fprintf(out, "  %s\n", rel(p))
	}
	fmt.Fprintf(out, "\nNext:\n  cd %s\n  jets generate job clerk --type dynamodb --name file\n  jets dev\n", rel(dir))
	return nil
}

// jetsSource returns the jets source for the app's replace line: the
// flag's directory (relative to parent, as the user typed it) made relative
// to the app, or "" for codegen's default.
func jetsSource(appDir, parent, flag string) (string, error) {
	if flag == "" {
		if codegen.DefaultJetsSource() == "" {
			return "", errors.New("cannot find the jets source tree this jets was built from: " +
				"pass it with --jets-source DIR (a clone of github.com/gojets/jets)")
		}
		return "", nil
	}
	if !filepath.IsAbs(flag) {
		flag = filepath.Join(parent, flag)
	}
	abs, err := filepath.Abs(flag)
	if err != nil {
		return "", fmt.Errorf("--jets-source %s: %w", flag, err)
	}
	absApp, err := filepath.Abs(appDir)
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel(absApp, abs); err == nil {
		return r, nil
	}
	return abs, nil
}
