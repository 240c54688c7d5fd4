package ddbtest

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// TestServerProcess checks `jets server` as a process: the banner, the
// data directory lock, a clean exit 0 on SIGTERM, and data kept across a
// restart.
func TestServerProcess(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	p := StartJets(t, "--data-dir", dir)
	if !strings.Contains(p.Banner, p.URL) || !strings.Contains(p.Banner, dir) {
		t.Errorf("banner %q does not say where it listens (%s) and where data lives (%s)", p.Banner, p.URL, dir)
	}
	tg := NewTarget(p.URL)
	tg.CreateTable(t, TableInput("proc", "id", "S"))
	put(t, tg, "proc", `{"id":{"S":"kept"}}`)

	// A second server on the same directory fails at once, saying why.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, BuildJets(t), "server", "--port", "0", "--data-dir", dir).CombinedOutput()
	if err == nil || ctx.Err() != nil {
		t.Errorf("second server on the same data dir: err %v (context %v), want a quick failure; output:\n%s", err, ctx.Err(), out)
	} else if !strings.Contains(string(out), "in use") {
		t.Errorf("second server's message does not say the directory is in use:\n%s", out)
	}

	if err := p.Stop(syscall.SIGTERM, 10*time.Second); err != nil {
		t.Errorf("SIGTERM: %v, want exit status 0; output:\n%s", err, p.Output())
	}
	p2 := StartJets(t, "--data-dir", dir)
	got, err := NewTarget(p2.URL).DynamoDB.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String("proc"), Key: Item(`{"id":{"S":"kept"}}`)})
	NoError(t, err, "get after restart")
	if got.Item == nil {
		t.Errorf("item lost across a clean restart")
	}
	if err := p2.Stop(syscall.SIGINT, 10*time.Second); err != nil {
		t.Errorf("SIGINT: %v, want exit status 0; output:\n%s", err, p2.Output())
	}
}
