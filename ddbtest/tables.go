package ddbtest

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// RunTables checks the control plane: CreateTable, DescribeTable,
// ListTables, UpdateTable (billing and throughput) and DeleteTable.
func RunTables(t *testing.T, tg *Target) {
	runAll(t, tg, []subtest{
		{"CreateDescribeHashKey", testCreateDescribeHash},
		{"CreateHashRangeProvisioned", testCreateHashRangeProvisioned},
		{"CreateWithStream", testCreateWithStream},
		{"CreateWithIndexes", testCreateWithIndexes},
		{"CreateExisting", testCreateExisting},
		{"TableNameValidation", testTableNameValidation},
		{"KeySchemaValidation", testKeySchemaValidation},
		{"DescribeMissing", testDescribeMissing},
		{"ListTablesPaging", testListTablesPaging},
		{"UpdateBilling", testUpdateBilling},
		{"DeleteTable", testDeleteTable},
	})
}

var arnAccount = `\d{12}`

func tableArnRE(region, name string) *regexp.Regexp {
	return regexp.MustCompile(`^arn:aws:dynamodb:` + regexp.QuoteMeta(region) + `:` + arnAccount + `:table/` + regexp.QuoteMeta(name) + `$`)
}

var sortKeySchema = cmpopts.IgnoreUnexported(types.KeySchemaElement{}, types.AttributeDefinition{})

func testCreateDescribeHash(t *testing.T, tg *Target) {
	ctx := context.Background()
	name := UniqueName("tbl-hash")
	before := time.Now().Add(-time.Minute)
	out, err := tg.DynamoDB.CreateTable(ctx, TableInput(name, "id", "S"))
	NoError(t, err, "create table")
	t.Cleanup(func() { _, _ = tg.DynamoDB.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)}) })
	td := out.TableDescription
	checkTableDescription(t, tg, td, name)
	if td.TableStatus != types.TableStatusCreating && td.TableStatus != types.TableStatusActive {
		t.Errorf("CreateTable TableStatus = %s, want CREATING or ACTIVE", td.TableStatus)
	}
	if td.CreationDateTime == nil || td.CreationDateTime.Before(before) || td.CreationDateTime.After(time.Now().Add(time.Minute)) {
		t.Errorf("CreationDateTime = %v, want about now", td.CreationDateTime)
	}
	if td.BillingModeSummary == nil || td.BillingModeSummary.BillingMode != types.BillingModePayPerRequest {
		t.Errorf("BillingModeSummary = %+v, want PAY_PER_REQUEST", td.BillingModeSummary)
	}
	if td.StreamSpecification != nil || td.LatestStreamArn != nil || td.LatestStreamLabel != nil {
		t.Errorf("table without stream has StreamSpecification %+v, LatestStreamArn %v, LatestStreamLabel %v",
			td.StreamSpecification, aws.ToString(td.LatestStreamArn), aws.ToString(td.LatestStreamLabel))
	}
	desc := tg.WaitActive(t, name)
	checkTableDescription(t, tg, desc, name)
	if aws.ToString(desc.TableArn) != aws.ToString(td.TableArn) {
		t.Errorf("DescribeTable TableArn %s != CreateTable's %s", aws.ToString(desc.TableArn), aws.ToString(td.TableArn))
	}
	if desc.CreationDateTime == nil || !desc.CreationDateTime.Equal(*td.CreationDateTime) {
		t.Errorf("DescribeTable CreationDateTime %v != CreateTable's %v", desc.CreationDateTime, td.CreationDateTime)
	}
}

func checkTableDescription(t *testing.T, tg *Target, td *types.TableDescription, name string) {
	t.Helper()
	if td == nil {
		t.Fatal("no TableDescription")
	}
	if aws.ToString(td.TableName) != name {
		t.Errorf("TableName = %q, want %q", aws.ToString(td.TableName), name)
	}
	if !tableArnRE(tg.Region, name).MatchString(aws.ToString(td.TableArn)) {
		t.Errorf("TableArn = %q, want arn:aws:dynamodb:%s:<account>:table/%s", aws.ToString(td.TableArn), tg.Region, name)
	}
	if aws.ToString(td.TableId) == "" {
		t.Errorf("TableId is empty")
	}
	wantKS := []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}}
	if d := cmp.Diff(wantKS, td.KeySchema, sortKeySchema); d != "" {
		t.Errorf("KeySchema (-want +got):\n%s", d)
	}
	wantAD := []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}}
	if d := cmp.Diff(wantAD, td.AttributeDefinitions, sortKeySchema); d != "" {
		t.Errorf("AttributeDefinitions (-want +got):\n%s", d)
	}
	if aws.ToInt64(td.ItemCount) != 0 || aws.ToInt64(td.TableSizeBytes) != 0 {
		t.Errorf("new table ItemCount %d TableSizeBytes %d, want 0 0", aws.ToInt64(td.ItemCount), aws.ToInt64(td.TableSizeBytes))
	}
	if td.ItemCount == nil || td.TableSizeBytes == nil {
		t.Errorf("ItemCount or TableSizeBytes missing")
	}
}

func testCreateHashRangeProvisioned(t *testing.T, tg *Target) {
	name := UniqueName("tbl-range")
	in := TableInput(name, "pk", "N", "sk", "B")
	in.BillingMode = ""
	in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(7)}
	td := tg.CreateTable(t, in)
	want := []types.KeySchemaElement{
		{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
		{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
	}
	if d := cmp.Diff(want, td.KeySchema, sortKeySchema); d != "" {
		t.Errorf("KeySchema (-want +got):\n%s", d)
	}
	ad := append([]types.AttributeDefinition(nil), td.AttributeDefinitions...)
	sort.Slice(ad, func(i, j int) bool { return aws.ToString(ad[i].AttributeName) < aws.ToString(ad[j].AttributeName) })
	wantAD := []types.AttributeDefinition{
		{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeN},
		{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeB},
	}
	if d := cmp.Diff(wantAD, ad, sortKeySchema); d != "" {
		t.Errorf("AttributeDefinitions (-want +got):\n%s", d)
	}
	pt := td.ProvisionedThroughput
	if pt == nil || aws.ToInt64(pt.ReadCapacityUnits) != 5 || aws.ToInt64(pt.WriteCapacityUnits) != 7 {
		t.Errorf("ProvisionedThroughput = %+v, want 5/7", pt)
	}
	if td.BillingModeSummary != nil && td.BillingModeSummary.BillingMode != types.BillingModeProvisioned {
		t.Errorf("BillingModeSummary = %s, want PROVISIONED or absent", td.BillingModeSummary.BillingMode)
	}
}

// StreamLabelRE matches a StreamLabel (UTC, milliseconds, no zone).
var StreamLabelRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$`)

func streamArnRE(region, table string) *regexp.Regexp {
	return regexp.MustCompile(`^arn:aws:dynamodb:` + regexp.QuoteMeta(region) + `:` + arnAccount + `:table/` +
		regexp.QuoteMeta(table) + `/stream/(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})$`)
}

func checkStreamOn(t *testing.T, tg *Target, td *types.TableDescription, viewType types.StreamViewType) {
	t.Helper()
	ss := td.StreamSpecification
	if ss == nil || !aws.ToBool(ss.StreamEnabled) || ss.StreamViewType != viewType {
		t.Errorf("StreamSpecification = %+v, want enabled %s", ss, viewType)
	}
	m := streamArnRE(tg.Region, aws.ToString(td.TableName)).FindStringSubmatch(aws.ToString(td.LatestStreamArn))
	if m == nil {
		t.Errorf("LatestStreamArn = %q, want arn:aws:dynamodb:%s:<acct>:table/%s/stream/<label>", aws.ToString(td.LatestStreamArn), tg.Region, aws.ToString(td.TableName))
		return
	}
	if m[1] != aws.ToString(td.LatestStreamLabel) {
		t.Errorf("LatestStreamLabel = %q, want the ARN's label %q", aws.ToString(td.LatestStreamLabel), m[1])
	}
}

func testCreateWithStream(t *testing.T, tg *Target) {
	ctx := context.Background()
	name := UniqueName("tbl-stream")
	out, err := tg.DynamoDB.CreateTable(ctx, WithStream(TableInput(name, "id", "S"), types.StreamViewTypeNewImage))
	NoError(t, err, "create table")
	t.Cleanup(func() { _, _ = tg.DynamoDB.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)}) })
	checkStreamOn(t, tg, out.TableDescription, types.StreamViewTypeNewImage)
	desc := tg.WaitActive(t, name)
	checkStreamOn(t, tg, desc, types.StreamViewTypeNewImage)
	if aws.ToString(desc.LatestStreamArn) != aws.ToString(out.TableDescription.LatestStreamArn) {
		t.Errorf("DescribeTable LatestStreamArn %s != CreateTable's %s", aws.ToString(desc.LatestStreamArn), aws.ToString(out.TableDescription.LatestStreamArn))
	}
}

func testCreateWithIndexes(t *testing.T, tg *Target) {
	name := UniqueName("tbl-idx")
	in := TableInput(name, "pk", "S", "sk", "S")
	in.AttributeDefinitions = append(in.AttributeDefinitions,
		types.AttributeDefinition{AttributeName: aws.String("g"), AttributeType: types.ScalarAttributeTypeS},
		types.AttributeDefinition{AttributeName: aws.String("l"), AttributeType: types.ScalarAttributeTypeN})
	in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{{
		IndexName:  aws.String("by-g"),
		KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("g"), KeyType: types.KeyTypeHash}},
		Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
	}}
	in.LocalSecondaryIndexes = []types.LocalSecondaryIndex{{
		IndexName: aws.String("by-l"),
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("l"), KeyType: types.KeyTypeRange},
		},
		Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
	}}
	td := tg.CreateTable(t, in)
	if len(td.GlobalSecondaryIndexes) != 1 || aws.ToString(td.GlobalSecondaryIndexes[0].IndexName) != "by-g" {
		t.Fatalf("GlobalSecondaryIndexes = %+v, want by-g", td.GlobalSecondaryIndexes)
	}
	g := td.GlobalSecondaryIndexes[0]
	if len(g.KeySchema) != 1 || aws.ToString(g.KeySchema[0].AttributeName) != "g" || g.Projection == nil || g.Projection.ProjectionType != types.ProjectionTypeAll {
		t.Errorf("GSI by-g = %+v", g)
	}
	if !strings.HasSuffix(aws.ToString(g.IndexArn), ":table/"+name+"/index/by-g") {
		t.Errorf("GSI IndexArn = %q", aws.ToString(g.IndexArn))
	}
	if len(td.LocalSecondaryIndexes) != 1 || aws.ToString(td.LocalSecondaryIndexes[0].IndexName) != "by-l" {
		t.Fatalf("LocalSecondaryIndexes = %+v, want by-l", td.LocalSecondaryIndexes)
	}
	l := td.LocalSecondaryIndexes[0]
	if len(l.KeySchema) != 2 || aws.ToString(l.KeySchema[1].AttributeName) != "l" || l.Projection == nil || l.Projection.ProjectionType != types.ProjectionTypeKeysOnly {
		t.Errorf("LSI by-l = %+v", l)
	}
	if len(td.AttributeDefinitions) != 4 {
		t.Errorf("AttributeDefinitions = %d entries, want 4", len(td.AttributeDefinitions))
	}
}

func testCreateExisting(t *testing.T, tg *Target) {
	name := UniqueName("tbl-dup")
	tg.CreateTable(t, TableInput(name, "id", "S"))
	_, err := tg.DynamoDB.CreateTable(context.Background(), TableInput(name, "id", "S"))
	WantErrorMessage(t, err, "ResourceInUseException", "Table already exists: "+name)
}

func testTableNameValidation(t *testing.T, tg *Target) {
	ctx := context.Background()
	bad := []string{"ab", "a", strings.Repeat("x", 256), "bad name", "bad!name", "tbl/slash", "tåble"}
	for _, n := range bad {
		_, err := tg.DynamoDB.CreateTable(ctx, TableInput(n, "id", "S"))
		if err == nil {
			_, _ = tg.DynamoDB.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(n)})
		}
		WantError(t, err, "ValidationException")
		_, err = tg.DynamoDB.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(n)})
		WantError(t, err, "ValidationException")
	}
	good := []string{
		UniqueName("a.b_c"),
		UniqueName(strings.Repeat("L", 246)), // 255 characters
		"x" + UniqueName("")[1:3],            // 3 characters
	}
	for _, n := range good {
		tg.CreateTable(t, TableInput(n, "id", "S"))
	}
}

func testKeySchemaValidation(t *testing.T, tg *Target) {
	ctx := context.Background()
	name := UniqueName("tbl-badkey")
	cases := map[string]func(in *dynamodb.CreateTableInput){
		"BOOL key type": func(in *dynamodb.CreateTableInput) { in.AttributeDefinitions[0].AttributeType = "BOOL" },
		"key not defined": func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions[0].AttributeName = aws.String("other")
		},
		"unused definition": func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String("x"), AttributeType: "S"})
		},
		"two hash keys": func(in *dynamodb.CreateTableInput) {
			in.KeySchema = append(in.KeySchema, types.KeySchemaElement{AttributeName: aws.String("x"), KeyType: types.KeyTypeHash})
			in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String("x"), AttributeType: "S"})
		},
		"range only": func(in *dynamodb.CreateTableInput) { in.KeySchema[0].KeyType = types.KeyTypeRange },
		"no key schema": func(in *dynamodb.CreateTableInput) {
			in.KeySchema = nil
		},
		"provisioned without throughput": func(in *dynamodb.CreateTableInput) { in.BillingMode = types.BillingModeProvisioned },
		"on-demand with throughput": func(in *dynamodb.CreateTableInput) {
			in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}
		},
		"stream enabled without view type": func(in *dynamodb.CreateTableInput) {
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true)}
		},
		"bad view type": func(in *dynamodb.CreateTableInput) {
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: "ALL_IMAGES"}
		},
	}
	for what, mutate := range cases {
		in := TableInput(name, "id", "S")
		mutate(in)
		_, err := tg.DynamoDB.CreateTable(ctx, in)
		if err == nil {
			t.Errorf("%s: CreateTable succeeded, want ValidationException", what)
			_, _ = tg.DynamoDB.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
			continue
		}
		if ErrorCode(err) != "ValidationException" {
			t.Errorf("%s: got %v, want ValidationException", what, err)
		}
	}
}

func testDescribeMissing(t *testing.T, tg *Target) {
	ctx := context.Background()
	name := UniqueName("tbl-missing")
	_, err := tg.DynamoDB.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	msg := WantError(t, err, "ResourceNotFoundException")
	if !strings.HasPrefix(msg, "Requested resource not found") {
		t.Errorf("message %q, want it to start with %q", msg, "Requested resource not found")
	}
	_, err = tg.DynamoDB.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String(name), BillingMode: types.BillingModePayPerRequest})
	WantError(t, err, "ResourceNotFoundException")
	_, err = tg.DynamoDB.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	WantError(t, err, "ResourceNotFoundException")
}

func testListTablesPaging(t *testing.T, tg *Target) {
	ctx := context.Background()
	prefix := UniqueName("tbl-list")
	var ours []string
	for _, s := range []string{"a", "b", "c", "d", "e"} {
		n := prefix + "-" + s
		ours = append(ours, n)
		tg.CreateTable(t, TableInput(n, "id", "S"))
	}
	var all []string
	in := &dynamodb.ListTablesInput{Limit: aws.Int32(2)}
	for pages := 0; ; pages++ {
		if pages > 10000 {
			t.Fatal("ListTables paging does not end")
		}
		out, err := tg.DynamoDB.ListTables(ctx, in)
		NoError(t, err, "list tables")
		if len(out.TableNames) > 2 {
			t.Fatalf("ListTables Limit 2 returned %d names", len(out.TableNames))
		}
		all = append(all, out.TableNames...)
		if out.LastEvaluatedTableName == nil {
			break
		}
		if len(out.TableNames) == 0 || *out.LastEvaluatedTableName != out.TableNames[len(out.TableNames)-1] {
			t.Fatalf("LastEvaluatedTableName %q is not the page's last name %v", *out.LastEvaluatedTableName, out.TableNames)
		}
		in.ExclusiveStartTableName = out.LastEvaluatedTableName
	}
	if !sort.StringsAreSorted(all) {
		t.Errorf("ListTables pages are not in ascending order: %v", all)
	}
	got := []string{}
	for _, n := range all {
		if strings.HasPrefix(n, prefix+"-") {
			got = append(got, n)
		}
	}
	if d := cmp.Diff(ours, got); d != "" {
		t.Errorf("our tables in ListTables (-want +got):\n%s", d)
	}
	out, err := tg.DynamoDB.ListTables(ctx, &dynamodb.ListTablesInput{ExclusiveStartTableName: aws.String(ours[2]), Limit: aws.Int32(2)})
	NoError(t, err, "list tables after "+ours[2])
	if d := cmp.Diff(ours[3:5], out.TableNames); d != "" {
		t.Errorf("ListTables after %s (-want +got):\n%s", ours[2], d)
	}
	for _, limit := range []int32{0, 101, -1} {
		_, err := tg.DynamoDB.ListTables(ctx, &dynamodb.ListTablesInput{Limit: aws.Int32(limit)})
		WantError(t, err, "ValidationException")
	}
	out, err = tg.DynamoDB.ListTables(ctx, &dynamodb.ListTablesInput{Limit: aws.Int32(100)})
	NoError(t, err, "list tables limit 100")
	if len(out.TableNames) > 100 {
		t.Errorf("Limit 100 returned %d names", len(out.TableNames))
	}
}

func testUpdateBilling(t *testing.T, tg *Target) {
	ctx := context.Background()
	name := UniqueName("tbl-billing")
	tg.CreateTable(t, TableInput(name, "id", "S"))
	_, err := tg.DynamoDB.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName:             aws.String(name),
		BillingMode:           types.BillingModeProvisioned,
		ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(3), WriteCapacityUnits: aws.Int64(4)},
	})
	NoError(t, err, "update table to provisioned")
	td := tg.WaitActive(t, name)
	if pt := td.ProvisionedThroughput; pt == nil || aws.ToInt64(pt.ReadCapacityUnits) != 3 || aws.ToInt64(pt.WriteCapacityUnits) != 4 {
		t.Errorf("ProvisionedThroughput after update = %+v, want 3/4", td.ProvisionedThroughput)
	}
	if td.BillingModeSummary == nil || td.BillingModeSummary.BillingMode != types.BillingModeProvisioned {
		t.Errorf("BillingModeSummary after update = %+v, want PROVISIONED", td.BillingModeSummary)
	}
}

func testDeleteTable(t *testing.T, tg *Target) {
	ctx := context.Background()
	name := UniqueName("tbl-del")
	tg.CreateTable(t, TableInput(name, "id", "S"))
	_, err := tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: Item(`{"id":{"S":"a"}}`)})
	NoError(t, err, "put item")
	out, err := tg.DynamoDB.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	NoError(t, err, "delete table")
	if aws.ToString(out.TableDescription.TableName) != name {
		t.Errorf("DeleteTable TableName = %q", aws.ToString(out.TableDescription.TableName))
	}
	if s := out.TableDescription.TableStatus; s != types.TableStatusDeleting && s != types.TableStatusActive {
		t.Errorf("DeleteTable TableStatus = %s, want DELETING", s)
	}
	gone := Eventually(10*time.Second, func() bool {
		_, err := tg.DynamoDB.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
		return ErrorCode(err) == "ResourceNotFoundException"
	})
	if !gone {
		t.Fatalf("table %s still described 10s after DeleteTable", name)
	}
	_, err = tg.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name), Key: Item(`{"id":{"S":"a"}}`)})
	WantError(t, err, "ResourceNotFoundException")
	_, err = tg.DynamoDB.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	WantError(t, err, "ResourceNotFoundException")
	lt, err := tg.DynamoDB.ListTables(ctx, &dynamodb.ListTablesInput{ExclusiveStartTableName: aws.String(name[:len(name)-1])})
	NoError(t, err, "list tables")
	for _, n := range lt.TableNames {
		if n == name {
			t.Errorf("deleted table %s still listed", name)
		}
	}
	// The name can be used again.
	tg.CreateTable(t, TableInput(name, "id", "S"))
	got, err := tg.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name), Key: Item(`{"id":{"S":"a"}}`)})
	NoError(t, err, "get item from re-created table")
	if got.Item != nil {
		t.Errorf("re-created table still has the old item %v", Plain(got.Item))
	}
}
