package ddbtest

import "testing"

func TestItems(t *testing.T) {
	t.Parallel()
	RunItems(t, newTestServer(t))
}
