package keyenc

import (
	"bytes"
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"

	"github.com/gojets/jets/ddb"
)

func enc(t *testing.T, v ddb.Value) []byte {
	t.Helper()
	b, err := Append(nil, v)
	if err != nil {
		t.Fatalf("Append(%v): %v", v, err)
	}
	return b
}

func TestNumberOrder(t *testing.T) {
	texts := []string{
		"-9.9999999999999999999999999999999999999E+125", "-1e10", "-123.45", "-123.4", "-12",
		"-1", "-0.5", "-0.123", "-0.12", "-1E-130", "0", "1E-130", "0.12", "0.123", "0.5", "1",
		"1.5", "2", "10", "12", "100", "123.4", "123.45", "1e10", "9.9999999999999999999999999999999999999E+125",
	}
	var prev []byte
	for i, s := range texts {
		b := enc(t, ddb.N(s))
		if i > 0 && bytes.Compare(prev, b) >= 0 {
			t.Errorf("encoding of %s does not sort after %s", s, texts[i-1])
		}
		prev = b
		v, rest, err := Decode(b, ddb.TypeN)
		if err != nil || len(rest) != 0 || !ddb.Equal(v, ddb.N(s)) {
			t.Errorf("Decode(%s) = %v, %q, %v", s, v, rest, err)
		}
	}
}

func TestNumberOrderRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vals := make([]ddb.Value, 500)
	for i := range vals {
		f := (r.Float64() - 0.5) * float64(r.IntN(1_000_000))
		vals[i] = ddb.N(formatFloat(f))
	}
	sort.Slice(vals, func(i, j int) bool {
		return bytes.Compare(enc(t, vals[i]), enc(t, vals[j])) < 0
	})
	for i := 1; i < len(vals); i++ {
		if ddb.CompareNumberStrings(vals[i-1].N, vals[i].N) > 0 {
			t.Fatalf("order broken: %s before %s", vals[i-1].N, vals[i].N)
		}
	}
}

func TestBytesOrderAndEscaping(t *testing.T) {
	strs := []string{"", "\x00", "\x00\x00", "\x00\x01", "a", "a\x00", "a\x00b", "a\x01", "ab", "b", "\xff"}
	var prev []byte
	for i, s := range strs {
		for _, v := range []ddb.Value{ddb.S(s), ddb.B([]byte(s))} {
			b := enc(t, v)
			got, rest, err := Decode(b, v.Type)
			if err != nil || len(rest) != 0 || !ddb.Equal(got, v) {
				t.Errorf("Decode(%q) = %v, %q, %v", s, got, rest, err)
			}
		}
		b := enc(t, ddb.S(s))
		if i > 0 && bytes.Compare(prev, b) >= 0 {
			t.Errorf("%q does not sort after %q", s, strs[i-1])
		}
		prev = b
	}
}

func TestCompositeKeysStayOrdered(t *testing.T) {
	// hash "a" with any range sorts before hash "a\x00" with any range.
	k1 := enc(t, ddb.S("a"))
	k1 = append(k1, enc(t, ddb.S("\xff\xff"))...)
	k2 := enc(t, ddb.S("a\x00"))
	k2 = append(k2, enc(t, ddb.S(""))...)
	if bytes.Compare(k1, k2) >= 0 {
		t.Fatal("composite key order broken")
	}
	v, rest, err := Decode(k1, ddb.TypeS)
	if err != nil || v.S != "a" {
		t.Fatalf("decode hash: %v %v", v, err)
	}
	if v, _, err := Decode(rest, ddb.TypeS); err != nil || v.S != "\xff\xff" {
		t.Fatalf("decode range: %v %v", v, err)
	}
}

func TestUnsupported(t *testing.T) {
	if _, err := Append(nil, ddb.Bool(true)); err != ErrUnsupported {
		t.Fatalf("err = %v", err)
	}
	if _, _, err := Decode([]byte{0x99}, ddb.TypeN); err == nil {
		t.Fatal("corrupt number decoded")
	}
	if _, _, err := Decode([]byte{tagBytes, 'a'}, ddb.TypeS); err == nil {
		t.Fatal("unterminated string decoded")
	}
}
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', 12, 64) }

func FuzzOrder(f *testing.F) {
	f.Add("1", "2", "a", "b")
	f.Add("-0.5", "1e-130", "", "\x00")
	f.Add("9.9999999999999999999999999999999999999E+125", "-1", "a\x00", "a")
	f.Fuzz(func(t *testing.T, n1, n2, s1, s2 string) {
		a, err1 := ddb.ParseNumber(n1)
		b, err2 := ddb.ParseNumber(n2)
		if err1 == nil && err2 == nil {
			ea, eb := AppendNumber(nil, a), AppendNumber(nil, b)
			if got, want := bytes.Compare(ea, eb), a.Cmp(b); got != want {
				t.Fatalf("numbers %s, %s: encodings compare %d, values %d", n1, n2, got, want)
			}
			if v, rest, err := Decode(ea, ddb.TypeN); err != nil || len(rest) != 0 || ddb.CompareNumberStrings(v.N, a.String()) != 0 {
				t.Fatalf("decode %s: %v %q %v", n1, v, rest, err)
			}
		}
		ea, eb := enc(t, ddb.S(s1)), enc(t, ddb.S(s2))
		if got, want := bytes.Compare(ea, eb), bytes.Compare([]byte(s1), []byte(s2)); got != want {
			t.Fatalf("strings %q, %q: encodings compare %d, bytes %d", s1, s2, got, want)
		}
	})
}
