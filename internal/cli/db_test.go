package cli

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// isolateAWS keeps the SDK away from the user's AWS configuration.
func isolateAWS(t *testing.T, region string) {
	t.Helper()
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty, "AWS_PROFILE": "",
		"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "",
		"AWS_REGION": region, "AWS_DEFAULT_REGION": "", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_DYNAMODB": "",
		"AWS_EC2_METADATA_DISABLED": "true",
	} {
		t.Setenv(k, v)
	}
}

func TestDBCreate(t *testing.T) {
	dir := newTestApp(t)
	isolateAWS(t, "us-west-2")
	extra := `{"TableName":"orders","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],` +
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],` +
		`"BillingMode":"PAY_PER_REQUEST","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}}`
	if err := os.WriteFile(filepath.Join(dir, "db", "tables", "orders.json"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, ServerOptions{Port: 0, InMemory: true})

	r := run(t, "-C", dir, "db", "create", "--endpoint-url", srv.url).must(t)
	for _, want := range []string{
		"on " + srv.url + " (region us-west-2)",
		"demo-dev-orders created (db/tables/orders.json)",
		"demo-dev-test-table created (db/tables/test-table.json)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	code, body := post(t, srv.url, "DynamoDB_20120810.DescribeTable", `{"TableName":"demo-dev-orders"}`)
	if code != http.StatusOK || !strings.Contains(body, `"StreamViewType":"NEW_IMAGE"`) || !strings.Contains(body, `"KeyType":"RANGE"`) {
		t.Errorf("DescribeTable demo-dev-orders = %d %s", code, body)
	}

	// Again, with the endpoint from the environment as the SDK reads it.
	t.Setenv("AWS_ENDPOINT_URL", srv.url)
	r = run(t, "-C", dir, "db", "create").must(t)
	for _, want := range []string{"demo-dev-orders already exists", "demo-dev-test-table already exists"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}

	// JETS_ENV changes the namespace.
	t.Setenv("JETS_ENV", "prod")
	run(t, "-C", dir, "db", "create").must(t)
	if code, body := post(t, srv.url, "DynamoDB_20120810.DescribeTable", `{"TableName":"demo-prod-test-table"}`); code != http.StatusOK {
		t.Errorf("DescribeTable demo-prod-test-table = %d %s", code, body)
	}
}

func TestDBCreateErrors(t *testing.T) {
	dir := newTestApp(t)
	isolateAWS(t, "us-east-1")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	run(t, "-C", dir, "db", "create", "--endpoint-url", closed).fails(t, 1,
		"create table demo-dev-test-table: nothing listens at "+closed, "start jets dev")

	bad := filepath.Join(dir, "db", "tables", "bad.json")
	if err := os.WriteFile(bad, []byte(`{"TableName":"x","KeySchemas":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "-C", dir, "db", "create", "--endpoint-url", closed).fails(t, 1, "db/tables/bad.json", `unknown field "KeySchemas"`)
	if err := os.RemoveAll(filepath.Join(dir, "db")); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "-C", dir, "db", "create").must(t); !strings.Contains(r.stdout, "no tables to create") {
		t.Errorf("no db/tables: %s", r.stdout)
	}
	run(t, "-C", dir, "db").fails(t, 2, "jets db create")
}
