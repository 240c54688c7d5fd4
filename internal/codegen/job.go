package codegen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gojets/jets"
)

// Job types. Only DynamoDB exists so far; the others are Ruby Jets' names,
// answered with "not supported yet".
const TypeDynamoDB = "dynamodb"

var laterTypes = []string{"iot", "kinesis", "log", "rule", "s3", "scheduled", "sns", "sqs"}

// DefaultMethod is the method name when none is given (Ruby Jets' default).
const DefaultMethod = "perform"

// DefaultTable is the table a new DynamoDB job is bound to, as in the seed.
const DefaultTable = "test-table"

// JobOptions describe `jets generate job NAME --type TYPE --name METHOD`.
type JobOptions struct {
	// Name is the job's name: "clerk", "Clerk", "clerk_job", "ClerkJob" and
	// "clerk-job" all make ClerkJob in app/jobs/clerk_job.go.
	Name string
	// Type is the trigger type; "" means TypeDynamoDB, the only one so far.
	Type string
	// Method is the method name ("file", "fileRecords", "file-records");
	// default DefaultMethod.
	Method string
	// Table is the table the method is bound to; default DefaultTable.
	Table string
	// Force overwrites an existing file.
	Force bool
	// Getenv reads JETS_ENV and AWS_REGION for the table-name comment;
	// default os.Getenv.
	Getenv func(string) string
}

// jobData is what the job templates see.
type jobData struct {
	Type, Method, GoMethod, Table, TableName, Function string
}

var (
	rawNamePattern   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
	snakeNamePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
)

// GenerateJob writes app/jobs/<name>_job.go into the app at appDir, which
// must hold the jets.json of `jets new`. The table comment shows the table's
// real name, computed from jets.json and JETS_ENV. It returns the paths
// written.
func GenerateJob(appDir string, opts JobOptions) ([]string, error) {
	if err := checkType(opts.Type); err != nil {
		return nil, err
	}
	base, err := jobBaseName(opts.Name)
	if err != nil {
		return nil, err
	}
	method, err := methodName(firstNonEmpty(opts.Method, DefaultMethod))
	if err != nil {
		return nil, err
	}
	cfg, err := readAppConfig(appDir, opts.Getenv)
	if err != nil {
		return nil, err
	}
	typeName := jets.CamelCase(base) + "Job"
	table := firstNonEmpty(opts.Table, DefaultTable)
	data := jobData{
		Type: typeName, Method: method, GoMethod: jets.CamelCase(method),
		Table: table, TableName: cfg.TableName(table), Function: jets.ShortName(typeName, method),
	}
	out, err := render("job/dynamodb.go.tmpl", "app/jobs/"+jets.SnakeCase(typeName)+".go", data)
	if err != nil {
		return nil, err
	}
	return writeOutputs(appDir, []output{out}, opts.Force)
}

func checkType(typ string) error {
	switch {
	case typ == "" || typ == TypeDynamoDB:
		return nil
	case slices.Contains(laterTypes, typ):
		return fmt.Errorf("job type %q is not supported yet; supported types: %s", typ, TypeDynamoDB)
	}
	return fmt.Errorf("unknown job type %q; supported types: %s", typ, TypeDynamoDB)
}

// jobBaseName normalizes a job name to snake_case without the _job
// suffix: "ClerkJob" → "clerk".
func jobBaseName(name string) (string, error) {
	if name == "" {
		return "", errors.New("a job name is required (e.g. clerk)")
	}
	if !rawNamePattern.MatchString(name) {
		return "", fmt.Errorf("job name %q is invalid: use letters, digits, '_' or '-', starting with a letter (e.g. clerk)", name)
	}
	base := jets.SnakeCase(name)
	if base == "job" {
		return "", fmt.Errorf("job name %q is invalid: give the job a name before its Job suffix (e.g. clerk)", name)
	}
	base = strings.TrimSuffix(base, "_job")
	if !snakeNamePattern.MatchString(base) {
		return "", fmt.Errorf("job name %q is invalid: separate words with a single '_' or '-' (e.g. data_sync)", name)
	}
	// Round-trip through the type name, so that the file and the
	// function names agree: "sync_2" becomes "sync2".
	return jets.SnakeCase(jets.CamelCase(base)), nil
}

// methodName normalizes a method name to snake_case: "fileRecords" →
// "file_records".
func methodName(name string) (string, error) {
	if !rawNamePattern.MatchString(name) {
		return "", fmt.Errorf("method name %q is invalid: use letters, digits, '_' or '-', starting with a letter (e.g. file)", name)
	}
	m := jets.SnakeCase(name)
	if !snakeNamePattern.MatchString(m) {
		return "", fmt.Errorf("method name %q is invalid: separate words with a single '_' or '-' (e.g. file_records)", name)
	}
	return jets.SnakeCase(jets.CamelCase(m)), nil
}

// readAppConfig reads and resolves the app's jets.json.
func readAppConfig(appDir string, getenv func(string) string) (jets.Config, error) {
	cfg, err := jets.LoadConfig(appDir)
	if errors.Is(err, fs.ErrNotExist) {
		return jets.Config{}, fmt.Errorf("no %s in %s: run this inside an app made by `jets new`", jets.ConfigFile, appDir)
	}
	if err != nil {
		return jets.Config{}, err
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg, err = cfg.Resolve(getenv)
	if err != nil {
		return jets.Config{}, fmt.Errorf("%s: %w", filepath.Join(appDir, jets.ConfigFile), err)
	}
	return cfg, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
