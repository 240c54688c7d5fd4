package lambdart

import (
	"os"
	"sort"
	"strconv"
)

// defaultPath is PATH on provided.al2023, used when jets has none.
const defaultPath = "/usr/local/bin:/usr/bin/:/bin:/opt/bin"

// environ builds a process's environment as Lambda gives it: nothing of
// jets's own environment leaks in (no AWS_PROFILE, no real credentials)
// except PATH. fn.Env overrides.
func environ(fn Function, runtimeAPI, stream string) []string {
	path := os.Getenv("PATH")
	if path == "" {
		path = defaultPath
	}
	env := map[string]string{
		"PATH":                            path,
		"LANG":                            "en_US.UTF-8",
		"TZ":                              ":UTC",
		"_HANDLER":                        fn.Handler,
		"LAMBDA_TASK_ROOT":                fn.Dir,
		"AWS_LAMBDA_RUNTIME_API":          runtimeAPI,
		"AWS_LAMBDA_FUNCTION_NAME":        fn.Name,
		"AWS_LAMBDA_FUNCTION_VERSION":     "$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": strconv.Itoa(fn.MemoryMB),
		"AWS_LAMBDA_LOG_GROUP_NAME":       "/aws/lambda/" + fn.Name,
		"AWS_LAMBDA_LOG_STREAM_NAME":      stream,
		"AWS_LAMBDA_INITIALIZATION_TYPE":  "on-demand",
		"AWS_REGION":                      fn.Region,
		"AWS_DEFAULT_REGION":              fn.Region,
		"AWS_ACCESS_KEY_ID":               "AKIAJETSLOCAL0000000",
		"AWS_SECRET_ACCESS_KEY":           "jets-local-secret-access-key-not-a-real-one",
		"AWS_SESSION_TOKEN":               "jets-local-session-token",
	}
	for k, v := range fn.Env {
		env[k] = v
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, k+"="+env[k])
	}
	return out
}
