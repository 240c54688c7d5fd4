package ddbtest

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/gojets/jets/engine"
)

// Server is an in-process jets server: the engine behind the ddbhttp
// handler on a 127.0.0.1 port, with SDK clients pointed at it.
type Server struct {
	*Target
	// Engine is the engine behind the server.
	Engine *engine.Engine
	// Clock is the server's clock when it was started WithClock, else nil.
	Clock *Clock
}

type serverConfig struct {
	engine  engine.Config
	clock   *Clock
	clients []ClientOption
}

// ServerOption configures NewServer.
type ServerOption func(*serverConfig)

// WithEngineConfig starts the engine with cfg. Unless cfg.Dir is set, the
// engine runs in memory.
func WithEngineConfig(cfg engine.Config) ServerOption {
	return func(c *serverConfig) { c.engine = cfg }
}

// WithClock makes clock the engine's clock (engine.Config.Now) so the test
// can move time forward: iterator expiry, trimming, shard rollover.
func WithClock(clock *Clock) ServerOption {
	return func(c *serverConfig) { c.clock = clock }
}

// WithDataDir keeps the engine's data in dir instead of memory.
func WithDataDir(dir string) ServerOption {
	return func(c *serverConfig) { c.engine.Dir = dir }
}

// WithClientOptions adjusts the clients NewServer returns.
func WithClientOptions(opts ...ClientOption) ServerOption {
	return func(c *serverConfig) { c.clients = append(c.clients, opts...) }
}

// NewServer starts an in-process jets server for the test and stops it (and
// closes its engine) when the test ends.
func NewServer(t testing.TB, opts ...ServerOption) *Server {
	t.Helper()
	var sc serverConfig
	for _, o := range opts {
		o(&sc)
	}
	cfg := sc.engine
	if cfg.Dir == "" {
		cfg.InMemory = true
	}
	if sc.clock != nil {
		cfg.Now = sc.clock.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	eng, err := engine.Open(cfg)
	if err != nil {
		t.Fatalf("open engine: %v", err)
	}
	h, err := newHandler(eng, cfg)
	if err != nil {
		_ = eng.Close()
		t.Fatalf("new handler: %v", err)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(func() {
		hs.Close()
		if err := eng.Close(); err != nil {
			t.Errorf("close engine: %v", err)
		}
	})
	return &Server{Target: NewTarget(hs.URL, sc.clients...), Engine: eng, Clock: sc.clock}
}
