// Package logstore keeps a function's log events on disk, one file per
// function, as CloudWatch Logs would hold them for the log group
// /aws/lambda/<function>.
//
// A file is JSON lines, one event per line:
//
//	{"timestamp":1764419000123,"message":"START RequestId: … Version: $LATEST","logStreamName":"2026/11/29/[$LATEST]9f…"}
//
// timestamp is milliseconds since the Unix epoch. A Writer appends events
// (each with one write(2) on a file opened O_APPEND), so readers in other
// processes never see a torn event: they read up to the last newline only.
//
// Readers list events with Read, or stream them with Follow, which prints what
// is there and then new events as they are written: it polls the file's size
// (a short interval, PollInterval by default) and, when the writer lives in
// the same process, is woken at once by it. `jets logs -f` in one process
// follows what `jets dev` writes in another.
//
// Filter patterns are the CloudWatch Logs syntax for unstructured events,
// case-sensitive, this subset:
//
//	ERROR Exception      every term must occur (substring match)
//	"exact phrase"       a quoted term may hold spaces
//	-DEBUG  -"a phrase"  the event must not contain the term
//	?ERROR ?WARN         at least one of the ?-terms must occur
//	%regex%              a Go regular expression (RE2) must match
//
// An empty pattern matches every event. JSON patterns ({ $.level = … }) and
// space-delimited patterns ([ip, user, …]) are rejected with an error.
//
// Format renders an event as "simple" (or its alias "plain"): time and
// message; "detailed": time, log stream name and message; or "json": the
// event as one JSON object.
package logstore
