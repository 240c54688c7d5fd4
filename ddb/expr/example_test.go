package expr_test

import (
	"fmt"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/ddb/expr"
)

func Example() {
	c, err := expr.Compile(expr.Request{
		Condition: "attribute_not_exists(pk) OR #v < :max",
		Update:    "SET #v = if_not_exists(#v, :zero) + :one, tags = list_append(if_not_exists(tags, :none), :tag)",
		Names:     map[string]string{"#v": "version"},
		Values: map[string]ddb.Value{
			":max": ddb.N("10"), ":zero": ddb.N("0"), ":one": ddb.N("1"),
			":none": {Type: ddb.TypeL, L: []ddb.Value{}},
			":tag":  {Type: ddb.TypeL, L: []ddb.Value{ddb.S("new")}},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	old := ddb.Item{"pk": ddb.S("k1"), "version": ddb.N("3")}
	ok, _ := c.Condition.Eval(old)
	fmt.Println("condition holds:", ok)
	updated, _ := c.Update.Apply(old)
	fmt.Println(string(updated.AppendJSON(nil)))

	_, err = expr.Compile(expr.Request{Condition: "status = :s", Values: map[string]ddb.Value{":s": ddb.S("on")}})
	fmt.Println(err)
	// Output:
	// condition holds: true
	// {"pk":{"S":"k1"},"tags":{"L":[{"S":"new"}]},"version":{"N":"4"}}
	// ValidationException: Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status
}
