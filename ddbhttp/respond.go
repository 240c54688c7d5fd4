package ddbhttp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"log/slog"
	"net/http"
	"strconv"
	"sync"

	"github.com/gojets/jets/ddb"
)

// errorTypePrefix precedes the code in an error's __type.
const errorTypePrefix = "com.amazonaws.dynamodb.v20120810#"

const contentType = "application/x-amz-json-1.0"

// internalMessage is DynamoDB's message for InternalServerError.
const internalMessage = "Internal server error"

var outPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// encodeOutput encodes a successful operation's output into a pooled
// buffer (release it with releaseOut). No HTML escaping and no trailing
// newline: the body is what DynamoDB sends.
func encodeOutput(v any) (*bytes.Buffer, error) {
	buf := outPool.Get().(*bytes.Buffer)
	buf.Reset()
	if ok, err := encodeItemOutput(buf, v); ok {
		if err != nil {
			releaseOut(buf)
			return nil, fmt.Errorf("encode response: %w", err)
		}
		return buf, nil
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		releaseOut(buf)
		return nil, fmt.Errorf("encode response: %w", err)
	}
	// Drop Encode's newline; answer a nil output as {}.
	buf.Truncate(buf.Len() - 1)
	if buf.Len() == 4 && buf.String() == "null" {
		buf.Reset()
		buf.WriteString("{}")
	}
	return buf, nil
}

func releaseOut(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooled {
		outPool.Put(buf)
	}
}

// writeError answers err: a *ddb.Error with its code and status, anything
// else (including a recovered panic) as a logged InternalServerError.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, reqID string, err error) {
	var de *ddb.Error
	if !errors.As(err, &de) {
		if r.Context().Err() == nil { // else the client went away: nothing to report
			h.logInternal(r, reqID, err)
		}
		de = &ddb.Error{Code: ddb.CodeInternalServerError, Message: internalMessage}
	}
	status := de.HTTPStatus()
	if de.Code == codeRequestTooLarge {
		status = http.StatusRequestEntityTooLarge
	}
	writeBody(w, status, appendError(nil, de))
}

func (h *Handler) logInternal(r *http.Request, reqID string, err error) {
	attrs := []any{
		slog.String("request_id", reqID),
		slog.String("target", r.Header.Get("X-Amz-Target")),
		slog.Any("error", err),
	}
	var pe *panicError
	if errors.As(err, &pe) {
		attrs = append(attrs, slog.String("stack", string(pe.stack)))
	}
	h.log.ErrorContext(r.Context(), "ddbhttp: internal server error", attrs...)
}

// appendError appends the JSON 1.0 error body of e to dst.
func appendError(dst []byte, e *ddb.Error) []byte {
	dst = append(dst, `{"__type":`...)
	dst = appendJSONString(dst, errorTypePrefix+string(e.Code))
	dst = append(dst, `,"message":`...)
	dst = appendJSONString(dst, e.Message)
	if e.Item != nil {
		dst = append(dst, `,"Item":`...)
		dst = e.Item.AppendJSON(dst)
	}
	return append(dst, '}')
}

// appendJSONString appends s as a JSON string.
func appendJSONString(dst []byte, s string) []byte {
	b, err := json.Marshal(s)
	if err != nil { // cannot happen for a string
		return append(dst, `""`...)
	}
	return append(dst, b...)
}

// writeBody writes a JSON 1.0 response with its CRC32.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	// One backing array for the three values; the keys are canonical, as
	// Header.Set would make them.
	v := [3]string{contentType, strconv.Itoa(len(body)), strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)}
	h := w.Header()
	h["Content-Type"] = v[0:1:1]
	h["Content-Length"] = v[1:2:2]
	h["X-Amz-Crc32"] = v[2:3:3]
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// panicError is a recovered panic.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }
