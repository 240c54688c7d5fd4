package ddbhttp

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gojets/jets/engine"
)

// discardWriter is a ResponseWriter that keeps nothing, so benchmarks
// measure the handler.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}

const benchPut = `{"TableName":"demo-dev-test-table","Item":{"id":{"S":"%s"},"name":{"S":"name-1"},` +
	`"n":{"N":"42"},"tags":{"SS":["a","b"]},"m":{"M":{"x":{"BOOL":true}}}}}`

// BenchmarkHandlerPutItem measures the handler's own cost (decode, dispatch,
// encode, headers) over a backend that does nothing.
func BenchmarkHandlerPutItem(b *testing.B) {
	h := newHandler(stub{quiet: true}, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	body := []byte(fmt.Sprintf(benchPut, "id-1"))
	benchHandler(b, h, "DynamoDB_20120810.PutItem", func(int) []byte { return body })
}

// BenchmarkEnginePutItem is the same over the real engine (in memory) on a
// stream-enabled table.
func BenchmarkEnginePutItem(b *testing.B) {
	e := openEngine(b, engine.Config{InMemory: true})
	h := New(e, Options{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, newPost("DynamoDB_20120810.CreateTable", []byte(streamTable)))
	if rec.Code != http.StatusOK {
		b.Fatalf("CreateTable: %d %s", rec.Code, rec.Body)
	}
	benchHandler(b, h, "DynamoDB_20120810.PutItem", func(i int) []byte {
		return []byte(fmt.Sprintf(benchPut, fmt.Sprint("id-", i)))
	})
}

func benchHandler(b *testing.B, h http.Handler, target string, body func(int) []byte) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		w := &discardWriter{h: http.Header{}}
		i := 0
		for pb.Next() {
			i++
			clear(w.h)
			h.ServeHTTP(w, newPost(target, body(i)))
		}
	})
}

func newPost(target string, body []byte) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	req.ContentLength = int64(len(body))
	req.Header.Set("X-Amz-Target", target)
	return req
}
