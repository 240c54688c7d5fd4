package stream

import (
	"bytes"
	"encoding/json"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// lambdaRecord is one record of the event Lambda sends, members in the order
// AWS sends them.
type lambdaRecord struct {
	EventID        string          `json:"eventID"`
	EventName      string          `json:"eventName"`
	EventVersion   string          `json:"eventVersion"`
	EventSource    string          `json:"eventSource"`
	AWSRegion      string          `json:"awsRegion"`
	Dynamodb       lambdaChange    `json:"dynamodb"`
	EventSourceARN string          `json:"eventSourceARN"`
	UserIdentity   *lambdaIdentity `json:"userIdentity,omitempty"`
}

type lambdaChange struct {
	ApproximateCreationDateTime int64    `json:"ApproximateCreationDateTime"`
	Keys                        ddb.Item `json:"Keys"`
	NewImage                    ddb.Item `json:"NewImage,omitempty"`
	OldImage                    ddb.Item `json:"OldImage,omitempty"`
	SequenceNumber              string   `json:"SequenceNumber"`
	SizeBytes                   int64    `json:"SizeBytes"`
	StreamViewType              string   `json:"StreamViewType"`
}

// lambdaIdentity is userIdentity as Lambda sends it: lowercase members.
type lambdaIdentity struct {
	Type        string `json:"type"`
	PrincipalID string `json:"principalId"`
}

// entry is a record read from a shard, encoded once as Lambda sends it.
type entry struct {
	rec wire.Record
	raw []byte // the record's JSON in the event
	key string // the partition key value, for ParallelizationFactor
}

func newEntry(streamArn, hashKey string, r wire.Record) (entry, error) {
	raw, err := json.Marshal(toLambdaRecord(streamArn, r))
	if err != nil {
		return entry{}, err
	}
	e := entry{rec: r, raw: raw}
	if v, ok := r.Dynamodb.Keys[hashKey]; ok {
		e.key = string(v.AppendJSON(nil))
	}
	return e, nil
}

// Event encodes records as the {"Records":[…]} event Lambda's event source
// mapping sends for DynamoDB Streams, with eventSourceARN set to streamArn.
func Event(streamArn string, records []wire.Record) ([]byte, error) {
	es := make([]entry, len(records))
	for i, r := range records {
		e, err := newEntry(streamArn, "", r)
		if err != nil {
			return nil, err
		}
		es[i] = e
	}
	return eventPayload(es), nil
}

// eventPayload joins encoded records into one event.
func eventPayload(es []entry) []byte {
	n := len(`{"Records":[]}`)
	for _, e := range es {
		n += len(e.raw) + 1
	}
	var b bytes.Buffer
	b.Grow(n)
	b.WriteString(`{"Records":[`)
	for i, e := range es {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(e.raw)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func toLambdaRecord(streamArn string, r wire.Record) lambdaRecord {
	lr := lambdaRecord{
		EventID:      r.EventID,
		EventName:    r.EventName,
		EventVersion: r.EventVersion,
		EventSource:  r.EventSource,
		AWSRegion:    r.AWSRegion,
		Dynamodb: lambdaChange{
			ApproximateCreationDateTime: r.Dynamodb.ApproximateCreationDateTime,
			Keys:                        r.Dynamodb.Keys,
			NewImage:                    r.Dynamodb.NewImage,
			OldImage:                    r.Dynamodb.OldImage,
			SequenceNumber:              r.Dynamodb.SequenceNumber,
			SizeBytes:                   r.Dynamodb.SizeBytes,
			StreamViewType:              r.Dynamodb.StreamViewType,
		},
		EventSourceARN: streamArn,
	}
	if r.UserIdentity != nil {
		lr.UserIdentity = &lambdaIdentity{Type: r.UserIdentity.Type, PrincipalID: r.UserIdentity.PrincipalID}
	}
	return lr
}
