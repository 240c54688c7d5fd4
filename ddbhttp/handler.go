package ddbhttp

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine"
)

// DefaultMaxBodyBytes is the largest request body accepted (16 MB, as
// DynamoDB).
const DefaultMaxBodyBytes = 16 << 20

// Options configures a Handler. Zero values take the defaults.
type Options struct {
	// Logger receives internal errors and recovered panics (default
	// slog.Default()).
	Logger *slog.Logger
	// MaxBodyBytes limits request bodies (default DefaultMaxBodyBytes).
	MaxBodyBytes int64
}

// Handler is the http.Handler for both APIs.
type Handler struct {
	ops     map[string]opFunc
	log     *slog.Logger
	maxBody int64
}

// New returns the handler serving e.
func New(e *engine.Engine, opts Options) *Handler {
	return newHandler(e, opts)
}

func newHandler(b backend, opts Options) *Handler {
	h := &Handler{ops: operations(b), log: opts.Logger, maxBody: opts.MaxBodyBytes}
	if h.log == nil {
		h.log = slog.Default()
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBodyBytes
	}
	return h
}

// ServeHTTP answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := newRequestID()
	w.Header().Set("X-Amzn-Requestid", reqID)
	if r.Method != http.MethodPost {
		writeHealth(w, r)
		return
	}
	body, err := readBody(r, h.maxBody)
	if err != nil {
		h.writeError(w, r, reqID, err)
		return
	}
	defer body.release()
	op, err := h.lookup(r.Header.Get("X-Amz-Target"), body.b)
	if err != nil {
		h.writeError(w, r, reqID, err)
		return
	}
	ctx := r.Context()
	if region := regionOf(r); region != "" {
		ctx = engine.WithRegion(ctx, region)
	}
	out, err := h.call(ctx, op, body.b)
	if err != nil {
		h.writeError(w, r, reqID, err)
		return
	}
	defer releaseOut(out)
	writeBody(w, http.StatusOK, out.Bytes())
}

// lookup finds the operation named by target. As DynamoDB does, a body that
// is not JSON is reported before an unknown target (a known operation's
// decoder reports syntax errors itself, so valid requests are scanned once),
// and an empty body after it.
func (h *Handler) lookup(target string, body []byte) (opFunc, error) {
	op, ok := h.ops[target]
	if !ok {
		if len(body) > 0 && !json.Valid(body) {
			return nil, syntaxError()
		}
		return nil, unknownOperation(target)
	}
	if len(body) == 0 {
		return nil, ddb.Errorf(ddb.CodeSerialization, "Request body is empty; expected a JSON object")
	}
	return op, nil
}

// call runs op and encodes its output, turning a panic in either into an
// internal error.
func (h *Handler) call(ctx context.Context, op opFunc, body []byte) (out *bytes.Buffer, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &panicError{value: p, stack: debug.Stack()}
		}
	}()
	v, err := op(ctx, body)
	if err != nil {
		return nil, err
	}
	return encodeOutput(v)
}
