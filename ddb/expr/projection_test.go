package expr

import "testing"

func TestProjectionApply(t *testing.T) {
	const it = `{
		"pk": {"S": "k"},
		"a": {"M": {"b": {"L": [{"S": "b0"}, {"M": {"c": {"N": "1"}, "d": {"N": "2"}}}, {"S": "b2"}]}, "e": {"S": "e"}}},
		"l": {"L": [{"S": "l0"}, {"S": "l1"}, {"S": "l2"}]},
		"s": {"S": "str"},
		"status": {"S": "on"}
	}`
	tests := []struct {
		proj string
		want string
	}{
		{"pk", `{"pk":{"S":"k"}}`},
		{"pk, s, absent", `{"pk":{"S":"k"},"s":{"S":"str"}}`},
		{"a.b[1]", `{"a":{"M":{"b":{"L":[{"M":{"c":{"N":"1"},"d":{"N":"2"}}}]}}}}`},
		{"a.b[1].c", `{"a":{"M":{"b":{"L":[{"M":{"c":{"N":"1"}}}]}}}}`},
		{"a.b[1].c, a.e", `{"a":{"M":{"b":{"L":[{"M":{"c":{"N":"1"}}}]},"e":{"S":"e"}}}}`},
		{"l[2], l[0]", `{"l":{"L":[{"S":"l0"},{"S":"l2"}]}}`},
		{"l[7]", `{}`},
		{"l.x", `{}`},
		{"s[0]", `{}`},
		{"s.x", `{}`},
		{"a.zz", `{}`},
		{"#st", `{"status":{"S":"on"}}`},
	}
	item := item(t, it)
	for _, tc := range tests {
		t.Run(tc.proj, func(t *testing.T) {
			p := mustCompile(t, withPlaceholders(t, Request{Projection: tc.proj}, "", `{"#st":"status"}`)).Projection
			if got := itemJSON(p.Apply(item)); got != tc.want {
				t.Errorf("Apply\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
	p := mustCompile(t, Request{Projection: "pk"}).Projection
	if got := p.Apply(nil); got != nil {
		t.Errorf("Apply(nil) = %v, want nil", got)
	}
}
