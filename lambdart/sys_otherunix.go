//go:build unix && !linux && !darwin

package lambdart

import "syscall"

func setDeathSignal(*syscall.SysProcAttr) {}
