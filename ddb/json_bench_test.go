package ddb

import (
	"encoding/json"
	"testing"
)

// benchItem is a typical PutItem item: nine attributes of mixed types.
const benchItem = `{"pk":{"S":"user#12345"},"sk":{"S":"order#2026-11-29T12:00:00Z"},` +
	`"amount":{"N":"129.95"},"qty":{"N":"3"},"status":{"S":"SHIPPED"},` +
	`"tags":{"SS":["gift","priority","eu"]},` +
	`"address":{"M":{"street":{"S":"1 Main St"},"city":{"S":"Springfield"},"zip":{"S":"12345"}}},` +
	`"lines":{"L":[{"M":{"sku":{"S":"A-1"},"n":{"N":"1"}}},{"M":{"sku":{"S":"B-2"},"n":{"N":"2"}}}]},` +
	`"active":{"BOOL":true}}`

// BenchmarkDecodeItem decodes benchItem with json.Unmarshal: "new" through
// Item.UnmarshalJSON, "reference" through the reflection-based decoder it
// replaced (jsonref_test.go), and both again inside a PutItem-like request.
func BenchmarkDecodeItem(b *testing.B) {
	data := []byte(benchItem)
	req := []byte(`{"TableName":"orders","Item":` + benchItem + `,"ReturnValues":"NONE"}`)
	b.Run("new", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var it Item
			if err := json.Unmarshal(data, &it); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var it refItem
			if err := json.Unmarshal(data, &it); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("request/new", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(req)))
		for b.Loop() {
			var in struct {
				TableName    string
				Item         Item
				ReturnValues string
			}
			if err := json.Unmarshal(req, &in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("request/reference", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(req)))
		for b.Loop() {
			var in struct {
				TableName    string
				Item         refItem
				ReturnValues string
			}
			if err := json.Unmarshal(req, &in); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkEncodeItem encodes benchItem: "new" with Item.AppendJSON,
// "reference" with the encoder it replaced, both into a reused buffer, and
// both again through json.Marshal as the HTTP layer does.
func BenchmarkEncodeItem(b *testing.B) {
	var it Item
	if err := json.Unmarshal([]byte(benchItem), &it); err != nil {
		b.Fatal(err)
	}
	b.Run("new", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = it.AppendJSON(buf[:0])
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = refAppendItem(buf[:0], it)
		}
	})
	b.Run("marshal/new", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(it); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("marshal/reference", func(b *testing.B) {
		b.ReportAllocs()
		ref := refMarshalItem(it)
		for b.Loop() {
			if _, err := json.Marshal(ref); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// refMarshalItem marshals as Item.MarshalJSON did before json.go's rewrite.
type refMarshalItem Item

func (it refMarshalItem) MarshalJSON() ([]byte, error) { return refAppendItem(nil, Item(it)), nil }
