package lambdart

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/gojets/jets/lambdart/logstore"
)

// The test function (testdata/fn) stands in for a user's app: a plain
// aws-lambda-go binary.
func Example() {
	logDir, _ := os.MkdirTemp("", "jets-logs-")
	defer os.RemoveAll(logDir)

	rt, err := New(Config{
		LogDir: logDir,
		Functions: []Function{{
			Name:      "demo-dev-clerk_job-file",
			ShortName: "clerk_job-file",
			Binary:    fnBinary, // the user's app, built
			Env:       map[string]string{"AWS_ENDPOINT_URL": "http://127.0.0.1:8000"},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer rt.Close()
	ctx := context.Background()

	res, err := rt.Invoke(ctx, "clerk_job-file", []byte(`{"action":"echo","data":"hello"}`))
	if err != nil {
		fmt.Println(err) // could not invoke at all
		return
	}
	var out struct{ Echo string }
	_ = json.Unmarshal(res.Payload, &out)
	fmt.Println("echo:", out.Echo)

	// A handler's error is a function error, not a Go error.
	res, _ = rt.Invoke(ctx, "clerk_job-file", []byte(`{"action":"error","message":"boom"}`))
	fmt.Println(res.FunctionError, res.ErrorType, res.ErrorMessage)

	// What `jets logs -n clerk_job-file --filter-pattern START` reads.
	filter, _ := logstore.ParseFilter("START")
	events, _ := logstore.Read(rt.LogPath("demo-dev-clerk_job-file"), logstore.Query{Filter: filter})
	fmt.Println(len(events), "invocations started")
	// Output:
	// echo: hello
	// Unhandled errorString boom
	// 2 invocations started
}
