package ddb_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/gojets/jets/ddb"
)

// FuzzValueJSON checks that decoding never panics and that a decoded value
// is stable: decode → encode → decode → encode gives the same bytes.
func FuzzValueJSON(f *testing.F) {
	for _, seed := range []string{
		`{"S":"a"}`, `{"N":"-0012.50e3"}`, `{"B":"Zm9v"}`, `{"SS":["a","b"]}`,
		`{"NS":["1","1.0"]}`, `{"BS":["AQ=="]}`, `{"M":{"a":{"L":[{"NULL":true}]}}}`,
		`{"L":[{"BOOL":false},{"N":"1e-130"}]}`, `{"NULL":false}`, `{}`, `{"S":"a","N":"1"}`,
		`{"N":"9.9999999999999999999999999999999999999E+125"}`, `{"s":"x"}`, `{"B":"Yh=="}`,
		`{"S":"\u003c\ud800"}`, `null`, `[]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v ddb.Value
		if err := json.Unmarshal(data, &v); err != nil {
			return
		}
		_ = ddb.ValidateValue(v)
		_ = ddb.ValueSize(v)
		first, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("encode %+v: %v", v, err)
		}
		var again ddb.Value
		if err := json.Unmarshal(first, &again); err != nil {
			t.Fatalf("decode of our own encoding %s: %v", first, err)
		}
		if !ddb.Equal(v, again) {
			t.Fatalf("decode(encode(v)) != v for %s", first)
		}
		second, _ := json.Marshal(again)
		if !bytes.Equal(first, second) {
			t.Fatalf("unstable encoding: %s then %s", first, second)
		}
		if ddb.ValueSize(v) != ddb.ValueSize(again) {
			t.Fatalf("size changed across a round trip of %s", first)
		}
	})
}
