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
	if _, err := Decode(append([]byte{Version + 1}, b[1:]...)); err == nil {
		t.Fatal("a newer version accepted")
	}
	deep := ddb.Null()
	for range maxDepth + 2 {
		deep = ddb.Value{Type: ddb.TypeL, L: []ddb.Value{deep}}
	}
	if _, err := Decode(Append(nil, ddb.Item{"d": deep})); err == nil {
		t.Fatal("nesting beyond maxDepth accepted")
	}
}

// A record embeds several items after a header of its own; a Decoder reads
// them one after another and leaves what follows.
func TestDecoderReadsEmbeddedItems(t *testing.T) {
	keys := ddb.Item{"id": ddb.S("x")}
	rec := AppendItem([]byte("header"), keys)
	rec = AppendItem(rec, sample())
	rec = append(rec, "tail"...)
	for name, d := range map[string]Decoder{
		"copying": NewDecoder(rec[len("header"):]),
		"shared":  NewSharedDecoder(rec[len("header"):]),
	} {
		k, err := d.Item()
		if err != nil || !ddb.ItemsEqual(k, keys) {
			t.Fatalf("%s: first item %v, %v", name, k, err)
		}
		it, err := d.Item()
		if err != nil || !ddb.ItemsEqual(it, sample()) {
			t.Fatalf("%s: second item %v, %v", name, it, err)
		}
		if string(d.Rest()) != "tail" {
			t.Fatalf("%s: rest %q, want %q", name, d.Rest(), "tail")
		}
		if _, err := d.Item(); err == nil {
			t.Fatalf("%s: decoded an item from %q", name, "tail")
		}
		if _, err := d.Item(); err != ErrCorrupt {
			t.Fatalf("%s: after an error, Item returned %v", name, err)
		}
	}
}

// Decoded items never alias the input, shared or not.
func TestDecodedItemsOwnTheirMemory(t *testing.T) {
	for name, decode := range map[string]func([]byte) Decoder{"copying": NewDecoder, "shared": NewSharedDecoder} {
		b := AppendItem(nil, sample())
		d := decode(b)
		it, err := d.Item()
		if err != nil {
			t.Fatal(err)
		}
		clear(b)
		if !ddb.ItemsEqual(it, sample()) {
			t.Fatalf("%s: item changed with its input: %v", name, it)
		}
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
		d := NewSharedDecoder(b[1:])
		shared, err := d.Item()
		if err != nil || len(d.Rest()) != 0 || !ddb.ItemsEqual(shared, it) {
			t.Fatalf("shared decoding differs: %v, %v", shared, err)
		}
	})
}
