package lambdart

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"time"
)

// newRequestID returns a random UUID (version 4), as Lambda's request ids.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// newTraceID returns an X-Ray trace header, not sampled.
func newTraceID(now time.Time) string {
	var b [20]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return fmt.Sprintf("Root=1-%08x-%s;Parent=%s;Sampled=0", now.Unix(), h[:24], h[24:40])
}

// newStreamName returns a log stream name as Lambda names them:
// 2026/11/29/[$LATEST]<32 hex digits>.
func newStreamName(now time.Time) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return now.UTC().Format("2006/01/02") + "/[$LATEST]" + hex.EncodeToString(b[:])
}

func startLine(id string) string { return "START RequestId: " + id + " Version: $LATEST" }

func endLine(id string) string { return "END RequestId: " + id }

// report is what a REPORT line says about one invocation.
type report struct {
	id        string
	duration  time.Duration
	memoryMB  int
	maxUsedKB int64
	init      time.Duration // the process's init, on its first invocation
	status    string        // "", "timeout" or "error"
	errorType string        // with status "error"
}

func (r report) line() string {
	ms := float64(r.duration.Microseconds()) / 1000
	var b strings.Builder
	fmt.Fprintf(&b, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB",
		r.id, ms, int64(math.Ceil(ms)), r.memoryMB, (r.maxUsedKB+1023)/1024)
	if r.init > 0 {
		fmt.Fprintf(&b, "\tInit Duration: %.2f ms", float64(r.init.Microseconds())/1000)
	}
	if r.status != "" {
		fmt.Fprintf(&b, "\tStatus: %s", r.status)
	}
	if r.errorType != "" {
		fmt.Fprintf(&b, "\tError Type: %s", r.errorType)
	}
	return b.String()
}

// initReportLine is Lambda's INIT_REPORT for a process that failed before
// asking for its first invocation.
func initReportLine(d time.Duration, errorType string) string {
	return fmt.Sprintf("INIT_REPORT Init Duration: %.2f ms\tPhase: init\tStatus: error\tError Type: %s",
		float64(d.Microseconds())/1000, errorType)
}
