package jets

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gojets/jets/stream/filter"
)

// Limits of the event source mapping properties for a DynamoDB stream.
const (
	maxFilters       = 5
	maxPatternLength = 4096
)

// Validate checks the properties the way AWS Lambda's
// CreateEventSourceMapping does for a DynamoDB stream source, with AWS's
// messages where AWS has them. source names the stream in messages.
func (p EventSourceProperties) Validate(source string) error {
	errs := []error{
		intRange("batchSize", p.BatchSize, 1, 10000),
		intRange("maximumBatchingWindowInSeconds", p.MaximumBatchingWindowInSeconds, 0, 300),
		intRange("maximumRecordAgeInSeconds", p.MaximumRecordAgeInSeconds, -1, 604800),
		intRange("maximumRetryAttempts", p.MaximumRetryAttempts, -1, 10000),
		intRange("parallelizationFactor", p.ParallelizationFactor, 1, 10),
		intRange("tumblingWindowInSeconds", p.TumblingWindowInSeconds, 0, 900),
		validateStartingPosition(p.StartingPosition, source),
		validateResponseTypes(p.FunctionResponseTypes),
		validateFilters(p.FilterCriteria),
		validateDestination(p.DestinationConfig),
		validateExtra(p.Extra),
	}
	return errors.Join(errs...)
}

// constraintError is the form of AWS's request validation messages.
func constraintError(value any, field, constraint string) error {
	return fmt.Errorf("1 validation error detected: Value '%v' at '%s' failed to satisfy constraint: %s",
		value, field, constraint)
}

func intRange(field string, v *int, lo, hi int) error {
	switch {
	case v == nil:
		return nil
	case *v < lo:
		return constraintError(*v, field, fmt.Sprintf("Member must have value greater than or equal to %d", lo))
	case *v > hi:
		return constraintError(*v, field, fmt.Sprintf("Member must have value less than or equal to %d", hi))
	}
	return nil
}

func validateStartingPosition(pos, source string) error {
	switch pos {
	case "", TrimHorizon, Latest:
		return nil
	case "AT_TIMESTAMP":
		return fmt.Errorf("Unsupported starting position for arn type: %s", source) //nolint:staticcheck // AWS's wording
	}
	return constraintError(pos, "startingPosition", "Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]")
}

func validateResponseTypes(types []string) error {
	if len(types) > 1 {
		return constraintError("["+strings.Join(types, ", ")+"]", "functionResponseTypes",
			"Member must have length less than or equal to 1")
	}
	for _, t := range types {
		if t != ReportBatchItemFailuresType {
			return constraintError("["+t+"]", "functionResponseTypes",
				"Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]")
		}
	}
	return nil
}

func validateFilters(fc *FilterCriteriaProperty) error {
	if fc == nil {
		return nil
	}
	if len(fc.Filters) > maxFilters {
		return fmt.Errorf("FilterCriteria: %d filters; a DynamoDB stream source allows at most %d", len(fc.Filters), maxFilters)
	}
	for _, f := range fc.Filters {
		if len(f.Pattern) > maxPatternLength {
			return constraintError(f.Pattern[:20]+"…", "filterCriteria.filters.member.pattern",
				fmt.Sprintf("Member must have length less than or equal to %d", maxPatternLength))
		}
		// The same grammar the stream runtime matches with, so a pattern
		// jets dev would refuse is refused when the app starts.
		if _, err := filter.Compile([]string{f.Pattern}); err != nil {
			return err
		}
	}
	return nil
}

func validateDestination(d *DestinationConfigProperty) error {
	if d == nil {
		return nil
	}
	if d.OnSuccess != nil {
		return errors.New("Unsupported DestinationConfig parameter for given event source mapping type.") //nolint:staticcheck // AWS's wording
	}
	if d.OnFailure == nil {
		return nil
	}
	if destinationService(d.OnFailure.Destination) == "" {
		return fmt.Errorf("DestinationConfig.OnFailure.Destination %q is not the ARN of an SQS queue, SNS topic or S3 bucket",
			d.OnFailure.Destination)
	}
	return nil
}

// destinationService returns "sqs", "sns" or "s3" for a destination ARN.
func destinationService(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	switch parts[2] {
	case "sqs", "sns", "s3":
		return parts[2]
	}
	return ""
}

func validateExtra(extra map[string]any) error {
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		switch {
		case slices.Contains(typedPropertyNames, k):
			errs = append(errs, fmt.Errorf("property %s has a typed option: use jets.%s", k, k))
		case slices.Contains(reservedPropertyNames, k):
			errs = append(errs, fmt.Errorf("property %s is set by jets from the job and the table", k))
		case k == "" || strings.ContainsAny(k[:1], "abcdefghijklmnopqrstuvwxyz"):
			errs = append(errs, fmt.Errorf("property %q: AWS property names start with a capital letter (e.g. MetricsConfig)", k))
		}
	}
	return errors.Join(errs...)
}
