//go:build unix

package lambdart

import (
	"os"
	"os/exec"
	"syscall"
)

// isolate puts the process in a process group of its own, so that killing
// the group also kills whatever it started.
func isolate(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setDeathSignal(cmd.SysProcAttr)
}

// killGroup kills the process group led by pid.
func killGroup(pid int) {
	_ = syscall.Kill(-pid, syscall.SIGKILL)
}

// exitPeakKB returns the peak RSS of an exited process, in KiB.
func exitPeakKB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && ru != nil {
		return rusageKB(int64(ru.Maxrss))
	}
	return 0
}
