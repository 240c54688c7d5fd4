// Package engine is jets' embedded DynamoDB-compatible engine: tables,
// items, condition and update expressions, and DynamoDB Streams, stored in
// Pebble (on disk under Config.Dir, or in memory).
//
// Storage: one Pebble database per data directory, guarded by Pebble's LOCK
// file, so a second Open fails at once with ErrLocked. The on-disk format
// version is written when the directory is created and checked at every
// Open. Items live under an order-preserving key (table id, then the hash
// and range key encoded by internal/keyenc), so range reads come out in
// DynamoDB's order; table metadata and per-table counters (ItemCount,
// TableSizeBytes) live beside them. The stream log (internal/streamlog) owns
// the keys under its own prefix.
//
// Writes: every item change, its counters and its stream record are one
// Pebble batch, applied under the engine's write lock without sync. The
// write then waits for a group commit: one goroutine syncs the WAL for all
// writes applied so far, makes their stream records visible and wakes their
// writers. An acknowledged write therefore survives a crash together with
// its stream record, and concurrent writers share fsyncs. A write that
// changes nothing (an identical put or update, a delete of a missing item)
// writes nothing and produces no stream record.
//
// Control plane: tables and indexes are ACTIVE as soon as CreateTable or
// UpdateTable returns; there is no CREATING or UPDATING phase. Secondary
// indexes are validated and stored (and their key attributes checked on
// writes) but not yet queryable.
package engine
