package jets

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func props(opts ...EventOption) EventSourceProperties {
	var p EventSourceProperties
	for _, o := range opts {
		o(&p)
	}
	return p
}

func TestPropertiesValidate(t *testing.T) {
	const src = "test-table"
	tests := []struct {
		name string
		p    EventSourceProperties
		want string
	}{
		{"batch size low", props(BatchSize(0)),
			"1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"batch size high", props(BatchSize(10001)),
			"1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"window", props(MaximumBatchingWindowInSeconds(301)), "Value '301' at 'maximumBatchingWindowInSeconds'"},
		{"record age", props(MaximumRecordAgeInSeconds(-2)), "Value '-2' at 'maximumRecordAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to -1"},
		{"retries", props(MaximumRetryAttempts(10001)), "Value '10001' at 'maximumRetryAttempts'"},
		{"parallelization", props(ParallelizationFactor(11)), "Value '11' at 'parallelizationFactor' failed to satisfy constraint: Member must have value less than or equal to 10"},
		{"tumbling", props(TumblingWindowInSeconds(901)), "Value '901' at 'tumblingWindowInSeconds'"},
		{"position enum", props(StartingPosition("EARLIEST")),
			"1 validation error detected: Value 'EARLIEST' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]"},
		{"position at timestamp", props(StartingPosition("AT_TIMESTAMP")), "Unsupported starting position for arn type: test-table"},
		{"response types", props(FunctionResponseTypes("Foo")),
			"Value '[Foo]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]"},
		{"filter not JSON", props(FilterCriteria(`[{"eventName": ["INSERT"=123}]`)), "Invalid filter pattern definition."},
		{"filter a string", props(FilterCriteria(`"single-string"`)), "Invalid filter pattern definition."},
		{"filter operator Pipes lacks", props(FilterCriteria(`{"eventName":[{"wildcard":"IN*"}]}`)), "Invalid filter pattern definition."},
		{"filter value not a list", props(FilterCriteria(`{"eventName":"INSERT"}`)), "Invalid filter pattern definition."},
		{"too many filters", props(FilterCriteria("{}", "{}", "{}", "{}", "{}", "{}")), "6 filters; a DynamoDB stream source allows at most 5"},
		{"on success", props(DestinationConfig(DestinationConfigProperty{OnSuccess: &OnFailureProperty{Destination: "arn:aws:sqs:us-east-1:1:q"}})),
			"Unsupported DestinationConfig parameter for given event source mapping type."},
		{"on failure not an ARN", props(OnFailure("my-queue")), `"my-queue" is not the ARN of an SQS queue, SNS topic or S3 bucket`},
		{"raw typed", props(Property("BatchSize", 5)), "property BatchSize has a typed option: use jets.BatchSize"},
		{"raw reserved", props(Property("EventSourceArn", "x")), "property EventSourceArn is set by jets"},
		{"raw lower case", props(Property("metricsConfig", "x")), "AWS property names start with a capital letter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate(src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate: %v\nwant it to contain: %s", err, tt.want)
			}
		})
	}
}

func TestPropertiesValidateAccepts(t *testing.T) {
	p := props(BatchSize(1), BatchSize(10000), StartingPosition(Latest), MaximumBatchingWindowInSeconds(300),
		MaximumRetryAttempts(-1), MaximumRecordAgeInSeconds(604800), ParallelizationFactor(10),
		ReportBatchItemFailures(), EventNames("INSERT", "MODIFY"), OnFailure("arn:aws:sqs:us-east-1:123456789012:dlq"),
		TumblingWindowInSeconds(0), Enabled(false), BisectBatchOnFunctionError(true),
		Property("MetricsConfig", map[string]any{"Metrics": []string{"EventCount"}}))
	if err := p.Validate("test-table"); err != nil {
		t.Fatal(err)
	}
}

func TestPropertiesJSON(t *testing.T) {
	p := props(BatchSize(10), StartingPosition(Latest), EventNames("INSERT"), OnFailure("arn:aws:sqs:us-east-1:123456789012:dlq"),
		Enabled(false), Property("MetricsConfig", map[string]any{"Metrics": []string{"EventCount"}}))
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"BatchSize":10,"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq"}},` +
		`"Enabled":false,"FilterCriteria":{"Filters":[{"Pattern":"{\"eventName\":[\"INSERT\"]}"}]},` +
		`"MetricsConfig":{"Metrics":["EventCount"]},"StartingPosition":"LATEST"}`
	if string(data) != want {
		t.Errorf("marshal:\n got %s\nwant %s", data, want)
	}
	var back EventSourceProperties
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != want {
		t.Errorf("round trip:\n got %s\nwant %s", again, want)
	}
	if _, ok := back.Extra["MetricsConfig"]; !ok || len(back.Extra) != 1 {
		t.Errorf("Extra after unmarshal = %v", back.Extra)
	}
}

func TestPropertiesWithDefaults(t *testing.T) {
	got, err := json.Marshal(props(BatchSize(5)).WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"BatchSize": 5.0, "BisectBatchOnFunctionError": false, "Enabled": true,
		"MaximumBatchingWindowInSeconds": 0.0, "MaximumRecordAgeInSeconds": -1.0, "MaximumRetryAttempts": -1.0,
		"ParallelizationFactor": 1.0, "StartingPosition": "TRIM_HORIZON", "TumblingWindowInSeconds": 0.0,
	}
	var m map[string]any
	if err := json.Unmarshal(got, &m); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("WithDefaults (-want +got):\n%s", diff)
	}
}
