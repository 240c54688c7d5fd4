package bench

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// putResult is the outcome of a PutItem phase.
type putResult struct {
	Writes  int64
	Errors  int64
	Retries int64
	Elapsed time.Duration
	// PerClient counts the items each client wrote: client c wrote
	// itemKey(c, 0) … itemKey(c, PerClient[c]-1).
	PerClient []int64
}

func (r putResult) rate() float64 { return perSecond(r.Writes, r.Elapsed) }

func itemKey(client int, i int64) string {
	return "c" + strconv.Itoa(client) + "-" + strconv.FormatInt(i, 10)
}

var payload = strings.Repeat("x", 64)

// putItems runs clients concurrent PutItem loops, each with its own SDK
// client, until d has passed or, with stopAt > 0, total writes reach stopAt.
// start continues the key numbering of an earlier phase.
func putItems(ctx context.Context, ep endpoint, clients int, d time.Duration, stopAt int64, start []int64) (putResult, error) {
	res := putResult{PerClient: make([]int64, clients)}
	if start != nil {
		copy(res.PerClient, start)
	}
	var writes, errs, retried atomic.Int64
	var firstErr error
	var once sync.Once
	runCtx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var wg sync.WaitGroup
	t0 := time.Now()
	for c := range clients {
		db := ep.newDynamo()
		wg.Go(func() {
			for runCtx.Err() == nil && (stopAt <= 0 || writes.Load() < stopAt) {
				i := res.PerClient[c]
				n, err := putOne(runCtx, db, itemKey(c, i), i)
				retried.Add(n)
				if err != nil {
					if runCtx.Err() != nil {
						return
					}
					errs.Add(1)
					once.Do(func() { firstErr = err })
					continue
				}
				res.PerClient[c]++
				writes.Add(1)
			}
		})
	}
	wg.Wait()
	res.Elapsed, res.Writes, res.Errors, res.Retries = time.Since(t0), writes.Load(), errs.Load(), retried.Load()
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if firstErr != nil && res.Writes == 0 {
		return res, fmt.Errorf("put item: %w", firstErr)
	}
	if firstErr != nil {
		return res, errors.Join(errPartial, fmt.Errorf("put item: %d errors, first: %w", res.Errors, firstErr))
	}
	return res, nil
}

var errPartial = errors.New("some requests failed")

// putOne writes one item and returns the SDK's retry count.
func putOne(ctx context.Context, db *dynamodb.Client, key string, i int64) (int64, error) {
	out, err := db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(tableName),
		Item: map[string]types.AttributeValue{
			"pk":   &types.AttributeValueMemberS{Value: key},
			"n":    &types.AttributeValueMemberN{Value: strconv.FormatInt(i, 10)},
			"data": &types.AttributeValueMemberS{Value: payload},
			"ok":   &types.AttributeValueMemberBOOL{Value: true},
		},
	})
	if err != nil {
		return 0, err
	}
	return retries(out.ResultMetadata), nil
}

func perSecond(n int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}
