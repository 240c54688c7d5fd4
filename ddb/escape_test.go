package ddb

import (
	"encoding/json"
	"testing"
)

func TestAppendStringMatchesJSON(t *testing.T) {
	for _, s := range []string{"", "plain", "q\"b\\s", "\x00\x01\x1f\x7f", "tab\tnl\nr\r", "é𝄞", "\u2028\u2029", "bad\xffutf8", "<>&"} {
		var back string
		if err := json.Unmarshal(appendString(nil, s), &back); err != nil {
			t.Fatalf("%q: %v (%s)", s, err, appendString(nil, s))
		}
		want := s
		var w string
		b, _ := json.Marshal(s)
		_ = json.Unmarshal(b, &w)
		if back != w {
			t.Errorf("%q round-trips to %q, want %q", s, back, w)
		}
		_ = want
	}
	it := Item{"\x00a\x7f": S("v")}
	b, _ := it.MarshalJSON()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("item with control characters in a name: %v: %s", err, b)
	}
}
