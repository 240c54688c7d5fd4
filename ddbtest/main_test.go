package ddbtest

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	CleanupBinaries()
	os.Exit(code)
}

// newTestServer starts an in-process server for one area's tests.
func newTestServer(t *testing.T) *Target {
	t.Helper()
	return NewServer(t).Target
}
