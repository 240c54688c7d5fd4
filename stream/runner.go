package stream

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/gojets/jets/stream/filter"
	"github.com/gojets/jets/wire"
)

// Config configures a Runner. Zero values take the defaults shown.
type Config struct {
	Source  Source  // required
	Invoker Invoker // required
	// Checkpoints keeps progress (default: a MemoryCheckpoints).
	Checkpoints CheckpointStore
	Logger      *slog.Logger // default slog.Default()
	// RetryBackoff is the first wait before retrying a failed batch or
	// Streams call; it doubles up to MaxBackoff (defaults 100 ms and 5 s).
	RetryBackoff time.Duration
	MaxBackoff   time.Duration
	// ShardDiscovery is how often the shard list is refreshed (default 1 s).
	ShardDiscovery time.Duration
	// Now is the clock seam for record ages and failure timestamps
	// (default time.Now).
	Now func() time.Time
}

// Runner runs event source mappings.
type Runner struct {
	cfg Config
	log *slog.Logger
}

// NewRunner returns a Runner for cfg.
func NewRunner(cfg Config) *Runner {
	if cfg.Checkpoints == nil {
		cfg.Checkpoints = &MemoryCheckpoints{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.RetryBackoff == 0 {
		cfg.RetryBackoff = 100 * time.Millisecond
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = 5 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ShardDiscovery == 0 {
		cfg.ShardDiscovery = time.Second
	}
	return &Runner{cfg: cfg, log: cfg.Logger}
}

// Run consumes the mapping's stream until ctx ends, when it returns
// ctx.Err(). It returns early with an error if the mapping is invalid or the
// stream cannot be described (for example, it does not exist).
func (r *Runner) Run(ctx context.Context, m Mapping) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m = m.withDefaults()
	flt, err := filter.Compile(m.FilterPatterns)
	if err != nil {
		return invalidParameter(err.Error())
	}
	if len(m.FilterPatterns) == 0 {
		flt = nil
	}
	if !m.enabled() {
		<-ctx.Done() // a disabled mapping keeps its checkpoints and reads nothing
		return ctx.Err()
	}
	done := make(chan string)
	running := map[string]bool{}
	finished := map[string]bool{}
	first := true
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for {
		desc, shards, err := r.shards(ctx, m.StreamArn)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("describe stream %s: %w", m.StreamArn, err)
		}
		known := make(map[string]bool, len(shards))
		for _, s := range shards {
			known[s.ShardID] = true
		}
		for _, s := range shards {
			if running[s.ShardID] || finished[s.ShardID] {
				continue
			}
			if s.ParentShardID != "" && known[s.ParentShardID] && !finished[s.ParentShardID] {
				continue // drain the parent first
			}
			start := TrimHorizon
			if first && s.SequenceNumberRange.EndingSequenceNumber == "" {
				start = m.StartingPosition
			}
			running[s.ShardID] = true
			go func(s wire.Shard, start string) {
				c := &consumer{r: r, m: m, shardID: s.ShardID, start: start, filter: flt, hashKey: hashKey(desc)}
				if err := c.run(ctx); err != nil && ctx.Err() == nil {
					r.log.Error("shard consumer stopped", "mapping", m.ID, "shard", s.ShardID, "err", err)
				}
				select {
				case done <- s.ShardID:
				case <-ctx.Done():
				}
			}(s, start)
		}
		first = false
		select {
		case <-ctx.Done():
			return ctx.Err()
		case id := <-done:
			delete(running, id)
			if cp, ok, _ := r.cfg.Checkpoints.Get(ctx, m.ID, id); ok && cp.Done {
				finished[id] = true
			}
		case <-time.After(r.cfg.ShardDiscovery):
		}
	}
}

// shards describes the stream and lists every shard, following pages.
func (r *Runner) shards(ctx context.Context, arn string) (wire.StreamDescription, []wire.Shard, error) {
	var all []wire.Shard
	in := &wire.DescribeStreamInput{StreamArn: arn}
	for {
		out, err := r.cfg.Source.DescribeStream(ctx, in)
		if err != nil {
			return wire.StreamDescription{}, nil, err
		}
		all = append(all, out.StreamDescription.Shards...)
		last := out.StreamDescription.LastEvaluatedShardID
		if last == "" {
			return out.StreamDescription, all, nil
		}
		in.ExclusiveStartShardID = &last
	}
}

func hashKey(d wire.StreamDescription) string {
	for _, k := range d.KeySchema {
		if k.KeyType == "HASH" {
			return k.AttributeName
		}
	}
	return ""
}

func (r *Runner) now() time.Time { return r.cfg.Now() }

// sleep waits for d, a wake-up, or the end of ctx.
func sleep(ctx context.Context, d time.Duration, wake <-chan struct{}) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
	case <-wake:
	}
	return nil
}

// backoff doubles d up to max.
func backoff(d, max time.Duration) time.Duration {
	if d *= 2; d > max {
		return max
	}
	return d
}
