package ddbhttp

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"sync"

	"github.com/gojets/jets/ddb"
)

// codeRequestTooLarge answers a body over the limit (HTTP 413).
const codeRequestTooLarge ddb.Code = "RequestEntityTooLargeException"

// requestBody is a request's bytes, in a pooled buffer.
type requestBody struct {
	buf *bytes.Buffer
	b   []byte
}

var bodyPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooled keeps huge buffers out of the pool.
const maxPooled = 1 << 20

func (b requestBody) release() {
	if b.buf.Cap() <= maxPooled {
		bodyPool.Put(b.buf)
	}
}

// readBody reads r's body whole, up to limit bytes. The decoders copy what
// they keep, so the buffer goes back to the pool after the request.
func readBody(r *http.Request, limit int64) (requestBody, error) {
	if r.ContentLength > limit {
		return requestBody{}, tooLarge(limit)
	}
	buf := bodyPool.Get().(*bytes.Buffer)
	buf.Reset()
	if r.ContentLength > 0 {
		// Room for the body and for ReadFrom's final read that sees EOF, so
		// the buffer is never reallocated and copied.
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r.Body, limit+1))
	if err == nil && int64(buf.Len()) > limit {
		err = tooLarge(limit)
	}
	if err != nil {
		bodyPool.Put(buf)
		var de *ddb.Error
		if errors.As(err, &de) {
			return requestBody{}, de
		}
		return requestBody{}, ddb.Errorf(ddb.CodeSerialization, "Could not read the request body: %v", err)
	}
	return requestBody{buf: buf, b: buf.Bytes()}, nil
}

func tooLarge(limit int64) *ddb.Error {
	return ddb.Errorf(codeRequestTooLarge,
		"Request body exceeds the maximum size of %d bytes", limit)
}

// unknownOperation is DynamoDB's answer to a missing or unknown target.
func unknownOperation(target string) *ddb.Error {
	if target == "" {
		return ddb.Errorf(ddb.CodeUnknownOperation,
			"Missing X-Amz-Target header: expected DynamoDB_20120810.<Operation> or DynamoDBStreams_20120810.<Operation>")
	}
	return ddb.Errorf(ddb.CodeUnknownOperation, "Unknown operation %q", target)
}
