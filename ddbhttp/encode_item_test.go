package ddbhttp

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// TestEncodeItemOutput checks that the item outputs' fast path writes
// exactly what encoding/json writes for them.
func TestEncodeItemOutput(t *testing.T) {
	item := ddb.Item{
		"pk":     ddb.S("a<b>&c \u2028 \u2029 \"q\" \\ \x01 \xff end"),
		"n":      ddb.N("-12.50"),
		"b":      ddb.B([]byte{0, 1, 2, 250}),
		"ok":     ddb.Bool(true),
		"nil":    ddb.Null(),
		"ss":     {Type: ddb.TypeSS, Strings: []string{"x", "<y>"}},
		"ns":     {Type: ddb.TypeNS, Strings: []string{"1", "2.5"}},
		"bs":     {Type: ddb.TypeBS, Binaries: [][]byte{{1}, {2, 3}}},
		"l":      {Type: ddb.TypeL, L: []ddb.Value{ddb.S("é"), ddb.N("1")}},
		"m":      {Type: ddb.TypeM, M: map[string]ddb.Value{"z": ddb.S(""), "a": {Type: ddb.TypeM, M: map[string]ddb.Value{}}}},
		"emptyL": {Type: ddb.TypeL, L: []ddb.Value{}},
		"名前 <&>": ddb.S("v"),
	}
	cc := &wire.ConsumedCapacity{TableName: "t<1>", CapacityUnits: 1.5, Table: &wire.Capacity{CapacityUnits: 1.5}}
	outputs := []any{
		(*wire.PutItemOutput)(nil),
		&wire.PutItemOutput{},
		&wire.PutItemOutput{Attributes: ddb.Item{}},
		&wire.PutItemOutput{Attributes: item},
		&wire.PutItemOutput{ConsumedCapacity: cc},
		&wire.PutItemOutput{Attributes: item, ConsumedCapacity: cc},
		(*wire.GetItemOutput)(nil),
		&wire.GetItemOutput{},
		&wire.GetItemOutput{Item: item},
		&wire.GetItemOutput{Item: ddb.Item{"k": ddb.S("v")}, ConsumedCapacity: &wire.ConsumedCapacity{TableName: "t", CapacityUnits: 0.5}},
		&wire.UpdateItemOutput{Attributes: item, ConsumedCapacity: cc},
		&wire.UpdateItemOutput{ConsumedCapacity: cc},
		&wire.DeleteItemOutput{Attributes: item},
		&wire.DeleteItemOutput{},
	}
	for i, v := range outputs {
		got, err := encodeOutput(v)
		if err != nil {
			t.Fatalf("%d (%T): %v", i, v, err)
		}
		if want := referenceEncode(t, v); got.String() != want {
			t.Errorf("%d (%T):\n got %s\nwant %s", i, v, got, want)
		}
		releaseOut(got)
	}
}

// referenceEncode is encodeOutput's general path: encoding/json without
// HTML escaping, no trailing newline, null as {}.
func referenceEncode(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatalf("reference encode %T: %v", v, err)
	}
	s := string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	if s == "null" {
		return "{}"
	}
	return s
}
