package ddbtest

import "testing"

func TestProtocol(t *testing.T) {
	t.Parallel()
	RunProtocol(t, newTestServer(t))
}
