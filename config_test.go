package jets

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		in   string
		want Config
	}{
		{`{"project":"demo"}`, Config{Project: "demo"}},
		{`{"project":"demo","events":{"dynamodb":{"table_namespace":true}}}`, Config{Project: "demo"}},
		{`{"project":"demo","events":{"dynamodb":{"table_namespace":false}}}`,
			Config{Project: "demo", Events: EventsConfig{DynamoDB: DynamoDBConfig{TableNamespace: TableNamespace{Disabled: true}}}}},
		{`{"project":"demo","events":{"dynamodb":{"table_namespace":"shared","table_namespace_separator":"_"}}}`,
			Config{Project: "demo", Events: EventsConfig{DynamoDB: DynamoDBConfig{TableNamespace: TableNamespace{Prefix: "shared"}, TableNamespaceSeparator: "_"}}}},
		{`{"project":"demo","env":"prod","region":"eu-west-1","function":{"timeout":60,"memory_size":512}}`,
			Config{Project: "demo", Env: "prod", Region: "eu-west-1", Function: FunctionConfig{Timeout: 60, MemorySize: 512}}},
	}
	for _, tt := range tests {
		got, err := ParseConfig([]byte(tt.in))
		if err != nil {
			t.Errorf("ParseConfig(%s): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseConfig(%s) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseConfigErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{"projet":"demo"}`: `unknown field "projet"`,
		`{"project":"demo","events":{"dynamodb":{"table_namespace":1}}}`: "table_namespace must be true, false or a prefix string, not 1",
		`[`: "parse jets config",
	} {
		_, err := ParseConfig([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseConfig(%s) error %v, want %q", in, err, want)
		}
	}
}

func TestConfigJSONRoundTrip(t *testing.T) {
	for _, ns := range []TableNamespace{{}, {Disabled: true}, {Prefix: "p"}} {
		cfg := Config{Project: "demo", Events: EventsConfig{DynamoDB: DynamoDBConfig{TableNamespace: ns}}}
		data, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseConfig(data)
		if err != nil {
			t.Fatalf("parse %s: %v", data, err)
		}
		if diff := cmp.Diff(cfg, got); diff != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", data, diff)
		}
	}
	data, _ := json.Marshal(Config{Project: "demo"})
	if string(data) != `{"project":"demo"}` {
		t.Errorf("minimal config marshals to %s", data)
	}
}

func TestResolveDefaultsAndOverrides(t *testing.T) {
	got := resolved(t, Config{Project: "demo", Region: "eu-west-1"}, map[string]string{"AWS_DEFAULT_REGION": "ap-south-1"})
	want := Config{Project: "demo", Env: "dev", Region: "ap-south-1",
		Function: FunctionConfig{Timeout: 30, MemorySize: 128},
		Events:   EventsConfig{DynamoDB: DynamoDBConfig{TableNamespaceSeparator: "-"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Resolve (-want +got):\n%s", diff)
	}
	got = resolved(t, Config{Project: "demo"}, map[string]string{"AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "ap-south-1"})
	if got.Region != "us-west-2" {
		t.Errorf("AWS_REGION should win, got %q", got.Region)
	}
}

func TestResolveErrors(t *testing.T) {
	_, err := Config{Project: "demo", Function: FunctionConfig{Timeout: 1000, MemorySize: 64},
		Events: EventsConfig{DynamoDB: DynamoDBConfig{TableNamespace: TableNamespace{Disabled: true, Prefix: "x"}}}}.
		Resolve(func(string) string { return "" })
	for _, want := range []string{
		"timeout 1000s: AWS Lambda allows 1 to 900 seconds",
		"memory size 64 MB: AWS Lambda allows 128 to 10240 MB",
		"set either Disabled or Prefix, not both",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Resolve error %v, want %q", err, want)
		}
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadConfig(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing jets.json: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(`{"project":"demo","env":"qa"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(dir)
	if err != nil || cfg.Project != "demo" || cfg.Env != "qa" {
		t.Errorf("LoadConfig = %+v, %v", cfg, err)
	}
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(`{"project":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(dir); err == nil || !strings.Contains(err.Error(), "jets.json: parse jets config") {
		t.Errorf("bad jets.json: %v", err)
	}
}
