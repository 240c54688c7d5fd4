// Command jets-bench measures `jets server` and moto on the same work and
// prints both and their ratio: PutItem writes/s on a stream-enabled table
// from concurrent aws-sdk-go-v2 clients, GetRecords records/s, GetItem
// p50/p99 latency and the server's RSS. Run it from the module root:
//
//	go run ./cmd/jets-bench [--duration 10s] [--clients 8] [--records 100000]
//	    [--moto-records 5000] [--gets 2000] [--peers jets,moto] [--json]
//
// It builds ./cmd/jets (or uses --jets-bin), runs `jets server --port 0` and
// `python3 -m moto.server` one after the other on 127.0.0.1, and stops them
// at the end or on Ctrl-C. See package internal/bench.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/gojets/jets/internal/bench"
)

func main() {
	var cfg bench.Config
	var peers string
	var asJSON bool
	flag.DurationVar(&cfg.Duration, "duration", 10*time.Second, "how long the PutItem phase runs on each server")
	flag.IntVar(&cfg.Clients, "clients", 8, "concurrent PutItem clients")
	flag.IntVar(&cfg.Records, "records", 100000, "stream records GetRecords drains from jets")
	flag.IntVar(&cfg.MotoRecords, "moto-records", 5000, "stream records GetRecords drains from moto (slow)")
	flag.IntVar(&cfg.Gets, "gets", 2000, "sequential GetItem calls timed per server")
	flag.StringVar(&peers, "peers", "jets,moto", "servers to measure, comma-separated")
	flag.StringVar(&cfg.JetsBin, "jets-bin", "", "prebuilt jets binary (default: go build ./cmd/jets)")
	flag.StringVar(&cfg.RepoDir, "repo", ".", "module root holding cmd/jets")
	flag.StringVar(&cfg.Python, "python", "python3", "python that has moto installed")
	flag.BoolVar(&asJSON, "json", false, "print the report as JSON")
	flag.BoolVar(&cfg.Unsigned, "unsigned", false, "send jets unsigned requests (saves the clients' SigV4 CPU; moto always gets signed ones)")
	flag.Parse()
	cfg.Peers = strings.Split(peers, ",")
	cfg.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	// The clients share the CPUs with the server: collect their garbage less
	// often (this process only; the servers keep their own settings).
	debug.SetGCPercent(400)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := bench.Run(ctx, cfg)
	if rep != nil {
		write := bench.PrintTable
		if asJSON {
			write = bench.PrintJSON
		}
		if perr := write(os.Stdout, rep); perr != nil && err == nil {
			err = perr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "jets-bench:", err)
		os.Exit(1)
	}
}
