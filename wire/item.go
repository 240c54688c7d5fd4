package wire

import "github.com/gojets/jets/ddb"

// Capacity is consumed capacity in units.
type Capacity struct {
	CapacityUnits      float64 `json:"CapacityUnits"`
	ReadCapacityUnits  float64 `json:"ReadCapacityUnits,omitempty"`
	WriteCapacityUnits float64 `json:"WriteCapacityUnits,omitempty"`
}

// ConsumedCapacity is returned when ReturnConsumedCapacity is TOTAL or
// INDEXES.
type ConsumedCapacity struct {
	TableName          string    `json:"TableName"`
	CapacityUnits      float64   `json:"CapacityUnits"`
	ReadCapacityUnits  float64   `json:"ReadCapacityUnits,omitempty"`
	WriteCapacityUnits float64   `json:"WriteCapacityUnits,omitempty"`
	Table              *Capacity `json:"Table,omitempty"`
}

// Expressions are the expression parameters shared by item operations.
type Expressions struct {
	ExpressionAttributeNames  map[string]string    `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues map[string]ddb.Value `json:"ExpressionAttributeValues,omitempty"`
}

// PutItemInput is PutItem's request.
type PutItemInput struct {
	TableName           string   `json:"TableName"`
	Item                ddb.Item `json:"Item"`
	ConditionExpression *string  `json:"ConditionExpression,omitempty"`
	Expressions
	ReturnValues                        string `json:"ReturnValues,omitempty"`
	ReturnConsumedCapacity              string `json:"ReturnConsumedCapacity,omitempty"`
	ReturnItemCollectionMetrics         string `json:"ReturnItemCollectionMetrics,omitempty"`
	ReturnValuesOnConditionCheckFailure string `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
	// Legacy parameters, rejected with a ValidationException if used.
	Expected            map[string]any `json:"Expected,omitempty"`
	ConditionalOperator string         `json:"ConditionalOperator,omitempty"`
}

// PutItemOutput is PutItem's answer.
type PutItemOutput struct {
	Attributes       ddb.Item          `json:"Attributes,omitempty"`
	ConsumedCapacity *ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

// GetItemInput is GetItem's request.
type GetItemInput struct {
	TableName                string            `json:"TableName"`
	Key                      ddb.Item          `json:"Key"`
	ConsistentRead           *bool             `json:"ConsistentRead,omitempty"`
	ProjectionExpression     *string           `json:"ProjectionExpression,omitempty"`
	ExpressionAttributeNames map[string]string `json:"ExpressionAttributeNames,omitempty"`
	ReturnConsumedCapacity   string            `json:"ReturnConsumedCapacity,omitempty"`
	// AttributesToGet is the legacy projection; it may not be combined with
	// ProjectionExpression.
	AttributesToGet []string `json:"AttributesToGet,omitempty"`
}

// GetItemOutput is GetItem's answer; Item is absent when there is none.
type GetItemOutput struct {
	Item             ddb.Item          `json:"Item,omitempty"`
	ConsumedCapacity *ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

// UpdateItemInput is UpdateItem's request.
type UpdateItemInput struct {
	TableName           string   `json:"TableName"`
	Key                 ddb.Item `json:"Key"`
	UpdateExpression    *string  `json:"UpdateExpression,omitempty"`
	ConditionExpression *string  `json:"ConditionExpression,omitempty"`
	Expressions
	ReturnValues                        string         `json:"ReturnValues,omitempty"`
	ReturnConsumedCapacity              string         `json:"ReturnConsumedCapacity,omitempty"`
	ReturnItemCollectionMetrics         string         `json:"ReturnItemCollectionMetrics,omitempty"`
	ReturnValuesOnConditionCheckFailure string         `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
	AttributeUpdates                    map[string]any `json:"AttributeUpdates,omitempty"`
	Expected                            map[string]any `json:"Expected,omitempty"`
	ConditionalOperator                 string         `json:"ConditionalOperator,omitempty"`
}

// UpdateItemOutput is UpdateItem's answer.
type UpdateItemOutput struct {
	Attributes       ddb.Item          `json:"Attributes,omitempty"`
	ConsumedCapacity *ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

// DeleteItemInput is DeleteItem's request.
type DeleteItemInput struct {
	TableName           string   `json:"TableName"`
	Key                 ddb.Item `json:"Key"`
	ConditionExpression *string  `json:"ConditionExpression,omitempty"`
	Expressions
	ReturnValues                        string         `json:"ReturnValues,omitempty"`
	ReturnConsumedCapacity              string         `json:"ReturnConsumedCapacity,omitempty"`
	ReturnItemCollectionMetrics         string         `json:"ReturnItemCollectionMetrics,omitempty"`
	ReturnValuesOnConditionCheckFailure string         `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
	Expected                            map[string]any `json:"Expected,omitempty"`
	ConditionalOperator                 string         `json:"ConditionalOperator,omitempty"`
}

// DeleteItemOutput is DeleteItem's answer.
type DeleteItemOutput struct {
	Attributes       ddb.Item          `json:"Attributes,omitempty"`
	ConsumedCapacity *ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}
