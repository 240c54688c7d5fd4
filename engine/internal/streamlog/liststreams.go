package streamlog

import (
	"context"
	"slices"
	"strings"

	"github.com/gojets/jets/wire"
)

// listStreams lists the live streams, ordered by table name then label.
func (l *Log) listStreams(_ context.Context, region string, in *wire.ListStreamsInput) (*wire.ListStreamsOutput, error) {
	if in == nil {
		in = &wire.ListStreamsInput{}
	}
	limit, err := checkLimit(in.Limit, 100, 100)
	if err != nil {
		return nil, err
	}
	table := ""
	if in.TableName != nil {
		if err := checkTableName(*in.TableName); err != nil {
			return nil, err
		}
		table = *in.TableName
	}
	after := ""
	if in.ExclusiveStartStreamArn != nil {
		t, label, err := parseStreamARN("exclusiveStartStreamArn", *in.ExclusiveStartStreamArn)
		if err != nil {
			return nil, err
		}
		after = streamKey(t, label)
	}
	cutoff := l.now().Add(-l.cfg.Retention)
	l.mu.Lock()
	refs := make([]StreamRef, 0, len(l.streams))
	for k, st := range l.streams {
		if st.gone(cutoff) || table != "" && st.ref.TableName != table || after != "" && k <= after {
			continue
		}
		refs = append(refs, st.ref)
	}
	l.mu.Unlock()
	slices.SortFunc(refs, func(a, b StreamRef) int {
		return strings.Compare(streamKey(a.TableName, a.Label), streamKey(b.TableName, b.Label))
	})
	out := &wire.ListStreamsOutput{Streams: []wire.StreamSummary{}}
	for i, ref := range refs {
		if i == limit {
			out.LastEvaluatedStreamArn = out.Streams[limit-1].StreamArn
			break
		}
		out.Streams = append(out.Streams, wire.StreamSummary{
			StreamArn: ref.ARN(region, l.cfg.AccountID), TableName: ref.TableName, StreamLabel: ref.Label})
	}
	return out, nil
}
