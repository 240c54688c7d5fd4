//go:build !unix

package lambdart

import "os"

// pipeBuffered is unknown here: markers then order output only as well as
// the reader keeps up.
func pipeBuffered(*os.File) int { return 0 }
