package ddbtest

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
)

// RunExpressions checks UpdateExpression (SET with + and -, if_not_exists,
// list_append, REMOVE with list indexes, ADD, DELETE, nested paths),
// ConditionExpression (comparisons, BETWEEN, IN, AND/OR/NOT and the
// functions) and the ExpressionAttributeNames/Values rules.
func RunExpressions(t *testing.T, tg *Target) {
	runAll(t, tg, []subtest{
		{"UpdateExpressions", testUpdateExpressions},
		{"UpdateCreatesItem", testUpdateCreatesItem},
		{"UpdateErrors", testUpdateErrors},
		{"Conditions", testConditions},
		{"ConditionErrors", testConditionErrors},
	})
}

const exprBase = `{"id":{"S":"u"},"n":{"N":"5"},"s":{"S":"x"},"l":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]},
	"m":{"M":{"a":{"M":{"b":{"L":[{"N":"10"},{"N":"20"},{"M":{"c":{"S":"deep"}}}]}}}}},
	"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}}`

func testUpdateExpressions(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "ex-upd")
	vals := `{":one":{"N":"1"},":ten":{"N":"10"},":v":{"S":"v"},":more":{"L":[{"N":"4"}]},
		":c":{"SS":["c"]},":a":{"SS":["a"]},":ab":{"SS":["a","b"]},":nset":{"NS":["7"]}}`
	cases := []struct {
		expr  string
		names map[string]string
		set   string // attributes the result has instead of the base's (JSON fragment merged on top)
		gone  []string
	}{
		{expr: "SET n = n + :one", set: `{"n":{"N":"6"}}`},
		{expr: "SET n = :ten - n", set: `{"n":{"N":"5"}}`},
		{expr: "SET n = n - :ten", set: `{"n":{"N":"-5"}}`},
		{expr: "SET newn = if_not_exists(newn, :one)", set: `{"newn":{"N":"1"}}`},
		{expr: "SET n = if_not_exists(n, :ten)", set: `{}`},
		{expr: "SET l = list_append(l, :more)", set: `{"l":{"L":[{"N":"1"},{"N":"2"},{"N":"3"},{"N":"4"}]}}`},
		{expr: "SET l = list_append(:more, l)", set: `{"l":{"L":[{"N":"4"},{"N":"1"},{"N":"2"},{"N":"3"}]}}`},
		{expr: "SET l[1] = :v", set: `{"l":{"L":[{"N":"1"},{"S":"v"},{"N":"3"}]}}`},
		{expr: "SET l[9] = :v", set: `{"l":{"L":[{"N":"1"},{"N":"2"},{"N":"3"},{"S":"v"}]}}`},
		{expr: "REMOVE l[1]", set: `{"l":{"L":[{"N":"1"},{"N":"3"}]}}`},
		{expr: "REMOVE l[0], l[2]", set: `{"l":{"L":[{"N":"2"}]}}`},
		{expr: "REMOVE l[7]", set: `{}`},
		{expr: "REMOVE s, nothere", gone: []string{"s"}},
		{expr: "ADD n :one", set: `{"n":{"N":"6"}}`},
		{expr: "ADD ss :c", set: `{"ss":{"SS":["a","b","c"]}}`},
		{expr: "ADD newc :one", set: `{"newc":{"N":"1"}}`},
		{expr: "ADD newset :nset", set: `{"newset":{"NS":["7"]}}`},
		{expr: "DELETE ss :a", set: `{"ss":{"SS":["b"]}}`},
		{expr: "DELETE ss :c", set: `{}`},
		{expr: "DELETE ss :ab", gone: []string{"ss"}},
		{expr: "SET m.a.b[2].c = :v", set: `{"m":{"M":{"a":{"M":{"b":{"L":[{"N":"10"},{"N":"20"},{"M":{"c":{"S":"v"}}}]}}}}}}`},
		{expr: "SET m.a.b[2].d = :one", set: `{"m":{"M":{"a":{"M":{"b":{"L":[{"N":"10"},{"N":"20"},{"M":{"c":{"S":"deep"},"d":{"N":"1"}}}]}}}}}}`},
		{expr: "REMOVE m.a.b[0]", set: `{"m":{"M":{"a":{"M":{"b":{"L":[{"N":"20"},{"M":{"c":{"S":"deep"}}}]}}}}}}`},
		{expr: "SET #k = :v, #d.#e = :one", names: map[string]string{"#k": "name", "#d": "m", "#e": "new.dot"},
			set: `{"name":{"S":"v"},"m":{"M":{"a":{"M":{"b":{"L":[{"N":"10"},{"N":"20"},{"M":{"c":{"S":"deep"}}}]}}},"new.dot":{"N":"1"}}}}`},
		{expr: "SET a = :v, b = n + :one REMOVE s ADD n :one DELETE ss :a",
			set: `{"a":{"S":"v"},"b":{"N":"6"},"n":{"N":"6"},"ss":{"SS":["b"]}}`, gone: []string{"s"}},
		{expr: "set n = n + :one", set: `{"n":{"N":"6"}}`},
	}
	for _, c := range cases {
		put(t, tg, table, exprBase)
		used := usedValues(vals, c.expr)
		_, err := tg.DynamoDB.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName: aws.String(table), Key: Item(`{"id":{"S":"u"}}`), UpdateExpression: aws.String(c.expr),
			ExpressionAttributeNames: c.names, ExpressionAttributeValues: used,
		})
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		want := PlainJSON(exprBase)
		if c.set != "" {
			for k, v := range PlainJSON(c.set) {
				want[k] = v
			}
		}
		for _, g := range c.gone {
			delete(want, g)
		}
		if d := cmp.Diff(want, get(t, tg, table, `{"id":{"S":"u"}}`)); d != "" {
			t.Errorf("%s (-want +got):\n%s", c.expr, d)
		}
	}
}

// usedValues keeps the values of vals that expr mentions.
func usedValues(vals, expr string) map[string]types.AttributeValue {
	all := Item(vals)
	out := map[string]types.AttributeValue{}
	for k, v := range all {
		if containsToken(expr, k) {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func containsToken(expr, tok string) bool {
	for i := strings.Index(expr, tok); i >= 0; {
		end := i + len(tok)
		if end == len(expr) || !isNameChar(expr[end]) {
			return true
		}
		j := strings.Index(expr[end:], tok)
		if j < 0 {
			return false
		}
		i = end + j
	}
	return false
}

func isNameChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func testUpdateCreatesItem(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "ex-create")
	out, err := tg.DynamoDB.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(table), Key: Item(`{"id":{"S":"new"}}`),
		UpdateExpression:          aws.String("SET v = :v ADD c :one"),
		ExpressionAttributeValues: Item(`{":v":{"S":"x"},":one":{"N":"1"}}`),
		ReturnValues:              types.ReturnValueAllNew,
	})
	NoError(t, err, "update a missing item")
	want := PlainJSON(`{"id":{"S":"new"},"v":{"S":"x"},"c":{"N":"1"}}`)
	if d := cmp.Diff(want, Plain(out.Attributes)); d != "" {
		t.Errorf("ALL_NEW (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want, get(t, tg, table, `{"id":{"S":"new"}}`)); d != "" {
		t.Errorf("stored (-want +got):\n%s", d)
	}
	_, err = tg.DynamoDB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"bare"}}`)})
	NoError(t, err, "update without expression")
	wantItem(t, tg, table, `{"id":{"S":"bare"}}`, `{"id":{"S":"bare"}}`)
}

func testUpdateErrors(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "ex-err")
	put(t, tg, table, exprBase)
	cases := []struct {
		expr   string
		names  map[string]string
		values string
		msg    string // exact message, or "" to check the code only
		prefix string // message prefix
	}{
		{expr: "SET id = :v", values: `{":v":{"S":"x"}}`,
			msg: "One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key"},
		{expr: "SET a = :v", values: `{":v":{"S":"x"},":unused":{"S":"y"}}`,
			msg: "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"},
		{expr: "SET a = :nope",
			msg: "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :nope"},
		{expr: "SET a = :v", names: map[string]string{"#unused": "x"}, values: `{":v":{"S":"x"}}`,
			msg: "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"},
		{expr: "SET #nope = :v", values: `{":v":{"S":"x"}}`,
			msg: "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #nope"},
		{expr: "SET name = :v", values: `{":v":{"S":"x"}}`,
			msg: "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name"},
		{expr: "SET = :v", values: `{":v":{"S":"x"}}`, prefix: "Invalid UpdateExpression: Syntax error"},
		{expr: "SET a = :v SET b = :v", values: `{":v":{"S":"x"}}`, prefix: "Invalid UpdateExpression"},
		{expr: "SET a = :v REMOVE a", values: `{":v":{"S":"x"}}`, prefix: "Invalid UpdateExpression: Two document paths overlap"},
		{expr: "SET m.a = :v, m.a.b = :v", values: `{":v":{"S":"x"}}`, prefix: "Invalid UpdateExpression: Two document paths overlap"},
		{expr: "ADD s :one", values: `{":one":{"N":"1"}}`},
		{expr: "SET s = s + :one", values: `{":one":{"N":"1"}}`, msg: "An operand in the update expression has an incorrect data type"},
		{expr: "SET s.x = :v", values: `{":v":{"S":"x"}}`, msg: "The document path provided in the update expression is invalid for update"},
		{expr: "SET l = list_append(s, :l)", values: `{":l":{"L":[]}}`},
		{expr: "DELETE ss :n", values: `{":n":{"NS":["1"]}}`},
		{expr: "DELETE n :one", values: `{":one":{"N":"1"}}`},
		{expr: "SET a = :v", values: `{}`, msg: "ExpressionAttributeValues must not be empty"},
		{expr: "", values: `{":v":{"S":"x"}}`},
		{expr: "SET a = size(s)", prefix: "Invalid UpdateExpression"},
		{expr: "REMOVE a ADD b", prefix: "Invalid UpdateExpression: Syntax error"},
	}
	for _, c := range cases {
		in := &dynamodb.UpdateItemInput{
			TableName: aws.String(table), Key: Item(`{"id":{"S":"u"}}`), UpdateExpression: aws.String(c.expr),
			ExpressionAttributeNames: c.names,
		}
		if c.values != "" {
			in.ExpressionAttributeValues = Item(c.values)
		}
		_, err := tg.DynamoDB.UpdateItem(ctx, in)
		if ErrorCode(err) != "ValidationException" {
			t.Errorf("%q: got %v, want ValidationException", c.expr, err)
			continue
		}
		msg := ErrorMessage(err)
		if c.msg != "" && msg != c.msg {
			t.Errorf("%q: message\n got: %s\nwant: %s", c.expr, msg, c.msg)
		}
		if c.prefix != "" && !strings.HasPrefix(msg, c.prefix) {
			t.Errorf("%q: message %q, want prefix %q", c.expr, msg, c.prefix)
		}
	}
	if d := cmp.Diff(PlainJSON(exprBase), get(t, tg, table, `{"id":{"S":"u"}}`)); d != "" {
		t.Errorf("failed updates changed the item (-want +got):\n%s", d)
	}
}

const condItem = `{"id":{"S":"c"},"n":{"N":"5"},"s":{"S":"hello world"},"b":{"B":"AQID"},"ss":{"SS":["a","b"]},
	"l":{"L":[{"N":"1"},{"S":"x"},{"M":{"q":{"S":"v"}}}]},"m":{"M":{"k":{"S":"v"}}},"t":{"BOOL":true},
	"nul":{"NULL":true},"name":{"S":"nm"}}`

const condValues = `{":one":{"N":"1"},":four":{"N":"4"},":five":{"N":"5.0"},":six":{"N":"6"},":ten":{"N":"10"},
	":zero":{"N":"0"},":two":{"N":"2"},":three":{"N":"3"},":eleven":{"N":"11"},":hello":{"S":"hello world"},
	":hel":{"S":"hel"},":wor":{"S":"wor"},":a":{"S":"a"},":zz":{"S":"zz"},":x":{"S":"x"},":v":{"S":"v"},
	":N":{"S":"N"},":S":{"S":"S"},":NULL":{"S":"NULL"},":SS":{"S":"SS"},":L":{"S":"L"},":M":{"S":"M"},
	":BOOL":{"S":"BOOL"},":B":{"S":"B"},":true":{"BOOL":true},":bin":{"B":"AQID"},":b1":{"B":"AQ=="},":str":{"S":"5"},
	":nomatch":{"S":"nope"},":z":{"S":"z"}}`

func testConditions(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "ex-cond")
	cases := []struct {
		cond string
		want bool
	}{
		{"n = :five", true}, {"n <> :five", false}, {"n < :six", true}, {"n <= :five", true},
		{"n > :five", false}, {"n >= :six", false}, {":six > n", true},
		{"s < :z", true}, {"s > :hel", true}, {"b = :bin", true}, {"b > :b1", true},
		{"n = :str", false}, {"n <> :str", true}, {"n < :str", false},
		{"n BETWEEN :four AND :six", true}, {"n BETWEEN :six AND :ten", false}, {"n BETWEEN :five AND :five", true},
		{"n IN (:one, :five)", true}, {"n IN (:one, :six)", false}, {"s IN (:hello)", true},
		{"attribute_exists(n)", true}, {"attribute_exists(zz)", false}, {"attribute_not_exists(zz)", true},
		{"attribute_not_exists(n)", false}, {"attribute_exists(m.k)", true}, {"attribute_exists(l[2].q)", true},
		{"attribute_exists(l[3])", false}, {"attribute_exists(nul)", true},
		{"attribute_type(n, :N)", true}, {"attribute_type(s, :N)", false}, {"attribute_type(nul, :NULL)", true},
		{"attribute_type(ss, :SS)", true}, {"attribute_type(l, :L)", true}, {"attribute_type(m, :M)", true},
		{"attribute_type(t, :BOOL)", true}, {"attribute_type(b, :B)", true}, {"attribute_type(zz, :S)", false},
		{"begins_with(s, :hel)", true}, {"begins_with(s, :wor)", false}, {"begins_with(n, :hel)", false},
		{"contains(s, :wor)", true}, {"contains(s, :zz)", false}, {"contains(ss, :a)", true},
		{"contains(ss, :zz)", false}, {"contains(l, :x)", true}, {"contains(l, :one)", true}, {"contains(l, :v)", false},
		{"size(s) = :eleven", true}, {"size(ss) = :two", true}, {"size(l) = :three", true},
		{"size(m) > :zero", true}, {"size(b) = :three", true}, {"size(zz) = :zero", false},
		{"NOT n = :five", false}, {"NOT (n = :one)", true},
		{"n = :five AND s = :hello", true}, {"n = :five AND s = :nomatch", false},
		{"n = :one OR s = :hello", true}, {"n = :one OR n = :five AND s = :nomatch", false},
		{"(n = :one OR n = :five) AND s = :hello", true}, {"NOT n = :one AND NOT n = :six", true},
		{"m.k = :v", true}, {"l[0] = :one", true}, {"l[2].q = :v", true}, {"l[1] = :one", false},
		{"#n = :five", true}, {"#nm = :v", false}, {"t = :true", true},
		{"size(s) > n", true}, {"n <> s", true},
	}
	for i, c := range cases {
		key := `{"id":{"S":"c` + string(rune('A'+i%26)) + `"}}`
		item := strings.Replace(condItem, `"id":{"S":"c"}`, key[1:len(key)-1], 1)
		put(t, tg, table, item)
		names := map[string]string{}
		if strings.Contains(c.cond, "#n ") {
			names["#n"] = "n"
		}
		if strings.Contains(c.cond, "#nm") {
			names["#nm"] = "name"
		}
		if len(names) == 0 {
			names = nil
		}
		_, err := tg.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{
			TableName: aws.String(table), Key: Item(key), ConditionExpression: aws.String(c.cond),
			ExpressionAttributeNames: names, ExpressionAttributeValues: usedValues(condValues, c.cond),
		})
		switch {
		case err == nil && !c.want:
			t.Errorf("%q: condition passed, want it to fail", c.cond)
		case err != nil && c.want:
			t.Errorf("%q: %v, want the condition to pass", c.cond, err)
		case err != nil && ErrorCode(err) != "ConditionalCheckFailedException":
			t.Errorf("%q: got %v, want ConditionalCheckFailedException", c.cond, err)
		}
	}
}

func testConditionErrors(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "ex-conderr")
	put(t, tg, table, condItem)
	cases := []struct {
		cond, values, prefix string
	}{
		{"n = ", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: Syntax error"},
		{"n == :v", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: Syntax error"},
		{"n = :v", `{":v":{"S":"x"},":w":{"S":"y"}}`, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"},
		{"n = :nope", ``, "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope"},
		{"name = :v", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name"},
		{"no_such_function(n)", ``, "Invalid ConditionExpression: Invalid function name; function: no_such_function"},
		{"attribute_type(n, :v)", `{":v":{"S":"bogus"}}`, "Invalid ConditionExpression"},
		{"if_not_exists(n, :v) = :v", `{":v":{"S":"x"}}`, "Invalid ConditionExpression"},
		{"size(n)", ``, "Invalid ConditionExpression"},
		{"n IN ()", ``, "Invalid ConditionExpression: Syntax error"},
		{"n = n", ``, "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function"},
		{"n BETWEEN :six AND :four", `{":six":{"N":"6"},":four":{"N":"4"}}`, "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound"},
		{"begins_with(s, :n)", `{":n":{"N":"1"}}`, "Invalid ConditionExpression: Incorrect operand type for operator or function"},
	}
	for _, c := range cases {
		in := &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"c"}}`), ConditionExpression: aws.String(c.cond)}
		if c.values != "" {
			in.ExpressionAttributeValues = Item(c.values)
		}
		_, err := tg.DynamoDB.DeleteItem(ctx, in)
		if ErrorCode(err) != "ValidationException" {
			t.Errorf("%q: got %v, want ValidationException", c.cond, err)
			continue
		}
		if msg := ErrorMessage(err); !strings.HasPrefix(msg, c.prefix) {
			t.Errorf("%q: message %q, want prefix %q", c.cond, msg, c.prefix)
		}
	}
	if get(t, tg, table, `{"id":{"S":"c"}}`) == nil {
		t.Errorf("a rejected conditional delete removed the item")
	}
}
