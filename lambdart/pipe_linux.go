package lambdart

import "golang.org/x/sys/unix"

// fionread is FIONREAD (TIOCINQ) for this architecture.
const fionread = unix.TIOCINQ
