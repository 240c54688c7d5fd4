package ddbhttp

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine"
)

// These tests drive the real engine through the handler. They skip until
// the engine is implemented.

const westAuth = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-west-2/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123"

func newEngineHandler(t *testing.T) http.Handler {
	t.Helper()
	e := openEngine(t, engine.Config{InMemory: true, Region: "eu-central-1", AccountID: "123456789012"})
	return New(e, Options{})
}

// call posts a request, fails on a non-200 answer and decodes it into out.
func call(t *testing.T, h http.Handler, target, body string, out any, hdr ...string) {
	t.Helper()
	rec := post(t, h, target, body, hdr...)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s %s: %d %s", target, body, rec.Code, rec.Body)
	}
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			t.Fatalf("%s: decode %s: %v", target, rec.Body, err)
		}
	}
}

const streamTable = `{"TableName":"demo-dev-test-table",` +
	`"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],` +
	`"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],` +
	`"BillingMode":"PAY_PER_REQUEST",` +
	`"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}`

func TestEngineRegionFromCredentialScope(t *testing.T) {
	h := newEngineHandler(t)
	var signed, unsigned struct {
		TableDescription struct{ TableArn, LatestStreamArn string }
	}
	call(t, h, "DynamoDB_20120810.CreateTable", streamTable, &signed, "Authorization", westAuth)
	call(t, h, "DynamoDB_20120810.CreateTable", strings.Replace(streamTable, "demo-dev-test-table", "other", 1), &unsigned)
	if got, want := signed.TableDescription.TableArn, "arn:aws:dynamodb:us-west-2:123456789012:table/demo-dev-test-table"; got != want {
		t.Errorf("signed TableArn = %q, want %q", got, want)
	}
	if got, want := unsigned.TableDescription.TableArn, "arn:aws:dynamodb:eu-central-1:123456789012:table/other"; got != want {
		t.Errorf("unsigned TableArn = %q, want %q", got, want)
	}
}

func TestEngineItems(t *testing.T) {
	h := newEngineHandler(t)
	call(t, h, "DynamoDB_20120810.CreateTable", streamTable, nil)
	call(t, h, "DynamoDB_20120810.PutItem",
		`{"TableName":"demo-dev-test-table","Item":{"id":{"S":"id-1"},"name":{"S":"name-1"}}}`, nil)

	var got struct{ Item json.RawMessage }
	call(t, h, "DynamoDB_20120810.GetItem", `{"TableName":"demo-dev-test-table","Key":{"id":{"S":"id-1"}}}`, &got)
	if !jsonEqual(t, string(got.Item), `{"id":{"S":"id-1"},"name":{"S":"name-1"}}`) {
		t.Errorf("GetItem Item = %s", got.Item)
	}

	rec := post(t, h, "DynamoDB_20120810.PutItem", `{"TableName":"demo-dev-test-table",`+
		`"Item":{"id":{"S":"id-1"}},"ConditionExpression":"attribute_not_exists(id)",`+
		`"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}`)
	e := errorOf(t, rec, http.StatusBadRequest, string(ddb.CodeConditionalCheckFailed))
	if !jsonEqual(t, string(e.Item), `{"id":{"S":"id-1"},"name":{"S":"name-1"}}`) {
		t.Errorf("CCF Item = %s", e.Item)
	}

	rec = post(t, h, "DynamoDB_20120810.DescribeTable", `{"TableName":"nope"}`)
	errorOf(t, rec, http.StatusBadRequest, string(ddb.CodeResourceNotFound))

	rec = post(t, h, "DynamoDB_20120810.CreateTable", strings.Replace(streamTable, "demo-dev-test-table", "x", 1))
	errorOf(t, rec, http.StatusBadRequest, string(ddb.CodeValidation))

	rec = post(t, h, "DynamoDB_20120810.CreateTable", streamTable)
	errorOf(t, rec, http.StatusBadRequest, string(ddb.CodeResourceInUse))
}

func TestEngineStreams(t *testing.T) {
	h := newEngineHandler(t)
	var created struct {
		TableDescription struct{ LatestStreamArn string }
	}
	call(t, h, "DynamoDB_20120810.CreateTable", streamTable, &created, "Authorization", westAuth)
	arn := created.TableDescription.LatestStreamArn
	if arn == "" {
		t.Fatal("no LatestStreamArn")
	}
	call(t, h, "DynamoDB_20120810.PutItem",
		`{"TableName":"demo-dev-test-table","Item":{"id":{"S":"id-1"},"name":{"S":"name-1"}}}`, nil, "Authorization", westAuth)

	var listed struct{ Streams []struct{ StreamArn string } }
	call(t, h, "DynamoDBStreams_20120810.ListStreams", `{}`, &listed, "Authorization", westAuth)
	if len(listed.Streams) != 1 || listed.Streams[0].StreamArn != arn {
		t.Errorf("ListStreams = %+v, want %s", listed, arn)
	}
	var desc struct {
		StreamDescription struct{ Shards []struct{ ShardId string } }
	}
	call(t, h, "DynamoDBStreams_20120810.DescribeStream", `{"StreamArn":"`+arn+`"}`, &desc, "Authorization", westAuth)
	if len(desc.StreamDescription.Shards) == 0 {
		t.Fatalf("DescribeStream: no shards")
	}
	var it struct{ ShardIterator string }
	call(t, h, "DynamoDBStreams_20120810.GetShardIterator", `{"StreamArn":"`+arn+`","ShardId":"`+
		desc.StreamDescription.Shards[0].ShardId+`","ShardIteratorType":"TRIM_HORIZON"}`, &it, "Authorization", westAuth)
	var recs struct {
		Records []struct {
			EventName string `json:"eventName"`
			Region    string `json:"awsRegion"`
			Dynamodb  struct{ NewImage json.RawMessage }
		}
		NextShardIterator string
	}
	itJSON, _ := json.Marshal(it.ShardIterator)
	call(t, h, "DynamoDBStreams_20120810.GetRecords", `{"ShardIterator":`+string(itJSON)+`}`, &recs, "Authorization", westAuth)
	if len(recs.Records) != 1 || recs.Records[0].EventName != "INSERT" || recs.Records[0].Region != "us-west-2" {
		t.Errorf("GetRecords = %+v", recs)
	}
	if len(recs.Records) == 1 && !jsonEqual(t, string(recs.Records[0].Dynamodb.NewImage), `{"id":{"S":"id-1"},"name":{"S":"name-1"}}`) {
		t.Errorf("NewImage = %s", recs.Records[0].Dynamodb.NewImage)
	}
	if recs.NextShardIterator == "" {
		t.Error("no NextShardIterator on an open shard")
	}
}

// TestEngineOverHTTP checks the handler on a real HTTP server with
// concurrent clients (run with -race).
func TestEngineOverHTTP(t *testing.T) {
	srv := httptest.NewServer(newEngineHandler(t))
	t.Cleanup(srv.Close)
	postHTTP := func(target, body string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		req.Header.Set("X-Amz-Target", target)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Error(err)
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := postHTTP("DynamoDB_20120810.CreateTable", streamTable); code != http.StatusOK {
		t.Fatalf("CreateTable = %d", code)
	}
	done := make(chan struct{})
	for w := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 25 {
				body := `{"TableName":"demo-dev-test-table","Item":{"id":{"S":"` + strings.Repeat("w", w+1) + string(rune('a'+i)) + `"}}}`
				if code := postHTTP("DynamoDB_20120810.PutItem", body); code != http.StatusOK {
					t.Errorf("PutItem = %d", code)
					return
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
}
