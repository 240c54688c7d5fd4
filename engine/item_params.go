package engine

import (
	"sort"
	"strings"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/ddb/expr"
	"github.com/gojets/jets/wire"
)

// The ReturnValues options.
const (
	rvNone       = "NONE"
	rvAllOld     = "ALL_OLD"
	rvUpdatedOld = "UPDATED_OLD"
	rvAllNew     = "ALL_NEW"
	rvUpdatedNew = "UPDATED_NEW"
)

// commonParams are the parameters every item write shares.
type commonParams struct {
	table          string
	returnValues   string
	capacity       string
	metrics        string
	onCheckFailure string
}

// check validates the shape of the common parameters and of the request's
// Item or Key (item, named by path), all reported together; putOrDelete
// limits ReturnValues to NONE and ALL_OLD.
func (p commonParams) check(putOrDelete bool, item ddb.Item, path string) error {
	var v violations
	v.checkName(p.table, "tableName", true)
	if item == nil {
		v.notNull(path)
	}
	v.checkEnum(p.returnValues, "returnValues", rvAllNew, rvUpdatedOld, rvAllOld, rvNone, rvUpdatedNew)
	v.checkEnum(p.capacity, "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE")
	v.checkEnum(p.metrics, "returnItemCollectionMetrics", "SIZE", "NONE")
	v.checkEnum(p.onCheckFailure, "returnValuesOnConditionCheckFailure", rvAllOld, rvNone)
	if err := v.err(); err != nil {
		return err
	}
	if err := ddb.ValidateItem(item); err != nil {
		return err
	}
	if putOrDelete && p.returnValues != "" && p.returnValues != rvNone && p.returnValues != rvAllOld {
		return ddb.Validationf("ReturnValues can only be ALL_OLD or NONE")
	}
	return nil
}

// consumedBy is the ConsumedCapacity a write reports.
func (p commonParams) consumedBy(res writeResult) *wire.ConsumedCapacity {
	return consumed(p.capacity, p.table, writeUnits(res))
}

// allOld is the Attributes PutItem and DeleteItem return: the old item for
// ReturnValues ALL_OLD.
func (p commonParams) allOld(res writeResult) ddb.Item {
	if p.returnValues == rvAllOld {
		return res.old
	}
	return nil
}

// legacy is a request's non-expression (legacy) and expression parameters,
// by their wire names.
type legacy struct {
	nonExpr []string
	expr    []string
}

// conditionLegacy starts the legacy check of a conditional write with its
// condition parameters: which of Expected, ConditionalOperator and
// ConditionExpression are present.
func conditionLegacy(expected, conditionalOperator, conditionExpression bool) legacy {
	var l legacy
	l.nonExpression("Expected", expected)
	l.nonExpression("ConditionalOperator", conditionalOperator)
	l.expression("ConditionExpression", conditionExpression)
	return l
}

func (l *legacy) nonExpression(name string, present bool) {
	if present {
		l.nonExpr = append(l.nonExpr, name)
	}
}

func (l *legacy) expression(name string, present bool) {
	if present {
		l.expr = append(l.expr, name)
	}
}

// check refuses a mix of the two kinds, with DynamoDB's message, and legacy
// parameters jets does not implement.
func (l legacy) check(supported ...string) error {
	if len(l.nonExpr) == 0 {
		return nil
	}
	if len(l.expr) > 0 {
		sort.Strings(l.nonExpr)
		sort.Strings(l.expr)
		return ddb.Validationf("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {%s} Expression parameters: {%s}",
			strings.Join(l.nonExpr, ", "), strings.Join(l.expr, ", "))
	}
	for _, n := range l.nonExpr {
		if !contains(supported, n) {
			return ddb.Validationf("The legacy parameter %s is not supported by jets; use the expression parameters instead", n)
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// exprParams are a request's expressions; nil pointers are absent.
type exprParams struct {
	condition, update, projection *string
	names                         map[string]string
	values                        map[string]ddb.Value
}

// compile checks and compiles the expressions. It returns an empty
// Compiled when the request has no expression parameters at all.
func (p exprParams) compile() (*expr.Compiled, error) {
	for _, x := range []struct {
		s    *string
		name string
	}{{p.condition, "ConditionExpression"}, {p.update, "UpdateExpression"}, {p.projection, "ProjectionExpression"}} {
		if x.s != nil && *x.s == "" {
			return nil, ddb.Validationf("Invalid %s: The expression can not be empty;", x.name)
		}
	}
	if p.condition == nil && p.update == nil && p.projection == nil && p.names == nil && p.values == nil {
		return &expr.Compiled{}, nil
	}
	for _, v := range p.values {
		if err := ddb.ValidateValue(v); err != nil {
			return nil, err
		}
	}
	return expr.Compile(expr.Request{
		Condition:  str(p.condition),
		Update:     str(p.update),
		Projection: str(p.projection),
		Names:      p.names,
		NamesSet:   p.names != nil,
		Values:     p.values,
		ValuesSet:  p.values != nil,
	})
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
