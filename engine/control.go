package engine

import (
	"context"
	"encoding/binary"
	"fmt"
	"sort"

	"github.com/cockroachdb/pebble/v2"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine/internal/streamlog"
	"github.com/gojets/jets/wire"
)

// tableNotFound is the control plane's ResourceNotFoundException.
func tableNotFound(name string) error {
	return ddb.Errorf(ddb.CodeResourceNotFound, "Requested resource not found: Table: %s not found", name)
}

// lockControl enters the engine and takes the control-plane lock, as every
// change of a table does; release undoes both.
func (e *Engine) lockControl() (release func(), err error) {
	done, err := e.enter()
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	return func() { e.mu.Unlock(); done() }, nil
}

// lockTable is lockControl for a change of the named table, which must exist.
func (e *Engine) lockTable(name string) (t *table, release func(), err error) {
	release, err = e.lockControl()
	if err != nil {
		return nil, nil, err
	}
	if t = e.lookup(name); t == nil {
		release()
		return nil, nil, tableNotFound(name)
	}
	return t, release, nil
}

// lookup returns the named table or nil.
func (e *Engine) lookup(name string) *table {
	e.tmu.RLock()
	defer e.tmu.RUnlock()
	return e.tables[name]
}

// CreateTable creates a table; it is ACTIVE at once.
func (e *Engine) CreateTable(ctx context.Context, in *wire.CreateTableInput) (*wire.CreateTableOutput, error) {
	mode, err := validateCreateTable(in)
	if err != nil {
		return nil, err
	}
	release, err := e.lockControl()
	if err != nil {
		return nil, err
	}
	defer release()
	if e.lookup(in.TableName) != nil {
		return nil, ddb.Errorf(ddb.CodeResourceInUse, "Table already exists: %s", in.TableName)
	}
	t, err := newTable(e.newTableMeta(in, mode))
	if err != nil {
		return nil, ddb.Validationf("%v", err)
	}
	b := e.db.NewBatch()
	defer b.Close()
	if s := in.StreamSpecification; s != nil && s.StreamEnabled != nil && *s.StreamEnabled {
		if err := e.enableStream(b, t, s.StreamViewType); err != nil {
			return nil, err
		}
	}
	_ = b.Set(tableKey(t.meta.Name), t.meta.encode(), nil)
	_ = b.Set(keyNextTableID, binary.BigEndian.AppendUint64(nil, e.nextID+1), nil)
	_ = b.Set(counterKey(t.meta.ID), make([]byte, 16), nil)
	if err := e.db.Apply(b, pebble.Sync); err != nil {
		return nil, fmt.Errorf("create table: %w", err)
	}
	e.nextID++
	e.tmu.Lock()
	e.tables[t.meta.Name] = t
	e.tmu.Unlock()
	e.logger.Info("table created", "table", t.meta.Name)
	return &wire.CreateTableOutput{TableDescription: e.describeLocked(t, regionFrom(ctx, e.cfg.Region))}, nil
}

func (e *Engine) newTableMeta(in *wire.CreateTableInput, mode string) tableMeta {
	m := tableMeta{
		ID:                   e.nextID,
		Name:                 in.TableName,
		UUID:                 newUUID(),
		Created:              e.cfg.Now().UTC(),
		AttributeDefinitions: in.AttributeDefinitions,
		KeySchema:            in.KeySchema,
		BillingMode:          mode,
		GSIs:                 in.GlobalSecondaryIndexes,
		LSIs:                 in.LocalSecondaryIndexes,
		TableClass:           in.TableClass,
	}
	if pt := in.ProvisionedThroughput; pt != nil {
		m.ReadUnits, m.WriteUnits = deref(pt.ReadCapacityUnits), deref(pt.WriteCapacityUnits)
	}
	if in.DeletionProtectionEnabled != nil {
		m.DeletionProtection = *in.DeletionProtectionEnabled
	}
	return m
}

// enableStream creates a new stream for t in b. The caller holds e.mu.
func (e *Engine) enableStream(b *pebble.Batch, t *table, viewType string) error {
	ref, err := e.log.Enable(b, streamlog.TableInfo{Name: t.meta.Name, KeySchema: t.meta.KeySchema}, viewType)
	if err != nil {
		return fmt.Errorf("enable stream: %w", err)
	}
	t.meta.Stream, t.meta.LatestStream = &ref, &ref
	return nil
}

func (e *Engine) describeLocked(t *table, region string) wire.TableDescription {
	e.tmu.RLock()
	defer e.tmu.RUnlock()
	return e.describe(t, region)
}

// DescribeTable describes a table.
func (e *Engine) DescribeTable(ctx context.Context, in *wire.DescribeTableInput) (*wire.DescribeTableOutput, error) {
	var v violations
	v.checkName(in.TableName, "tableName", true)
	if err := v.err(); err != nil {
		return nil, err
	}
	t := e.lookup(in.TableName)
	if t == nil {
		return nil, tableNotFound(in.TableName)
	}
	return &wire.DescribeTableOutput{Table: e.describeLocked(t, regionFrom(ctx, e.cfg.Region))}, nil
}

// ListTables lists table names in order, a page at a time.
func (e *Engine) ListTables(ctx context.Context, in *wire.ListTablesInput) (*wire.ListTablesOutput, error) {
	var v violations
	v.checkName(in.ExclusiveStartTableName, "exclusiveStartTableName", false)
	limit := 100
	if in.Limit != nil {
		limit = *in.Limit
		if limit < 1 {
			v.add(limit, "limit", "Member must have value greater than or equal to 1")
		}
		if limit > 100 {
			v.add(limit, "limit", "Member must have value less than or equal to 100")
		}
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	e.tmu.RLock()
	names := make([]string, 0, len(e.tables))
	for n := range e.tables {
		if n > in.ExclusiveStartTableName {
			names = append(names, n)
		}
	}
	e.tmu.RUnlock()
	sort.Strings(names)
	out := &wire.ListTablesOutput{TableNames: names}
	if len(names) > limit {
		out.TableNames = names[:limit]
		out.LastEvaluatedTableName = names[limit-1]
	}
	return out, nil
}

// DeleteTable deletes a table and its items; its streams stay readable,
// DISABLED, for the retention period.
func (e *Engine) DeleteTable(ctx context.Context, in *wire.DeleteTableInput) (*wire.DeleteTableOutput, error) {
	var v violations
	v.checkName(in.TableName, "tableName", true)
	if err := v.err(); err != nil {
		return nil, err
	}
	t, release, err := e.lockTable(in.TableName)
	if err != nil {
		return nil, err
	}
	defer release()
	if t.meta.DeletionProtection {
		return nil, ddb.Validationf("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
	}
	desc := e.describeLocked(t, regionFrom(ctx, e.cfg.Region))
	desc.TableStatus = "DELETING"
	b := e.db.NewBatch()
	defer b.Close()
	if t.meta.Stream != nil {
		if err := e.log.Disable(b, *t.meta.Stream); err != nil {
			return nil, fmt.Errorf("delete table: disable stream: %w", err)
		}
	}
	_ = b.Delete(tableKey(t.meta.Name), nil)
	_ = b.Delete(counterKey(t.meta.ID), nil)
	p := itemPrefix(t.meta.ID)
	_ = b.DeleteRange(p, prefixEnd(p), nil)
	if err := e.db.Apply(b, pebble.Sync); err != nil {
		return nil, fmt.Errorf("delete table: %w", err)
	}
	e.tmu.Lock()
	delete(e.tables, t.meta.Name)
	e.tmu.Unlock()
	e.logger.Info("table deleted", "table", t.meta.Name)
	return &wire.DeleteTableOutput{TableDescription: desc}, nil
}
