package engine

import (
	"encoding/json"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// gsiUpdate is one entry of UpdateTable's GlobalSecondaryIndexUpdates.
type gsiUpdate struct {
	Create *wire.GlobalSecondaryIndex `json:"Create"`
	Update *struct {
		IndexName             string                      `json:"IndexName"`
		ProvisionedThroughput *wire.ProvisionedThroughput `json:"ProvisionedThroughput"`
	} `json:"Update"`
	Delete *struct {
		IndexName string `json:"IndexName"`
	} `json:"Delete"`
}

// updateIndexes applies GlobalSecondaryIndexUpdates to m: indexes are
// created, changed and deleted at once (ACTIVE, no backfill phase), and
// AttributeDefinitions follow the key attributes in use.
func updateIndexes(m *tableMeta, raw []map[string]any, defs []wire.AttributeDefinition) error {
	if len(raw) == 0 {
		return nil
	}
	m.GSIs = append([]wire.GlobalSecondaryIndex(nil), m.GSIs...)
	m.AttributeDefinitions = append([]wire.AttributeDefinition(nil), m.AttributeDefinitions...)
	for _, r := range raw {
		var u gsiUpdate
		b, _ := json.Marshal(r)
		if err := json.Unmarshal(b, &u); err != nil {
			return ddb.Errorf(ddb.CodeSerialization, "%v", err)
		}
		if err := applyIndexUpdate(m, u, defs); err != nil {
			return err
		}
	}
	pruneDefinitions(m)
	return nil
}

func applyIndexUpdate(m *tableMeta, u gsiUpdate, defs []wire.AttributeDefinition) error {
	switch {
	case u.Create != nil:
		return createIndex(m, *u.Create, defs)
	case u.Update != nil:
		i := findGSI(m, u.Update.IndexName)
		if i < 0 {
			return ddb.Errorf(ddb.CodeResourceNotFound, "Requested resource not found: Index %s for table %s not found", u.Update.IndexName, m.Name)
		}
		if m.BillingMode == billingPayPerRequest && u.Update.ProvisionedThroughput != nil {
			return ddb.InvalidParameter("ProvisionedThroughput should not be specified for index: %s when BillingMode is PAY_PER_REQUEST", u.Update.IndexName)
		}
		m.GSIs[i].ProvisionedThroughput = u.Update.ProvisionedThroughput
	case u.Delete != nil:
		i := findGSI(m, u.Delete.IndexName)
		if i < 0 {
			return ddb.Errorf(ddb.CodeResourceNotFound, "Requested resource not found: Index %s for table %s not found", u.Delete.IndexName, m.Name)
		}
		m.GSIs = append(m.GSIs[:i], m.GSIs[i+1:]...)
	default:
		return ddb.Validationf("One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Create, Update or Delete must be specified")
	}
	return nil
}

func createIndex(m *tableMeta, g wire.GlobalSecondaryIndex, defs []wire.AttributeDefinition) error {
	var v violations
	v.checkName(g.IndexName, "globalSecondaryIndexUpdates.1.member.create.indexName", true)
	checkKeySchemaShape(&v, g.KeySchema, "globalSecondaryIndexUpdates.1.member.create.keySchema")
	checkProjectionShape(&v, g.Projection, "globalSecondaryIndexUpdates.1.member.create.projection")
	if err := v.err(); err != nil {
		return err
	}
	if err := checkKeySchema(g.KeySchema); err != nil {
		return err
	}
	if err := checkProjection(g.Projection); err != nil {
		return err
	}
	if findGSI(m, g.IndexName) >= 0 || findLSI(m, g.IndexName) {
		return ddb.InvalidParameter("Index with name: %s already exists", g.IndexName)
	}
	if err := checkIndexBilling(g, m.BillingMode); err != nil {
		return err
	}
	for _, k := range g.KeySchema {
		if typeOf(m.AttributeDefinitions, k.AttributeName) != "" {
			continue
		}
		t := typeOf(defs, k.AttributeName)
		if t == "" {
			return ddb.InvalidParameter("Some index key attributes are not defined in AttributeDefinitions. Keys: %s, AttributeDefinitions: %s",
				bracketList(schemaNames(g.KeySchema)), bracketList(defNames(defs)))
		}
		m.AttributeDefinitions = append(m.AttributeDefinitions, wire.AttributeDefinition{AttributeName: k.AttributeName, AttributeType: t})
	}
	m.GSIs = append(m.GSIs, g)
	return nil
}

// pruneDefinitions drops AttributeDefinitions no key schema uses any more.
func pruneDefinitions(m *tableMeta) {
	used := map[string]bool{}
	for _, k := range m.KeySchema {
		used[k.AttributeName] = true
	}
	for _, g := range m.GSIs {
		for _, k := range g.KeySchema {
			used[k.AttributeName] = true
		}
	}
	for _, l := range m.LSIs {
		for _, k := range l.KeySchema {
			used[k.AttributeName] = true
		}
	}
	var kept []wire.AttributeDefinition
	for _, d := range m.AttributeDefinitions {
		if used[d.AttributeName] {
			kept = append(kept, d)
		}
	}
	m.AttributeDefinitions = kept
}

func findGSI(m *tableMeta, name string) int {
	for i, g := range m.GSIs {
		if g.IndexName == name {
			return i
		}
	}
	return -1
}

func findLSI(m *tableMeta, name string) bool {
	for _, l := range m.LSIs {
		if l.IndexName == name {
			return true
		}
	}
	return false
}

func typeOf(defs []wire.AttributeDefinition, name string) string {
	for _, d := range defs {
		if d.AttributeName == name {
			return d.AttributeType
		}
	}
	return ""
}

func schemaNames(ks []wire.KeySchemaElement) []string {
	var out []string
	for _, k := range ks {
		out = append(out, k.AttributeName)
	}
	return out
}

func defNames(defs []wire.AttributeDefinition) []string {
	var out []string
	for _, d := range defs {
		out = append(out, d.AttributeName)
	}
	return out
}
