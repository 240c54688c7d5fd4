package itemcodec

import (
	"bytes"
	"testing"

	"github.com/gojets/jets/ddb"
)

func sample() ddb.Item {
	return ddb.Item{
		"id":   ddb.S("x"),
		"n":    ddb.N("-12.5"),
		"b":    ddb.B([]byte{0, 1, 2}),
		"eb":   ddb.B([]byte{}),
		"t":    ddb.Bool(true),
		"f":    ddb.Bool(false),
		"null": ddb.Null(),
		"ss":   {Type: ddb.TypeSS, Strings: []string{"a", ""}},
		"ns":   {Type: ddb.TypeNS, Strings: []string{"1", "2.5"}},
		"bs":   {Type: ddb.TypeBS, Binaries: [][]byte{{1}, {}}},
		"m":    {Type: ddb.TypeM, M: map[string]ddb.Value{"a": ddb.S("b"), "e": {Type: ddb.TypeM, M: map[string]ddb.Value{}}}},
		"l":    {Type: ddb.TypeL, L: []ddb.Value{ddb.N("1"), {Type: ddb.TypeL, L: []ddb.Value{}}, ddb.Null()}},
	}
}

func TestRoundTrip(t *testing.T) {
	it := sample()
	b := Append(nil, it)
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !ddb.ItemsEqual(got, it) {
		t.Fatalf("got %v, want %v", got, it)
	}
	if !bytes.Equal(Append(nil, got), b) {
		t.Fatal("re-encoding differs")
	}
	if e, _ := Decode(Append(nil, ddb.Item{})); len(e) != 0 {
		t.Fatal("empty item")
	}
}

func TestCorruptInput(t *testing.T) {
	b := Append(nil, sample())
	for i := 0; i < len(b); i++ {
		if _, err := Decode(b[:i]); err == nil {
			t.Fatalf("truncated input of %d bytes decoded", i)
		}
	}
	if _, err := Decode(append(b, 0)); err == nil {
		t.Fatal("trailing byte accepted")
	}
	if _, err := Decode([]byte{9}); err == nil {
		t.Fatal("bad version accepted")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Append(nil, sample()))
	f.Fuzz(func(t *testing.T, b []byte) {
		it, err := Decode(b)
		if err != nil {
			return
		}
		if _, err := Decode(Append(nil, it)); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
	})
}
