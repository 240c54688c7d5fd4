package engine

import (
	"regexp"
	"testing"
	"time"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

func TestCreateAndDescribeTable(t *testing.T) {
	e := newMemEngine(t)
	c := WithRegion(ctx, "eu-west-1")
	before := time.Now().Add(-time.Second)
	out, err := e.CreateTable(c, hashTable("people"))
	if err != nil {
		t.Fatal(err)
	}
	d := out.TableDescription
	if d.TableStatus != "ACTIVE" || d.TableArn != "arn:aws:dynamodb:eu-west-1:000000000000:table/people" {
		t.Fatalf("status %s arn %s", d.TableStatus, d.TableArn)
	}
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(d.TableID) {
		t.Fatalf("TableId %q", d.TableID)
	}
	if d.CreationDateTime.Before(before) || d.BillingModeSummary.BillingMode != billingPayPerRequest {
		t.Fatalf("created %v billing %+v", d.CreationDateTime, d.BillingModeSummary)
	}
	if pt := d.ProvisionedThroughput; pt == nil || pt.ReadCapacityUnits != 0 || pt.WriteCapacityUnits != 0 {
		t.Fatalf("on-demand throughput %+v", pt)
	}
	if d.StreamSpecification != nil || d.LatestStreamArn != "" {
		t.Fatalf("unexpected stream %+v %s", d.StreamSpecification, d.LatestStreamArn)
	}
	got := describe(t, e, "people")
	if got.TableID != d.TableID || got.TableArn != "arn:aws:dynamodb:us-east-1:000000000000:table/people" {
		t.Fatalf("describe: %+v", got)
	}
	_, err = e.CreateTable(ctx, hashTable("people"))
	wantErr(t, err, ddb.CodeResourceInUse, "Table already exists: people")
	_, err = e.DescribeTable(ctx, &wire.DescribeTableInput{TableName: "nobody"})
	wantErr(t, err, ddb.CodeResourceNotFound, "Requested resource not found: Table: nobody not found")
}

func TestCreateTableWithIndexesAndStream(t *testing.T) {
	e := newMemEngine(t)
	in := withStream(rangeTable("orders"), "NEW_AND_OLD_IMAGES")
	in.AttributeDefinitions = append(in.AttributeDefinitions,
		wire.AttributeDefinition{AttributeName: "g", AttributeType: "S"},
		wire.AttributeDefinition{AttributeName: "l", AttributeType: "B"})
	in.GlobalSecondaryIndexes = []wire.GlobalSecondaryIndex{{
		IndexName: "by-g", KeySchema: []wire.KeySchemaElement{{AttributeName: "g", KeyType: "HASH"}},
		Projection:            &wire.Projection{ProjectionType: "ALL"},
		ProvisionedThroughput: &wire.ProvisionedThroughput{ReadCapacityUnits: i64(1), WriteCapacityUnits: i64(2)},
	}}
	in.LocalSecondaryIndexes = []wire.LocalSecondaryIndex{{
		IndexName: "by-l", KeySchema: []wire.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "l", KeyType: "RANGE"}},
		Projection: &wire.Projection{ProjectionType: "KEYS_ONLY"},
	}}
	d := mustCreate(t, e, in)
	if len(d.GlobalSecondaryIndexes) != 1 || d.GlobalSecondaryIndexes[0].IndexStatus != "ACTIVE" ||
		d.GlobalSecondaryIndexes[0].IndexArn != d.TableArn+"/index/by-g" ||
		d.GlobalSecondaryIndexes[0].ProvisionedThroughput.WriteCapacityUnits != 2 {
		t.Fatalf("GSIs %+v", d.GlobalSecondaryIndexes)
	}
	if len(d.LocalSecondaryIndexes) != 1 || d.LocalSecondaryIndexes[0].IndexArn != d.TableArn+"/index/by-l" {
		t.Fatalf("LSIs %+v", d.LocalSecondaryIndexes)
	}
	if d.ProvisionedThroughput.ReadCapacityUnits != 5 || d.BillingModeSummary.BillingMode != billingProvisioned {
		t.Fatalf("throughput %+v", d.ProvisionedThroughput)
	}
	if d.StreamSpecification == nil || d.StreamSpecification.StreamViewType != "NEW_AND_OLD_IMAGES" ||
		!regexp.MustCompile(`^arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$`).MatchString(d.LatestStreamArn) ||
		d.LatestStreamLabel == "" {
		t.Fatalf("stream %+v %s %s", d.StreamSpecification, d.LatestStreamArn, d.LatestStreamLabel)
	}
}

func TestCreateTableValidation(t *testing.T) {
	e := newMemEngine(t)
	mod := func(f func(in *wire.CreateTableInput)) *wire.CreateTableInput {
		in := hashTable("valid")
		f(in)
		return in
	}
	cases := []struct {
		name string
		in   *wire.CreateTableInput
		msg  string
	}{
		{"short name", mod(func(in *wire.CreateTableInput) { in.TableName = "ab" }),
			"1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"bad name", mod(func(in *wire.CreateTableInput) { in.TableName = "a!" }),
			"2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value 'a!' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"no name", mod(func(in *wire.CreateTableInput) { in.TableName = "" }),
			"1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"},
		{"bad attribute type", mod(func(in *wire.CreateTableInput) { in.AttributeDefinitions[0].AttributeType = "BOOL" }),
			"1 validation error detected: Value 'BOOL' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]"},
		{"unused definition", mod(func(in *wire.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, wire.AttributeDefinition{AttributeName: "b", AttributeType: "S"})
		}), "One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [id, b], keys used: [id]"},
		{"missing definition", mod(func(in *wire.CreateTableInput) { in.KeySchema[0].AttributeName = "x" }),
			"One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [x], AttributeDefinitions: [id]"},
		{"range first", mod(func(in *wire.CreateTableInput) { in.KeySchema[0].KeyType = "RANGE" }),
			"Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{"same names", mod(func(in *wire.CreateTableInput) {
			in.KeySchema = append(in.KeySchema, wire.KeySchemaElement{AttributeName: "id", KeyType: "RANGE"})
		}), "Both the Hash Key and the Range Key element in the KeySchema have the same name"},
		{"provisioned without throughput", mod(func(in *wire.CreateTableInput) { in.BillingMode = "" }),
			"One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"},
		{"on-demand with throughput", mod(func(in *wire.CreateTableInput) {
			in.ProvisionedThroughput = &wire.ProvisionedThroughput{ReadCapacityUnits: i64(1), WriteCapacityUnits: i64(1)}
		}), "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"},
		{"zero throughput", mod(func(in *wire.CreateTableInput) {
			in.BillingMode = billingProvisioned
			in.ProvisionedThroughput = &wire.ProvisionedThroughput{ReadCapacityUnits: i64(0), WriteCapacityUnits: i64(1)}
		}), "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"bad billing mode", mod(func(in *wire.CreateTableInput) { in.BillingMode = "FREE" }),
			"1 validation error detected: Value 'FREE' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]"},
		{"bad view type", mod(func(in *wire.CreateTableInput) {
			in.StreamSpecification = &wire.StreamSpecification{StreamEnabled: boolp(true), StreamViewType: "ALL"}
		}), "1 validation error detected: Value 'ALL' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]"},
		{"stream without enabled", mod(func(in *wire.CreateTableInput) {
			in.StreamSpecification = &wire.StreamSpecification{StreamViewType: "KEYS_ONLY"}
		}), "1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null"},
		{"lsi without range", mod(func(in *wire.CreateTableInput) {
			in.LocalSecondaryIndexes = []wire.LocalSecondaryIndex{{IndexName: "lsi", KeySchema: in.KeySchema, Projection: &wire.Projection{ProjectionType: "ALL"}}}
		}), "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"},
		{"gsi throughput on demand", mod(func(in *wire.CreateTableInput) {
			in.GlobalSecondaryIndexes = []wire.GlobalSecondaryIndex{{IndexName: "gsi", KeySchema: in.KeySchema,
				Projection:            &wire.Projection{ProjectionType: "ALL"},
				ProvisionedThroughput: &wire.ProvisionedThroughput{ReadCapacityUnits: i64(1), WriteCapacityUnits: i64(1)}}}
		}), "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: gsi when BillingMode is PAY_PER_REQUEST"},
		{"gsi projection", mod(func(in *wire.CreateTableInput) {
			in.GlobalSecondaryIndexes = []wire.GlobalSecondaryIndex{{IndexName: "gsi", KeySchema: in.KeySchema,
				Projection: &wire.Projection{ProjectionType: "ALL", NonKeyAttributes: []string{"a"}}}}
		}), "One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.CreateTable(ctx, c.in)
			wantErr(t, err, ddb.CodeValidation, c.msg)
		})
	}
	if out, _ := e.ListTables(ctx, &wire.ListTablesInput{}); len(out.TableNames) != 0 {
		t.Fatalf("a failed create left tables: %v", out.TableNames)
	}
}

func TestListTablesPaging(t *testing.T) {
	e := newMemEngine(t)
	for _, n := range []string{"ccc", "aaa", "bbb", "ddd", "eee"} {
		mustCreate(t, e, hashTable(n))
	}
	var all []string
	var start string
	for pages := 0; ; pages++ {
		two := 2
		out, err := e.ListTables(ctx, &wire.ListTablesInput{Limit: &two, ExclusiveStartTableName: start})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, out.TableNames...)
		if out.LastEvaluatedTableName == "" {
			break
		}
		start = out.LastEvaluatedTableName
		if pages > 5 {
			t.Fatal("paging does not end")
		}
	}
	if got := len(all); got != 5 || all[0] != "aaa" || all[4] != "eee" {
		t.Fatalf("tables %v", all)
	}
	for _, bad := range []int{0, 101} {
		_, err := e.ListTables(ctx, &wire.ListTablesInput{Limit: &bad})
		wantErrContains(t, err, ddb.CodeValidation, "at 'limit' failed to satisfy constraint")
	}
}

func TestUpdateTableStreams(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, hashTable("tbl"))
	upd := func(spec *wire.StreamSpecification) (*wire.UpdateTableOutput, error) {
		return e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "tbl", StreamSpecification: spec})
	}
	_, err := upd(&wire.StreamSpecification{StreamEnabled: boolp(false)})
	wantErr(t, err, ddb.CodeValidation, "Table has no stream to disable: TableName: tbl")
	_, err = upd(&wire.StreamSpecification{StreamEnabled: boolp(true)})
	wantErrContains(t, err, ddb.CodeValidation, "stream", "enabled")
	_, err = upd(&wire.StreamSpecification{StreamViewType: "KEYS_ONLY"})
	wantErrContains(t, err, ddb.CodeValidation, "streamSpecification.streamEnabled", "must not be null")
	_, err = upd(&wire.StreamSpecification{StreamEnabled: boolp(true), StreamViewType: "BOTH"})
	wantErrContains(t, err, ddb.CodeValidation, "streamSpecification.streamViewType")

	out, err := upd(&wire.StreamSpecification{StreamEnabled: boolp(true), StreamViewType: "KEYS_ONLY"})
	if err != nil {
		t.Fatal(err)
	}
	first := out.TableDescription.LatestStreamArn
	if first == "" || out.TableDescription.StreamSpecification.StreamViewType != "KEYS_ONLY" {
		t.Fatalf("enable: %+v", out.TableDescription)
	}
	for _, view := range []string{"KEYS_ONLY", "NEW_IMAGE"} {
		_, err = upd(&wire.StreamSpecification{StreamEnabled: boolp(true), StreamViewType: view})
		wantErr(t, err, ddb.CodeValidation, "Table already has an enabled stream: TableName: tbl")
	}
	_, err = upd(&wire.StreamSpecification{StreamEnabled: boolp(false), StreamViewType: "KEYS_ONLY"})
	wantErrContains(t, err, ddb.CodeValidation, "disabled")
	out, err = upd(&wire.StreamSpecification{StreamEnabled: boolp(false)})
	if err != nil {
		t.Fatal(err)
	}
	if d := out.TableDescription; d.StreamSpecification != nil || d.LatestStreamArn != first {
		t.Fatalf("disable: spec %+v latest %s", d.StreamSpecification, d.LatestStreamArn)
	}
	_, err = upd(&wire.StreamSpecification{StreamEnabled: boolp(false)})
	wantErrContains(t, err, ddb.CodeValidation, "stream", "disable")

	// Re-enabling makes a new stream; the old one stays listed, DISABLED.
	out, err = upd(&wire.StreamSpecification{StreamEnabled: boolp(true), StreamViewType: "NEW_IMAGE"})
	if err != nil {
		t.Fatal(err)
	}
	if out.TableDescription.LatestStreamArn == first {
		t.Fatal("re-enable kept the old stream ARN")
	}
	old, err := e.DescribeStream(ctx, &wire.DescribeStreamInput{StreamArn: first})
	if err != nil {
		t.Fatal(err)
	}
	if old.StreamDescription.StreamStatus != "DISABLED" {
		t.Fatalf("old stream status %s", old.StreamDescription.StreamStatus)
	}
	ls, err := e.ListStreams(ctx, &wire.ListStreamsInput{TableName: strp("tbl")})
	if err != nil || len(ls.Streams) != 2 {
		t.Fatalf("ListStreams = %+v, %v", ls, err)
	}
}

func TestUpdateTableBilling(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, rangeTable("tbl"))
	_, err := e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "tbl"})
	wantErrContains(t, err, ddb.CodeValidation, "At least one of")
	_, err = e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "nope", BillingMode: billingPayPerRequest})
	wantErr(t, err, ddb.CodeResourceNotFound, "Requested resource not found: Table: nope not found")
	_, err = e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "tbl",
		ProvisionedThroughput: &wire.ProvisionedThroughput{ReadCapacityUnits: i64(5), WriteCapacityUnits: i64(5)}})
	wantErrContains(t, err, ddb.CodeValidation, "The provisioned throughput for the table will not change")

	out, err := e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "tbl",
		ProvisionedThroughput: &wire.ProvisionedThroughput{ReadCapacityUnits: i64(7), WriteCapacityUnits: i64(9)}})
	if err != nil {
		t.Fatal(err)
	}
	if pt := out.TableDescription.ProvisionedThroughput; pt.ReadCapacityUnits != 7 || pt.WriteCapacityUnits != 9 {
		t.Fatalf("throughput %+v", pt)
	}
	out, err = e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "tbl", BillingMode: billingPayPerRequest})
	if err != nil {
		t.Fatal(err)
	}
	d := out.TableDescription
	if d.BillingModeSummary.BillingMode != billingPayPerRequest || d.BillingModeSummary.LastUpdateToPayPerRequestDateTime == nil ||
		d.ProvisionedThroughput.ReadCapacityUnits != 0 {
		t.Fatalf("billing %+v %+v", d.BillingModeSummary, d.ProvisionedThroughput)
	}
	_, err = e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "tbl",
		ProvisionedThroughput: &wire.ProvisionedThroughput{ReadCapacityUnits: i64(1), WriteCapacityUnits: i64(1)}})
	wantErrContains(t, err, ddb.CodeValidation, "Neither ReadCapacityUnits nor WriteCapacityUnits")
	_, err = e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "tbl", BillingMode: billingProvisioned})
	wantErrContains(t, err, ddb.CodeValidation, "ProvisionedThroughput")
	out, err = e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "tbl", BillingMode: billingProvisioned,
		ProvisionedThroughput: &wire.ProvisionedThroughput{ReadCapacityUnits: i64(3), WriteCapacityUnits: i64(4)}})
	if err != nil || out.TableDescription.BillingModeSummary.BillingMode != billingProvisioned ||
		out.TableDescription.ProvisionedThroughput.WriteCapacityUnits != 4 {
		t.Fatalf("back to provisioned: %+v, %v", out, err)
	}
}

func TestDeleteTable(t *testing.T) {
	e := newMemEngine(t)
	d := mustCreate(t, e, withStream(hashTable("gone"), "NEW_IMAGE"))
	mustPut(t, e, "gone", ddb.Item{"id": ddb.S("a"), "v": ddb.N("1")})
	out, err := e.DeleteTable(ctx, &wire.DeleteTableInput{TableName: "gone"})
	if err != nil {
		t.Fatal(err)
	}
	if out.TableDescription.TableStatus != "DELETING" || out.TableDescription.ItemCount != 1 {
		t.Fatalf("delete answer %+v", out.TableDescription)
	}
	_, err = e.DescribeTable(ctx, &wire.DescribeTableInput{TableName: "gone"})
	wantErr(t, err, ddb.CodeResourceNotFound, "Requested resource not found: Table: gone not found")
	_, err = e.DeleteTable(ctx, &wire.DeleteTableInput{TableName: "gone"})
	wantErr(t, err, ddb.CodeResourceNotFound, "Requested resource not found: Table: gone not found")
	_, err = e.GetItem(ctx, &wire.GetItemInput{TableName: "gone", Key: ddb.Item{"id": ddb.S("a")}})
	wantErr(t, err, ddb.CodeResourceNotFound, "Requested resource not found")

	// The stream stays readable, DISABLED, with its record.
	sd, err := e.DescribeStream(ctx, &wire.DescribeStreamInput{StreamArn: d.LatestStreamArn})
	if err != nil {
		t.Fatal(err)
	}
	if sd.StreamDescription.StreamStatus != "DISABLED" {
		t.Fatalf("stream status %s", sd.StreamDescription.StreamStatus)
	}
	if recs := readStream(t, e, d.LatestStreamArn); eventNames(recs) != "INSERT" {
		t.Fatalf("records %s", eventNames(recs))
	}

	// A new table of the same name starts empty.
	mustCreate(t, e, hashTable("gone"))
	if it := mustGet(t, e, "gone", ddb.Item{"id": ddb.S("a")}); it != nil {
		t.Fatalf("item survived its table: %v", it)
	}
	if n := describe(t, e, "gone").ItemCount; n != 0 {
		t.Fatalf("ItemCount %d", n)
	}
}

func TestDeletionProtection(t *testing.T) {
	e := newMemEngine(t)
	in := hashTable("kept")
	in.DeletionProtectionEnabled = boolp(true)
	mustCreate(t, e, in)
	_, err := e.DeleteTable(ctx, &wire.DeleteTableInput{TableName: "kept"})
	wantErrContains(t, err, ddb.CodeValidation, "protected against deletion")
	if _, err := e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "kept", DeletionProtectionEnabled: boolp(false)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.DeleteTable(ctx, &wire.DeleteTableInput{TableName: "kept"}); err != nil {
		t.Fatal(err)
	}
}

func TestUpdateTableIndexes(t *testing.T) {
	e := newMemEngine(t)
	mustCreate(t, e, hashTable("idx"))
	create := map[string]any{"Create": map[string]any{
		"IndexName":  "by-email",
		"KeySchema":  []any{map[string]any{"AttributeName": "email", "KeyType": "HASH"}},
		"Projection": map[string]any{"ProjectionType": "ALL"},
	}}
	_, err := e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "idx", GlobalSecondaryIndexUpdates: []map[string]any{create}})
	wantErrContains(t, err, ddb.CodeValidation, "Some index key attributes are not defined")
	out, err := e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "idx", GlobalSecondaryIndexUpdates: []map[string]any{create},
		AttributeDefinitions: []wire.AttributeDefinition{{AttributeName: "email", AttributeType: "S"}}})
	if err != nil {
		t.Fatal(err)
	}
	d := out.TableDescription
	if len(d.GlobalSecondaryIndexes) != 1 || d.GlobalSecondaryIndexes[0].IndexStatus != "ACTIVE" || len(d.AttributeDefinitions) != 2 {
		t.Fatalf("after create: %+v %+v", d.GlobalSecondaryIndexes, d.AttributeDefinitions)
	}
	del := map[string]any{"Delete": map[string]any{"IndexName": "by-email"}}
	out, err = e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "idx", GlobalSecondaryIndexUpdates: []map[string]any{del}})
	if err != nil {
		t.Fatal(err)
	}
	if d := out.TableDescription; len(d.GlobalSecondaryIndexes) != 0 || len(d.AttributeDefinitions) != 1 {
		t.Fatalf("after delete: %+v %+v", d.GlobalSecondaryIndexes, d.AttributeDefinitions)
	}
	_, err = e.UpdateTable(ctx, &wire.UpdateTableInput{TableName: "idx", GlobalSecondaryIndexUpdates: []map[string]any{del}})
	wantErrContains(t, err, ddb.CodeResourceNotFound, "by-email")
}
