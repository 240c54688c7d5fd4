package streamlog

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"time"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// A shard iterator is "<StreamArn>|1|<opaque>", where opaque is the raw
// URL-safe base64 of:
//
//	version byte | flags byte | shard start u64 | position u64 |
//	created unix millis u64 | crc32(IEEE) of the preceding bytes
//
// position is the sequence number to read from (records with seq ≥ it).
// An iterator is a position token: it can be read any number of times
// until it expires.
const (
	iterVersion  = 1
	iterRawLen   = 1 + 1 + 8 + 8 + 8 + 4
	iterSep      = "|1|"
	maxIteratorN = 2048
)

// iterHorizon marks an iterator taken at TRIM_HORIZON: if trimming passes
// its position before it is read, it follows the horizon instead of failing.
const iterHorizon byte = 1

// iterator is a decoded shard iterator.
type iterator struct {
	arn     string
	flags   byte
	start   uint64 // the shard
	pos     uint64
	created time.Time
}

func (it iterator) encode() string {
	raw := make([]byte, 0, iterRawLen)
	raw = append(raw, iterVersion, it.flags)
	raw = binary.BigEndian.AppendUint64(raw, it.start)
	raw = binary.BigEndian.AppendUint64(raw, it.pos)
	raw = binary.BigEndian.AppendUint64(raw, uint64(it.created.UnixMilli()))
	raw = binary.BigEndian.AppendUint32(raw, crc32.ChecksumIEEE(raw))
	return it.arn + iterSep + base64.RawURLEncoding.EncodeToString(raw)
}

// decodeIterator parses a shard iterator. Every error is a
// ValidationException (*ddb.Error).
func decodeIterator(s string) (iterator, error) {
	switch {
	case s == "":
		return iterator{}, ddb.Validationf("1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null")
	case len(s) > maxIteratorN:
		return iterator{}, ddb.Validationf("1 validation error detected: Value at 'shardIterator' failed to satisfy constraint: Member must have length less than or equal to %d", maxIteratorN)
	}
	bad := ddb.Validationf("Invalid ShardIterator")
	i := strings.LastIndex(s, iterSep)
	if i < 0 {
		return iterator{}, bad
	}
	arn, opaque := s[:i], s[i+len(iterSep):]
	if _, _, err := parseStreamARN("shardIterator", arn); err != nil {
		return iterator{}, bad
	}
	if base64.RawURLEncoding.DecodedLen(len(opaque)) != iterRawLen {
		return iterator{}, bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(opaque)
	if err != nil || len(raw) != iterRawLen || raw[0] != iterVersion ||
		crc32.ChecksumIEEE(raw[:iterRawLen-4]) != binary.BigEndian.Uint32(raw[iterRawLen-4:]) {
		return iterator{}, bad
	}
	return iterator{
		arn:     arn,
		flags:   raw[1],
		start:   binary.BigEndian.Uint64(raw[2:]),
		pos:     binary.BigEndian.Uint64(raw[10:]),
		created: time.UnixMilli(int64(binary.BigEndian.Uint64(raw[18:]))),
	}, nil
}

// The iterator types.
const (
	iterTrimHorizon = "TRIM_HORIZON"
	iterLatest      = "LATEST"
	iterAt          = "AT_SEQUENCE_NUMBER"
	iterAfter       = "AFTER_SEQUENCE_NUMBER"
)

// checkIteratorRequest applies the A5 validation matrix that needs no
// lookup and returns the parsed sequence number, if any.
func checkIteratorRequest(in *wire.GetShardIteratorInput) (uint64, error) {
	if _, _, err := parseStreamARN("streamArn", in.StreamArn); err != nil {
		return 0, err
	}
	if err := checkShardID("shardId", in.ShardID); err != nil {
		return 0, err
	}
	switch in.ShardIteratorType {
	case iterTrimHorizon, iterLatest, iterAt, iterAfter:
	case "":
		return 0, ddb.Validationf("1 validation error detected: Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null")
	default:
		return 0, ddb.Validationf("1 validation error detected: Value '%s' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]", in.ShardIteratorType)
	}
	var seq uint64
	if in.SequenceNumber != nil {
		var err error
		if seq, err = ParseSeq(*in.SequenceNumber); err != nil {
			return 0, err
		}
	}
	needsSeq := in.ShardIteratorType == iterAt || in.ShardIteratorType == iterAfter
	switch {
	case needsSeq && in.SequenceNumber == nil:
		return 0, ddb.Validationf("Must specify a SequenceNumber for ShardIteratorType %s", in.ShardIteratorType)
	case !needsSeq && in.SequenceNumber != nil:
		return 0, ddb.Validationf("SequenceNumber must not be specified for ShardIteratorType %s", in.ShardIteratorType)
	}
	return seq, nil
}

func (l *Log) getShardIterator(_ context.Context, _ string, in *wire.GetShardIteratorInput) (*wire.GetShardIteratorOutput, error) {
	if in == nil {
		in = &wire.GetShardIteratorInput{}
	}
	seq, err := checkIteratorRequest(in)
	if err != nil {
		return nil, err
	}
	st, err := l.lookupStream(in.StreamArn)
	if err != nil {
		return nil, err
	}
	now := l.now()
	cutoff := now.Add(-l.cfg.Retention)
	l.mu.Lock()
	sh, err := l.findShard(st, in.ShardID, in.StreamArn, cutoff)
	l.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if err := l.trimShardIfDue(sh, now, false); err != nil {
		return nil, err
	}
	it := iterator{arn: in.StreamArn, start: sh.start, created: now}
	l.mu.Lock()
	defer l.mu.Unlock()
	switch in.ShardIteratorType {
	case iterTrimHorizon:
		it.pos, it.flags = max(sh.trimmed+1, sh.start), iterHorizon
		return &wire.GetShardIteratorOutput{ShardIterator: it.encode()}, nil
	case iterLatest:
		it.pos = max(l.durable.Load(), sh.start) + 1
		return &wire.GetShardIteratorOutput{ShardIterator: it.encode()}, nil
	}
	limit := l.last.Load()
	if sh.closed {
		limit = sh.ending
	}
	if seq < sh.start || seq > limit {
		return nil, ddb.Validationf("Invalid SequenceNumber %s for ShardId %s in Stream %s",
			*in.SequenceNumber, sh.id, in.StreamArn)
	}
	it.pos = seq
	if in.ShardIteratorType == iterAfter {
		it.pos = seq + 1
	}
	if it.pos <= sh.trimmed {
		return nil, trimmedError()
	}
	return &wire.GetShardIteratorOutput{ShardIterator: it.encode()}, nil
}

func trimmedError() error {
	return ddb.Errorf(ddb.CodeTrimmedDataAccess,
		"The operation attempted to read past the oldest stream record in a shard.")
}

func expiredError(created, now time.Time, ttl time.Duration) error {
	return ddb.Errorf(ddb.CodeExpiredIterator,
		"Iterator expired. The iterator was created at time %s while right now it is %s which is further in the future than the tolerated delay of %d milliseconds.",
		created.UTC().Format(time.RFC1123), now.UTC().Format(time.RFC1123), ttl.Milliseconds())
}
