package ddbtest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
)

// RunItems checks PutItem, GetItem, UpdateItem and DeleteItem: attribute
// types and their validation, key and size limits, conditions, ReturnValues
// and ReturnConsumedCapacity.
func RunItems(t *testing.T, tg *Target) {
	runAll(t, tg, []subtest{
		{"AllTypesRoundTrip", testAllTypesRoundTrip},
		{"NumberLimits", testNumberLimits},
		{"SetValidation", testSetValidation},
		{"KeyValidation", testKeyValidation},
		{"KeySizeLimits", testKeySizeLimits},
		{"ItemSizeLimit", testItemSizeLimit},
		{"GetMissing", testGetMissing},
		{"ConditionalPut", testConditionalPut},
		{"ReturnValues", testReturnValues},
		{"ConsumedCapacity", testConsumedCapacity},
		{"Projection", testProjection},
		{"DeleteItem", testDeleteItem},
	})
}

// itemTable creates a hash-key table (id S) for an items test.
func itemTable(t *testing.T, tg *Target, prefix string) string {
	name := UniqueName(prefix)
	tg.CreateTable(t, TableInput(name, "id", "S"))
	return name
}

func put(t *testing.T, tg *Target, table, item string) {
	t.Helper()
	_, err := tg.DynamoDB.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String(table), Item: Item(item)})
	NoError(t, err, "put "+item)
}

func get(t *testing.T, tg *Target, table, key string) map[string]any {
	t.Helper()
	out, err := tg.DynamoDB.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(table), Key: Item(key), ConsistentRead: aws.Bool(true),
	})
	NoError(t, err, "get "+key)
	return Plain(out.Item)
}

func wantItem(t *testing.T, tg *Target, table, key, want string) {
	t.Helper()
	var w map[string]any
	if want != "" {
		w = PlainJSON(want)
	}
	if d := cmp.Diff(w, get(t, tg, table, key)); d != "" {
		t.Errorf("item %s (-want +got):\n%s", key, d)
	}
}

func testAllTypesRoundTrip(t *testing.T, tg *Target) {
	table := itemTable(t, tg, "it-types")
	put(t, tg, table, `{"id":{"S":"all"},"s":{"S":"héllo"},"n":{"N":"0100.500"},"neg":{"N":"-0.0012e3"},
		"big":{"N":"1E+2"},"b":{"B":"AAECAw=="},"ss":{"SS":["b","a"]},"ns":{"NS":["1.0","20"]},
		"bs":{"BS":["AQ==","Ag=="]},"m":{"M":{"x":{"L":[{"NULL":true},{"BOOL":false}]},"e":{"M":{}}}},
		"l":{"L":[]},"t":{"BOOL":true},"nul":{"NULL":true},"empty":{"S":""},"eb":{"B":""}}`)
	wantItem(t, tg, table, `{"id":{"S":"all"}}`, `{"id":{"S":"all"},"s":{"S":"héllo"},"n":{"N":"100.5"},"neg":{"N":"-1.2"},
		"big":{"N":"100"},"b":{"B":"AAECAw=="},"ss":{"SS":["a","b"]},"ns":{"NS":["1","20"]},
		"bs":{"BS":["AQ==","Ag=="]},"m":{"M":{"x":{"L":[{"NULL":true},{"BOOL":false}]},"e":{"M":{}}}},
		"l":{"L":[]},"t":{"BOOL":true},"nul":{"NULL":true},"empty":{"S":""},"eb":{"B":""}}`)
}

func testNumberLimits(t *testing.T, tg *Target) {
	table := itemTable(t, tg, "it-num")
	ok := map[string]string{
		"12345678901234567890123456789012345678":       "12345678901234567890123456789012345678",
		"9.9999999999999999999999999999999999999E+125": strings.Repeat("9", 38) + strings.Repeat("0", 88),
		"-1E-130": "-0." + strings.Repeat("0", 129) + "1",
		"1000000000000000000000000000000000000000": "1000000000000000000000000000000000000000",
		"0.000": "0",
		"-0":    "0",
	}
	for in, want := range ok {
		put(t, tg, table, `{"id":{"S":"n"},"v":{"N":"`+in+`"}}`)
		got := get(t, tg, table, `{"id":{"S":"n"}}`)
		if d := cmp.Diff(map[string]any{"N": want}, got["v"]); d != "" {
			t.Errorf("number %s stored as (-want +got):\n%s", in, d)
		}
	}
	bad := []string{"123456789012345678901234567890123456789", "1E+126", "1E-131", "abc", "", "1e", "--1", "0x10", "Infinity", "NaN"}
	for _, in := range bad {
		_, err := tg.DynamoDB.PutItem(context.Background(), &dynamodb.PutItemInput{
			TableName: aws.String(table), Item: Item(`{"id":{"S":"bad"},"v":{"N":"` + in + `"}}`),
		})
		if ErrorCode(err) != "ValidationException" {
			t.Errorf("number %q: got %v, want ValidationException", in, err)
		}
	}
}

func testSetValidation(t *testing.T, tg *Target) {
	table := itemTable(t, tg, "it-sets")
	bad := []string{
		`{"SS":[]}`, `{"NS":[]}`, `{"BS":[]}`,
		`{"SS":["a","a"]}`, `{"NS":["1","1.0"]}`, `{"BS":["AQ==","AQ=="]}`,
		`{"M":{"x":{"SS":[]}}}`, `{"L":[{"NS":["2","02"]}]}`,
	}
	for _, v := range bad {
		_, err := tg.DynamoDB.PutItem(context.Background(), &dynamodb.PutItemInput{
			TableName: aws.String(table), Item: Item(`{"id":{"S":"x"},"v":` + v + `}`),
		})
		if ErrorCode(err) != "ValidationException" {
			t.Errorf("value %s: got %v, want ValidationException", v, err)
		}
	}
	if got := get(t, tg, table, `{"id":{"S":"x"}}`); got != nil {
		t.Errorf("an invalid put stored %v", got)
	}
}

func testKeyValidation(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := UniqueName("it-keys")
	tg.CreateTable(t, TableInput(table, "pk", "S", "sk", "N"))
	badPuts := map[string]string{
		"missing hash":  `{"sk":{"N":"1"}}`,
		"missing range": `{"pk":{"S":"a"}}`,
		"hash type":     `{"pk":{"N":"1"},"sk":{"N":"1"}}`,
		"range type":    `{"pk":{"S":"a"},"sk":{"S":"1"}}`,
		"empty hash":    `{"pk":{"S":""},"sk":{"N":"1"}}`,
		"set as key":    `{"pk":{"SS":["a"]},"sk":{"N":"1"}}`,
		"null hash":     `{"pk":{"NULL":true},"sk":{"N":"1"}}`,
	}
	for what, item := range badPuts {
		_, err := tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: Item(item)})
		if ErrorCode(err) != "ValidationException" {
			t.Errorf("put %s: got %v, want ValidationException", what, err)
		}
	}
	_, err := tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: Item(`{"pk":{"N":"1"},"sk":{"N":"1"}}`)})
	WantErrorMessage(t, err, "ValidationException", "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N")
	_, err = tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: Item(`{"sk":{"N":"1"}}`)})
	WantErrorMessage(t, err, "ValidationException", "One or more parameter values were invalid: Missing the key pk in the item")
	badKeys := map[string]string{
		"extra attribute": `{"pk":{"S":"a"},"sk":{"N":"1"},"x":{"S":"y"}}`,
		"missing range":   `{"pk":{"S":"a"}}`,
		"wrong type":      `{"pk":{"S":"a"},"sk":{"S":"1"}}`,
	}
	for what, key := range badKeys {
		_, err := tg.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: Item(key)})
		msg := WantError(t, err, "ValidationException")
		if err != nil && msg != "The provided key element does not match the schema" {
			t.Errorf("get with %s key: message %q, want %q", what, msg, "The provided key element does not match the schema")
		}
		_, err = tg.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: Item(key)})
		WantError(t, err, "ValidationException")
		_, err = tg.DynamoDB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(table), Key: Item(key),
			UpdateExpression: aws.String("SET v = :v"), ExpressionAttributeValues: Item(`{":v":{"S":"x"}}`)})
		WantError(t, err, "ValidationException")
	}
	put(t, tg, table, `{"pk":{"S":"a"},"sk":{"N":"1.50"}}`)
	wantItem(t, tg, table, `{"pk":{"S":"a"},"sk":{"N":"1.5"}}`, `{"pk":{"S":"a"},"sk":{"N":"1.5"}}`)
}

func testKeySizeLimits(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := UniqueName("it-keysize")
	tg.CreateTable(t, TableInput(table, "pk", "S", "sk", "S"))
	try := func(pk, sk int) error {
		item := map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: strings.Repeat("p", pk)},
			"sk": &types.AttributeValueMemberS{Value: strings.Repeat("s", sk)},
		}
		_, err := tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item})
		return err
	}
	NoError(t, try(2048, 1024), "put hash key of 2048 bytes and range key of 1024 bytes")
	WantError(t, try(2049, 1), "ValidationException")
	WantError(t, try(1, 1025), "ValidationException")
}

func testItemSizeLimit(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "it-size")
	// id:"k" is 3 bytes, the name "d" 1: the item is exactly 400 KB.
	const max = 400 * 1024
	big := func(n int) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{
			"id": &types.AttributeValueMemberS{Value: "k"},
			"d":  &types.AttributeValueMemberS{Value: strings.Repeat("x", n)},
		}
	}
	_, err := tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: big(max - 4)})
	NoError(t, err, "put an item of exactly 400 KB")
	_, err = tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: big(max - 3)})
	WantErrorMessage(t, err, "ValidationException", "Item size has exceeded the maximum allowed size")
	_, err = tg.DynamoDB.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(table), Key: Item(`{"id":{"S":"k"}}`),
		UpdateExpression: aws.String("SET e = :e"), ExpressionAttributeValues: Item(`{":e":{"S":"more"}}`),
	})
	WantErrorMessage(t, err, "ValidationException", "Item size to update has exceeded the maximum allowed size")
	got := get(t, tg, table, `{"id":{"S":"k"}}`)
	if _, ok := got["e"]; ok {
		t.Errorf("a rejected update changed the item")
	}
}

func testGetMissing(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "it-missing")
	out, err := tg.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"nope"}}`)})
	NoError(t, err, "get missing item")
	if out.Item != nil {
		t.Errorf("missing item: Item = %v, want absent", Plain(out.Item))
	}
	_, err = tg.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(UniqueName("no-table")), Key: Item(`{"id":{"S":"x"}}`)})
	WantErrorMessage(t, err, "ResourceNotFoundException", "Requested resource not found")
	_, err = tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(UniqueName("no-table")), Item: Item(`{"id":{"S":"x"}}`)})
	WantErrorMessage(t, err, "ResourceNotFoundException", "Requested resource not found")
}

func testConditionalPut(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "it-cond")
	in := &dynamodb.PutItemInput{
		TableName: aws.String(table), Item: Item(`{"id":{"S":"c"},"v":{"N":"1"}}`),
		ConditionExpression: aws.String("attribute_not_exists(id)"),
	}
	_, err := tg.DynamoDB.PutItem(ctx, in)
	NoError(t, err, "first conditional put")
	in.Item = Item(`{"id":{"S":"c"},"v":{"N":"2"}}`)
	_, err = tg.DynamoDB.PutItem(ctx, in)
	WantErrorMessage(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) && ccf.Item != nil {
		t.Errorf("without ReturnValuesOnConditionCheckFailure the error carries Item %v", Plain(ccf.Item))
	}
	in.ReturnValuesOnConditionCheckFailure = types.ReturnValuesOnConditionCheckFailureAllOld
	_, err = tg.DynamoDB.PutItem(ctx, in)
	WantError(t, err, "ConditionalCheckFailedException")
	if !errors.As(err, &ccf) {
		t.Fatalf("error %T is not a ConditionalCheckFailedException", err)
	}
	if d := cmp.Diff(PlainJSON(`{"id":{"S":"c"},"v":{"N":"1"}}`), Plain(ccf.Item)); d != "" {
		t.Errorf("ReturnValuesOnConditionCheckFailure ALL_OLD item (-want +got):\n%s", d)
	}
	wantItem(t, tg, table, `{"id":{"S":"c"}}`, `{"id":{"S":"c"},"v":{"N":"1"}}`)
	_, err = tg.DynamoDB.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(table), Key: Item(`{"id":{"S":"c"}}`), UpdateExpression: aws.String("SET v = :two"),
		ConditionExpression: aws.String("v = :two"), ExpressionAttributeValues: Item(`{":two":{"N":"2"}}`),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	WantErrorMessage(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	if !errors.As(err, &ccf) || cmp.Diff(PlainJSON(`{"id":{"S":"c"},"v":{"N":"1"}}`), Plain(ccf.Item)) != "" {
		t.Errorf("UpdateItem ReturnValuesOnConditionCheckFailure ALL_OLD: %v", err)
	}
	_, err = tg.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName: aws.String(table), Key: Item(`{"id":{"S":"c"}}`), ConditionExpression: aws.String("attribute_not_exists(v)"),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	WantErrorMessage(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	if !errors.As(err, &ccf) || cmp.Diff(PlainJSON(`{"id":{"S":"c"},"v":{"N":"1"}}`), Plain(ccf.Item)) != "" {
		t.Errorf("DeleteItem ReturnValuesOnConditionCheckFailure ALL_OLD: %v", err)
	}
	_, err = tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(table), Item: Item(`{"id":{"S":"c"},"v":{"N":"3"}}`),
		ConditionExpression:       aws.String("v = :one"),
		ExpressionAttributeValues: Item(`{":one":{"N":"1"}}`),
	})
	NoError(t, err, "put with a true condition")
	wantItem(t, tg, table, `{"id":{"S":"c"}}`, `{"id":{"S":"c"},"v":{"N":"3"}}`)
}

func testReturnValues(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "it-rv")
	key := Item(`{"id":{"S":"r"}}`)
	base := `{"id":{"S":"r"},"a":{"N":"1"},"b":{"N":"2"}}`
	out, err := tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: Item(base), ReturnValues: types.ReturnValueAllOld})
	NoError(t, err, "put ALL_OLD on a new item")
	if out.Attributes != nil {
		t.Errorf("PutItem ALL_OLD on a new item returned %v", Plain(out.Attributes))
	}
	out, err = tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: Item(base), ReturnValues: types.ReturnValueAllOld})
	NoError(t, err, "put ALL_OLD")
	if d := cmp.Diff(PlainJSON(base), Plain(out.Attributes)); d != "" {
		t.Errorf("PutItem ALL_OLD (-want +got):\n%s", d)
	}
	out, err = tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: Item(base)})
	NoError(t, err, "put NONE")
	if out.Attributes != nil {
		t.Errorf("PutItem NONE returned %v", Plain(out.Attributes))
	}
	for _, rv := range []types.ReturnValue{types.ReturnValueUpdatedNew, types.ReturnValueAllNew, types.ReturnValueUpdatedOld, "BOGUS"} {
		_, err = tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: Item(base), ReturnValues: rv})
		WantError(t, err, "ValidationException")
	}
	want := map[types.ReturnValue]string{
		types.ReturnValueNone:       ``,
		types.ReturnValueAllOld:     base,
		types.ReturnValueUpdatedOld: `{"a":{"N":"1"}}`,
		types.ReturnValueAllNew:     `{"id":{"S":"r"},"a":{"N":"9"},"b":{"N":"2"},"c":{"N":"3"}}`,
		types.ReturnValueUpdatedNew: `{"a":{"N":"9"},"c":{"N":"3"}}`,
	}
	for rv, w := range want {
		put(t, tg, table, base)
		out, err := tg.DynamoDB.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName: aws.String(table), Key: key, UpdateExpression: aws.String("SET a = :a, c = :c"),
			ExpressionAttributeValues: Item(`{":a":{"N":"9"},":c":{"N":"3"}}`), ReturnValues: rv,
		})
		NoError(t, err, "update "+string(rv))
		var wp map[string]any
		if w != "" {
			wp = PlainJSON(w)
		}
		if d := cmp.Diff(wp, Plain(out.Attributes)); d != "" {
			t.Errorf("UpdateItem %s (-want +got):\n%s", rv, d)
		}
	}
	dout, err := tg.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: key, ReturnValues: types.ReturnValueAllOld})
	NoError(t, err, "delete ALL_OLD")
	if d := cmp.Diff(PlainJSON(`{"id":{"S":"r"},"a":{"N":"9"},"b":{"N":"2"},"c":{"N":"3"}}`), Plain(dout.Attributes)); d != "" {
		t.Errorf("DeleteItem ALL_OLD (-want +got):\n%s", d)
	}
	_, err = tg.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: key, ReturnValues: types.ReturnValueAllNew})
	WantError(t, err, "ValidationException")
}

func testConsumedCapacity(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "it-cap")
	pout, err := tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: Item(`{"id":{"S":"a"}}`),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	NoError(t, err, "put TOTAL")
	checkCapacity(t, "PutItem", pout.ConsumedCapacity, table)
	gout, err := tg.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"a"}}`),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	NoError(t, err, "get TOTAL")
	checkCapacity(t, "GetItem", gout.ConsumedCapacity, table)
	uout, err := tg.DynamoDB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"a"}}`),
		UpdateExpression: aws.String("SET v = :v"), ExpressionAttributeValues: Item(`{":v":{"S":"x"}}`),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	NoError(t, err, "update TOTAL")
	checkCapacity(t, "UpdateItem", uout.ConsumedCapacity, table)
	dout, err := tg.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"a"}}`),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	NoError(t, err, "delete TOTAL")
	checkCapacity(t, "DeleteItem", dout.ConsumedCapacity, table)
	pout, err = tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: Item(`{"id":{"S":"a"}}`)})
	NoError(t, err, "put NONE")
	if pout.ConsumedCapacity != nil {
		t.Errorf("ConsumedCapacity returned without ReturnConsumedCapacity: %+v", pout.ConsumedCapacity)
	}
}

func checkCapacity(t *testing.T, op string, cc *types.ConsumedCapacity, table string) {
	t.Helper()
	if cc == nil {
		t.Errorf("%s: no ConsumedCapacity", op)
		return
	}
	if aws.ToString(cc.TableName) != table || aws.ToFloat64(cc.CapacityUnits) <= 0 {
		t.Errorf("%s: ConsumedCapacity = {TableName %q CapacityUnits %v}", op, aws.ToString(cc.TableName), aws.ToFloat64(cc.CapacityUnits))
	}
}

func testProjection(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "it-proj")
	put(t, tg, table, `{"id":{"S":"p"},"a":{"N":"1"},"name":{"S":"n"},"m":{"M":{"x":{"S":"mx"},"y":{"S":"my"}}},
		"l":{"L":[{"S":"l0"},{"M":{"c":{"N":"5"},"d":{"N":"6"}}},{"S":"l2"}]}}`)
	cases := []struct{ proj, want string }{
		{"a", `{"a":{"N":"1"}}`},
		{"#n, m.x", `{"name":{"S":"n"},"m":{"M":{"x":{"S":"mx"}}}}`},
		{"l[1].c, l[2]", `{"l":{"L":[{"M":{"c":{"N":"5"}}},{"S":"l2"}]}}`},
		{"nope, a", `{"a":{"N":"1"}}`},
		{"nope", `{}`},
	}
	for _, c := range cases {
		in := &dynamodb.GetItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"p"}}`), ProjectionExpression: aws.String(c.proj)}
		if strings.Contains(c.proj, "#n") {
			in.ExpressionAttributeNames = map[string]string{"#n": "name"}
		}
		out, err := tg.DynamoDB.GetItem(ctx, in)
		NoError(t, err, "get with projection "+c.proj)
		got := Plain(out.Item)
		if got == nil {
			got = map[string]any{}
		}
		if d := cmp.Diff(PlainJSON(c.want), got); d != "" {
			t.Errorf("projection %q (-want +got):\n%s", c.proj, d)
		}
	}
	out, err := tg.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"p"}}`),
		AttributesToGet: []string{"a", "id"}})
	NoError(t, err, "get with AttributesToGet")
	if d := cmp.Diff(PlainJSON(`{"id":{"S":"p"},"a":{"N":"1"}}`), Plain(out.Item)); d != "" {
		t.Errorf("AttributesToGet (-want +got):\n%s", d)
	}
	_, err = tg.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"p"}}`),
		AttributesToGet: []string{"a"}, ProjectionExpression: aws.String("a")})
	WantError(t, err, "ValidationException")
	_, err = tg.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"p"}}`),
		ProjectionExpression: aws.String("name")})
	WantErrorMessage(t, err, "ValidationException", "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name")
}

func testDeleteItem(t *testing.T, tg *Target) {
	ctx := context.Background()
	table := itemTable(t, tg, "it-del")
	out, err := tg.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"none"}}`),
		ReturnValues: types.ReturnValueAllOld})
	NoError(t, err, "delete a missing item")
	if out.Attributes != nil {
		t.Errorf("delete of a missing item returned %v", Plain(out.Attributes))
	}
	put(t, tg, table, `{"id":{"S":"d"},"v":{"N":"1"}}`)
	_, err = tg.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"d"}}`),
		ConditionExpression: aws.String("v = :two"), ExpressionAttributeValues: Item(`{":two":{"N":"2"}}`)})
	WantErrorMessage(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	wantItem(t, tg, table, `{"id":{"S":"d"}}`, `{"id":{"S":"d"},"v":{"N":"1"}}`)
	_, err = tg.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"d"}}`),
		ConditionExpression: aws.String("v = :one"), ExpressionAttributeValues: Item(`{":one":{"N":"1"}}`)})
	NoError(t, err, "conditional delete")
	wantItem(t, tg, table, `{"id":{"S":"d"}}`, ``)
	_, err = tg.DynamoDB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: Item(`{"id":{"S":"d"}}`),
		ConditionExpression: aws.String("attribute_exists(id)")})
	WantError(t, err, "ConditionalCheckFailedException")
}
