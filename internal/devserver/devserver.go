package devserver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/gojets/jets"
	"github.com/gojets/jets/ddbhttp"
	"github.com/gojets/jets/engine"
	"github.com/gojets/jets/lambdart"
	"github.com/gojets/jets/stream"
	"github.com/gojets/jets/stream/failures"
)

// CheckpointTable is the table, on the engine, where `jets dev` keeps its
// stream checkpoints.
const CheckpointTable = "jets-checkpoints"

// session is one `jets dev` run.
type session struct {
	cfg      Config
	app      jets.Config
	eng      *engine.Engine
	endpoint string
	rt       *lambdart.Runtime
	runner   *stream.Runner
	fails    *failures.Store

	mu       sync.Mutex
	manifest jets.Manifest // the running build's
}

// Run runs the app until ctx ends, then stops everything cleanly.
func Run(ctx context.Context, cfg Config) error {
	cfg = cfg.withDefaults()
	app, err := jets.LoadConfig(cfg.AppDir)
	if err != nil {
		return fmt.Errorf("load app config: %w (run jets dev in the app's directory, where jets.json is)", err)
	}
	if app, err = app.Resolve(cfg.Getenv); err != nil {
		return err
	}
	s := &session{cfg: cfg, app: app, fails: &failures.Store{Dir: FailuresDir(cfg.StateDir)}}

	ecfg := engine.Config{Dir: cfg.DataDir, InMemory: cfg.InMemory, Region: app.Region, Logger: cfg.Logger}
	if s.eng, err = engine.Open(ecfg); err != nil {
		return fmt.Errorf("open engine: %w", err)
	}
	defer s.eng.Close()

	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)))
	if err != nil {
		return fmt.Errorf("listen: %w (is another jets dev or jets server running? stop it, or pick a port with --port)", err)
	}
	s.endpoint = "http://" + ln.Addr().String()
	mux := http.NewServeMux()
	mux.Handle("/", ddbhttp.New(s.eng, ddbhttp.Options{Logger: cfg.Logger}))
	mux.HandleFunc(ControlPrefix, s.control)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	where := cfg.DataDir
	if cfg.InMemory {
		where = "in memory"
	}
	fmt.Fprintf(cfg.Out, "jets dev: DynamoDB + DynamoDB Streams on %s (data: %s)\n", s.endpoint, where)

	if err := createTables(ctx, s.eng, cfg.AppDir, app, cfg.Out); err != nil {
		return err
	}
	cps := &stream.TableCheckpoints{API: s.eng, Table: CheckpointTable}
	if err := cps.EnsureTable(ctx); err != nil {
		return err
	}
	s.rt, err = lambdart.New(lambdart.Config{LogDir: LogDir(cfg.StateDir), Logger: cfg.Logger})
	if err != nil {
		return err
	}
	defer s.rt.Close()
	s.runner = stream.NewRunner(stream.Config{Source: s.eng, Invoker: invoker{s.rt}, Checkpoints: cps, Logger: cfg.Logger})
	return s.loop(ctx)
}

// loop builds and runs the app, and again after every source change.
func (s *session) loop(ctx context.Context) error {
	var stamp sourceStamp
	var stop func()
	defer func() {
		if stop != nil {
			stop()
		}
	}()
	first := true
	for {
		stamp = stampSources(s.cfg.AppDir)
		t0 := time.Now()
		if first {
			fmt.Fprintf(s.cfg.Out, "jets dev: building %s (go build; the first build downloads and compiles dependencies)\n", s.app.Project)
		}
		m, bin, err := s.build(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil && first && !s.cfg.Watch:
			return err
		case err != nil:
			fmt.Fprintf(s.cfg.Out, "jets dev: build failed; fix the code and save (jets dev rebuilds on change):\n%v\n", err)
		default:
			if stop != nil {
				stop()
			}
			if stop, err = s.start(ctx, m, bin); err != nil {
				return err
			}
			verb := "started"
			if !first {
				verb = "restarted"
			}
			fmt.Fprintf(s.cfg.Out, "jets dev: %s %d function(s) in %s\n", verb, len(m.Functions), time.Since(t0).Round(time.Millisecond))
			if first && s.cfg.Ready != nil {
				s.cfg.Ready(s.endpoint)
			}
			first = false
		}
		if !s.cfg.Watch {
			<-ctx.Done()
			return nil
		}
		if !waitForChange(ctx, s.cfg.AppDir, stamp, s.cfg.WatchInterval) {
			return nil
		}
		fmt.Fprintln(s.cfg.Out, "jets dev: source changed; rebuilding")
	}
}

func (s *session) build(ctx context.Context) (jets.Manifest, string, error) {
	bin, err := build(ctx, s.cfg.AppDir, s.cfg.StateDir, s.app.Project)
	if err != nil {
		return jets.Manifest{}, "", err
	}
	m, err := manifest(ctx, bin, s.appEnv())
	return m, bin, err
}

// appEnv is the environment the app's processes get beyond Lambda's own.
func (s *session) appEnv() []string {
	return []string{"JETS_ENV=" + s.app.Env, "AWS_REGION=" + s.app.Region, "AWS_ENDPOINT_URL=" + s.endpoint}
}

// start runs the manifest's functions and binds their event sources; the
// returned func stops the bindings (the processes are replaced by the next
// start or closed with the runtime).
func (s *session) start(ctx context.Context, m jets.Manifest, bin string) (func(), error) {
	for _, f := range m.Functions {
		fn := lambdart.Function{
			Name: f.FunctionName, ShortName: f.Name, Binary: bin, Dir: s.cfg.AppDir,
			Timeout: time.Duration(f.Timeout) * time.Second, MemoryMB: f.MemorySize, Region: s.app.Region,
			Env: map[string]string{"JETS_ENV": s.app.Env, "AWS_ENDPOINT_URL": s.endpoint},
		}
		if err := s.rt.Replace(ctx, fn); err != nil {
			return nil, fmt.Errorf("start %s: %w", f.Name, err)
		}
		fmt.Fprintf(s.cfg.Out, "jets dev: function %s (logs: jets logs -f -n %s; %s)\n", f.FunctionName, f.Name,
			filepath.Join(LogDir(s.cfg.StateDir), f.FunctionName+".log"))
	}
	s.mu.Lock()
	s.manifest = m
	s.mu.Unlock()
	bctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, f := range m.Functions {
		if s.cfg.Echo != nil {
			wg.Add(1)
			go func() { defer wg.Done(); s.echo(bctx, f) }()
		}
		for _, es := range f.EventSources {
			wg.Add(1)
			go func() { defer wg.Done(); s.bind(bctx, f, es) }()
		}
	}
	return func() { cancel(); wg.Wait() }, nil
}
