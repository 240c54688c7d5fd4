package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// metric is one row of the printed table.
type metric struct {
	name   string
	value  func(*PeerResult) float64
	format string
	// higherBetter: ratio is jets/moto; otherwise moto/jets. Either way a
	// ratio above 1 means jets did better.
	higherBetter bool
	target       float64 // 0: none
	noRatio      bool    // informational row: the ratio would mislead
}

func metrics(r *Report) []metric {
	return []metric{
		{fmt.Sprintf("PutItem writes/s (%d clients, stream N&O)", r.Clients), func(p *PeerResult) float64 { return p.WritesPerSec }, "%.0f", true, 15000, false},
		{"  server CPU per write (µs)", func(p *PeerResult) float64 { return p.PutServerCPUus }, "%.0f", false, 0, false},
		{"  client (SDK) CPU per write (µs)", func(p *PeerResult) float64 { return p.PutClientCPUus }, "%.0f", false, 0, true},
		{"GetRecords records/s (drain)", func(p *PeerResult) float64 { return p.RecordsPerSec }, "%.0f", true, 100000, false},
		{"  server CPU per record (µs)", func(p *PeerResult) float64 { return p.DrainServerCPUus }, "%.1f", false, 0, false},
		{"GetItem p50 latency (ms)", func(p *PeerResult) float64 { return p.GetP50Ms }, "%.3f", false, 0, false},
		{"GetItem p99 latency (ms)", func(p *PeerResult) float64 { return p.GetP99Ms }, "%.3f", false, 0, false},
		{"server RSS idle after start (MiB)", func(p *PeerResult) float64 { return p.RSSStartMiB }, "%.1f", false, 40, false},
		{"server RSS after the run (MiB)", func(p *PeerResult) float64 { return p.RSSAfterMiB }, "%.1f", false, 0, false},
		{"start to ready (ms)", func(p *PeerResult) float64 { return p.ReadyMs }, "%.0f", false, 100, false},
	}
}

// PrintTable writes the human-readable table and notes.
func PrintTable(w io.Writer, r *Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "metric\tjets\tmoto\tratio\ttarget (jets)")
	fmt.Fprintln(tw, "------\t----\t----\t-----\t-------------")
	jets, moto := r.peer(PeerJets), r.peer(PeerMoto)
	for _, m := range metrics(r) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.name, cell(m, jets), cell(m, moto), ratio(m, jets, moto), target(m, jets))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("print table: %w", err)
	}
	for _, n := range notes(r) {
		fmt.Fprintln(w, n)
	}
	return nil
}

func usable(p *PeerResult) bool { return p != nil && p.Error == "" }

func cell(m metric, p *PeerResult) string {
	switch {
	case p == nil:
		return "-"
	case m.value(p) == 0 && p.Error != "":
		return "error"
	}
	return fmt.Sprintf(m.format, m.value(p))
}

// ratio is how many times better jets did than moto.
func ratio(m metric, jets, moto *PeerResult) string {
	if jets == nil || moto == nil || m.noRatio {
		return "-"
	}
	j, o := m.value(jets), m.value(moto)
	if j <= 0 || o <= 0 {
		return "-"
	}
	if m.higherBetter {
		return fmt.Sprintf("%.1f×", j/o)
	}
	return fmt.Sprintf("%.1f×", o/j)
}

func target(m metric, jets *PeerResult) string {
	if m.target == 0 {
		return ""
	}
	op := "≤"
	if m.higherBetter {
		op = "≥"
	}
	t := fmt.Sprintf("%s %g", op, m.target)
	if jets == nil || m.value(jets) == 0 {
		return t
	}
	v := m.value(jets)
	if (m.higherBetter && v >= m.target) || (!m.higherBetter && v <= m.target) {
		return t + "  met"
	}
	return t + "  MISSED"
}

func notes(r *Report) []string {
	out := []string{"ratio: how many times better jets did than moto (throughput jets/moto; latency and memory moto/jets)."}
	if r.Unsigned {
		out = append(out, "--unsigned: the clients sent jets unsigned requests (no SigV4 cost); moto needs the signature to route requests, so it got signed ones.")
	}
	if r.LoadAvg != "" {
		out = append(out, fmt.Sprintf("machine: %d CPUs shared by the clients and the server; load average at start %s (other work skews the figures).", r.CPUs, r.LoadAvg))
	}
	var drains []string
	for _, p := range r.Peers {
		drains = append(drains, fmt.Sprintf("%s %d records in %d GetRecords calls", p.Peer, p.Records, p.DrainCalls))
	}
	out = append(out, "GetRecords drained: "+strings.Join(drains, ", ")+
		" (moto is slow, so it drains fewer records, see --moto-records; records/s is still comparable).")
	for _, p := range r.Peers {
		out = append(out, fmt.Sprintf("%s: %d PutItem in %.1fs (%d errors), %d GetItem timed, %d SDK retries, at %s.",
			p.Peer, p.Writes, p.PutSeconds, p.WriteErrors, p.Gets, p.Retries, p.URL))
		if p.Error != "" {
			out = append(out, fmt.Sprintf("%s ERROR: %s", p.Peer, p.Error))
		}
	}
	return out
}

// PrintJSON writes r as indented JSON.
func PrintJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("print json: %w", err)
	}
	return nil
}
