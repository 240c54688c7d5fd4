package expr

import (
	"testing"

	"github.com/gojets/jets/ddb"
)

func benchRequest() Request {
	return Request{
		Condition: "attribute_not_exists(pk) OR (#v < :max AND begins_with(s, :p) AND size(l) <= :n)",
		Names:     map[string]string{"#v": "version"},
		Values:    map[string]ddb.Value{":max": ddb.N("10"), ":p": ddb.S("he"), ":n": ddb.N("5")},
	}
}

var benchItem = ddb.Item{
	"pk": ddb.S("k1"), "version": ddb.N("3"), "s": ddb.S("hello"),
	"l": {Type: ddb.TypeL, L: []ddb.Value{ddb.S("a"), ddb.S("b")}},
}

func BenchmarkCompileCondition(b *testing.B) {
	r := benchRequest()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConditionEval(b *testing.B) {
	c, err := Compile(benchRequest())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ok, _ := c.Condition.Eval(benchItem); !ok {
			b.Fatal("condition does not hold")
		}
	}
}

func BenchmarkUpdateApply(b *testing.B) {
	c, err := Compile(Request{
		Update: "SET #v = #v + :one, s = :s REMOVE l[0]",
		Names:  map[string]string{"#v": "version"},
		Values: map[string]ddb.Value{":one": ddb.N("1"), ":s": ddb.S("x")},
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Update.Apply(benchItem); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConditionEvalAllocs keeps condition evaluation allocation-light: the
// engine runs one per conditional write.
func TestConditionEvalAllocs(t *testing.T) {
	c := mustCompile(t, Request{
		Condition: "attribute_exists(pk) AND s = :s AND contains(l, :a) AND NOT begins_with(s, :x)",
		Values:    map[string]ddb.Value{":s": ddb.S("hello"), ":a": ddb.S("a"), ":x": ddb.S("x")},
	})
	allocs := testing.AllocsPerRun(100, func() {
		if ok, _ := c.Condition.Eval(benchItem); !ok {
			t.Fatal("condition does not hold")
		}
	})
	if allocs > 0 {
		t.Errorf("Eval allocates %v times per run, want 0", allocs)
	}
}
