package lambdart

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/gojets/jets/lambdart/logstore"
)

// ErrClosed is returned by a Runtime's methods after Close.
var ErrClosed = errors.New("lambda runtime closed")

// ErrUnknownFunction is wrapped by the errors about a function name the
// Runtime does not have.
var ErrUnknownFunction = errors.New("unknown function")

// Config configures a Runtime.
type Config struct {
	// LogDir holds the log files, one per function:
	// <LogDir>/<function name>.log (see package logstore). Required.
	LogDir string
	// Functions are the functions to serve; more can be added with Add.
	Functions []Function
	// AccountID goes into function ARNs; default "000000000000".
	AccountID string
	// InitTimeout bounds how long a new process may take to ask for its
	// first invocation; default 10 s.
	InitTimeout time.Duration
	// IdleTimeout is how long an execution environment may stay idle before
	// its process is stopped, as Lambda reclaims idle environments; a
	// function's last environment with a process is kept. Default 5 minutes;
	// negative keeps them all.
	IdleTimeout time.Duration
	// Logger receives jets's own diagnostics (not the functions' output);
	// default discards.
	Logger *slog.Logger
}

// Runtime runs the functions of an app as processes under a local Lambda
// Runtime API, one per execution environment. It is safe for concurrent use.
type Runtime struct {
	cfg Config
	log *slog.Logger

	mu     sync.Mutex
	fns    map[string]*sandbox // by Name
	short  map[string]string   // ShortName → Name
	closed bool
}

// New returns a Runtime serving cfg.Functions. No process starts until an
// invocation or Warm asks for it.
func New(cfg Config) (*Runtime, error) {
	if cfg.LogDir == "" {
		return nil, fmt.Errorf("new lambda runtime: no log directory")
	}
	if cfg.AccountID == "" {
		cfg.AccountID = DefaultAccountID
	}
	if cfg.InitTimeout <= 0 {
		cfg.InitTimeout = DefaultInitTimeout
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Runtime{cfg: cfg, log: log, fns: map[string]*sandbox{}, short: map[string]string{}}
	for _, fn := range cfg.Functions {
		if err := r.Add(fn); err != nil {
			_ = r.Close()
			return nil, err
		}
	}
	return r, nil
}

// Add registers a function. Its name must be new.
func (r *Runtime) Add(fn Function) error {
	fn = fn.withDefaults()
	if err := fn.validate(); err != nil {
		return fmt.Errorf("add function: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return ErrClosed
	}
	if _, ok := r.fns[fn.Name]; ok {
		return fmt.Errorf("add function %s: already added", fn.Name)
	}
	logw, err := logstore.OpenWriter(r.LogPath(fn.Name))
	if err != nil {
		return fmt.Errorf("add function %s: %w", fn.Name, err)
	}
	r.fns[fn.Name] = newSandbox(fn, r.cfg, logw, r.log)
	if fn.ShortName != "" {
		r.short[fn.ShortName] = fn.Name
	}
	return nil
}

// LogPath returns the log file of the function with this (deployed) name.
func (r *Runtime) LogPath(name string) string { return logstore.Path(r.cfg.LogDir, name) }

// sandbox finds a function by its name or short name.
func (r *Runtime) sandbox(name string) (*sandbox, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, ErrClosed
	}
	if s, ok := r.fns[name]; ok {
		return s, nil
	}
	if s, ok := r.fns[r.short[name]]; ok {
		return s, nil
	}
	return nil, fmt.Errorf("%w: %s", ErrUnknownFunction, name)
}

// Invoke runs one invocation of the function (by name or short name) with
// payload as the event, like a synchronous Lambda Invoke. A function error
// (the handler's error, a panic, a crash, a timeout) is a Result with
// FunctionError set; the error is for not being able to invoke: unknown
// function, binary that does not start, payload over 6 MB, ctx done, Close.
//
// Concurrent invocations of one function run in separate execution
// environments (processes), up to the function's MaxConcurrency; beyond
// that they wait, in the order they arrive, for the first environment to
// become free. If ctx ends while the function runs, Invoke returns ctx.Err()
// at once; the invocation runs on until it ends or times out, and its
// environment takes the next one only then.
func (r *Runtime) Invoke(ctx context.Context, function string, payload []byte) (Result, error) {
	s, err := r.sandbox(function)
	if err != nil {
		return Result{}, fmt.Errorf("invoke: %w", err)
	}
	if len(payload) > maxRequest {
		return Result{}, fmt.Errorf("invoke %s: request payload of %d bytes exceeds the %d bytes limit", function, len(payload), maxRequest)
	}
	res, err := s.invoke(ctx, payload)
	if err != nil {
		return Result{}, fmt.Errorf("invoke %s: %w", function, err)
	}
	return res, nil
}

// Warm starts a process for the function, if none of its environments has
// one, and waits until it is ready for an invocation (it asked for one). It
// fails if the process exits first.
func (r *Runtime) Warm(ctx context.Context, function string) error {
	s, err := r.sandbox(function)
	if err != nil {
		return fmt.Errorf("warm: %w", err)
	}
	return s.warm(ctx)
}

// Restart waits for the function's invocations in progress, if any (those
// arriving meanwhile wait for the Restart), then stops the processes of all
// its environments; the next invocations (or Warm) start new ones.
func (r *Runtime) Restart(ctx context.Context, function string) error {
	s, err := r.sandbox(function)
	if err != nil {
		return fmt.Errorf("restart: %w", err)
	}
	return s.restart(ctx, nil)
}

// Replace sets a function's new configuration (typically a rebuilt binary)
// and restarts it as Restart does, so that every environment runs the new
// configuration; a function not yet known is added.
func (r *Runtime) Replace(ctx context.Context, fn Function) error {
	s, err := r.sandbox(fn.Name)
	if errors.Is(err, ErrUnknownFunction) {
		return r.Add(fn)
	}
	if err != nil {
		return fmt.Errorf("replace: %w", err)
	}
	fn = fn.withDefaults()
	if err := fn.validate(); err != nil {
		return fmt.Errorf("replace: %w", err)
	}
	r.mu.Lock()
	for short, name := range r.short {
		if name == fn.Name {
			delete(r.short, short)
		}
	}
	if fn.ShortName != "" {
		r.short[fn.ShortName] = fn.Name
	}
	r.mu.Unlock()
	return s.restart(ctx, &fn)
}

// Functions returns the functions' configurations (defaults applied),
// sorted by name.
func (r *Runtime) Functions() []Function {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Function, 0, len(r.fns))
	for _, s := range r.fns {
		out = append(out, s.config())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Close stops every process of every environment (killing its process
// group: nothing it started survives), fails invocations in progress with
// Runtime.ExitError and queued ones with ErrClosed, and closes the logs.
// Later calls fail with ErrClosed.
func (r *Runtime) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	fns := r.fns
	r.mu.Unlock()
	var wg sync.WaitGroup
	errs := make(chan error, len(fns))
	for _, s := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.close()
		}()
	}
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return errors.Join(all...)
}
