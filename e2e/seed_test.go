package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

const table = "demo-dev-test-table"

// The seed end to end, as a user types it: jets new demo; jets generate
// job clerk --type dynamodb --name file; jets dev; the AWS CLI creates the
// existing table without a stream, enables the stream as jets dev says,
// puts an item and modifies it; jets logs shows the INSERT and MODIFY
// events with every field of the seed's payload.
func TestSeedNewApp(t *testing.T) {
	t.Parallel()
	bin := jets(t)
	env := userEnv(t)
	parent := t.TempDir()
	out, _ := runCmd(t, parent, env, bin, "new", "demo")
	for _, want := range []string{"cd demo", "jets generate job clerk --type dynamodb --name file", "jets dev"} {
		if !strings.Contains(out, want) {
			t.Errorf("jets new does not say %q:\n%s", want, out)
		}
	}
	dir := filepath.Join(parent, "demo")
	out, _ = runCmd(t, dir, env, bin, "generate", "job", "clerk", "--type", "dynamodb", "--name", "file")
	if !strings.Contains(out, "wrote app/jobs/clerk_job.go") {
		t.Errorf("jets generate job:\n%s", out)
	}
	// The seed's table already exists: jets dev must not create it.
	if err := os.Remove(filepath.Join(dir, "db", "tables", "test-table.json")); err != nil {
		t.Fatal(err)
	}
	runSeed(t, dir, env, seedOptions{createTable: true})
}

// The same flow for the repository's examples/demo, where jets dev creates
// test-table from db/tables.
func TestSeedExamplesDemo(t *testing.T) {
	t.Parallel()
	env := userEnv(t)
	dir := filepath.Join(t.TempDir(), "demo")
	copyApp(t, filepath.Join(repoRoot, "examples", "demo"), dir)
	runSeed(t, dir, env, seedOptions{updateItem: true})
}

type seedOptions struct {
	// createTable: the table is "existing": the user creates it, without a
	// stream, with the AWS CLI; otherwise jets dev creates it.
	createTable bool
	// updateItem modifies the item with update-item rather than a put.
	updateItem bool
}

var devBanner = regexp.MustCompile(`(?m)^jets dev: DynamoDB \+ DynamoDB Streams on (http://127\.0\.0\.1:\d+) \(data: in memory\)$`)

func runSeed(t *testing.T, dir string, env []string, opts seedOptions) {
	bin := jets(t)
	began := time.Now()
	dev := start(t, dir, env, bin, "dev", "--port", "0", "--in-memory")
	endpoint := dev.waitFor(devBanner, 30*time.Second)[1]
	aws := newAWSCLI(t, env, endpoint)
	quote := regexp.QuoteMeta

	if opts.createTable {
		dev.waitFor(regexp.MustCompile(quote("jets dev: clerk_job-file is waiting: table "+table+" does not exist")), 2*time.Minute)
		created := aws.run("dynamodb", "create-table", "--table-name", table,
			"--attribute-definitions", "AttributeName=id,AttributeType=S",
			"--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST")
		if arn, _ := dig(created, "TableDescription", "TableArn").(string); !regexp.MustCompile(`^arn:aws:dynamodb:` + region + `:\d{12}:table/` + table + `$`).MatchString(arn) {
			t.Errorf("TableArn %q", arn)
		}
		if s := dig(created, "TableDescription", "LatestStreamArn"); s != nil {
			t.Errorf("a table created without a stream has LatestStreamArn %v", s)
		}
	} else {
		dev.waitFor(regexp.MustCompile(quote("jets dev: created table "+table+" (from db/tables/test-table.json)")), 30*time.Second)
	}
	// jets dev says exactly what to run, and keeps running.
	dev.waitFor(regexp.MustCompile(`(?m)^`+quote("  aws dynamodb update-table --endpoint-url "+endpoint+" --table-name "+table+
		" --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES")+`$`), 2*time.Minute)
	dev.running()
	t.Logf("jets dev ready for the stream after %v", time.Since(began).Round(time.Millisecond))

	follow := start(t, dir, env, bin, "logs", "-f", "-n", "clerk_job-file")
	follow.waitForStderr(regexp.MustCompile(quote("Tailing logs for /aws/lambda/demo-dev-clerk_job-file")), 10*time.Second)

	updated := aws.run("dynamodb", "update-table", "--table-name", table,
		"--stream-specification", "StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES")
	streamARN, _ := dig(updated, "TableDescription", "LatestStreamArn").(string)
	dev.waitFor(regexp.MustCompile(quote("jets dev: clerk_job-file ← stream of "+table+" ("+streamARN+")")), 30*time.Second)
	dev.waitFor(regexp.MustCompile(quote(`jets dev: try: aws dynamodb put-item --endpoint-url `+endpoint+` --table-name `+table+
		` --item '{"id": {"S": "id-1"}, "name": {"S": "name-1"}}'`)), 30*time.Second)

	w := writes{start: time.Now()}
	aws.run("dynamodb", "put-item", "--table-name", table, "--item", `{"id": {"S": "id-1"}, "name": {"S": "name-1"}}`)
	if opts.updateItem {
		aws.run("dynamodb", "update-item", "--table-name", table, "--key", `{"id": {"S": "id-1"}}`,
			"--update-expression", "SET #n = :n", "--expression-attribute-names", `{"#n": "name"}`,
			"--expression-attribute-values", `{":n": {"S": "name-2"}}`)
	} else {
		aws.run("dynamodb", "put-item", "--table-name", table, "--item", `{"id": {"S": "id-1"}, "name": {"S": "name-2"}}`)
	}
	w.end = time.Now()
	described := aws.run("dynamodb", "describe-table", "--table-name", table)
	if latest, _ := dig(described, "Table", "LatestStreamArn").(string); latest != streamARN {
		t.Errorf("describe-table LatestStreamArn %q, update-table said %q", latest, streamARN)
	}

	// jets logs -f sees both events arrive; jets dev echoes them.
	follow.waitFor(regexp.MustCompile(`UTC event \{.*"eventName":"MODIFY"`), 30*time.Second)
	dev.waitFor(regexp.MustCompile(`(?m)^\[clerk_job-file\] event \{.*"eventName":"MODIFY"`), 10*time.Second)
	t.Logf("INSERT and MODIFY in the logs %v after the first put-item", time.Since(w.start).Round(time.Millisecond))

	// jets logs (no -f), as the seed has the user read it.
	logs, stderr := runCmd(t, dir, env, bin, "logs", "-n", "clerk_job-file")
	if !strings.HasPrefix(stderr, "Showing logs for /aws/lambda/demo-dev-clerk_job-file") {
		t.Errorf("jets logs stderr: %q", stderr)
	}
	recs := parseEventLines(t, logs)
	checkSeedRecords(t, recs, streamARN, w)
	if followed := parseEventLines(t, follow.stdout.String()); !sameIDs(followed, recs) {
		t.Errorf("jets logs -f saw %d records, jets logs %d", len(followed), len(recs))
	}
	if !strings.Contains(logs, "REPORT RequestId: ") || !strings.Contains(logs, "START RequestId: ") {
		t.Errorf("no START/REPORT lines:\n%s", logs)
	}

	// Other processes find this jets dev: replay its stream through it; and
	// jets db create sees the table that is there.
	out, _ := runCmd(t, dir, env, bin, "replay", "-n", "clerk_job-file", "--from", "1h")
	if !strings.HasPrefix(out, "re-sent 2 record(s) in 1 batch(es) to clerk_job-file") {
		t.Errorf("jets replay: %s", out)
	}
	follow.waitFor(regexp.MustCompile(`(?s)(UTC event .*){3}`), 30*time.Second)
	if !opts.createTable {
		out, _ = runCmd(t, dir, env, bin, "db", "create", "--endpoint-url", endpoint)
		if !strings.Contains(out, table+" already exists (db/tables/test-table.json)") {
			t.Errorf("jets db create: %s", out)
		}
	}

	follow.interrupt(10 * time.Second)
	stopDev(t, dev, filepath.Join(dir, ".jets", "build", "demo"))
}

// stopDev checks that the app's function processes run, sends jets dev
// SIGINT, and checks it exits 0 and leaves none behind.
func stopDev(t *testing.T, dev *proc, binary string) {
	t.Helper()
	if len(processesOf(binary)) == 0 {
		t.Errorf("no function process runs %s before Ctrl-C", binary)
	}
	stopped := time.Now()
	dev.interrupt(30 * time.Second)
	t.Logf("jets dev exited %v after SIGINT", time.Since(stopped).Round(time.Millisecond))
	waitNoProcesses(t, binary, 10*time.Second)
}

// copyApp copies an app to dst, without its local state, and points its
// go.mod's replace line at this repository.
func copyApp(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() && rel == ".jets" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() || rel == "demo" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "go.mod" {
			data = regexp.MustCompile(`(?m)^replace github\.com/gojets/jets => .*$`).
				ReplaceAll(data, []byte("replace github.com/gojets/jets => "+repoRoot))
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if mod, _ := os.ReadFile(filepath.Join(dst, "go.mod")); !strings.Contains(string(mod), "=> "+repoRoot) {
		t.Fatalf("go.mod replace line not rewritten:\n%s", mod)
	}
}
