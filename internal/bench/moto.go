package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"time"
)

// startMoto runs `python3 -m moto.server -H 127.0.0.1 -p PORT` on a free
// port and polls until it answers ListTables.
func startMoto(ctx context.Context, python string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("start moto: %w", err)
	}
	cmd := exec.Command(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	s, stdout, err := startProcess(PeerMoto, cmd)
	if err != nil {
		return nil, err
	}
	go drain(stdout, s.tail)
	s.url = "http://127.0.0.1:" + strconv.Itoa(port)
	rctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := waitReady(rctx, s); err != nil {
		_ = s.stop(5 * time.Second)
		return nil, fmt.Errorf("start moto: %w", err)
	}
	return s, nil
}

// drain copies r into w until r ends, then closes r.
func drain(r io.ReadCloser, w *tailBuffer) {
	defer r.Close()
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		_, _ = w.Write(buf[:n])
		if err != nil {
			return
		}
	}
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls the server with an unsigned ListTables until it answers
// 200, the process exits, or ctx ends.
func waitReady(ctx context.Context, s *server) error {
	hc := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if ok := pingListTables(ctx, hc, s.url); ok {
			s.ready = time.Now()
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s not ready at %s: %w; output:\n%s", s.name, s.url, ctx.Err(), s.tail.String())
		case <-s.done:
			return s.exitError("exited while starting")
		case <-tick.C:
		}
	}
}

func pingListTables(ctx context.Context, hc *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/", bytes.NewReader([]byte("{}")))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := hc.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
