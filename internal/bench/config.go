package bench

import (
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Peer names.
const (
	PeerJets = "jets"
	PeerMoto = "moto"
)

// Config is one benchmark run.
type Config struct {
	// Duration is how long the PutItem phase runs on each peer.
	Duration time.Duration
	// Clients is the number of concurrent PutItem clients.
	Clients int
	// Records is how many stream records GetRecords drains from jets.
	Records int
	// MotoRecords is the same for moto, which is much slower.
	MotoRecords int
	// Gets is the number of sequential GetItem calls timed per peer.
	Gets int
	// Peers lists the servers to measure, in order ("jets", "moto").
	Peers []string
	// JetsBin is a prebuilt jets binary; empty builds ./cmd/jets of RepoDir.
	JetsBin string
	// RepoDir is the module root that holds cmd/jets.
	RepoDir string
	// Unsigned makes the clients send jets unsigned requests (no SigV4).
	// moto needs the signature to route requests, so it always gets it.
	Unsigned bool
	// Python runs moto.
	Python string
	Log    *slog.Logger
}

// Validate checks cfg.
func (c Config) Validate() error {
	if c.Duration <= 0 || c.Clients <= 0 || c.Records <= 0 || c.MotoRecords <= 0 || c.Gets <= 0 {
		return errors.New("duration, clients, records, moto-records and gets must be positive")
	}
	if len(c.Peers) == 0 {
		return errors.New("no peers")
	}
	for _, p := range c.Peers {
		if p != PeerJets && p != PeerMoto {
			return fmt.Errorf("unknown peer %q (want jets or moto)", p)
		}
	}
	return nil
}

// recordsFor is the drain count for a peer.
func (c Config) recordsFor(peer string) int {
	if peer == PeerMoto {
		return c.MotoRecords
	}
	return c.Records
}
