package logstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"
)

// Query selects events.
type Query struct {
	// Since keeps events at or after this time; zero keeps all.
	Since time.Time
	// Filter keeps events whose message matches; nil keeps all.
	Filter *Filter
	// Streams keeps the events of these log streams (each execution
	// environment of a function writes its own), like CloudWatch's
	// logStreamNames; empty keeps all.
	Streams []string
}

func (q Query) match(e Event) bool {
	if !q.Since.IsZero() && e.Timestamp < q.Since.UnixMilli() {
		return false
	}
	if len(q.Streams) > 0 && !slices.Contains(q.Streams, e.Stream) {
		return false
	}
	return q.Filter.Match(e.Message)
}

// Read returns the events of the log file at path that match q, in the order
// they were written. A missing file has no events.
func Read(path string, q Query) ([]Event, error) {
	var out []Event
	t := tail{path: path}
	err := t.poll(func(e Event) error {
		if q.match(e) {
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// tail reads a growing log file from where it stopped last time, complete
// lines only.
type tail struct {
	path    string
	off     int64  // bytes of the file consumed
	partial []byte // an incomplete last line, read but not consumed
}

// poll hands every complete line written since the last poll to fn. If the
// file shrank (it was truncated or replaced), it starts over from the start.
func (t *tail) poll(fn func(Event) error) error {
	f, err := os.Open(t.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read log: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read log: %w", err)
	}
	if st.Size() < t.off+int64(len(t.partial)) {
		t.off, t.partial = 0, nil
	}
	start := t.off + int64(len(t.partial))
	if st.Size() == start {
		return nil
	}
	data, err := io.ReadAll(io.NewSectionReader(f, start, st.Size()-start))
	if err != nil {
		return fmt.Errorf("read log: %w", err)
	}
	data = append(t.partial, data...)
	last := bytes.LastIndexByte(data, '\n')
	t.partial = append([]byte(nil), data[last+1:]...)
	t.off += int64(last + 1)
	return eachLine(data[:last+1], fn)
}

func eachLine(data []byte, fn func(Event) error) error {
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		line := data[:i]
		data = data[i+1:]
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var e Event
		if err := json.Unmarshal(line, &e); err != nil {
			// A line that is not an event (hand-edited file) is shown as is.
			e = Event{Message: string(line)}
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}
