package jets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// Starting positions of a DynamoDB stream event source.
const (
	TrimHorizon = "TRIM_HORIZON"
	Latest      = "LATEST"
)

// ReportBatchItemFailures is the only FunctionResponseTypes value.
const ReportBatchItemFailuresType = "ReportBatchItemFailures"

// EventSourceProperties are the AWS::Lambda::EventSourceMapping properties
// of one event source, named as AWS names them. Nil or empty fields are
// unset: AWS's default applies (see WithDefaults). Extra holds any other
// property, passed through as is. In JSON the typed fields and Extra form
// one flat object.
type EventSourceProperties struct {
	BatchSize                      *int                       `json:"BatchSize,omitempty"`
	BisectBatchOnFunctionError     *bool                      `json:"BisectBatchOnFunctionError,omitempty"`
	DestinationConfig              *DestinationConfigProperty `json:"DestinationConfig,omitempty"`
	Enabled                        *bool                      `json:"Enabled,omitempty"`
	FilterCriteria                 *FilterCriteriaProperty    `json:"FilterCriteria,omitempty"`
	FunctionResponseTypes          []string                   `json:"FunctionResponseTypes,omitempty"`
	MaximumBatchingWindowInSeconds *int                       `json:"MaximumBatchingWindowInSeconds,omitempty"`
	MaximumRecordAgeInSeconds      *int                       `json:"MaximumRecordAgeInSeconds,omitempty"`
	MaximumRetryAttempts           *int                       `json:"MaximumRetryAttempts,omitempty"`
	ParallelizationFactor          *int                       `json:"ParallelizationFactor,omitempty"`
	StartingPosition               string                     `json:"StartingPosition,omitempty"`
	TumblingWindowInSeconds        *int                       `json:"TumblingWindowInSeconds,omitempty"`
	// Extra holds properties jets has no field for (MetricsConfig,
	// KmsKeyArn, …), keyed by their AWS name.
	Extra map[string]any `json:"-"`
}

// DestinationConfigProperty is the DestinationConfig property.
type DestinationConfigProperty struct {
	OnFailure *OnFailureProperty `json:"OnFailure,omitempty"`
	// OnSuccess is not supported for stream sources; it is here so that
	// validation can say so, as AWS does.
	OnSuccess *OnFailureProperty `json:"OnSuccess,omitempty"`
}

// OnFailureProperty names the destination (SQS queue, SNS topic or S3
// bucket ARN) that receives a record of each discarded batch.
type OnFailureProperty struct {
	Destination string `json:"Destination"`
}

// FilterCriteriaProperty is the FilterCriteria property.
type FilterCriteriaProperty struct {
	Filters []FilterProperty `json:"Filters"`
}

// FilterProperty is one filter: Pattern is an EventBridge-style JSON
// pattern matched against each record.
type FilterProperty struct {
	Pattern string `json:"Pattern"`
}

// typedPropertyNames are the properties with a field; Extra must not
// repeat them, and FunctionName / EventSourceArn belong to jets.
var typedPropertyNames = []string{
	"BatchSize", "BisectBatchOnFunctionError", "DestinationConfig", "Enabled",
	"FilterCriteria", "FunctionResponseTypes", "MaximumBatchingWindowInSeconds",
	"MaximumRecordAgeInSeconds", "MaximumRetryAttempts", "ParallelizationFactor",
	"StartingPosition", "TumblingWindowInSeconds",
}

var reservedPropertyNames = []string{"EventSourceArn", "FunctionName"}

// WithDefaults returns a copy with every unset typed property set to the
// value AWS uses for a DynamoDB stream source (StartingPosition defaults
// to TRIM_HORIZON, as in Ruby Jets).
func (p EventSourceProperties) WithDefaults() EventSourceProperties {
	setInt(&p.BatchSize, 100)
	setBool(&p.BisectBatchOnFunctionError, false)
	setBool(&p.Enabled, true)
	setInt(&p.MaximumBatchingWindowInSeconds, 0)
	setInt(&p.MaximumRecordAgeInSeconds, -1)
	setInt(&p.MaximumRetryAttempts, -1)
	setInt(&p.ParallelizationFactor, 1)
	setInt(&p.TumblingWindowInSeconds, 0)
	if p.StartingPosition == "" {
		p.StartingPosition = TrimHorizon
	}
	if p.FunctionResponseTypes == nil {
		p.FunctionResponseTypes = []string{}
	}
	p.Extra = maps.Clone(p.Extra)
	return p
}

func setInt(p **int, v int) {
	if *p == nil {
		*p = &v
	}
}

func setBool(p **bool, v bool) {
	if *p == nil {
		*p = &v
	}
}

// MarshalJSON writes the typed fields and Extra as one object, keys in
// sorted order.
func (p EventSourceProperties) MarshalJSON() ([]byte, error) {
	type plain EventSourceProperties
	typed, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(typed, &all); err != nil {
		return nil, err
	}
	for k, v := range p.Extra {
		raw, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", k, err)
		}
		all[k] = raw
	}
	return json.Marshal(all)
}

// UnmarshalJSON reads the flat object, keeping unknown properties in Extra.
func (p *EventSourceProperties) UnmarshalJSON(data []byte) error {
	type plain EventSourceProperties
	var typed plain
	if err := json.Unmarshal(data, &typed); err != nil {
		return err
	}
	var all map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&all); err != nil {
		return err
	}
	*p = EventSourceProperties(typed)
	for k, v := range all {
		if slices.Contains(typedPropertyNames, k) {
			continue
		}
		if p.Extra == nil {
			p.Extra = map[string]any{}
		}
		p.Extra[k] = v
	}
	return nil
}
