package e2e

import (
	"encoding/json"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// writes is the time span of the test's writes.
type writes struct{ start, end time.Time }

// record is one record of a logged event: typed, and as raw JSON keys.
type record struct {
	events.DynamoDBEventRecord
	keys, changeKeys []string
}

// eventLine is a `jets logs` line (simple format) of the handler's output:
// `event <json>`.
var eventLine = regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC event (\{.*\})$`)

// parseEventLines reads every record of every `event {"Records":[…]}` line.
func parseEventLines(t *testing.T, logs string) []record {
	t.Helper()
	var out []record
	for _, m := range eventLine.FindAllStringSubmatch(logs, -1) {
		var ev events.DynamoDBEvent
		if err := json.Unmarshal([]byte(m[1]), &ev); err != nil {
			t.Fatalf("event line is not an events.DynamoDBEvent: %v\n%s", err, m[1])
		}
		var raw struct {
			Records []map[string]json.RawMessage
		}
		if err := json.Unmarshal([]byte(m[1]), &raw); err != nil || len(raw.Records) != len(ev.Records) {
			t.Fatalf("event line: %v\n%s", err, m[1])
		}
		for i, r := range ev.Records {
			var change map[string]json.RawMessage
			_ = json.Unmarshal(raw.Records[i]["dynamodb"], &change)
			out = append(out, record{DynamoDBEventRecord: r, keys: sortedKeys(raw.Records[i]), changeKeys: sortedKeys(change)})
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func sameIDs(a, b []record) bool {
	ids := func(rs []record) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.EventID)
		}
		return out
	}
	return slices.Equal(ids(a), ids(b))
}

var (
	hex32      = regexp.MustCompile(`^[0-9a-f]{32}$`)
	digits     = regexp.MustCompile(`^[0-9]{1,40}$`)
	recordKeys = []string{"awsRegion", "dynamodb", "eventID", "eventName", "eventSource", "eventSourceARN", "eventVersion"}
)

// checkSeedRecords checks the INSERT of {id-1, name-1} and its MODIFY to
// name-2, field by field against the seed's payload.
func checkSeedRecords(t *testing.T, recs []record, streamARN string, w writes) {
	t.Helper()
	if !regexp.MustCompile(`^arn:aws:dynamodb:` + region + `:\d{12}:table/` + table + `/stream/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$`).MatchString(streamARN) {
		t.Errorf("stream ARN %q does not look like AWS's", streamARN)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records in the logs, want the INSERT and the MODIFY: %+v", len(recs), recs)
	}
	item1 := map[string]string{"id": "id-1", "name": "name-1"}
	item2 := map[string]string{"id": "id-1", "name": "name-2"}
	want := []struct {
		name          string
		newImg, old   map[string]string
		changeKeys    []string
		wantSizeBytes int64
	}{
		{"INSERT", item1, nil, []string{"ApproximateCreationDateTime", "Keys", "NewImage", "SequenceNumber", "SizeBytes", "StreamViewType"}, 0},
		{"MODIFY", item2, item1, []string{"ApproximateCreationDateTime", "Keys", "NewImage", "OldImage", "SequenceNumber", "SizeBytes", "StreamViewType"}, 0},
	}
	for i, r := range recs {
		wt := want[i]
		c := r.Change
		if !slices.Equal(r.keys, recordKeys) || !slices.Equal(r.changeKeys, wt.changeKeys) {
			t.Errorf("%s fields %v / dynamodb %v, want %v / %v", wt.name, r.keys, r.changeKeys, recordKeys, wt.changeKeys)
		}
		check := func(field string, got, want any) {
			if got != want {
				t.Errorf("%s %s = %v, want %v", wt.name, field, got, want)
			}
		}
		check("eventName", r.EventName, wt.name)
		check("eventVersion", r.EventVersion, "1.1")
		check("eventSource", r.EventSource, "aws:dynamodb")
		check("awsRegion", r.AWSRegion, region)
		check("eventSourceARN", r.EventSourceArn, streamARN)
		check("StreamViewType", c.StreamViewType, "NEW_AND_OLD_IMAGES")
		if !hex32.MatchString(r.EventID) {
			t.Errorf("%s eventID %q is not 32 hex digits", wt.name, r.EventID)
		}
		if at := c.ApproximateCreationDateTime.Unix(); at < w.start.Unix() || at > w.end.Unix() {
			t.Errorf("%s ApproximateCreationDateTime %d outside the writes' span [%d, %d]", wt.name, at, w.start.Unix(), w.end.Unix())
		}
		if !digits.MatchString(c.SequenceNumber) {
			t.Errorf("%s SequenceNumber %q", wt.name, c.SequenceNumber)
		}
		checkImage(t, wt.name+" Keys", c.Keys, map[string]string{"id": "id-1"})
		checkImage(t, wt.name+" NewImage", c.NewImage, wt.newImg)
		checkImage(t, wt.name+" OldImage", c.OldImage, wt.old)
		size := itemSize(c.Keys) + itemSize(c.NewImage) + itemSize(c.OldImage)
		check("SizeBytes", c.SizeBytes, size)
	}
	if recs[0].EventID == recs[1].EventID {
		t.Errorf("both records have eventID %s", recs[0].EventID)
	}
	a, _ := new(big.Int).SetString(recs[0].Change.SequenceNumber, 10)
	b, _ := new(big.Int).SetString(recs[1].Change.SequenceNumber, 10)
	if a == nil || b == nil || a.Cmp(b) >= 0 {
		t.Errorf("SequenceNumbers %s, %s do not increase", recs[0].Change.SequenceNumber, recs[1].Change.SequenceNumber)
	}
	// 22 and 38 by the formula: the spec's values for this item.
	if recs[0].Change.SizeBytes != 22 || recs[1].Change.SizeBytes != 38 {
		t.Errorf("SizeBytes %d, %d; want 22, 38", recs[0].Change.SizeBytes, recs[1].Change.SizeBytes)
	}
}

// checkImage compares an image of string attributes.
func checkImage(t *testing.T, what string, got map[string]events.DynamoDBAttributeValue, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
		return
	}
	for k, v := range want {
		a, ok := got[k]
		if !ok || a.DataType() != events.DataTypeString || a.String() != v {
			t.Errorf("%s[%s] = %v, want S %q", what, k, got[k], v)
		}
	}
}

// itemSize is DynamoDB's item size (spec A7): the attribute names plus
// their values' sizes.
func itemSize(item map[string]events.DynamoDBAttributeValue) int64 {
	var n int64
	for name, v := range item {
		n += int64(len(name)) + valueSize(v)
	}
	return n
}

func valueSize(v events.DynamoDBAttributeValue) int64 {
	switch v.DataType() {
	case events.DataTypeString:
		return int64(len(v.String()))
	case events.DataTypeNumber:
		d := strings.TrimLeft(strings.ReplaceAll(strings.TrimLeft(v.Number(), "-+"), ".", ""), "0")
		d = strings.TrimRight(d, "0")
		return int64((len(d)+1)/2 + 1)
	case events.DataTypeBinary:
		return int64(len(v.Binary()))
	case events.DataTypeBoolean, events.DataTypeNull:
		return 1
	case events.DataTypeMap:
		n := int64(3)
		for k, e := range v.Map() {
			n += 1 + int64(len(k)) + valueSize(e)
		}
		return n
	case events.DataTypeList:
		n := int64(3)
		for _, e := range v.List() {
			n += 1 + valueSize(e)
		}
		return n
	}
	return 0
}
