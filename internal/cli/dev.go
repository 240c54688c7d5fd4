package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gojets/jets/engine"
	"github.com/gojets/jets/internal/devserver"
)

// devOptions are jets dev's flags.
type devOptions struct {
	host     string
	port     int
	dataDir  string
	inMemory bool
	noWatch  bool
	quiet    bool
	verbose  bool
}

func newDevCommand(g *globals) *cobra.Command {
	opts := devOptions{host: "127.0.0.1", port: 8000}
	cmd := &cobra.Command{
		Use:   "dev",
		Short: "Run the app locally: DynamoDB + Streams engine, functions, logs",
		Long: "Build the app and run it on this machine: the embedded DynamoDB + DynamoDB Streams\n" +
			"engine on --host:--port (what jets server serves), the tables of db/tables/*.json,\n" +
			"and each function as a process under a local Lambda Runtime API, fed the records of\n" +
			"the streams it is bound to, with the event AWS Lambda sends. A table that is missing\n" +
			"or has no stream is not an error: jets dev prints the command to run and waits.\n" +
			"Functions' log lines are echoed here (--quiet stops that) and kept for jets logs.\n" +
			"Source changes rebuild and restart the functions (--no-watch turns that off).\n" +
			"Ctrl-C stops everything.",
		Example: "  jets dev\n  jets dev -C examples/demo --in-memory\n  jets dev --port 0   # a free port, shown in the banner",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDev(cmd.Context(), g.appDir, opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.host, "host", opts.host, "address the engine listens on")
	f.IntVar(&opts.port, "port", opts.port, "port the engine listens on (0 picks a free one)")
	f.StringVar(&opts.dataDir, "data-dir", "", "where the engine keeps data (default .jets/data in the app)")
	f.BoolVar(&opts.inMemory, "in-memory", false, "keep the engine's data in memory only (lost on exit)")
	f.BoolVar(&opts.noWatch, "no-watch", false, "do not rebuild when sources change")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "do not echo the functions' log lines")
	f.BoolVar(&opts.verbose, "verbose", false, "log what the engine and the stream runtime do (to stderr)")
	return cmd
}

// runDev runs devserver.Run until ctx ends. While it runs, the endpoint is
// recorded in the app's state dir so jets failures replay and jets replay
// find it.
func runDev(ctx context.Context, appDir string, opts devOptions, stdout, stderr io.Writer) error {
	if opts.port < 0 || opts.port > 65535 {
		return usageError{fmt.Errorf("--port %d: must be 0–65535", opts.port)}
	}
	if opts.inMemory && opts.dataDir != "" {
		return usageError{errors.New("--data-dir and --in-memory: pick one")}
	}
	if _, err := loadApp(appDir, os.Getenv); err != nil {
		return err
	}
	run := newRunID()
	cfg := devConfig(appDir, opts, stdout, stderr)
	cfg.Ready = func(endpoint string) { recordDev(stateDir(appDir), run, endpoint, stderr) }
	defer forgetDev(stateDir(appDir), run)
	err := devserver.Run(ctx, cfg)
	if errors.Is(err, engine.ErrLocked) {
		dir := cmp.Or(cfg.DataDir, filepath.Join(stateDir(appDir), "data"))
		return fmt.Errorf("data directory %s is in use by another jets dev or jets server: stop it, "+
			"or run this one with --in-memory or --data-dir <another directory>", dir)
	}
	return err
}

// devConfig turns the flags into the dev server's configuration: output to
// stdout (the functions' lines too, unless --quiet), logs to stderr, paths
// relative to the app.
func devConfig(appDir string, opts devOptions, stdout, stderr io.Writer) devserver.Config {
	level := slog.LevelWarn
	if opts.verbose {
		level = slog.LevelDebug
	}
	dataDir := opts.dataDir
	if dataDir != "" && !filepath.IsAbs(dataDir) {
		dataDir = filepath.Join(appDir, dataDir)
	}
	cfg := devserver.Config{
		AppDir: appDir, Host: opts.host, Port: opts.port, DataDir: dataDir, InMemory: opts.inMemory,
		Out: stdout, Watch: !opts.noWatch,
		Logger: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})),
	}
	if !opts.quiet {
		cfg.Echo = stdout
	}
	return cfg
}
