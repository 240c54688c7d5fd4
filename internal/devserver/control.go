package devserver

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gojets/jets"
	"github.com/gojets/jets/stream"
)

// ControlPrefix is the path prefix of jets dev's control API, served on the
// engine's port beside the DynamoDB API (which only answers POST /).
const ControlPrefix = "/_jets/"

// InvokeRequest asks jets dev to invoke a function with a payload.
type InvokeRequest struct {
	Function string          `json:"function"`
	Payload  json.RawMessage `json:"payload"`
}

// InvokeResponse is an invocation's outcome.
type InvokeResponse struct {
	Payload       json.RawMessage `json:"payload,omitempty"`
	FunctionError string          `json:"functionError,omitempty"`
	ErrorMessage  string          `json:"errorMessage,omitempty"`
}

// ReplayRequest asks jets dev to send a function its streams' records again,
// from a sequence number or a time.
type ReplayRequest struct {
	Function string `json:"function"`
	// From is a sequence number, or a time (RFC 3339, or a duration ago
	// such as "10m").
	From string `json:"from"`
}

// ReplayResponse says how many records were sent again.
type ReplayResponse struct {
	Records int `json:"records"`
	Batches int `json:"batches"`
}

// control serves the control API.
func (s *session) control(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	var (
		out any
		err error
	)
	switch strings.TrimPrefix(r.URL.Path, ControlPrefix) {
	case "invoke":
		var in InvokeRequest
		if err = json.NewDecoder(r.Body).Decode(&in); err == nil {
			out, err = s.invoke(r.Context(), in)
		}
	case "replay":
		var in ReplayRequest
		if err = json.NewDecoder(r.Body).Decode(&in); err == nil {
			out, err = s.replay(r.Context(), in)
		}
	default:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	_ = json.NewEncoder(w).Encode(out)
}

func (s *session) function(name string) (jets.ManifestFunction, error) {
	s.mu.Lock()
	m := s.manifest
	s.mu.Unlock()
	f, ok := m.Function(name)
	if !ok {
		var names []string
		for _, f := range m.Functions {
			names = append(names, f.Name)
		}
		return f, fmt.Errorf("no function %s in this app; it has: %s", name, strings.Join(names, ", "))
	}
	return f, nil
}

func (s *session) invoke(ctx context.Context, in InvokeRequest) (InvokeResponse, error) {
	f, err := s.function(in.Function)
	if err != nil {
		return InvokeResponse{}, err
	}
	res, err := invoker{s.rt}.Invoke(ctx, f.FunctionName, in.Payload)
	if err != nil {
		return InvokeResponse{}, err
	}
	out := InvokeResponse{FunctionError: res.FunctionError, ErrorMessage: res.ErrorMessage}
	if json.Valid(res.Payload) {
		out.Payload = res.Payload
	}
	return out, nil
}

// replay reads each of the function's streams from the given point to its
// current end and invokes the function with the records, BatchSize at a
// time. It does not move the mappings' checkpoints.
func (s *session) replay(ctx context.Context, in ReplayRequest) (ReplayResponse, error) {
	f, err := s.function(in.Function)
	if err != nil {
		return ReplayResponse{}, err
	}
	from, err := parseFrom(in.From, time.Now())
	if err != nil {
		return ReplayResponse{}, err
	}
	var total ReplayResponse
	for _, es := range f.EventSources {
		arn := es.StreamARN
		if arn == "" {
			if arn, _ = s.latestStream(ctx, es.TableName); arn == "" {
				continue
			}
		}
		m := mapping(f, es, arn, nil, 0)
		n, b, err := stream.Replay(ctx, s.eng, invoker{s.rt}, m, from)
		total.Records += n
		total.Batches += b
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// parseFrom reads a replay starting point: a sequence number (digits), an
// RFC 3339 time, or a duration ago ("10m", "2h").
func parseFrom(s string, now time.Time) (stream.Position, error) {
	switch {
	case s == "":
		return stream.Position{}, fmt.Errorf("--from is required: a sequence number, a time (2026-11-29T12:00:00Z) or a duration ago (10m)")
	case strings.Trim(s, "0123456789") == "":
		return stream.Position{SequenceNumber: s}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return stream.Position{Time: t}, nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		return stream.Position{Time: now.Add(-d)}, nil
	}
	return stream.Position{}, fmt.Errorf("--from %q: want a sequence number, a time (2026-11-29T12:00:00Z) or a duration ago (10m)", s)
}
