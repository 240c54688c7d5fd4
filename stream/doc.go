// Package stream is the event source mapping runtime: it reads DynamoDB
// Streams through the Streams API (Source), batches records, invokes a
// function (Invoker) with exactly the event AWS Lambda sends, retries failed
// batches, and checkpoints progress per shard, draining parent shards before
// their children.
//
// The same code runs against the embedded engine (which implements Source
// directly), against AWS DynamoDB Streams or any Streams-compatible endpoint
// (through an SDK adapter), and in tests with a plain Go function as the
// Invoker.
package stream
