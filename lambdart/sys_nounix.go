//go:build !unix

package lambdart

import (
	"os"
	"os/exec"
)

func isolate(*exec.Cmd) {}

func killGroup(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		_ = p.Kill()
	}
}

func exitPeakKB(*os.ProcessState) int64 { return 0 }
