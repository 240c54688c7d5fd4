package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/gojets/jets/ddbhttp"
	"github.com/gojets/jets/engine"
)

// ServerOptions configures jets server.
type ServerOptions struct {
	Host      string
	Port      int
	DataDir   string
	InMemory  bool
	Region    string
	AccountID string
	// Logger receives the server's logs (default: text to stderr).
	Logger *slog.Logger
	// ShutdownTimeout bounds the wait for in-flight requests (default 10s).
	ShutdownTimeout time.Duration

	// wrap, when set, wraps the HTTP handler (tests).
	wrap func(http.Handler) http.Handler
}

// DefaultServerOptions are the flags' defaults.
func DefaultServerOptions() ServerOptions {
	return ServerOptions{
		Host:      "127.0.0.1",
		Port:      8000,
		DataDir:   ".jets/data",
		Region:    "us-east-1",
		AccountID: "000000000000",
	}
}

func newServerCommand() *cobra.Command {
	opts := DefaultServerOptions()
	cmd := &cobra.Command{
		Use:   "server",
		Short: "Serve DynamoDB and DynamoDB Streams on one local port",
		Long: "Serve the embedded engine on DynamoDB's wire protocol (AWS JSON 1.0): the DynamoDB\n" +
			"and DynamoDB Streams APIs on one port. Point the AWS CLI or an SDK at it with\n" +
			"--endpoint-url http://127.0.0.1:8000. Any credentials are accepted; the region of\n" +
			"the request's signature is used in ARNs. Ctrl-C stops it cleanly.",
		Example: "  jets server\n  jets server --port 0 --in-memory\n" +
			"  aws dynamodb list-tables --endpoint-url http://127.0.0.1:8000",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Logger == nil {
				opts.Logger = slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
			}
			return RunServer(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Host, "host", opts.Host, "address to listen on")
	f.IntVar(&opts.Port, "port", opts.Port, "port to listen on (0 picks a free port)")
	f.StringVar(&opts.DataDir, "data-dir", opts.DataDir, "directory where data lives")
	f.BoolVar(&opts.InMemory, "in-memory", false, "keep data in memory only (lost on exit)")
	f.StringVar(&opts.Region, "region", opts.Region, "region used in ARNs when a request is not signed")
	f.StringVar(&opts.AccountID, "account-id", opts.AccountID, "account id used in ARNs")
	cmd.MarkFlagsMutuallyExclusive("data-dir", "in-memory")
	return cmd
}

// RunServer opens the engine, listens, prints one banner line to stdout and
// serves until ctx is cancelled. Then it stops accepting connections,
// finishes the requests in flight, closes the engine and returns nil.
func RunServer(ctx context.Context, opts ServerOptions, stdout io.Writer) error {
	opts.setDefaults()
	if opts.Port < 0 || opts.Port > 65535 {
		return usageError{fmt.Errorf("--port %d: must be 0–65535", opts.Port)}
	}
	eng, err := openEngine(opts)
	if err != nil {
		return err
	}
	ln, err := listen(opts)
	if err != nil {
		return errors.Join(err, closeEngine(eng))
	}
	if _, err := fmt.Fprintln(stdout, banner(ln.Addr(), opts)); err != nil {
		return errors.Join(fmt.Errorf("print banner: %w", err), ln.Close(), closeEngine(eng))
	}
	return serve(ctx, ln, eng, opts)
}

func (o *ServerOptions) setDefaults() {
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 10 * time.Second
	}
	if o.DataDir == "" && !o.InMemory {
		o.DataDir = DefaultServerOptions().DataDir
	}
}

func openEngine(opts ServerOptions) (*engine.Engine, error) {
	eng, err := engine.Open(engine.Config{
		Dir:       opts.DataDir,
		InMemory:  opts.InMemory,
		Region:    opts.Region,
		AccountID: opts.AccountID,
		Logger:    opts.Logger,
	})
	if errors.Is(err, engine.ErrLocked) {
		return nil, &lockedError{dir: opts.DataDir, err: err}
	}
	if err != nil {
		return nil, fmt.Errorf("open data directory %s: %w", opts.DataDir, err)
	}
	return eng, nil
}

// lockedError says what to do when another server holds the data dir.
type lockedError struct {
	dir string
	err error
}

func (e *lockedError) Error() string {
	return fmt.Sprintf("data directory %s is in use by another jets server: stop that server, "+
		"or start this one with --data-dir <another directory> or --in-memory", e.dir)
}

func (e *lockedError) Unwrap() error { return e.err }

func listen(opts ServerOptions) (net.Listener, error) {
	addr := net.JoinHostPort(opts.Host, strconv.Itoa(opts.Port))
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("listen on %s: the port is in use (another jets server?): "+
			"stop it, or pick another with --port (0 picks a free one): %w", addr, err)
	}
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// banner is the one line that says where the server listens and where its
// data lives; tests and scripts parse the URL out of it.
func banner(addr net.Addr, opts ServerOptions) string {
	data := opts.DataDir
	if opts.InMemory {
		data = "in memory, lost on exit"
	}
	return fmt.Sprintf("jets server: DynamoDB + DynamoDB Streams on http://%s (data: %s)", addr, data)
}

// serve runs the HTTP server on ln until ctx is done, then shuts down.
func serve(ctx context.Context, ln net.Listener, eng *engine.Engine, opts ServerOptions) error {
	var h http.Handler = ddbhttp.New(eng, ddbhttp.Options{Logger: opts.Logger})
	if opts.wrap != nil {
		h = opts.wrap(h)
	}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc: // Serve failed on its own
		return errors.Join(fmt.Errorf("serve: %w", err), closeEngine(eng))
	case <-ctx.Done():
	}
	return shutdown(hs, eng, opts)
}

// shutdown stops accepting, waits for in-flight requests (up to the
// timeout, then drops them) and closes the engine.
func shutdown(hs *http.Server, eng *engine.Engine, opts ServerOptions) error {
	ctx, cancel := context.WithTimeout(context.Background(), opts.ShutdownTimeout)
	defer cancel()
	var errs []error
	if err := hs.Shutdown(ctx); err != nil {
		opts.Logger.Warn("jets server: requests still running at shutdown timeout; closing them", "error", err)
		errs = append(errs, hs.Close())
	}
	errs = append(errs, closeEngine(eng))
	return errors.Join(errs...)
}

func closeEngine(eng *engine.Engine) error {
	if err := eng.Close(); err != nil {
		return fmt.Errorf("close engine: %w", err)
	}
	return nil
}
