// Command jets runs Go functions when DynamoDB items change, and serves a
// local DynamoDB + DynamoDB Streams engine. All logic is in internal/cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/gojets/jets/internal/cli"
)

func main() {
	// The first SIGINT/SIGTERM cancels ctx (commands shut down cleanly);
	// after that, signals get their default behaviour, so a second Ctrl-C
	// kills at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
