package bench

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// latencyResult summarizes sequential GetItem calls.
type latencyResult struct {
	Count    int
	Retries  int64
	P50, P99 time.Duration
}

// getLatency times n sequential GetItem calls on keys written by the put
// phase (after a short warm-up), stopping early after maxTime.
func getLatency(ctx context.Context, ep endpoint, n int, maxTime time.Duration, perClient []int64) (latencyResult, error) {
	db := ep.newDynamo()
	keys := sampleKeys(perClient, n)
	if len(keys) == 0 {
		return latencyResult{}, fmt.Errorf("get item: no items written")
	}
	for i := range min(50, len(keys)) {
		if _, err := getOne(ctx, db, keys[i]); err != nil {
			return latencyResult{}, err
		}
	}
	lat := make([]time.Duration, 0, n)
	var retried int64
	deadline := time.Now().Add(maxTime)
	for i := 0; i < n && time.Now().Before(deadline); i++ {
		t0 := time.Now()
		r, err := getOne(ctx, db, keys[i%len(keys)])
		if err != nil {
			return latencyResult{}, err
		}
		retried += r
		lat = append(lat, time.Since(t0))
	}
	return latencyResult{Count: len(lat), Retries: retried, P50: Percentile(lat, 50), P99: Percentile(lat, 99)}, nil
}

// getOne reads one item and returns the SDK's retry count.
func getOne(ctx context.Context, db *dynamodb.Client, key string) (int64, error) {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(tableName),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
	})
	if err != nil {
		return 0, fmt.Errorf("get item: %w", err)
	}
	if out.Item == nil {
		return 0, fmt.Errorf("get item %s: not found", key)
	}
	return retries(out.ResultMetadata), nil
}

// sampleKeys spreads n keys over everything the clients wrote.
func sampleKeys(perClient []int64, n int) []string {
	var keys []string
	for i := 0; len(keys) < n; i++ {
		progressed := false
		for c, written := range perClient {
			// stride through each client's keys
			j := int64(i) * 7919 % max(written, 1)
			if written > 0 && int64(i) < written {
				keys = append(keys, itemKey(c, j))
				progressed = true
			}
		}
		if !progressed {
			break
		}
	}
	return keys
}

// Percentile returns the p-th percentile (0 < p ≤ 100) of ds by the
// nearest-rank method: the smallest value with at least p% of the values at
// or below it. ds need not be sorted; it is not modified. Empty ds gives 0.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	rank = min(max(rank, 1), len(s))
	return s[rank-1]
}
