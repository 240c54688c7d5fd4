package devserver

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"time"
)

// sourceStamp summarizes the app's sources: a change to any of them changes
// the stamp.
type sourceStamp struct {
	files int
	size  int64
	mtime int64 // the newest modification, in nanoseconds
	sum   int64 // the sum of every modification time, so a touch counts
}

// stampSources stamps the files a build depends on: Go files, go.mod,
// go.sum, and jets.json (which the app embeds).
func stampSources(dir string) sourceStamp {
	var st sourceStamp
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != dir && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") && name != "go.mod" && name != "go.sum" && name != "jets.json" {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		st.files++
		st.size += info.Size()
		m := info.ModTime().UnixNano()
		st.mtime = max(st.mtime, m)
		st.sum += m
		return nil
	})
	return st
}

// waitForChange returns true once the sources differ from st, or false when
// ctx ends.
func waitForChange(ctx context.Context, dir string, st sourceStamp, every time.Duration) bool {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			if stampSources(dir) != st {
				return true
			}
		}
	}
}
