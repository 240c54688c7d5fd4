package ddbtest

import "testing"

func TestTables(t *testing.T) {
	t.Parallel()
	RunTables(t, newTestServer(t))
}
