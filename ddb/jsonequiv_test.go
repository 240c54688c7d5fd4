package ddb

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzDecodeEquivalence decodes arbitrary bytes with the hand-written
// decoder and with the reflection-based one it replaced (jsonref_test.go),
// as a Value, as an Item, inside a request-like struct, and by calling
// UnmarshalJSON directly, and requires the same value or the same error
// (type, message, and for type errors their fields and offset).
//
// Intended differences, skipped here: member names are matched exactly ("s"
// is not "S"); an Item that is neither an object nor null reports its
// offset within the item's own bytes.
func FuzzDecodeEquivalence(f *testing.F) {
	for _, seed := range equivalenceSeeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkEquivalence(t, data)
	})
}

// equivalenceSeeds are the in-code seeds; testdata/fuzz holds more.
var equivalenceSeeds = []string{
	`{"S":"a"}`, `{"N":"-0012.50e3"}`, `{"B":"Zm9v"}`, `{"SS":["a","b"]}`, `{"NS":["1","1.0"]}`,
	`{"BS":["AQ=="]}`, `{"M":{"a":{"L":[{"NULL":true}]}}}`, `{"L":[{"BOOL":false},{"N":"1e-130"}]}`,
	`{"NULL":false}`, `{}`, `{"S":"a","N":"1"}`, `{"s":"x"}`, `{"B":"Yh=="}`, `{"S":"\u003c\ud800"}`,
	`null`, `[]`, `{"S":1}`, `{"SS":"x"}`, `{"B":[1,2,300]}`, `{"a":{"S":"x"},"b":{"N":"1"}}`,
	benchItem,
}

func checkEquivalence(t *testing.T, data []byte) {
	t.Helper()
	folded := hasFoldedMemberName(data)
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	itemNotObject := len(trimmed) > 0 && trimmed[0] != '{' && trimmed[0] != 'n'

	var nv Value
	var rv refValue
	compareDecode(t, "json.Unmarshal Value", folded, false, json.Unmarshal(data, &nv), json.Unmarshal(data, &rv), nv, Value(rv))

	nv, rv = Value{}, refValue{}
	compareDecode(t, "Value.UnmarshalJSON", folded, false, nv.UnmarshalJSON(data), rv.UnmarshalJSON(data), nv, Value(rv))

	var ni Item
	var ri refItem
	compareDecode(t, "json.Unmarshal Item", folded, itemNotObject, json.Unmarshal(data, &ni), json.Unmarshal(data, &ri), ni, ri.value())

	ni, ri = Item{"old": S("kept")}, refItem{"old": refValue(S("kept"))}
	compareDecode(t, "json.Unmarshal into a non-nil Item", folded, itemNotObject, json.Unmarshal(data, &ni), json.Unmarshal(data, &ri), ni, ri.value())

	wrapped := append(append([]byte(`{"TableName":"t","Item":`), data...), `,"Values":[{"S":"x"}]}`...)
	var nreq struct {
		TableName string
		Item      Item
		Values    []Value
	}
	var rreq struct {
		TableName string
		Item      refItem
		Values    []refValue
	}
	compareDecode(t, "request", folded, itemNotObject, json.Unmarshal(wrapped, &nreq), json.Unmarshal(wrapped, &rreq), nreq.Item, rreq.Item.value())

	inList := append(append([]byte(`{"L":[{"S":"x"},`), data...), `]}`...)
	nv, rv = Value{}, refValue{}
	compareDecode(t, "list member", folded, false, json.Unmarshal(inList, &nv), json.Unmarshal(inList, &rv), nv, Value(rv))
}

// compareDecode fails t unless both decoders gave the same value or the
// same error. folded: the input has member names that only differ by case,
// where the decoders intentionally disagree. ignoreOffset: an Item that is
// not an object, whose error offset is relative to its own bytes.
func compareDecode(t *testing.T, what string, folded, ignoreOffset bool, newErr, refErr error, newVal, refVal any) {
	t.Helper()
	diff := errorDiff(newErr, refErr, ignoreOffset)
	if diff == "" && newErr == nil && !reflect.DeepEqual(newVal, refVal) {
		diff = fmt.Sprintf("values differ:\n new %#v\n ref %#v", newVal, refVal)
	}
	if diff == "" || folded {
		return
	}
	t.Fatalf("%s: %s", what, diff)
}

// errorDiff describes how two decode errors differ, or returns "".
func errorDiff(newErr, refErr error, ignoreOffset bool) string {
	if newErr == nil && refErr == nil {
		return ""
	}
	mismatch := fmt.Sprintf("errors differ:\n new %T %v\n ref %T %v", newErr, newErr, refErr, refErr)
	if newErr == nil || refErr == nil || reflect.TypeOf(newErr) != reflect.TypeOf(refErr) {
		return mismatch
	}
	var nt, rt *json.UnmarshalTypeError
	if errors.As(newErr, &nt) && errors.As(refErr, &rt) {
		if nt.Value != rt.Value || nt.Struct != strings.ReplaceAll(rt.Struct, "refWire", "wireValue") ||
			nt.Field != rt.Field || nt.Type.String() != refErrorText(errors.New(rt.Type.String())) ||
			nt.Type.Kind() != rt.Type.Kind() || (!ignoreOffset && nt.Offset != rt.Offset) {
			return mismatch + fmt.Sprintf("\n new %+v\n ref %+v", *nt, *rt)
		}
		return ""
	}
	var ns, rs *json.SyntaxError
	if errors.As(newErr, &ns) && errors.As(refErr, &rs) && ns.Offset != rs.Offset {
		return mismatch
	}
	if newErr.Error() != refErr.Error() {
		return mismatch
	}
	return ""
}

// hasFoldedMemberName reports whether data holds a JSON string equal to a
// member name (S, NULL, …) under encoding/json's case folding but not
// exactly.
func hasFoldedMemberName(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		s, ok := tok.(string)
		if !ok {
			continue
		}
		for _, name := range typeNames[1:] {
			if s != name && bytes.Equal(foldForTest([]byte(s)), []byte(name)) {
				return true
			}
		}
	}
}

// foldForTest is encoding/json's foldName: ASCII upper case, other runes the
// smallest of their fold set.
func foldForTest(in []byte) []byte {
	var out []byte
	for i := 0; i < len(in); {
		if c := in[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:])
		for {
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	return out
}

// TestDecodeEquivalenceCorpus runs the differential check over the corpus
// in testdata/fuzz and over hand-picked inputs for every branch.
func TestDecodeEquivalenceCorpus(t *testing.T) {
	for _, in := range append(append([]string{}, equivalenceSeeds...), equivalenceCases...) {
		checkEquivalence(t, []byte(in))
	}
}

// equivalenceCases exercise each branch of the decoder against the reference.
var equivalenceCases = []string{
	// every type, canonical and not
	`{"N":"5"}`, `{"N":"-0"}`, `{"N":"0.50"}`, `{"N":"+1"}`, `{"N":"1e5"}`, `{"N":"12345678901234567890123456789012345678"}`,
	`{"N":"123456789012345678901234567890123456789"}`, `{"N":"0.00000000000000000000000000000000000001"}`,
	`{"NS":["5","-0.5","007"]}`, `{"NS":[]}`, `{"SS":[]}`, `{"BS":[]}`, `{"L":[]}`, `{"M":{}}`, `{"B":""}`,
	`{"BOOL":true}`, `{"BOOL":false}`, `{"NULL":true}`, `{"BOOL":null}`, `{"S":null,"N":"1"}`,
	// escapes and UTF-8
	`{"S":"\"\\\/\b\f\n\r\t\u00e9\ud834\udd1e"}`, `{"S":"\ud834"}`, `{"S":"\udd1e\ud834x"}`, `{"S":"\ud834\u0041"}`,
	"{\"S\":\"\xff\xfe ok \xc3\"}", `{"\u0053":"escaped name"}`, "{\"a\xff\":{\"S\":\"bad name\"}}",
	// whitespace everywhere
	" \t\r\n{ \"S\" : \"a\" , \"x\" : [ 1 , { } ] } \n",
	// type mismatches at every member
	`{"S":1}`, `{"S":true}`, `{"S":false}`, `{"S":{}}`, `{"S":[]}`, `{"N":1.5}`, `{"N":-1}`,
	`{"B":1}`, `{"B":true}`, `{"B":{}}`, `{"B":[1,"x"]}`, `{"B":[1.5]}`, `{"B":[-1]}`, `{"B":[256]}`, `{"B":[null,{}]}`, `{"B":[[]]}`, `{"B":[true]}`,
	`{"SS":1}`, `{"SS":{}}`, `{"SS":[1]}`, `{"SS":[true]}`, `{"SS":[{}]}`, `{"SS":[[]]}`, `{"SS":[null]}`, `{"SS":["a",null]}`,
	`{"BS":1}`, `{"BS":"x"}`, `{"BS":[1]}`, `{"BS":[[1,2],null]}`, `{"BS":[{}]}`, `{"BS":["!"]}`,
	`{"M":1}`, `{"M":"x"}`, `{"M":[]}`, `{"M":true}`, `{"M":{"a":1}}`, `{"M":{"a":null}}`, `{"M":{"a":{"S":1}}}`, `{"M":{"a":{"M":{"b":[]}}}}`,
	`{"L":1}`, `{"L":{}}`, `{"L":"x"}`, `{"L":[1]}`, `{"L":[null]}`, `{"L":["x"]}`, `{"L":[[]]}`, `{"L":[{"S":{}}]}`, `{"L":[{"L":[true]}]}`,
	`{"NULL":1}`, `{"NULL":"true"}`, `{"NULL":{}}`, `{"BOOL":[]}`, `{"BOOL":"x"}`,
	`1`, `"x"`, `true`, `false`, `[1]`, ` [ ]`, ` "x"`,
	// base64
	`{"B":"AQ="}`, `{"B":"AQ"}`, `{"B":"A\nQ\r=="}`, `{"B":"A\\nQ=="}`, `{"B":"AQ==AQ=="}`, `{"B":"****"}`, `{"B":"YQ"}`, `{"B":"YR=="}`,
	// error precedence
	`{"S":1,"N":"x"}`, `{"N":"x","S":1}`, `{"S":1,"M":{"a":{}}}`, `{"M":{"a":{}},"S":1}`, `{"B":"!","S":1}`, `{"S":1,"B":"!"}`,
	`{"N":"x","NULL":false}`, `{"NULL":false,"S":"a"}`, `{"S":"a","NULL":false}`, `{"NS":["x"],"N":"y"}`, `{"L":[{}],"M":{"a":{"S":1}}}`,
	`{"M":{"a":{"S":1}},"L":[{}]}`, `{"S":"a","BOOL":true}`, `{"x":1,"y":{"S":1}}`,
	// duplicate members
	`{"S":"a","S":"b"}`, `{"S":"a","S":null}`, `{"S":"a","S":1}`, `{"M":{"a":{"S":"x"}},"M":{"b":{"S":"y"}}}`, `{"M":{"a":{"S":"x"}},"M":null}`,
	`{"SS":["a","b"],"SS":["x"],"SS":["y",null]}`, `{"SS":["a"],"SS":[]}`, `{"B":"AQID","B":[null,null,null]}`, `{"B":"AQID","B":[9]}`,
	`{"BS":["AQ==","Ag=="],"BS":[null]}`, `{"BS":[[1,2]],"BS":[[null]]}`, `{"L":[{"S":"a"},{"S":"b"}],"L":[{"S":"c"}]}`,
	`{"a":{"S":"x"},"a":{"N":"1"}}`, `{"M":{"a":{"S":"x"},"a":{"N":"1"}}}`,
	// case-insensitive names (skipped as intended differences, must not crash)
	`{"s":"a"}`, `{"ſ":"a"}`, `{"bool":true}`, `{"Ss":["a"]}`,
	// syntax errors
	``, ` `, `{`, `{"S":"a"`, `{"S":"a"}x`, `{"S":"a",}`, `{"S" "a"}`, `{"S":'a'}`, `{"S":"\x"}`, `{"S":"\u12"}`, "{\"S\":\"\x01\"}",
	`{"N":01}`, `{"B":[1,]}`, `{"L":[{}],}`, `{"M":{"a":{}},"x":}`, `{"L":[{}]} x`, `tru`, `nul`, `-`, `1.`, `1e`, `{"S":"a"}}`,
}

// TestDecodeDeepNesting checks encoding/json's nesting limit (10000) at its
// edge; the reference decoder is quadratic in depth, so it is compared at a
// smaller depth only.
func TestDecodeDeepNesting(t *testing.T) {
	nested := func(depth int) []byte {
		return []byte(strings.Repeat(`{"L":[`, depth) + `{"S":"x"}` + strings.Repeat(`]}`, depth))
	}
	checkEquivalence(t, nested(100))
	var v Value
	if err := json.Unmarshal(nested(4999), &v); err != nil { // 9999 levels
		t.Fatalf("depth 9999: %v", err)
	}
	var syn *json.SyntaxError
	for _, err := range []error{json.Unmarshal(nested(5000), &v), v.UnmarshalJSON(nested(5000))} {
		if !errors.As(err, &syn) || !strings.Contains(err.Error(), "exceeded max depth") {
			t.Fatalf("depth 10001: %v, want encoding/json's max depth SyntaxError", err)
		}
	}
}
