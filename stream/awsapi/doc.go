// Package awsapi adapts aws-sdk-go-v2 clients to the stream runtime's
// interfaces, so the runtime that runs in `jets dev` reads AWS DynamoDB
// Streams, a `jets server`, or any Streams-compatible endpoint (such as
// ScyllaDB Alternator) the same way. It is the only package of the runtime
// that imports the AWS SDK.
package awsapi
