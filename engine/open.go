package engine

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// formatVersion is the on-disk format this engine writes and reads. It is
// written when a data directory is created and checked at every Open.
const formatVersion = 1

// ErrLocked is returned (wrapped) by Open when another engine, in this
// process or another, has the data directory open.
var ErrLocked = errors.New("data directory is in use")

// ErrClosed is returned by requests made after Close.
var ErrClosed = errors.New("engine: closed")

type lockedError struct{ dir string }

func (e *lockedError) Error() string {
	return "data directory " + e.dir + " is in use by another jets server"
}

func (e *lockedError) Is(target error) bool { return target == ErrLocked }

func (c *Config) setDefaults() {
	if c.Region == "" {
		c.Region = "us-east-1"
	}
	if c.AccountID == "" {
		c.AccountID = "000000000000"
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

func open(cfg Config) (*Engine, error) {
	cfg.setDefaults()
	e := &Engine{cfg: cfg, logger: cfg.Logger, tables: map[string]*table{}}
	if err := e.openPebble(); err != nil {
		return nil, err
	}
	if err := e.checkFormat(); err != nil {
		e.closeStorage()
		return nil, err
	}
	if err := e.loadTables(); err != nil {
		e.closeStorage()
		return nil, err
	}
	l, err := openStreamLog(e.db, cfg)
	if err != nil {
		e.closeStorage()
		return nil, fmt.Errorf("open stream log: %w", err)
	}
	e.log = notifyingLog{streamLog: l, wake: &e.wake}
	e.sync = newSyncer(e.db, e.log, cfg.InMemory)
	return e, nil
}

// Pebble's memory budget. Memtables are charged to the block cache (Pebble
// reserves each memtable's size from it, up to two at a time before writes
// stall), so the cache holds blockCacheSize of blocks on top of them: with
// Pebble's default 8 MB cache and 32 MB memtables nothing would be cached at
// all, and every Get would read its index and filter blocks from the file.
// Cache memory is allocated as blocks are read, not up front.
const (
	memTableSize   = 32 << 20
	blockCacheSize = 8 << 20
	cacheSize      = 2*memTableSize + blockCacheSize
)

func (e *Engine) openPebble() error {
	opts := &pebble.Options{
		Logger:       pebbleLogger{e.logger},
		MemTableSize: memTableSize,
		CacheSize:    cacheSize,
	}
	// Bloom filters let a write's read of the old item skip every table
	// that cannot hold its key (a new item is in none): without them each
	// such Get reads index and data blocks of every level, under the write
	// lock. The setting carries over from L0 to the other levels.
	opts.Levels[0].FilterPolicy = bloom.FilterPolicy(10)
	dir := e.cfg.Dir
	if e.cfg.InMemory {
		opts.FS = vfs.NewMem()
		dir = ""
	} else {
		if dir == "" {
			return errors.New("open engine: Config.Dir is required unless InMemory")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("open engine: %w", err)
		}
		lock, err := pebble.LockDirectory(dir, vfs.Default)
		if err != nil {
			if isLockConflict(err) {
				return &lockedError{dir: dir}
			}
			return fmt.Errorf("lock data directory %s: %w", dir, err)
		}
		e.lock = lock
		opts.Lock = lock
	}
	db, err := pebble.Open(dir, opts)
	if err != nil {
		if e.lock != nil {
			_ = e.lock.Close()
		}
		return fmt.Errorf("open pebble in %q: %w", dir, err)
	}
	e.db = db
	return nil
}

// isLockConflict reports whether a lock error means someone else holds it.
func isLockConflict(err error) bool {
	return errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES) ||
		errors.Is(err, syscall.EWOULDBLOCK) || strings.Contains(err.Error(), "lock held by current process")
}

// checkFormat writes the format version into a new data directory and
// refuses one written by a newer engine.
func (e *Engine) checkFormat() error {
	v, closer, err := e.db.Get(keyFormatVersion)
	if errors.Is(err, pebble.ErrNotFound) {
		empty, err := e.isEmpty()
		if err != nil {
			return err
		}
		if !empty {
			return fmt.Errorf("data directory %s holds data without a jets format version", e.cfg.Dir)
		}
		return e.db.Set(keyFormatVersion, []byte(strconv.Itoa(formatVersion)), pebble.Sync)
	}
	if err != nil {
		return fmt.Errorf("read format version: %w", err)
	}
	got, perr := strconv.Atoi(string(v))
	_ = closer.Close()
	if perr != nil {
		return fmt.Errorf("data directory %s: unreadable format version %q", e.cfg.Dir, v)
	}
	if got > formatVersion {
		return fmt.Errorf("data directory %s was written by a newer jets (data format version %d; this jets reads up to version %d): upgrade jets",
			e.cfg.Dir, got, formatVersion)
	}
	return nil
}

func (e *Engine) isEmpty() (bool, error) {
	it, err := e.db.NewIter(nil)
	if err != nil {
		return false, err
	}
	empty := !it.First()
	return empty, it.Close()
}

// loadTables reads every table's metadata and counters.
func (e *Engine) loadTables() error {
	it, err := e.db.NewIter(&pebble.IterOptions{
		LowerBound: []byte{prefixTable}, UpperBound: []byte{prefixTable + 1},
	})
	if err != nil {
		return err
	}
	for ok := it.First(); ok; ok = it.Next() {
		t, err := decodeTable(it.Value())
		if err != nil {
			_ = it.Close()
			return fmt.Errorf("load table %q: %w", it.Key()[1:], err)
		}
		if err := e.loadCounters(t); err != nil {
			_ = it.Close()
			return err
		}
		e.tables[t.meta.Name] = t
	}
	if err := it.Close(); err != nil {
		return err
	}
	v, closer, err := e.db.Get(keyNextTableID)
	switch {
	case errors.Is(err, pebble.ErrNotFound):
		e.nextID = 1
	case err != nil:
		return fmt.Errorf("load next table id: %w", err)
	default:
		e.nextID = binary.BigEndian.Uint64(v)
		_ = closer.Close()
	}
	return nil
}

func (e *Engine) loadCounters(t *table) error {
	v, closer, err := e.db.Get(counterKey(t.meta.ID))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("load counters of %s: %w", t.meta.Name, err)
	}
	defer closer.Close()
	if len(v) != 16 {
		return fmt.Errorf("load counters of %s: bad length %d", t.meta.Name, len(v))
	}
	t.items.Store(int64(binary.BigEndian.Uint64(v)))
	t.bytes.Store(int64(binary.BigEndian.Uint64(v[8:])))
	return nil
}

func (e *Engine) close() error {
	e.closeMu.Lock()
	defer e.closeMu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	e.sync.stop()
	err := e.log.Close()
	if cerr := e.closeStorage(); err == nil {
		err = cerr
	}
	return err
}

func (e *Engine) closeStorage() error {
	var err error
	if e.db != nil {
		err = e.db.Close()
	}
	if e.lock != nil {
		if lerr := e.lock.Close(); err == nil {
			err = lerr
		}
	}
	return err
}

// enter marks the start of a request; the returned func ends it.
func (e *Engine) enter() (func(), error) {
	e.closeMu.RLock()
	if e.closed {
		e.closeMu.RUnlock()
		return nil, ErrClosed
	}
	return e.closeMu.RUnlock, nil
}

// pebbleLogger sends Pebble's logs to slog.
type pebbleLogger struct{ l *slog.Logger }

func (p pebbleLogger) Infof(format string, args ...any) {
	p.l.Debug(fmt.Sprintf(format, args...), "component", "pebble")
}

func (p pebbleLogger) Errorf(format string, args ...any) {
	p.l.Error(fmt.Sprintf(format, args...), "component", "pebble")
}

func (p pebbleLogger) Fatalf(format string, args ...any) {
	p.l.Error(fmt.Sprintf(format, args...), "component", "pebble")
	panic(fmt.Sprintf(format, args...))
}
