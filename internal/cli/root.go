package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Version is the jets version; release builds set it with
// -ldflags "-X github.com/gojets/jets/internal/cli.Version=v1.2.3".
var Version = ""

// version returns Version, else the module version of the build, else
// "dev".
func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// Main runs the jets command line with args (without the program name) and
// returns the process exit code. ctx is cancelled on SIGINT/SIGTERM.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := NewRootCommand(stdout, stderr)
	cmd.SetArgs(args)
	if err := cmd.ExecuteContext(ctx); err != nil {
		fmt.Fprintf(stderr, "jets: %v\n", err)
		var ue usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

// NewRootCommand returns the jets command with all its subcommands.
func NewRootCommand(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "jets",
		Short: "Go functions that run when DynamoDB items change, with a local DynamoDB + Streams engine",
		Long: "jets runs Go functions when items in a DynamoDB table change.\n\n" +
			"  jets new demo                                          a new app\n" +
			"  jets generate job clerk --type dynamodb --name file    a job bound to a table's stream\n" +
			"  jets dev                                               run it all locally\n" +
			"  jets logs -f -n clerk_job-file                         follow a function's logs\n\n" +
			"It comes with an embedded DynamoDB-compatible engine with real DynamoDB Streams\n" +
			"(jets server), served on DynamoDB's wire protocol so the AWS CLI and SDKs use it as they use AWS.",
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	g := &globals{appDir: "."}
	root.PersistentFlags().StringVarP(&g.appDir, "app-dir", "C", g.appDir,
		"the app's directory (where jets.json is); jets runs as if started there")
	root.AddCommand(
		newNewCommand(g), newGenerateCommand(g), newDevCommand(g), newLogsCommand(g),
		newDBCommand(g), newFailuresCommand(g), newReplayCommand(g),
		newServerCommand(), newVersionCommand(),
	)
	return root
}

// globals are the persistent flags every command sees.
type globals struct {
	appDir string
}

// usageError is a bad flag or argument (exit code 2).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }
