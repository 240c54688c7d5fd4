package ddbhttp

import (
	"bytes"
	"encoding/json"
	"hash/crc32"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gojets/jets/engine"
)

// FuzzHandler sends arbitrary targets and bodies. The server must never
// fail internally (no 500: that is a panic or an unexpected error) and must
// always answer well-formed JSON with a correct CRC: success, or an error
// with a DynamoDB __type and a message. The seed corpus is in
// testdata/fuzz/FuzzHandler. It runs over the real engine (in memory) when
// the engine is available, else over a backend that always succeeds, which
// still exercises the whole decode/encode path.
func FuzzHandler(f *testing.F) {
	var b backend = stub{quiet: true}
	if e := tryOpenEngine(f, engine.Config{InMemory: true}); e != nil {
		b = e
	}
	h := newHandler(b, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 1 << 16})
	f.Fuzz(func(t *testing.T, target string, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("X-Amz-Target", target)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		checkFuzzAnswer(t, rec)
	})
}

func checkFuzzAnswer(t *testing.T, rec *httptest.ResponseRecorder) {
	body := rec.Body.Bytes()
	switch rec.Code {
	case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
	default:
		t.Fatalf("status %d: %s", rec.Code, body)
	}
	if got, want := rec.Header().Get("X-Amz-Crc32"), strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10); got != want {
		t.Fatalf("X-Amz-Crc32 = %s, want %s", got, want)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		t.Fatalf("answer is not a JSON object: %q: %v", body, err)
	}
	if rec.Code == http.StatusOK {
		return
	}
	var e wireError
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body %q: %v", body, err)
	}
	code, ok := strings.CutPrefix(e.Type, errorTypePrefix)
	if !ok || code == "" || strings.ContainsAny(code, "# ") {
		t.Fatalf("bad __type %q", e.Type)
	}
	if e.Message == "" {
		t.Fatalf("%s without a message", code)
	}
}
