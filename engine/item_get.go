package engine

import (
	"context"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// GetItem reads an item. Reads see every write applied before them.
func (e *Engine) GetItem(ctx context.Context, in *wire.GetItemInput) (*wire.GetItemOutput, error) {
	var v violations
	v.checkName(in.TableName, "tableName", true)
	if in.Key == nil {
		v.notNull("key")
	}
	v.checkEnum(in.ReturnConsumedCapacity, "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE")
	if in.AttributesToGet != nil && len(in.AttributesToGet) == 0 {
		v.add("[]", "attributesToGet", "Member must have length greater than or equal to 1")
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	var l legacy
	l.nonExpression("AttributesToGet", in.AttributesToGet != nil)
	l.expression("ProjectionExpression", in.ProjectionExpression != nil)
	if err := l.check("AttributesToGet"); err != nil {
		return nil, err
	}
	if err := checkAttributesToGet(in.AttributesToGet); err != nil {
		return nil, err
	}
	if err := ddb.ValidateItem(in.Key); err != nil {
		return nil, err
	}
	c, err := exprParams{projection: in.ProjectionExpression, names: in.ExpressionAttributeNames}.compile()
	if err != nil {
		return nil, err
	}
	done, err := e.enter()
	if err != nil {
		return nil, err
	}
	defer done()
	t := e.lookup(in.TableName)
	if t == nil {
		return nil, ddb.NotFound()
	}
	if err := checkKey(t, in.Key); err != nil {
		return nil, err
	}
	ik, err := itemKey(t, in.Key)
	if err != nil {
		return nil, err
	}
	it, err := e.readItem(ik)
	if err != nil {
		return nil, err
	}
	consistent := in.ConsistentRead != nil && *in.ConsistentRead
	out := &wire.GetItemOutput{ConsumedCapacity: consumed(in.ReturnConsumedCapacity, in.TableName, readUnits(ddb.ItemSize(it), consistent))}
	switch {
	case it == nil:
	case c.Projection != nil:
		out.Item = c.Projection.Apply(it)
	case in.AttributesToGet != nil:
		out.Item = pick(it, in.AttributesToGet)
	default:
		out.Item = it
	}
	return out, nil
}

func checkAttributesToGet(names []string) error {
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			return ddb.InvalidParameter("Duplicate value in attribute name: %s", n)
		}
		seen[n] = true
	}
	return nil
}

// pick returns the top-level attributes of it named in names.
func pick(it ddb.Item, names []string) ddb.Item {
	out := ddb.Item{}
	for _, n := range names {
		if v, ok := it[n]; ok {
			out[n] = v
		}
	}
	return out
}
