package jobs

import (
	"context"
	"fmt"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gojets/jets"
)

// ClerkJob's methods run when items in their DynamoDB tables change; each
// method is a Lambda function of its own.
type ClerkJob struct{}

func init() {
	jets.NewJob("ClerkJob").Method("file", ClerkJob{}.File,
		jets.DynamoDBEvent("test-table"), // existing table: demo-dev-test-table
	)
}

// File receives each batch of changes to test-table and prints it
// (`jets logs -f -n clerk_job-file` shows it).
func (ClerkJob) File(ctx context.Context, event events.DynamoDBEvent) error {
	data, err := jets.EventJSON(event)
	if err != nil {
		return fmt.Errorf("encode event: %w", err)
	}
	fmt.Printf("event %s\n", data)
	return nil
}
