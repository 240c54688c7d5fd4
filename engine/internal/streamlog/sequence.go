package streamlog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/ddb"
)

// Sequence numbers are uint64s inside the log: epoch*epochScale + counter,
// where epoch is a boot counter persisted (with Sync) at every Open and
// counter counts within one boot. A number handed out after an Open is
// therefore greater than any handed out before it, even after a crash.
//
// On the wire a sequence number is seqPrefix followed by the uint64 in 20
// zero-padded digits: 21 decimal digits, all the same width, so comparing
// them as strings, as big integers or as uint64s gives the same order.
const (
	epochScale = 1_000_000_000_000 // sequence numbers per boot
	maxEpoch   = math.MaxUint64/epochScale - 1
	seqPrefix  = '4'
	seqDigits  = 21
)

// FormatSeq returns the wire form of a sequence number.
func FormatSeq(seq uint64) string {
	var b [seqDigits]byte
	b[0] = seqPrefix
	for i := seqDigits - 1; i > 0; i-- {
		b[i] = byte('0' + seq%10)
		seq /= 10
	}
	return string(b[:])
}

// ParseSeq parses a wire sequence number. The text must be 21–40 decimal
// digits (the model's constraint); numbers below or above the range of this
// log map to 0 and math.MaxUint64, so comparisons keep working.
func ParseSeq(s string) (uint64, error) {
	if len(s) < 21 || len(s) > 40 {
		return 0, invalidSeq(s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, invalidSeq(s)
		}
	}
	t := s
	for len(t) > 1 && t[0] == '0' {
		t = t[1:]
	}
	switch {
	case len(t) < seqDigits:
		return 0, nil
	case len(t) > seqDigits:
		return math.MaxUint64, nil
	case t[0] < seqPrefix:
		return 0, nil
	case t[0] > seqPrefix:
		return math.MaxUint64, nil
	}
	var v uint64
	for i := 1; i < len(t); i++ {
		d := uint64(t[i] - '0')
		if v > (math.MaxUint64-d)/10 {
			return math.MaxUint64, nil
		}
		v = v*10 + d
	}
	return v, nil
}

func invalidSeq(s string) error {
	return ddb.Validationf("Invalid SequenceNumber: %s. A sequence number is 21 to 40 decimal digits.", s)
}

// loadEpoch reads the boot epoch, increments it and persists it with Sync.
func (l *Log) loadEpoch() error {
	var epoch uint64
	v, closer, err := l.db.Get(epochKey())
	switch {
	case err == nil:
		if len(v) != 8 {
			closer.Close()
			return fmt.Errorf("load epoch: bad value of %d bytes", len(v))
		}
		epoch = binary.BigEndian.Uint64(v)
		closer.Close()
	case errors.Is(err, pebble.ErrNotFound):
	default:
		return fmt.Errorf("load epoch: %w", err)
	}
	if err := l.setEpoch(epoch + 1); err != nil {
		return err
	}
	// Everything written before this boot is on disk, hence durable.
	l.last.Store(l.epoch * epochScale)
	l.durable.Store(l.epoch * epochScale)
	return nil
}

// setEpoch persists a new boot epoch with Sync and restarts the counter.
func (l *Log) setEpoch(epoch uint64) error {
	if epoch > maxEpoch {
		return fmt.Errorf("set epoch: sequence number space exhausted (epoch %d)", epoch)
	}
	if err := l.db.Set(epochKey(), u64(epoch), pebble.Sync); err != nil {
		return fmt.Errorf("set epoch: %w", err)
	}
	l.epoch, l.counter = epoch, 0
	return nil
}

// nextSeqLocked hands out the next sequence number. l.mu is held.
func (l *Log) nextSeqLocked() (uint64, error) {
	if l.counter >= epochScale-1 {
		if err := l.setEpoch(l.epoch + 1); err != nil {
			return 0, err
		}
	}
	l.counter++
	seq := l.epoch*epochScale + l.counter
	l.last.Store(seq)
	return seq, nil
}

// markDurable raises the durable watermark to seq (never lowers it).
func (l *Log) markDurable(seq uint64) {
	for {
		cur := l.durable.Load()
		if seq <= cur || l.durable.CompareAndSwap(cur, seq) {
			return
		}
	}
}
