package ddbhttp

import (
	"bytes"
	"encoding/json"
	"hash/crc32"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// logBuffer collects a handler's log output.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// newStubHandler returns a handler over the stub backend and its log.
func newStubHandler(t *testing.T) (*Handler, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	h := newHandler(stub{}, Options{Logger: slog.New(slog.NewTextHandler(logs, nil))})
	return h, logs
}

// post sends one request with the given target and body.
func post(t *testing.T, h http.Handler, target, body string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	checkWire(t, rec)
	return rec
}

var requestIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// checkWire checks what every JSON answer carries: content type, request
// id, a CRC32 of the exact body, a JSON body.
func checkWire(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if got := rec.Header().Get("Content-Type"); got != contentType {
		t.Errorf("Content-Type = %q, want %q", got, contentType)
	}
	if id := rec.Header().Get("x-amzn-RequestId"); !requestIDPattern.MatchString(id) {
		t.Errorf("x-amzn-RequestId = %q, want a UUID", id)
	}
	want := strconv.FormatUint(uint64(crc32.ChecksumIEEE(rec.Body.Bytes())), 10)
	if got := rec.Header().Get("X-Amz-Crc32"); got != want {
		t.Errorf("X-Amz-Crc32 = %q, want %q", got, want)
	}
	if got := rec.Header().Get("Content-Length"); got != strconv.Itoa(rec.Body.Len()) {
		t.Errorf("Content-Length = %q, body is %d bytes", got, rec.Body.Len())
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Errorf("body is not JSON: %q", rec.Body.String())
	}
}

// wireError is a JSON 1.0 error body.
type wireError struct {
	Type    string          `json:"__type"`
	Message string          `json:"message"`
	Item    json.RawMessage `json:"Item"`
}

// errorOf decodes an error answer and checks its status and code.
func errorOf(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) wireError {
	t.Helper()
	if rec.Code != status {
		t.Errorf("status = %d, want %d (body %s)", rec.Code, status, rec.Body)
	}
	var e wireError
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
		t.Fatalf("error body %q: %v", rec.Body, err)
	}
	if want := errorTypePrefix + code; e.Type != want {
		t.Errorf("__type = %q, want %q (message %q)", e.Type, want, e.Message)
	}
	return e
}

// corruptCRC rewrites X-Amz-Crc32 to a wrong value.
type corruptCRC struct{ h http.Handler }

func (c corruptCRC) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.h.ServeHTTP(crcWriter{w}, r)
}

type crcWriter struct{ http.ResponseWriter }

func (w crcWriter) WriteHeader(status int) {
	w.Header().Set("X-Amz-Crc32", "1")
	w.ResponseWriter.WriteHeader(status)
}
