// Package ddbtest holds test helpers for code that talks to a
// DynamoDB-compatible endpoint, and the conformance suite that checks an
// endpoint against DynamoDB's and DynamoDB Streams' behaviour.
//
// NewServer starts jets' engine and HTTP server in-process and returns SDK
// clients for it; StartJets builds and runs the real `jets server` binary for
// process-level tests. RunConformance drives any endpoint (jets, moto, AWS)
// with the aws-sdk-go-v2 clients and checks every rule the suite knows;
// the per-area runners (RunTables, RunItems, RunExpressions, RunStreams,
// RunProtocol) run one part of it. RunClockConformance needs a server whose
// clock the test controls (NewServer with WithClock).
package ddbtest
