package streamlog

import (
	"context"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/gojets/jets/ddb"
)

// A restart (clean close, on disk) keeps streams, shards and records, and
// hands out larger sequence numbers.
func TestRestartKeepsRecords(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	f := &fixture{t: t, clock: c, cfg: Config{Now: c.Now}}
	f.db = openMemDB(t, vfs.Default, dir)
	f.open()
	ref := f.enable("restart", ViewNewAndOldImage)
	f.insert(ref, "a")
	f.clock.Add(4 * time.Hour)
	f.insert(ref, "b") // rolls over: two shards
	off := f.enable("restart-off", ViewKeysOnly)
	f.insert(off, "x")
	f.disable(off)
	arn := f.arn(ref)
	before := f.describe(arn)
	lastBefore := f.log.LastSeq()
	f.log.Close()
	f.db.Close()

	f.db = openMemDB(t, vfs.Default, dir)
	f.open()
	t.Cleanup(func() { f.log.Close(); f.db.Close() })
	after := f.describe(arn)
	if len(after.Shards) != 2 || after.Shards[0] != before.Shards[0] || after.Shards[1] != before.Shards[1] {
		t.Fatalf("shards after restart %+v, before %+v", after.Shards, before.Shards)
	}
	if d := f.describe(f.arn(off)); d.StreamStatus != "DISABLED" || d.Shards[0].SequenceNumberRange.EndingSequenceNumber == "" {
		t.Errorf("disabled stream after restart: %+v", d)
	}
	seq := f.insert(ref, "c")
	if seq <= lastBefore {
		t.Errorf("sequence number after restart %d ≤ %d", seq, lastBefore)
	}
	parent := f.records(f.iterator(arn, after.Shards[0].ShardID, iterTrimHorizon, ""), 0)
	child := f.records(f.iterator(arn, after.Shards[1].ShardID, iterTrimHorizon, ""), 0)
	if keysOfRecords(parent) != "a" || parent.NextShardIterator != "" || keysOfRecords(child) != "b,c" {
		t.Errorf("after restart: parent %q (next %q), child %q", keysOfRecords(parent), parent.NextShardIterator, keysOfRecords(child))
	}
	if d := f.describe(arn); len(d.Shards) != 2 {
		t.Errorf("append after restart changed shards: %+v", d.Shards)
	}
	// Rollover still works on loaded state; the child's ID sorts last.
	f.clock.Add(4 * time.Hour)
	if d := f.describe(arn); len(d.Shards) != 3 || d.Shards[2].ParentShardID != after.Shards[1].ShardID {
		t.Errorf("rollover after restart: %+v", d.Shards)
	}
}

// After a crash (only synced data survives, as after kill -9), sequence
// numbers are still larger than any handed out before, synced or not.
func TestCrashKeepsSequenceIncreasing(t *testing.T) {
	fs := vfs.NewCrashableMem()
	c := newClock()
	f := &fixture{t: t, clock: c, cfg: Config{Now: c.Now}}
	f.db = openMemDB(t, fs, "db")
	f.open()
	ref := f.enable("crash", ViewKeysOnly)
	b := f.db.NewBatch()
	it := ddb.Item{"id": ddb.S("synced")}
	synced, err := f.log.Append(b, ref, Change{Keys: it, New: it})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(pebble.Sync); err != nil {
		t.Fatal(err)
	}
	f.log.Durable(synced)
	lost := f.insert(ref, "unsynced") // applied NoSync: may not survive

	crashed := fs.CrashClone(vfs.CrashCloneCfg{UnsyncedDataPercent: 0})
	f.log.Close()
	f.db.Close()

	f.db = openMemDB(t, crashed, "db")
	f.open()
	t.Cleanup(func() { f.log.Close(); f.db.Close() })
	out := f.records(f.firstIterator(ref), 0)
	if got := keysOfRecords(out); got != "synced" {
		t.Errorf("after crash read %q, want the synced record only", got)
	}
	if seq := f.insert(ref, "next"); seq <= lost {
		t.Errorf("sequence number after crash %d ≤ %d handed out before", seq, lost)
	}
}

// A trim done only in memory (no Maintain before the restart) still holds
// after the restart.
func TestRestartKeepsTrim(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	f := &fixture{t: t, clock: c, cfg: Config{Now: c.Now, RolloverPeriod: 1000 * time.Hour}}
	f.db = openMemDB(t, vfs.Default, dir)
	f.open()
	ref := f.enable("restart-trim", ViewKeysOnly)
	seqA := FormatSeq(f.insert(ref, "a"))
	f.clock.Add(23 * time.Hour)
	f.insert(ref, "b")
	f.clock.Add(time.Hour + time.Second)
	if got := keysOfRecords(f.records(f.firstIterator(ref), 0)); got != "b" {
		t.Fatalf("before restart read %q", got)
	}
	f.log.Close()
	f.db.Close()
	f.db = openMemDB(t, vfs.Default, dir)
	f.open()
	t.Cleanup(func() { f.log.Close(); f.db.Close() })
	if got := keysOfRecords(f.records(f.firstIterator(ref), 0)); got != "b" {
		t.Errorf("after restart read %q", got)
	}
	arn := f.arn(ref)
	_, err := f.log.GetShardIterator(context.Background(), region, iterInput(arn, f.describe(arn).Shards[0].ShardID, iterAt, seqA))
	wantCode(t, err, ddb.CodeTrimmedDataAccess, "")
}

func TestParseSeq(t *testing.T) {
	for _, seq := range []uint64{0, 1, 1_000_000_000_001, 18446744073709551615} {
		s := FormatSeq(seq)
		if len(s) != 21 {
			t.Errorf("FormatSeq(%d) = %q", seq, s)
		}
		got, err := ParseSeq(s)
		if err != nil || got != seq {
			t.Errorf("ParseSeq(%q) = %d, %v", s, got, err)
		}
	}
	for s, want := range map[string]uint64{
		"300000000000000499659":                    0,
		"0000400000000000000000007":                7,
		"1405400000000002063282832":                ^uint64(0),
		"500000000000000000000":                    ^uint64(0),
		"499999999999999999999":                    ^uint64(0),
		"9999999999999999999999999999999999999999": ^uint64(0),
	} {
		if got, err := ParseSeq(s); err != nil || got != want {
			t.Errorf("ParseSeq(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, bad := range []string{"", "123", "40000000000000000000x", "-40000000000000000000", "99999999999999999999999999999999999999999"} {
		_, err := ParseSeq(bad)
		wantCode(t, err, ddb.CodeValidation, "")
	}
}

func TestCloseIsIdempotent(t *testing.T) {
	f := newFixture(t)
	if err := f.log.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.log.Close(); err != nil {
		t.Fatal(err)
	}
	// Reads still work after Close (only background work stops).
	if out, err := f.log.ListStreams(context.Background(), region, nil); err != nil || len(out.Streams) != 0 {
		t.Errorf("ListStreams(nil) = %+v, %v", out, err)
	}
}
