// Package wire holds the request and response shapes of the DynamoDB
// (DynamoDB_20120810) and DynamoDB Streams (DynamoDBStreams_20120810) JSON 1.0
// APIs, with the JSON names AWS uses. The engine takes and returns these; the
// HTTP server only decodes and encodes them.
//
// Optional scalars are pointers so that "absent" and "zero" differ, as they
// do in DynamoDB's validation.
package wire
