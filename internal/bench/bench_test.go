package bench

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i // 100 … 1, unsorted
	}
	tests := []struct {
		name string
		in   []time.Duration
		p    float64
		want time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"p50 of 1..100", ms(hundred...), 50, 50 * time.Millisecond},
		{"p99 of 1..100", ms(hundred...), 99, 99 * time.Millisecond},
		{"p100 of 1..100", ms(hundred...), 100, 100 * time.Millisecond},
		{"p50 of four", ms(4, 1, 3, 2), 50, 2 * time.Millisecond},
		{"p99 of four", ms(4, 1, 3, 2), 99, 4 * time.Millisecond},
		{"tiny p", ms(5, 6), 0.001, 5 * time.Millisecond},
	}
	for _, tt := range tests {
		orig := append([]time.Duration(nil), tt.in...)
		if got := Percentile(tt.in, tt.p); got != tt.want {
			t.Errorf("%s: Percentile(p%g) = %v, want %v", tt.name, tt.p, got, tt.want)
		}
		for i := range orig {
			if orig[i] != tt.in[i] {
				t.Fatalf("%s: Percentile modified its input", tt.name)
			}
		}
	}
}

func TestParseBanner(t *testing.T) {
	tests := []struct{ line, want string }{
		{"jets server: DynamoDB + DynamoDB Streams on http://127.0.0.1:34767 (data: /tmp/tmp.OTy)", "http://127.0.0.1:34767"},
		{"jets server listening on http://127.0.0.1:41234 (data: /tmp/x)", "http://127.0.0.1:41234"},
		{"jets: DynamoDB + Streams at http://127.0.0.1:8000/, data in .jets/data", "http://127.0.0.1:8000"},
		{"listening on http://localhost:9000.", "http://localhost:9000"},
		{"jets server 127.0.0.1:35001 in-memory", "http://127.0.0.1:35001"},
		{`{"msg":"listening","addr":"127.0.0.1:4567"}`, "http://127.0.0.1:4567"},
		{"serving on [::1]:8000", "http://[::1]:8000"},
	}
	for _, tt := range tests {
		got, err := ParseBanner(tt.line)
		if err != nil || got != tt.want {
			t.Errorf("ParseBanner(%q) = %q, %v; want %q", tt.line, got, err, tt.want)
		}
	}
	for _, line := range []string{"", "starting jets", "port 0"} {
		if got, err := ParseBanner(line); err == nil {
			t.Errorf("ParseBanner(%q) = %q, want an error", line, got)
		}
	}
}

func TestParseVmRSS(t *testing.T) {
	status := "Name:\tjets\nVmPeak:\t  900000 kB\nVmRSS:\t   23456 kB\nThreads:\t7\n"
	got, err := ParseVmRSS(strings.NewReader(status))
	if err != nil || got != 23456*1024 {
		t.Errorf("ParseVmRSS = %d, %v; want %d", got, err, 23456*1024)
	}
	for _, bad := range []string{"Name: x\n", "VmRSS: lots kB\n", "VmRSS: 12 MB\n"} {
		if _, err := ParseVmRSS(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseVmRSS(%q): no error", bad)
		}
	}
}

func TestReadRSSOfThisProcess(t *testing.T) {
	rss, err := readRSS(os.Getpid())
	if err != nil || rss <= 0 {
		t.Fatalf("readRSS(self) = %d, %v", rss, err)
	}
}

func TestConfigValidate(t *testing.T) {
	ok := Config{Duration: time.Second, Clients: 1, Records: 1, MotoRecords: 1, Gets: 1, Peers: []string{"jets", "moto"}}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid config: %v", err)
	}
	bad := ok
	bad.Peers = []string{"jets", "dynalite"}
	if err := bad.Validate(); err == nil {
		t.Error("unknown peer accepted")
	}
	bad = ok
	bad.Clients = 0
	if err := bad.Validate(); err == nil {
		t.Error("zero clients accepted")
	}
	if ok.recordsFor(PeerMoto) != ok.MotoRecords || ok.recordsFor(PeerJets) != ok.Records {
		t.Error("recordsFor picks the wrong count")
	}
}

func TestPrintTable(t *testing.T) {
	rep := &Report{Clients: 8, Peers: []*PeerResult{
		{Peer: PeerJets, WritesPerSec: 20000, RecordsPerSec: 150000, GetP50Ms: 0.2, GetP99Ms: 1, RSSStartMiB: 30, RSSAfterMiB: 60, ReadyMs: 40, Records: 100000},
		{Peer: PeerMoto, WritesPerSec: 500, RecordsPerSec: 2500, GetP50Ms: 2, GetP99Ms: 3, RSSStartMiB: 80, RSSAfterMiB: 100, ReadyMs: 700, Records: 5000},
	}}
	var b bytes.Buffer
	if err := PrintTable(&b, rep); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"metric", "jets", "moto", "ratio", "target",
		"20000", "500", "40.0×", "≥ 15000  met",
		"150000", "60.0×", "≥ 100000  met",
		"10.0×",     // p50 2 ms vs 0.2 ms
		"≤ 40  met", // RSS
		"drained: jets 100000 records", "moto 5000 records",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	rep.Peers[0].RSSStartMiB = 41
	b.Reset()
	_ = PrintTable(&b, rep)
	if !strings.Contains(b.String(), "≤ 40  MISSED") {
		t.Errorf("a missed target is not flagged:\n%s", b.String())
	}
	b.Reset()
	if err := PrintJSON(&b, rep); err != nil || !strings.Contains(b.String(), `"put_writes_per_sec": 20000`) {
		t.Errorf("json = %s, %v", b.String(), err)
	}
}

func TestTailBufferKeepsTheEnd(t *testing.T) {
	tb := &tailBuffer{max: 5}
	_, _ = tb.Write([]byte("abc"))
	_, _ = tb.Write([]byte("defg"))
	if got := tb.String(); got != "cdefg" {
		t.Errorf("tail = %q, want cdefg", got)
	}
}

func TestServerBannerAndStop(t *testing.T) {
	cmd := exec.Command("sh", "-c", `echo "jets listening on http://127.0.0.1:5555"; echo more; exec sleep 60`)
	s, stdout, err := startProcess("fake", cmd)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	line, err := s.firstLine(ctx, stdout)
	if err != nil {
		t.Fatal(err)
	}
	if url, err := ParseBanner(line); err != nil || url != "http://127.0.0.1:5555" {
		t.Errorf("banner %q → %q, %v", line, url, err)
	}
	if err := s.stop(5 * time.Second); err != nil {
		t.Errorf("stop: %v", err)
	}
	if !s.exited() {
		t.Error("process still running after stop")
	}
}

func TestServerExitsBeforeBanner(t *testing.T) {
	cmd := exec.Command("sh", "-c", `echo "bind: address in use" >&2; exit 3`)
	s, stdout, err := startProcess("fake", cmd)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = s.firstLine(ctx, stdout)
	if err == nil || !strings.Contains(err.Error(), "address in use") {
		t.Errorf("error = %v, want one that shows the server's output", err)
	}
}

func TestParseProcStatCPU(t *testing.T) {
	// pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
	stat := "4242 (jets (a) b) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 75 0 0 20 0 9 0 100 0 0\n"
	got, err := ParseProcStatCPU(stat)
	if want := 3250 * time.Millisecond; err != nil || got != want {
		t.Errorf("ParseProcStatCPU = %v, %v; want %v", got, err, want)
	}
	if _, err := ParseProcStatCPU("garbage"); err == nil {
		t.Error("no error for garbage")
	}
	if d, err := procCPU(os.Getpid()); err != nil || d < 0 {
		t.Errorf("procCPU(self) = %v, %v", d, err)
	}
}
