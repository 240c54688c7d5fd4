package ddbhttp

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
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

// BenchmarkPutItemHTTP drives the real handler and an on-disk engine (group
// committed fsync, NEW_AND_OLD_IMAGES stream) through net/http from 8
// closed-loop clients, with the body the AWS SDK sends for jets-bench's
// items. Run it with -cpuprofile to see where the server spends its CPU.
func BenchmarkPutItemHTTP(b *testing.B) {
	const clients = 8
	e := openEngine(b, engine.Config{Dir: b.TempDir()})
	srv := httptest.NewServer(New(e, Options{}))
	b.Cleanup(srv.Close)
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	b.Cleanup(tr.CloseIdleConnections)
	c := &http.Client{Transport: tr}
	post := func(target string, body []byte) error {
		req, err := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("X-Amz-Target", target)
		req.Header.Set("Content-Type", contentType)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		out, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: %d %s", target, resp.StatusCode, out)
		}
		return nil
	}
	if err := post("DynamoDB_20120810.CreateTable", []byte(benchTable)); err != nil {
		b.Fatal(err)
	}
	bodies := make([][]byte, b.N)
	for i := range bodies {
		bodies[i] = fmt.Appendf(nil, benchSDKPut, i%clients, i, i)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ReportAllocs()
	b.ResetTimer()
	for range clients {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(b.N); i = next.Add(1) - 1 {
				if err := post("DynamoDB_20120810.PutItem", bodies[i]); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

const benchTable = `{"TableName":"jets-bench","BillingMode":"PAY_PER_REQUEST",` +
	`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],` +
	`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],` +
	`"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}`

// benchSDKPut is the body the AWS SDK for Go v2 sends for jets-bench's
// PutItem (client, key number, N).
const benchSDKPut = `{"Item":{"data":{"S":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},` +
	`"n":{"N":"%[3]d"},"ok":{"BOOL":true},"pk":{"S":"c%[1]d-k%[2]d"}},"TableName":"jets-bench"}`
