package devserver

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/gojets/jets"
	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/lambdart"
	"github.com/gojets/jets/stream"
	"github.com/gojets/jets/wire"
)

// invoker adapts the local Lambda runtime to the stream runtime.
type invoker struct{ rt *lambdart.Runtime }

func (i invoker) Invoke(ctx context.Context, function string, payload []byte) (stream.Result, error) {
	res, err := i.rt.Invoke(ctx, function, payload)
	if err != nil {
		return stream.Result{}, err
	}
	msg := res.ErrorMessage
	if res.ErrorType != "" {
		msg = res.ErrorType + ": " + msg
	}
	return stream.Result{Payload: res.Payload, FunctionError: res.FunctionError, ErrorMessage: msg}, nil
}

// mapping turns a manifest event source into the stream runtime's mapping.
func mapping(f jets.ManifestFunction, es jets.ManifestEventSource, arn string, dest stream.Destination, poll time.Duration) stream.Mapping {
	p := es.Properties
	m := stream.Mapping{
		Function:                   f.FunctionName,
		StreamArn:                  arn,
		StartingPosition:           p.StartingPosition,
		MaximumRetryAttempts:       p.MaximumRetryAttempts,
		MaximumRecordAgeInSeconds:  p.MaximumRecordAgeInSeconds,
		FunctionResponseTypes:      p.FunctionResponseTypes,
		Enabled:                    p.Enabled,
		OnFailure:                  dest,
		PollInterval:               poll,
		BisectBatchOnFunctionError: p.BisectBatchOnFunctionError != nil && *p.BisectBatchOnFunctionError,
	}
	if p.BatchSize != nil {
		m.BatchSize = *p.BatchSize
	}
	if p.MaximumBatchingWindowInSeconds != nil {
		m.MaximumBatchingWindowInSeconds = *p.MaximumBatchingWindowInSeconds
	}
	if p.ParallelizationFactor != nil {
		m.ParallelizationFactor = *p.ParallelizationFactor
	}
	if p.TumblingWindowInSeconds != nil {
		m.TumblingWindowInSeconds = *p.TumblingWindowInSeconds
	}
	if p.FilterCriteria != nil {
		for _, flt := range p.FilterCriteria.Filters {
			m.FilterPatterns = append(m.FilterPatterns, flt.Pattern)
		}
	}
	return m
}

// bind keeps one event source fed: it resolves the table's stream (waiting,
// with the command to run, while there is none), runs the mapping, and
// starts a new mapping when the stream is re-enabled under a new ARN.
func (s *session) bind(ctx context.Context, f jets.ManifestFunction, es jets.ManifestEventSource) {
	if es.StreamARN != "" {
		s.runMapping(ctx, f, es, es.StreamARN)
		return
	}
	started := map[string]bool{}
	hinted := ""
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		arn, problem := s.latestStream(ctx, es.TableName)
		if arn != "" && !started[arn] {
			started[arn] = true
			fmt.Fprintf(s.cfg.Out, "jets dev: %s ← stream of %s (%s)\n", f.Name, es.TableName, arn)
			if try := s.tryPut(ctx, es.TableName); try != "" {
				fmt.Fprintf(s.cfg.Out, "jets dev: try: %s\n", try)
			}
			wg.Add(1)
			go func() { defer wg.Done(); s.runMapping(ctx, f, es, arn) }()
		}
		if arn == "" && problem != hinted {
			hinted = problem
			fmt.Fprintf(s.cfg.Out, "jets dev: %s is waiting: %s\n", f.Name, problem)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// latestStream returns the table's enabled stream, or what stops it from
// having one, with the command that fixes it.
func (s *session) latestStream(ctx context.Context, table string) (arn, problem string) {
	out, err := s.eng.DescribeTable(ctx, &wire.DescribeTableInput{TableName: table})
	if ddb.IsCode(err, ddb.CodeResourceNotFound) {
		return "", fmt.Sprintf("table %s does not exist; create it (add db/tables/<name>.json and restart jets dev, or run:\n"+
			"  aws dynamodb create-table --endpoint-url %s --table-name %s --attribute-definitions AttributeName=id,AttributeType=S "+
			"--key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES)",
			table, s.endpoint, table)
	}
	if err != nil {
		return "", fmt.Sprintf("describe table %s: %v", table, err)
	}
	t := out.Table
	if t.StreamSpecification == nil || t.StreamSpecification.StreamEnabled == nil || !*t.StreamSpecification.StreamEnabled || t.LatestStreamArn == "" {
		return "", fmt.Sprintf("table %s has no stream; enable it with:\n"+
			"  aws dynamodb update-table --endpoint-url %s --table-name %s --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES",
			table, s.endpoint, table)
	}
	return t.LatestStreamArn, ""
}

// runMapping runs one mapping until ctx ends, restarting it after errors.
func (s *session) runMapping(ctx context.Context, f jets.ManifestFunction, es jets.ManifestEventSource, arn string) {
	m := mapping(f, es, arn, s.fails.Destination(f.FunctionName), s.cfg.PollInterval)
	for ctx.Err() == nil {
		err := s.runner.Run(ctx, m)
		if ctx.Err() != nil {
			return
		}
		var cfgErr *stream.ConfigError
		if errors.As(err, &cfgErr) {
			fmt.Fprintf(s.cfg.Out, "jets dev: %s: event source %s refused: %s\n", f.Name, es.Table, cfgErr.Message)
			return
		}
		if ddb.IsCode(err, ddb.CodeResourceNotFound) {
			return // the stream is gone (its table was deleted and its retention ended)
		}
		s.cfg.Logger.Warn("mapping stopped; restarting", "function", f.Name, "stream", arn, "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

// tryPut returns an AWS CLI put-item command for the table, with example
// values for its key attributes.
func (s *session) tryPut(ctx context.Context, table string) string {
	out, err := s.eng.DescribeTable(ctx, &wire.DescribeTableInput{TableName: table})
	if err != nil {
		return ""
	}
	types := map[string]string{}
	for _, a := range out.Table.AttributeDefinitions {
		types[a.AttributeName] = a.AttributeType
	}
	example := map[string]string{"S": `{"S": "%s-1"}`, "N": `{"N": "1"}`, "B": `{"B": "aWQtMQ=="}`}
	var parts []string
	for _, k := range out.Table.KeySchema {
		parts = append(parts, fmt.Sprintf(`"%s": `+example[types[k.AttributeName]], k.AttributeName, k.AttributeName))
	}
	parts = append(parts, `"name": {"S": "name-1"}`)
	return fmt.Sprintf("aws dynamodb put-item --endpoint-url %s --table-name %s --item '{%s}'", s.endpoint, table, strings.Join(parts, ", "))
}
