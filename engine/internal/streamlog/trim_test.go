package streamlog

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// countKeys counts the log's keys with the given tag.
func (f *fixture) countKeys(tag byte) int {
	f.t.Helper()
	lo, hi := tagRange(tag)
	iter, err := f.db.NewIter(&pebble.IterOptions{LowerBound: lo, UpperBound: hi})
	if err != nil {
		f.t.Fatal(err)
	}
	defer iter.Close()
	n := 0
	for valid := iter.First(); valid; valid = iter.Next() {
		n++
	}
	return n
}

// E7: records past retention are trimmed (TrimmedDataAccessException).
func TestTrimming(t *testing.T) {
	f := newFixture(t, noRollover)
	ref := f.enable("trim", ViewKeysOnly)
	arn := f.arn(ref)
	shardID := f.describe(arn).Shards[0].ShardID
	seqA := FormatSeq(f.insert(ref, "a"))
	seqB := FormatSeq(f.insert(ref, "b"))
	f.clock.Add(23 * time.Hour)
	f.insert(ref, "c")
	f.clock.Add(50 * time.Minute)
	atA := f.iterator(arn, shardID, iterAt, seqA)
	horizon := f.iterator(arn, shardID, iterTrimHorizon, "")
	f.clock.Add(11 * time.Minute) // a and b are now 24h01m old

	_, err := f.log.GetRecords(context.Background(), region, &wire.GetRecordsInput{ShardIterator: atA})
	wantCode(t, err, ddb.CodeTrimmedDataAccess, "")
	if got := keysOfRecords(f.records(horizon, 0)); got != "c" {
		t.Errorf("TRIM_HORIZON iterator taken before the trim read %q", got)
	}
	_, err = f.log.GetShardIterator(context.Background(), region, iterInput(arn, shardID, iterAt, seqA))
	wantCode(t, err, ddb.CodeTrimmedDataAccess, "")
	if got := keysOfRecords(f.records(f.iterator(arn, shardID, iterAfter, seqB), 0)); got != "c" {
		t.Errorf("AFTER the trim point read %q", got)
	}
	if got := keysOfRecords(f.records(f.iterator(arn, shardID, iterTrimHorizon, ""), 0)); got != "c" {
		t.Errorf("TRIM_HORIZON read %q", got)
	}
	if n := f.countKeys(tagRecord); n != 3 {
		t.Errorf("%d records on disk before Maintain, want 3 (reads trim logically)", n)
	}
	if err := f.log.Maintain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := f.countKeys(tagRecord); n != 1 {
		t.Errorf("%d records on disk after Maintain, want 1", n)
	}

	// Maintain trims without any read; the open shard stays listed.
	f.clock.Add(24 * time.Hour)
	if err := f.log.Maintain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := f.countKeys(tagRecord); n != 0 {
		t.Errorf("%d records on disk after Maintain, want 0", n)
	}
	if d := f.describe(arn); len(d.Shards) != 1 {
		t.Errorf("describe after full trim: %+v", d.Shards)
	}
	res := f.records(f.iterator(arn, shardID, iterTrimHorizon, ""), 0)
	if len(res.Records) != 0 || res.NextShardIterator == "" {
		t.Errorf("fully trimmed open shard: %+v", res)
	}
}

// A fully trimmed closed shard leaves DescribeStream; its child keeps the
// ParentShardId.
func TestClosedShardLeavesAfterRetention(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("gone-shard", ViewKeysOnly)
	arn := f.arn(ref)
	f.insert(ref, "a")
	f.clock.Add(4 * time.Hour)
	d := f.describe(arn)
	parent, child := d.Shards[0], d.Shards[1]
	f.insert(ref, "b")
	f.clock.Add(24*time.Hour + time.Millisecond)
	d = f.describe(arn) // the child rolls over too (28h), so it is closed but within retention
	if len(d.Shards) != 2 || d.Shards[0].ShardID != child.ShardID || d.Shards[0].ParentShardID != parent.ShardID ||
		d.Shards[1].ParentShardID != child.ShardID {
		t.Errorf("shards after retention: %+v", d.Shards)
	}
	_, err := f.log.GetShardIterator(context.Background(), region, iterInput(arn, parent.ShardID, iterTrimHorizon, ""))
	wantCode(t, err, ddb.CodeResourceNotFound, "")
	if err := f.log.Maintain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := f.countKeys(tagShard); n != 2 {
		t.Errorf("%d shard keys after Maintain, want 2", n)
	}
}

// A disabled stream vanishes once past retention.
func TestDisabledStreamVanishes(t *testing.T) {
	f := newFixture(t, noRollover)
	ref := f.enable("gone-stream", ViewKeysOnly)
	arn := f.arn(ref)
	f.insert(ref, "a")
	f.clock.Add(time.Hour)
	f.disable(ref)
	f.clock.Add(24 * time.Hour)
	if n := len(f.list(&wire.ListStreamsInput{}).Streams); n != 1 {
		t.Errorf("disabled stream within retention: %d streams listed", n)
	}
	it := f.firstIterator(ref)
	if got := keysOfRecords(f.records(it, 0)); got != "" {
		t.Errorf("record older than retention read: %q", got)
	}
	f.clock.Add(time.Millisecond)
	if n := len(f.list(&wire.ListStreamsInput{}).Streams); n != 0 {
		t.Errorf("%d streams listed after retention", n)
	}
	_, err := f.log.DescribeStream(context.Background(), region, &wire.DescribeStreamInput{StreamArn: arn})
	wantCode(t, err, ddb.CodeResourceNotFound, "Stream: "+arn+" not found")
	if err := f.log.Maintain(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tag := range []byte{tagStream, tagDisabled, tagShard, tagClosed, tagTrim, tagRecord} {
		if n := f.countKeys(tag); n != 0 {
			t.Errorf("%d keys with tag %c left", n, tag)
		}
	}
	// The table can get a new stream.
	ref2 := f.enable("gone-stream", ViewKeysOnly)
	if ref2.Label == ref.Label {
		t.Errorf("label reused")
	}
}

func TestResponseSizeLimit(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("big", ViewNewImage)
	big := strings.Repeat("x", 200_000)
	for i := range 12 {
		it := ddb.Item{"id": ddb.S(string(rune('a' + i))), "v": ddb.S(big)}
		f.put(ref, Change{Keys: ddb.Item{"id": it["id"]}, New: it})
	}
	it := f.firstIterator(ref)
	var pages []int
	for range 5 {
		out := f.records(it, 0)
		pages = append(pages, len(out.Records))
		it = out.NextShardIterator
	}
	if pages[0] != 5 || pages[1] != 5 || pages[2] != 2 || pages[3] != 0 {
		t.Errorf("pages of 200 KB records: %v, want [5 5 2 0 0]", pages)
	}
}
