package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gojets/jets/internal/devserver"
	"github.com/gojets/jets/stream/failures"
)

func newFailuresCommand(g *globals) *cobra.Command {
	var name string
	list := func(cmd *cobra.Command, _ []string) error {
		return runFailuresList(g.appDir, name, cmd.OutOrStdout())
	}
	cmd := &cobra.Command{
		Use:   "failures",
		Short: "List, show and replay the batches jets dev gave up on",
		Long: "When a function keeps failing on a batch of stream records and its event source's\n" +
			"retries or record age run out, jets dev sends the batch to the on-failure destination,\n" +
			"as Lambda does: locally, a store in .jets/failures that keeps AWS's failure record and\n" +
			"the event. jets failures lists them; show prints one; replay invokes its function with\n" +
			"the same event again, through the running jets dev.",
		Example: "  jets failures\n  jets failures -n clerk_job-file\n  jets failures show 20261129T120000.000Z-3f1c\n" +
			"  jets failures replay 20261129T120000.000Z-3f1c",
		Args: args(cobra.NoArgs),
		RunE: list,
	}
	cmd.Flags().StringVarP(&name, "name", "n", "", "only this function's failures (short or deployed name)")
	listCmd := &cobra.Command{
		Use:   "list",
		Short: "List the stored failures, oldest first",
		Args:  args(cobra.NoArgs),
		RunE:  list,
	}
	listCmd.Flags().StringVarP(&name, "name", "n", "", "only this function's failures (short or deployed name)")
	cmd.AddCommand(listCmd, newFailuresShowCommand(g), newFailuresReplayCommand(g))
	return cmd
}

func newFailuresShowCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Print a failure: AWS's failure record and the event that failed, as JSON",
		Long:  "Print a failure as JSON. ID is the whole id from jets failures, or enough of its start or end to name one.",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runFailuresShow(g.appDir, a[0], cmd.OutOrStdout())
		},
	}
}

func newFailuresReplayCommand(g *globals) *cobra.Command {
	var endpoint string
	cmd := &cobra.Command{
		Use:   "replay ID",
		Short: "Invoke a failed batch's function with its event again, through the running jets dev",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runFailuresReplay(cmd.Context(), g.appDir, a[0], endpoint, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&endpoint, "endpoint", "", "the running jets dev (default: the one running this app, else "+defaultDevEndpoint+")")
	return cmd
}

// failureStore opens the app's failure store.
func failureStore(appDir string) (app, *failures.Store, error) {
	a, err := loadApp(appDir, os.Getenv)
	if err != nil {
		return app{}, nil, err
	}
	return a, &failures.Store{Dir: devserver.FailuresDir(a.stateDir())}, nil
}

func runFailuresList(appDir, name string, out io.Writer) error {
	a, store, err := failureStore(appDir)
	if err != nil {
		return err
	}
	fn := ""
	if name != "" {
		fn = a.functionName(name)
	}
	entries, err := store.List(fn)
	if err != nil {
		return fmt.Errorf("list failures: %w", err)
	}
	if len(entries) == 0 {
		if name != "" {
			fmt.Fprintf(out, "no failures for %s\n", a.shortName(fn))
		} else {
			fmt.Fprintln(out, "no failures")
		}
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFUNCTION\tCONDITION\tINVOKES\tRECORDS\tSEQUENCE NUMBERS\tREPLAYED")
	for _, e := range entries {
		b := e.DDBStreamBatchInfo
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s–%s\t%d\n", e.ID, a.shortName(e.Function),
			e.RequestContext.Condition, e.RequestContext.ApproximateInvokeCount, b.BatchSize,
			b.StartSequenceNumber, b.EndSequenceNumber, e.Replays)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nShow one: jets failures show ID    Invoke its function again: jets failures replay ID")
	return nil
}

func runFailuresShow(appDir, id string, out io.Writer) error {
	_, store, err := failureStore(appDir)
	if err != nil {
		return err
	}
	e, err := store.Get(id)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "%s\n", b)
	return err
}

func runFailuresReplay(ctx context.Context, appDir, id, endpoint string, out io.Writer) error {
	a, store, err := failureStore(appDir)
	if err != nil {
		return err
	}
	e, err := store.Get(id)
	if err != nil {
		return err
	}
	dev := devClient{endpoint: devEndpoint(endpoint, a.stateDir())}
	res, err := store.Replay(ctx, e, dev)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "replayed %s: %s succeeded with the %d record(s) of the failed batch\n",
		e.ID, a.shortName(e.Function), e.DDBStreamBatchInfo.BatchSize)
	if len(res.Payload) > 0 && string(res.Payload) != "null" {
		fmt.Fprintf(out, "response: %s\n", res.Payload)
	}
	return nil
}
