package logstore

import (
	"encoding/json"
	"fmt"
	"time"
)

// Formats lists the names Format accepts.
var Formats = []string{"simple", "plain", "detailed", "json"}

// timeLayout is how simple and detailed print an event's time (UTC).
const timeLayout = "2006-01-02 15:04:05.000 UTC"

// Format renders e as one line (no trailing newline) in the named format:
// "simple" or "plain" (time and message), "detailed" (time, log stream name
// and message) or "json" (the event object). "" means simple.
func Format(e Event, format string) (string, error) {
	ts := time.UnixMilli(e.Timestamp).UTC().Format(timeLayout)
	switch format {
	case "", "simple", "plain":
		return ts + " " + e.Message, nil
	case "detailed":
		return ts + " " + e.Stream + " " + e.Message, nil
	case "json":
		b, err := json.Marshal(e)
		return string(b), err
	}
	return "", fmt.Errorf("unknown log format %q (want simple, plain, detailed or json)", format)
}

// CheckFormat reports whether format is one Format accepts.
func CheckFormat(format string) error {
	_, err := Format(Event{}, format)
	return err
}
