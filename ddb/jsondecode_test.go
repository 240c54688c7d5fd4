package ddb

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// TestDecodeErrors pins every error the decoder returns, with the exact
// fields the HTTP layer reads (ddbhttp/decode.go maps them to AWS messages).
func TestDecodeErrors(t *testing.T) {
	const (
		empty   = "ValidationException: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
		several = "ValidationException: Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
		null    = "ValidationException: One or more parameter values were invalid: Null attribute value types must have the value of true"
		notNum  = "ValidationException: The parameter cannot be converted to a numeric value: "
	)
	typeErr := func(value string, typ reflect.Type, off int64, strct, field string) error {
		return &json.UnmarshalTypeError{Value: value, Type: typ, Offset: off, Struct: strct, Field: field}
	}
	tests := []struct {
		in   string
		want any // string: the *ddb.Error's text; error: that error
	}{
		// the form of a value
		{`{}`, empty},
		{`null`, empty},
		{`{"x":1,"y":[{"S":1}]}`, empty},
		{`{"S":null}`, empty},
		{`{"S":"a","S":null}`, empty},
		{`{"M":{"a":{}}}`, empty},
		{`{"L":[null]}`, empty},
		{`{"S":"a","N":"1"}`, several},
		{`{"SS":[],"BS":[]}`, several},
		{`{"M":{},"L":[]}`, several},
		{`{"BOOL":true,"B":""}`, several},
		{`{"NULL":false}`, null},
		{`{"S":"a","NULL":false}`, null},
		{`{"L":[{"NULL":false}]}`, null},
		// numbers, through ParseNumber, checked in member order
		{`{"N":"x"}`, notNum + "x"},
		{`{"N":""}`, notNum[:len(notNum)-2]},
		{`{"NS":["1","1x"]}`, notNum + "1x"},
		{`{"N":"x","NULL":false}`, notNum + "x"},
		{`{"NS":["y"],"N":"x"}`, notNum + "x"},
		{`{"N":"1e126"}`, "ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range"},
		{`{"NS":["1e-131"]}`, "ValidationException: Number underflow. Attempting to store a number with magnitude smaller than supported range"},
		{`{"N":"1.00000000000000000000000000000000000001"}`, "ValidationException: Attempting to store more than 38 significant digits in a Number"},
		// JSON type mismatches: offsets count from the value's first byte
		{`{"S":1}`, typeErr("number", reflect.TypeFor[string](), 6, "wireValue", "S")},
		{`{"N":true}`, typeErr("bool", reflect.TypeFor[string](), 9, "wireValue", "N")},
		{`{"S":{"S":"x"}}`, typeErr("object", reflect.TypeFor[string](), 6, "wireValue", "S")},
		{`{"S":["x"]}`, typeErr("array", reflect.TypeFor[string](), 6, "wireValue", "S")},
		{`{"BOOL":"true"}`, typeErr("string", reflect.TypeFor[bool](), 14, "wireValue", "BOOL")},
		{`{"NULL":1}`, typeErr("number", reflect.TypeFor[bool](), 9, "wireValue", "NULL")},
		{`{"B":1}`, typeErr("number", reflect.TypeFor[[]byte](), 6, "wireValue", "B")},
		{`{"B":[1,300]}`, typeErr("number 300", reflect.TypeFor[uint8](), 11, "wireValue", "B")},
		{`{"SS":"x"}`, typeErr("string", reflect.TypeFor[[]string](), 9, "wireValue", "SS")},
		{`{"NS":[1]}`, typeErr("number", reflect.TypeFor[string](), 8, "wireValue", "NS")},
		{`{"BS":{}}`, typeErr("object", reflect.TypeFor[[][]byte](), 7, "wireValue", "BS")},
		{`{"BS":[true]}`, typeErr("bool", reflect.TypeFor[[]byte](), 11, "wireValue", "BS")},
		{`{"M":[]}`, typeErr("array", reflect.TypeFor[map[string]Value](), 6, "wireValue", "M")},
		{`{"L":{}}`, typeErr("object", reflect.TypeFor[[]Value](), 6, "wireValue", "L")},
		{`"S"`, typeErr("string", typeWire, 3, "", "")},
		{`[]`, typeErr("array", typeWire, 1, "", "")},
		{`false`, typeErr("bool", typeWire, 5, "", "")},
		// the first mismatch wins over later ones and over number checks
		{`{"S":1,"N":"x","B":true}`, typeErr("number", reflect.TypeFor[string](), 6, "wireValue", "S")},
		// an error inside M or L stops decoding, with the member's path
		{`{"M":{"a":{"S":1}}}`, typeErr("number", reflect.TypeFor[string](), 6, "wireValue", "M.S")},
		{`{"L":[{"M":{"b":{"L":{}}}}]}`, typeErr("object", reflect.TypeFor[[]Value](), 6, "wireValue", "L.M.L")},
		{`{"L":[1]}`, typeErr("number", typeWire, 1, "wireValue", "L")},
		{`{"S":1,"L":[{}]}`, empty},
		// base64, with encoding/json's rules (padding required, \r \n ignored)
		{`{"B":"AQ"}`, base64.CorruptInputError(0)},
		{`{"B":"A*=="}`, base64.CorruptInputError(1)},
		{`{"BS":["AQ==","Ag="]}`, base64.CorruptInputError(3)},
	}
	for _, tt := range tests {
		var v Value
		err := json.Unmarshal([]byte(tt.in), &v)
		switch want := tt.want.(type) {
		case string:
			var de *Error
			if !errors.As(err, &de) || de.Error() != want {
				t.Errorf("decode %s: %v, want %s", tt.in, err, want)
			}
		case error:
			if !reflect.DeepEqual(err, want) {
				t.Errorf("decode %s: %#v, want %#v", tt.in, err, want)
			}
		}
	}
}

func TestDecodeAcceptsWhatEncodingJSONAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want Value
	}{
		{`{"B":"AQ\r\nID"}`, B([]byte{1, 2, 3})},
		{`{"B":[1,2,255]}`, B([]byte{1, 2, 255})},
		{`{"BS":[[1],"Ag=="]}`, Value{Type: TypeBS, Binaries: [][]byte{{1}, {2}}}},
		{`{"S":"\ud83d\ude00 \ud83d x \u00e9\/"}`, S("😀 \uFFFD x é/")},
		{"{\"S\":\"a\xffb\"}", S("a\uFFFDb")},
		{`{"S":"a","S":"b"}`, S("b")},
		{`{"s":"x","S":"a"}`, S("a")}, // "s" is not a member name
		{`{"SS":["a","b"],"SS":[null]}`, Value{Type: TypeSS, Strings: []string{"a"}}},
		{`{"M":{"a":{"N":"1"}},"M":{"b":{"NULL":true}}}`, Value{Type: TypeM, M: map[string]Value{"a": N("1"), "b": Null()}}},
		{`{"N":"-0012.50e1"}`, N("-125")},
		{` { "BOOL" : false } `, Bool(false)},
	}
	for _, tt := range tests {
		var v Value
		if err := json.Unmarshal([]byte(tt.in), &v); err != nil || !reflect.DeepEqual(v, tt.want) {
			t.Errorf("decode %s = %#v, %v; want %#v", tt.in, v, err, tt.want)
		}
	}
}

func TestItemDecode(t *testing.T) {
	var req struct {
		Item Item
		Key  Item
	}
	if err := json.Unmarshal([]byte(`{"Item":{"a":{"S":"x"},"a":{"N":"1"},"b":{"L":[]}},"Key":null}`), &req); err != nil {
		t.Fatal(err)
	}
	want := Item{"a": N("1"), "b": {Type: TypeL, L: []Value{}}}
	if !reflect.DeepEqual(req.Item, want) || req.Key != nil {
		t.Errorf("decoded %#v, key %#v; want %#v, nil", req.Item, req.Key, want)
	}

	it := Item{"old": S("o")}
	if err := json.Unmarshal([]byte(`{"new":{"S":"n"}}`), &it); err != nil || len(it) != 2 {
		t.Errorf("decode into a non-nil item = %v, %v; want both attributes, as encoding/json kept them", it, err)
	}
	if err := json.Unmarshal([]byte(`null`), &it); err != nil || it != nil {
		t.Errorf("null item = %v, %v; want nil", it, err)
	}

	var e *json.UnmarshalTypeError
	err := json.Unmarshal([]byte(`{"Item":"x"}`), &req)
	if !errors.As(err, &e) || e.Value != "string" || e.Type.Kind() != reflect.Map || e.Field != "Item" {
		t.Errorf("item given a string: %#v, want a type error on a map", err)
	}
	err = json.Unmarshal([]byte(`{"Item":{"a":{"S":true}}}`), &req)
	if !errors.As(err, &e) || e.Error() != "json: cannot unmarshal bool into Go struct field .Item.S of type string" {
		t.Errorf("nested mismatch: %v", err)
	}
}

func TestDecodeSyntaxErrors(t *testing.T) {
	for _, in := range []string{``, `{`, `{"S":"a"`, `{"S":"a"}x`, `{"S":"a",}`, `{"S":"\x"}`, "{\"S\":\"\x01\"}", `{"N":01}`, `{"L":[{}]} ]`} {
		var v Value
		var it Item
		var want *json.SyntaxError
		ref := json.Unmarshal([]byte(in), new(any))
		for _, err := range []error{v.UnmarshalJSON([]byte(in)), it.UnmarshalJSON([]byte(in)), json.Unmarshal([]byte(in), &v)} {
			if !errors.As(err, &want) || err.Error() != ref.Error() {
				t.Errorf("decode %q: %v, want %v", in, err, ref)
			}
		}
	}
}

func TestCanonicalNumberFastPath(t *testing.T) {
	for _, s := range []string{"0", "-1", "10", "0.5", "-0.05", "12.5", "100", "12345678901234567890123456789012345678",
		"1234567890123456789012345678901234567.8", "-0", "00", "01", "1.", ".5", "1.50", "+1", "1e3", "-", "", "1.0",
		"123456789012345678901234567890123456789", "0.000000000000000000000000000000000000001"} {
		got, gerr := canonicalNumber(s)
		n, werr := ParseNumber(s)
		want := ""
		if werr == nil {
			want = n.String()
		}
		if got != want || (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
			t.Errorf("canonicalNumber(%q) = %q, %v; want %q, %v", s, got, gerr, want, werr)
		}
	}
}

func TestDecodeAllocations(t *testing.T) {
	data := []byte(benchItem)
	var ref refItem
	refAllocs := testing.AllocsPerRun(20, func() { ref = nil; _ = json.Unmarshal(data, &ref) })
	var it Item
	allocs := testing.AllocsPerRun(20, func() { it = nil; _ = json.Unmarshal(data, &it) })
	if allocs*2 > refAllocs {
		t.Errorf("decoding allocates %v times, the reflection-based decoder %v: want at most half (about a quarter without -race)", allocs, refAllocs)
	}
	var buf []byte
	if a := testing.AllocsPerRun(20, func() { buf = it.AppendJSON(buf[:0]) }); a != 0 {
		t.Errorf("AppendJSON into a large enough buffer allocates %v times, want 0", a)
	}
}
