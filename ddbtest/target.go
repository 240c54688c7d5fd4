package ddbtest

import (
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"net/http"
	"strings"
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
	return func(c *aws.Config) {
		c.Retryer = nil
		c.RetryMaxAttempts = maxAttempts
	}
}

// NewTarget returns clients for endpoint: static dummy credentials, region
// us-east-1 unless overridden, no retries of anything the server answers,
// and nothing read from the environment or ~/.aws.
//
// The one thing retried is a read on a connection that Go's HTTP transport
// closed itself ("use of closed network connection" with status 200: a
// client-side race, aws/aws-sdk-go-v2#1825 and #2737, that shows against
// fast local servers); the server never sees it as an error.
func NewTarget(endpoint string, opts ...ClientOption) *Target {
	httpClient := &http.Client{Timeout: 30 * time.Second}
	cfg := aws.Config{
		Region:       DefaultRegion,
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDJETSTEST", "jets-test-secret", ""),
		BaseEndpoint: aws.String(endpoint),
		Retryer:      transportRaceRetryer,
		HTTPClient:   httpClient,
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

// transportRaceRetryer retries only the transport's closed-connection race.
func transportRaceRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = 5
		o.RateLimiter = ratelimit.None
		o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 10 * time.Millisecond, nil })
		o.Retryables = []retry.IsErrorRetryable{retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
			if strings.Contains(err.Error(), "use of closed network connection") {
				return aws.TrueTernary
			}
			return aws.FalseTernary
		})}
	})
}
