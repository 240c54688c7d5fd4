package stream

import (
	"context"
	"sync"
)

// Checkpoint is how far a mapping got in one shard.
type Checkpoint struct {
	// SequenceNumber is the last processed record; empty if none yet.
	SequenceNumber string
	// Done is true once the shard was read to its end (a closed shard).
	Done bool
}

// CheckpointStore keeps checkpoints per mapping and shard.
type CheckpointStore interface {
	Get(ctx context.Context, mapping, shardID string) (Checkpoint, bool, error)
	Put(ctx context.Context, mapping, shardID string, cp Checkpoint) error
}

// MemoryCheckpoints is a CheckpointStore in memory, for tests and embedding.
type MemoryCheckpoints struct {
	mu sync.Mutex
	m  map[[2]string]Checkpoint
}

// Get returns the checkpoint of a mapping's shard.
func (s *MemoryCheckpoints) Get(_ context.Context, mapping, shardID string) (Checkpoint, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cp, ok := s.m[[2]string{mapping, shardID}]
	return cp, ok, nil
}

// Put stores the checkpoint of a mapping's shard.
func (s *MemoryCheckpoints) Put(_ context.Context, mapping, shardID string, cp Checkpoint) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[[2]string]Checkpoint)
	}
	s.m[[2]string{mapping, shardID}] = cp
	return nil
}
