package engine

import (
	"fmt"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// BenchmarkPutItem measures PutItem from 8 concurrent writers on a
// stream-enabled table, on disk (group-committed fsync) and in memory.
func BenchmarkPutItem(b *testing.B) {
	for _, mode := range []string{"disk", "memory"} {
		b.Run(mode, func(b *testing.B) {
			var e *Engine
			if mode == "disk" {
				e = newDiskEngine(b, b.TempDir())
			} else {
				e = newMemEngine(b)
			}
			mustCreate(b, e, withStream(hashTable("bench"), "NEW_AND_OLD_IMAGES"))
			var next atomic.Int64
			b.SetParallelism((8 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					n := next.Add(1)
					_, err := e.PutItem(ctx, &wire.PutItemInput{TableName: "bench", Item: ddb.Item{
						"id":   ddb.S(fmt.Sprintf("item-%d", n%10000)),
						"name": ddb.S("name-" + strconv.FormatInt(n, 10)),
						"n":    ddb.N(strconv.FormatInt(n, 10)),
					}})
					if err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "puts/s")
			if mode == "disk" {
				b.Logf("N=%d: %v", b.N, &e.sync.stats)
			}
		})
	}
}
