package ddbhttp

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
)

// sdkConfig is an aws.Config for a local endpoint: signed requests, no
// retries, CRC32 validation on (the SDK's default).
func sdkConfig() aws.Config {
	return aws.Config{
		Region:      "us-west-2",
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
}

// TestSDKClients drives the handler with the AWS SDK for Go v2, which
// checks X-Amz-Crc32 and parses errors by __type.
func TestSDKClients(t *testing.T) {
	srv := httptest.NewServer(newHandler(stub{}, Options{}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	db := dynamodb.NewFromConfig(sdkConfig(), func(o *dynamodb.Options) { o.BaseEndpoint = aws.String(srv.URL) })

	lt, err := db.ListTables(ctx, &dynamodb.ListTablesInput{})
	if err != nil {
		t.Fatalf("ListTables: %v", err)
	}
	if len(lt.TableNames) != 2 || lt.TableNames[0] != "a<b>&c" {
		t.Errorf("TableNames = %v", lt.TableNames)
	}

	got, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("t"),
		Key:       map[string]types.AttributeValue{"id": &types.AttributeValueMemberB{Value: []byte{0, 1, 2}}},
	})
	if err != nil {
		t.Fatalf("GetItem: %v", err)
	}
	if b, ok := got.Item["id"].(*types.AttributeValueMemberB); !ok || string(b.Value) != "\x00\x01\x02" {
		t.Errorf("GetItem Item = %#v", got.Item)
	}

	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String("ccf"),
		Item:      map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "id-1"}},
	})
	var ccf *types.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		t.Fatalf("PutItem on ccf: %v, want ConditionalCheckFailedException", err)
	}
	if s, ok := ccf.Item["id"].(*types.AttributeValueMemberS); !ok || s.Value != "id-1" {
		t.Errorf("CCF Item = %#v", ccf.Item)
	}

	_, err = db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("missing")})
	var rnf *types.ResourceNotFoundException
	if !errors.As(err, &rnf) || rnf.ErrorMessage() != "Requested resource not found" {
		t.Errorf("DescribeTable missing: %v, want ResourceNotFoundException", err)
	}

	_, err = db.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("internal")})
	var ise *types.InternalServerError
	if !errors.As(err, &ise) {
		t.Errorf("CreateTable internal: %v, want InternalServerError", err)
	}

	streams := dynamodbstreams.NewFromConfig(sdkConfig(), func(o *dynamodbstreams.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	gr, err := streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String("it")})
	if err != nil {
		t.Fatalf("GetRecords: %v", err)
	}
	if gr.Records == nil && len(gr.Records) != 0 {
		t.Errorf("Records = %v", gr.Records)
	}
	ls, err := streams.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{})
	if err != nil || len(ls.Streams) != 0 {
		t.Errorf("ListStreams = %v, %v", ls, err)
	}
}

// TestAWSCLI runs the real AWS CLI (botocore verifies X-Amz-Crc32 for
// DynamoDB) against the handler, with a right and with a wrong CRC.
func TestAWSCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the AWS CLI")
	}
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("aws CLI not installed")
	}
	h := newHandler(stub{}, Options{})
	good := httptest.NewServer(h)
	t.Cleanup(good.Close)
	bad := httptest.NewServer(corruptCRC{h})
	t.Cleanup(bad.Close)

	out, err := runAWS(t, good.URL, "dynamodb", "list-tables")
	if err != nil {
		t.Fatalf("aws dynamodb list-tables: %v\n%s", err, out)
	}
	if !strings.Contains(out, `"a<b>&c"`) {
		t.Errorf("list-tables output:\n%s", out)
	}
	out, err = runAWS(t, bad.URL, "dynamodb", "list-tables")
	if err == nil || !strings.Contains(strings.ToLower(out), "crc32") {
		t.Errorf("list-tables with a wrong CRC: %v\n%s", err, out)
	}
}

func runAWS(t *testing.T, endpoint string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "aws", append(args, "--endpoint-url", endpoint, "--output", "json")...)
	cmd.Env = append(os.Environ(),
		"AWS_ACCESS_KEY_ID=AKID", "AWS_SECRET_ACCESS_KEY=SECRET", "AWS_DEFAULT_REGION=us-west-2",
		"AWS_MAX_ATTEMPTS=1", "AWS_RETRY_MODE=legacy", "AWS_PAGER=",
		"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
	out, err := cmd.CombinedOutput()
	return string(out), err
}
