// Command benchfn is the function of the dev server's benchmarks: a plain
// aws-lambda-go program. For every record it prints "entered <id>
// <unix nanoseconds>" when BENCH_PRINT is set, and it sleeps BENCH_SLEEP
// (a duration) per batch.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	sleep, _ := time.ParseDuration(os.Getenv("BENCH_SLEEP"))
	print := os.Getenv("BENCH_PRINT") != ""
	lambda.Start(func(ctx context.Context, ev events.DynamoDBEvent) error {
		now := time.Now().UnixNano()
		if print {
			for _, r := range ev.Records {
				fmt.Printf("entered %s %d\n", r.Change.Keys["id"].String(), now)
			}
		}
		time.Sleep(sleep)
		return nil
	})
}
