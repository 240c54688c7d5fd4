package bench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// userHZ is the unit of utime and stime in /proc/<pid>/stat (USER_HZ, 100 on
// every Linux architecture Go supports).
const userHZ = 100

// procCPU returns the CPU time (user + system, all threads) that process pid
// has used so far.
func procCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("read cpu time: %w", err)
	}
	return ParseProcStatCPU(string(b))
}

// ParseProcStatCPU returns utime+stime from the text of /proc/<pid>/stat.
// The command name (field 2) may hold spaces and parentheses, so fields are
// counted from the last ')'.
func ParseProcStatCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("parse /proc stat: no ')' in %q", stat)
	}
	f := strings.Fields(stat[i+1:])
	// f[0] is field 3 (state); utime and stime are fields 14 and 15.
	if len(f) < 13 {
		return 0, fmt.Errorf("parse /proc stat: %d fields after the name", len(f))
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("parse /proc stat: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ, nil
}

// selfCPU returns the CPU time this process has used so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMeter measures the CPU the server and this process spend on a phase.
type cpuMeter struct {
	pid          int
	server, self time.Duration
}

func startCPU(pid int) cpuMeter {
	s, _ := procCPU(pid)
	return cpuMeter{pid: pid, server: s, self: selfCPU()}
}

// perOp returns the server's and this process's CPU per operation, in µs.
func (m cpuMeter) perOp(ops int64) (server, client float64) {
	if ops <= 0 {
		return 0, 0
	}
	s, err := procCPU(m.pid)
	if err != nil {
		return 0, 0
	}
	us := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(ops) }
	return us(s - m.server), us(selfCPU() - m.self)
}
