package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// replayOptions are jets replay's flags.
type replayOptions struct {
	name     string
	from     string
	endpoint string
}

func newReplayCommand(g *globals) *cobra.Command {
	var opts replayOptions
	cmd := &cobra.Command{
		Use:   "replay -n NAME --from POSITION",
		Short: "Send a function its streams' records again, from a point, through the running jets dev",
		Long: "Read each stream the function is bound to from POSITION to its current end and invoke\n" +
			"the function with those records again, in batches as its event source sets them.\n" +
			"POSITION is a sequence number (from an event or jets failures), a time (RFC 3339) or a\n" +
			"duration ago (10m, 2h). The event source's own checkpoint does not move.",
		Example: "  jets replay -n clerk_job-file --from 10m\n  jets replay -n clerk_job-file --from 2026-11-29T12:00:00Z\n" +
			"  jets replay -n clerk_job-file --from 000000000000000000000123",
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReplay(cmd.Context(), g.appDir, opts, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.name, "name", "n", "", "the function: short name (clerk_job-file), deployed name or log group")
	f.StringVar(&opts.from, "from", "", "where to start: a sequence number, a time (RFC 3339) or a duration ago (10m)")
	f.StringVar(&opts.endpoint, "endpoint", "", "the running jets dev (default: the one running this app, else "+defaultDevEndpoint+")")
	return cmd
}

func runReplay(ctx context.Context, appDir string, opts replayOptions, out io.Writer) error {
	if opts.name == "" {
		return usageError{errors.New("name the function with -n, e.g. jets replay -n clerk_job-file --from 10m")}
	}
	if opts.from == "" {
		return usageError{errors.New("say where to start with --from: a sequence number, a time " +
			"(2026-11-29T12:00:00Z) or a duration ago (10m), e.g. jets replay -n " + opts.name + " --from 10m")}
	}
	a, err := loadApp(appDir, os.Getenv)
	if err != nil {
		return err
	}
	fn := a.functionName(opts.name)
	dev := devClient{endpoint: devEndpoint(opts.endpoint, a.stateDir())}
	res, err := dev.Replay(ctx, fn, opts.from)
	if err != nil {
		return fmt.Errorf("replay %s: %w", a.shortName(fn), err)
	}
	fmt.Fprintf(out, "re-sent %d record(s) in %d batch(es) to %s (see them: jets logs -n %s)\n",
		res.Records, res.Batches, a.shortName(fn), a.shortName(fn))
	return nil
}
