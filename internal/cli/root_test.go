package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestRootHelpListsCommands(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main(context.Background(), []string{"--help"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"jets", "new", "generate", "dev", "logs", "db", "failures", "replay", "server", "version", "--app-dir"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help does not mention %q:\n%s", want, stdout.String())
		}
	}
}

func TestRootVersionFlag(t *testing.T) {
	old := Version
	Version = "v9.9.9"
	t.Cleanup(func() { Version = old })
	var stdout, stderr bytes.Buffer
	if code := Main(context.Background(), []string{"--version"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if got := stdout.String(); got != "jets version v9.9.9\n" {
		t.Errorf("--version = %q", got)
	}
}

func TestRootUnknownCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main(context.Background(), []string{"nope"}, &stdout, &stderr); code == 0 {
		t.Fatal("unknown command: exit 0")
	}
	if !strings.Contains(stderr.String(), `unknown command "nope"`) {
		t.Errorf("stderr = %q", stderr.String())
	}
}
