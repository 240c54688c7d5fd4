package cli

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gojets/jets"
	"github.com/gojets/jets/internal/codegen"
)

func newGenerateCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "generate",
		Aliases: []string{"g"},
		Short:   "Generate code in a jets app (jets generate job)",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError{fmt.Errorf("what to generate? try: jets generate job clerk --type dynamodb --name file")}
		},
	}
	cmd.AddCommand(newGenerateJobCommand(g))
	return cmd
}

func newGenerateJobCommand(g *globals) *cobra.Command {
	opts := codegen.JobOptions{Type: codegen.TypeDynamoDB, Method: codegen.DefaultMethod}
	cmd := &cobra.Command{
		Use:   "job NAME",
		Short: "Generate a job whose method runs when a DynamoDB table changes",
		Long: "Write app/jobs/<name>_job.go: a job type with one method bound to a table's DynamoDB\n" +
			"stream (test-table unless --table says otherwise; the table gets the app's namespace,\n" +
			"e.g. demo-dev-test-table). Each method is a function of its own, named\n" +
			"<name>_job-<method> (clerk_job-file). An existing file is kept unless --force.",
		Example: "  jets generate job clerk --type dynamodb --name file\n  jets g job audit --name record --table orders",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.Name = a[0]
			return runGenerateJob(cmd.OutOrStdout(), g.appDir, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Type, "type", "t", opts.Type, "the trigger type (only dynamodb so far)")
	f.StringVarP(&opts.Method, "name", "n", opts.Method, "the method name, which names the function (clerk_job-<name>)")
	f.StringVar(&opts.Table, "table", codegen.DefaultTable, "the table the method is bound to, without the namespace")
	f.BoolVarP(&opts.Force, "force", "f", false, "overwrite an existing file")
	return cmd
}

func runGenerateJob(out io.Writer, appDir string, opts codegen.JobOptions) error {
	a, err := loadApp(appDir, os.Getenv)
	if err != nil {
		return err
	}
	paths, err := codegen.GenerateJob(appDir, opts)
	if err != nil {
		return fmt.Errorf("jets generate job: %w", err)
	}
	for _, p := range paths {
		fmt.Fprintf(out, "wrote %s\n", rel(p))
	}
	if len(paths) == 1 {
		fn := functionOf(paths[0], opts.Method)
		table := a.cfg.TableName(cmp.Or(opts.Table, codegen.DefaultTable))
		fmt.Fprintf(out, "\nThe function %s runs on changes to %s. Next:\n  jets dev\n  jets logs -f -n %s\n", fn, table, fn)
	}
	return nil
}

// functionOf is the short function name of a generated job's method:
// app/jobs/clerk_job.go and "file" make clerk_job-file.
func functionOf(path, method string) string {
	typ := strings.TrimSuffix(filepath.Base(path), ".go")
	m := jets.SnakeCase(jets.CamelCase(jets.SnakeCase(method)))
	return typ + "-" + m
}
