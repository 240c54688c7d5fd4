package stream

import "context"

// Invoker runs a function with a payload, as Lambda's synchronous Invoke.
type Invoker interface {
	// Invoke returns the function's result. A function error (the handler
	// returned an error, panicked or timed out) is reported in Result, not
	// as err; err means the function could not be invoked at all.
	Invoke(ctx context.Context, function string, payload []byte) (Result, error)
}

// Result is the outcome of one invocation.
type Result struct {
	// Payload is the function's response.
	Payload []byte
	// FunctionError is set when the invocation failed in the function:
	// "Unhandled" as in Lambda's X-Amz-Function-Error header.
	FunctionError string
	// ErrorMessage is the function's error message, for logs.
	ErrorMessage string
}

// InvokerFunc adapts a plain function to Invoker.
type InvokerFunc func(ctx context.Context, function string, payload []byte) (Result, error)

// Invoke calls f.
func (f InvokerFunc) Invoke(ctx context.Context, function string, payload []byte) (Result, error) {
	return f(ctx, function, payload)
}
