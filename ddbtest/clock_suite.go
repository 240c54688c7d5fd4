package ddbtest

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// ClockStart is where the clocks of RunClockConformance's servers start.
var ClockStart = time.Date(2026, 3, 1, 12, 0, 0, 250e6, time.UTC)

// NewClockServer starts a fresh server whose clock the test controls.
type NewClockServer func(t *testing.T) (*Target, *Clock)

// RunClockConformance checks checklist item E7 with servers whose clock the
// test moves (default stream settings: iterators expire after 15 minutes,
// records are trimmed after 24 hours, shards roll over every 4 hours).
// newServer is called once per case.
func RunClockConformance(t *testing.T, newServer NewClockServer) {
	cases := []struct {
		name string
		run  func(t *testing.T, tg *Target, clock *Clock)
	}{
		{"IteratorExpiry", testIteratorExpiry},
		{"Trim", testTrim},
		{"Rollover", testRollover},
		{"DisabledStreamRetention", testDisabledStreamRetention},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tg, clock := newServer(t)
			c.run(t, tg, clock)
		})
	}
}

func testIteratorExpiry(t *testing.T, tg *Target, clock *Clock) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "ck-exp", ddbtypes.StreamViewTypeKeysOnly, "id", "S")
	put(t, tg, table, `{"id":{"S":"x"}}`)
	tg.WaitRecords(t, arn, 1)
	shard := aws.ToString(onlyShard(t, tg, arn).ShardId)
	it := iterator(t, tg, arn, shard, types.ShardIteratorTypeTrimHorizon, "")
	clock.Advance(14 * time.Minute)
	out := getRecords(t, tg, it, 0)
	if len(out.Records) != 1 {
		t.Errorf("a 14-minute-old iterator read %d records, want 1", len(out.Records))
	}
	next := aws.ToString(out.NextShardIterator)
	clock.Advance(2 * time.Minute)
	_, err := tg.Streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(it)})
	WantError(t, err, "ExpiredIteratorException")
	if out := getRecords(t, tg, next, 0); len(out.Records) != 0 {
		t.Errorf("a 2-minute-old NextShardIterator at the end read %d records", len(out.Records))
	}
	clock.Advance(16 * time.Minute)
	_, err = tg.Streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(next)})
	WantError(t, err, "ExpiredIteratorException")
	fresh := iterator(t, tg, arn, shard, types.ShardIteratorTypeTrimHorizon, "")
	if out := getRecords(t, tg, fresh, 0); len(out.Records) != 1 {
		t.Errorf("a fresh iterator read %d records, want 1", len(out.Records))
	}
}

func testTrim(t *testing.T, tg *Target, clock *Clock) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "ck-trim", ddbtypes.StreamViewTypeKeysOnly, "id", "S")
	put(t, tg, table, `{"id":{"S":"old"}}`)
	recs := tg.WaitRecords(t, arn, 1)
	oldSeq := seqOf(recs[0])
	shard := aws.ToString(onlyShard(t, tg, arn).ShardId)
	clock.Advance(24*time.Hour - 5*time.Minute)
	itAt := iterator(t, tg, arn, shard, types.ShardIteratorTypeAtSequenceNumber, oldSeq)
	itH := iterator(t, tg, arn, shard, types.ShardIteratorTypeTrimHorizon, "")
	if out := getRecords(t, tg, itH, 0); keysOf(out.Records) != "id=old" {
		t.Errorf("at 23h55m the record is %q, want still there", keysOf(out.Records))
	}
	clock.Advance(10 * time.Minute) // 24h05m: the record is past retention; the iterators are 10 minutes old
	// An iterator at the trimmed record must fail (AWS: "you obtain a shard
	// iterator, but before you use it … a stream record … is trimmed").
	var err error
	var out *dynamodbstreams.GetRecordsOutput
	trimmed := Eventually(defaultWait, func() bool {
		out, err = tg.Streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(itAt)})
		return ErrorCode(err) == "TrimmedDataAccessException"
	})
	if !trimmed {
		got := "no output"
		if out != nil {
			got = "records [" + keysOf(out.Records) + "]"
		}
		t.Errorf("GetRecords with an AT_SEQUENCE_NUMBER iterator at a record past 24h: error %v, %s; want TrimmedDataAccessException", err, got)
	}
	// A TRIM_HORIZON iterator may fail the same way, or follow the horizon;
	// it never returns the trimmed record.
	out, err = tg.Streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(itH)})
	if err != nil && ErrorCode(err) != "TrimmedDataAccessException" {
		t.Errorf("GetRecords with a TRIM_HORIZON iterator past the trim: %v", err)
	} else if err == nil && len(out.Records) != 0 {
		t.Errorf("GetRecords with a TRIM_HORIZON iterator past the trim returned %s", keysOf(out.Records))
	}
	_, err = tg.Streams.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn),
		ShardId: aws.String(shard), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String(oldSeq)})
	WantError(t, err, "TrimmedDataAccessException")
	put(t, tg, table, `{"id":{"S":"new"}}`)
	var all []types.Record
	ok := Eventually(defaultWait, func() bool {
		all, err = tg.ReadStream(ctx, arn)
		return err == nil && len(all) > 0
	})
	if !ok || keysOf(all) != "id=new" {
		t.Errorf("reading the stream after the trim: %s (error %v), want only the new record", keysOf(all), err)
	}
}

func testRollover(t *testing.T, tg *Target, clock *Clock) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "ck-roll", ddbtypes.StreamViewTypeNewImage, "id", "S")
	put(t, tg, table, `{"id":{"S":"r1"}}`)
	r1 := tg.WaitRecords(t, arn, 1)[0]
	parent := onlyShard(t, tg, arn)
	parentID := aws.ToString(parent.ShardId)
	clock.Advance(4*time.Hour + time.Minute)
	put(t, tg, table, `{"id":{"S":"r2"}}`)
	recs := tg.WaitRecords(t, arn, 2)
	shards, err := tg.Shards(ctx, arn)
	NoError(t, err, "describe stream")
	if len(shards) != 2 {
		t.Fatalf("after 4h01m and a write: %d shards, want 2 (closed parent, open child): %+v", len(shards), shards)
	}
	p, c := shards[0], shards[1]
	if aws.ToString(p.ShardId) != parentID || p.SequenceNumberRange.EndingSequenceNumber == nil {
		t.Errorf("first shard %s ending %v, want the parent %s closed", aws.ToString(p.ShardId), p.SequenceNumberRange.EndingSequenceNumber, parentID)
	}
	if aws.ToString(c.ParentShardId) != parentID || c.SequenceNumberRange.EndingSequenceNumber != nil || !shardIDRE.MatchString(aws.ToString(c.ShardId)) {
		t.Errorf("child shard %+v, want open with ParentShardId %s", c, parentID)
	}
	if aws.ToString(p.ShardId) >= aws.ToString(c.ShardId) {
		t.Errorf("shards not in lexical order: %s, %s", aws.ToString(p.ShardId), aws.ToString(c.ShardId))
	}
	if end := aws.ToString(p.SequenceNumberRange.EndingSequenceNumber); end != "" && compareSeq(end, seqOf(r1)) < 0 {
		t.Errorf("parent EndingSequenceNumber %s below its record's %s", end, seqOf(r1))
	}
	// The parent holds r1 and then ends; the child holds r2.
	parentRecs, err := tg.ReadShard(ctx, arn, parentID)
	NoError(t, err, "read parent")
	childRecs, err := tg.ReadShard(ctx, arn, aws.ToString(c.ShardId))
	NoError(t, err, "read child")
	if keysOf(parentRecs) != "id=r1" || keysOf(childRecs) != "id=r2" {
		t.Errorf("parent records %s, child records %s; want r1 and r2", keysOf(parentRecs), keysOf(childRecs))
	}
	it := iterator(t, tg, arn, parentID, types.ShardIteratorTypeAfterSequenceNumber, seqOf(r1))
	if out := getRecords(t, tg, it, 0); len(out.Records) != 0 || out.NextShardIterator != nil {
		t.Errorf("after the parent's last record: %d records, NextShardIterator %v; want none and absent", len(out.Records), out.NextShardIterator)
	}
	want := ClockStart.Add(4*time.Hour + time.Minute).Truncate(time.Second)
	if ts := recs[1].Dynamodb.ApproximateCreationDateTime; ts == nil || !ts.Equal(want) {
		t.Errorf("r2 ApproximateCreationDateTime %v, want the clock's %v in whole seconds", ts, want)
	}
	filtered, err := tg.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn),
		ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeChildShards, ShardId: aws.String(parentID)}})
	NoError(t, err, "describe stream with CHILD_SHARDS filter")
	if sh := filtered.StreamDescription.Shards; len(sh) != 1 || aws.ToString(sh[0].ShardId) != aws.ToString(c.ShardId) {
		t.Errorf("CHILD_SHARDS of the parent = %+v, want the child only", sh)
	}
	checkRecordFields(t, tg.Region, recs, "NEW_IMAGE", time.Time{})
	// Paging one shard at a time.
	page1, err := tg.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), Limit: aws.Int32(1)})
	NoError(t, err, "describe stream, Limit 1")
	if sh := page1.StreamDescription.Shards; len(sh) != 1 || aws.ToString(sh[0].ShardId) != parentID ||
		aws.ToString(page1.StreamDescription.LastEvaluatedShardId) != parentID {
		t.Fatalf("DescribeStream Limit 1: shards %+v, LastEvaluatedShardId %v; want the parent", sh, aws.ToString(page1.StreamDescription.LastEvaluatedShardId))
	}
	page2, err := tg.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), Limit: aws.Int32(1),
		ExclusiveStartShardId: page1.StreamDescription.LastEvaluatedShardId})
	NoError(t, err, "describe stream, second page")
	if sh := page2.StreamDescription.Shards; len(sh) != 1 || aws.ToString(sh[0].ShardId) != aws.ToString(c.ShardId) {
		t.Errorf("DescribeStream second page: %+v, want the child", sh)
	}
}

func testDisabledStreamRetention(t *testing.T, tg *Target, clock *Clock) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "ck-ret", ddbtypes.StreamViewTypeKeysOnly, "id", "S")
	put(t, tg, table, `{"id":{"S":"x"}}`)
	tg.WaitRecords(t, arn, 1)
	_, err := updateStream(tg, table, false, "")
	NoError(t, err, "disable stream")
	clock.Advance(23 * time.Hour)
	checkDisabledStream(t, tg, arn, "id=x")
	clock.Advance(2 * time.Hour)
	gone := Eventually(defaultWait, func() bool {
		out, err := tg.Streams.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(table)})
		NoError(t, err, "list streams")
		return len(out.Streams) == 0
	})
	if !gone {
		t.Errorf("disabled stream %s still listed 25h after its last record", arn)
	}
}

// compareSeq compares two sequence numbers as big integers.
func compareSeq(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
