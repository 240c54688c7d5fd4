package logstore

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Event is one log event, with CloudWatch's field names.
type Event struct {
	// Timestamp is milliseconds since the Unix epoch.
	Timestamp int64 `json:"timestamp"`
	// Message is the line, without its trailing newline.
	Message string `json:"message"`
	// Stream is the log stream name; each execution environment (process) of
	// a function has its own.
	Stream string `json:"logStreamName,omitempty"`
}

// Time returns the event's timestamp as a time.Time.
func (e Event) Time() time.Time { return time.UnixMilli(e.Timestamp) }

// ext is the file extension of a function's log file.
const ext = ".log"

// Path returns the log file of a function (its deployed name) in dir.
func Path(dir, function string) string {
	return filepath.Join(dir, function+ext)
}

// GroupName returns the CloudWatch log group name of a function.
func GroupName(function string) string { return "/aws/lambda/" + function }

// Functions lists the functions that have a log file in dir, sorted. A
// missing dir has none.
func Functions(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ext) {
			names = append(names, strings.TrimSuffix(e.Name(), ext))
		}
	}
	sort.Strings(names)
	return names, nil
}
