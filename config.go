package jets

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ConfigFile is the name of an app's configuration file, at its root.
const ConfigFile = "jets.json"

// Defaults applied when the configuration leaves a value unset.
const (
	DefaultEnv            = "dev"
	DefaultRegion         = "us-east-1"
	DefaultSeparator      = "-"
	DefaultTimeoutSeconds = 30
	// DefaultMemorySize is AWS Lambda's own default, in MB.
	DefaultMemorySize = 128
)

// Config is an app's configuration. Apps usually keep it in jets.json at
// their root (see ParseConfig); code may also set it with Configure.
// The environment overrides it: JETS_ENV sets Env, AWS_REGION (or
// AWS_DEFAULT_REGION) sets Region.
type Config struct {
	// Project is the project name, the first part of every namespace.
	Project string `json:"project"`
	// Env is the environment, default "dev".
	Env string `json:"env,omitempty"`
	// Region is the AWS region used in ARNs, default "us-east-1".
	Region string `json:"region,omitempty"`
	// Function holds app-wide defaults for every function.
	Function FunctionConfig `json:"function,omitzero"`
	// Events configures event sources.
	Events EventsConfig `json:"events,omitzero"`
}

// FunctionConfig holds app-wide function defaults; a job or a method can
// override them with Timeout and MemorySize.
type FunctionConfig struct {
	// Timeout in seconds, default 30.
	Timeout int `json:"timeout,omitempty"`
	// MemorySize in MB, default 128.
	MemorySize int `json:"memory_size,omitempty"`
}

// EventsConfig configures event sources (Ruby Jets' config.events).
type EventsConfig struct {
	DynamoDB DynamoDBConfig `json:"dynamodb,omitzero"`
}

// DynamoDBConfig configures DynamoDB stream events
// (config.events.dynamodb in Ruby Jets).
type DynamoDBConfig struct {
	// TableNamespace decides the prefix of table names; the zero value
	// prefixes them with the namespace (<project>-<env>).
	TableNamespace TableNamespace `json:"table_namespace,omitzero"`
	// TableNamespaceSeparator joins the prefix and the table name;
	// empty means "-".
	TableNamespaceSeparator string `json:"table_namespace_separator,omitempty"`
}

// TableNamespace is config.events.dynamodb.table_namespace: true (the zero
// value: the namespace is the prefix), a string (that prefix), or false
// (no prefix). In JSON it is written exactly so: true, "prefix" or false.
type TableNamespace struct {
	// Disabled turns prefixing off (table_namespace = false).
	Disabled bool
	// Prefix replaces the namespace as the prefix when not empty.
	Prefix string
}

// MarshalJSON writes true, false or the prefix string.
func (n TableNamespace) MarshalJSON() ([]byte, error) {
	switch {
	case n.Disabled:
		return []byte("false"), nil
	case n.Prefix != "":
		return json.Marshal(n.Prefix)
	default:
		return []byte("true"), nil
	}
}

// UnmarshalJSON reads true, false, null or a prefix string.
func (n *TableNamespace) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch string(data) {
	case "true", "null":
		*n = TableNamespace{}
		return nil
	case "false":
		*n = TableNamespace{Disabled: true}
		return nil
	}
	var prefix string
	if err := json.Unmarshal(data, &prefix); err != nil {
		return fmt.Errorf("table_namespace must be true, false or a prefix string, not %s", data)
	}
	*n = TableNamespace{Prefix: prefix}
	return nil
}

// ParseConfig decodes a jets.json document. Unknown fields are errors, so
// typos surface.
func ParseConfig(data []byte) (Config, error) {
	var cfg Config
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return Config{}, fmt.Errorf("parse jets config: %w", err)
	}
	return cfg, nil
}

// LoadConfig reads the jets.json of the app at appDir, as ParseConfig
// decodes it; the error wraps fs.ErrNotExist when there is none.
func LoadConfig(appDir string) (Config, error) {
	path := filepath.Join(appDir, ConfigFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("load jets config: %w", err)
	}
	cfg, err := ParseConfig(data)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// Resolve returns the configuration with the environment's overrides
// (getenv is os.Getenv in production) and the defaults applied, and
// checks it.
func (c Config) Resolve(getenv func(string) string) (Config, error) {
	if v := getenv("JETS_ENV"); v != "" {
		c.Env = v
	}
	if v := firstNonEmpty(getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION")); v != "" {
		c.Region = v
	}
	c.Env = firstNonEmpty(c.Env, DefaultEnv)
	c.Region = firstNonEmpty(c.Region, DefaultRegion)
	if c.Function.Timeout == 0 {
		c.Function.Timeout = DefaultTimeoutSeconds
	}
	if c.Function.MemorySize == 0 {
		c.Function.MemorySize = DefaultMemorySize
	}
	if c.Events.DynamoDB.TableNamespaceSeparator == "" {
		c.Events.DynamoDB.TableNamespaceSeparator = DefaultSeparator
	}
	return c, c.validate()
}

func (c Config) validate() error {
	errs := []error{
		validateProject(c.Project),
		validateEnv(c.Env),
		validateRegion(c.Region),
		validateTimeout(c.Function.Timeout),
		validateMemorySize(c.Function.MemorySize),
	}
	if ns := c.Events.DynamoDB.TableNamespace; ns.Disabled && ns.Prefix != "" {
		errs = append(errs, errors.New("events.dynamodb.table_namespace: set either Disabled or Prefix, not both"))
	}
	return errors.Join(errs...)
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
