package ddb_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/gojets/jets/ddb"
)

func TestValueJSONRoundTripAllTypes(t *testing.T) {
	tests := []struct {
		name  string
		in    string // DynamoDB JSON, possibly non-canonical
		want  ddb.Value
		canon string // the encoding of want
	}{
		{"S", `{"S":"héllo \"x\""}`, ddb.S(`héllo "x"`), `{"S":"héllo \"x\""}`},
		{"S empty", `{"S":""}`, ddb.S(""), `{"S":""}`},
		{"N", `{"N":"0012.50"}`, ddb.N("12.5"), `{"N":"12.5"}`},
		{"N exp", `{"N":"-1E+3"}`, ddb.N("-1000"), `{"N":"-1000"}`},
		{"B", `{"B":"Zm9vYmFy"}`, ddb.B([]byte("foobar")), `{"B":"Zm9vYmFy"}`},
		{"B empty", `{"B":""}`, ddb.B([]byte{}), `{"B":""}`},
		{"SS", `{"SS":["a","b"]}`, ddb.Value{Type: ddb.TypeSS, Strings: []string{"a", "b"}}, `{"SS":["a","b"]}`},
		{"NS", `{"NS":["1.0","2e1"]}`, ddb.Value{Type: ddb.TypeNS, Strings: []string{"1", "20"}}, `{"NS":["1","20"]}`},
		{"BS", `{"BS":["AQ==","Ag=="]}`, ddb.Value{Type: ddb.TypeBS, Binaries: [][]byte{{1}, {2}}}, `{"BS":["AQ==","Ag=="]}`},
		{"M", `{"M":{"b":{"N":"1"},"a":{"S":"x"}}}`, ddb.Value{Type: ddb.TypeM, M: map[string]ddb.Value{"a": ddb.S("x"), "b": ddb.N("1")}}, `{"M":{"a":{"S":"x"},"b":{"N":"1"}}}`},
		{"M empty", `{"M":{}}`, ddb.Value{Type: ddb.TypeM, M: map[string]ddb.Value{}}, `{"M":{}}`},
		{"L", `{"L":[{"BOOL":false},{"NULL":true},{"L":[]}]}`, ddb.Value{Type: ddb.TypeL, L: []ddb.Value{ddb.Bool(false), ddb.Null(), {Type: ddb.TypeL, L: []ddb.Value{}}}}, `{"L":[{"BOOL":false},{"NULL":true},{"L":[]}]}`},
		{"NULL", `{"NULL":true}`, ddb.Null(), `{"NULL":true}`},
		{"BOOL true", `{"BOOL":true}`, ddb.Bool(true), `{"BOOL":true}`},
		{"BOOL false", `{"BOOL":false}`, ddb.Bool(false), `{"BOOL":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v ddb.Value
			if err := json.Unmarshal([]byte(tt.in), &v); err != nil {
				t.Fatalf("decode %s: %v", tt.in, err)
			}
			if !ddb.Equal(v, tt.want) {
				t.Fatalf("decode %s = %+v, want %+v", tt.in, v, tt.want)
			}
			out, err := json.Marshal(v)
			if err != nil || string(out) != tt.canon {
				t.Fatalf("encode = %s, %v; want %s", out, err, tt.canon)
			}
			if got := string(v.AppendJSON([]byte("x"))); got != "x"+tt.canon {
				t.Errorf("AppendJSON = %s, want x%s", got, tt.canon)
			}
			var again ddb.Value
			if err := json.Unmarshal(out, &again); err != nil || !ddb.Equal(again, v) {
				t.Errorf("decode of the encoding = %+v, %v; want %+v", again, err, v)
			}
		})
	}
}

func TestItemJSON(t *testing.T) {
	in := `{"pk":{"S":"k"},"n":{"N":"1.50"},"m":{"M":{"z":{"NULL":true},"a":{"SS":["x"]}}}}`
	var it ddb.Item
	if err := json.Unmarshal([]byte(in), &it); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(it)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"m":{"M":{"a":{"SS":["x"]},"z":{"NULL":true}}},"n":{"N":"1.5"},"pk":{"S":"k"}}`
	if string(out) != want {
		t.Errorf("encode = %s, want %s (sorted names, canonical numbers)", out, want)
	}
	var nilItem ddb.Item
	if out, _ := json.Marshal(nilItem); string(out) != "null" {
		t.Errorf("nil item encodes as %s, want null", out)
	}
	if out, _ := json.Marshal(ddb.Item{}); string(out) != "{}" {
		t.Errorf("empty item encodes as %s, want {}", out)
	}
}

func TestValueJSONDecodeErrors(t *testing.T) {
	const (
		empty   = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
		several = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
		null    = "One or more parameter values were invalid: Null attribute value types must have the value of true"
	)
	tests := []struct {
		in, want string
	}{
		{`{}`, empty},
		{`null`, empty},
		{`{"a":""}`, empty},
		{`{"S":null}`, empty},
		{`{"M":{"a":{}}}`, empty},
		{`{"L":[{}]}`, empty},
		{`{"L":[{"a":{}}]}`, empty},
		{`{"S":"a","N":"1"}`, several},
		{`{"NULL":true,"BOOL":true}`, several},
		{`{"SS":["a"],"L":[]}`, several},
		{`{"NULL":false}`, null},
		{`{"L":[{"NULL":false}]}`, null},
		{`{"N":"b"}`, msgNotNumeric + ": b"},
		{`{"S":"a","N":"b"}`, msgNotNumeric + ": b"},
		{`{"N":""}`, msgNotNumeric},
		{`{"S":"","N":""}`, msgNotNumeric},
		{`{"NS":["1","b"]}`, msgNotNumeric + ": b"},
		{`{"NS":["1",""]}`, msgNotNumeric},
		{`{"N":"1e126"}`, msgOverflow},
		{`{"M":{"x":{"NS":["1e-131"]}}}`, msgUnderflow},
		{`{"N":"123456789012345678901234567890123456789"}`, msgDigits},
		// Member names are case-sensitive on the wire: "s" is not "S".
		{`{"s":"a"}`, empty},
		{`{"bool":true}`, empty},
	}
	for _, tt := range tests {
		var v ddb.Value
		err := json.Unmarshal([]byte(tt.in), &v)
		var e *ddb.Error
		ok := errors.As(err, &e) && e.Code == ddb.CodeValidation && e.Message == tt.want
		if ok {
			continue
		}
		t.Errorf("decode %s: error %v, want ValidationException %q", tt.in, err, tt.want)
	}
}

func TestValueJSONSyntaxErrors(t *testing.T) {
	for _, in := range []string{`{"S":1}`, `{"N":1}`, `{"B":"!!"}`, `{"SS":"a"}`, `{"BOOL":"true"}`, `{"M":[]}`, `[]`, `"S"`} {
		var v ddb.Value
		err := json.Unmarshal([]byte(in), &v)
		if err == nil {
			t.Errorf("decode %s: no error, want one", in)
		}
	}
}
