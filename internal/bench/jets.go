package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// buildJets builds ./cmd/jets of repoDir into dir and returns its path.
func buildJets(ctx context.Context, repoDir, dir string) (string, error) {
	bin := filepath.Join(dir, "jets")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/jets")
	cmd.Dir = repoDir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/jets: %w\n%s", err, out)
	}
	return bin, nil
}

// startJets runs `jets server --port 0 --data-dir <tmp>` and waits for its
// banner line, which carries the address.
func startJets(ctx context.Context, bin string) (*server, error) {
	dir, err := os.MkdirTemp("", "jets-bench-data-")
	if err != nil {
		return nil, fmt.Errorf("start jets: %w", err)
	}
	cmd := exec.Command(bin, "server", "--port", "0", "--host", "127.0.0.1", "--data-dir", dir)
	s, stdout, err := startProcess(PeerJets, cmd)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	s.dir = dir
	bctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	line, err := s.firstLine(bctx, stdout)
	if err == nil {
		s.url, err = ParseBanner(line)
	}
	if err == nil {
		err = waitReady(bctx, s)
	}
	if err != nil {
		_ = s.stop(5 * time.Second)
		return nil, fmt.Errorf("start jets: %w", err)
	}
	return s, nil
}
