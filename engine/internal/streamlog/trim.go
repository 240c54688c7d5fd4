package streamlog

import (
	"context"
	"fmt"
	"time"

	"github.com/cockroachdb/pebble/v2"
)

// Retention: a record older than Config.Retention is trimmed. Before any
// read of a shard whose oldest record is due, the shard's in-memory trim
// point moves past every due record, so a reader never sees a record past
// retention. Maintain (in the background, or called by tests) then deletes
// them physically: a DeleteRange over the shard's oldest records plus the
// persisted trim point, in one batch. Closed shards past retention and
// disabled streams past retention are removed entirely.

// maintenanceInterval is how often the background goroutine runs Maintain.
const maintenanceInterval = time.Minute

// background runs Maintain every maintenanceInterval until Close.
func (l *Log) background() {
	defer close(l.done)
	t := time.NewTicker(maintenanceInterval)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			if err := l.Maintain(context.Background()); err != nil {
				l.log.Error("stream log maintenance", "err", err)
			}
		}
	}
}

// Maintain runs the log's periodic work now: due shard rollovers, trimming
// of records past retention, and removal of closed shards and disabled
// streams past retention. The background goroutine calls it every minute;
// tests call it after moving the clock.
func (l *Log) Maintain(ctx context.Context) error {
	now := l.now()
	cutoff := now.Add(-l.cfg.Retention)
	var live []*shard
	var goneStreams []*stream
	var goneShards []*shard
	l.mu.Lock()
	for _, st := range l.streams {
		if st.gone(cutoff) {
			goneStreams = append(goneStreams, st)
			continue
		}
		if err := l.rolloverLocked(st, now); err != nil {
			l.mu.Unlock()
			return fmt.Errorf("maintain: %w", err)
		}
		for _, sh := range st.shards {
			if sh.gone(cutoff) {
				goneShards = append(goneShards, sh)
			} else {
				live = append(live, sh)
			}
		}
	}
	l.mu.Unlock()
	for _, sh := range live {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := l.trimShardIfDue(sh, now, true); err != nil {
			return fmt.Errorf("maintain: %w", err)
		}
	}
	if err := l.purge(goneStreams, goneShards); err != nil {
		return fmt.Errorf("maintain: %w", err)
	}
	return nil
}

// trimShardIfDue advances sh's trim point past every record older than
// retention if its oldest record is due. Readers call it before reading;
// it only moves the in-memory trim point (reads never return a record at
// or below it). With physical set (Maintain), it also deletes the trimmed
// records and persists the trim point.
func (l *Log) trimShardIfDue(sh *shard, now time.Time, physical bool) error {
	cutoff := now.Add(-l.cfg.Retention)
	l.mu.Lock()
	due := !sh.oldest.IsZero() && sh.oldest.Before(cutoff)
	unpersisted := sh.trimmed > sh.persistedTrim
	l.mu.Unlock()
	if !due && !(physical && unpersisted) {
		return nil
	}
	l.trimMu.Lock()
	defer l.trimMu.Unlock()
	if due {
		if err := l.advanceTrim(sh, cutoff); err != nil {
			return err
		}
	}
	if physical {
		return l.deleteTrimmed(sh)
	}
	return nil
}

// advanceTrim moves sh's trim point past the records created before cutoff
// (only durable ones: a record still in an engine batch is never the
// oldest anyway). l.trimMu is held.
func (l *Log) advanceTrim(sh *shard, cutoff time.Time) error {
	l.mu.Lock()
	from := max(sh.trimmed+1, sh.start)
	l.mu.Unlock()
	durable := l.durable.Load()
	if from > durable {
		return nil
	}
	iter, err := l.db.NewIter(&pebble.IterOptions{
		LowerBound: recordKey(sh.start, from), UpperBound: recordKey(sh.start, durable+1)})
	if err != nil {
		return fmt.Errorf("trim shard: %w", err)
	}
	var lastTrim uint64
	var oldest time.Time
	for valid := iter.First(); valid; valid = iter.Next() {
		created, err := recordCreated(iter.Value())
		if err != nil {
			iter.Close()
			return fmt.Errorf("trim shard: record %d: %w", recordSeq(iter.Key()), err)
		}
		if created >= cutoff.UnixMilli() {
			oldest = time.UnixMilli(created).UTC()
			break
		}
		lastTrim = recordSeq(iter.Key())
	}
	err = iter.Error()
	iter.Close()
	if err != nil {
		return fmt.Errorf("trim shard: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	sh.trimmed = max(sh.trimmed, lastTrim)
	switch {
	case !oldest.IsZero():
		sh.oldest = oldest
	case sh.lastRecord > sh.trimmed:
		// Records not yet durable: the newest append time is a safe bound.
		sh.oldest = sh.lastAppend
	default:
		sh.oldest = time.Time{}
	}
	return nil
}

// deleteTrimmed deletes the records at or below sh's trim point and
// persists it. l.trimMu is held.
func (l *Log) deleteTrimmed(sh *shard) error {
	l.mu.Lock()
	trimmed, persisted := sh.trimmed, sh.persistedTrim
	l.mu.Unlock()
	if trimmed <= persisted {
		return nil
	}
	b := l.db.NewBatch()
	defer b.Close()
	if err := b.DeleteRange(recordKey(sh.start, 0), recordKey(sh.start, trimmed+1), nil); err != nil {
		return fmt.Errorf("trim shard: %w", err)
	}
	if err := b.Set(shardKey(tagTrim, sh.start), u64(trimmed), nil); err != nil {
		return fmt.Errorf("trim shard: %w", err)
	}
	if err := b.Commit(pebble.NoSync); err != nil {
		return fmt.Errorf("trim shard: %w", err)
	}
	l.mu.Lock()
	sh.persistedTrim = max(sh.persistedTrim, trimmed)
	l.mu.Unlock()
	return nil
}

// purge removes gone streams and shards from disk and memory.
func (l *Log) purge(streams []*stream, shards []*shard) error {
	if len(streams) == 0 && len(shards) == 0 {
		return nil
	}
	for _, st := range streams {
		shards = append(shards, st.shards...)
	}
	l.trimMu.Lock()
	defer l.trimMu.Unlock()
	b := l.db.NewBatch()
	defer b.Close()
	for _, sh := range shards {
		if err := deleteShard(b, sh.start); err != nil {
			return fmt.Errorf("purge: %w", err)
		}
	}
	for _, st := range streams {
		for _, tag := range []byte{tagStream, tagDisabled} {
			if err := b.Delete(streamMetaKey(tag, st.key()), nil); err != nil {
				return fmt.Errorf("purge: %w", err)
			}
		}
	}
	if err := b.Commit(pebble.NoSync); err != nil {
		return fmt.Errorf("purge: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, sh := range shards {
		delete(l.shards, sh.start)
		st := sh.stream
		for i, x := range st.shards {
			if x == sh {
				st.shards = append(st.shards[:i:i], st.shards[i+1:]...)
				break
			}
		}
	}
	for _, st := range streams {
		delete(l.streams, st.key())
	}
	return nil
}

func deleteShard(b *pebble.Batch, start uint64) error {
	if err := b.DeleteRange(recordKey(start, 0), recordKey(start+1, 0), nil); err != nil {
		return err
	}
	for _, tag := range []byte{tagShard, tagClosed, tagTrim} {
		if err := b.Delete(shardKey(tag, start), nil); err != nil {
			return err
		}
	}
	return nil
}
