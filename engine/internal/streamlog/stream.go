package streamlog

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// labelLayout is the StreamLabel format: UTC, milliseconds, no zone.
const labelLayout = "2006-01-02T15:04:05.000"

// stream is one stream of a table. Its fields are guarded by Log.mu, except
// ref, keySchema and created, which never change.
type stream struct {
	ref        StreamRef
	keySchema  []wire.KeySchemaElement
	created    time.Time
	disabledAt time.Time // zero while enabled
	shards     []*shard  // sorted by ID
	open       *shard    // nil once disabled
	lastShard  int64     // epoch millis in the newest shard's ID
}

func (st *stream) key() string    { return streamKey(st.ref.TableName, st.ref.Label) }
func (st *stream) disabled() bool { return !st.disabledAt.IsZero() }

// gone reports whether a disabled stream is past retention.
func (st *stream) gone(cutoff time.Time) bool {
	return st.disabled() && st.disabledAt.Before(cutoff)
}

func (st *stream) status() string {
	if st.disabled() {
		return "DISABLED"
	}
	return "ENABLED"
}

// streamMeta is the stored form of a stream (key tagStream).
type streamMeta struct {
	V         int                     `json:"v"`
	Table     string                  `json:"table"`
	Label     string                  `json:"label"`
	ViewType  string                  `json:"viewType"`
	KeySchema []wire.KeySchemaElement `json:"keySchema"`
	Created   int64                   `json:"created"` // unix millis
}

// disabledMeta is the stored disabled marker (key tagDisabled).
type disabledMeta struct {
	At int64 `json:"at"` // unix millis
}

// enable creates a new stream with one open shard.
func (l *Log) enable(b *pebble.Batch, t TableInfo, viewType string) (StreamRef, error) {
	if !ValidViewType(viewType) {
		return StreamRef{}, ddb.Validationf("1 validation error detected: Value '%s' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]", viewType)
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	label := now.Format(labelLayout)
	for _, st := range l.streams {
		if st.ref.TableName != t.Name {
			continue
		}
		if !st.disabled() {
			return StreamRef{}, ddb.Validationf("Table already has an enabled stream: TableName: %s", t.Name)
		}
		if st.ref.Label >= label {
			label = nextLabel(st.ref.Label)
		}
	}
	st := &stream{
		ref:       StreamRef{TableName: t.Name, Label: label, ViewType: viewType},
		keySchema: slices.Clone(t.KeySchema),
		created:   now,
	}
	meta, err := json.Marshal(streamMeta{V: formatVersion, Table: t.Name, Label: label,
		ViewType: viewType, KeySchema: st.keySchema, Created: now.UnixMilli()})
	if err != nil {
		return StreamRef{}, fmt.Errorf("enable stream: %w", err)
	}
	if err := b.Set(streamMetaKey(tagStream, st.key()), meta, nil); err != nil {
		return StreamRef{}, fmt.Errorf("enable stream: %w", err)
	}
	if _, err := l.newShardLocked(b, st, "", now); err != nil {
		return StreamRef{}, fmt.Errorf("enable stream: %w", err)
	}
	l.streams[st.key()] = st
	return st.ref, nil
}

// nextLabel returns the label one millisecond after label.
func nextLabel(label string) string {
	t, err := time.Parse(labelLayout, label)
	if err != nil {
		return label + "0"
	}
	return t.Add(time.Millisecond).Format(labelLayout)
}

// disable closes the stream's open shard and marks it DISABLED.
func (l *Log) disable(b *pebble.Batch, s StreamRef) error {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.streams[streamKey(s.TableName, s.Label)]
	if st == nil || st.disabled() {
		return ddb.Validationf("Table does not have an enabled stream to disable: TableName: %s", s.TableName)
	}
	if st.open != nil {
		if err := l.closeShardLocked(b, st.open, now); err != nil {
			return fmt.Errorf("disable stream: %w", err)
		}
		st.open = nil
	}
	meta, err := json.Marshal(disabledMeta{At: now.UnixMilli()})
	if err != nil {
		return fmt.Errorf("disable stream: %w", err)
	}
	if err := b.Set(streamMetaKey(tagDisabled, st.key()), meta, nil); err != nil {
		return fmt.Errorf("disable stream: %w", err)
	}
	st.disabledAt = now
	return nil
}

// lookupStream finds the live stream an ARN names: malformed ARNs give a
// ValidationException, unknown (or expired) streams ResourceNotFound.
// The region and account in the ARN are not used. It runs due rollovers.
func (l *Log) lookupStream(arn string) (*stream, error) {
	table, label, err := parseStreamARN("streamArn", arn)
	if err != nil {
		return nil, err
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.streams[streamKey(table, label)]
	if st == nil || st.gone(now.Add(-l.cfg.Retention)) {
		return nil, streamNotFound(arn)
	}
	if err := l.rolloverLocked(st, now); err != nil {
		return nil, fmt.Errorf("lookup stream: %w", err)
	}
	return st, nil
}

func streamNotFound(arn string) error {
	return ddb.Errorf(ddb.CodeResourceNotFound, "Requested resource not found: Stream: %s not found", arn)
}

// parseStreamARN checks an incoming stream ARN strictly and returns the
// table name and label it names. field names the request member.
func parseStreamARN(field, arn string) (table, label string, err error) {
	if arn == "" {
		return "", "", ddb.Validationf("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field)
	}
	if len(arn) < 37 {
		return "", "", lengthError(field, arn, "greater than or equal to 37")
	}
	if len(arn) > 1024 {
		return "", "", lengthError(field, arn, "less than or equal to 1024")
	}
	bad := ddb.Validationf("Invalid StreamArn: %s", arn)
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "dynamodb" ||
		!(parts[1] == "aws" || strings.HasPrefix(parts[1], "aws-")) ||
		!isRegion(parts[3]) || !isDigits(parts[4]) {
		return "", "", bad
	}
	rest, ok := strings.CutPrefix(parts[5], "table/")
	if !ok {
		return "", "", bad
	}
	table, label, ok = strings.Cut(rest, "/stream/")
	if !ok || !validTableName(table) || !validLabel(label) {
		return "", "", bad
	}
	return table, label, nil
}

func isRegion(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func validTableName(s string) bool {
	if len(s) < 3 || len(s) > 255 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

func validLabel(s string) bool {
	t, err := time.Parse(labelLayout, s)
	return err == nil && t.Format(labelLayout) == s
}

// StreamInfo describes one stream of a table.
type StreamInfo struct {
	Ref     StreamRef
	Enabled bool
	Created time.Time
}

// TableStreams returns the streams of a table that have not expired, oldest
// first; the last one is the table's latest stream (LatestStreamArn). The
// engine can rebuild its view of a table's streams from it after a restart.
func (l *Log) TableStreams(table string) []StreamInfo {
	cutoff := l.now().Add(-l.cfg.Retention)
	l.mu.Lock()
	var out []StreamInfo
	for _, st := range l.streams {
		if st.ref.TableName == table && !st.gone(cutoff) {
			out = append(out, StreamInfo{Ref: st.ref, Enabled: !st.disabled(), Created: st.created})
		}
	}
	l.mu.Unlock()
	slices.SortFunc(out, func(a, b StreamInfo) int { return strings.Compare(a.Ref.Label, b.Ref.Label) })
	return out
}
