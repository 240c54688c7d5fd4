package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// DynamoDBClient is the part of *dynamodb.Client that Tables uses.
type DynamoDBClient interface {
	CreateTable(context.Context, *dynamodb.CreateTableInput, ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
}

// Tables is a stream.TableAPI over the DynamoDB API, for checkpoints kept in
// a DynamoDB table.
type Tables struct {
	Client DynamoDBClient
}

// CreateTable creates a table.
func (t Tables) CreateTable(ctx context.Context, in *wire.CreateTableInput) (*wire.CreateTableOutput, error) {
	req := &dynamodb.CreateTableInput{TableName: aws.String(in.TableName), BillingMode: dtypes.BillingMode(in.BillingMode)}
	for _, a := range in.AttributeDefinitions {
		req.AttributeDefinitions = append(req.AttributeDefinitions, dtypes.AttributeDefinition{
			AttributeName: aws.String(a.AttributeName), AttributeType: dtypes.ScalarAttributeType(a.AttributeType)})
	}
	for _, k := range in.KeySchema {
		req.KeySchema = append(req.KeySchema, dtypes.KeySchemaElement{AttributeName: aws.String(k.AttributeName), KeyType: dtypes.KeyType(k.KeyType)})
	}
	if _, err := t.Client.CreateTable(ctx, req); err != nil {
		return nil, apiError(err)
	}
	return &wire.CreateTableOutput{TableDescription: wire.TableDescription{TableName: in.TableName}}, nil
}

// GetItem reads an item.
func (t Tables) GetItem(ctx context.Context, in *wire.GetItemInput) (*wire.GetItemOutput, error) {
	out, err := t.Client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(in.TableName), Key: toDynamoDBItem(in.Key), ConsistentRead: in.ConsistentRead})
	if err != nil {
		return nil, apiError(err)
	}
	res := &wire.GetItemOutput{}
	if out.Item != nil {
		res.Item = make(ddb.Item, len(out.Item))
		for k, v := range out.Item {
			res.Item[k] = fromDynamoDB(v)
		}
	}
	return res, nil
}

// PutItem writes an item.
func (t Tables) PutItem(ctx context.Context, in *wire.PutItemInput) (*wire.PutItemOutput, error) {
	req := &dynamodb.PutItemInput{
		TableName: aws.String(in.TableName), Item: toDynamoDBItem(in.Item), ConditionExpression: in.ConditionExpression,
		ExpressionAttributeNames: in.ExpressionAttributeNames, ExpressionAttributeValues: toDynamoDBItem(in.ExpressionAttributeValues),
	}
	if _, err := t.Client.PutItem(ctx, req); err != nil {
		return nil, apiError(err)
	}
	return &wire.PutItemOutput{}, nil
}
