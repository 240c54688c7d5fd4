package streamlog

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

func seqs(out *wire.GetRecordsOutput) []string {
	var s []string
	for _, r := range out.Records {
		s = append(s, r.Dynamodb.SequenceNumber)
	}
	return s
}

func keysOfRecords(out *wire.GetRecordsOutput) string {
	var s []string
	for _, r := range out.Records {
		s = append(s, r.Dynamodb.Keys["id"].S)
	}
	return strings.Join(s, ",")
}

// E4: GetRecords response forms and iterator semantics.
func TestGetRecordsSemantics(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("getrec", ViewKeysOnly)
	arn := f.arn(ref)
	shardID := f.describe(arn).Shards[0].ShardID
	latest := f.iterator(arn, shardID, iterLatest, "")
	horizon := f.iterator(arn, shardID, iterTrimHorizon, "")
	if ok, _ := regexp.MatchString(`^`+regexp.QuoteMeta(arn)+`\|\d\|.+$`, horizon); !ok || len(horizon) > 2048 {
		t.Errorf("iterator %q does not match <arn>|<digit>|<opaque>", horizon)
	}

	empty := f.records(horizon, 0)
	raw, _ := json.Marshal(empty)
	if !strings.Contains(string(raw), `"Records":[]`) || empty.NextShardIterator == "" {
		t.Errorf("empty open shard: %s", raw)
	}

	seqA := f.insert(ref, "a")
	f.insert(ref, "b")
	f.insert(ref, "c")

	if got := keysOfRecords(f.records(latest, 0)); got != "a,b,c" {
		t.Errorf("LATEST taken before the writes read %q", got)
	}
	all := f.records(horizon, 0)
	if got := keysOfRecords(all); got != "a,b,c" {
		t.Fatalf("TRIM_HORIZON read %q", got)
	}
	// Reusing an iterator returns the same records again.
	if got := keysOfRecords(f.records(horizon, 0)); got != "a,b,c" {
		t.Errorf("reused iterator read %q", got)
	}
	// No re-delivery after the last record, then new records arrive.
	next := all.NextShardIterator
	if out := f.records(next, 0); len(out.Records) != 0 || out.NextShardIterator == "" {
		t.Errorf("after the last record: %d records, next %q", len(out.Records), out.NextShardIterator)
	}
	f.insert(ref, "d")
	if got := keysOfRecords(f.records(next, 0)); got != "d" {
		t.Errorf("after new write read %q", got)
	}
	if got := keysOfRecords(f.records(f.iterator(arn, shardID, iterLatest, ""), 0)); got != "" {
		t.Errorf("LATEST after the writes read %q", got)
	}

	bSeq := all.Records[1].Dynamodb.SequenceNumber
	if got := keysOfRecords(f.records(f.iterator(arn, shardID, iterAt, bSeq), 0)); got != "b,c,d" {
		t.Errorf("AT b read %q", got)
	}
	if got := keysOfRecords(f.records(f.iterator(arn, shardID, iterAfter, bSeq), 0)); got != "c,d" {
		t.Errorf("AFTER b read %q", got)
	}
	start := f.describe(arn).Shards[0].SequenceNumberRange.StartingSequenceNumber
	if got := keysOfRecords(f.records(f.iterator(arn, shardID, iterAt, start), 0)); got != "a,b,c,d" {
		t.Errorf("AT StartingSequenceNumber read %q", got)
	}
	if FormatSeq(seqA) != all.Records[0].Dynamodb.SequenceNumber {
		t.Errorf("Append returned %d, record has %s", seqA, all.Records[0].Dynamodb.SequenceNumber)
	}

	// Limit pages through without gaps or repeats.
	it, got := horizon, []string{}
	for range 10 {
		out := f.records(it, 1)
		got = append(got, keysOfRecords(out))
		it = out.NextShardIterator
	}
	if strings.Join(got, "") != "abcd" {
		t.Errorf("Limit 1 pages: %q", got)
	}
	if n := len(f.records(horizon, 1000).Records); n != 4 {
		t.Errorf("Limit 1000 read %d", n)
	}
	for _, bad := range []int{0, -1, 1001} {
		_, err := f.log.GetRecords(context.Background(), region, &wire.GetRecordsInput{ShardIterator: horizon, Limit: ptr(bad)})
		wantCode(t, err, ddb.CodeValidation, "limit")
	}
}

func TestGetRecordsOrderedAndIncreasing(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("order", ViewKeysOnly)
	for i := range 50 {
		f.insert(ref, string(rune('A'+i)))
	}
	out := f.records(f.firstIterator(ref), 0)
	prev := ""
	for _, s := range seqs(out) {
		if s <= prev {
			t.Fatalf("sequence numbers not increasing: %s after %s", s, prev)
		}
		prev = s
	}
}

// Records are visible only once durable.
func TestDurableWatermark(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("durable", ViewKeysOnly)
	it := f.firstIterator(ref)
	b := f.db.NewBatch()
	seq, err := f.log.Append(b, ref, Change{Keys: ddb.Item{"id": ddb.S("x")}, New: ddb.Item{"id": ddb.S("x")}})
	if err != nil {
		t.Fatal(err)
	}
	if f.log.LastSeq() != seq {
		t.Errorf("LastSeq = %d, want %d", f.log.LastSeq(), seq)
	}
	f.commit(b)
	if n := len(f.records(it, 0).Records); n != 0 {
		t.Fatalf("a record before Durable is visible (%d)", n)
	}
	f.log.Durable(seq - 1)
	if n := len(f.records(it, 0).Records); n != 0 {
		t.Fatalf("a record above the watermark is visible (%d)", n)
	}
	f.log.Durable(seq)
	f.log.Durable(seq - 5) // never lowers the watermark
	if n := len(f.records(it, 0).Records); n != 1 {
		t.Fatalf("after Durable: %d records", n)
	}
}

// E5: the GetShardIterator validation matrix (A5).
func TestGetShardIteratorValidation(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("gsi", ViewKeysOnly)
	arn := f.arn(ref)
	sh := f.describe(arn).Shards[0]
	seq := sh.SequenceNumberRange.StartingSequenceNumber
	unknownARN := StreamRef{TableName: "other", Label: ref.Label}.ARN(region, "000000000000")
	cases := []struct {
		name string
		in   *wire.GetShardIteratorInput
		code ddb.Code
	}{
		{"AT without seq", iterInput(arn, sh.ShardID, iterAt, ""), ddb.CodeValidation},
		{"AFTER without seq", iterInput(arn, sh.ShardID, iterAfter, ""), ddb.CodeValidation},
		{"TRIM_HORIZON with seq", iterInput(arn, sh.ShardID, iterTrimHorizon, seq), ddb.CodeValidation},
		{"LATEST with seq", iterInput(arn, sh.ShardID, iterLatest, seq), ddb.CodeValidation},
		{"unknown type", iterInput(arn, sh.ShardID, "bulle", seq), ddb.CodeValidation},
		{"missing type", iterInput(arn, sh.ShardID, "", ""), ddb.CodeValidation},
		{"non-numeric seq", iterInput(arn, sh.ShardID, iterLatest, "sdfsafglldfngjdafnasdflgnaldklkafdsgklnasdlv"), ddb.CodeValidation},
		{"non-numeric AT seq", iterInput(arn, sh.ShardID, iterAt, "12345678901234567890x"), ddb.CodeValidation},
		{"short seq", iterInput(arn, sh.ShardID, iterAt, "123"), ddb.CodeValidation},
		{"malformed arn", iterInput("sdfadsfsdfsdgdfsgsfdabadfbabdadsfsdfsdfsdfsdfsdfsdfdfdssdffbdfdf", sh.ShardID, iterLatest, ""), ddb.CodeValidation},
		{"short arn", iterInput("arn:aws", sh.ShardID, iterLatest, ""), ddb.CodeValidation},
		{"unknown stream", iterInput(unknownARN, sh.ShardID, iterLatest, ""), ddb.CodeResourceNotFound},
		{"unknown shard", iterInput(arn, "semprinidfaasdasfsdvacsdcfsdsvsdvsdvsdvsdvsdv", iterLatest, ""), ddb.CodeResourceNotFound},
		{"short shard id", iterInput(arn, "shardId-1", iterLatest, ""), ddb.CodeValidation},
		{"seq before the shard", iterInput(arn, sh.ShardID, iterAt, FormatSeq(1)), ddb.CodeValidation},
		{"seq never handed out", iterInput(arn, sh.ShardID, iterAt, "999999999999999999999"), ddb.CodeValidation},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.log.GetShardIterator(context.Background(), region, tc.in)
			wantCode(t, err, tc.code, "")
		})
	}
	for _, typ := range []string{iterAt, iterAfter} {
		f.iterator(arn, sh.ShardID, typ, seq)
	}
	for _, typ := range []string{iterTrimHorizon, iterLatest} {
		f.iterator(arn, sh.ShardID, typ, "")
	}
}

func TestGetRecordsBadIterators(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("badit", ViewKeysOnly)
	good := f.firstIterator(ref)
	arn, opaque, _ := strings.Cut(good, iterSep)
	flip := []byte(opaque)
	flip[5] ^= 1
	other := StreamRef{TableName: "zzz", Label: ref.Label}.ARN(region, "000000000000")
	for name, it := range map[string]string{
		"garbage":         "sdfsdfsgagaddafgagasgasgasdfasdfasdfasdfasdgasdasdgasdg",
		"empty":           "",
		"too long":        strings.Repeat("x", 2049),
		"bad checksum":    arn + iterSep + string(flip),
		"truncated":       good[:len(good)-3],
		"bad arn":         "arn:aws:dynamodb:x" + iterSep + opaque,
		"other version":   arn + "|2|" + opaque,
		"not base64":      arn + iterSep + strings.Repeat("*", len(opaque)),
		"no opaque":       arn + iterSep,
		"pipes only":      "||||",
		"valid arn alone": arn,
	} {
		_, err := f.log.GetRecords(context.Background(), region, &wire.GetRecordsInput{ShardIterator: it})
		var e *ddb.Error
		if !errors.As(err, &e) || e.Code != ddb.CodeValidation {
			t.Errorf("%s: error %v, want ValidationException", name, err)
		}
	}
	// A well-formed iterator for a stream that does not exist.
	_, err := f.log.GetRecords(context.Background(), region, &wire.GetRecordsInput{ShardIterator: other + iterSep + opaque})
	wantCode(t, err, ddb.CodeResourceNotFound, "")
}

// E7: iterators expire after IteratorTTL.
func TestIteratorExpiry(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("expiry", ViewKeysOnly)
	it := f.firstIterator(ref)
	f.clock.Add(15 * time.Minute)
	next := f.records(it, 0).NextShardIterator // exactly 15 minutes: still valid
	f.clock.Add(time.Millisecond)
	_, err := f.log.GetRecords(context.Background(), region, &wire.GetRecordsInput{ShardIterator: it})
	wantCode(t, err, ddb.CodeExpiredIterator, "")
	f.records(next, 0) // a NextShardIterator is fresh
}

func FuzzDecodeIterator(f *testing.F) {
	fx := newFixture(f)
	ref := fx.enable("fuzz", ViewKeysOnly)
	fx.insert(ref, "a")
	good := fx.firstIterator(ref)
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add("arn:aws:dynamodb:us-east-1:000000000000:table/t00/stream/2026-11-29T12:00:00.123|1|AAAA")
	f.Add("|1|")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		it, err := decodeIterator(s)
		if err != nil {
			var e *ddb.Error
			if !errors.As(err, &e) || e.Code != ddb.CodeValidation {
				t.Fatalf("decodeIterator(%q) error %v is not a ValidationException", s, err)
			}
			return
		}
		if it.encode() != s {
			t.Fatalf("decodeIterator(%q) round trips to %q", s, it.encode())
		}
		// Reading any decodable iterator must not panic either.
		_, err = fx.log.GetRecords(context.Background(), region, &wire.GetRecordsInput{ShardIterator: s})
		var e *ddb.Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("GetRecords(%q): %v", s, err)
		}
	})
}
