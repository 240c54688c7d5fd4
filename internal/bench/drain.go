package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// drainResult is the outcome of a GetRecords drain.
type drainResult struct {
	Records int64
	Calls   int64
	Retries int64
	Elapsed time.Duration
}

func (r drainResult) rate() float64 { return perSecond(r.Records, r.Elapsed) }

// drainStream reads the stream from TRIM_HORIZON, shard by shard in the
// order DescribeStream lists them, with GetRecords Limit 1000, until want
// records were read. An open shard that has no more records yet is polled
// until idle passes without progress.
func drainStream(ctx context.Context, ep endpoint, arn string, want int64, idle time.Duration) (drainResult, error) {
	sc := ep.newStreams()
	var res drainResult
	t0 := time.Now()
	shards, err := listShards(ctx, sc, arn)
	if err != nil {
		return res, err
	}
	for _, sh := range shards {
		if res.Records >= want {
			break
		}
		if err := drainShard(ctx, sc, arn, aws.ToString(sh.ShardId), want, idle, &res); err != nil {
			return res, err
		}
	}
	res.Elapsed = time.Since(t0)
	if res.Records < want {
		return res, fmt.Errorf("get records: read %d of %d records", res.Records, want)
	}
	return res, nil
}

func listShards(ctx context.Context, sc *dynamodbstreams.Client, arn string) ([]types.Shard, error) {
	var shards []types.Shard
	var start *string
	for {
		out, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), ExclusiveStartShardId: start})
		if err != nil {
			return nil, fmt.Errorf("describe stream: %w", err)
		}
		shards = append(shards, out.StreamDescription.Shards...)
		start = out.StreamDescription.LastEvaluatedShardId
		if start == nil {
			return shards, nil
		}
	}
}

func drainShard(ctx context.Context, sc *dynamodbstreams.Client, arn, shard string, want int64, idle time.Duration, res *drainResult) error {
	it, err := sc.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{
		StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: types.ShardIteratorTypeTrimHorizon,
	})
	if err != nil {
		return fmt.Errorf("get shard iterator: %w", err)
	}
	iter := it.ShardIterator
	lastProgress := time.Now()
	for iter != nil && res.Records < want {
		out, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iter, Limit: aws.Int32(int32(min(1000, want-res.Records)))})
		if err != nil {
			return fmt.Errorf("get records: %w", err)
		}
		res.Calls++
		res.Retries += retries(out.ResultMetadata)
		res.Records += int64(len(out.Records))
		iter = out.NextShardIterator
		if len(out.Records) > 0 {
			lastProgress = time.Now()
		} else if time.Since(lastProgress) > idle {
			return nil // open shard with no new records: the caller decides
		}
	}
	return nil
}
