package jets

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// MaxFunctionNameLength is AWS Lambda's limit on FunctionName.
const MaxFunctionNameLength = 64

var (
	projectPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)
	envPattern     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]*$`)
	regionPattern  = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	jobPattern     = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	methodPattern  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	tablePattern   = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,255}$`)
)

// Namespace is "<project>-<env>", the prefix of every deployed name.
func (c Config) Namespace() string {
	return c.Project + "-" + c.Env
}

// TableName applies the table namespace to a table name written in code:
// with the default configuration "test-table" becomes
// "demo-dev-test-table". A DynamoDB ARN is returned unchanged.
func (c Config) TableName(name string) string {
	if isARN(name) {
		return name
	}
	ns := c.Events.DynamoDB.TableNamespace
	sep := firstNonEmpty(c.Events.DynamoDB.TableNamespaceSeparator, DefaultSeparator)
	switch {
	case ns.Disabled:
		return name
	case ns.Prefix != "":
		return ns.Prefix + sep + name
	default:
		return c.Namespace() + sep + name
	}
}

// FunctionName is the deployed function name: namespace + "-" + short
// name, e.g. "demo-dev-clerk_job-file".
func (c Config) FunctionName(short string) string {
	return c.Namespace() + "-" + short
}

// LogGroup is the CloudWatch log group of a deployed function.
func LogGroup(functionName string) string {
	return "/aws/lambda/" + functionName
}

// ShortName is a function's short name: the job type in snake_case, "-",
// the method, e.g. ShortName("ClerkJob", "file") == "clerk_job-file".
func ShortName(job, method string) string {
	return SnakeCase(job) + "-" + method
}

// SnakeCase converts a Go or Ruby type name to snake_case the way Rails'
// String#underscore does: "ClerkJob" → "clerk_job", "HTTPSyncJob" →
// "http_sync_job"; hyphens become underscores.
func SnakeCase(s string) string {
	rs := []rune(strings.ReplaceAll(s, "-", "_"))
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && wordBreak(rs, i) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// wordBreak reports whether an underscore goes before the upper-case rune
// rs[i]: after a lower-case letter or digit ("clerkJob"), or at the last
// capital of an acronym that starts a word ("HTTPSync").
func wordBreak(rs []rune, i int) bool {
	prev := rs[i-1]
	if unicode.IsLower(prev) || unicode.IsDigit(prev) {
		return true
	}
	return unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
}

// CamelCase converts snake_case or kebab-case to CamelCase:
// "file_records" → "FileRecords".
func CamelCase(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		if r == '_' || r == '-' {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// logicalID is a CloudFormation logical ID for a job's method, the way
// Ruby Jets builds it: ClerkJob#file → "ClerkJobFile".
func logicalID(job, method string) string {
	return CamelCase(job) + CamelCase(method)
}

func validateProject(p string) error {
	if p == "" {
		return fmt.Errorf("project name is empty: set \"project\" in jets.json or Config.Project")
	}
	if !projectPattern.MatchString(p) {
		return fmt.Errorf("project name %q is invalid: use letters, digits and hyphens, starting with a letter", p)
	}
	return nil
}

func validateEnv(e string) error {
	if !envPattern.MatchString(e) {
		return fmt.Errorf("env %q (JETS_ENV) is invalid: use letters, digits and hyphens", e)
	}
	return nil
}

func validateRegion(r string) error {
	if !regionPattern.MatchString(r) {
		return fmt.Errorf("region %q (AWS_REGION) is invalid: use an AWS region name such as us-east-1", r)
	}
	return nil
}

func validateJobName(name string) error {
	if !jobPattern.MatchString(name) {
		return fmt.Errorf("job name %q is invalid: it must start with a letter and hold only letters, digits and underscores (e.g. ClerkJob)", name)
	}
	return nil
}

func validateMethodName(name string) error {
	if !methodPattern.MatchString(name) {
		return fmt.Errorf("method name %q is invalid: it must start with a letter and hold only letters, digits and underscores (e.g. file)", name)
	}
	return nil
}

func validateTableName(name string) error {
	if !tablePattern.MatchString(name) {
		return fmt.Errorf("table name %q is invalid: DynamoDB table names are 3 to 255 characters of letters, digits, '_', '-' and '.'", name)
	}
	return nil
}
