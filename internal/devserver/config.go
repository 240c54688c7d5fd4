package devserver

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// Config configures Run. Zero values take the defaults shown.
type Config struct {
	// AppDir is the app's root, where jets.json is (default ".").
	AppDir string
	// Host and Port are where the engine listens (default 127.0.0.1:8000;
	// port 0 picks a free one).
	Host string
	Port int
	// DataDir keeps the engine's data (default <AppDir>/.jets/data);
	// InMemory keeps it in memory instead.
	DataDir  string
	InMemory bool
	// StateDir holds builds, logs and failures (default <AppDir>/.jets).
	StateDir string
	// Getenv reads the environment (JETS_ENV, AWS_REGION; default
	// os.Getenv).
	Getenv func(string) string
	// Out receives the banner and progress; Echo (when set) receives the
	// functions' log lines as they are written.
	Out  io.Writer
	Echo io.Writer
	// Watch rebuilds and restarts the functions when sources change
	// (checked every WatchInterval, default 500 ms).
	Watch         bool
	WatchInterval time.Duration
	// PollInterval is the stream poll interval for sources that cannot
	// notify (default 250 ms).
	PollInterval time.Duration
	Logger       *slog.Logger
	// Ready, if set, is called once everything is up, with the engine's
	// endpoint URL.
	Ready func(endpoint string)
}

func (c Config) withDefaults() Config {
	if c.AppDir == "" {
		c.AppDir = "."
	}
	if abs, err := filepath.Abs(c.AppDir); err == nil {
		c.AppDir = abs
	}
	if c.Host == "" {
		c.Host = "127.0.0.1"
	}
	if c.StateDir == "" {
		c.StateDir = filepath.Join(c.AppDir, ".jets")
	}
	if c.DataDir == "" {
		c.DataDir = filepath.Join(c.StateDir, "data")
	}
	if c.Getenv == nil {
		c.Getenv = os.Getenv
	}
	if c.Out == nil {
		c.Out = io.Discard
	}
	if c.WatchInterval == 0 {
		c.WatchInterval = 500 * time.Millisecond
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// LogDir is where function logs are kept for an app's state dir.
func LogDir(stateDir string) string { return filepath.Join(stateDir, "logs") }

// FailuresDir is where the local on-failure destination keeps failures.
func FailuresDir(stateDir string) string { return filepath.Join(stateDir, "failures") }
