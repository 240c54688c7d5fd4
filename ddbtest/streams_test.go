package ddbtest

import "testing"

func TestStreams(t *testing.T) {
	t.Parallel()
	RunStreams(t, newTestServer(t))
}
