package ddbtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// StreamArn is the table's LatestStreamArn (the test fails if it has none).
func (tg *Target) StreamArn(t testing.TB, table string) string {
	t.Helper()
	out, err := tg.DynamoDB.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	NoError(t, err, "describe table "+table)
	if out.Table.LatestStreamArn == nil {
		t.Fatalf("table %s has no LatestStreamArn", table)
	}
	return *out.Table.LatestStreamArn
}

// Shards returns all shards of the stream (DescribeStream, all pages),
// ordered so that every shard comes after its parent.
func (tg *Target) Shards(ctx context.Context, arn string) ([]types.Shard, error) {
	var shards []types.Shard
	in := &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)}
	for {
		out, err := tg.Streams.DescribeStream(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("describe stream: %w", err)
		}
		shards = append(shards, out.StreamDescription.Shards...)
		if out.StreamDescription.LastEvaluatedShardId == nil {
			return lineageOrder(shards), nil
		}
		in.ExclusiveStartShardId = out.StreamDescription.LastEvaluatedShardId
	}
}

// lineageOrder orders shards parents first, keeping the given order
// otherwise. A parent that is not listed (trimmed) counts as done.
func lineageOrder(shards []types.Shard) []types.Shard {
	listed := map[string]bool{}
	for _, s := range shards {
		listed[aws.ToString(s.ShardId)] = true
	}
	done := map[string]bool{}
	var out []types.Shard
	for len(out) < len(shards) {
		progressed := false
		for _, s := range shards {
			id := aws.ToString(s.ShardId)
			p := aws.ToString(s.ParentShardId)
			if done[id] || (p != "" && listed[p] && !done[p]) {
				continue
			}
			done[id] = true
			out = append(out, s)
			progressed = true
		}
		if !progressed { // a cycle: give up on ordering
			return shards
		}
	}
	return out
}

// ReadShard reads one shard from TRIM_HORIZON: to its end if it is closed,
// else until two pages in a row come back empty.
func (tg *Target) ReadShard(ctx context.Context, arn, shardID string) ([]types.Record, error) {
	it, err := tg.Streams.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{
		StreamArn: aws.String(arn), ShardId: aws.String(shardID), ShardIteratorType: types.ShardIteratorTypeTrimHorizon,
	})
	if err != nil {
		return nil, fmt.Errorf("get shard iterator %s: %w", shardID, err)
	}
	var recs []types.Record
	next, empty := it.ShardIterator, 0
	for next != nil && empty < 2 {
		out, err := tg.Streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: next, Limit: aws.Int32(1000)})
		if err != nil {
			return nil, fmt.Errorf("get records %s: %w", shardID, err)
		}
		recs = append(recs, out.Records...)
		if len(out.Records) == 0 {
			empty++
		} else {
			empty = 0
		}
		next = out.NextShardIterator
	}
	return recs, nil
}

// ReadStream reads every record of every shard of the stream, parents
// before children.
func (tg *Target) ReadStream(ctx context.Context, arn string) ([]types.Record, error) {
	shards, err := tg.Shards(ctx, arn)
	if err != nil {
		return nil, err
	}
	var all []types.Record
	for _, s := range shards {
		recs, err := tg.ReadShard(ctx, arn, aws.ToString(s.ShardId))
		if err != nil {
			return nil, err
		}
		all = append(all, recs...)
	}
	return all, nil
}

// WaitRecords polls the stream until it holds at least n records (10s
// deadline) and returns them all.
func (tg *Target) WaitRecords(t testing.TB, arn string, n int) []types.Record {
	t.Helper()
	var recs []types.Record
	var lastErr error
	ok := Eventually(10*time.Second, func() bool {
		recs, lastErr = tg.ReadStream(context.Background(), arn)
		return lastErr == nil && len(recs) >= n
	})
	if !ok {
		t.Fatalf("stream %s: want ≥%d records within 10s, got %d (last error: %v)%s", arn, n, len(recs), lastErr, describeRecords(recs))
	}
	return recs
}

func describeRecords(recs []types.Record) string {
	s := ""
	for _, r := range recs {
		s += fmt.Sprintf("\n  %s %s keys=%v", r.EventName, aws.ToString(r.Dynamodb.SequenceNumber), Plain(FromStream(r.Dynamodb.Keys)))
	}
	return s
}
