package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gojets/jets/internal/devserver"
	"github.com/gojets/jets/stream"
)

// defaultDevEndpoint is where jets dev listens unless told otherwise.
const defaultDevEndpoint = "http://127.0.0.1:8000"

// devFile records the endpoint of the jets dev running an app, in the
// app's state dir, so that other jets commands find it.
const devFile = "dev.json"

type devRecord struct {
	Endpoint string `json:"endpoint"`
	PID      int    `json:"pid"`
	// Run tells one jets dev run from another.
	Run string `json:"run"`
}

// newRunID names one jets dev run.
func newRunID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// recordDev notes that this run serves the app at endpoint.
func recordDev(stateDir, run, endpoint string, stderr io.Writer) {
	b, _ := json.Marshal(devRecord{Endpoint: endpoint, PID: os.Getpid(), Run: run})
	err := os.MkdirAll(stateDir, 0o755)
	if err == nil {
		err = os.WriteFile(filepath.Join(stateDir, devFile), append(b, '\n'), 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jets dev: cannot record the endpoint for other jets commands (pass them --endpoint %s): %v\n", endpoint, err)
	}
}

// forgetDev removes the record if this run wrote it.
func forgetDev(stateDir, run string) {
	path := filepath.Join(stateDir, devFile)
	if r, ok := readDevRecord(path); ok && r.Run == run {
		_ = os.Remove(path)
	}
}

func readDevRecord(path string) (devRecord, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return devRecord{}, false
	}
	var r devRecord
	if json.Unmarshal(b, &r) != nil || r.Endpoint == "" {
		return devRecord{}, false
	}
	return r, true
}

// devEndpoint picks the jets dev to talk to: the --endpoint flag, else the
// one running this app, else the default address.
func devEndpoint(flag, stateDir string) string {
	if flag != "" {
		return strings.TrimSuffix(flag, "/")
	}
	if r, ok := readDevRecord(filepath.Join(stateDir, devFile)); ok {
		return r.Endpoint
	}
	return defaultDevEndpoint
}

// devClient calls the control API of a running jets dev.
type devClient struct {
	endpoint string
}

// call posts in to the control API at path and decodes the answer into out.
func (c devClient) call(ctx context.Context, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	url := c.endpoint + devserver.ControlPrefix + path
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("--endpoint %s: %w", c.endpoint, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return c.unreachable(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("read answer of jets dev at %s: %w", c.endpoint, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(data, &e) == nil && e.Error != "" {
			return errors.New(e.Error)
		}
		return fmt.Errorf("%s is not a jets dev (POST %s%s: %s): start jets dev first (jets dev), "+
			"or pass its address with --endpoint URL", c.endpoint, devserver.ControlPrefix, path, resp.Status)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("jets dev at %s answered %s: %w", c.endpoint, bytes.TrimSpace(data), err)
	}
	return nil
}

func (c devClient) unreachable(err error) error {
	var op *net.OpError
	if errors.As(err, &op) {
		return fmt.Errorf("no jets dev is listening at %s: start jets dev first (jets dev), "+
			"or pass its address with --endpoint URL", c.endpoint)
	}
	return fmt.Errorf("call jets dev at %s: %w", c.endpoint, err)
}

// Invoke makes devClient a stream.Invoker: it invokes a function of the
// running app through /_jets/invoke.
func (c devClient) Invoke(ctx context.Context, function string, payload []byte) (stream.Result, error) {
	var out devserver.InvokeResponse
	in := devserver.InvokeRequest{Function: function, Payload: payload}
	if err := c.call(ctx, "invoke", in, &out); err != nil {
		return stream.Result{}, err
	}
	return stream.Result{Payload: out.Payload, FunctionError: out.FunctionError, ErrorMessage: out.ErrorMessage}, nil
}

// Replay asks jets dev to send a function its streams' records again.
func (c devClient) Replay(ctx context.Context, function, from string) (devserver.ReplayResponse, error) {
	var out devserver.ReplayResponse
	err := c.call(ctx, "replay", devserver.ReplayRequest{Function: function, From: from}, &out)
	return out, err
}
