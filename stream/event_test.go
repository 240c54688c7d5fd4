package stream

import (
	"encoding/json"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/google/go-cmp/cmp"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

const testArn = "arn:aws:dynamodb:us-west-2:112233445566:table/test-table/stream/2019-02-15T23:01:06.871"

func seedRecord() wire.Record {
	return wire.Record{
		EventID: "1a87201789a6e14315b8038ebbd3b99d", EventName: "MODIFY", EventVersion: "1.1",
		EventSource: "aws:dynamodb", AWSRegion: "us-west-2",
		Dynamodb: wire.StreamRecord{
			ApproximateCreationDateTime: 1550272599,
			Keys:                        ddb.Item{"id": ddb.S("1")},
			NewImage:                    ddb.Item{"name": ddb.S("Tung Nguyen"), "id": ddb.S("1")},
			OldImage:                    ddb.Item{"name": ddb.S("Tung"), "id": ddb.S("1")},
			SequenceNumber:              "261800000000059086429283",
			SizeBytes:                   32,
			StreamViewType:              "NEW_AND_OLD_IMAGES",
		},
	}
}

// The event is the seed's payload, byte for byte in member order.
func TestEventMatchesSeedPayload(t *testing.T) {
	got, err := Event(testArn, []wire.Record{seedRecord()})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Records":[{"eventID":"1a87201789a6e14315b8038ebbd3b99d","eventName":"MODIFY","eventVersion":"1.1",` +
		`"eventSource":"aws:dynamodb","awsRegion":"us-west-2","dynamodb":{"ApproximateCreationDateTime":1550272599,` +
		`"Keys":{"id":{"S":"1"}},"NewImage":{"id":{"S":"1"},"name":{"S":"Tung Nguyen"}},"OldImage":{"id":{"S":"1"},"name":{"S":"Tung"}},` +
		`"SequenceNumber":"261800000000059086429283","SizeBytes":32,"StreamViewType":"NEW_AND_OLD_IMAGES"},` +
		`"eventSourceARN":"` + testArn + `"}]}`
	if string(got) != want {
		t.Errorf("event:\n got %s\nwant %s", got, want)
	}
}

// Every event round-trips through aws-lambda-go's events.DynamoDBEvent (E15).
func TestEventRoundTripsThroughLambdaTypes(t *testing.T) {
	ttl := seedRecord()
	ttl.EventName = "REMOVE"
	ttl.Dynamodb.NewImage = nil
	ttl.UserIdentity = &wire.Identity{PrincipalID: "dynamodb.amazonaws.com", Type: "Service"}
	bin := seedRecord()
	bin.Dynamodb.NewImage = ddb.Item{"id": ddb.S("1"), "b": ddb.B([]byte("foobar")), "n": ddb.N("12.50"),
		"l": {Type: ddb.TypeL, L: []ddb.Value{ddb.Null(), ddb.Bool(true)}}}
	got, err := Event(testArn, []wire.Record{seedRecord(), ttl, bin})
	if err != nil {
		t.Fatal(err)
	}
	var ev events.DynamoDBEvent
	if err := json.Unmarshal(got, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Records[1].UserIdentity == nil || ev.Records[1].UserIdentity.Type != "Service" {
		t.Errorf("TTL userIdentity lost: %+v", ev.Records[1].UserIdentity)
	}
	if s := ev.Records[2].Change.NewImage["b"].Binary(); string(s) != "foobar" {
		t.Errorf("binary = %q", s)
	}
	again, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	_ = json.Unmarshal(got, &a)
	_ = json.Unmarshal(again, &b)
	if d := cmp.Diff(a, b); d != "" {
		t.Errorf("round trip through events.DynamoDBEvent changed the event (-ours +lambda):\n%s", d)
	}
}
