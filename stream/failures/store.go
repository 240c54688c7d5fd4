package failures

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gojets/jets/stream"
)

// Entry is one stored failure.
type Entry struct {
	// ID names the entry: its time and request id.
	ID       string `json:"id"`
	Function string `json:"function"`
	stream.FailureRecord
	// Payload is the invocation event that failed (as an S3 destination
	// would keep it).
	Payload json.RawMessage `json:"payload"`
	// Replays counts successful `jets failures replay` runs.
	Replays int `json:"replays,omitempty"`
}

// Store keeps failures as files under Dir/<function>/<id>.json.
type Store struct {
	Dir string
}

// Destination returns the on-failure destination of one function's
// mappings.
func (s *Store) Destination(function string) stream.Destination {
	return destination{s: s, function: function}
}

type destination struct {
	s        *Store
	function string
}

func (d destination) Send(_ context.Context, f stream.Failure) error {
	_, err := d.s.Save(d.function, f)
	return err
}

// Save writes a failure and returns its entry. The file appears atomically.
func (s *Store) Save(function string, f stream.Failure) (Entry, error) {
	t, err := time.Parse("2006-01-02T15:04:05.000Z", f.Record.Timestamp)
	if err != nil {
		t = time.Now().UTC()
	}
	e := Entry{
		ID:            t.Format("20060102T150405.000Z") + "-" + f.Record.RequestContext.RequestID,
		Function:      function,
		FailureRecord: f.Record,
		Payload:       f.Payload,
	}
	return e, s.write(e)
}

func (s *Store) write(e Entry) error {
	dir := filepath.Join(s.Dir, e.Function)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save failure: %w", err)
	}
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("save failure: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("save failure: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("save failure: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save failure: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save failure: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, e.ID+".json")); err != nil {
		return fmt.Errorf("save failure: %w", err)
	}
	return nil
}

// List returns the stored failures of a function ("" for all), oldest
// first.
func (s *Store) List(function string) ([]Entry, error) {
	pattern := filepath.Join(s.Dir, "*", "*.json")
	if function != "" {
		pattern = filepath.Join(s.Dir, function, "*.json")
	}
	paths, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, p := range paths {
		e, err := read(p)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// ErrNotFound is returned for an unknown failure id.
var ErrNotFound = errors.New("no such failure")

// Get returns the failure whose id is or starts with id.
func (s *Store) Get(id string) (Entry, error) {
	all, err := s.List("")
	if err != nil {
		return Entry{}, err
	}
	var found []Entry
	for _, e := range all {
		if e.ID == id {
			return e, nil
		}
		if strings.HasPrefix(e.ID, id) || strings.HasSuffix(e.ID, id) {
			found = append(found, e)
		}
	}
	switch len(found) {
	case 0:
		return Entry{}, fmt.Errorf("%w: %s (list them with: jets failures)", ErrNotFound, id)
	case 1:
		return found[0], nil
	}
	return Entry{}, fmt.Errorf("failure id %s is ambiguous: %d match", id, len(found))
}

// Replay invokes the entry's function with its event again. A function
// error is returned as an error; on success the entry's replay count goes
// up.
func (s *Store) Replay(ctx context.Context, e Entry, inv stream.Invoker) (stream.Result, error) {
	res, err := inv.Invoke(ctx, e.Function, e.Payload)
	if err != nil {
		return res, fmt.Errorf("replay %s: %w", e.ID, err)
	}
	if res.FunctionError != "" {
		return res, fmt.Errorf("replay %s: function error: %s", e.ID, res.ErrorMessage)
	}
	e.Replays++
	return res, s.write(e)
}

func read(path string) (Entry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Entry{}, fmt.Errorf("read failure: %w", err)
	}
	var e Entry
	if err := json.Unmarshal(b, &e); err != nil {
		return Entry{}, fmt.Errorf("read failure %s: %w", path, err)
	}
	return e, nil
}
