package engine

import (
	"github.com/gojets/jets/wire"
)

// describe builds t's TableDescription. The caller holds e.tmu (shared).
func (e *Engine) describe(t *table, region string) wire.TableDescription {
	m := &t.meta
	arn := tableARN(region, e.cfg.AccountID, m.Name)
	d := wire.TableDescription{
		AttributeDefinitions:      append([]wire.AttributeDefinition(nil), m.AttributeDefinitions...),
		TableName:                 m.Name,
		KeySchema:                 append([]wire.KeySchemaElement(nil), m.KeySchema...),
		TableStatus:               "ACTIVE",
		CreationDateTime:          wire.EpochTime{Time: m.Created},
		ProvisionedThroughput:     throughputDesc(m.ReadUnits, m.WriteUnits),
		TableSizeBytes:            t.bytes.Load(),
		ItemCount:                 t.items.Load(),
		TableArn:                  arn,
		TableID:                   m.UUID,
		BillingModeSummary:        &wire.BillingModeSummary{BillingMode: m.BillingMode},
		DeletionProtectionEnabled: m.DeletionProtection,
	}
	if m.LastPayPerRequest != nil {
		d.BillingModeSummary.LastUpdateToPayPerRequestDateTime = &wire.EpochTime{Time: *m.LastPayPerRequest}
	}
	for _, g := range m.GSIs {
		gd := wire.GlobalSecondaryIndexDescription{
			IndexName:   g.IndexName,
			KeySchema:   g.KeySchema,
			Projection:  g.Projection,
			IndexStatus: "ACTIVE",
			IndexArn:    arn + "/index/" + g.IndexName,
		}
		if g.ProvisionedThroughput != nil {
			gd.ProvisionedThroughput = throughputDesc(deref(g.ProvisionedThroughput.ReadCapacityUnits),
				deref(g.ProvisionedThroughput.WriteCapacityUnits))
		} else {
			gd.ProvisionedThroughput = throughputDesc(0, 0)
		}
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, gd)
	}
	for _, l := range m.LSIs {
		d.LocalSecondaryIndexes = append(d.LocalSecondaryIndexes, wire.LocalSecondaryIndexDescription{
			IndexName:  l.IndexName,
			KeySchema:  l.KeySchema,
			Projection: l.Projection,
			IndexArn:   arn + "/index/" + l.IndexName,
		})
	}
	if m.Stream != nil {
		enabled := true
		d.StreamSpecification = &wire.StreamSpecification{StreamEnabled: &enabled, StreamViewType: m.Stream.ViewType}
	}
	if m.LatestStream != nil {
		d.LatestStreamLabel = m.LatestStream.Label
		d.LatestStreamArn = m.LatestStream.ARN(region, e.cfg.AccountID)
	}
	return d
}

func throughputDesc(read, write int64) *wire.ProvisionedThroughputDescription {
	return &wire.ProvisionedThroughputDescription{ReadCapacityUnits: read, WriteCapacityUnits: write}
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
