//go:build !linux && !darwin

package lambdart

func peakRSSKB(int) int64 { return 0 }

func rusageKB(maxrss int64) int64 { return maxrss }
