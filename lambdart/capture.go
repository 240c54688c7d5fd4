package lambdart

import (
	"bytes"
	"errors"
	"os"
	"sync"
	"time"
)

// maxLine is the longest log line kept whole; longer output is split, as
// CloudWatch splits events over 256 KB.
const maxLine = 256 * 1024

// capture reads a process's stdout and stderr (one pipe, so their
// interleaving is kept) line by line, and places jets's own lines (START,
// END, REPORT) exactly between them.
//
// The process writes its output and then calls the Runtime API, so when the
// API handler asks for a marker, all output that precedes it is either read
// already or still in the pipe. mark interrupts the reader (a read deadline in
// the past), which then reads exactly the bytes the pipe holds (FIONREAD),
// writes them, then the marker's lines. Nothing written later can slip
// before the marker, and nothing written earlier after it.
type capture struct {
	f    *os.File
	emit func(lines []string) // writes lines to the log, in order

	mu      sync.Mutex
	pending []*marker
	eof     bool

	partial []byte // an incomplete line (reader goroutine only)
	buf     []byte
	done    chan struct{} // closed once the pipe is drained and closed
}

type marker struct {
	lines []string
	done  chan struct{}
}

func newCapture(f *os.File, emit func([]string)) *capture {
	return &capture{f: f, emit: emit, buf: make([]byte, 64*1024), done: make(chan struct{})}
}

// past is a read deadline that has expired: it wakes a blocked Read.
var past = time.Unix(1, 0)

// mark writes lines to the log after all output the process wrote before
// this call, and before any it writes after mark returns.
func (c *capture) mark(lines ...string) {
	m := &marker{lines: lines, done: make(chan struct{})}
	c.mu.Lock()
	if c.eof {
		c.mu.Unlock()
		c.emit(lines)
		return
	}
	if err := c.f.SetReadDeadline(past); err != nil {
		// No deadlines on this pipe (not pollable): place the lines now,
		// in order with what the reader has written so far.
		c.mu.Unlock()
		c.emit(lines)
		return
	}
	c.pending = append(c.pending, m)
	c.mu.Unlock()
	<-m.done
}

// run reads the pipe until EOF (every writer, the process and its children,
// gone).
func (c *capture) run() {
	defer close(c.done)
	for {
		c.mu.Lock()
		_ = c.f.SetReadDeadline(time.Time{})
		ms := c.pending
		c.pending = nil
		c.mu.Unlock()
		if len(ms) > 0 {
			c.drain()
			c.place(ms)
			continue
		}
		n, err := c.f.Read(c.buf)
		c.consume(c.buf[:n])
		if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
			break
		}
	}
	c.flush()
	c.mu.Lock()
	c.eof = true
	ms := c.pending
	c.pending = nil
	c.mu.Unlock()
	c.place(ms)
	_ = c.f.Close()
}

// place writes each marker's lines after flushing an incomplete line, and
// releases its caller.
func (c *capture) place(ms []*marker) {
	c.flush()
	for _, m := range ms {
		c.emit(m.lines)
		close(m.done)
	}
}

// drain reads exactly what the pipe holds now.
func (c *capture) drain() {
	n := pipeBuffered(c.f)
	for n > 0 {
		k, err := c.f.Read(c.buf[:min(n, len(c.buf))])
		c.consume(c.buf[:k])
		n -= k
		if errors.Is(err, os.ErrDeadlineExceeded) {
			// A newer marker interrupted; it is pending and is placed next.
			c.mu.Lock()
			_ = c.f.SetReadDeadline(time.Time{})
			c.mu.Unlock()
			continue
		}
		if err != nil {
			return
		}
	}
}

// consume splits data into lines and writes the complete ones.
func (c *capture) consume(data []byte) {
	if len(data) == 0 {
		return
	}
	c.partial = append(c.partial, data...)
	var lines []string
	for {
		i := bytes.IndexByte(c.partial, '\n')
		if i < 0 {
			break
		}
		lines = appendLine(lines, c.partial[:i])
		c.partial = c.partial[i+1:]
	}
	for len(c.partial) >= maxLine {
		lines = appendLine(lines, c.partial[:maxLine])
		c.partial = c.partial[maxLine:]
	}
	c.partial = append([]byte(nil), c.partial...)
	if len(lines) > 0 {
		c.emit(lines)
	}
}

// flush writes an incomplete last line as a line of its own.
func (c *capture) flush() {
	if len(c.partial) > 0 {
		c.emit(appendLine(nil, c.partial))
		c.partial = nil
	}
}

// appendLine appends line without a trailing CR; empty lines are dropped
// (CloudWatch has no empty events).
func appendLine(lines []string, line []byte) []string {
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 0 {
		return lines
	}
	return append(lines, string(line))
}
