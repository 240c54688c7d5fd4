package engine

import (
	"github.com/gojets/jets/wire"
)

// writeUnits is the write capacity a write consumes: one unit per KB of the
// larger of the old and new item, at least one.
func writeUnits(r writeResult) func() float64 {
	return func() float64 {
		return float64(max(1, (max(r.oldSize, r.newSize)+1023)/1024))
	}
}

// readUnits is the read capacity a read of size bytes consumes: one unit
// per 4 KB (at least one), halved for eventually consistent reads.
func readUnits(size int, consistent bool) func() float64 {
	return func() float64 {
		u := float64(max(1, (size+4095)/4096))
		if !consistent {
			u /= 2
		}
		return u
	}
}

// consumed returns the ConsumedCapacity to report for mode: TOTAL gives the
// table's units, INDEXES adds the per-table breakdown; NONE or empty gives
// nil (and units is not called).
func consumed(mode, table string, units func() float64) *wire.ConsumedCapacity {
	switch mode {
	case "TOTAL":
		return &wire.ConsumedCapacity{TableName: table, CapacityUnits: units()}
	case "INDEXES":
		u := units()
		return &wire.ConsumedCapacity{TableName: table, CapacityUnits: u, Table: &wire.Capacity{CapacityUnits: u}}
	}
	return nil
}
