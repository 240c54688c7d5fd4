package ddbhttp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gojets/jets/engine"
)

// tryOpenEngine opens a real engine, or returns nil while the engine is not
// implemented yet (its methods panic "engine: not implemented").
func tryOpenEngine(tb testing.TB, cfg engine.Config) (e *engine.Engine) {
	tb.Helper()
	defer func() {
		if p := recover(); p != nil {
			if strings.Contains(fmt.Sprint(p), "not implemented") {
				e = nil
				return
			}
			panic(p)
		}
	}()
	e, err := engine.Open(cfg)
	if err != nil {
		tb.Fatalf("open engine: %v", err)
	}
	tb.Cleanup(func() {
		if err := e.Close(); err != nil {
			tb.Errorf("close engine: %v", err)
		}
	})
	return e
}

// openEngine opens a real engine or skips the test until it exists.
func openEngine(tb testing.TB, cfg engine.Config) *engine.Engine {
	tb.Helper()
	e := tryOpenEngine(tb, cfg)
	if e == nil {
		tb.Skip("engine not implemented yet")
	}
	return e
}
