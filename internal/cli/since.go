package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// sinceUnits are the units of a relative --since beyond Go's durations.
var sinceUnits = map[string]time.Duration{
	"s": time.Second, "m": time.Minute, "h": time.Hour,
	"d": 24 * time.Hour, "w": 7 * 24 * time.Hour,
}

var relativeSince = regexp.MustCompile(`^(\d+)\s*([smhdw])$`)

// sinceLayouts are the absolute forms --since accepts, beyond RFC 3339; a
// time without a zone is local.
var sinceLayouts = []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"}

// parseSince reads --since: a duration ago (10m, 2h, 1d, 2w, 1h30m), a time
// (RFC 3339, or a local date and time), or "all". It returns the earliest
// time to show; zero means everything.
func parseSince(s string, now time.Time) (time.Time, error) {
	if s == "" || s == "all" {
		return time.Time{}, nil
	}
	if m := relativeSince.FindStringSubmatch(s); m != nil {
		n, err := strconv.ParseInt(m[1], 10, 64)
		if err == nil && n < int64(1<<62)/int64(sinceUnits[m[2]]) {
			return now.Add(-time.Duration(n) * sinceUnits[m[2]]), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	for _, layout := range sinceLayouts {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--since %q: want a duration ago (30s, 10m, 2h, 1d, 2w), "+
		"a time (2026-11-29T12:00:00Z) or all", s)
}
