package jets

import (
	"encoding/json"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// The seed's payload keeps its member order through EventJSON.
func TestEventJSONKeepsAWSOrder(t *testing.T) {
	seed := `{"Records":[{"eventID":"1a87201789a6e14315b8038ebbd3b99d","eventName":"MODIFY","eventVersion":"1.1",` +
		`"eventSource":"aws:dynamodb","awsRegion":"us-west-2","dynamodb":{"ApproximateCreationDateTime":1550272599,` +
		`"Keys":{"id":{"S":"1"}},"NewImage":{"id":{"S":"1"},"name":{"S":"Tung Nguyen"}},"OldImage":{"id":{"S":"1"},"name":{"S":"Tung"}},` +
		`"SequenceNumber":"261800000000059086429283","SizeBytes":32,"StreamViewType":"NEW_AND_OLD_IMAGES"},` +
		`"eventSourceARN":"arn:aws:dynamodb:us-west-2:112233445566:table/test-table/stream/2019-02-15T23:01:06.871"}]}`
	var ev events.DynamoDBEvent
	if err := json.Unmarshal([]byte(seed), &ev); err != nil {
		t.Fatal(err)
	}
	got, err := EventJSON(ev)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != seed {
		t.Errorf("EventJSON:\n got %s\nwant %s", got, seed)
	}
}
