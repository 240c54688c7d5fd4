package stream

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// Conditions under which a mapping gives up on a batch.
const (
	RetryAttemptsExhausted = "RetryAttemptsExhausted"
	RecordAgeExceeded      = "RecordAgeExceeded"
)

// Destination receives failure records (DestinationConfig.OnFailure).
type Destination interface {
	Send(ctx context.Context, f Failure) error
}

// Failure is what a mapping sends to its on-failure destination: the record
// AWS sends (Record, exactly AWS's shape), and the invocation event that
// failed (Payload), which an S3 destination carries and `jets failures
// replay` re-invokes.
type Failure struct {
	Record  FailureRecord
	Payload json.RawMessage
}

// FailureRecord is AWS's on-failure destination record for a DynamoDB
// stream batch.
type FailureRecord struct {
	RequestContext     FailureRequestContext  `json:"requestContext"`
	ResponseContext    FailureResponseContext `json:"responseContext"`
	Version            string                 `json:"version"`
	Timestamp          string                 `json:"timestamp"`
	DDBStreamBatchInfo BatchInfo              `json:"DDBStreamBatchInfo"`
}

// FailureRequestContext says which function failed, and why jets gave up.
type FailureRequestContext struct {
	RequestID              string `json:"requestId"`
	FunctionArn            string `json:"functionArn"`
	Condition              string `json:"condition"`
	ApproximateInvokeCount int    `json:"approximateInvokeCount"`
}

// FailureResponseContext is the last invocation's response. FunctionError is
// "Unhandled" for a function error and null when the failure came from a
// partial batch response.
type FailureResponseContext struct {
	StatusCode      int     `json:"statusCode"`
	ExecutedVersion string  `json:"executedVersion"`
	FunctionError   *string `json:"functionError"`
}

// BatchInfo locates the failed records in the stream.
type BatchInfo struct {
	ShardID                         string `json:"shardId"`
	StartSequenceNumber             string `json:"startSequenceNumber"`
	EndSequenceNumber               string `json:"endSequenceNumber"`
	ApproximateArrivalOfFirstRecord string `json:"approximateArrivalOfFirstRecord"`
	ApproximateArrivalOfLastRecord  string `json:"approximateArrivalOfLastRecord"`
	BatchSize                       int    `json:"batchSize"`
	StreamArn                       string `json:"streamArn"`
}

// newFailure builds the failure record of a batch.
func newFailure(m Mapping, shardID string, b []entry, condition string, invokes int, funcErr string, now time.Time) (Failure, error) {
	first, last := b[0].rec.Dynamodb, b[len(b)-1].rec.Dynamodb
	rec := FailureRecord{
		RequestContext: FailureRequestContext{
			RequestID: newUUID(), FunctionArn: m.FunctionArn,
			Condition: condition, ApproximateInvokeCount: invokes,
		},
		ResponseContext: FailureResponseContext{StatusCode: 200, ExecutedVersion: "$LATEST"},
		Version:         "1.0",
		Timestamp:       now.UTC().Format("2006-01-02T15:04:05.000Z"),
		DDBStreamBatchInfo: BatchInfo{
			ShardID:                         shardID,
			StartSequenceNumber:             first.SequenceNumber,
			EndSequenceNumber:               last.SequenceNumber,
			ApproximateArrivalOfFirstRecord: arrival(first.ApproximateCreationDateTime),
			ApproximateArrivalOfLastRecord:  arrival(last.ApproximateCreationDateTime),
			BatchSize:                       len(b),
			StreamArn:                       m.StreamArn,
		},
	}
	if funcErr != "" {
		rec.ResponseContext.FunctionError = &funcErr
	}
	return Failure{Record: rec, Payload: eventPayload(b)}, nil
}

func arrival(epoch int64) string {
	return time.Unix(epoch, 0).UTC().Format("2006-01-02T15:04:05Z")
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// MemoryDestination keeps failures in memory, for tests and embedding.
type MemoryDestination struct {
	mu sync.Mutex
	fs []Failure
}

// Send keeps f.
func (d *MemoryDestination) Send(_ context.Context, f Failure) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.fs = append(d.fs, f)
	return nil
}

// Failures returns the failures sent so far, oldest first.
func (d *MemoryDestination) Failures() []Failure {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Failure(nil), d.fs...)
}
