package jets

import (
	"encoding/json"
	"fmt"
	"time"
)

// FunctionOption configures a function: Method takes them, and so does
// NewJob, where they become defaults for every method of the job.
// DynamoDBEvent, Timeout, MemorySize and IAMPolicy are FunctionOptions.
type FunctionOption interface {
	applyFunction(*functionSpec)
}

// functionSpec collects what options say about one function.
type functionSpec struct {
	timeout int // seconds; 0 = unset
	memory  int // MB; 0 = unset
	sources []*eventSourceSpec
	iam     []IAMStatement
	errs    []error
}

type functionOptionFunc func(*functionSpec)

func (f functionOptionFunc) applyFunction(s *functionSpec) { f(s) }

// Timeout sets the function's timeout (whole seconds, 1s to 15m; default
// 30s or the app's function.timeout).
func Timeout(d time.Duration) FunctionOption {
	return functionOptionFunc(func(s *functionSpec) {
		if d%time.Second != 0 {
			s.errs = append(s.errs, fmt.Errorf("timeout %v: use whole seconds", d))
			return
		}
		s.timeout = int(d / time.Second)
		if err := validateTimeout(s.timeout); err != nil {
			s.errs = append(s.errs, err)
		}
	})
}

// MemorySize sets the function's memory in MB (128 to 10240; default 128
// or the app's function.memory_size).
func MemorySize(mb int) FunctionOption {
	return functionOptionFunc(func(s *functionSpec) {
		s.memory = mb
		if err := validateMemorySize(mb); err != nil {
			s.errs = append(s.errs, err)
		}
	})
}

// IAMStatement is one statement of an IAM policy document.
type IAMStatement struct {
	Sid      string   `json:"Sid,omitempty"`
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource []string `json:"Resource"`
}

// IAMPolicy adds statements to the function's policy, after the ones jets
// generates for its event sources (Ruby Jets' iam_policy, additive as in
// Jets 5.0.6+). An empty Effect means "Allow".
func IAMPolicy(statements ...IAMStatement) FunctionOption {
	return functionOptionFunc(func(s *functionSpec) {
		for _, st := range statements {
			if st.Effect == "" {
				st.Effect = "Allow"
			}
			if len(st.Action) == 0 || len(st.Resource) == 0 {
				s.errs = append(s.errs, fmt.Errorf("IAM statement %+v needs Action and Resource", st))
				continue
			}
			s.iam = append(s.iam, st)
		}
	})
}

func validateTimeout(seconds int) error {
	if seconds < 1 || seconds > 900 {
		return fmt.Errorf("timeout %ds: AWS Lambda allows 1 to 900 seconds", seconds)
	}
	return nil
}

func validateMemorySize(mb int) error {
	if mb < 128 || mb > 10240 {
		return fmt.Errorf("memory size %d MB: AWS Lambda allows 128 to 10240 MB", mb)
	}
	return nil
}

// EventOption sets one property of an event source; DynamoDBEvent takes
// them. Each is named after the AWS::Lambda::EventSourceMapping property
// it sets.
type EventOption func(*EventSourceProperties)

// BatchSize is the most records per invocation (1–10000, default 100).
func BatchSize(n int) EventOption {
	return func(p *EventSourceProperties) { p.BatchSize = &n }
}

// StartingPosition is where a new mapping starts reading: TrimHorizon
// (the default, as in Ruby Jets) or Latest.
func StartingPosition(pos string) EventOption {
	return func(p *EventSourceProperties) { p.StartingPosition = pos }
}

// MaximumBatchingWindowInSeconds is how long to gather records before
// invoking (0–300, default 0).
func MaximumBatchingWindowInSeconds(n int) EventOption {
	return func(p *EventSourceProperties) { p.MaximumBatchingWindowInSeconds = &n }
}

// MaximumRetryAttempts bounds the retries of a failing batch (-1 =
// until the records expire, the default; 0–10000).
func MaximumRetryAttempts(n int) EventOption {
	return func(p *EventSourceProperties) { p.MaximumRetryAttempts = &n }
}

// MaximumRecordAgeInSeconds discards older records (-1 = never, the
// default; up to 604800).
func MaximumRecordAgeInSeconds(n int) EventOption {
	return func(p *EventSourceProperties) { p.MaximumRecordAgeInSeconds = &n }
}

// BisectBatchOnFunctionError splits a failing batch in two and retries
// each half (default false).
func BisectBatchOnFunctionError(on bool) EventOption {
	return func(p *EventSourceProperties) { p.BisectBatchOnFunctionError = &on }
}

// ParallelizationFactor is the number of concurrent batches per shard
// (1–10, default 1).
func ParallelizationFactor(n int) EventOption {
	return func(p *EventSourceProperties) { p.ParallelizationFactor = &n }
}

// FunctionResponseTypes sets the response types; the only one is
// "ReportBatchItemFailures" (see ReportBatchItemFailures).
func FunctionResponseTypes(types ...string) EventOption {
	return func(p *EventSourceProperties) { p.FunctionResponseTypes = types }
}

// ReportBatchItemFailures lets a handler returning
// events.DynamoDBEventResponse report the records that failed.
func ReportBatchItemFailures() EventOption {
	return FunctionResponseTypes(ReportBatchItemFailuresType)
}

// FilterCriteria sets the filter patterns (JSON, at most 5); a record is
// delivered when any pattern matches it.
func FilterCriteria(patterns ...string) EventOption {
	return func(p *EventSourceProperties) {
		fc := &FilterCriteriaProperty{}
		for _, pat := range patterns {
			fc.Filters = append(fc.Filters, FilterProperty{Pattern: pat})
		}
		p.FilterCriteria = fc
	}
}

// EventNames is a FilterCriteria shortcut that delivers only the given
// event names ("INSERT", "MODIFY", "REMOVE").
func EventNames(names ...string) EventOption {
	pattern, _ := json.Marshal(map[string][]string{"eventName": names})
	return FilterCriteria(string(pattern))
}

// DestinationConfig sets where discarded batches are recorded.
func DestinationConfig(d DestinationConfigProperty) EventOption {
	return func(p *EventSourceProperties) { p.DestinationConfig = &d }
}

// OnFailure is a DestinationConfig shortcut: the ARN of an SQS queue, SNS
// topic or S3 bucket that receives a record of each discarded batch. jets
// adds the IAM permission to send there.
func OnFailure(arn string) EventOption {
	return DestinationConfig(DestinationConfigProperty{OnFailure: &OnFailureProperty{Destination: arn}})
}

// TumblingWindowInSeconds turns on tumbling windows (1–900; 0 = off). The
// handler must then take events.DynamoDBTimeWindowEvent.
func TumblingWindowInSeconds(n int) EventOption {
	return func(p *EventSourceProperties) { p.TumblingWindowInSeconds = &n }
}

// Enabled turns the mapping on or off (default true).
func Enabled(on bool) EventOption {
	return func(p *EventSourceProperties) { p.Enabled = &on }
}

// Property passes any other EventSourceMapping property through as is,
// e.g. Property("MetricsConfig", map[string]any{"Metrics": []string{"EventCount"}}).
func Property(name string, value any) EventOption {
	return func(p *EventSourceProperties) {
		if p.Extra == nil {
			p.Extra = map[string]any{}
		}
		p.Extra[name] = value
	}
}
