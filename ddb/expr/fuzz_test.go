package expr

import (
	"errors"
	"testing"

	"github.com/gojets/jets/ddb"
)

// FuzzCompile feeds arbitrary expressions to every expression slot. Compile
// must never panic, every error must be a *ddb.Error, and whatever compiles
// must evaluate against a sample item without panicking.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"a = :v", "a.b[1] <> :n AND NOT (c < :v OR d BETWEEN :n AND :n)",
		"attribute_exists(#n) AND size(l) > :n", "a IN (:v, :n)",
		"SET a = :v, b = b + :n REMOVE c[0] ADD d :n DELETE e :ss",
		"SET l = list_append(if_not_exists(l, :l), :l)", "a, b.c, d[2]",
		"((a = :v))", "#n[0].x", "contains(a, :v) OR begins_with(b, :v)",
	} {
		f.Add(s)
	}
	it := mustItem(`{"a":{"S":"x"},"b":{"N":"1"},"l":{"L":[{"S":"y"}]},"e":{"SS":["s"]},"m":{"M":{"x":{"N":"2"}}}}`)
	vals := map[string]ddb.Value{
		":v": ddb.S("x"), ":n": ddb.N("1"), ":l": {Type: ddb.TypeL, L: []ddb.Value{ddb.S("z")}},
		":ss": {Type: ddb.TypeSS, Strings: []string{"s"}},
	}
	f.Fuzz(func(t *testing.T, src string) {
		reqs := []Request{
			{Condition: src}, {Update: src}, {Projection: src}, {KeyCondition: src}, {Filter: src},
			{Condition: src, Names: map[string]string{"#n": "m"}, Values: vals},
			{Update: src, Names: map[string]string{"#n": "l"}, Values: vals},
		}
		for _, r := range reqs {
			c, err := Compile(r)
			if err != nil {
				var de *ddb.Error
				if !errors.As(err, &de) || de.Code != ddb.CodeValidation {
					t.Fatalf("Compile(%q): error %v (%T) is not a ValidationException", src, err, err)
				}
				continue
			}
			exercise(t, c, it)
		}
	})
}

func exercise(t *testing.T, c *Compiled, it ddb.Item) {
	for _, cond := range []*Condition{c.Condition, c.KeyCondition, c.Filter} {
		if cond != nil {
			_, _ = cond.Eval(it)
			_, _ = cond.Eval(nil)
			_ = cond.String()
		}
	}
	if c.Update != nil {
		for _, start := range []ddb.Item{it, nil} {
			if _, err := c.Update.Apply(start); err != nil {
				var de *ddb.Error
				if !errors.As(err, &de) {
					t.Fatalf("Apply: error %v (%T) is not a *ddb.Error", err, err)
				}
			}
		}
		_ = c.Update.Roots()
		_ = c.Update.Project(it)
		_ = c.Update.String()
	}
	if c.Projection != nil {
		_ = c.Projection.Apply(it)
		_ = c.Projection.String()
	}
}
