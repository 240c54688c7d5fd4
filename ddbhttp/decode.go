package ddbhttp

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"strings"

	"github.com/gojets/jets/ddb"
)

// decode unmarshals a request body into in. Errors come back as DynamoDB
// does: SerializationException for malformed JSON and for a value of the
// wrong JSON type, ValidationException (from ddb) for a malformed attribute
// value.
func decode(body []byte, in any) error {
	err := json.Unmarshal(body, in)
	if err == nil {
		return nil
	}
	return translateDecodeError(err, body)
}

// translateDecodeError maps an encoding/json error to DynamoDB's.
func translateDecodeError(err error, body []byte) error {
	var (
		de  *ddb.Error
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		b64 base64.CorruptInputError
	)
	switch {
	case errors.As(err, &de):
		return de
	case errors.As(err, &syn):
		return syntaxError()
	case errors.As(err, &typ):
		return typeError(typ, body)
	case errors.As(err, &b64):
		return ddb.Errorf(ddb.CodeSerialization,
			"Base64 encoded binary value is invalid: illegal base64 data at input byte %d", int64(b64))
	}
	if strings.Contains(err.Error(), "unexpected end of JSON input") {
		return syntaxError()
	}
	return ddb.Errorf(ddb.CodeSerialization, "%s", err.Error())
}

// syntaxError is the answer to a body that is not JSON.
func syntaxError() *ddb.Error {
	return ddb.Errorf(ddb.CodeSerialization, "Request body is not valid JSON")
}

// typeError words a JSON type mismatch the way DynamoDB (a Java service)
// does: "Start of structure or map found where not expected",
// "NUMBER_VALUE cannot be converted to String", "Expected list or null", …
func typeError(e *json.UnmarshalTypeError, body []byte) *ddb.Error {
	found := e.Value
	if i := strings.IndexByte(found, ' '); i >= 0 {
		found = found[:i] // "number 1.5" → "number"
	}
	switch found {
	case "object":
		return ddb.Errorf(ddb.CodeSerialization, "Start of structure or map found where not expected")
	case "array":
		return ddb.Errorf(ddb.CodeSerialization, "Start of list found where not expected")
	}
	token := scalarToken(found, e.Offset, body)
	if e.Type == nil {
		return ddb.Errorf(ddb.CodeSerialization, "%s cannot be converted", token)
	}
	switch e.Type.Kind() {
	case reflect.Slice, reflect.Array:
		if e.Type.Elem().Kind() == reflect.Uint8 {
			return ddb.Errorf(ddb.CodeSerialization, "%s cannot be converted to Blob", token)
		}
		return ddb.Errorf(ddb.CodeSerialization, "Expected list or null")
	case reflect.Map:
		return ddb.Errorf(ddb.CodeSerialization, "Expected map or null")
	case reflect.Struct:
		return ddb.Errorf(ddb.CodeSerialization, "Expected null")
	}
	return ddb.Errorf(ddb.CodeSerialization, "%s cannot be converted to %s", token, javaType(e.Type))
}

// scalarToken names a JSON scalar as Jackson's token does: STRING_VALUE,
// NUMBER_VALUE, TRUE_VALUE, FALSE_VALUE.
func scalarToken(found string, offset int64, body []byte) string {
	switch found {
	case "string":
		return "STRING_VALUE"
	case "number":
		return "NUMBER_VALUE"
	case "bool":
		// encoding/json reports the offset just past the literal; nested
		// decoders (ddb.Value) report offsets into their own slice, so
		// check that the bytes there really are a literal.
		if offset >= 5 && offset <= int64(len(body)) && string(body[offset-5:offset]) == "false" {
			return "FALSE_VALUE"
		}
		if offset >= 4 && offset <= int64(len(body)) && string(body[offset-4:offset]) == "true" {
			return "TRUE_VALUE"
		}
		return "BOOLEAN_VALUE"
	}
	return strings.ToUpper(found) + "_VALUE"
}

// javaType names a Go scalar type as the DynamoDB model does.
func javaType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "String"
	case reflect.Bool:
		return "Boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return "Integer"
	case reflect.Int64, reflect.Uint64:
		return "Long"
	case reflect.Float32, reflect.Float64:
		return "Double"
	case reflect.Pointer:
		return javaType(t.Elem())
	}
	return t.String()
}
