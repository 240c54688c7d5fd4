package streamlog

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cockroachdb/pebble/v2"
)

// Defaults of Config.
const (
	DefaultAccountID      = "000000000000"
	DefaultRolloverPeriod = 4 * time.Hour
	DefaultRetention      = 24 * time.Hour
	DefaultIteratorTTL    = 15 * time.Minute
)

func (c Config) withDefaults() Config {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.AccountID == "" {
		c.AccountID = DefaultAccountID
	}
	if c.RolloverPeriod <= 0 {
		c.RolloverPeriod = DefaultRolloverPeriod
	}
	if c.Retention <= 0 {
		c.Retention = DefaultRetention
	}
	if c.IteratorTTL <= 0 {
		c.IteratorTTL = DefaultIteratorTTL
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

func open(db *pebble.DB, cfg Config) (*Log, error) {
	cfg = cfg.withDefaults()
	l := &Log{
		db:      db,
		cfg:     cfg,
		log:     cfg.Logger,
		streams: make(map[string]*stream),
		shards:  make(map[uint64]*shard),
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	if err := l.checkVersion(); err != nil {
		return nil, fmt.Errorf("open stream log: %w", err)
	}
	if err := l.loadEpoch(); err != nil {
		return nil, fmt.Errorf("open stream log: %w", err)
	}
	if err := l.load(); err != nil {
		return nil, fmt.Errorf("open stream log: %w", err)
	}
	go l.background()
	return l, nil
}

func (l *Log) close() error {
	l.closeOnce.Do(func() {
		close(l.stop)
		<-l.done
	})
	return nil
}

func (l *Log) now() time.Time { return l.cfg.Now().UTC() }

// checkVersion writes the format version on a new store and refuses a
// store written in another format.
func (l *Log) checkVersion() error {
	v, closer, err := l.db.Get(versionKey())
	if errors.Is(err, pebble.ErrNotFound) {
		return l.db.Set(versionKey(), u64(formatVersion), pebble.NoSync) // synced with the epoch
	}
	if err != nil {
		return fmt.Errorf("check version: %w", err)
	}
	defer closer.Close()
	if len(v) != 8 || binary.BigEndian.Uint64(v) != formatVersion {
		return fmt.Errorf("check version: stream log format %x is not %d", v, formatVersion)
	}
	return nil
}

// load reads every stream and shard into memory.
func (l *Log) load() error {
	if err := l.loadStreams(); err != nil {
		return err
	}
	if err := l.loadShards(); err != nil {
		return err
	}
	for _, st := range l.streams {
		slices.SortFunc(st.shards, func(a, b *shard) int { return strings.Compare(a.id, b.id) })
		for _, sh := range st.shards {
			if !sh.closed && !st.disabled() {
				st.open = sh
			}
			st.lastShard = max(st.lastShard, shardMillis(sh.id))
		}
	}
	return nil
}

// scanTag calls fn for every key with the given tag.
func (l *Log) scanTag(tag byte, fn func(k, v []byte) error) error {
	lo, hi := tagRange(tag)
	iter, err := l.db.NewIter(&pebble.IterOptions{LowerBound: lo, UpperBound: hi})
	if err != nil {
		return err
	}
	defer iter.Close()
	for valid := iter.First(); valid; valid = iter.Next() {
		if err := fn(iter.Key(), iter.Value()); err != nil {
			return err
		}
	}
	return iter.Error()
}

func (l *Log) loadStreams() error {
	err := l.scanTag(tagStream, func(_, v []byte) error {
		var m streamMeta
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("stream metadata: %w", err)
		}
		st := &stream{
			ref:       StreamRef{TableName: m.Table, Label: m.Label, ViewType: m.ViewType},
			keySchema: m.KeySchema,
			created:   time.UnixMilli(m.Created).UTC(),
		}
		l.streams[st.key()] = st
		return nil
	})
	if err != nil {
		return fmt.Errorf("load streams: %w", err)
	}
	err = l.scanTag(tagDisabled, func(k, v []byte) error {
		var m disabledMeta
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("disabled marker: %w", err)
		}
		if st := l.streams[string(k[2:])]; st != nil {
			st.disabledAt = time.UnixMilli(m.At).UTC()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load streams: %w", err)
	}
	return nil
}

func (l *Log) loadShards() error {
	err := l.scanTag(tagShard, func(_, v []byte) error {
		var m shardMeta
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("shard metadata: %w", err)
		}
		st := l.streams[streamKey(m.Table, m.Label)]
		if st == nil {
			l.log.Warn("stream log: shard without stream", "shard", m.ID)
			return nil
		}
		sh := &shard{id: m.ID, start: m.Start, parent: m.Parent,
			created: time.UnixMilli(m.Created).UTC(), stream: st}
		st.shards = append(st.shards, sh)
		l.shards[sh.start] = sh
		return nil
	})
	if err == nil {
		err = l.scanTag(tagClosed, func(k, v []byte) error {
			var m closedMeta
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("closed marker: %w", err)
			}
			if sh := l.shards[binary.BigEndian.Uint64(k[2:])]; sh != nil {
				sh.closed, sh.ending, sh.closedAt = true, m.Ending, time.UnixMilli(m.At).UTC()
			}
			return nil
		})
	}
	if err == nil {
		err = l.scanTag(tagTrim, func(k, v []byte) error {
			if sh := l.shards[binary.BigEndian.Uint64(k[2:])]; sh != nil && len(v) == 8 {
				sh.trimmed = binary.BigEndian.Uint64(v)
				sh.persistedTrim = sh.trimmed
			}
			return nil
		})
	}
	if err == nil {
		for _, sh := range l.shards {
			if err = l.loadShardEnds(sh); err != nil {
				break
			}
		}
	}
	if err != nil {
		return fmt.Errorf("load shards: %w", err)
	}
	return nil
}

// loadShardEnds finds a shard's oldest and newest records.
func (l *Log) loadShardEnds(sh *shard) error {
	iter, err := l.db.NewIter(&pebble.IterOptions{
		LowerBound: recordKey(sh.start, max(sh.trimmed+1, sh.start)), UpperBound: recordKey(sh.start+1, 0)})
	if err != nil {
		return err
	}
	defer iter.Close()
	if iter.First() {
		created, err := recordCreated(iter.Value())
		if err != nil {
			return fmt.Errorf("shard %s: %w", sh.id, err)
		}
		sh.oldest = time.UnixMilli(created).UTC()
	}
	if iter.Last() {
		created, err := recordCreated(iter.Value())
		if err != nil {
			return fmt.Errorf("shard %s: %w", sh.id, err)
		}
		sh.lastRecord, sh.lastAppend = recordSeq(iter.Key()), time.UnixMilli(created).UTC()
	}
	// A fully trimmed shard's newest record is its trim point.
	sh.lastRecord = max(sh.lastRecord, sh.trimmed)
	return iter.Error()
}

// shardMillis returns the epoch millis in a shard ID.
func shardMillis(id string) int64 {
	rest, ok := strings.CutPrefix(id, "shardId-")
	if !ok || len(rest) < 20 {
		return 0
	}
	ms, _ := strconv.ParseInt(rest[:20], 10, 64)
	return ms
}
