package ddbtest

import "testing"

func TestClock(t *testing.T) {
	t.Parallel()
	RunClockConformance(t, func(t *testing.T) (*Target, *Clock) {
		clock := NewClock(ClockStart)
		return NewServer(t, WithClock(clock)).Target, clock
	})
}
