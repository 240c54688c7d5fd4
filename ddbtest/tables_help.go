package ddbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// defaultWait bounds every poll for an eventual state.
const defaultWait = 10 * time.Second

// UniqueName returns prefix plus a random suffix, a valid table name.
func UniqueName(prefix string) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return prefix + "-" + hex.EncodeToString(b[:])
}

// TableInput is a PAY_PER_REQUEST CreateTable request for name with the
// given key: one (name, type) pair for a hash key, two for hash and range,
// e.g. TableInput("t", "pk", "S", "sk", "N").
func TableInput(name string, key ...string) *dynamodb.CreateTableInput {
	in := &dynamodb.CreateTableInput{TableName: aws.String(name), BillingMode: types.BillingModePayPerRequest}
	kinds := []types.KeyType{types.KeyTypeHash, types.KeyTypeRange}
	for i := 0; i+1 < len(key) && i/2 < 2; i += 2 {
		in.KeySchema = append(in.KeySchema, types.KeySchemaElement{AttributeName: aws.String(key[i]), KeyType: kinds[i/2]})
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{
			AttributeName: aws.String(key[i]), AttributeType: types.ScalarAttributeType(key[i+1]),
		})
	}
	return in
}

// WithStream returns in with a stream of viewType enabled.
func WithStream(in *dynamodb.CreateTableInput, viewType types.StreamViewType) *dynamodb.CreateTableInput {
	in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: viewType}
	return in
}

// CreateTable creates the table, waits until it is ACTIVE and deletes it
// when the test ends. It returns the table's description.
func (tg *Target) CreateTable(t testing.TB, in *dynamodb.CreateTableInput) *types.TableDescription {
	t.Helper()
	ctx := context.Background()
	_, err := tg.DynamoDB.CreateTable(ctx, in)
	NoError(t, err, "create table "+aws.ToString(in.TableName))
	t.Cleanup(func() {
		_, _ = tg.DynamoDB.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: in.TableName})
	})
	return tg.WaitActive(t, aws.ToString(in.TableName))
}

// WaitActive polls DescribeTable until the table is ACTIVE (10s deadline).
func (tg *Target) WaitActive(t testing.TB, name string) *types.TableDescription {
	t.Helper()
	var last *types.TableDescription
	ok := Eventually(defaultWait, func() bool {
		out, err := tg.DynamoDB.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(name)})
		if err != nil {
			t.Fatalf("describe table %s: %v", name, err)
		}
		last = out.Table
		return last.TableStatus == types.TableStatusActive
	})
	if !ok {
		t.Fatalf("table %s not ACTIVE within 10s (status %s)", name, last.TableStatus)
	}
	return last
}

// Eventually calls cond until it returns true or the timeout passes; it
// reports whether cond came true. It yields between calls with a short,
// growing backoff, not a fixed sleep.
func Eventually(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	wait := time.Millisecond
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		timer := time.NewTimer(wait)
		<-timer.C
		if wait < 100*time.Millisecond {
			wait *= 2
		}
	}
}

func keyString(in map[string]types.AttributeValue) string {
	var b strings.Builder
	for k, v := range in {
		b.WriteString(k)
		b.WriteString("=")
		if s, ok := v.(*types.AttributeValueMemberS); ok {
			b.WriteString(s.Value)
		}
	}
	return b.String()
}
