package ddbtest

import (
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
)

// DefaultRegion is the region the helpers' clients sign requests for.
const DefaultRegion = "us-east-1"

// Target is an endpoint under test with clients for both APIs.
type Target struct {
	// Endpoint is the base URL, e.g. http://127.0.0.1:8000.
	Endpoint string
	// Region is the region the clients sign for.
	Region   string
	DynamoDB *dynamodb.Client
	Streams  *dynamodbstreams.Client
	// HTTP is the client used for raw (unsigned) wire requests.
	HTTP *http.Client
}

// ClientOption adjusts the SDK configuration of NewTarget's clients.
type ClientOption func(*aws.Config)

// WithRegion makes the clients sign for region.
func WithRegion(region string) ClientOption {
	return func(c *aws.Config) { c.Region = region }
}

// WithRetries sets the SDK's maximum attempts per call (default 1: no
// retries, so that every error the server returns is seen as is).
func WithRetries(maxAttempts int) ClientOption {
	return func(c *aws.Config) { c.RetryMaxAttempts = maxAttempts }
}

// NewTarget returns clients for endpoint: static dummy credentials, region
// us-east-1 unless overridden, no retries, and nothing read from the
// environment or ~/.aws.
func NewTarget(endpoint string, opts ...ClientOption) *Target {
	httpClient := &http.Client{Timeout: 30 * time.Second}
	cfg := aws.Config{
		Region:           DefaultRegion,
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDJETSTEST", "jets-test-secret", ""),
		BaseEndpoint:     aws.String(endpoint),
		RetryMaxAttempts: 1,
		HTTPClient:       httpClient,
	}
	for _, o := range opts {
		o(&cfg)
	}
	return &Target{
		Endpoint: endpoint,
		Region:   cfg.Region,
		DynamoDB: dynamodb.NewFromConfig(cfg),
		Streams:  dynamodbstreams.NewFromConfig(cfg),
		HTTP:     httpClient,
	}
}
