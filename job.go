package jets

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-lambda-go/events"
)

// Handler kinds, as the manifest names them.
const (
	// HandlerDynamoDB is func(context.Context, events.DynamoDBEvent) error.
	HandlerDynamoDB = "dynamodb"
	// HandlerDynamoDBBatch is func(context.Context, events.DynamoDBEvent)
	// (events.DynamoDBEventResponse, error), for ReportBatchItemFailures.
	HandlerDynamoDBBatch = "dynamodb-batch"
	// HandlerDynamoDBWindow is func(context.Context,
	// events.DynamoDBTimeWindowEvent) (events.DynamoDBTimeWindowEventResponse,
	// error), for TumblingWindowInSeconds.
	HandlerDynamoDBWindow = "dynamodb-window"
)

// App holds an app's configuration and its jobs. Most apps use the default
// App through the package-level functions (Configure, NewJob, Start);
// tests build their own with NewApp.
type App struct {
	mu     sync.Mutex
	config Config
	funcs  []*function
	errs   []error
	// startLambda serves a handler; lambda.Start outside tests.
	startLambda func(handler any)
}

// function is one job method: one Lambda function.
type function struct {
	job, method string
	kind        string
	handler     any
	spec        functionSpec
}

// NewApp returns an App with the given configuration and no jobs.
func NewApp(cfg Config) *App {
	return &App{config: cfg}
}

var defaultApp = NewApp(Config{})

// DefaultApp is the App that Configure, NewJob and Start use.
func DefaultApp() *App { return defaultApp }

// Configure sets the default App's configuration.
func Configure(cfg Config) { defaultApp.Configure(cfg) }

// ConfigureJSON sets the default App's configuration from a jets.json
// document (apps embed theirs with go:embed).
func ConfigureJSON(data []byte) error {
	cfg, err := ParseConfig(data)
	if err != nil {
		return err
	}
	Configure(cfg)
	return nil
}

// Configure sets the App's configuration.
func (a *App) Configure(cfg Config) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.config = cfg
}

// Config returns the configuration as set, before the environment's
// overrides (see Config.Resolve).
func (a *App) Config() Config {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.config
}

// Err reports every error recorded while jobs were declared (invalid
// names, handler types, options), joined; nil when there is none.
func (a *App) Err() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return errors.Join(a.errs...)
}

// fail records err, each of its joined errors on a line of its own
// starting with prefix (a job or "Job#method").
func (a *App) fail(prefix string, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, e := range flatten(err) {
		if prefix != "" {
			e = fmt.Errorf("%s: %w", prefix, e)
		}
		a.errs = append(a.errs, e)
	}
}

// flatten lists the errors inside errors.Join results.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range joined.Unwrap() {
		out = append(out, flatten(e)...)
	}
	return out
}

// Job is a group of functions, the counterpart of a Ruby Jets job class.
// Each method bound with Method becomes one Lambda function named
// <snake_case job>-<method>.
type Job struct {
	app      *App
	name     string
	defaults functionSpec
}

// NewJob declares a job on the default App. name is the job's type name as
// the function names use it ("ClerkJob" → functions "clerk_job-<method>").
// opts (Timeout, MemorySize, IAMPolicy) apply to every method.
func NewJob(name string, opts ...FunctionOption) *Job {
	return defaultApp.NewJob(name, opts...)
}

// NewJob declares a job on this App; see the package-level NewJob.
func (a *App) NewJob(name string, opts ...FunctionOption) *Job {
	j := &Job{app: a, name: name}
	a.fail("", validateJobName(name))
	for _, opt := range opts {
		opt.applyFunction(&j.defaults)
	}
	if len(j.defaults.sources) > 0 {
		a.fail(name, errors.New("bind DynamoDBEvent to a method (job.Method(name, handler, jets.DynamoDBEvent(...))), not to the job"))
		j.defaults.sources = nil
	}
	a.fail(name, errors.Join(j.defaults.errs...))
	return j
}

// Name is the job's type name.
func (j *Job) Name() string { return j.name }

// Method binds handler as the job's method name, a Lambda function of its
// own, triggered by the event sources among opts. handler is one of
//
//	func(context.Context, events.DynamoDBEvent) error
//	func(context.Context, events.DynamoDBEvent) (events.DynamoDBEventResponse, error)
//	func(context.Context, events.DynamoDBTimeWindowEvent) (events.DynamoDBTimeWindowEventResponse, error)
//
// Mistakes (an invalid name, another handler type, a bad option) are
// recorded on the App: Start reports them all and exits, App.Err returns
// them. Method returns the job so calls can be chained.
func (j *Job) Method(name string, handler any, opts ...FunctionOption) *Job {
	fn := &function{job: j.name, method: name, handler: handler}
	fn.spec = functionSpec{timeout: j.defaults.timeout, memory: j.defaults.memory, iam: slices.Clone(j.defaults.iam)}
	for _, opt := range opts {
		opt.applyFunction(&fn.spec)
	}
	j.app.fail(fn.id(), fn.check())
	j.app.add(fn)
	return j
}

func (a *App) add(fn *function) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, other := range a.funcs {
		if other.shortName() == fn.shortName() {
			a.errs = append(a.errs, fmt.Errorf("%s: function name %s is taken by %s", fn.id(), fn.shortName(), other.id()))
			return
		}
	}
	a.funcs = append(a.funcs, fn)
}

// id is "Job#method", Ruby's notation, for messages.
func (f *function) id() string { return f.job + "#" + f.method }

func (f *function) shortName() string { return ShortName(f.job, f.method) }

// check validates what does not depend on the configuration.
func (f *function) check() error {
	errs := append([]error{validateMethodName(f.method)}, f.spec.errs...)
	kind, kindErr := handlerKind(f.handler)
	f.kind = kind
	errs = append(errs, kindErr)
	for _, src := range f.spec.sources {
		if err := src.props.Validate(src.table); err != nil {
			errs = append(errs, fmt.Errorf("dynamodb event %q: %w", src.table, err))
		}
		if w := src.props.TumblingWindowInSeconds; w != nil && *w > 0 && kind != HandlerDynamoDBWindow && kindErr == nil {
			errs = append(errs, fmt.Errorf("dynamodb event %q: TumblingWindowInSeconds needs a handler of type func(context.Context, events.DynamoDBTimeWindowEvent) (events.DynamoDBTimeWindowEventResponse, error)", src.table))
		}
	}
	return errors.Join(errs...)
}

func handlerKind(h any) (string, error) {
	switch h.(type) {
	case func(context.Context, events.DynamoDBEvent) error:
		return HandlerDynamoDB, nil
	case func(context.Context, events.DynamoDBEvent) (events.DynamoDBEventResponse, error):
		return HandlerDynamoDBBatch, nil
	case func(context.Context, events.DynamoDBTimeWindowEvent) (events.DynamoDBTimeWindowEventResponse, error):
		return HandlerDynamoDBWindow, nil
	case nil:
		return "", errors.New("handler is nil")
	}
	return "", fmt.Errorf("handler has type %T; want one of:\n%s", h, strings.Join([]string{
		"\tfunc(context.Context, events.DynamoDBEvent) error",
		"\tfunc(context.Context, events.DynamoDBEvent) (events.DynamoDBEventResponse, error)",
		"\tfunc(context.Context, events.DynamoDBTimeWindowEvent) (events.DynamoDBTimeWindowEventResponse, error)",
	}, "\n"))
}

// functions returns the registered functions sorted by short name.
func (a *App) functions() []*function {
	a.mu.Lock()
	defer a.mu.Unlock()
	fns := slices.Clone(a.funcs)
	slices.SortFunc(fns, func(x, y *function) int { return strings.Compare(x.shortName(), y.shortName()) })
	return fns
}
