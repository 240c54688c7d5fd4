package engine

import (
	"strings"
	"testing"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

func allTypesItem() ddb.Item {
	return ddb.Item{
		"id":   ddb.S("all"),
		"s":    ddb.S(""),
		"n":    ddb.N("-12.50"),
		"b":    ddb.B([]byte{0, 1}),
		"bool": ddb.Bool(true),
		"null": ddb.Null(),
		"ss":   {Type: ddb.TypeSS, Strings: []string{"x", "y"}},
		"ns":   {Type: ddb.TypeNS, Strings: []string{"1", "2"}},
		"bs":   {Type: ddb.TypeBS, Binaries: [][]byte{{1}, {2}}},
		"m":    {Type: ddb.TypeM, M: map[string]ddb.Value{"k": ddb.S("v")}},
		"l":    {Type: ddb.TypeL, L: []ddb.Value{ddb.N("1"), ddb.S("two")}},
	}
}

func TestPutGetAllTypes(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, hashTable("tb1"))
	it := allTypesItem()
	mustPut(t, e, "tb1", it)
	got := mustGet(t, e, "tb1", ddb.Item{"id": ddb.S("all")})
	if !ddb.ItemsEqual(got, it) {
		t.Fatalf("got %v\nwant %v", got, it)
	}
	if got := mustGet(t, e, "tb1", ddb.Item{"id": ddb.S("none")}); got != nil {
		t.Fatalf("missing item: %v", got)
	}
}

func TestRangeKeysAreDistinct(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, rangeTable("rng"))
	for _, sk := range []string{"1", "1.5", "-3", "100"} {
		mustPut(t, e, "rng", ddb.Item{"pk": ddb.S("p"), "sk": ddb.N(sk), "v": ddb.S(sk)})
	}
	// 1.50 is the same number as 1.5.
	got := mustGet(t, e, "rng", ddb.Item{"pk": ddb.S("p"), "sk": ddb.N("1.50")})
	if got["v"].S != "1.5" {
		t.Fatalf("got %v", got)
	}
	if n := describe(t, e, "rng").ItemCount; n != 4 {
		t.Fatalf("ItemCount %d", n)
	}
}

func TestKeyValidation(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, rangeTable("rng"))
	mustCreate(t, e, &wire.CreateTableInput{
		TableName: "bin", BillingMode: billingPayPerRequest,
		AttributeDefinitions: []wire.AttributeDefinition{{AttributeName: "k", AttributeType: "B"}},
		KeySchema:            []wire.KeySchemaElement{{AttributeName: "k", KeyType: "HASH"}},
	})
	put := func(table string, it ddb.Item) error {
		_, err := e.PutItem(ctx, &wire.PutItemInput{TableName: table, Item: it})
		return err
	}
	wantErr(t, put("rng", ddb.Item{"pk": ddb.S("a")}), ddb.CodeValidation,
		"One or more parameter values were invalid: Missing the key sk in the item")
	wantErr(t, put("rng", ddb.Item{"pk": ddb.N("1"), "sk": ddb.N("1")}), ddb.CodeValidation,
		"One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N")
	wantErr(t, put("rng", ddb.Item{"pk": ddb.S(""), "sk": ddb.N("1")}), ddb.CodeValidation,
		"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk")
	wantErr(t, put("bin", ddb.Item{"k": ddb.B(nil)}), ddb.CodeValidation,
		"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: k")
	wantErr(t, put("rng", ddb.Item{"pk": ddb.S(strings.Repeat("a", 2049)), "sk": ddb.N("1")}), ddb.CodeValidation,
		"One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")
	wantErr(t, put("bin", ddb.Item{"k": ddb.B([]byte(strings.Repeat("a", 2049)))}), ddb.CodeValidation,
		"One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")
	if err := put("rng", ddb.Item{"pk": ddb.S(strings.Repeat("a", 2048)), "sk": ddb.N("1")}); err != nil {
		t.Fatalf("2048-byte hash key: %v", err)
	}
	wantErr(t, put("rng", ddb.Item{"pk": ddb.S("a"), "sk": ddb.S("x")}), ddb.CodeValidation,
		"One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S")

	get := func(key ddb.Item) error {
		_, err := e.GetItem(ctx, &wire.GetItemInput{TableName: "rng", Key: key})
		return err
	}
	const mismatch = "The provided key element does not match the schema"
	wantErr(t, get(ddb.Item{"pk": ddb.S("a")}), ddb.CodeValidation, mismatch)
	wantErr(t, get(ddb.Item{"pk": ddb.S("a"), "sk": ddb.N("1"), "x": ddb.S("extra")}), ddb.CodeValidation, mismatch)
	wantErr(t, get(ddb.Item{"pk": ddb.S("a"), "sk": ddb.S("1")}), ddb.CodeValidation, mismatch)
	wantErr(t, get(ddb.Item{"pk": ddb.S(""), "sk": ddb.N("1")}), ddb.CodeValidation,
		"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk")
	_, err := e.DeleteItem(ctx, &wire.DeleteItemInput{TableName: "rng", Key: ddb.Item{"sk": ddb.N("1")}})
	wantErr(t, err, ddb.CodeValidation, mismatch)
	_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "missing", Item: ddb.Item{"id": ddb.S("a")}})
	wantErr(t, err, ddb.CodeResourceNotFound, "Requested resource not found")
	_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "rng"})
	wantErr(t, err, ddb.CodeValidation, "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null")
}

func TestItemSizeLimit(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, hashTable("tbl"))
	// id(2) + "a"(1) + name "b"(1) + value: exactly 400 KB is allowed.
	exact := ddb.Item{"id": ddb.S("a"), "b": ddb.S(strings.Repeat("x", ddb.MaxItemSize-4))}
	mustPut(t, e, "tbl", exact)
	big := ddb.Item{"id": ddb.S("a"), "b": ddb.S(strings.Repeat("x", ddb.MaxItemSize-3))}
	_, err := e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: big})
	wantErr(t, err, ddb.CodeValidation, "Item size has exceeded the maximum allowed size")
	_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: ddb.Item{"id": ddb.S("a"), "s": {Type: ddb.TypeSS}}})
	wantErrContains(t, err, ddb.CodeValidation, "may not be empty")
}

func TestConditionsAndReturnValues(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, hashTable("tbl"))
	v1 := ddb.Item{"id": ddb.S("k"), "a": ddb.N("1"), "b": ddb.S("x")}
	out, err := e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: v1, ReturnValues: "ALL_OLD",
		ConditionExpression: strp("attribute_not_exists(id)")})
	if err != nil || out.Attributes != nil {
		t.Fatalf("first put: %+v %v", out, err)
	}
	// The same condition now fails, with and without the old item.
	_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: v1, ConditionExpression: strp("attribute_not_exists(id)")})
	wantErr(t, err, ddb.CodeConditionalCheckFailed, "The conditional request failed")
	if err.(*ddb.Error).Item != nil {
		t.Fatal("item returned without ReturnValuesOnConditionCheckFailure")
	}
	_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: v1, ConditionExpression: strp("attribute_not_exists(id)"),
		ReturnValuesOnConditionCheckFailure: "ALL_OLD"})
	wantErr(t, err, ddb.CodeConditionalCheckFailed, "The conditional request failed")
	if it := err.(*ddb.Error).Item; !ddb.ItemsEqual(it, v1) {
		t.Fatalf("CCF item %v", it)
	}

	v2 := ddb.Item{"id": ddb.S("k"), "a": ddb.N("2")}
	out, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: v2, ReturnValues: "ALL_OLD",
		ConditionExpression: strp("a = :one"), Expressions: wire.Expressions{ExpressionAttributeValues: map[string]ddb.Value{":one": ddb.N("1")}}})
	if err != nil || !ddb.ItemsEqual(out.Attributes, v1) {
		t.Fatalf("conditional put: %+v %v", out, err)
	}
	_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: v2, ReturnValues: "ALL_NEW"})
	wantErr(t, err, ddb.CodeValidation, "ReturnValues can only be ALL_OLD or NONE")
	_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: v2, ReturnValues: "SOME"})
	wantErr(t, err, ddb.CodeValidation, "1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: "+
		"Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]")

	key := ddb.Item{"id": ddb.S("k")}
	update := func(rv string) ddb.Item {
		t.Helper()
		out, err := e.UpdateItem(ctx, &wire.UpdateItemInput{TableName: "tbl", Key: key, ReturnValues: rv,
			UpdateExpression: strp("SET a = a + :d, c = :c"),
			Expressions:      wire.Expressions{ExpressionAttributeValues: map[string]ddb.Value{":d": ddb.N("1"), ":c": ddb.S(rv)}}})
		if err != nil {
			t.Fatalf("UpdateItem %s: %v", rv, err)
		}
		return out.Attributes
	}
	if got := update("ALL_OLD"); !ddb.ItemsEqual(got, v2) {
		t.Fatalf("ALL_OLD %v", got)
	}
	if got := update("UPDATED_OLD"); !ddb.ItemsEqual(got, ddb.Item{"a": ddb.N("3"), "c": ddb.S("ALL_OLD")}) {
		t.Fatalf("UPDATED_OLD %v", got)
	}
	if got := update("UPDATED_NEW"); !ddb.ItemsEqual(got, ddb.Item{"a": ddb.N("5"), "c": ddb.S("UPDATED_NEW")}) {
		t.Fatalf("UPDATED_NEW %v", got)
	}
	if got := update("ALL_NEW"); !ddb.ItemsEqual(got, ddb.Item{"id": ddb.S("k"), "a": ddb.N("6"), "c": ddb.S("ALL_NEW")}) {
		t.Fatalf("ALL_NEW %v", got)
	}
	if got := update("NONE"); got != nil {
		t.Fatalf("NONE %v", got)
	}

	del, err := e.DeleteItem(ctx, &wire.DeleteItemInput{TableName: "tbl", Key: key, ReturnValues: "ALL_OLD",
		ConditionExpression: strp("attribute_exists(a)")})
	if err != nil || del.Attributes["a"].N != "7" {
		t.Fatalf("delete: %+v %v", del, err)
	}
	_, err = e.DeleteItem(ctx, &wire.DeleteItemInput{TableName: "tbl", Key: key, ConditionExpression: strp("attribute_exists(a)")})
	wantErr(t, err, ddb.CodeConditionalCheckFailed, "The conditional request failed")
	_, err = e.DeleteItem(ctx, &wire.DeleteItemInput{TableName: "tbl", Key: key, ReturnValues: "UPDATED_OLD"})
	wantErr(t, err, ddb.CodeValidation, "ReturnValues can only be ALL_OLD or NONE")
}

func TestUpdateItemRules(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, rangeTable("rng"))
	key := ddb.Item{"pk": ddb.S("p"), "sk": ddb.N("1")}
	_, err := e.UpdateItem(ctx, &wire.UpdateItemInput{TableName: "rng", Key: key, UpdateExpression: strp("SET sk = :v"),
		Expressions: wire.Expressions{ExpressionAttributeValues: map[string]ddb.Value{":v": ddb.N("2")}}})
	wantErr(t, err, ddb.CodeValidation, "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key")
	_, err = e.UpdateItem(ctx, &wire.UpdateItemInput{TableName: "rng", Key: key, UpdateExpression: strp("REMOVE #k"),
		Expressions: wire.Expressions{ExpressionAttributeNames: map[string]string{"#k": "pk"}}})
	wantErr(t, err, ddb.CodeValidation, "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key")

	// An update of a missing item creates it; with no UpdateExpression it
	// holds the key only.
	out, err := e.UpdateItem(ctx, &wire.UpdateItemInput{TableName: "rng", Key: key, ReturnValues: "ALL_NEW"})
	if err != nil || !ddb.ItemsEqual(out.Attributes, key) {
		t.Fatalf("key-only update: %+v %v", out, err)
	}
	out, err = e.UpdateItem(ctx, &wire.UpdateItemInput{TableName: "rng", Key: ddb.Item{"pk": ddb.S("p"), "sk": ddb.N("2")},
		UpdateExpression: strp("SET v = :v"), ReturnValues: "UPDATED_OLD",
		Expressions: wire.Expressions{ExpressionAttributeValues: map[string]ddb.Value{":v": ddb.S("new")}}})
	if err != nil || out.Attributes != nil {
		t.Fatalf("UPDATED_OLD of a new item: %+v %v", out, err)
	}
	if n := describe(t, e, "rng").ItemCount; n != 2 {
		t.Fatalf("ItemCount %d", n)
	}
	_, err = e.UpdateItem(ctx, &wire.UpdateItemInput{TableName: "rng", Key: key, UpdateExpression: strp("SET v = :v"),
		ConditionExpression: strp("attribute_exists(v)"), ReturnValuesOnConditionCheckFailure: "ALL_OLD",
		Expressions: wire.Expressions{ExpressionAttributeValues: map[string]ddb.Value{":v": ddb.S("x")}}})
	wantErr(t, err, ddb.CodeConditionalCheckFailed, "The conditional request failed")
	if it := err.(*ddb.Error).Item; !ddb.ItemsEqual(it, key) {
		t.Fatalf("CCF item %v", it)
	}
	big := ddb.S(strings.Repeat("x", ddb.MaxItemSize))
	_, err = e.UpdateItem(ctx, &wire.UpdateItemInput{TableName: "rng", Key: key, UpdateExpression: strp("SET v = :v"),
		Expressions: wire.Expressions{ExpressionAttributeValues: map[string]ddb.Value{":v": big}}})
	wantErrContains(t, err, ddb.CodeValidation, "exceeded the maximum allowed size")
}

func TestLegacyParameters(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, hashTable("tbl"))
	it := ddb.Item{"id": ddb.S("a"), "x": ddb.S("1"), "y": ddb.S("2")}
	_, err := e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: it, ConditionExpression: strp("attribute_exists(id)"),
		Expected: map[string]any{"id": map[string]any{"Exists": false}}})
	wantErr(t, err, ddb.CodeValidation, "Can not use both expression and non-expression parameters in the same request: "+
		"Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}")
	_, err = e.UpdateItem(ctx, &wire.UpdateItemInput{TableName: "tbl", Key: ddb.Item{"id": ddb.S("a")}, UpdateExpression: strp("SET x = :x"),
		AttributeUpdates: map[string]any{"x": map[string]any{"Action": "PUT"}}})
	wantErr(t, err, ddb.CodeValidation, "Can not use both expression and non-expression parameters in the same request: "+
		"Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}")
	_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: it, Expected: map[string]any{"id": map[string]any{"Exists": false}}})
	wantErrContains(t, err, ddb.CodeValidation, "Expected")
	_, err = e.GetItem(ctx, &wire.GetItemInput{TableName: "tbl", Key: ddb.Item{"id": ddb.S("a")},
		AttributesToGet: []string{"x"}, ProjectionExpression: strp("x")})
	wantErr(t, err, ddb.CodeValidation, "Can not use both expression and non-expression parameters in the same request: "+
		"Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}")

	mustPut(t, e, "tbl", it)
	out, err := e.GetItem(ctx, &wire.GetItemInput{TableName: "tbl", Key: ddb.Item{"id": ddb.S("a")}, AttributesToGet: []string{"x", "nope"}})
	if err != nil || !ddb.ItemsEqual(out.Item, ddb.Item{"x": ddb.S("1")}) {
		t.Fatalf("AttributesToGet: %+v %v", out, err)
	}
	out, err = e.GetItem(ctx, &wire.GetItemInput{TableName: "tbl", Key: ddb.Item{"id": ddb.S("a")},
		ProjectionExpression: strp("#y, id"), ExpressionAttributeNames: map[string]string{"#y": "y"}})
	if err != nil || !ddb.ItemsEqual(out.Item, ddb.Item{"id": ddb.S("a"), "y": ddb.S("2")}) {
		t.Fatalf("ProjectionExpression: %+v %v", out, err)
	}
	_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: it, ConditionExpression: strp("")})
	wantErr(t, err, ddb.CodeValidation, "Invalid ConditionExpression: The expression can not be empty;")
}

func TestConsumedCapacity(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, hashTable("tbl"))
	it := ddb.Item{"id": ddb.S("a"), "v": ddb.S(strings.Repeat("x", 1500))}
	out, err := e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: it, ReturnConsumedCapacity: "TOTAL"})
	if err != nil {
		t.Fatal(err)
	}
	if c := out.ConsumedCapacity; c == nil || c.TableName != "tbl" || c.CapacityUnits != 2 || c.Table != nil {
		t.Fatalf("put capacity %+v", c)
	}
	// Replacing a 2 KB item with a small one still costs the larger size.
	out, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "tbl", Item: ddb.Item{"id": ddb.S("a")}, ReturnConsumedCapacity: "INDEXES"})
	if err != nil {
		t.Fatal(err)
	}
	if c := out.ConsumedCapacity; c.CapacityUnits != 2 || c.Table == nil || c.Table.CapacityUnits != 2 {
		t.Fatalf("replace capacity %+v", c)
	}
	g, err := e.GetItem(ctx, &wire.GetItemInput{TableName: "tbl", Key: ddb.Item{"id": ddb.S("a")}, ReturnConsumedCapacity: "TOTAL"})
	if err != nil || g.ConsumedCapacity.CapacityUnits != 0.5 {
		t.Fatalf("eventually consistent read %+v %v", g.ConsumedCapacity, err)
	}
	g, err = e.GetItem(ctx, &wire.GetItemInput{TableName: "tbl", Key: ddb.Item{"id": ddb.S("a")}, ReturnConsumedCapacity: "TOTAL", ConsistentRead: boolp(true)})
	if err != nil || g.ConsumedCapacity.CapacityUnits != 1 {
		t.Fatalf("consistent read %+v %v", g.ConsumedCapacity, err)
	}
	d, err := e.DeleteItem(ctx, &wire.DeleteItemInput{TableName: "tbl", Key: ddb.Item{"id": ddb.S("a")}})
	if err != nil || d.ConsumedCapacity != nil {
		t.Fatalf("delete capacity %+v %v", d, err)
	}
}

func TestCounters(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, hashTable("tbl"))
	a := ddb.Item{"id": ddb.S("a"), "v": ddb.S("12345")}
	b := ddb.Item{"id": ddb.S("b")}
	mustPut(t, e, "tbl", a)
	mustPut(t, e, "tbl", b)
	d := describe(t, e, "tbl")
	if d.ItemCount != 2 || d.TableSizeBytes != int64(ddb.ItemSize(a)+ddb.ItemSize(b)) {
		t.Fatalf("count %d size %d", d.ItemCount, d.TableSizeBytes)
	}
	mustPut(t, e, "tbl", ddb.Item{"id": ddb.S("a")})
	if _, err := e.DeleteItem(ctx, &wire.DeleteItemInput{TableName: "tbl", Key: ddb.Item{"id": ddb.S("b")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.DeleteItem(ctx, &wire.DeleteItemInput{TableName: "tbl", Key: ddb.Item{"id": ddb.S("zz")}}); err != nil {
		t.Fatal(err)
	}
	d = describe(t, e, "tbl")
	if d.ItemCount != 1 || d.TableSizeBytes != int64(ddb.ItemSize(ddb.Item{"id": ddb.S("a")})) {
		t.Fatalf("after replace/delete: count %d size %d", d.ItemCount, d.TableSizeBytes)
	}
}

func TestStreamRecordsOnlyForChanges(t *testing.T) {
	e := newMemEngine(t)
	d := mustCreate(t, e, withStream(hashTable("str"), "NEW_AND_OLD_IMAGES"))
	it := ddb.Item{"id": ddb.S("k"), "v": ddb.N("1")}
	mustPut(t, e, "str", it)
	mustPut(t, e, "str", it) // identical: no record
	upd := func(expr string) {
		t.Helper()
		if _, err := e.UpdateItem(ctx, &wire.UpdateItemInput{TableName: "str", Key: ddb.Item{"id": ddb.S("k")},
			UpdateExpression: strp(expr), Expressions: wire.Expressions{ExpressionAttributeValues: map[string]ddb.Value{":v": ddb.N("2")}}}); err != nil {
			t.Fatal(err)
		}
	}
	upd("SET v = :v")
	upd("SET v = :v") // no change: no record
	del := func() {
		if _, err := e.DeleteItem(ctx, &wire.DeleteItemInput{TableName: "str", Key: ddb.Item{"id": ddb.S("k")}}); err != nil {
			t.Fatal(err)
		}
	}
	del()
	del() // missing: no record
	recs := readStream(t, e, d.LatestStreamArn)
	if got := eventNames(recs); got != "INSERT,MODIFY,REMOVE" {
		t.Fatalf("events %s", got)
	}
	m := recs[1].Dynamodb
	if m.OldImage["v"].N != "1" || m.NewImage["v"].N != "2" || m.Keys["id"].S != "k" || m.StreamViewType != "NEW_AND_OLD_IMAGES" {
		t.Fatalf("MODIFY record %+v", m)
	}
	if recs[0].Dynamodb.SizeBytes <= 0 || recs[2].Dynamodb.OldImage["v"].N != "2" {
		t.Fatalf("records %+v", recs)
	}
}

func TestStreamRegionAndListStreams(t *testing.T) {
	e := newMemEngine(t)
	d := mustCreate(t, e, withStream(hashTable("str"), "KEYS_ONLY"))
	mustPut(t, e, "str", ddb.Item{"id": ddb.S("k")})
	c := WithRegion(ctx, "ap-south-1")
	ls, err := e.ListStreams(c, &wire.ListStreamsInput{})
	if err != nil || len(ls.Streams) != 1 || !strings.HasPrefix(ls.Streams[0].StreamArn, "arn:aws:dynamodb:ap-south-1:") {
		t.Fatalf("ListStreams %+v %v", ls, err)
	}
	_, err = e.ListStreams(ctx, &wire.ListStreamsInput{TableName: strp("nope")})
	wantErr(t, err, ddb.CodeResourceNotFound, "Requested resource not found: Table: nope not found")
	recs := readStream(t, e, d.LatestStreamArn)
	if len(recs) != 1 || recs[0].AWSRegion != "us-east-1" {
		t.Fatalf("records %+v", recs)
	}
}

func TestIndexKeyValidation(t *testing.T) {
	e := newMemEngine(t)
	in := hashTable("gsi")
	in.AttributeDefinitions = append(in.AttributeDefinitions, wire.AttributeDefinition{AttributeName: "email", AttributeType: "S"})
	in.GlobalSecondaryIndexes = []wire.GlobalSecondaryIndex{{IndexName: "by-email",
		KeySchema:  []wire.KeySchemaElement{{AttributeName: "email", KeyType: "HASH"}},
		Projection: &wire.Projection{ProjectionType: "KEYS_ONLY"}}}
	mustCreate(t, e, in)
	_, err := e.PutItem(ctx, &wire.PutItemInput{TableName: "gsi", Item: ddb.Item{"id": ddb.S("a"), "email": ddb.N("1")}})
	wantErr(t, err, ddb.CodeValidation, "One or more parameter values were invalid: Type mismatch for Index Key email Expected: S Actual: N IndexName: by-email")
	_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "gsi", Item: ddb.Item{"id": ddb.S("a"), "email": ddb.S("")}})
	wantErr(t, err, ddb.CodeValidation, "One or more parameter values are not valid. A value specified for a secondary index key is not supported. "+
		"The AttributeValue for a key attribute cannot contain an empty string value. IndexName: by-email, IndexKey: email")
	mustPut(t, e, "gsi", ddb.Item{"id": ddb.S("a")})
	_, err = e.UpdateItem(ctx, &wire.UpdateItemInput{TableName: "gsi", Key: ddb.Item{"id": ddb.S("a")}, UpdateExpression: strp("SET email = :e"),
		Expressions: wire.Expressions{ExpressionAttributeValues: map[string]ddb.Value{":e": ddb.B([]byte("x"))}}})
	wantErrContains(t, err, ddb.CodeValidation, "Type mismatch for Index Key email")
}
