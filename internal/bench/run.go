package bench

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"time"
)

// Run measures every peer of cfg in turn (never at the same time: they would
// share the CPUs) and returns the report. A peer that fails is reported with
// its error; the others still run. Servers are stopped before Run returns,
// also when ctx is canceled.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	rep := &Report{Clients: cfg.Clients, Duration: cfg.Duration.String(), CPUs: runtime.NumCPU(), Unsigned: cfg.Unsigned, LoadAvg: loadAverage()}
	for _, name := range cfg.Peers {
		p := &PeerResult{Peer: name}
		rep.Peers = append(rep.Peers, p)
		if err := runPeer(ctx, cfg, p); err != nil {
			if ctx.Err() != nil {
				return rep, fmt.Errorf("bench %s: %w", name, ctx.Err())
			}
			p.Error = err.Error()
			cfg.Log.Error("peer failed", "peer", name, "err", err)
		}
	}
	return rep, nil
}

func runPeer(ctx context.Context, cfg Config, p *PeerResult) (err error) {
	srv, err := startPeer(ctx, cfg, p.Peer)
	if err != nil {
		return err
	}
	defer func() {
		if serr := srv.stop(10 * time.Second); serr != nil && err == nil {
			err = serr
		}
	}()
	ready := srv.ready.Sub(srv.started)
	p.ReadyMs, p.URL = ms(ready), srv.url
	cfg.Log.Info("server ready", "peer", p.Peer, "url", srv.url, "pid", srv.pid(), "ready", ready.Round(time.Millisecond))
	if rss, err := readRSS(srv.pid()); err == nil {
		p.RSSStartMiB = mib(rss)
	}
	if err := workload(ctx, cfg, endpoint{url: srv.url, unsigned: cfg.Unsigned && p.Peer == PeerJets}, srv.pid(), p); err != nil {
		if out := srv.tail.String(); out != "" && ctx.Err() == nil {
			err = fmt.Errorf("%w\n%s's last output (exited: %v):\n%s", err, p.Peer, srv.exited(), lastBytes(out, 2048))
		}
		return err
	}
	rss, err := readRSS(srv.pid())
	if err != nil {
		return err
	}
	p.RSSAfterMiB = mib(rss)
	return nil
}

func startPeer(ctx context.Context, cfg Config, name string) (*server, error) {
	if name == PeerMoto {
		return startMoto(ctx, cfg.Python)
	}
	bin := cfg.JetsBin
	if bin == "" {
		dir, err := os.MkdirTemp("", "jets-bench-bin-")
		if err != nil {
			return nil, fmt.Errorf("build jets: %w", err)
		}
		defer os.RemoveAll(dir) // the running binary stays usable on Linux
		cfg.Log.Info("building ./cmd/jets")
		if bin, err = buildJets(ctx, cfg.RepoDir, dir); err != nil {
			return nil, err
		}
	}
	return startJets(ctx, bin)
}

// fillLimit bounds the untimed PutItem phase that writes the records the
// GetRecords drain needs when the timed phase wrote fewer; the drain then
// reads what there is, and the report says how many.
const fillLimit = 45 * time.Second

// workload runs the three phases on one server.
func workload(ctx context.Context, cfg Config, ep endpoint, pid int, p *PeerResult) error {
	arn, err := createTable(ctx, ep.newDynamo())
	if err != nil {
		return err
	}
	written, err := putPhase(ctx, cfg, ep, pid, p)
	if err != nil {
		return err
	}
	if err := drainPhase(ctx, cfg, ep, pid, arn, p); err != nil {
		return err
	}
	cfg.Log.Info("GetItem latency", "peer", p.Peer, "count", cfg.Gets)
	lat, err := getLatency(ctx, ep, cfg.Gets, 15*time.Second, written)
	p.Gets, p.GetP50Ms, p.GetP99Ms = lat.Count, ms(lat.P50), ms(lat.P99)
	p.Retries += lat.Retries
	return err
}

// putPhase times PutItem for cfg.Duration, then (untimed, for at most
// fillLimit) writes the items that the drain still needs. It returns how
// many items each client wrote.
func putPhase(ctx context.Context, cfg Config, ep endpoint, pid int, p *PeerResult) ([]int64, error) {
	cfg.Log.Info("PutItem phase", "peer", p.Peer, "clients", cfg.Clients, "duration", cfg.Duration)
	cpu := startCPU(pid)
	put, err := putItems(ctx, ep, cfg.Clients, cfg.Duration, 0, nil)
	p.Writes, p.WriteErrors, p.PutSeconds, p.WritesPerSec = put.Writes, put.Errors, put.Elapsed.Seconds(), put.rate()
	p.PutServerCPUus, p.PutClientCPUus = cpu.perOp(put.Writes)
	p.Retries += put.Retries
	if err != nil && !errors.Is(err, errPartial) {
		return nil, err
	}
	p.Stored = put.Writes
	want := int64(cfg.recordsFor(p.Peer))
	if put.Writes >= want {
		return put.PerClient, nil
	}
	cfg.Log.Info("writing more items for the drain (untimed)", "peer", p.Peer, "have", put.Writes, "want", want, "at most", fillLimit)
	more, err := putItems(ctx, ep, cfg.Clients, fillLimit, want-put.Writes, put.PerClient)
	p.Stored += more.Writes
	if err != nil && !errors.Is(err, errPartial) {
		return nil, err
	}
	return more.PerClient, nil
}

// drainPhase reads up to cfg.recordsFor(peer) records (no more than were
// written) from the stream and times it.
func drainPhase(ctx context.Context, cfg Config, ep endpoint, pid int, arn string, p *PeerResult) error {
	want := min(int64(cfg.recordsFor(p.Peer)), p.Stored)
	cfg.Log.Info("GetRecords drain", "peer", p.Peer, "records", want)
	cpu := startCPU(pid)
	dr, err := drainStream(ctx, ep, arn, want, 5*time.Second)
	p.Records, p.DrainCalls, p.DrainSeconds, p.RecordsPerSec = dr.Records, dr.Calls, dr.Elapsed.Seconds(), dr.rate()
	p.DrainServerCPUus, _ = cpu.perOp(dr.Records)
	p.Retries += dr.Retries
	return err
}

func lastBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
