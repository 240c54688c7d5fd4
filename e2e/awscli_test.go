package e2e

import (
	"encoding/json"
	"os/exec"
	"testing"
)

// awsCLI runs the real AWS CLI as a user would, with --endpoint-url.
type awsCLI struct {
	t        *testing.T
	path     string
	env      []string
	endpoint string
}

func newAWSCLI(t *testing.T, env []string, endpoint string) *awsCLI {
	t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		t.Skipf("the AWS CLI (aws) is not on PATH: %v", err)
	}
	return &awsCLI{t: t, path: path, env: env, endpoint: endpoint}
}

// run runs `aws args… --endpoint-url URL` and decodes its JSON output.
func (c *awsCLI) run(args ...string) map[string]any {
	c.t.Helper()
	stdout, _ := runCmd(c.t, c.t.TempDir(), c.env, c.path, append(args, "--endpoint-url", c.endpoint, "--output", "json")...)
	if stdout == "" {
		return nil
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		c.t.Fatalf("aws %v: output is not JSON: %v\n%s", args, err, stdout)
	}
	return out
}

// dig walks decoded JSON: dig(m, "Table", "LatestStreamArn").
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}
