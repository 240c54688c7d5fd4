package bench

import (
	"os"
	"strings"
	"time"
)

// PeerResult is what one server measured. Rates are per second, latencies
// in milliseconds, memory in MiB.
type PeerResult struct {
	Peer         string  `json:"peer"`
	URL          string  `json:"url,omitempty"`
	ReadyMs      float64 `json:"ready_ms"`
	RSSStartMiB  float64 `json:"rss_start_mib"`
	RSSAfterMiB  float64 `json:"rss_after_mib"`
	Writes       int64   `json:"put_writes"`
	WriteErrors  int64   `json:"put_errors"`
	PutSeconds   float64 `json:"put_seconds"`
	WritesPerSec float64 `json:"put_writes_per_sec"`
	// CPU per operation (µs) of the server process and of the benchmark
	// process (the SDK clients): figures that other load on the machine
	// skews less than rates do.
	PutServerCPUus   float64 `json:"put_server_cpu_us"`
	PutClientCPUus   float64 `json:"put_client_cpu_us"`
	DrainServerCPUus float64 `json:"drain_server_cpu_us_per_record"`
	// Stored counts every item written, timed or not.
	Stored        int64   `json:"items_written"`
	Records       int64   `json:"drain_records"`
	DrainCalls    int64   `json:"drain_calls"`
	DrainSeconds  float64 `json:"drain_seconds"`
	RecordsPerSec float64 `json:"drain_records_per_sec"`
	Gets          int     `json:"get_count"`
	GetP50Ms      float64 `json:"get_p50_ms"`
	GetP99Ms      float64 `json:"get_p99_ms"`
	// Retries counts the SDK's extra attempts in the timed phases.
	Retries int64  `json:"sdk_retries"`
	Error   string `json:"error,omitempty"`
}

// Report is a whole run.
type Report struct {
	Clients  int    `json:"clients"`
	Duration string `json:"put_duration"`
	CPUs     int    `json:"cpus"`
	Unsigned bool   `json:"unsigned"`
	// LoadAvg is the 1/5/15-minute load average when the run started: on a
	// shared machine, other work skews the figures.
	LoadAvg string        `json:"load_average,omitempty"`
	Peers   []*PeerResult `json:"peers"`
}

func (r *Report) peer(name string) *PeerResult {
	for _, p := range r.Peers {
		if p.Peer == name {
			return p
		}
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// loadAverage returns the first three fields of /proc/loadavg, or "".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
