package devserver

import (
	"context"
	"fmt"
	"time"

	"github.com/gojets/jets"
	"github.com/gojets/jets/lambdart/logstore"
)

// echo copies a function's new log lines to the terminal, prefixed with
// its short name.
func (s *session) echo(ctx context.Context, f jets.ManifestFunction) {
	path := logstore.Path(LogDir(s.cfg.StateDir), f.FunctionName)
	q := logstore.Query{Since: time.Now()}
	_ = logstore.Follow(ctx, path, q, func(e logstore.Event) error {
		_, err := fmt.Fprintf(s.cfg.Echo, "[%s] %s\n", f.Name, e.Message)
		return err
	})
}
