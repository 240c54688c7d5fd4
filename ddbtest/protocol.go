package ddbtest

import (
	"context"
	"encoding/json"
	"hash/crc32"
	"strconv"
	"strings"
	"testing"
)

// RunProtocol checks the AWS JSON 1.0 wire protocol with raw, unsigned
// requests: routing on X-Amz-Target for both APIs, error bodies and
// statuses, X-Amz-Crc32 and x-amzn-RequestId.
func RunProtocol(t *testing.T, tg *Target) {
	runAll(t, tg, []subtest{
		{"UnsignedSuccess", testRawSuccess},
		{"UnknownOperation", testRawUnknownOperation},
		{"MalformedJSON", testRawMalformedJSON},
		{"ErrorBody", testRawErrorBody},
		{"StreamsTarget", testRawStreamsTarget},
	})
}

const errTypePrefix = "com.amazonaws.dynamodb.v20120810#"

func rawCall(t *testing.T, tg *Target, target, body string) (*RawResponse, map[string]any) {
	t.Helper()
	resp, err := tg.Raw(context.Background(), target, body)
	NoError(t, err, "raw "+target)
	checkRawHeaders(t, resp)
	var m map[string]any
	if err := json.Unmarshal(resp.Body, &m); err != nil {
		t.Fatalf("%s: body is not a JSON object: %v\n%s", target, err, resp.Body)
	}
	return resp, m
}

func checkRawHeaders(t *testing.T, resp *RawResponse) {
	t.Helper()
	crc := resp.Header.Get("X-Amz-Crc32")
	if crc == "" {
		t.Errorf("no X-Amz-Crc32 header")
	} else if want := strconv.FormatUint(uint64(crc32.ChecksumIEEE(resp.Body)), 10); crc != want {
		t.Errorf("X-Amz-Crc32 = %s, want %s", crc, want)
	}
	if resp.Header.Get("X-Amzn-Requestid") == "" {
		t.Errorf("no x-amzn-RequestId header")
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-amz-json-1.0") {
		t.Errorf("Content-Type = %q, want application/x-amz-json-1.0", ct)
	}
}

func wantRawError(t *testing.T, resp *RawResponse, body map[string]any, code string) string {
	t.Helper()
	if resp.Status != 400 {
		t.Errorf("%s: HTTP status %d, want 400", code, resp.Status)
	}
	typ, _ := body["__type"].(string)
	if typ != errTypePrefix+code {
		t.Errorf("__type = %q, want %q", typ, errTypePrefix+code)
	}
	msg, ok := body["message"].(string)
	if !ok {
		if m, ok2 := body["Message"].(string); ok2 {
			msg, ok = m, true
		}
	}
	if !ok {
		t.Errorf("%s: no message in %v", code, body)
	}
	return msg
}

func testRawSuccess(t *testing.T, tg *Target) {
	resp, body := rawCall(t, tg, "DynamoDB_20120810.ListTables", `{"Limit":1}`)
	if resp.Status != 200 {
		t.Fatalf("unsigned ListTables: HTTP %d %s", resp.Status, resp.Body)
	}
	if _, ok := body["TableNames"].([]any); !ok {
		t.Errorf("ListTables body has no TableNames list: %s", resp.Body)
	}
}

func testRawUnknownOperation(t *testing.T, tg *Target) {
	resp, body := rawCall(t, tg, "DynamoDB_20120810.NoSuchOperation", `{}`)
	wantRawError(t, resp, body, "UnknownOperationException")
	resp, body = rawCall(t, tg, "DynamoDBStreams_20120810.NoSuchOperation", `{}`)
	wantRawError(t, resp, body, "UnknownOperationException")
}

func testRawMalformedJSON(t *testing.T, tg *Target) {
	for _, b := range []string{`{`, `not json`, `{"TableName": 5}`} {
		resp, body := rawCall(t, tg, "DynamoDB_20120810.DescribeTable", b)
		wantRawError(t, resp, body, "SerializationException")
	}
}

func testRawErrorBody(t *testing.T, tg *Target) {
	name := UniqueName("raw-missing")
	resp, body := rawCall(t, tg, "DynamoDB_20120810.DescribeTable", `{"TableName":"`+name+`"}`)
	msg := wantRawError(t, resp, body, "ResourceNotFoundException")
	if !strings.HasPrefix(msg, "Requested resource not found") {
		t.Errorf("message %q", msg)
	}
	resp, body = rawCall(t, tg, "DynamoDB_20120810.CreateTable", `{"TableName":"ab"}`)
	wantRawError(t, resp, body, "ValidationException")
}

func testRawStreamsTarget(t *testing.T, tg *Target) {
	name := UniqueName("raw-nostream")
	tg.CreateTable(t, TableInput(name, "id", "S"))
	resp, body := rawCall(t, tg, "DynamoDBStreams_20120810.ListStreams", `{"TableName":"`+name+`"}`)
	if resp.Status != 200 {
		t.Fatalf("ListStreams: HTTP %d %s", resp.Status, resp.Body)
	}
	streams, ok := body["Streams"].([]any)
	if !ok || len(streams) != 0 {
		t.Errorf("ListStreams of a table without stream = %s, want \"Streams\":[]", resp.Body)
	}
	resp, body = rawCall(t, tg, "DynamoDBStreams_20120810.DescribeStream", `{"StreamArn":"arn:aws:dynamodb:us-east-1:000000000000:table/`+name+`/stream/2020-01-01T00:00:00.000"}`)
	wantRawError(t, resp, body, "ResourceNotFoundException")
}
