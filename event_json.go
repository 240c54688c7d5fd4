package jets

import (
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
)

// eventRecord is a DynamoDB stream record with its members in the order AWS
// Lambda sends them (events.DynamoDBEventRecord's are alphabetical).
type eventRecord struct {
	EventID        string                       `json:"eventID"`
	EventName      string                       `json:"eventName"`
	EventVersion   string                       `json:"eventVersion"`
	EventSource    string                       `json:"eventSource"`
	AWSRegion      string                       `json:"awsRegion"`
	Change         events.DynamoDBStreamRecord  `json:"dynamodb"`
	EventSourceArn string                       `json:"eventSourceARN"`
	UserIdentity   *events.DynamoDBUserIdentity `json:"userIdentity,omitempty"`
}

// EventJSON encodes a DynamoDB stream event as AWS Lambda delivers it, with
// each record's members in AWS's order (eventID, eventName, eventVersion,
// eventSource, awsRegion, dynamodb, eventSourceARN), so a printed event
// reads like the ones in AWS's documentation and CloudWatch.
func EventJSON(event events.DynamoDBEvent) ([]byte, error) {
	out := struct {
		Records []eventRecord `json:"Records"`
	}{Records: make([]eventRecord, len(event.Records))}
	for i, r := range event.Records {
		out.Records[i] = eventRecord{
			EventID: r.EventID, EventName: r.EventName, EventVersion: r.EventVersion,
			EventSource: r.EventSource, AWSRegion: r.AWSRegion, Change: r.Change,
			EventSourceArn: r.EventSourceArn, UserIdentity: r.UserIdentity,
		}
	}
	return json.Marshal(out)
}
