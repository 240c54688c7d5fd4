package ddbtest

import "testing"

func TestExpressions(t *testing.T) {
	t.Parallel()
	RunExpressions(t, newTestServer(t))
}
