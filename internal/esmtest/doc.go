// Package esmtest holds the event source mapping's end-to-end tests: the
// embedded engine, the stream runtime and real function processes under
// the local Lambda runtime, checked against AWS Lambda's behaviour
// (checklist E8–E15 of the streams and ESM spec).
package esmtest
