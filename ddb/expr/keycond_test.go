package expr

import (
	"reflect"
	"testing"

	"github.com/gojets/jets/ddb"
)

func TestKeyConditions(t *testing.T) {
	schema := KeySchema{HashName: "pk", HashType: ddb.TypeS, RangeName: "sk", RangeType: ddb.TypeN}
	const vals = `{":p": {"S": "p1"}, ":n": {"N": "5"}, ":m": {"N": "9"}, ":s": {"S": "x"}, ":e": {"S": ""}}`
	tests := []struct {
		expr string
		want *KeyCondition
		err  string
	}{
		{"pk = :p", &KeyCondition{Hash: ddb.S("p1")}, ""},
		{"pk = :p AND sk < :n", &KeyCondition{Hash: ddb.S("p1"), Range: &RangeCondition{Op: "<", Values: []ddb.Value{ddb.N("5")}}}, ""},
		{":n >= sk AND :p = pk", &KeyCondition{Hash: ddb.S("p1"), Range: &RangeCondition{Op: "<=", Values: []ddb.Value{ddb.N("5")}}}, ""},
		{"(pk = :p) AND (sk BETWEEN :n AND :m)", &KeyCondition{Hash: ddb.S("p1"), Range: &RangeCondition{Op: "BETWEEN", Values: []ddb.Value{ddb.N("5"), ddb.N("9")}}}, ""},
		{"pk = :p OR sk = :n", nil, "Invalid operator used in KeyConditionExpression: OR"},
		{"NOT pk = :p", nil, "Invalid operator used in KeyConditionExpression: NOT"},
		{"pk IN (:p)", nil, "Invalid operator used in KeyConditionExpression: IN"},
		{"pk <> :p", nil, "Invalid operator used in KeyConditionExpression: <>"},
		{"pk = :p AND contains(sk, :n)", nil, "Invalid operator used in KeyConditionExpression: contains"},
		{"pk = :p AND size(sk) = :n", nil, "KeyConditionExpressions cannot contain nested operations"},
		{"sk = :n", nil, "Query condition missed key schema element"},
		{"pk = :p AND price = :n", nil, "Query condition missed key schema element"},
		{"pk = :p AND pk = :p", nil, "KeyConditionExpressions must only contain one condition per key"},
		{"pk < :p", nil, "Query key condition not supported"},
		{"pk.x = :p", nil, "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk"},
		{"pk = :n", nil, "One or more parameter values were invalid: Condition parameter type does not match schema type"},
		{"pk = :e", nil, "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
		{"pk = :p AND begins_with(sk, :s)", nil, "One or more parameter values were invalid: Condition parameter type does not match schema type"},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			c := mustCompile(t, withPlaceholders(t, Request{KeyCondition: tc.expr}, vals, "")).KeyCondition
			got, err := c.KeyConditions(schema)
			if msg := validationMessage(t, err); msg != tc.err {
				t.Fatalf("error %q, want %q", msg, tc.err)
			}
			if tc.err == "" && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestConditionRootsAndKeyPaths(t *testing.T) {
	c := mustCompile(t, withPlaceholders(t, Request{Filter: "a.b = :s AND (size(#c) > :n OR a = :s)", Projection: "pk.x"}, `{":s":{"S":"x"},":n":{"N":"1"}}`, `{"#c":"c"}`))
	if got, want := c.Filter.Roots(), []string{"a", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Roots = %v, want %v", got, want)
	}
	if err := c.CheckKeyPaths("sk", "a"); validationMessage(t, err) != "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: a" {
		t.Errorf("CheckKeyPaths = %v", err)
	}
	if err := c.CheckKeyPaths("pk"); validationMessage(t, err) != "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk" {
		t.Errorf("CheckKeyPaths = %v", err)
	}
	if err := c.CheckKeyPaths("c"); err != nil {
		t.Errorf("CheckKeyPaths(c) = %v", err)
	}
}
