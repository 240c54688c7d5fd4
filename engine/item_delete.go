package engine

import (
	"context"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// DeleteItem deletes an item; deleting a missing item succeeds and changes
// nothing.
func (e *Engine) DeleteItem(ctx context.Context, in *wire.DeleteItemInput) (*wire.DeleteItemOutput, error) {
	p := commonParams{in.TableName, in.ReturnValues, in.ReturnConsumedCapacity, in.ReturnItemCollectionMetrics, in.ReturnValuesOnConditionCheckFailure}
	if err := p.check(true, in.Key, "key"); err != nil {
		return nil, err
	}
	if err := conditionLegacy(in.Expected != nil, in.ConditionalOperator != "", in.ConditionExpression != nil).check(); err != nil {
		return nil, err
	}
	c, err := exprParams{condition: in.ConditionExpression, names: in.ExpressionAttributeNames, values: in.ExpressionAttributeValues}.compile()
	if err != nil {
		return nil, err
	}
	res, err := e.write(itemWrite{
		tableName: in.TableName,
		check:     func(t *table) error { return checkKey(t, in.Key) },
		key:       in.Key,
		apply: func(_ *table, old ddb.Item) (ddb.Item, error) {
			return nil, checkCondition(c, old, in.ReturnValuesOnConditionCheckFailure)
		},
	})
	if err != nil {
		return nil, err
	}
	return &wire.DeleteItemOutput{Attributes: p.allOld(res), ConsumedCapacity: p.consumedBy(res)}, nil
}
