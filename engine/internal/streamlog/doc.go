// Package streamlog is the durable DynamoDB Streams log of the engine:
// streams, shards, sequence numbers, records and shard iterators, stored in
// Pebble under KeyPrefix, and the four DynamoDB Streams operations over
// them (spec sections A1–A12).
//
// The engine writes records in the same Pebble batch as the item change
// that caused them (Enable, Disable and Append add to the engine's batch);
// records become visible once the engine reports them durable. Shard
// rollover, trimming and removal past retention run in the background, on
// demand before reads, and from Maintain.
package streamlog
