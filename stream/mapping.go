package stream

import (
	"fmt"
	"strings"
	"time"
)

// Starting positions of a mapping.
const (
	TrimHorizon = "TRIM_HORIZON"
	Latest      = "LATEST"
)

// ReportBatchItemFailures is the FunctionResponseTypes value that turns on
// partial batch responses.
const ReportBatchItemFailures = "ReportBatchItemFailures"

// MaxPayloadBytes is Lambda's cap on one invocation's event (6 MB).
const MaxPayloadBytes = 6 * 1024 * 1024

// Mapping binds a function to a stream, as an AWS::Lambda::EventSourceMapping.
// Fields are named after the AWS properties; zero values take AWS Lambda's
// defaults.
type Mapping struct {
	// ID names the mapping in checkpoints and logs (default
	// "<Function>|<StreamArn>").
	ID string
	// Function is the function to invoke; FunctionArn goes into failure
	// records (default arn:aws:lambda:<stream's region>:<account>:function:<Function>).
	Function    string
	FunctionArn string
	// StreamArn is the DynamoDB stream to read.
	StreamArn string
	// StartingPosition is TRIM_HORIZON (default) or LATEST. It applies to
	// shards open when the mapping first sees the stream and that have no
	// checkpoint; shards that appear later are read from their start, as
	// Lambda does.
	StartingPosition string
	// BatchSize is the most records per invocation (1–10000, default 100).
	BatchSize int
	// MaximumBatchingWindowInSeconds is how long to gather records before
	// invoking (0–300, default 0: invoke as soon as records are read).
	MaximumBatchingWindowInSeconds int
	// MaximumRetryAttempts bounds retries of a failing batch (-1 or
	// 0–10000); nil means -1: retry until the records expire.
	MaximumRetryAttempts *int
	// MaximumRecordAgeInSeconds discards records older than this (-1 or
	// 60–604800); nil means -1: no limit.
	MaximumRecordAgeInSeconds *int
	// BisectBatchOnFunctionError splits a failing batch in two and retries
	// each half; splitting does not use up retries.
	BisectBatchOnFunctionError bool
	// FunctionResponseTypes may hold ReportBatchItemFailures.
	FunctionResponseTypes []string
	// ParallelizationFactor is how many batches of one shard run at once
	// (1–10, default 1); records of one partition key stay in order.
	ParallelizationFactor int
	// FilterPatterns are the FilterCriteria.Filters[].Pattern values; a
	// record is processed when any pattern matches it.
	FilterPatterns []string
	// TumblingWindowInSeconds turns on tumbling windows (0–900).
	TumblingWindowInSeconds int
	// OnFailure receives a record of every batch the mapping gives up on.
	OnFailure Destination
	// Enabled is nil or true for a running mapping; a disabled mapping reads
	// nothing and keeps its checkpoints.
	Enabled *bool
	// PollInterval is how often an idle shard is polled (default 250 ms,
	// Lambda's four polls a second). Sources that implement Notifier wake
	// consumers sooner.
	PollInterval time.Duration
}

func (m Mapping) withDefaults() Mapping {
	if m.ID == "" {
		m.ID = m.Function + "|" + m.StreamArn
	}
	if m.StartingPosition == "" {
		m.StartingPosition = TrimHorizon
	}
	if m.BatchSize == 0 {
		m.BatchSize = 100
	}
	if m.ParallelizationFactor == 0 {
		m.ParallelizationFactor = 1
	}
	if m.PollInterval == 0 {
		m.PollInterval = 250 * time.Millisecond
	}
	if m.FunctionArn == "" {
		region, account := "us-east-1", "000000000000"
		if p := strings.Split(m.StreamArn, ":"); len(p) >= 5 {
			region, account = p[3], p[4]
		}
		m.FunctionArn = "arn:aws:lambda:" + region + ":" + account + ":function:" + m.Function
	}
	return m
}

// Validate checks m as AWS Lambda checks an event source mapping, with its
// messages.
func (m Mapping) Validate() error {
	m = m.withDefaults()
	switch {
	case m.Function == "":
		return invalidParameter("1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null.")
	case m.StreamArn == "":
		return invalidParameter("Unrecognized event source.")
	case m.StartingPosition == "AT_TIMESTAMP":
		return invalidParameter("Unsupported starting position for arn type: " + m.StreamArn)
	case m.StartingPosition != TrimHorizon && m.StartingPosition != Latest:
		return validation(fmt.Sprintf("1 validation error detected: Value '%s' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]", m.StartingPosition))
	}
	if err := checkRange("batchSize", m.BatchSize, 1, 10000); err != nil {
		return err
	}
	if err := checkRange("maximumBatchingWindowInSeconds", m.MaximumBatchingWindowInSeconds, 0, 300); err != nil {
		return err
	}
	if err := checkRange("parallelizationFactor", m.ParallelizationFactor, 1, 10); err != nil {
		return err
	}
	if err := checkRange("tumblingWindowInSeconds", m.TumblingWindowInSeconds, 0, 900); err != nil {
		return err
	}
	if r := m.MaximumRetryAttempts; r != nil {
		if err := checkRange("maximumRetryAttempts", *r, -1, 10000); err != nil {
			return err
		}
	}
	if a := m.MaximumRecordAgeInSeconds; a != nil && *a != -1 {
		if err := checkRange("maximumRecordAgeInSeconds", *a, 60, 604800); err != nil {
			return err
		}
	}
	for _, t := range m.FunctionResponseTypes {
		if t != ReportBatchItemFailures {
			return validation(fmt.Sprintf("1 validation error detected: Value '[%s]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]", t))
		}
	}
	if len(m.FilterPatterns) > 5 {
		return invalidParameter("Invalid filter pattern definition.")
	}
	return nil
}

func checkRange(name string, v, lo, hi int) error {
	switch {
	case v < lo:
		return validation(fmt.Sprintf("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", v, name, lo))
	case v > hi:
		return validation(fmt.Sprintf("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value less than or equal to %d", v, name, hi))
	}
	return nil
}

func (m Mapping) maxRetries() int {
	if m.MaximumRetryAttempts == nil {
		return -1
	}
	return *m.MaximumRetryAttempts
}

func (m Mapping) maxAge() time.Duration {
	if m.MaximumRecordAgeInSeconds == nil || *m.MaximumRecordAgeInSeconds < 0 {
		return 0
	}
	return time.Duration(*m.MaximumRecordAgeInSeconds) * time.Second
}

func (m Mapping) reportsItemFailures() bool {
	for _, t := range m.FunctionResponseTypes {
		if t == ReportBatchItemFailures {
			return true
		}
	}
	return false
}

func (m Mapping) enabled() bool { return m.Enabled == nil || *m.Enabled }

// ConfigError is an invalid mapping, with the error type and message AWS
// Lambda answers CreateEventSourceMapping with.
type ConfigError struct {
	Type    string // InvalidParameterValueException or ValidationException
	Message string
}

func (e *ConfigError) Error() string { return e.Type + ": " + e.Message }

func invalidParameter(msg string) error {
	return &ConfigError{Type: "InvalidParameterValueException", Message: msg}
}

func validation(msg string) error { return &ConfigError{Type: "ValidationException", Message: msg} }
