package ddbtest

import (
	"os"
	"testing"
)

// TestConformanceJetsProcess runs the whole suite against a real
// `jets server --in-memory` process.
func TestConformanceJetsProcess(t *testing.T) {
	t.Parallel()
	p := StartJets(t, "--in-memory")
	RunConformance(t, NewTarget(p.URL))
}

// TestConformanceExternal runs the suite against the endpoint in
// JETS_CONFORMANCE_ENDPOINT (e.g. moto or DynamoDB Local), if set.
func TestConformanceExternal(t *testing.T) {
	ep := os.Getenv("JETS_CONFORMANCE_ENDPOINT")
	if ep == "" {
		t.Skip("set JETS_CONFORMANCE_ENDPOINT to run the conformance suite against another endpoint")
	}
	RunConformance(t, NewTarget(ep))
}
