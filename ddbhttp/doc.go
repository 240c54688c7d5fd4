// Package ddbhttp serves an engine on DynamoDB's wire protocol: AWS JSON 1.0
// over HTTP, with both the DynamoDB (DynamoDB_20120810) and the DynamoDB
// Streams (DynamoDBStreams_20120810) APIs on one port.
//
// A request is POST / with an X-Amz-Target header naming the operation and a
// JSON body. SigV4-signed and unsigned requests are both accepted; signatures
// and credentials are not checked. The region in the Authorization header's
// credential scope (Credential=AKID/DATE/REGION/SERVICE/aws4_request) is
// handed to the engine with engine.WithRegion, so ARNs and stream records
// carry the region the client thinks it is talking to.
//
// Every response carries x-amzn-RequestId and X-Amz-Crc32 (the CRC32 IEEE of
// the body, which botocore and the AWS SDK for Go verify). Errors use the JSON
// 1.0 shape {"__type":"com.amazonaws.dynamodb.v20120810#<Code>","message":…}
// with DynamoDB's status codes; a panic in an operation is recovered, logged
// and answered as InternalServerError (HTTP 500).
package ddbhttp
