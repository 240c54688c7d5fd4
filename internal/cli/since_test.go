package cli

import (
	"testing"
	"time"
)

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"10m", now.Add(-10 * time.Minute)},
		{"30s", now.Add(-30 * time.Second)},
		{"2h", now.Add(-2 * time.Hour)},
		{"1d", now.Add(-24 * time.Hour)},
		{"2w", now.Add(-14 * 24 * time.Hour)},
		{"1h30m", now.Add(-90 * time.Minute)},
		{"2026-11-29T11:00:00Z", now.Add(-time.Hour)},
		{"2026-11-29T13:00:00+02:00", now.Add(-time.Hour)},
		{"2026-11-28", time.Date(2026, 11, 28, 0, 0, 0, 0, time.Local)},
		{"all", time.Time{}},
		{"", time.Time{}},
	} {
		got, err := parseSince(c.in, now)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("parseSince(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"yesterday", "10", "-5m", "10y", "99999999999999999999d"} {
		if _, err := parseSince(bad, now); err == nil {
			t.Errorf("parseSince(%q) accepted", bad)
		}
	}
}
