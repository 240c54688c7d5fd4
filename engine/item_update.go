package engine

import (
	"context"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/ddb/expr"
	"github.com/gojets/jets/wire"
)

// UpdateItem updates an item, creating it if it does not exist.
func (e *Engine) UpdateItem(ctx context.Context, in *wire.UpdateItemInput) (*wire.UpdateItemOutput, error) {
	p := commonParams{in.TableName, in.ReturnValues, in.ReturnConsumedCapacity, in.ReturnItemCollectionMetrics, in.ReturnValuesOnConditionCheckFailure}
	if err := p.check(false, in.Key, "key"); err != nil {
		return nil, err
	}
	l := conditionLegacy(in.Expected != nil, in.ConditionalOperator != "", in.ConditionExpression != nil)
	l.nonExpression("AttributeUpdates", in.AttributeUpdates != nil)
	l.expression("UpdateExpression", in.UpdateExpression != nil)
	if err := l.check(); err != nil {
		return nil, err
	}
	c, err := exprParams{condition: in.ConditionExpression, update: in.UpdateExpression,
		names: in.ExpressionAttributeNames, values: in.ExpressionAttributeValues}.compile()
	if err != nil {
		return nil, err
	}
	res, err := e.write(itemWrite{
		tableName: in.TableName,
		check:     func(t *table) error { return checkUpdate(t, in.Key, c.Update) },
		key:       in.Key,
		apply: func(t *table, old ddb.Item) (ddb.Item, error) {
			if err := checkCondition(c, old, in.ReturnValuesOnConditionCheckFailure); err != nil {
				return nil, err
			}
			return applyUpdate(t, in.Key, old, c.Update)
		},
	})
	if err != nil {
		return nil, err
	}
	return &wire.UpdateItemOutput{
		Attributes:       updateReturnValues(in.ReturnValues, res.old, res.new, c.Update),
		ConsumedCapacity: p.consumedBy(res),
	}, nil
}

// checkUpdate validates the key and refuses updates of key attributes.
func checkUpdate(t *table, key ddb.Item, u *expr.Update) error {
	if err := checkKey(t, key); err != nil {
		return err
	}
	if u == nil {
		return nil
	}
	for _, r := range u.Roots() {
		if r == t.hash.name || r == t.rng.name {
			return ddb.InvalidParameter("Cannot update attribute %s. This attribute is part of the key", r)
		}
	}
	return nil
}

// applyUpdate returns the updated item: u applied to the old item, or to
// the key attributes when there is none.
func applyUpdate(t *table, key, old ddb.Item, u *expr.Update) (ddb.Item, error) {
	base := old
	if base == nil {
		base = keyOf(t, key).Clone()
	}
	if u == nil {
		return base, nil
	}
	next, err := u.Apply(base)
	if err != nil {
		return nil, err
	}
	if ddb.ItemSize(next) > ddb.MaxItemSize {
		return nil, ddb.Validationf("Item size to update has exceeded the maximum allowed size")
	}
	return next, checkIndexKeys(t, next)
}

// updateReturnValues picks UpdateItem's Attributes for ReturnValues.
func updateReturnValues(rv string, old, new ddb.Item, u *expr.Update) ddb.Item {
	switch rv {
	case rvAllOld:
		return old
	case rvAllNew:
		return new
	case rvUpdatedOld:
		if u != nil && old != nil {
			return u.Project(old)
		}
	case rvUpdatedNew:
		if u != nil {
			return u.Project(new)
		}
	}
	return nil
}
