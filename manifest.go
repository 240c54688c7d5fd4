package jets

import (
	"errors"
	"fmt"
	"strconv"
)

// ManifestVersion is the version of the manifest's JSON schema. It changes
// only when a field changes meaning or goes away; new fields may be added
// within a version.
const ManifestVersion = 1

// Manifest describes an app for the jets CLI: its names, its functions,
// their event sources and IAM statements. The app prints it as JSON when
// run with the argument "manifest" or with JETS_MANIFEST=1.
type Manifest struct {
	ManifestVersion int                `json:"manifestVersion"`
	Project         string             `json:"project"`
	Env             string             `json:"env"`
	Namespace       string             `json:"namespace"`
	Region          string             `json:"region"`
	Functions       []ManifestFunction `json:"functions"`
}

// ManifestFunction is one Lambda function: one job method.
type ManifestFunction struct {
	// Name is the short name, e.g. "clerk_job-file" (jets logs -n).
	Name string `json:"name"`
	// FunctionName is the deployed name, e.g. "demo-dev-clerk_job-file".
	FunctionName string `json:"functionName"`
	Job          string `json:"job"`
	Method       string `json:"method"`
	// LogicalID is a CloudFormation logical ID prefix, e.g. "ClerkJobFile".
	LogicalID string `json:"logicalId"`
	LogGroup  string `json:"logGroup"`
	// Handler is the handler kind: HandlerDynamoDB, HandlerDynamoDBBatch
	// or HandlerDynamoDBWindow.
	Handler string `json:"handler"`
	// Timeout in seconds.
	Timeout int `json:"timeout"`
	// MemorySize in MB.
	MemorySize    int                   `json:"memorySize"`
	EventSources  []ManifestEventSource `json:"eventSources"`
	IAMStatements []IAMStatement        `json:"iamStatements"`
}

// ManifestEventSource is one event source mapping of a function.
type ManifestEventSource struct {
	// LogicalID is unique in the app, e.g. "ClerkJobFileEventSourceMapping"
	// (then "…2", "…3" for a function's further sources).
	LogicalID string `json:"logicalId"`
	// Type is EventSourceTypeDynamoDB.
	Type string `json:"type"`
	// Table is the table (or ARN) as written in code.
	Table string `json:"table"`
	// TableName is the real table name: namespaced, or taken from the ARN.
	TableName string `json:"tableName"`
	// StreamARN is set when the code gives a stream ARN; otherwise the
	// CLI resolves the table's LatestStreamArn.
	StreamARN string `json:"streamArn,omitempty"`
	// Properties are the EventSourceMapping properties set in code, plus
	// StartingPosition (TRIM_HORIZON unless set). Unset ones take AWS's
	// defaults: see EventSourceProperties.WithDefaults.
	Properties EventSourceProperties `json:"properties"`
}

// Function returns the manifest's function with the given short or
// deployed name.
func (m Manifest) Function(name string) (ManifestFunction, bool) {
	for _, f := range m.Functions {
		if f.Name == name || f.FunctionName == name {
			return f, true
		}
	}
	return ManifestFunction{}, false
}

// Manifest builds the app's manifest with the environment's overrides
// (getenv is os.Getenv in production). The error joins every problem
// found while declaring jobs and resolving names.
func (a *App) Manifest(getenv func(string) string) (Manifest, error) {
	cfg, err := a.Config().Resolve(getenv)
	if err != nil {
		return Manifest{}, fmt.Errorf("jets config: %w", err)
	}
	m := Manifest{
		ManifestVersion: ManifestVersion,
		Project:         cfg.Project,
		Env:             cfg.Env,
		Namespace:       cfg.Namespace(),
		Region:          cfg.Region,
		Functions:       []ManifestFunction{},
	}
	errs := flatten(a.Err())
	ids := map[string]string{} // logical ID → Job#method
	for _, fn := range a.functions() {
		mf, err := fn.manifest(cfg)
		if other, taken := ids[mf.LogicalID]; taken {
			err = errors.Join(err, fmt.Errorf("logical ID %s is taken by %s: rename the method", mf.LogicalID, other))
		}
		ids[mf.LogicalID] = fn.id()
		for _, e := range flatten(err) {
			errs = append(errs, fmt.Errorf("%s: %w", fn.id(), e))
		}
		if err == nil {
			m.Functions = append(m.Functions, mf)
		}
	}
	return m, errors.Join(errs...)
}

func (f *function) manifest(cfg Config) (ManifestFunction, error) {
	mf := ManifestFunction{
		Name:         f.shortName(),
		FunctionName: cfg.FunctionName(f.shortName()),
		Job:          f.job,
		Method:       f.method,
		LogicalID:    logicalID(f.job, f.method),
		Handler:      f.kind,
		Timeout:      orDefault(f.spec.timeout, cfg.Function.Timeout),
		MemorySize:   orDefault(f.spec.memory, cfg.Function.MemorySize),
		EventSources: []ManifestEventSource{},
	}
	mf.LogGroup = LogGroup(mf.FunctionName)
	if n := len(mf.FunctionName); n > MaxFunctionNameLength {
		return mf, fmt.Errorf("function name %s is %d characters; AWS Lambda allows %d: shorten the project, job or method name",
			mf.FunctionName, n, MaxFunctionNameLength)
	}
	targets, err := f.resolveSources(cfg, &mf)
	if err != nil {
		return mf, err
	}
	mf.IAMStatements = f.iamStatements(cfg, mf.FunctionName, targets)
	return mf, nil
}

// resolveSources fills mf.EventSources and returns the resolved targets.
func (f *function) resolveSources(cfg Config, mf *ManifestFunction) ([]dynamoTarget, error) {
	var targets []dynamoTarget
	var errs []error
	seen := map[string]bool{}
	for i, src := range f.spec.sources {
		t, err := resolveDynamoTarget(cfg, src.table)
		if err != nil {
			errs = append(errs, fmt.Errorf("dynamodb event %q: %w", src.table, err))
			continue
		}
		if seen[t.streamResource] {
			errs = append(errs, fmt.Errorf("dynamodb event %q: the function is already bound to this stream (AWS allows one mapping per stream and function)", src.table))
			continue
		}
		seen[t.streamResource] = true
		targets = append(targets, t)
		props := src.props
		if props.StartingPosition == "" {
			props.StartingPosition = TrimHorizon
		}
		mf.EventSources = append(mf.EventSources, ManifestEventSource{
			LogicalID:  mf.LogicalID + "EventSourceMapping" + counter(i),
			Type:       EventSourceTypeDynamoDB,
			Table:      src.table,
			TableName:  t.tableName,
			StreamARN:  t.streamARN,
			Properties: props,
		})
	}
	return targets, errors.Join(errs...)
}

// counter numbers the second and later sources of a function.
func counter(i int) string {
	if i == 0 {
		return ""
	}
	return strconv.Itoa(i + 1)
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
