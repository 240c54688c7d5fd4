package lambdart

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestRuntimeAPIRejectsUnknownRequest talks to a live process's Runtime API
// the way a confused runtime would.
func TestRuntimeAPIRejectsUnknownRequest(t *testing.T) {
	rt := newRuntime(t)
	if _, ok, _ := rt.Process(testFn); ok {
		t.Fatal("a process runs before any invocation")
	}
	if err := rt.Warm(context.Background(), testFn); err != nil {
		t.Fatal(err)
	}
	info, ok, err := rt.Process(testFn)
	if err != nil || !ok || !info.Ready || info.PID == 0 || info.RuntimeAPI == "" {
		t.Fatalf("process = %+v %v %v", info, ok, err)
	}
	for _, path := range []string{"/invocation/bogus/response", "/invocation/bogus/error"} {
		resp, err := http.Post("http://"+info.RuntimeAPI+apiPrefix+path, "application/json", strings.NewReader(`{}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", path, resp.StatusCode)
		}
	}
	// The process still serves.
	if res, _ := invoke(t, rt, testFn, map[string]any{"action": "echo"}); res.Failed() {
		t.Fatalf("after bad requests: %+v", res)
	}
}

func TestPostedError(t *testing.T) {
	r := postedError("id", []byte(`{"errorMessage":"m"}`), "Custom.Type")
	if r.ErrorType != "Custom.Type" || r.ErrorMessage != "m" || r.FunctionError != "Unhandled" || string(r.Payload) != `{"errorMessage":"m"}` {
		t.Errorf("typed by header: %+v", r)
	}
	r = postedError("id", []byte(`not json`), "")
	if r.ErrorType != "Runtime.Unknown" || r.ErrorMessage != "not json" || !strings.Contains(string(r.Payload), `"errorType":"Runtime.Unknown"`) {
		t.Errorf("not json: %+v", r)
	}
}
