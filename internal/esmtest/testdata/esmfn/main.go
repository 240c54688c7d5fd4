// Command esmfn is the function of the ESM tests, a plain aws-lambda-go
// program whose behaviour each record chooses through its NewImage:
//
//	fail: "always"      the invocation returns an error
//	partial: "yes"      the record is reported in batchItemFailures
//	sleep: N            sleep N milliseconds (for timeouts)
//
// Every record it is sent is printed as "got <id> <sequence number>". With
// ESMFN_MODE=window it is a tumbling-window handler that counts records in
// its state and prints "window <start> final=<bool> count=<n>".
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	if os.Getenv("ESMFN_MODE") == "window" {
		lambda.Start(window)
	}
	lambda.Start(batch)
}

func batch(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
	var resp events.DynamoDBEventResponse
	for _, r := range ev.Records {
		fmt.Printf("got %s %s\n", r.Change.Keys["id"].String(), r.Change.SequenceNumber)
	}
	for _, r := range ev.Records {
		img := r.Change.NewImage
		if v, ok := img["sleep"]; ok {
			ms, _ := strconv.Atoi(v.Number())
			time.Sleep(time.Duration(ms) * time.Millisecond)
		}
		if v, ok := img["fail"]; ok && v.String() == "always" {
			return resp, errors.New("poison record " + r.Change.Keys["id"].String())
		}
		if _, ok := img["partial"]; ok {
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.DynamoDBBatchItemFailure{ItemIdentifier: r.Change.SequenceNumber})
		}
	}
	return resp, nil
}

func window(ctx context.Context, ev events.DynamoDBTimeWindowEvent) (events.DynamoDBTimeWindowEventResponse, error) {
	n, _ := strconv.Atoi(ev.State["count"])
	n += len(ev.Records)
	fmt.Printf("window %s final=%v count=%d\n", ev.Window.Start.Format(time.RFC3339), ev.IsFinalInvokeForWindow, n)
	var resp events.DynamoDBTimeWindowEventResponse
	resp.State = map[string]string{"count": strconv.Itoa(n)}
	return resp, nil
}
