package jets

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// EventSourceTypeDynamoDB is the manifest type of a DynamoDB stream
// event source.
const EventSourceTypeDynamoDB = "dynamodb"

// DynamoDBEvent binds a method to a DynamoDB table's stream: the Go
// counterpart of Ruby Jets' `dynamodb_event "test-table"`. table is a table
// name as written in code, which gets the table namespace
// ("test-table" → "demo-dev-test-table"), or a full stream (or table) ARN,
// used as is. A method may have several DynamoDBEvents, and several
// methods may share a table.
func DynamoDBEvent(table string, opts ...EventOption) FunctionOption {
	return functionOptionFunc(func(s *functionSpec) {
		src := &eventSourceSpec{table: table}
		for _, opt := range opts {
			opt(&src.props)
		}
		s.sources = append(s.sources, src)
	})
}

// eventSourceSpec is one DynamoDBEvent as declared.
type eventSourceSpec struct {
	table string
	props EventSourceProperties
}

// dynamoTarget is a DynamoDBEvent's table, resolved against the config.
type dynamoTarget struct {
	tableName      string // the real table name
	tableARN       string // exact when given, else with "*" for the account
	streamARN      string // only when written in code
	streamResource string // the IAM resource for the stream actions
}

var dynamoARNPattern = regexp.MustCompile(
	`^arn:(aws[a-z-]*):dynamodb:([a-z0-9-]*):([0-9*]*):table/([A-Za-z0-9_.-]{3,255})(/stream/(.+))?$`)

func isARN(s string) bool { return strings.HasPrefix(s, "arn:") }

// resolveDynamoTarget applies the table namespace to a table name, or
// takes an ARN apart (never prefixing it: Ruby Jets 5 did, a bug).
func resolveDynamoTarget(cfg Config, table string) (dynamoTarget, error) {
	if isARN(table) {
		return parseDynamoARN(table)
	}
	if table == "" {
		return dynamoTarget{}, fmt.Errorf("table name is empty")
	}
	name := cfg.TableName(table)
	if err := validateTableName(name); err != nil {
		return dynamoTarget{}, err
	}
	arn := fmt.Sprintf("arn:%s:dynamodb:%s:*:table/%s", partition(cfg.Region), cfg.Region, name)
	return dynamoTarget{tableName: name, tableARN: arn, streamResource: arn + "/stream/*"}, nil
}

func parseDynamoARN(arn string) (dynamoTarget, error) {
	m := dynamoARNPattern.FindStringSubmatch(arn)
	if m == nil {
		return dynamoTarget{}, fmt.Errorf("%q is not a DynamoDB stream ARN (arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>) or table ARN", arn)
	}
	t := dynamoTarget{tableName: m[4], tableARN: strings.TrimSuffix(arn, m[5])}
	if m[6] != "" {
		t.streamARN = arn
		t.streamResource = arn
	} else {
		t.streamResource = t.tableARN + "/stream/*"
	}
	return t, nil
}

// partition is the ARN partition of a region.
func partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// BatchItemFailures is the response of a HandlerDynamoDBBatch handler that
// reports the given records as failed (with ReportBatchItemFailures set,
// Lambda retries from the first of them). With no records it reports
// success.
func BatchItemFailures(failed ...events.DynamoDBEventRecord) events.DynamoDBEventResponse {
	resp := events.DynamoDBEventResponse{BatchItemFailures: []events.DynamoDBBatchItemFailure{}}
	for _, rec := range failed {
		resp.BatchItemFailures = append(resp.BatchItemFailures,
			events.DynamoDBBatchItemFailure{ItemIdentifier: rec.Change.SequenceNumber})
	}
	return resp
}
