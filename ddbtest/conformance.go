package ddbtest

import "testing"

// RunConformance runs the whole conformance suite against tg: the wire
// protocol, the control plane, items, expressions and DynamoDB Streams
// (checklist E1–E6 of the spec). Each area creates its own uniquely named
// tables, so the suite can run against a shared endpoint. E7 needs a
// controllable clock: see RunClockConformance.
func RunConformance(t *testing.T, tg *Target) {
	t.Run("Protocol", func(t *testing.T) { RunProtocol(t, tg) })
	t.Run("Tables", func(t *testing.T) { RunTables(t, tg) })
	t.Run("Items", func(t *testing.T) { RunItems(t, tg) })
	t.Run("Expressions", func(t *testing.T) { RunExpressions(t, tg) })
	t.Run("Streams", func(t *testing.T) { RunStreams(t, tg) })
}

// subtest is one named case of an area.
type subtest struct {
	name string
	run  func(t *testing.T, tg *Target)
}

// runAll runs the cases of an area in parallel.
func runAll(t *testing.T, tg *Target, cases []subtest) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, tg)
		})
	}
}
