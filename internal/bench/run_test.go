package bench

import (
	"context"
	"os/exec"
	"testing"
	"time"
)

// TestRunAgainstMoto runs the whole benchmark, shortened, against a real
// moto server: start, readiness, every phase, the report, and the stop.
func TestRunAgainstMoto(t *testing.T) {
	if testing.Short() {
		t.Skip("starts moto")
	}
	if err := exec.Command("python3", "-c", "import moto.server").Run(); err != nil {
		t.Skipf("moto is not installed: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rep, err := Run(ctx, Config{
		Duration: 300 * time.Millisecond, Clients: 2, Records: 10, MotoRecords: 40, Gets: 20,
		Peers: []string{PeerMoto}, Python: "python3",
	})
	if err != nil {
		t.Fatal(err)
	}
	p := rep.peer(PeerMoto)
	if p == nil || p.Error != "" {
		t.Fatalf("moto result: %+v", p)
	}
	if p.Writes == 0 || p.WritesPerSec <= 0 || p.WriteErrors != 0 {
		t.Errorf("put phase: %d writes, %.0f/s, %d errors", p.Writes, p.WritesPerSec, p.WriteErrors)
	}
	if p.Records != 40 || p.RecordsPerSec <= 0 {
		t.Errorf("drain: %d records at %.0f/s, want 40", p.Records, p.RecordsPerSec)
	}
	if p.Gets != 20 || p.GetP50Ms <= 0 || p.GetP99Ms < p.GetP50Ms {
		t.Errorf("latency: %d gets, p50 %.3f ms, p99 %.3f ms", p.Gets, p.GetP50Ms, p.GetP99Ms)
	}
	if p.RSSStartMiB <= 0 || p.RSSAfterMiB <= 0 {
		t.Errorf("rss: %.1f / %.1f MiB", p.RSSStartMiB, p.RSSAfterMiB)
	}
}

func TestRunRejectsBadConfig(t *testing.T) {
	if _, err := Run(context.Background(), Config{}); err == nil {
		t.Error("empty config accepted")
	}
}
