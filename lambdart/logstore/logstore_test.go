package logstore

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func writeEvents(t *testing.T, path string, events ...Event) {
	t.Helper()
	w, err := OpenWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Write(events...); err != nil {
		t.Fatal(err)
	}
}

func TestReadSinceAndFilter(t *testing.T) {
	path := Path(t.TempDir(), "demo-dev-clerk_job-file")
	events := []Event{
		{Timestamp: 1000, Message: "START RequestId: a Version: $LATEST", Stream: "s1"},
		{Timestamp: 2000, Message: `event {"Records":[]}`, Stream: "s1"},
		{Timestamp: 3000, Message: "END RequestId: a", Stream: "s1"},
	}
	writeEvents(t, path, events...)

	got, err := Read(path, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(events, got); diff != "" {
		t.Fatalf("read all (-want +got):\n%s", diff)
	}
	got, _ = Read(path, Query{Since: time.UnixMilli(2000)})
	if diff := cmp.Diff(events[1:], got); diff != "" {
		t.Fatalf("since (-want +got):\n%s", diff)
	}
	f, err := ParseFilter("RequestId -START")
	if err != nil {
		t.Fatal(err)
	}
	got, _ = Read(path, Query{Filter: f})
	if diff := cmp.Diff(events[2:], got); diff != "" {
		t.Fatalf("filter (-want +got):\n%s", diff)
	}
	if got, err := Read(filepath.Join(t.TempDir(), "missing.log"), Query{}); err != nil || got != nil {
		t.Fatalf("missing file: %v %v", got, err)
	}
	names, err := Functions(filepath.Dir(path))
	if err != nil || len(names) != 1 || names[0] != "demo-dev-clerk_job-file" {
		t.Fatalf("Functions = %v, %v", names, err)
	}
}

func TestFilterPatterns(t *testing.T) {
	msg := `2026/11/29 ERROR handler failed: "disk full" code=42`
	cases := []struct {
		pattern string
		want    bool
	}{
		{"", true},
		{"ERROR", true},
		{"error", false}, // case-sensitive
		{"ERROR handler", true},
		{"ERROR missing", false},
		{`"disk full"`, true},
		{`"full disk"`, false},
		{"-ERROR", false},
		{"-WARN", true},
		{`ERROR -"disk full"`, false},
		{"?WARN ?ERROR", true},
		{"?WARN ?INFO", false},
		{"handler ?WARN ?code", true},
		{`%code=[0-9]+$%`, true},
		{`%^ERROR%`, false},
	}
	for _, c := range cases {
		f, err := ParseFilter(c.pattern)
		if err != nil {
			t.Fatalf("%q: %v", c.pattern, err)
		}
		if got := f.Match(msg); got != c.want {
			t.Errorf("%q matches = %v, want %v", c.pattern, got, c.want)
		}
	}
	for _, bad := range []string{`{ $.level = "ERROR" }`, "[ip, user]", `"open`, "%open", "- ERROR", `-%x%`, `%(%`} {
		if _, err := ParseFilter(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestFormat(t *testing.T) {
	e := Event{Timestamp: 1764419000123, Message: "hello", Stream: "2026/11/29/[$LATEST]abc"}
	for format, want := range map[string]string{
		"":         "2025-11-29 12:23:20.123 UTC hello",
		"simple":   "2025-11-29 12:23:20.123 UTC hello",
		"plain":    "2025-11-29 12:23:20.123 UTC hello",
		"detailed": "2025-11-29 12:23:20.123 UTC 2026/11/29/[$LATEST]abc hello",
		"json":     `{"timestamp":1764419000123,"message":"hello","logStreamName":"2026/11/29/[$LATEST]abc"}`,
	} {
		got, err := Format(e, format)
		if err != nil || got != want {
			t.Errorf("Format(%q) = %q, %v; want %q", format, got, err, want)
		}
	}
	if err := CheckFormat("short"); err == nil {
		t.Error("CheckFormat(short): want an error")
	}
}

// follow starts Follow in the background and returns the channel of events
// it sees.
func follow(t *testing.T, path string, q Query, every time.Duration) <-chan Event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan Event, 100)
	done := make(chan error, 1)
	go func() {
		done <- FollowEvery(ctx, path, q, every, func(e Event) error { ch <- e; return nil })
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("follow: %v", err)
		}
	})
	return ch
}

func expect(t *testing.T, ch <-chan Event, messages ...string) {
	t.Helper()
	for _, m := range messages {
		select {
		case e := <-ch:
			if e.Message != m {
				t.Fatalf("followed %q, want %q", e.Message, m)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("timed out waiting for %q", m)
		}
	}
}

func TestFollowInProcess(t *testing.T) {
	path := Path(t.TempDir(), "fn")
	writeEvents(t, path, Event{Timestamp: 1, Message: "old"})
	f, _ := ParseFilter("-skip")
	// An hour-long poll interval: only the writer's wake-up can deliver.
	ch := follow(t, path, Query{Filter: f}, time.Hour)
	expect(t, ch, "old")
	w, err := OpenWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, m := range []string{"one", "skip me", "two"} {
		if err := w.Write(Event{Timestamp: time.Now().UnixMilli(), Message: m}); err != nil {
			t.Fatal(err)
		}
	}
	expect(t, ch, "one", "two")
}

// TestFollowOtherWriter appends to the file the way another process would
// (no in-process wake-up), a torn line first: only polling sees it, and only
// once the line is complete.
func TestFollowOtherWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fn.log")
	ch := follow(t, path, Query{}, 5*time.Millisecond)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line := `{"timestamp":5,"message":"from afar"}` + "\n"
	half := len(line) / 2
	if _, err := f.WriteString(line[:half]); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(line[half:] + `{"timestamp":6,"message":"next"}` + "\n"); err != nil {
		t.Fatal(err)
	}
	expect(t, ch, "from afar", "next")
	// Truncation (a cleared log) starts over.
	if err := f.Truncate(0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"timestamp":7,"message":"fresh"}` + "\n"); err != nil {
		t.Fatal(err)
	}
	expect(t, ch, "fresh")
}

func TestWriterClosed(t *testing.T) {
	w, err := OpenWriter(filepath.Join(t.TempDir(), "sub", "fn.log"))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(Event{Message: "x"}); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Fatalf("write after close: %v", err)
	}
}

func TestReadStreams(t *testing.T) {
	path := Path(t.TempDir(), "fn")
	events := []Event{
		{Timestamp: 1, Message: "a1", Stream: "a"},
		{Timestamp: 2, Message: "b1", Stream: "b"},
		{Timestamp: 3, Message: "c1", Stream: "c"},
		{Timestamp: 4, Message: "a2", Stream: "a"},
	}
	writeEvents(t, path, events...)
	got, err := Read(path, Query{Streams: []string{"a", "c"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Event{events[0], events[2], events[3]}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("streams a, c (-want +got):\n%s", diff)
	}
}

// TestConcurrentWritersKeepBatchesWhole: writers of several streams sharing
// one Writer never tear an event nor split a batch.
func TestConcurrentWritersKeepBatchesWhole(t *testing.T) {
	path := Path(t.TempDir(), "fn")
	w, err := OpenWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	const writers, batches, perBatch = 4, 50, 5
	big := strings.Repeat("x", 8<<10) // batches larger than a pipe buffer
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stream := fmt.Sprintf("s%d", i)
			for b := range batches {
				batch := make([]Event, perBatch)
				for k := range batch {
					batch[k] = Event{Timestamp: 1, Stream: stream, Message: fmt.Sprintf("%d %d %s", b, k, big)}
				}
				if err := w.Write(batch...); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != writers*batches*perBatch {
		t.Fatalf("read %d events, want %d", len(got), writers*batches*perBatch)
	}
	for i := 0; i < len(got); i += perBatch {
		for k := range perBatch {
			e := got[i+k]
			want := fmt.Sprintf("%d %s", k, big)
			if e.Stream != got[i].Stream || !strings.HasSuffix(e.Message, " "+want) || !strings.HasPrefix(e.Message, strings.Fields(got[i].Message)[0]+" ") {
				t.Fatalf("event %d (%s %.20q) breaks the batch starting at %d (%s %.20q)", i+k, e.Stream, e.Message, i, got[i].Stream, got[i].Message)
			}
		}
	}
}
