package engine

import (
	"fmt"
	"strconv"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

const (
	viewTypes        = "NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY"
	maxGSIs          = 20
	maxLSIs          = 5
	maxCapacityUnits = 1_000_000_000_000
)

// validateCreateTable applies DynamoDB's CreateTable rules and returns the
// billing mode to use.
func validateCreateTable(in *wire.CreateTableInput) (string, error) {
	if err := createTableShape(in); err != nil {
		return "", err
	}
	mode, err := checkBilling(in)
	if err != nil {
		return "", err
	}
	if err := checkAttributeDefinitions(in); err != nil {
		return "", err
	}
	if err := checkKeySchema(in.KeySchema); err != nil {
		return "", err
	}
	if err := checkLSIs(in); err != nil {
		return "", err
	}
	if err := checkGSIs(in, mode); err != nil {
		return "", err
	}
	return mode, checkStreamSpec(in.StreamSpecification)
}

// createTableShape checks the request's shape: required members, enums,
// lengths and ranges, all reported together.
func createTableShape(in *wire.CreateTableInput) error {
	var v violations
	v.checkName(in.TableName, "tableName", true)
	if in.AttributeDefinitions == nil {
		v.notNull("attributeDefinitions")
	}
	for i, d := range in.AttributeDefinitions {
		v.checkEnum(d.AttributeType, fmt.Sprintf("attributeDefinitions.%d.member.attributeType", i+1), "B", "N", "S")
	}
	checkKeySchemaShape(&v, in.KeySchema, "keySchema")
	v.checkEnum(in.BillingMode, "billingMode", billingProvisioned, billingPayPerRequest)
	checkThroughputShape(&v, in.ProvisionedThroughput, "provisionedThroughput")
	for i, g := range in.GlobalSecondaryIndexes {
		p := fmt.Sprintf("globalSecondaryIndexes.%d.member", i+1)
		v.checkName(g.IndexName, p+".indexName", true)
		checkKeySchemaShape(&v, g.KeySchema, p+".keySchema")
		checkProjectionShape(&v, g.Projection, p+".projection")
		checkThroughputShape(&v, g.ProvisionedThroughput, p+".provisionedThroughput")
	}
	for i, l := range in.LocalSecondaryIndexes {
		p := fmt.Sprintf("localSecondaryIndexes.%d.member", i+1)
		v.checkName(l.IndexName, p+".indexName", true)
		checkKeySchemaShape(&v, l.KeySchema, p+".keySchema")
		checkProjectionShape(&v, l.Projection, p+".projection")
	}
	checkStreamSpecShape(&v, in.StreamSpecification)
	v.checkEnum(in.TableClass, "tableClass", "STANDARD", "STANDARD_INFREQUENT_ACCESS")
	return v.err()
}

func checkKeySchemaShape(v *violations, ks []wire.KeySchemaElement, path string) {
	switch {
	case ks == nil:
		v.notNull(path)
	case len(ks) < 1:
		v.add("[]", path, "Member must have length greater than or equal to 1")
	case len(ks) > 2:
		v.add(fmt.Sprint(ks), path, "Member must have length less than or equal to 2")
	}
	for i, k := range ks {
		v.checkEnum(k.KeyType, fmt.Sprintf("%s.%d.member.keyType", path, i+1), "HASH", "RANGE")
	}
}

func checkProjectionShape(v *violations, p *wire.Projection, path string) {
	if p == nil {
		v.notNull(path)
		return
	}
	v.checkEnum(p.ProjectionType, path+".projectionType", "ALL", "KEYS_ONLY", "INCLUDE")
}

func checkThroughputShape(v *violations, pt *wire.ProvisionedThroughput, path string) {
	if pt == nil {
		return
	}
	for _, f := range []struct {
		val  *int64
		name string
	}{{pt.ReadCapacityUnits, ".readCapacityUnits"}, {pt.WriteCapacityUnits, ".writeCapacityUnits"}} {
		switch {
		case f.val == nil:
			v.notNull(path + f.name)
		case *f.val < 1:
			v.add(strconv.FormatInt(*f.val, 10), path+f.name, "Member must have value greater than or equal to 1")
		}
	}
}

func checkStreamSpecShape(v *violations, s *wire.StreamSpecification) {
	if s == nil {
		return
	}
	if s.StreamEnabled == nil {
		v.notNull("streamSpecification.streamEnabled")
	}
	v.checkEnum(s.StreamViewType, "streamSpecification.streamViewType",
		"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY")
}

func checkBilling(in *wire.CreateTableInput) (string, error) {
	mode := in.BillingMode
	if mode == "" {
		mode = billingProvisioned
	}
	pt := in.ProvisionedThroughput
	if mode == billingPayPerRequest {
		if pt != nil {
			return "", ddb.InvalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
		}
		return mode, nil
	}
	if pt == nil {
		return "", ddb.InvalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
	}
	return mode, checkCapacityBounds(pt)
}

func checkCapacityBounds(pt *wire.ProvisionedThroughput) error {
	if r := deref(pt.ReadCapacityUnits); r > maxCapacityUnits {
		return ddb.Validationf("Given value %d for ReadCapacityUnits is out of bounds", r)
	}
	if w := deref(pt.WriteCapacityUnits); w > maxCapacityUnits {
		return ddb.Validationf("Given value %d for WriteCapacityUnits is out of bounds", w)
	}
	return nil
}

// checkAttributeDefinitions requires AttributeDefinitions to be exactly the
// set of attributes the table and index key schemas use.
func checkAttributeDefinitions(in *wire.CreateTableInput) error {
	defined := map[string]bool{}
	var defs []string
	for _, d := range in.AttributeDefinitions {
		if defined[d.AttributeName] {
			return ddb.InvalidParameter("Duplicate AttributeName in AttributeDefinitions: %s", d.AttributeName)
		}
		defined[d.AttributeName] = true
		defs = append(defs, d.AttributeName)
	}
	schemas := [][]wire.KeySchemaElement{in.KeySchema}
	for _, l := range in.LocalSecondaryIndexes {
		schemas = append(schemas, l.KeySchema)
	}
	for _, g := range in.GlobalSecondaryIndexes {
		schemas = append(schemas, g.KeySchema)
	}
	used := map[string]bool{}
	var usedList []string
	for _, ks := range schemas {
		var names []string
		missing := false
		for _, k := range ks {
			names = append(names, k.AttributeName)
			missing = missing || !defined[k.AttributeName]
			if !used[k.AttributeName] {
				used[k.AttributeName] = true
				usedList = append(usedList, k.AttributeName)
			}
		}
		if missing {
			return ddb.InvalidParameter("Some index key attributes are not defined in AttributeDefinitions. Keys: %s, AttributeDefinitions: %s",
				bracketList(names), bracketList(defs))
		}
	}
	for _, d := range defs {
		if !used[d] {
			return ddb.InvalidParameter("Some AttributeDefinitions are not used. AttributeDefinitions: %s, keys used: %s",
				bracketList(defs), bracketList(usedList))
		}
	}
	return nil
}

func checkKeySchema(ks []wire.KeySchemaElement) error {
	if len(ks) == 2 && ks[0].AttributeName == ks[1].AttributeName {
		return ddb.Validationf("Both the Hash Key and the Range Key element in the KeySchema have the same name")
	}
	if ks[0].KeyType != "HASH" {
		return ddb.Validationf("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
	}
	if len(ks) == 2 && ks[1].KeyType != "RANGE" {
		return ddb.Validationf("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
	}
	return nil
}

func checkProjection(p *wire.Projection) error {
	if p.ProjectionType == "" {
		return ddb.InvalidParameter("Unknown ProjectionType: null")
	}
	if len(p.NonKeyAttributes) > 0 && p.ProjectionType != "INCLUDE" {
		return ddb.InvalidParameter("ProjectionType is %s, but NonKeyAttributes is specified", p.ProjectionType)
	}
	return nil
}

func checkLSIs(in *wire.CreateTableInput) error {
	if in.LocalSecondaryIndexes == nil {
		return nil
	}
	if len(in.LocalSecondaryIndexes) == 0 {
		return ddb.InvalidParameter("List of LocalSecondaryIndexes is empty")
	}
	if len(in.KeySchema) != 2 {
		return ddb.InvalidParameter("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
	}
	seen := map[string]bool{}
	for _, l := range in.LocalSecondaryIndexes {
		if err := checkKeySchema(l.KeySchema); err != nil {
			return err
		}
		if len(l.KeySchema) != 2 {
			return ddb.InvalidParameter("Index KeySchema does not have a range key for index: %s", l.IndexName)
		}
		if h := l.KeySchema[0].AttributeName; h != in.KeySchema[0].AttributeName {
			return ddb.InvalidParameter("Index KeySchema does not have the same leading hash key as table KeySchema for index: %s. index hash key: %s, table hash key: %s",
				l.IndexName, h, in.KeySchema[0].AttributeName)
		}
		if err := checkProjection(l.Projection); err != nil {
			return err
		}
		if seen[l.IndexName] {
			return ddb.InvalidParameter("Duplicate index name: %s", l.IndexName)
		}
		seen[l.IndexName] = true
	}
	if len(in.LocalSecondaryIndexes) > maxLSIs {
		return ddb.InvalidParameter("Number of LocalSecondaryIndexes exceeds per-table limit of %d", maxLSIs)
	}
	return nil
}

func checkGSIs(in *wire.CreateTableInput, mode string) error {
	if in.GlobalSecondaryIndexes == nil {
		return nil
	}
	if len(in.GlobalSecondaryIndexes) == 0 {
		return ddb.InvalidParameter("List of GlobalSecondaryIndexes is empty")
	}
	seen := map[string]bool{}
	for _, l := range in.LocalSecondaryIndexes {
		seen[l.IndexName] = true
	}
	for _, g := range in.GlobalSecondaryIndexes {
		if err := checkKeySchema(g.KeySchema); err != nil {
			return err
		}
		if err := checkProjection(g.Projection); err != nil {
			return err
		}
		if seen[g.IndexName] {
			return ddb.InvalidParameter("Duplicate index name: %s", g.IndexName)
		}
		seen[g.IndexName] = true
		if err := checkIndexBilling(g, mode); err != nil {
			return err
		}
	}
	if len(in.GlobalSecondaryIndexes) > maxGSIs {
		return ddb.InvalidParameter("GlobalSecondaryIndex count exceeds the per-table limit of %d", maxGSIs)
	}
	return nil
}

func checkIndexBilling(g wire.GlobalSecondaryIndex, mode string) error {
	if mode == billingPayPerRequest {
		if g.ProvisionedThroughput != nil {
			return ddb.InvalidParameter("ProvisionedThroughput should not be specified for index: %s when BillingMode is PAY_PER_REQUEST", g.IndexName)
		}
		return nil
	}
	if g.ProvisionedThroughput == nil {
		return ddb.InvalidParameter("ProvisionedThroughput must be specified for index: %s", g.IndexName)
	}
	return checkCapacityBounds(g.ProvisionedThroughput)
}

// checkStreamSpec applies the rules that need both members.
func checkStreamSpec(s *wire.StreamSpecification) error {
	if s == nil || s.StreamEnabled == nil {
		return nil
	}
	if *s.StreamEnabled && s.StreamViewType == "" {
		return ddb.InvalidParameter("If stream is being enabled then UpdateViewType is required")
	}
	if !*s.StreamEnabled && s.StreamViewType != "" {
		return ddb.InvalidParameter("If stream is being disabled, then UpdateViewType must not be specified")
	}
	return nil
}
