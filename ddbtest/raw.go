package ddbtest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
)

// RawResponse is an HTTP answer as the server sent it.
type RawResponse struct {
	Status int
	Header http.Header
	Body   []byte
}

// Raw posts body, unsigned, to the target with X-Amz-Target set to target
// (e.g. "DynamoDB_20120810.ListTables") and returns the answer as is.
func (tg *Target) Raw(ctx context.Context, target, body string) (*RawResponse, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tg.Endpoint+"/", bytes.NewBufferString(body))
	if err != nil {
		return nil, fmt.Errorf("raw request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	resp, err := tg.HTTP.Do(req)
	if err != nil {
		return nil, fmt.Errorf("raw %s: %w", target, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("raw %s: read body: %w", target, err)
	}
	return &RawResponse{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}
