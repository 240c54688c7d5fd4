package ddbtest

import (
	"context"
	"math/big"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/google/go-cmp/cmp"
)

var (
	eventIDRE  = regexp.MustCompile(`^[0-9a-f]{32}$`)
	seqRE      = regexp.MustCompile(`^\d{21,40}$`)
	shardIDRE  = regexp.MustCompile(`^shardId-\d{20}-[0-9a-f]{8}$`)
	iteratorRE = func(arn string) *regexp.Regexp { return regexp.MustCompile(`^` + regexp.QuoteMeta(arn) + `\|\d\|.+$`) }
)

// streamTable creates a table with a stream of viewType and returns its
// name and stream ARN.
func streamTable(t *testing.T, tg *Target, prefix string, viewType ddbtypes.StreamViewType, key ...string) (string, string) {
	t.Helper()
	name := UniqueName(prefix)
	td := tg.CreateTable(t, WithStream(TableInput(name, key...), viewType))
	if td.LatestStreamArn == nil {
		t.Fatalf("table %s created with a stream has no LatestStreamArn", name)
	}
	return name, *td.LatestStreamArn
}

// wantRec is an expected record: event name and images in DynamoDB JSON
// ("" for absent).
type wantRec struct {
	event                string
	keys, newImg, oldImg string
}

func plainOrNil(js string) map[string]any {
	if js == "" {
		return nil
	}
	return PlainJSON(js)
}

// waitLast polls the stream until its last record is want's last (event
// and keys) and returns all records: once the last write's record is
// visible, so are all before it, and any extra record shows.
func waitLast(t *testing.T, tg *Target, arn string, want []wantRec) []types.Record {
	t.Helper()
	last := want[len(want)-1]
	var recs []types.Record
	var lastErr error
	ok := Eventually(defaultWait, func() bool {
		recs, lastErr = tg.ReadStream(context.Background(), arn)
		if lastErr != nil || len(recs) < len(want) {
			return false
		}
		r := recs[len(recs)-1]
		return string(r.EventName) == last.event && cmp.Equal(Plain(FromStream(r.Dynamodb.Keys)), plainOrNil(last.keys))
	})
	if !ok {
		t.Fatalf("stream %s: the last record is not %s %s within %v (error %v):%s", arn, last.event, last.keys, defaultWait, lastErr, describeRecords(recs))
	}
	return recs
}

// checkRecords compares recs with want and checks every record's common
// fields: eventID, eventVersion, eventSource, awsRegion, StreamViewType,
// SequenceNumber (increasing), ApproximateCreationDateTime, SizeBytes.
func checkRecords(t *testing.T, tg *Target, recs []types.Record, viewType string, want []wantRec) {
	t.Helper()
	if len(recs) != len(want) {
		t.Errorf("got %d records, want %d:%s", len(recs), len(want), describeRecords(recs))
	}
	checkRecordFields(t, tg.Region, recs, viewType, time.Now())
	for i := 0; i < len(recs) && i < len(want); i++ {
		r, w := recs[i], want[i]
		if string(r.EventName) != w.event {
			t.Errorf("record %d: eventName %s, want %s", i, r.EventName, w.event)
		}
		d := r.Dynamodb
		if diff := cmp.Diff(plainOrNil(w.keys), Plain(FromStream(d.Keys))); diff != "" {
			t.Errorf("record %d (%s) Keys (-want +got):\n%s", i, w.event, diff)
		}
		if diff := cmp.Diff(plainOrNil(w.newImg), Plain(FromStream(d.NewImage))); diff != "" {
			t.Errorf("record %d (%s) NewImage (-want +got):\n%s", i, w.event, diff)
		}
		if diff := cmp.Diff(plainOrNil(w.oldImg), Plain(FromStream(d.OldImage))); diff != "" {
			t.Errorf("record %d (%s) OldImage (-want +got):\n%s", i, w.event, diff)
		}
	}
}

// checkRecordFields checks the fields every record has. now is the time
// ApproximateCreationDateTime should be near (zero: not checked).
func checkRecordFields(t *testing.T, region string, recs []types.Record, viewType string, now time.Time) {
	t.Helper()
	seen := map[string]bool{}
	var prev *big.Int
	for i, r := range recs {
		id := aws.ToString(r.EventID)
		if !eventIDRE.MatchString(id) || seen[id] {
			t.Errorf("record %d: eventID %q is not 32 lowercase hex or repeats", i, id)
		}
		seen[id] = true
		if aws.ToString(r.EventVersion) != "1.1" || aws.ToString(r.EventSource) != "aws:dynamodb" || aws.ToString(r.AwsRegion) != region {
			t.Errorf("record %d: eventVersion %q eventSource %q awsRegion %q, want 1.1 aws:dynamodb %s",
				i, aws.ToString(r.EventVersion), aws.ToString(r.EventSource), aws.ToString(r.AwsRegion), region)
		}
		if r.UserIdentity != nil {
			t.Errorf("record %d: userIdentity %+v on a user write", i, r.UserIdentity)
		}
		d := r.Dynamodb
		if d == nil {
			t.Errorf("record %d: no dynamodb member", i)
			continue
		}
		if string(d.StreamViewType) != viewType {
			t.Errorf("record %d: StreamViewType %s, want %s", i, d.StreamViewType, viewType)
		}
		seq := aws.ToString(d.SequenceNumber)
		if !seqRE.MatchString(seq) {
			t.Errorf("record %d: SequenceNumber %q is not 21–40 digits", i, seq)
		} else {
			n, _ := new(big.Int).SetString(seq, 10)
			if prev != nil && n.Cmp(prev) <= 0 {
				t.Errorf("record %d: SequenceNumber %s not above the previous %s", i, seq, prev)
			}
			prev = n
		}
		if ts := d.ApproximateCreationDateTime; ts == nil || ts.Nanosecond() != 0 {
			t.Errorf("record %d: ApproximateCreationDateTime %v, want whole seconds", i, ts)
		} else if !now.IsZero() && (ts.Before(now.Add(-2*time.Minute)) || ts.After(now.Add(time.Minute))) {
			t.Errorf("record %d: ApproximateCreationDateTime %v, want about %v", i, ts, now)
		}
		want := RecordSizeBytes(FromStream(d.Keys), FromStream(d.NewImage), FromStream(d.OldImage))
		if aws.ToInt64(d.SizeBytes) != want {
			t.Errorf("record %d (%s): SizeBytes %d, want %d by the formula", i, r.EventName, aws.ToInt64(d.SizeBytes), want)
		}
	}
}

// seqOf is the record's SequenceNumber.
func seqOf(r types.Record) string { return aws.ToString(r.Dynamodb.SequenceNumber) }

// keyOf is the record's Keys as a short string.
func keyOf(r types.Record) string { return keyString(FromStream(r.Dynamodb.Keys)) }
