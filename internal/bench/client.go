package bench

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/smithy-go/middleware"
)

const region = "us-east-1"

// endpoint is where and how the clients talk to a server.
type endpoint struct {
	url string
	// unsigned sends requests without SigV4 (anonymous credentials), which
	// saves the clients' signing CPU; the servers accept both.
	unsigned bool
}

func (e endpoint) credentials() aws.CredentialsProvider {
	if e.unsigned {
		return aws.AnonymousCredentials{}
	}
	return credentials.NewStaticCredentialsProvider("bench", "bench", "")
}

// retryer is the SDK's standard retryer without client-side rate limiting.
// Retries matter even against a local server: the Go SDK can see
// net.ErrClosed while reading a response when the transport's write loop
// closes the connection (aws/aws-sdk-go-v2#2737), and it retries that by
// design. Every retry is counted and reported (see retries).
func retryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = 3
		o.RateLimiter = ratelimit.None
	})
}

// retries returns how many extra attempts the SDK made for one call.
func retries(md middleware.Metadata) int64 {
	r, ok := retry.GetAttemptResults(md)
	if !ok || len(r.Results) == 0 {
		return 0
	}
	return int64(len(r.Results) - 1)
}

// newDynamo returns a DynamoDB client with its own HTTP transport, as an
// independent application would have.
func (e endpoint) newDynamo() *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:       region,
		BaseEndpoint: aws.String(e.url),
		Credentials:  e.credentials(),
		HTTPClient:   awshttp.NewBuildableClient(),
		Retryer:      retryer(),
	})
}

// newStreams returns a DynamoDB Streams client.
func (e endpoint) newStreams() *dynamodbstreams.Client {
	return dynamodbstreams.New(dynamodbstreams.Options{
		Region:       region,
		BaseEndpoint: aws.String(e.url),
		Credentials:  e.credentials(),
		HTTPClient:   awshttp.NewBuildableClient(),
		Retryer:      retryer(),
	})
}
