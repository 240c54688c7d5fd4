package ddbtest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// RunStreams checks DynamoDB Streams: checklist items E1–E6 of the spec
// (SizeBytes vectors, which writes make records, images per view type,
// GetRecords forms and limits, GetShardIterator validation, DescribeStream
// and ListStreams, enabling/disabling) and streams of deleted tables.
func RunStreams(t *testing.T, tg *Target) {
	runAll(t, tg, []subtest{
		{"E1SizeBytes", testSizeBytes},
		{"E2NoRecordForNoops", testNoRecordForNoops},
		{"E2InsertModifyRemove", testInsertModifyRemove},
		{"E3ImagesPerViewType", testImagesPerViewType},
		{"E4GetRecords", testGetRecords},
		{"E4IteratorTypes", testIteratorTypes},
		{"E4Limits", testGetRecordsLimits},
		{"E4OneMegabytePages", testGetRecordsMegabyte},
		{"E5GetShardIteratorValidation", testGetShardIteratorValidation},
		{"E5DescribeStream", testDescribeStream},
		{"ListStreams", testListStreams},
		{"E6EnableDisable", testEnableDisable},
		{"DeletedTableStream", testDeletedTableStream},
		{"RegionFromSignature", testRegionFromSignature},
	})
}

func update(t *testing.T, tg *Target, table, key, expr, values string) {
	t.Helper()
	in := &dynamodb.UpdateItemInput{TableName: aws.String(table), Key: Item(key), UpdateExpression: aws.String(expr)}
	if values != "" {
		in.ExpressionAttributeValues = Item(values)
	}
	_, err := tg.DynamoDB.UpdateItem(context.Background(), in)
	NoError(t, err, "update "+key+" "+expr)
}

func del(t *testing.T, tg *Target, table, key string) {
	t.Helper()
	_, err := tg.DynamoDB.DeleteItem(context.Background(), &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: Item(key)})
	NoError(t, err, "delete "+key)
}

func sizes(recs []types.Record) []int64 {
	out := make([]int64, len(recs))
	for i, r := range recs {
		out[i] = aws.ToInt64(r.Dynamodb.SizeBytes)
	}
	return out
}

func wantSizes(t *testing.T, what string, recs []types.Record, want ...int64) {
	t.Helper()
	got := sizes(recs)
	if len(got) != len(want) {
		t.Errorf("%s: %d records %v, want SizeBytes %v%s", what, len(got), got, want, describeRecords(recs))
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: SizeBytes %v, want %v", what, got, want)
			return
		}
	}
}

func testSizeBytes(t *testing.T, tg *Target) {
	t.Run("KeysOnlyUsername", func(t *testing.T) {
		t.Parallel()
		table, arn := streamTable(t, tg, "sz-user", ddbtypes.StreamViewTypeKeysOnly, "Username", "S")
		put(t, tg, table, `{"Username":{"S":"Fred"},"extra":{"S":"ignored in KEYS_ONLY"}}`)
		put(t, tg, table, `{"Username":{"S":"Alice"}}`)
		wantSizes(t, "KEYS_ONLY Fred, Alice", tg.WaitRecords(t, arn, 2), 12, 13)
	})
	t.Run("NewAndOldFred", func(t *testing.T) {
		t.Parallel()
		table, arn := streamTable(t, tg, "sz-fred", ddbtypes.StreamViewTypeNewAndOldImages, "id", "S")
		put(t, tg, table, `{"id":{"S":"Fred"}}`)
		put(t, tg, table, `{"id":{"S":"Fred"},"name":{"S":"Fred"}}`)
		put(t, tg, table, `{"id":{"S":"NewKey"}}`)
		del(t, tg, table, `{"id":{"S":"NewKey"}}`)
		wantSizes(t, "N&O Fred INSERT, MODIFY, NewKey INSERT, REMOVE", tg.WaitRecords(t, arn, 4), 12, 26, 16, 16)
	})
	t.Run("NewAndOldAttrs", func(t *testing.T) {
		t.Parallel()
		table, arn := streamTable(t, tg, "sz-attrs", ddbtypes.StreamViewTypeNewAndOldImages, "id", "S")
		put(t, tg, table, `{"id":{"S":"my-item-id"},"attr1":{"S":"value1"},"attr2":{"S":"value2"}}`)
		put(t, tg, table, `{"id":{"S":"my-item-id"},"attr1":{"S":"value3"},"attr2":{"S":"value4"}}`)
		wantSizes(t, "N&O my-item-id INSERT, MODIFY", tg.WaitRecords(t, arn, 2), 46, 80)
	})
	t.Run("NewImageBinary", func(t *testing.T) {
		t.Parallel()
		table, arn := streamTable(t, tg, "sz-bin", ddbtypes.StreamViewTypeNewImage, "my_partition_key", "S")
		put(t, tg, table, `{"my_partition_key":{"S":"hello world"},"binary_key":{"B":"Zm9vYmFy"}}`)
		wantSizes(t, "NEW_IMAGE hello world + binary", tg.WaitRecords(t, arn, 1), 70)
	})
	t.Run("KeysOnlyForum", func(t *testing.T) {
		t.Parallel()
		table, arn := streamTable(t, tg, "sz-forum", ddbtypes.StreamViewTypeKeysOnly, "ForumName", "S", "Subject", "S")
		put(t, tg, table, `{"ForumName":{"S":"DynamoDB"},"Subject":{"S":"DynamoDB Thread 3"},"Views":{"N":"12"}}`)
		wantSizes(t, "KEYS_ONLY ForumName+Subject", tg.WaitRecords(t, arn, 1), 41)
	})
	t.Run("DocExampleNumberKey", func(t *testing.T) {
		t.Parallel()
		table, arn := streamTable(t, tg, "sz-doc", ddbtypes.StreamViewTypeNewAndOldImages, "Id", "N")
		put(t, tg, table, `{"Id":{"N":"101"},"Message":{"S":"New item!"}}`)
		update(t, tg, table, `{"Id":{"N":"101"}}`, "SET Message = :m", `{":m":{"S":"This item has changed"}}`)
		del(t, tg, table, `{"Id":{"N":"101"}}`)
		wantSizes(t, "doc example INSERT, MODIFY, REMOVE", tg.WaitRecords(t, arn, 3), 26, 59, 38)
	})
}

func testNoRecordForNoops(t *testing.T, tg *Target) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "st-noop", ddbtypes.StreamViewTypeNewAndOldImages, "id", "S")
	a := `{"id":{"S":"a"}}`
	put(t, tg, table, `{"id":{"S":"a"},"v":{"N":"1"},"s":{"SS":["x","y"]}}`)
	put(t, tg, table, `{"id":{"S":"a"},"v":{"N":"1.0"},"s":{"SS":["y","x"]}}`) // identical put
	update(t, tg, table, a, "SET v = :one", `{":one":{"N":"1"}}`)              // identical update
	update(t, tg, table, a, "REMOVE nothere", "")                              // removes nothing
	update(t, tg, table, a, "ADD s :x", `{":x":{"SS":["x"]}}`)                 // adds a present member
	update(t, tg, table, a, "DELETE s :z", `{":z":{"SS":["z"]}}`)              // deletes an absent member
	del(t, tg, table, `{"id":{"S":"missing"}}`)                                // delete of a missing item
	_, err := tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table),
		Item: Item(`{"id":{"S":"a"},"v":{"N":"9"}}`), ConditionExpression: aws.String("attribute_not_exists(id)")})
	WantError(t, err, "ConditionalCheckFailedException")
	_, err = tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table),
		Item: Item(`{"id":{"S":"a"},"v":{"SS":[]}}`)})
	WantError(t, err, "ValidationException")
	update(t, tg, table, a, "SET v = :two", `{":two":{"N":"2"}}`)
	del(t, tg, table, a)
	want := []wantRec{
		{"INSERT", a, `{"id":{"S":"a"},"v":{"N":"1"},"s":{"SS":["x","y"]}}`, ""},
		{"MODIFY", a, `{"id":{"S":"a"},"v":{"N":"2"},"s":{"SS":["x","y"]}}`, `{"id":{"S":"a"},"v":{"N":"1"},"s":{"SS":["x","y"]}}`},
		{"REMOVE", a, "", `{"id":{"S":"a"},"v":{"N":"2"},"s":{"SS":["x","y"]}}`},
	}
	checkRecords(t, tg, waitLast(t, tg, arn, want), "NEW_AND_OLD_IMAGES", want)
}

func testInsertModifyRemove(t *testing.T, tg *Target) {
	table, arn := streamTable(t, tg, "st-imr", ddbtypes.StreamViewTypeNewAndOldImages, "id", "S")
	b := `{"id":{"S":"b"}}`
	update(t, tg, table, b, "SET v = :v", `{":v":{"S":"one"}}`) // update that creates: INSERT
	put(t, tg, table, `{"id":{"S":"b"},"w":{"S":"two"}}`)       // put that replaces: MODIFY, full old image
	put(t, tg, table, `{"id":{"S":"b"},"w":{"S":"two"}}`)       // identical: nothing
	del(t, tg, table, b)
	del(t, tg, table, b) // already gone: nothing
	put(t, tg, table, `{"id":{"S":"b"}}`)
	want := []wantRec{
		{"INSERT", b, `{"id":{"S":"b"},"v":{"S":"one"}}`, ""},
		{"MODIFY", b, `{"id":{"S":"b"},"w":{"S":"two"}}`, `{"id":{"S":"b"},"v":{"S":"one"}}`},
		{"REMOVE", b, "", `{"id":{"S":"b"},"w":{"S":"two"}}`},
		{"INSERT", b, b, ""},
	}
	checkRecords(t, tg, waitLast(t, tg, arn, want), "NEW_AND_OLD_IMAGES", want)
}

func testImagesPerViewType(t *testing.T, tg *Target) {
	k, k2 := `{"id":{"S":"k"}}`, `{"id":{"S":"k2"}}`
	a1 := `{"id":{"S":"k"},"a":{"N":"1"}}`
	a2 := `{"id":{"S":"k"},"a":{"N":"2"}}`
	b3 := `{"id":{"S":"k"},"b":{"N":"3"}}`
	// full is the NEW_AND_OLD_IMAGES expectation; the other types drop
	// one image or both.
	full := []wantRec{
		{"INSERT", k, a1, ""},
		{"MODIFY", k, a2, a1},
		{"MODIFY", k, k, a2}, // reduced to key-only: NewImage is the keys
		{"MODIFY", k, b3, k}, // modifying a key-only item: OldImage is the keys
		{"REMOVE", k, "", b3},
		{"INSERT", k2, k2, ""},
	}
	for _, vt := range []ddbtypes.StreamViewType{ddbtypes.StreamViewTypeKeysOnly, ddbtypes.StreamViewTypeNewImage,
		ddbtypes.StreamViewTypeOldImage, ddbtypes.StreamViewTypeNewAndOldImages} {
		t.Run(string(vt), func(t *testing.T) {
			t.Parallel()
			table, arn := streamTable(t, tg, "st-img", vt, "id", "S")
			put(t, tg, table, a1)
			update(t, tg, table, k, "SET a = :two", `{":two":{"N":"2"}}`)
			update(t, tg, table, k, "REMOVE a", "")
			update(t, tg, table, k, "SET b = :three", `{":three":{"N":"3"}}`)
			del(t, tg, table, k)
			put(t, tg, table, k2)
			want := make([]wantRec, len(full))
			for i, w := range full {
				if vt == ddbtypes.StreamViewTypeKeysOnly || vt == ddbtypes.StreamViewTypeOldImage {
					w.newImg = ""
				}
				if vt == ddbtypes.StreamViewTypeKeysOnly || vt == ddbtypes.StreamViewTypeNewImage {
					w.oldImg = ""
				}
				want[i] = w
			}
			checkRecords(t, tg, waitLast(t, tg, arn, want), string(vt), want)
		})
	}
}

// onlyShard returns the stream's single shard (the test fails otherwise).
func onlyShard(t *testing.T, tg *Target, arn string) types.Shard {
	t.Helper()
	shards, err := tg.Shards(context.Background(), arn)
	NoError(t, err, "describe stream")
	if len(shards) != 1 {
		t.Fatalf("stream has %d shards, want 1: %+v", len(shards), shards)
	}
	return shards[0]
}

func iterator(t *testing.T, tg *Target, arn, shard string, typ types.ShardIteratorType, seq string) string {
	t.Helper()
	in := &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: typ}
	if seq != "" {
		in.SequenceNumber = aws.String(seq)
	}
	out, err := tg.Streams.GetShardIterator(context.Background(), in)
	NoError(t, err, "get shard iterator "+string(typ))
	it := aws.ToString(out.ShardIterator)
	if !iteratorRE(arn).MatchString(it) || len(it) > 2048 {
		t.Errorf("iterator %q does not match <arn>|<digit>|<opaque> (≤2048 chars)", it)
	}
	return it
}

func getRecords(t *testing.T, tg *Target, it string, limit int32) *dynamodbstreams.GetRecordsOutput {
	t.Helper()
	in := &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(it)}
	if limit > 0 {
		in.Limit = aws.Int32(limit)
	}
	out, err := tg.Streams.GetRecords(context.Background(), in)
	NoError(t, err, "get records")
	return out
}

func keysOf(recs []types.Record) string {
	var ks []string
	for _, r := range recs {
		ks = append(ks, keyOf(r))
	}
	return strings.Join(ks, ",")
}

func testGetRecords(t *testing.T, tg *Target) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "st-get", ddbtypes.StreamViewTypeNewImage, "id", "S")
	shard := aws.ToString(onlyShard(t, tg, arn).ShardId)
	// An open shard with no records: "Records":[] and a NextShardIterator.
	it := iterator(t, tg, arn, shard, types.ShardIteratorTypeTrimHorizon, "")
	resp, err := tg.Raw(ctx, "DynamoDBStreams_20120810.GetRecords", `{"ShardIterator":`+jsonString(it)+`}`)
	NoError(t, err, "raw get records")
	var body map[string]any
	if err := json.Unmarshal(resp.Body, &body); err != nil || resp.Status != 200 {
		t.Fatalf("raw GetRecords: HTTP %d %s", resp.Status, resp.Body)
	}
	if recs, ok := body["Records"].([]any); !ok || len(recs) != 0 {
		t.Errorf(`empty open shard: body %s, want "Records":[]`, resp.Body)
	}
	if next, _ := body["NextShardIterator"].(string); !iteratorRE(arn).MatchString(next) {
		t.Errorf("empty open shard: NextShardIterator %q missing or malformed", next)
	}
	for _, id := range []string{"k1", "k2", "k3"} {
		put(t, tg, table, `{"id":{"S":"`+id+`"}}`)
	}
	tg.WaitRecords(t, arn, 3)
	first := getRecords(t, tg, it, 0)
	if got := keysOf(first.Records); got != "id=k1,id=k2,id=k3" {
		t.Errorf("TRIM_HORIZON read: %s, want k1,k2,k3", got)
	}
	again := getRecords(t, tg, it, 0)
	if keysOf(again.Records) != keysOf(first.Records) {
		t.Errorf("re-used iterator returned %s, want %s again", keysOf(again.Records), keysOf(first.Records))
	}
	// Limit 1 walks one record at a time.
	var walked []types.Record
	next := it
	for i := 0; i < 3; i++ {
		out := getRecords(t, tg, next, 1)
		if len(out.Records) != 1 {
			t.Fatalf("Limit 1 returned %d records", len(out.Records))
		}
		walked = append(walked, out.Records...)
		next = aws.ToString(out.NextShardIterator)
	}
	if keysOf(walked) != "id=k1,id=k2,id=k3" {
		t.Errorf("Limit 1 walk: %s", keysOf(walked))
	}
	// At the end: nothing, and no re-delivery; a new write comes once.
	end := getRecords(t, tg, next, 0)
	if len(end.Records) != 0 || end.NextShardIterator == nil {
		t.Errorf("after the last record: %d records, NextShardIterator %v; want 0 and present", len(end.Records), end.NextShardIterator)
	}
	put(t, tg, table, `{"id":{"S":"k4"}}`)
	var got []types.Record
	cur := aws.ToString(end.NextShardIterator)
	Eventually(defaultWait, func() bool {
		out := getRecords(t, tg, cur, 0)
		got = append(got, out.Records...)
		cur = aws.ToString(out.NextShardIterator)
		return len(got) > 0
	})
	if keysOf(got) != "id=k4" {
		t.Errorf("after the end, a new write: %s, want k4 only", keysOf(got))
	}
	if out := getRecords(t, tg, cur, 0); len(out.Records) != 0 {
		t.Errorf("re-delivered after the last record: %s", keysOf(out.Records))
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func testIteratorTypes(t *testing.T, tg *Target) {
	table, arn := streamTable(t, tg, "st-iter", ddbtypes.StreamViewTypeKeysOnly, "id", "S")
	sh := onlyShard(t, tg, arn)
	shard := aws.ToString(sh.ShardId)
	start := aws.ToString(sh.SequenceNumberRange.StartingSequenceNumber)
	latest := iterator(t, tg, arn, shard, types.ShardIteratorTypeLatest, "")
	for _, id := range []string{"k1", "k2", "k3"} {
		put(t, tg, table, `{"id":{"S":"`+id+`"}}`)
	}
	recs := tg.WaitRecords(t, arn, 3)
	seq2, seq3 := seqOf(recs[1]), seqOf(recs[2])
	cases := []struct {
		typ  types.ShardIteratorType
		seq  string
		want string
	}{
		{types.ShardIteratorTypeTrimHorizon, "", "id=k1,id=k2,id=k3"},
		{types.ShardIteratorTypeAtSequenceNumber, seq2, "id=k2,id=k3"},
		{types.ShardIteratorTypeAfterSequenceNumber, seq2, "id=k3"},
		{types.ShardIteratorTypeAfterSequenceNumber, seq3, ""},
		{types.ShardIteratorTypeAtSequenceNumber, start, "id=k1,id=k2,id=k3"},
		{types.ShardIteratorTypeLatest, "", ""},
	}
	for _, c := range cases {
		out := getRecords(t, tg, iterator(t, tg, arn, shard, c.typ, c.seq), 0)
		if got := keysOf(out.Records); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.typ, c.seq, got, c.want)
		}
		if out.NextShardIterator == nil {
			t.Errorf("%s: no NextShardIterator on an open shard", c.typ)
		}
	}
	// LATEST taken before the writes sees exactly them.
	if got := keysOf(getRecords(t, tg, latest, 0).Records); got != "id=k1,id=k2,id=k3" {
		t.Errorf("LATEST taken before the writes: %q, want k1,k2,k3", got)
	}
}

func testGetRecordsLimits(t *testing.T, tg *Target) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "st-limit", ddbtypes.StreamViewTypeKeysOnly, "id", "S")
	put(t, tg, table, `{"id":{"S":"x"}}`)
	tg.WaitRecords(t, arn, 1)
	shard := aws.ToString(onlyShard(t, tg, arn).ShardId)
	it := iterator(t, tg, arn, shard, types.ShardIteratorTypeTrimHorizon, "")
	if out := getRecords(t, tg, it, 1000); len(out.Records) != 1 {
		t.Errorf("Limit 1000: %d records, want 1", len(out.Records))
	}
	for _, limit := range []int32{0, 1001, -1} {
		_, err := tg.Streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(it), Limit: aws.Int32(limit)})
		WantErrorContaining(t, err, "ValidationException", "limit")
	}
	for _, bad := range []string{"garbage", arn + "|1|", "x|1|y"} {
		_, err := tg.Streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(bad)})
		WantError(t, err, "ValidationException")
	}
}

func testGetShardIteratorValidation(t *testing.T, tg *Target) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "st-gsi", ddbtypes.StreamViewTypeKeysOnly, "id", "S")
	put(t, tg, table, `{"id":{"S":"x"}}`)
	recs := tg.WaitRecords(t, arn, 1)
	seq := seqOf(recs[0])
	shard := aws.ToString(onlyShard(t, tg, arn).ShardId)
	cases := []struct {
		name, arn, shard string
		typ              types.ShardIteratorType
		seq              *string
		code             string
	}{
		{"AT without sequence", arn, shard, types.ShardIteratorTypeAtSequenceNumber, nil, "ValidationException"},
		{"AFTER without sequence", arn, shard, types.ShardIteratorTypeAfterSequenceNumber, nil, "ValidationException"},
		{"TRIM_HORIZON with sequence", arn, shard, types.ShardIteratorTypeTrimHorizon, aws.String(seq), "ValidationException"},
		{"LATEST with sequence", arn, shard, types.ShardIteratorTypeLatest, aws.String(seq), "ValidationException"},
		{"unknown type", arn, shard, "BOGUS", nil, "ValidationException"},
		{"non-numeric sequence", arn, shard, types.ShardIteratorTypeAtSequenceNumber, aws.String("abc"), "ValidationException"},
		{"malformed arn", "not-an-arn", shard, types.ShardIteratorTypeTrimHorizon, nil, "ValidationException"},
		{"unknown shard", arn, "shardId-00000001414562045508-2bac9cd2", types.ShardIteratorTypeTrimHorizon, nil, "ResourceNotFoundException"},
		{"unknown stream", arn[:strings.LastIndex(arn, "/")+1] + "2001-01-01T00:00:00.000", shard, types.ShardIteratorTypeTrimHorizon, nil, "ResourceNotFoundException"},
	}
	for _, c := range cases {
		_, err := tg.Streams.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{
			StreamArn: aws.String(c.arn), ShardId: aws.String(c.shard), ShardIteratorType: c.typ, SequenceNumber: c.seq,
		})
		if ErrorCode(err) != c.code {
			t.Errorf("%s: got %v, want %s", c.name, err, c.code)
		}
	}
}

func testDescribeStream(t *testing.T, tg *Target) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "st-desc", ddbtypes.StreamViewTypeNewAndOldImages, "pk", "S", "sk", "N")
	out, err := tg.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	NoError(t, err, "describe stream")
	sd := out.StreamDescription
	m := streamArnRE(tg.Region, table).FindStringSubmatch(aws.ToString(sd.StreamArn))
	if m == nil || aws.ToString(sd.StreamArn) != arn || aws.ToString(sd.StreamLabel) != m[1] {
		t.Errorf("StreamArn %q StreamLabel %q, want %s and its label", aws.ToString(sd.StreamArn), aws.ToString(sd.StreamLabel), arn)
	}
	if sd.StreamStatus != types.StreamStatusEnabled || sd.StreamViewType != types.StreamViewTypeNewAndOldImages || aws.ToString(sd.TableName) != table {
		t.Errorf("StreamStatus %s StreamViewType %s TableName %s", sd.StreamStatus, sd.StreamViewType, aws.ToString(sd.TableName))
	}
	if sd.CreationRequestDateTime == nil {
		t.Errorf("no CreationRequestDateTime")
	}
	if len(sd.KeySchema) != 2 || aws.ToString(sd.KeySchema[0].AttributeName) != "pk" || sd.KeySchema[0].KeyType != types.KeyTypeHash ||
		aws.ToString(sd.KeySchema[1].AttributeName) != "sk" || sd.KeySchema[1].KeyType != types.KeyTypeRange {
		t.Errorf("KeySchema = %+v", sd.KeySchema)
	}
	if len(sd.Shards) != 1 {
		t.Fatalf("new stream has %d shards, want 1", len(sd.Shards))
	}
	sh := sd.Shards[0]
	if !shardIDRE.MatchString(aws.ToString(sh.ShardId)) {
		t.Errorf("ShardId %q, want shardId-<20 digits>-<8 hex>", aws.ToString(sh.ShardId))
	}
	if sh.ParentShardId != nil || sh.SequenceNumberRange == nil || !seqRE.MatchString(aws.ToString(sh.SequenceNumberRange.StartingSequenceNumber)) ||
		sh.SequenceNumberRange.EndingSequenceNumber != nil {
		t.Errorf("open shard = %+v %+v, want only a StartingSequenceNumber", sh, sh.SequenceNumberRange)
	}
	if sd.LastEvaluatedShardId != nil {
		t.Errorf("LastEvaluatedShardId %q on the only page", aws.ToString(sd.LastEvaluatedShardId))
	}
	page, err := tg.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), ExclusiveStartShardId: sh.ShardId})
	NoError(t, err, "describe stream after the last shard")
	if len(page.StreamDescription.Shards) != 0 {
		t.Errorf("ExclusiveStartShardId = last shard: %d shards, want 0", len(page.StreamDescription.Shards))
	}
	for _, limit := range []int32{0, 101} {
		_, err := tg.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), Limit: aws.Int32(limit)})
		WantError(t, err, "ValidationException")
	}
	unknown := arn[:strings.LastIndex(arn, "/")+1] + "2001-01-01T00:00:00.000"
	_, err = tg.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(unknown)})
	WantErrorMessage(t, err, "ResourceNotFoundException", "Requested resource not found: Stream: "+unknown+" not found")
	_, err = tg.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String("not-an-arn")})
	WantError(t, err, "ValidationException")
}

func testListStreams(t *testing.T, tg *Target) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "st-list", ddbtypes.StreamViewTypeKeysOnly, "id", "S")
	out, err := tg.Streams.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(table)})
	NoError(t, err, "list streams of a table")
	if len(out.Streams) != 1 || aws.ToString(out.Streams[0].StreamArn) != arn || aws.ToString(out.Streams[0].TableName) != table ||
		!StreamLabelRE.MatchString(aws.ToString(out.Streams[0].StreamLabel)) || !strings.HasSuffix(arn, "/"+aws.ToString(out.Streams[0].StreamLabel)) {
		t.Errorf("ListStreams(%s) = %+v, want one stream %s", table, out.Streams, arn)
	}
	if out.LastEvaluatedStreamArn != nil {
		t.Errorf("LastEvaluatedStreamArn %q on the only page", aws.ToString(out.LastEvaluatedStreamArn))
	}
	found := false
	in := &dynamodbstreams.ListStreamsInput{Limit: aws.Int32(1)}
	for pages := 0; pages < 10000; pages++ {
		page, err := tg.Streams.ListStreams(ctx, in)
		NoError(t, err, "list streams page")
		if len(page.Streams) > 1 {
			t.Fatalf("Limit 1 returned %d streams", len(page.Streams))
		}
		for _, s := range page.Streams {
			found = found || aws.ToString(s.StreamArn) == arn
		}
		if page.LastEvaluatedStreamArn == nil {
			break
		}
		in.ExclusiveStartStreamArn = page.LastEvaluatedStreamArn
	}
	if !found {
		t.Errorf("paging ListStreams with Limit 1 never listed %s", arn)
	}
	for _, limit := range []int32{0, 101} {
		_, err := tg.Streams.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{Limit: aws.Int32(limit)})
		WantError(t, err, "ValidationException")
	}
	_, err = tg.Streams.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{ExclusiveStartStreamArn: aws.String("not-an-arn")})
	WantError(t, err, "ValidationException")
	_, err = tg.Streams.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String("a!")})
	WantError(t, err, "ValidationException")
}

func updateStream(tg *Target, table string, enabled bool, vt ddbtypes.StreamViewType) (*dynamodb.UpdateTableOutput, error) {
	return tg.DynamoDB.UpdateTable(context.Background(), &dynamodb.UpdateTableInput{
		TableName:           aws.String(table),
		StreamSpecification: &ddbtypes.StreamSpecification{StreamEnabled: aws.Bool(enabled), StreamViewType: vt},
	})
}

func testEnableDisable(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := UniqueName("st-life")
	tg.CreateTable(t, TableInput(table, "id", "S"))
	put(t, tg, table, `{"id":{"S":"before"}}`) // no stream yet: no record anywhere
	_, err := updateStream(tg, table, false, "")
	WantErrorContaining(t, err, "ValidationException", "stream")
	_, err = updateStream(tg, table, true, "")
	WantError(t, err, "ValidationException")
	_, err = updateStream(tg, table, true, "ALL_IMAGES")
	WantError(t, err, "ValidationException")

	out, err := updateStream(tg, table, true, ddbtypes.StreamViewTypeNewAndOldImages)
	NoError(t, err, "enable stream")
	checkStreamOn(t, tg, out.TableDescription, ddbtypes.StreamViewTypeNewAndOldImages)
	oldArn, oldLabel := aws.ToString(out.TableDescription.LatestStreamArn), aws.ToString(out.TableDescription.LatestStreamLabel)
	checkStreamOn(t, tg, tg.WaitActive(t, table), ddbtypes.StreamViewTypeNewAndOldImages)

	_, err = updateStream(tg, table, true, ddbtypes.StreamViewTypeNewAndOldImages)
	WantErrorMessage(t, err, "ValidationException", "Table already has an enabled stream: TableName: "+table)
	_, err = updateStream(tg, table, true, ddbtypes.StreamViewTypeKeysOnly)
	WantErrorMessage(t, err, "ValidationException", "Table already has an enabled stream: TableName: "+table)

	put(t, tg, table, `{"id":{"S":"x"}}`)
	tg.WaitRecords(t, oldArn, 1)
	_, err = updateStream(tg, table, false, "")
	NoError(t, err, "disable stream")
	tg.WaitActive(t, table)
	_, err = updateStream(tg, table, false, "")
	WantErrorContaining(t, err, "ValidationException", "stream")
	put(t, tg, table, `{"id":{"S":"while-disabled"}}`)

	out, err = updateStream(tg, table, true, ddbtypes.StreamViewTypeKeysOnly)
	NoError(t, err, "re-enable stream")
	newArn, newLabel := aws.ToString(out.TableDescription.LatestStreamArn), aws.ToString(out.TableDescription.LatestStreamLabel)
	if newArn == oldArn || newLabel == oldLabel || newArn == "" {
		t.Fatalf("re-enabled stream ARN %q label %q, want new ones (old %q %q)", newArn, newLabel, oldArn, oldLabel)
	}
	checkStreamOn(t, tg, tg.WaitActive(t, table), ddbtypes.StreamViewTypeKeysOnly)
	put(t, tg, table, `{"id":{"S":"y"}}`)

	ls, err := tg.Streams.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(table)})
	NoError(t, err, "list streams")
	listed := map[string]bool{}
	for _, s := range ls.Streams {
		listed[aws.ToString(s.StreamArn)] = true
	}
	if !listed[oldArn] || !listed[newArn] || len(ls.Streams) != 2 {
		t.Errorf("ListStreams(%s) = %+v, want the old and the new stream", table, ls.Streams)
	}
	checkDisabledStream(t, tg, oldArn, "id=x")
	newRecs := tg.WaitRecords(t, newArn, 1)
	if keysOf(newRecs) != "id=y" {
		t.Errorf("new stream records: %s, want y only", keysOf(newRecs))
	}
	ds, err := tg.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(newArn)})
	NoError(t, err, "describe new stream")
	if ds.StreamDescription.StreamStatus != types.StreamStatusEnabled || ds.StreamDescription.StreamViewType != types.StreamViewTypeKeysOnly {
		t.Errorf("new stream: %s %s, want ENABLED KEYS_ONLY", ds.StreamDescription.StreamStatus, ds.StreamDescription.StreamViewType)
	}
}

// checkDisabledStream checks that a disabled stream is DISABLED, every shard
// is closed, and that reading it returns wantKeys and then ends.
func checkDisabledStream(t *testing.T, tg *Target, arn, wantKeys string) {
	t.Helper()
	ctx := context.Background()
	var ds *dynamodbstreams.DescribeStreamOutput
	ok := Eventually(defaultWait, func() bool {
		var err error
		ds, err = tg.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
		NoError(t, err, "describe disabled stream")
		return ds.StreamDescription.StreamStatus == types.StreamStatusDisabled
	})
	if !ok {
		t.Errorf("stream %s: status %s, want DISABLED", arn, ds.StreamDescription.StreamStatus)
	}
	var recs []types.Record
	for _, sh := range ds.StreamDescription.Shards {
		if sh.SequenceNumberRange == nil || sh.SequenceNumberRange.EndingSequenceNumber == nil {
			t.Errorf("disabled stream shard %s is not closed: %+v", aws.ToString(sh.ShardId), sh.SequenceNumberRange)
			continue
		}
		it := iterator(t, tg, arn, aws.ToString(sh.ShardId), types.ShardIteratorTypeTrimHorizon, "")
		for calls := 0; it != ""; calls++ {
			if calls > 100 {
				t.Fatalf("closed shard %s: NextShardIterator never ends", aws.ToString(sh.ShardId))
			}
			out := getRecords(t, tg, it, 0)
			recs = append(recs, out.Records...)
			it = aws.ToString(out.NextShardIterator)
		}
	}
	if keysOf(recs) != wantKeys {
		t.Errorf("disabled stream records: %s, want %s", keysOf(recs), wantKeys)
	}
}

func testDeletedTableStream(t *testing.T, tg *Target) {
	ctx := context.Background()
	table, arn := streamTable(t, tg, "st-deleted", ddbtypes.StreamViewTypeNewImage, "id", "S")
	put(t, tg, table, `{"id":{"S":"x"}}`)
	tg.WaitRecords(t, arn, 1)
	_, err := tg.DynamoDB.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)})
	NoError(t, err, "delete table")
	checkDisabledStream(t, tg, arn, "id=x")
}

// testRegionFromSignature signs for another region: ARNs and each record's
// awsRegion follow the request's region.
func testRegionFromSignature(t *testing.T, tg *Target) {
	const region = "eu-central-1"
	other := NewTarget(tg.Endpoint, WithRegion(region))
	table, arn := streamTable(t, other, "st-region", ddbtypes.StreamViewTypeKeysOnly, "id", "S")
	if !streamArnRE(region, table).MatchString(arn) {
		t.Errorf("stream ARN %q, want region %s", arn, region)
	}
	put(t, other, table, `{"id":{"S":"x"}}`)
	recs := other.WaitRecords(t, arn, 1)
	checkRecordFields(t, region, recs, "KEYS_ONLY", time.Now())
}

// testGetRecordsMegabyte checks that a GetRecords answer holds at most 1 MB
// of records: four ~300 KB records cannot come in one page.
func testGetRecordsMegabyte(t *testing.T, tg *Target) {
	table, arn := streamTable(t, tg, "st-mb", ddbtypes.StreamViewTypeNewImage, "id", "S")
	big := strings.Repeat("x", 300*1024)
	for _, id := range []string{"a", "b", "c", "d"} {
		put(t, tg, table, `{"id":{"S":"`+id+`"},"d":{"S":"`+big+`"}}`)
	}
	tg.WaitRecords(t, arn, 4)
	it := iterator(t, tg, arn, aws.ToString(onlyShard(t, tg, arn).ShardId), types.ShardIteratorTypeTrimHorizon, "")
	var all []types.Record
	for pages := 0; len(all) < 4; pages++ {
		if pages > 10 {
			t.Fatalf("4 records not read in 10 pages: %s", keysOf(all))
		}
		out := getRecords(t, tg, it, 0)
		var size int64
		for _, r := range out.Records {
			size += aws.ToInt64(r.Dynamodb.SizeBytes)
		}
		if size > 1<<20 {
			t.Errorf("one GetRecords page holds %d records, %d bytes: over 1 MB", len(out.Records), size)
		}
		all = append(all, out.Records...)
		it = aws.ToString(out.NextShardIterator)
	}
	if keysOf(all) != "id=a,id=b,id=c,id=d" {
		t.Errorf("records across pages: %s", keysOf(all))
	}
}
