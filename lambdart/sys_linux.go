package lambdart

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// setDeathSignal has Linux kill the process if jets dies without cleaning
// up (only the process itself, not its children).
func setDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }

// peakRSSKB returns the process's peak resident set size (VmHWM, else
// VmRSS) in KiB, or 0.
func peakRSSKB(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	var hwm, rss int64
	s := bufio.NewScanner(f)
	for s.Scan() {
		name, value, ok := strings.Cut(s.Text(), ":")
		if !ok || (name != "VmHWM" && name != "VmRSS") {
			continue
		}
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if name == "VmHWM" {
			hwm = kb
		} else {
			rss = kb
		}
	}
	return max(hwm, rss)
}

// rusageKB converts ru_maxrss (KiB on Linux) to KiB.
func rusageKB(maxrss int64) int64 { return maxrss }
