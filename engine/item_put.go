package engine

import (
	"context"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/ddb/expr"
	"github.com/gojets/jets/wire"
)

// PutItem creates or replaces an item.
func (e *Engine) PutItem(ctx context.Context, in *wire.PutItemInput) (*wire.PutItemOutput, error) {
	p := commonParams{in.TableName, in.ReturnValues, in.ReturnConsumedCapacity, in.ReturnItemCollectionMetrics, in.ReturnValuesOnConditionCheckFailure}
	if err := p.check(true, in.Item, "item"); err != nil {
		return nil, err
	}
	if err := conditionLegacy(in.Expected != nil, in.ConditionalOperator != "", in.ConditionExpression != nil).check(); err != nil {
		return nil, err
	}
	if ddb.ItemSize(in.Item) > ddb.MaxItemSize {
		return nil, ddb.Validationf("Item size has exceeded the maximum allowed size")
	}
	c, err := exprParams{condition: in.ConditionExpression, names: in.ExpressionAttributeNames, values: in.ExpressionAttributeValues}.compile()
	if err != nil {
		return nil, err
	}
	res, err := e.write(itemWrite{
		tableName: in.TableName,
		check:     func(t *table) error { return checkItemKeys(t, in.Item) },
		key:       in.Item,
		apply: func(t *table, old ddb.Item) (ddb.Item, error) {
			if err := checkIndexKeys(t, in.Item); err != nil {
				return nil, err
			}
			if err := checkCondition(c, old, in.ReturnValuesOnConditionCheckFailure); err != nil {
				return nil, err
			}
			return in.Item, nil
		},
	})
	if err != nil {
		return nil, err
	}
	return &wire.PutItemOutput{Attributes: p.allOld(res), ConsumedCapacity: p.consumedBy(res)}, nil
}

// checkCondition evaluates the request's ConditionExpression, if any,
// against the old item.
func checkCondition(c *expr.Compiled, old ddb.Item, onFailure string) error {
	if c.Condition == nil {
		return nil
	}
	ok, err := c.Condition.Eval(old)
	if err != nil {
		return err
	}
	if !ok {
		return conditionFailed(onFailure, old)
	}
	return nil
}
