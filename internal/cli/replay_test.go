package cli

import (
	"net"
	"os"
	"path/filepath"
	"testing"
)

func TestReplayFlagsAndNoJetsDev(t *testing.T) {
	dir := newTestApp(t)
	run(t, "-C", dir, "replay", "--from", "10m").fails(t, 2, "jets replay -n clerk_job-file --from 10m")
	run(t, "-C", dir, "replay", "-n", "clerk_job-file").fails(t, 2, "--from", "a sequence number")

	// The endpoint jets dev recorded is used; a stale one says what to do.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	if err := os.MkdirAll(stateDir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stateDir(dir), devFile), []byte(`{"endpoint":"`+closed+`","pid":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "-C", dir, "replay", "-n", "clerk_job-file", "--from", "10m").fails(t, 1,
		"replay clerk_job-file: no jets dev is listening at "+closed, "start jets dev first")
}

func TestDevEndpoint(t *testing.T) {
	dir := t.TempDir()
	if got := devEndpoint("", dir); got != defaultDevEndpoint {
		t.Errorf("no record: %s", got)
	}
	if err := os.WriteFile(filepath.Join(dir, devFile), []byte(`{"endpoint":"http://127.0.0.1:9","pid":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := devEndpoint("", dir); got != "http://127.0.0.1:9" {
		t.Errorf("recorded: %s", got)
	}
	if got := devEndpoint("http://h:1/", dir); got != "http://h:1" {
		t.Errorf("flag: %s", got)
	}
	forgetDev(dir, newRunID()) // not this run's: kept
	if _, err := os.Stat(filepath.Join(dir, devFile)); err != nil {
		t.Errorf("forgetDev removed another process's record: %v", err)
	}
}
