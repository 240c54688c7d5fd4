package ddbtest

import (
	"bytes"
	"encoding/json"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// awsCLI runs the real AWS CLI against one endpoint, isolated from the
// user's ~/.aws and AWS_* environment.
type awsCLI struct {
	t        *testing.T
	path     string
	endpoint string
	env      []string
}

func newAWSCLI(t *testing.T, endpoint, region string) *awsCLI {
	t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		t.Skipf("the AWS CLI (aws) is not on PATH: %v", err)
	}
	dir := t.TempDir()
	cfg, creds := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	for _, f := range []string{cfg, creds} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}
	env = append(env,
		"AWS_ACCESS_KEY_ID=AKIDJETSCLITEST", "AWS_SECRET_ACCESS_KEY=jets-cli-test-secret",
		"AWS_DEFAULT_REGION="+region, "AWS_CONFIG_FILE="+cfg, "AWS_SHARED_CREDENTIALS_FILE="+creds,
		"AWS_PAGER=", "AWS_EC2_METADATA_DISABLED=true")
	return &awsCLI{t: t, path: path, endpoint: endpoint, env: env}
}

// run runs `aws <args…> --endpoint-url … --output json` and decodes its
// JSON output (nil if there is none).
func (c *awsCLI) run(args ...string) map[string]any {
	c.t.Helper()
	cmd := exec.Command(c.path, append(args, "--endpoint-url", c.endpoint, "--output", "json")...)
	cmd.Env = c.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		c.t.Fatalf("aws %s: %v\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	if strings.TrimSpace(stdout.String()) == "" {
		return nil
	}
	var out map[string]any
	dec := json.NewDecoder(&stdout)
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		c.t.Fatalf("aws %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, stdout.String())
	}
	return out
}

// path digs into decoded JSON: path(m, "Table", "LatestStreamArn").
func path(v any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func str(v any) string { s, _ := v.(string); return s }

// TestSeedCommandsWithAWSCLI runs the seed's commands with the real AWS
// CLI against a real `jets server` and checks the stream records have
// every field of the seed's event payload, with correct values.
func TestSeedCommandsWithAWSCLI(t *testing.T) {
	t.Parallel()
	const region, table = "us-west-2", "demo-dev-test-table"
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skipf("the AWS CLI (aws) is not on PATH: %v", err)
	}
	p := StartJets(t, "--data-dir", filepath.Join(t.TempDir(), "data"))
	aws := newAWSCLI(t, p.URL, region)
	start := time.Now()

	created := aws.run("dynamodb", "create-table", "--table-name", table,
		"--attribute-definitions", "AttributeName=id,AttributeType=S",
		"--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST")
	if arn := str(path(created, "TableDescription", "TableArn")); !regexp.MustCompile(`^arn:aws:dynamodb:us-west-2:\d{12}:table/` + table + `$`).MatchString(arn) {
		t.Errorf("TableArn %q, want region us-west-2 from the CLI's signature", arn)
	}
	if path(created, "TableDescription", "LatestStreamArn") != nil {
		t.Errorf("table created without a stream has LatestStreamArn %v", path(created, "TableDescription", "LatestStreamArn"))
	}

	// The seed's commands, as written.
	upd := aws.run("dynamodb", "update-table", "--table-name", table, "--stream-specification",
		"StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES")
	streamArn := str(path(upd, "TableDescription", "LatestStreamArn"))
	arnRE := regexp.MustCompile(`^arn:aws:dynamodb:us-west-2:\d{12}:table/` + table + `/stream/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$`)
	if !arnRE.MatchString(streamArn) {
		t.Fatalf("update-table LatestStreamArn %q, want %s", streamArn, arnRE)
	}
	aws.run("dynamodb", "put-item", "--table-name", table, "--item", `{"id": {"S": "id-1"}, "name": {"S": "name-1"}}`)
	aws.run("dynamodb", "update-item", "--table-name", table, "--key", `{"id": {"S": "id-1"}}`,
		"--update-expression", "SET #n = :n", "--expression-attribute-names", `{"#n": "name"}`,
		"--expression-attribute-values", `{":n": {"S": "name-2"}}`)

	ds := aws.run("dynamodbstreams", "describe-stream", "--stream-arn", streamArn)
	if s := str(path(ds, "StreamDescription", "StreamStatus")); s != "ENABLED" {
		t.Errorf("describe-stream StreamStatus %q", s)
	}
	shardID := str(path(ds, "StreamDescription", "Shards", 0, "ShardId"))
	it := aws.run("dynamodbstreams", "get-shard-iterator", "--stream-arn", streamArn, "--shard-id", shardID,
		"--shard-iterator-type", "TRIM_HORIZON")
	iter := str(path(it, "ShardIterator"))
	var recs []any
	ok := Eventually(defaultWait, func() bool {
		out := aws.run("dynamodbstreams", "get-records", "--shard-iterator", iter)
		recs, _ = path(out, "Records").([]any)
		return len(recs) >= 2
	})
	if !ok || len(recs) != 2 {
		t.Fatalf("get-records: %d records, want 2 (INSERT, MODIFY): %v", len(recs), recs)
	}
	checkSeedRecord(t, recs[0], "INSERT", region, start, `{"id":{"S":"id-1"},"name":{"S":"name-1"}}`, "", 22)
	checkSeedRecord(t, recs[1], "MODIFY", region, start, `{"id":{"S":"id-1"},"name":{"S":"name-2"}}`,
		`{"id":{"S":"id-1"},"name":{"S":"name-1"}}`, 38)
	s0, _ := new(big.Int).SetString(str(path(recs[0], "dynamodb", "SequenceNumber")), 10)
	s1, _ := new(big.Int).SetString(str(path(recs[1], "dynamodb", "SequenceNumber")), 10)
	if s0 == nil || s1 == nil || s1.Cmp(s0) <= 0 {
		t.Errorf("SequenceNumbers %v then %v, want increasing", s0, s1)
	}
	if path(recs[0], "eventID") == path(recs[1], "eventID") {
		t.Errorf("both records have eventID %v", path(recs[0], "eventID"))
	}
}

// checkSeedRecord checks one GetRecords record, as the AWS CLI printed it,
// against the fields of the seed's event payload. SizeBytes: keys id:"id-1"
// (6) + images (16 each: id 6, name 10).
func checkSeedRecord(t *testing.T, rec any, event, region string, start time.Time, newImg, oldImg string, size int64) {
	t.Helper()
	want := map[string]string{"eventName": event, "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": region}
	for k, v := range want {
		if got := str(path(rec, k)); got != v {
			t.Errorf("%s record: %s = %q, want %q", event, k, got, v)
		}
	}
	if id := str(path(rec, "eventID")); !eventIDRE.MatchString(id) {
		t.Errorf("%s record: eventID %q, want 32 lowercase hex", event, id)
	}
	d, _ := path(rec, "dynamodb").(map[string]any)
	if d == nil {
		t.Fatalf("%s record has no dynamodb member: %v", event, rec)
	}
	checkCLITime(t, event, d["ApproximateCreationDateTime"], start)
	jsonEq(t, event+" Keys", d["Keys"], `{"id":{"S":"id-1"}}`)
	jsonEq(t, event+" NewImage", d["NewImage"], newImg)
	jsonEq(t, event+" OldImage", d["OldImage"], oldImg)
	if seq := str(d["SequenceNumber"]); !seqRE.MatchString(seq) {
		t.Errorf("%s record: SequenceNumber %q", event, seq)
	}
	if n, _ := d["SizeBytes"].(json.Number); n.String() != big.NewInt(size).String() {
		t.Errorf("%s record: SizeBytes %v, want %d", event, d["SizeBytes"], size)
	}
	if vt := str(d["StreamViewType"]); vt != "NEW_AND_OLD_IMAGES" {
		t.Errorf("%s record: StreamViewType %q", event, vt)
	}
}

// checkCLITime checks ApproximateCreationDateTime: whole epoch seconds
// near now (the CLI prints the wire number, or an ISO time if configured).
func checkCLITime(t *testing.T, event string, v any, start time.Time) {
	t.Helper()
	var ts time.Time
	switch v := v.(type) {
	case json.Number:
		f, err := v.Float64()
		if err != nil || f != float64(int64(f)) {
			t.Errorf("%s record: ApproximateCreationDateTime %v, want whole epoch seconds", event, v)
		}
		ts = time.Unix(int64(f), 0)
	case string:
		var err error
		if ts, err = time.Parse(time.RFC3339Nano, v); err != nil || ts.Nanosecond() != 0 {
			t.Errorf("%s record: ApproximateCreationDateTime %q, want whole seconds", event, v)
		}
	default:
		t.Errorf("%s record: ApproximateCreationDateTime %v (%T)", event, v, v)
		return
	}
	if ts.Before(start.Add(-time.Second).Truncate(time.Second)) || ts.After(time.Now()) {
		t.Errorf("%s record: ApproximateCreationDateTime %v, want between %v and now", event, ts, start)
	}
}

func jsonEq(t *testing.T, what string, got any, want string) {
	t.Helper()
	if want == "" {
		if got != nil {
			t.Errorf("%s = %v, want absent", what, got)
		}
		return
	}
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(w, got); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}
