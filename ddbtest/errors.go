package ddbtest

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
)

// ErrorCode is the AWS error code of err ("" if err is not an API error).
func ErrorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// ErrorMessage is the AWS error message of err ("" if err is not an API
// error).
func ErrorMessage(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorMessage()
	}
	return ""
}

// WantError fails the test unless err is an API error with code. It
// returns the error's message.
func WantError(t testing.TB, err error, code string) string {
	t.Helper()
	if err == nil {
		t.Errorf("got success, want %s", code)
		return ""
	}
	if got := ErrorCode(err); got != code {
		t.Errorf("got error %v, want %s", err, code)
	}
	return ErrorMessage(err)
}

// WantErrorMessage is WantError plus an exact message check.
func WantErrorMessage(t testing.TB, err error, code, message string) {
	t.Helper()
	if err == nil {
		t.Errorf("got success, want %s: %s", code, message)
		return
	}
	if got := ErrorCode(err); got != code {
		t.Errorf("got error %v, want %s: %s", err, code, message)
		return
	}
	if got := ErrorMessage(err); got != message {
		t.Errorf("%s message:\n got: %s\nwant: %s", code, got, message)
	}
}

// WantErrorContaining is WantError plus a case-insensitive check that the
// message contains each of parts.
func WantErrorContaining(t testing.TB, err error, code string, parts ...string) {
	t.Helper()
	msg := WantError(t, err, code)
	if err == nil || ErrorCode(err) != code {
		return
	}
	for _, p := range parts {
		if !strings.Contains(strings.ToLower(msg), strings.ToLower(p)) {
			t.Errorf("%s message %q does not mention %q", code, msg, p)
		}
	}
}

// NoError fails the test now if err is not nil.
func NoError(t testing.TB, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
