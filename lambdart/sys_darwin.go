package lambdart

import "syscall"

func setDeathSignal(*syscall.SysProcAttr) {}

// peakRSSKB is not known without /proc; the exit's rusage gives it later.
func peakRSSKB(int) int64 { return 0 }

// rusageKB converts ru_maxrss (bytes on macOS) to KiB.
func rusageKB(maxrss int64) int64 { return maxrss / 1024 }
