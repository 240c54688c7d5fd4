package streamlog

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// A writer (rolling over as the clock moves), Maintain and a reader that
// follows the shard lineage run at once; the reader sees every record
// exactly once, in order.
func TestConcurrentAppendReadRollover(t *testing.T) {
	const total = 3000
	f := newFixture(t, func(c *Config) {
		c.IteratorTTL = 1000 * time.Hour
		c.Retention = 1000 * time.Hour
	})
	ref := f.enable("concurrent", ViewNewImage)
	arn := f.arn(ref)
	firstShard := f.describe(arn).Shards[0].ShardID
	ctx := context.Background()

	var wg sync.WaitGroup
	errs := make(chan error, 3)
	wg.Add(2)
	go func() { // the engine: lock, append, apply, Durable
		defer wg.Done()
		for i := range total {
			if i%500 == 499 {
				f.clock.Add(2 * time.Hour)
			}
			b := f.db.NewBatch()
			it := ddb.Item{"id": ddb.S(fmt.Sprintf("%05d", i))}
			seq, err := f.log.Append(b, ref, Change{Keys: it, New: it})
			if err == nil {
				err = b.Commit(nil)
			}
			b.Close()
			if err != nil {
				errs <- err
				return
			}
			f.log.Durable(seq)
		}
	}()
	go func() {
		defer wg.Done()
		for range 20 {
			if err := f.log.Maintain(ctx); err != nil {
				errs <- err
				return
			}
		}
	}()

	var got []string
	shardID := firstShard
	iter := f.iterator(arn, shardID, iterTrimHorizon, "")
	deadline := time.Now().Add(20 * time.Second)
	for len(got) < total && time.Now().Before(deadline) {
		out, err := f.log.GetRecords(ctx, region, &wire.GetRecordsInput{ShardIterator: iter})
		if err != nil {
			t.Fatalf("get records: %v", err)
		}
		for _, r := range out.Records {
			got = append(got, r.Dynamodb.Keys["id"].S)
		}
		if out.NextShardIterator != "" {
			iter = out.NextShardIterator
			continue
		}
		d, err := f.log.DescribeStream(ctx, region, &wire.DescribeStreamInput{StreamArn: arn,
			ShardFilter: &wire.ShardFilter{Type: "CHILD_SHARDS", ShardID: shardID}})
		if err != nil || len(d.StreamDescription.Shards) != 1 {
			t.Fatalf("children of closed %s: %v %+v", shardID, err, d)
		}
		shardID = d.StreamDescription.Shards[0].ShardID
		iter = f.iterator(arn, shardID, iterTrimHorizon, "")
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(got) != total {
		t.Fatalf("read %d records, want %d", len(got), total)
	}
	for i, id := range got {
		if id != fmt.Sprintf("%05d", i) {
			t.Fatalf("record %d is %s", i, id)
		}
	}
	if n := len(f.describe(arn).Shards); n < 3 {
		t.Errorf("only %d shards: no rollover happened", n)
	}
}
