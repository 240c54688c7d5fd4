// Package bench measures `jets server` against moto on the same work: PutItem
// throughput on a stream-enabled table from concurrent aws-sdk-go-v2
// clients, GetRecords drain rate, GetItem latency and server memory. Each
// server runs as a real process on 127.0.0.1; cmd/jets-bench is its CLI.
package bench
