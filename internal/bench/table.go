package bench

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

const tableName = "jets-bench"

// createTable creates the benchmark table (hash key pk, NEW_AND_OLD_IMAGES
// stream), waits until it is ACTIVE and returns its stream ARN.
func createTable(ctx context.Context, db *dynamodb.Client) (string, error) {
	out, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String(tableName),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		StreamSpecification: &types.StreamSpecification{
			StreamEnabled:  aws.Bool(true),
			StreamViewType: types.StreamViewTypeNewAndOldImages,
		},
	})
	if err != nil {
		return "", fmt.Errorf("create table: %w", err)
	}
	arn := aws.ToString(out.TableDescription.LatestStreamArn)
	if out.TableDescription.TableStatus == types.TableStatusActive && arn != "" {
		return arn, nil
	}
	return waitActive(ctx, db)
}

func waitActive(ctx context.Context, db *dynamodb.Client) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		d, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(tableName)})
		if err != nil {
			return "", fmt.Errorf("describe table: %w", err)
		}
		if arn := aws.ToString(d.Table.LatestStreamArn); d.Table.TableStatus == types.TableStatusActive && arn != "" {
			return arn, nil
		}
		select {
		case <-ctx.Done():
			return "", errors.New("table not ACTIVE with a stream after 30s")
		case <-time.After(50 * time.Millisecond):
		}
	}
}
