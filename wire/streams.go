package wire

import "github.com/gojets/jets/ddb"

// ListStreamsInput is ListStreams' request.
type ListStreamsInput struct {
	TableName               *string `json:"TableName,omitempty"`
	Limit                   *int    `json:"Limit,omitempty"`
	ExclusiveStartStreamArn *string `json:"ExclusiveStartStreamArn,omitempty"`
}

// StreamSummary names one stream.
type StreamSummary struct {
	StreamArn   string `json:"StreamArn"`
	TableName   string `json:"TableName"`
	StreamLabel string `json:"StreamLabel"`
}

// ListStreamsOutput is ListStreams' answer; Streams is always present.
type ListStreamsOutput struct {
	Streams                []StreamSummary `json:"Streams"`
	LastEvaluatedStreamArn string          `json:"LastEvaluatedStreamArn,omitempty"`
}

// ShardFilter selects the children of a shard in DescribeStream.
type ShardFilter struct {
	Type    string `json:"Type,omitempty"`
	ShardID string `json:"ShardId,omitempty"`
}

// DescribeStreamInput is DescribeStream's request.
type DescribeStreamInput struct {
	StreamArn             string       `json:"StreamArn"`
	Limit                 *int         `json:"Limit,omitempty"`
	ExclusiveStartShardID *string      `json:"ExclusiveStartShardId,omitempty"`
	ShardFilter           *ShardFilter `json:"ShardFilter,omitempty"`
}

// SequenceNumberRange is a shard's first and (once closed) last sequence
// number.
type SequenceNumberRange struct {
	StartingSequenceNumber string `json:"StartingSequenceNumber,omitempty"`
	EndingSequenceNumber   string `json:"EndingSequenceNumber,omitempty"`
}

// Shard is one shard of a stream.
type Shard struct {
	ShardID             string              `json:"ShardId"`
	SequenceNumberRange SequenceNumberRange `json:"SequenceNumberRange"`
	ParentShardID       string              `json:"ParentShardId,omitempty"`
}

// StreamDescription is DescribeStream's description of a stream.
type StreamDescription struct {
	StreamArn               string             `json:"StreamArn"`
	StreamLabel             string             `json:"StreamLabel"`
	StreamStatus            string             `json:"StreamStatus"`
	StreamViewType          string             `json:"StreamViewType"`
	CreationRequestDateTime EpochTime          `json:"CreationRequestDateTime"`
	TableName               string             `json:"TableName"`
	KeySchema               []KeySchemaElement `json:"KeySchema"`
	Shards                  []Shard            `json:"Shards"`
	LastEvaluatedShardID    string             `json:"LastEvaluatedShardId,omitempty"`
}

// DescribeStreamOutput is DescribeStream's answer.
type DescribeStreamOutput struct {
	StreamDescription StreamDescription `json:"StreamDescription"`
}

// GetShardIteratorInput is GetShardIterator's request.
type GetShardIteratorInput struct {
	StreamArn         string  `json:"StreamArn"`
	ShardID           string  `json:"ShardId"`
	ShardIteratorType string  `json:"ShardIteratorType"`
	SequenceNumber    *string `json:"SequenceNumber,omitempty"`
}

// GetShardIteratorOutput is GetShardIterator's answer.
type GetShardIteratorOutput struct {
	ShardIterator string `json:"ShardIterator"`
}

// GetRecordsInput is GetRecords' request.
type GetRecordsInput struct {
	ShardIterator string `json:"ShardIterator"`
	Limit         *int   `json:"Limit,omitempty"`
}

// GetRecordsOutput is GetRecords' answer. Records is always present;
// NextShardIterator is absent once a closed shard has been read to its end.
type GetRecordsOutput struct {
	Records           []Record `json:"Records"`
	NextShardIterator string   `json:"NextShardIterator,omitempty"`
}

// Identity is the userIdentity of a TTL delete; on the GetRecords wire its
// members are PrincipalId and Type.
type Identity struct {
	PrincipalID string `json:"PrincipalId"`
	Type        string `json:"Type"`
}

// Record is one stream record, members in AWS's order.
type Record struct {
	EventID      string       `json:"eventID"`
	EventName    string       `json:"eventName"`
	EventVersion string       `json:"eventVersion"`
	EventSource  string       `json:"eventSource"`
	AWSRegion    string       `json:"awsRegion"`
	Dynamodb     StreamRecord `json:"dynamodb"`
	UserIdentity *Identity    `json:"userIdentity,omitempty"`
}

// StreamRecord is the change a Record carries. ApproximateCreationDateTime is
// whole epoch seconds.
type StreamRecord struct {
	ApproximateCreationDateTime int64    `json:"ApproximateCreationDateTime"`
	Keys                        ddb.Item `json:"Keys"`
	NewImage                    ddb.Item `json:"NewImage,omitempty"`
	OldImage                    ddb.Item `json:"OldImage,omitempty"`
	SequenceNumber              string   `json:"SequenceNumber"`
	SizeBytes                   int64    `json:"SizeBytes"`
	StreamViewType              string   `json:"StreamViewType"`
}
