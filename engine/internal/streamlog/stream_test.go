package streamlog

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

func (f *fixture) list(in *wire.ListStreamsInput) *wire.ListStreamsOutput {
	f.t.Helper()
	out, err := f.log.ListStreams(context.Background(), region, in)
	if err != nil {
		f.t.Fatalf("list streams: %v", err)
	}
	return out
}

func TestEnableDescribe(t *testing.T) {
	f := newFixture(t)
	ref := f.enableKeys("desc", ViewNewImage, []wire.KeySchemaElement{
		{AttributeName: "p", KeyType: "HASH"}, {AttributeName: "c", KeyType: "RANGE"}})
	if ref.Label != "2026-11-29T12:00:00.123" || ref.ViewType != ViewNewImage || ref.TableName != "desc" {
		t.Errorf("ref = %+v", ref)
	}
	arn := f.arn(ref)
	if arn != "arn:aws:dynamodb:us-east-1:000000000000:table/desc/stream/2026-11-29T12:00:00.123" {
		t.Errorf("ARN = %s", arn)
	}
	d := f.describe(arn)
	if d.StreamArn != arn || d.StreamLabel != ref.Label || d.StreamStatus != "ENABLED" ||
		d.StreamViewType != ViewNewImage || d.TableName != "desc" || len(d.KeySchema) != 2 ||
		!d.CreationRequestDateTime.Equal(f.clock.Now()) || d.LastEvaluatedShardID != "" {
		t.Errorf("description = %+v", d)
	}
	if len(d.Shards) != 1 {
		t.Fatalf("a new stream has %d shards", len(d.Shards))
	}
	sh := d.Shards[0]
	if ok, _ := regexp.MatchString(`^shardId-\d{20}-[0-9a-f]{8}$`, sh.ShardID); !ok {
		t.Errorf("ShardId %q", sh.ShardID)
	}
	if sh.ParentShardID != "" || sh.SequenceNumberRange.EndingSequenceNumber != "" ||
		sh.SequenceNumberRange.StartingSequenceNumber == "" {
		t.Errorf("open shard = %+v", sh)
	}
	raw, _ := json.Marshal(sh)
	if strings.Contains(string(raw), "Ending") || strings.Contains(string(raw), "Parent") {
		t.Errorf("open shard JSON %s", raw)
	}
}

func TestDescribeStreamErrors(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("describe-errs", ViewKeysOnly)
	arn := f.arn(ref)
	unknown := "arn:aws:dynamodb:us-east-1:000000000000:table/nope/stream/2026-11-29T12:00:00.123"
	_, err := f.log.DescribeStream(context.Background(), region, &wire.DescribeStreamInput{StreamArn: unknown})
	wantCode(t, err, ddb.CodeResourceNotFound, "")
	if err.Error() != "ResourceNotFoundException: Requested resource not found: Stream: "+unknown+" not found" {
		t.Errorf("message: %v", err)
	}
	// Region and account of an incoming ARN are not used for lookup.
	elsewhere := ref.ARN("eu-west-1", "123456789012")
	if d := f.describe(elsewhere); d.TableName != "describe-errs" {
		t.Errorf("lookup by table and label failed: %+v", d)
	}
	for name, in := range map[string]*wire.DescribeStreamInput{
		"malformed arn":     {StreamArn: "sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf"},
		"empty arn":         {StreamArn: ""},
		"bad label":         {StreamArn: "arn:aws:dynamodb:us-east-1:000000000000:table/nope/stream/2026-11-29T12:00:00"},
		"bad table":         {StreamArn: "arn:aws:dynamodb:us-east-1:000000000000:table/n!pe/stream/2026-11-29T12:00:00.123"},
		"bad service":       {StreamArn: "arn:aws:dynamodbx:us-east-1:000000000000:table/nope/stream/2026-11-29T12:00:00.123"},
		"limit 0":           {StreamArn: arn, Limit: ptr(0)},
		"limit 101":         {StreamArn: arn, Limit: ptr(101)},
		"short start shard": {StreamArn: arn, ExclusiveStartShardID: ptr("x")},
		"bad filter type":   {StreamArn: arn, ShardFilter: &wire.ShardFilter{Type: "PARENT", ShardID: strings.Repeat("s", 30)}},
		"filter no shard":   {StreamArn: arn, ShardFilter: &wire.ShardFilter{Type: "CHILD_SHARDS"}},
	} {
		_, err := f.log.DescribeStream(context.Background(), region, in)
		if !ddb.IsCode(err, ddb.CodeValidation) {
			t.Errorf("%s: %v, want ValidationException", name, err)
		}
	}
}

// E6 at the log's level: enable twice, disable twice, re-enable.
func TestEnableDisableLifecycle(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("life", ViewKeysOnly)
	b := f.db.NewBatch()
	_, err := f.log.Enable(b, TableInfo{Name: "life", KeySchema: hashKey}, ViewKeysOnly)
	wantCode(t, err, ddb.CodeValidation, "Table already has an enabled stream: TableName: life")
	_, err = f.log.Enable(b, TableInfo{Name: "life2", KeySchema: hashKey}, "Fisk")
	wantCode(t, err, ddb.CodeValidation, "")
	b.Close()

	f.insert(ref, "a")
	f.disable(ref)
	b = f.db.NewBatch()
	err = f.log.Disable(b, ref)
	b.Close()
	wantCode(t, err, ddb.CodeValidation, "")
	if !regexp.MustCompile(`stream.*disable`).MatchString(err.Error()) {
		t.Errorf("disable twice: %v", err)
	}

	ref2 := f.enable("life", ViewNewImage) // same clock instant
	if ref2.Label == ref.Label || f.arn(ref2) == f.arn(ref) {
		t.Fatalf("re-enable reused label %s", ref.Label)
	}
	if ref2.Label != "2026-11-29T12:00:00.124" {
		t.Errorf("bumped label = %s", ref2.Label)
	}
	out := f.list(&wire.ListStreamsInput{TableName: ptr("life")})
	if len(out.Streams) != 2 || out.Streams[0].StreamLabel != ref.Label || out.Streams[1].StreamLabel != ref2.Label {
		t.Errorf("ListStreams = %+v", out.Streams)
	}
	infos := f.log.TableStreams("life")
	if len(infos) != 2 || infos[0].Ref != ref || infos[0].Enabled || infos[1].Ref != ref2 || !infos[1].Enabled {
		t.Errorf("TableStreams = %+v", infos)
	}
	old := f.describe(f.arn(ref))
	if old.StreamStatus != "DISABLED" {
		t.Errorf("old stream status %s", old.StreamStatus)
	}
	for _, sh := range old.Shards {
		if sh.SequenceNumberRange.EndingSequenceNumber == "" {
			t.Errorf("shard %s of a disabled stream is open", sh.ShardID)
		}
	}
	// The old stream stays readable to the end of its closed shard.
	res := f.records(f.firstIterator(ref), 0)
	if keysOfRecords(res) != "a" || res.NextShardIterator != "" {
		t.Errorf("old stream read %q, next %q", keysOfRecords(res), res.NextShardIterator)
	}
	raw, _ := json.Marshal(res)
	if strings.Contains(string(raw), "NextShardIterator") {
		t.Errorf("closed shard end still has NextShardIterator: %s", raw)
	}
	if new := f.describe(f.arn(ref2)); new.StreamStatus != "ENABLED" || new.StreamViewType != ViewNewImage {
		t.Errorf("new stream %+v", new)
	}
}

func TestListStreams(t *testing.T) {
	f := newFixture(t)
	if out := f.list(&wire.ListStreamsInput{}); out.Streams == nil || len(out.Streams) != 0 {
		t.Errorf("no streams: %+v", out)
	}
	raw, _ := json.Marshal(f.list(&wire.ListStreamsInput{TableName: ptr("nothing")}))
	if string(raw) != `{"Streams":[]}` {
		t.Errorf("empty ListStreams JSON %s", raw)
	}
	names := []string{"tbl-c", "tbl-a", "tbl-b"}
	for _, n := range names {
		f.enable(n, ViewKeysOnly)
	}
	var got []string
	in := &wire.ListStreamsInput{Limit: ptr(1)}
	for range 5 {
		out := f.list(in)
		for _, s := range out.Streams {
			got = append(got, s.TableName)
			if s.StreamArn != "arn:aws:dynamodb:us-east-1:000000000000:table/"+s.TableName+"/stream/"+s.StreamLabel {
				t.Errorf("StreamArn %s", s.StreamArn)
			}
		}
		if out.LastEvaluatedStreamArn == "" {
			break
		}
		in.ExclusiveStartStreamArn = &out.LastEvaluatedStreamArn
	}
	if strings.Join(got, ",") != "tbl-a,tbl-b,tbl-c" {
		t.Errorf("paged ListStreams = %v", got)
	}
	if out := f.list(&wire.ListStreamsInput{TableName: ptr("tbl-b")}); len(out.Streams) != 1 || out.Streams[0].TableName != "tbl-b" {
		t.Errorf("filtered = %+v", out.Streams)
	}
	if out := f.list(&wire.ListStreamsInput{Limit: ptr(100)}); len(out.Streams) != 3 || out.LastEvaluatedStreamArn != "" {
		t.Errorf("Limit 100 = %+v", out)
	}
	for name, in := range map[string]*wire.ListStreamsInput{
		"limit 0":       {Limit: ptr(0)},
		"limit 101":     {Limit: ptr(101)},
		"bad start arn": {ExclusiveStartStreamArn: ptr("kossaapaaasdafsdaasdasdasdasasdasfadfadfasdasdas")},
		"short table":   {TableName: ptr("ab")},
		"bad table":     {TableName: ptr("a b c")},
	} {
		_, err := f.log.ListStreams(context.Background(), region, in)
		if !ddb.IsCode(err, ddb.CodeValidation) {
			t.Errorf("%s: %v, want ValidationException", name, err)
		}
	}
}

// E7: a forced rollover closes the parent with an EndingSequenceNumber and
// opens a child with ParentShardId; DescribeStream pages in lexical order.
func TestShardRollover(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("roll", ViewKeysOnly)
	arn := f.arn(ref)
	f.insert(ref, "a")
	last := f.insert(ref, "b")

	f.clock.Add(4 * time.Hour) // due; DescribeStream rolls over lazily
	d := f.describe(arn)
	if len(d.Shards) != 2 {
		t.Fatalf("after rollover: %d shards", len(d.Shards))
	}
	parent, child := d.Shards[0], d.Shards[1]
	if parent.SequenceNumberRange.EndingSequenceNumber != FormatSeq(last) {
		t.Errorf("parent ending %s, want %s", parent.SequenceNumberRange.EndingSequenceNumber, FormatSeq(last))
	}
	if child.ParentShardID != parent.ShardID || child.SequenceNumberRange.EndingSequenceNumber != "" ||
		child.SequenceNumberRange.StartingSequenceNumber <= parent.SequenceNumberRange.EndingSequenceNumber {
		t.Errorf("child = %+v, parent = %+v", child, parent)
	}
	f.insert(ref, "c")
	res := f.records(f.firstIterator(ref), 0)
	if keysOfRecords(res) != "a,b" || res.NextShardIterator != "" {
		t.Errorf("parent read %q next %q", keysOfRecords(res), res.NextShardIterator)
	}
	if got := keysOfRecords(f.records(f.iterator(arn, child.ShardID, iterTrimHorizon, ""), 0)); got != "c" {
		t.Errorf("child read %q", got)
	}
	// AFTER the parent's last record reads the end of the parent.
	end := f.records(f.iterator(arn, parent.ShardID, iterAfter, FormatSeq(last)), 0)
	if len(end.Records) != 0 || end.NextShardIterator != "" {
		t.Errorf("AFTER ending: %+v", end)
	}
	// An empty shard closes with Ending == Starting; Append rolls over too.
	f.clock.Add(4 * time.Hour)
	f.insert(ref, "d") // closes the child (holding c) and writes d to a grandchild
	f.clock.Add(4 * time.Hour)
	if err := f.log.Maintain(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(4 * time.Hour)
	f.describe(arn)
	d = f.describe(arn)
	if len(d.Shards) != 5 {
		t.Fatalf("%d shards after 4 rollovers", len(d.Shards))
	}
	empty := d.Shards[3] // created by Maintain's rollover, closed without records
	if r := empty.SequenceNumberRange; r.EndingSequenceNumber != r.StartingSequenceNumber {
		t.Errorf("empty closed shard range %+v", r)
	}
	res = f.records(f.iterator(arn, empty.ShardID, iterTrimHorizon, ""), 0)
	if len(res.Records) != 0 || res.NextShardIterator != "" {
		t.Errorf("empty closed shard read %+v", res)
	}
	for i := 1; i < len(d.Shards); i++ {
		if d.Shards[i].ShardID <= d.Shards[i-1].ShardID || d.Shards[i].ParentShardID != d.Shards[i-1].ShardID {
			t.Errorf("shard %d: %+v after %+v", i, d.Shards[i], d.Shards[i-1])
		}
	}
	// Paging with Limit and ExclusiveStartShardId.
	var paged []string
	in := &wire.DescribeStreamInput{StreamArn: arn, Limit: ptr(2)}
	for range 5 {
		out, err := f.log.DescribeStream(context.Background(), region, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range out.StreamDescription.Shards {
			paged = append(paged, sh.ShardID)
		}
		if out.StreamDescription.LastEvaluatedShardID == "" {
			break
		}
		in.ExclusiveStartShardID = &out.StreamDescription.LastEvaluatedShardID
	}
	if len(paged) != 5 || paged[4] != d.Shards[4].ShardID {
		t.Errorf("paged shards %v", paged)
	}
	for _, after := range []string{d.Shards[4].ShardID, "zzzzzzzzzzzzzzzzzzzzzzzzsfasdgagadfadfgagkjsdfsfsdjfjks",
		"shardId-00000000000000000000-00000000"} {
		out, err := f.log.DescribeStream(context.Background(), region, &wire.DescribeStreamInput{StreamArn: arn, ExclusiveStartShardID: &after})
		if err != nil || len(out.StreamDescription.Shards) != 0 {
			t.Errorf("after %s: %v %+v", after, err, out)
		}
	}
	out, err := f.log.DescribeStream(context.Background(), region, &wire.DescribeStreamInput{StreamArn: arn,
		ShardFilter: &wire.ShardFilter{Type: "CHILD_SHARDS", ShardID: d.Shards[1].ShardID}})
	if err != nil || len(out.StreamDescription.Shards) != 1 || out.StreamDescription.Shards[0].ShardID != d.Shards[2].ShardID {
		t.Errorf("CHILD_SHARDS: %v %+v", err, out)
	}
}
