package logstore

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Writer appends events to one function's log file. It is safe for
// concurrent use.
type Writer struct {
	mu   sync.Mutex
	path string
	key  string
	f    *os.File
	buf  []byte
}

// OpenWriter opens (creating it and its directory if needed) the log file at
// path for appending.
func OpenWriter(path string) (*Writer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open log: %w", err)
	}
	return &Writer{path: path, key: key(path), f: f}, nil
}

// Path returns the file the writer appends to.
func (w *Writer) Path() string { return w.path }

// Write appends events, each as one line, in one write.
func (w *Writer) Write(events ...Event) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return fmt.Errorf("write log %s: writer closed", w.path)
	}
	w.buf = w.buf[:0]
	for _, e := range events {
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("write log: %w", err)
		}
		w.buf = append(append(w.buf, b...), '\n')
	}
	if _, err := w.f.Write(w.buf); err != nil {
		return fmt.Errorf("write log: %w", err)
	}
	wake(w.key)
	return nil
}

// Close closes the file. Later writes fail.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	return err
}
