package engine

import (
	"context"
	"fmt"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// UpdateTable changes a table's billing, throughput, stream, global
// secondary indexes (stored, not yet queryable), deletion protection or
// table class. Changes take effect at once: the table stays ACTIVE.
func (e *Engine) UpdateTable(ctx context.Context, in *wire.UpdateTableInput) (*wire.UpdateTableOutput, error) {
	if err := updateTableShape(in); err != nil {
		return nil, err
	}
	t, release, err := e.lockTable(in.TableName)
	if err != nil {
		return nil, err
	}
	defer release()
	next := t.meta // copy; applied only if everything succeeds
	if err := e.updateBilling(&next, in); err != nil {
		return nil, err
	}
	if err := checkStreamUpdate(&t.meta, in.StreamSpecification); err != nil {
		return nil, err
	}
	if err := updateIndexes(&next, in.GlobalSecondaryIndexUpdates, in.AttributeDefinitions); err != nil {
		return nil, err
	}
	if in.DeletionProtectionEnabled != nil {
		next.DeletionProtection = *in.DeletionProtectionEnabled
	}
	if in.TableClass != "" {
		next.TableClass = in.TableClass
	}
	b := e.db.NewBatch()
	defer b.Close()
	if err := e.updateStream(b, t, &next, in.StreamSpecification); err != nil {
		return nil, err
	}
	_ = b.Set(tableKey(next.Name), next.encode(), nil)
	if err := e.db.Apply(b, pebble.Sync); err != nil {
		return nil, fmt.Errorf("update table: %w", err)
	}
	e.tmu.Lock()
	t.meta = next
	e.tmu.Unlock()
	return &wire.UpdateTableOutput{TableDescription: e.describeLocked(t, regionFrom(ctx, e.cfg.Region))}, nil
}

func updateTableShape(in *wire.UpdateTableInput) error {
	var v violations
	v.checkName(in.TableName, "tableName", true)
	v.checkEnum(in.BillingMode, "billingMode", billingProvisioned, billingPayPerRequest)
	checkThroughputShape(&v, in.ProvisionedThroughput, "provisionedThroughput")
	checkStreamSpecShape(&v, in.StreamSpecification)
	v.checkEnum(in.TableClass, "tableClass", "STANDARD", "STANDARD_INFREQUENT_ACCESS")
	if err := v.err(); err != nil {
		return err
	}
	if in.BillingMode == "" && in.ProvisionedThroughput == nil && in.StreamSpecification == nil &&
		in.GlobalSecondaryIndexUpdates == nil && in.DeletionProtectionEnabled == nil && in.TableClass == "" {
		return ddb.Validationf("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required")
	}
	return nil
}

func (e *Engine) updateBilling(m *tableMeta, in *wire.UpdateTableInput) error {
	mode := in.BillingMode
	if mode == "" {
		mode = m.BillingMode
	}
	pt := in.ProvisionedThroughput
	if mode == billingPayPerRequest {
		if pt != nil {
			return ddb.InvalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
		}
		if m.BillingMode != billingPayPerRequest {
			now := e.cfg.Now().UTC()
			m.LastPayPerRequest = &now
		}
		m.BillingMode, m.ReadUnits, m.WriteUnits = mode, 0, 0
		return nil
	}
	if pt == nil {
		if m.BillingMode == billingPayPerRequest {
			return ddb.InvalidParameter("ProvisionedThroughput must be specified when BillingMode is PROVISIONED")
		}
		return nil
	}
	if err := checkCapacityBounds(pt); err != nil {
		return err
	}
	r, w := deref(pt.ReadCapacityUnits), deref(pt.WriteCapacityUnits)
	if m.BillingMode == billingProvisioned && r == m.ReadUnits && w == m.WriteUnits {
		return ddb.Validationf("The provisioned throughput for the table will not change. The requested value equals the current value. "+
			"Current ReadCapacityUnits provisioned for the table: %d. Requested ReadCapacityUnits: %d. "+
			"Current WriteCapacityUnits provisioned for the table: %d. Requested WriteCapacityUnits: %d. "+
			"Refer to the Amazon DynamoDB Developer Guide for current limits and how to increase them.", m.ReadUnits, r, m.WriteUnits, w)
	}
	m.BillingMode, m.ReadUnits, m.WriteUnits = mode, r, w
	return nil
}

// checkStreamUpdate applies spec A11: enabling needs a view type and no
// enabled stream (even of the same type); disabling needs an enabled stream
// and no view type.
func checkStreamUpdate(m *tableMeta, s *wire.StreamSpecification) error {
	if s == nil {
		return nil
	}
	if err := checkStreamSpec(s); err != nil {
		return err
	}
	if *s.StreamEnabled && m.Stream != nil {
		return ddb.Validationf("Table already has an enabled stream: TableName: %s", m.Name)
	}
	if !*s.StreamEnabled && m.Stream == nil {
		return ddb.Validationf("Table has no stream to disable: TableName: %s", m.Name)
	}
	return nil
}

// updateStream enables or disables t's stream in b, recording the result
// in next.
func (e *Engine) updateStream(b *pebble.Batch, t *table, next *tableMeta, s *wire.StreamSpecification) error {
	if s == nil {
		return nil
	}
	if *s.StreamEnabled {
		tmp := &table{meta: *next}
		if err := e.enableStream(b, tmp, s.StreamViewType); err != nil {
			return err
		}
		next.Stream, next.LatestStream = tmp.meta.Stream, tmp.meta.LatestStream
		return nil
	}
	if err := e.log.Disable(b, *t.meta.Stream); err != nil {
		return fmt.Errorf("disable stream: %w", err)
	}
	next.Stream = nil
	return nil
}
