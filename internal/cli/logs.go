package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gojets/jets/internal/devserver"
	"github.com/gojets/jets/lambdart/logstore"
)

// logsOptions are jets logs' flags (Ruby Jets' names and defaults).
type logsOptions struct {
	name        string
	follow      bool
	since       string
	filter      string
	format      string
	refreshRate float64 // seconds between checks for new lines when following
	waitExists  bool    // with -f, wait for a log that does not exist yet
}

func newLogsCommand(g *globals) *cobra.Command {
	opts := logsOptions{since: "10m", format: "simple", refreshRate: logstore.PollInterval.Seconds(), waitExists: true}
	cmd := &cobra.Command{
		Use:   "logs",
		Short: "Show or follow a function's logs",
		Long: "Show a function's log lines (its output, with Lambda's START, END and REPORT lines),\n" +
			"as jets dev keeps them in .jets/logs, or follow them with -f until Ctrl-C. It works\n" +
			"while jets dev runs and after it stopped.\n\n" +
			"-n takes the function's short name (clerk_job-file), its deployed name\n" +
			"(demo-dev-clerk_job-file) or its log group (/aws/lambda/demo-dev-clerk_job-file);\n" +
			"without -n, the app's only function with logs.\n\n" +
			"--since is a duration ago (30s, 10m, 2h, 1d, 2w) or a time (RFC 3339, e.g.\n" +
			"2026-11-29T12:00:00Z); --filter-pattern is CloudWatch Logs' syntax for text\n" +
			"(ERROR -DEBUG \"a phrase\" ?WARN ?ERROR %regex%); --format is simple, plain,\n" +
			"detailed (adds the log stream) or json.",
		Example: "  jets logs -f -n clerk_job-file\n  jets logs -n clerk_job-file --since 1h --filter-pattern REPORT",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLogs(cmd.Context(), g.appDir, opts, cmd.OutOrStdout(), cmd.ErrOrStderr(), time.Now())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.name, "name", "n", "", "the function: short name, deployed name or log group")
	f.BoolVarP(&opts.follow, "follow", "f", false, "keep printing new lines until Ctrl-C")
	f.StringVar(&opts.since, "since", opts.since, "show lines from this long ago (10m, 2h, 1d, 2w) or this time (RFC 3339)")
	f.StringVar(&opts.filter, "filter-pattern", "", "show only lines matching this CloudWatch Logs filter pattern")
	f.StringVar(&opts.format, "format", opts.format, "simple, plain, detailed or json")
	f.Float64Var(&opts.refreshRate, "refresh-rate", opts.refreshRate, "with -f, seconds between checks for new lines (a jets dev in this process wakes it at once)")
	f.BoolVar(&opts.waitExists, "wait-exists", opts.waitExists, "with -f, wait for a function that has not run yet")
	// Ruby Jets calls -n --log-group-name.
	f.SetNormalizeFunc(func(_ *pflag.FlagSet, name string) pflag.NormalizedName {
		if name == "log-group-name" {
			name = "name"
		}
		return pflag.NormalizedName(name)
	})
	return cmd
}

func runLogs(ctx context.Context, appDir string, opts logsOptions, stdout, stderr io.Writer, now time.Time) error {
	q, err := opts.query(now)
	if err != nil {
		return err
	}
	a, err := loadApp(appDir, os.Getenv)
	if err != nil {
		return err
	}
	dir := devserver.LogDir(a.stateDir())
	fn, err := a.logFunction(dir, opts.name)
	if err != nil {
		return err
	}
	path := logstore.Path(dir, fn)
	_, statErr := os.Stat(path)
	missing := errors.Is(statErr, os.ErrNotExist)
	if missing && (!opts.follow || !opts.waitExists) {
		return a.notRunError(dir, fn)
	}
	emit := func(e logstore.Event) error {
		line, err := logstore.Format(e, opts.format)
		if err == nil {
			_, err = fmt.Fprintln(stdout, line)
		}
		return err
	}
	if opts.follow {
		fmt.Fprintf(stderr, "Tailing logs for %s\n", logstore.GroupName(fn))
		if missing {
			fmt.Fprintf(stderr, "%s has not run yet; waiting for its first lines (is jets dev running?)\n", a.shortName(fn))
		}
		every := time.Duration(opts.refreshRate * float64(time.Second))
		if every <= 0 {
			every = logstore.PollInterval
		}
		return logstore.FollowEvery(ctx, path, q, every, emit)
	}
	fmt.Fprintf(stderr, "Showing logs for %s\n", logstore.GroupName(fn))
	events, err := logstore.Read(path, q)
	if err != nil {
		return err
	}
	for _, e := range events {
		if err := emit(e); err != nil {
			return err
		}
	}
	if len(events) == 0 {
		fmt.Fprintf(stderr, "no log lines since %s; show older ones with --since (e.g. --since 1d)\n", opts.since)
	}
	return nil
}

// query checks the flags and turns them into a log query.
func (o logsOptions) query(now time.Time) (logstore.Query, error) {
	if err := logstore.CheckFormat(o.format); err != nil {
		return logstore.Query{}, usageError{fmt.Errorf("--format: %w", err)}
	}
	since, err := parseSince(o.since, now)
	if err != nil {
		return logstore.Query{}, usageError{err}
	}
	filter, err := logstore.ParseFilter(o.filter)
	if err != nil {
		return logstore.Query{}, usageError{fmt.Errorf("--filter-pattern %q: %w", o.filter, err)}
	}
	return logstore.Query{Since: since, Filter: filter}, nil
}

// logFunction picks the function whose logs to show: the one named, else
// the only one with logs.
func (a app) logFunction(dir, name string) (string, error) {
	if name != "" {
		// A log of exactly that name (another namespace's, say) wins.
		if exact := strings.TrimPrefix(name, logstore.GroupName("")); exact != "" {
			if _, err := os.Stat(logstore.Path(dir, exact)); err == nil {
				return exact, nil
			}
		}
		return a.functionName(name), nil
	}
	fns, err := logstore.Functions(dir)
	if err != nil {
		return "", fmt.Errorf("list logs: %w", err)
	}
	switch len(fns) {
	case 0:
		return "", errors.New("no function of this app has run yet (no logs in " + rel(dir) + "): " +
			"start the app with `jets dev`, write an item to a table its functions are bound to, " +
			"then name the function: jets logs -f -n clerk_job-file")
	case 1:
		return fns[0], nil
	}
	var b strings.Builder
	b.WriteString("several functions have logs; name one with -n:")
	for _, fn := range fns {
		fmt.Fprintf(&b, "\n  jets logs -n %s", a.shortName(fn))
	}
	return "", usageError{errors.New(b.String())}
}

// notRunError says that a function has no log yet, and how to get one.
func (a app) notRunError(dir, fn string) error {
	short := a.shortName(fn)
	msg := fmt.Sprintf("%s has not run yet (no log at %s): start the app with `jets dev`, write an item to "+
		"the table it is bound to (jets dev prints the put-item command to try), then: jets logs -f -n %s",
		short, rel(logstore.Path(dir, fn)), short)
	if others, _ := logstore.Functions(dir); len(others) > 0 {
		for i, o := range others {
			others[i] = a.shortName(o)
		}
		msg += "\nfunctions with logs: " + strings.Join(others, ", ")
	}
	return errors.New(msg)
}
