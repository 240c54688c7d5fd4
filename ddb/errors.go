package ddb

import (
	"errors"
	"fmt"
	"net/http"
)

// Code is an AWS error code as it appears after the '#' in a JSON 1.0 error's
// __type field.
type Code string

// The error codes of DynamoDB and DynamoDB Streams. All of jets uses these.
const (
	CodeValidation              Code = "ValidationException"
	CodeSerialization           Code = "SerializationException"
	CodeUnknownOperation        Code = "UnknownOperationException"
	CodeResourceNotFound        Code = "ResourceNotFoundException"
	CodeResourceInUse           Code = "ResourceInUseException"
	CodeConditionalCheckFailed  Code = "ConditionalCheckFailedException"
	CodeTransactionCanceled     Code = "TransactionCanceledException"
	CodeLimitExceeded           Code = "LimitExceededException"
	CodeExpiredIterator         Code = "ExpiredIteratorException"
	CodeTrimmedDataAccess       Code = "TrimmedDataAccessException"
	CodeInternalServerError     Code = "InternalServerError"
	CodeMissingAuthenticationTk Code = "MissingAuthenticationTokenException"
)

// Error is an AWS service error: a code, a message and, for some codes, the
// item that failed a condition check.
type Error struct {
	Code    Code
	Message string
	// Item is set on ConditionalCheckFailedException when the request asked
	// for ReturnValuesOnConditionCheckFailure=ALL_OLD and the item exists.
	Item Item
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// HTTPStatus is the status DynamoDB answers this error with.
func (e *Error) HTTPStatus() int {
	if e.Code == CodeInternalServerError {
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Validationf returns a ValidationException.
func Validationf(format string, args ...any) *Error {
	return Errorf(CodeValidation, format, args...)
}

// InvalidParameter returns the ValidationException DynamoDB uses for invalid
// parameter values: "One or more parameter values were invalid: <detail>".
func InvalidParameter(format string, args ...any) *Error {
	return Errorf(CodeValidation, "One or more parameter values were invalid: "+format, args...)
}

// NotFound returns DynamoDB's ResourceNotFoundException for a missing table:
// "Requested resource not found".
func NotFound() *Error {
	return Errorf(CodeResourceNotFound, "Requested resource not found")
}

// IsCode reports whether err is an *Error with the given code.
func IsCode(err error, code Code) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}
