// Package lambdart runs an app's functions locally the way AWS Lambda's
// provided.al2023 runtime runs them: each execution environment of a
// function is a process of the user's binary (a plain aws-lambda-go program
// built with lambda.Start), talking to a local Lambda Runtime API (version
// 2018-06-01) that this package serves.
//
// # Runtime API
//
// Each process gets its own listener on 127.0.0.1 (a free port), because
// AWS_LAMBDA_RUNTIME_API is a bare host:port. It serves:
//
//	GET  /2018-06-01/runtime/invocation/next            blocks until an invocation; headers
//	     Lambda-Runtime-Aws-Request-Id, -Deadline-Ms, -Invoked-Function-Arn, -Trace-Id
//	POST /2018-06-01/runtime/invocation/{id}/response   the result (202; 413 over 6 MB)
//	POST /2018-06-01/runtime/invocation/{id}/error      a function error: {errorMessage, errorType,
//	     stackTrace}; Lambda-Runtime-Function-Error-Type names a type the body lacks
//	POST /2018-06-01/runtime/init/error                 the runtime cannot start
//
// An unknown or finished request id is answered 400 InvalidRequestID.
//
// # Processes
//
// A process gets the environment Lambda gives (AWS_LAMBDA_FUNCTION_NAME,
// AWS_LAMBDA_FUNCTION_VERSION=$LATEST, AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
// AWS_LAMBDA_RUNTIME_API, AWS_LAMBDA_LOG_GROUP_NAME, AWS_LAMBDA_LOG_STREAM_NAME,
// AWS_REGION, AWS_DEFAULT_REGION, _HANDLER, LAMBDA_TASK_ROOT, TZ=:UTC, dummy
// credentials) plus Function.Env; of jets's own environment only PATH passes,
// so no real AWS profile or credential reaches the handler. It runs in a
// process group of its own, which is killed whole when the process ends, is
// restarted or Close is called: nothing it started survives.
//
// # Execution environments
//
// As Lambda runs concurrent invocations of a function in separate execution
// environments, a function here has up to Function.MaxConcurrency
// environments (default 10, like a reserved concurrency; 1 runs one
// invocation at a time), each a process of its own with its own Runtime API
// listener and log stream, running one invocation at a time. An invocation
// takes an idle environment (the most recently used), else starts a new one
// while there are fewer than MaxConcurrency, else waits, in arrival order,
// for the first to become free. An environment's process starts at its first
// invocation (or Warm) and serves until it exits; the environment's next
// invocation then starts a new one. An environment idle for
// Config.IdleTimeout is stopped, except the function's last one.
//
// All that happens to a process stays in its environment: a timeout kills and
// restarts only it, a crash replaces only it. Restart and Replace apply to
// all environments of the function: they wait for the invocations in
// progress, hold back new ones, stop every process and let the next
// invocations start new ones with the new configuration. Close kills them
// all.
//
// # Outcomes
//
// An invocation ends in one of these ways:
//
//   - the handler returns: Result.Payload is its response;
//   - the handler returns an error, or panics: a function error with the
//     runtime's errorType and errorMessage (a panic also ends the process, as
//     lambda.Start exits after reporting it);
//   - the process exits or crashes mid-invocation (os.Exit, fatal error):
//     Runtime.ExitError, "RequestId: <id> Error: Runtime exited with error:
//     exit status 2";
//   - the deadline passes: Sandbox.Timedout, "<time> <id> Task timed out
//     after 1.00 seconds", and the process is killed;
//   - the process exits before asking for its first invocation: the error it
//     posted to /init/error, else Runtime.ExitError.
//
// A function error is a Result with FunctionError "Unhandled" (Lambda's
// X-Amz-Function-Error), never a Go error; Invoke's error means the function
// could not be invoked.
//
// # Logs
//
// A process's stdout and stderr (one pipe, interleaving kept) are written line
// by line to the function's log, <LogDir>/<function name>.log, in the format of
// package logstore, together with Lambda's own lines. All environments of a
// function share the file, each event carrying its environment's log stream
// name (logstore.Query.Streams selects streams):
//
//	START RequestId: <id> Version: $LATEST
//	END RequestId: <id>
//	REPORT RequestId: <id>	Duration: 12.34 ms	Billed Duration: 13 ms	Memory Size: 128 MB	Max Memory Used: 20 MB
//
// REPORT adds "Init Duration" on a process's first invocation, "Status:
// timeout" after a timeout and "Status: error	Error Type: Runtime.ExitError"
// after a crash. Max Memory Used is the process's peak RSS (VmHWM in /proc, or
// the exit's rusage). The function's output is placed exactly between START
// and END of its stream: see capture.go. Output between invocations is kept
// too. Events are written whole (one write per batch, under a lock), so
// concurrent environments never interleave partial lines; within a stream
// they keep their order.
package lambdart
