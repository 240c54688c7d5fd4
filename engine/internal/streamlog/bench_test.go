package streamlog

import (
	"context"
	"fmt"
	"testing"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// BenchmarkGetRecords drains 100,000 NEW_AND_OLD_IMAGES records (the seed's
// item shape) with GetRecords at Limit 1000 and reports records/s.
func BenchmarkGetRecords(b *testing.B) {
	const total = 100_000
	f := newFixture(b, noRollover)
	ref := f.enable("bench", ViewNewAndOldImage)
	for i := 0; i < total; {
		batch := f.db.NewBatch()
		var seq uint64
		for j := 0; j < 1000 && i < total; j, i = j+1, i+1 {
			id := ddb.S(fmt.Sprintf("id-%d", i))
			old := ddb.Item{"id": id, "name": ddb.S(fmt.Sprintf("name-%d", i))}
			new := ddb.Item{"id": id, "name": ddb.S(fmt.Sprintf("name-%d-updated", i))}
			var err error
			if seq, err = f.log.Append(batch, ref, Change{Keys: ddb.Item{"id": id}, Old: old, New: new}); err != nil {
				b.Fatal(err)
			}
		}
		f.commit(batch)
		f.log.Durable(seq)
	}
	start := f.firstIterator(ref)
	limit := 1000
	b.ResetTimer()
	for b.Loop() {
		it, n := start, 0
		for it != "" {
			out, err := f.log.GetRecords(context.Background(), region, &wire.GetRecordsInput{ShardIterator: it, Limit: &limit})
			if err != nil {
				b.Fatal(err)
			}
			if len(out.Records) == 0 {
				break
			}
			n += len(out.Records)
			it = out.NextShardIterator
		}
		if n != total {
			b.Fatalf("drained %d records, want %d", n, total)
		}
	}
	b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "records/s")
}
