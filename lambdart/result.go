package lambdart

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Result is the outcome of an invocation that ran: the function's response,
// or a function error. A function error is not a Go error: Invoke returns a
// Go error only when it could not invoke at all.
type Result struct {
	// RequestID is the invocation's request id (Lambda-Runtime-Aws-Request-Id).
	RequestID string
	// Payload is the response body; for a function error, the error document
	// ({"errorMessage":…,"errorType":…,"stackTrace":…}) as Lambda returns it.
	Payload []byte
	// FunctionError is "" on success and "Unhandled" on a function error,
	// like the X-Amz-Function-Error header.
	FunctionError string
	// ErrorType and ErrorMessage describe a function error, e.g.
	// "Runtime.ExitError" or "Sandbox.Timedout", or the handler's Go error
	// type ("errorString") and text.
	ErrorType    string
	ErrorMessage string
	// Duration is the time from handing the event to the process to its
	// answer (or to the timeout or the crash).
	Duration time.Duration
}

// Failed reports whether the invocation ended in a function error.
func (r Result) Failed() bool { return r.FunctionError != "" }

// Invoker runs one invocation of a function. *Runtime implements it; tests
// and embedders can use InvokerFunc.
type Invoker interface {
	Invoke(ctx context.Context, function string, payload []byte) (Result, error)
}

// InvokerFunc adapts a Go function to Invoker.
type InvokerFunc func(ctx context.Context, function string, payload []byte) (Result, error)

// Invoke calls f.
func (f InvokerFunc) Invoke(ctx context.Context, function string, payload []byte) (Result, error) {
	return f(ctx, function, payload)
}

// errorDoc is the error document of the Runtime API and of Lambda's
// responses.
type errorDoc struct {
	ErrorMessage string          `json:"errorMessage"`
	ErrorType    string          `json:"errorType,omitempty"`
	StackTrace   json.RawMessage `json:"stackTrace,omitempty"`
}

// functionError builds the Result of a function error that jets (not the
// function) reports.
func functionError(id, typ, msg string) Result {
	b, _ := json.Marshal(errorDoc{ErrorMessage: msg, ErrorType: typ})
	return Result{RequestID: id, Payload: b, FunctionError: "Unhandled", ErrorType: typ, ErrorMessage: msg}
}

// postedError builds the Result of an error the runtime posted: the body is
// returned as is when it is an error document; headerType (the
// Lambda-Runtime-Function-Error-Type header) fills in a missing type.
func postedError(id string, body []byte, headerType string) Result {
	var doc errorDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		msg := string(body)
		if headerType == "" {
			headerType = "Runtime.Unknown"
		}
		return functionError(id, headerType, msg)
	}
	if doc.ErrorType == "" {
		doc.ErrorType = headerType
	}
	return Result{RequestID: id, Payload: body, FunctionError: "Unhandled", ErrorType: doc.ErrorType, ErrorMessage: doc.ErrorMessage}
}

// Function errors that jets reports itself, worded as Lambda words them.
const (
	errExit      = "Runtime.ExitError"
	errTimeout   = "Sandbox.Timedout"
	errTooLarge  = "Function.ResponseSizeTooLarge"
	errNoAnswer  = "Runtime.InvalidResponse"
	errInitLimit = "Runtime.InitTimeout"
)

func exitMessage(id, status string) string {
	return fmt.Sprintf("RequestId: %s Error: Runtime exited with error: %s", id, status)
}

// timeoutMessage is Lambda's "<time> <id> Task timed out after N.NN seconds".
func timeoutMessage(at time.Time, id string, timeout time.Duration) string {
	return fmt.Sprintf("%s %s Task timed out after %.2f seconds",
		at.UTC().Format("2006-01-02T15:04:05.000Z"), id, timeout.Seconds())
}
