package lambdart

import (
	"fmt"
	"path/filepath"
	"time"
)

// Lambda's defaults for a function's configuration.
const (
	DefaultTimeout  = 30 * time.Second
	DefaultMemoryMB = 128
	DefaultRegion   = "us-east-1"
	DefaultHandler  = "bootstrap"
	// DefaultAccountID goes into function ARNs, as in the engine's ARNs.
	DefaultAccountID = "000000000000"
	// DefaultInitTimeout bounds how long a new process may take to ask for
	// its first invocation (Lambda's init phase limit).
	DefaultInitTimeout = 10 * time.Second
	// DefaultMaxConcurrency is how many execution environments a function
	// may run at once unless it says otherwise.
	DefaultMaxConcurrency = 10
	// DefaultIdleTimeout is how long an execution environment may stay
	// idle before it is stopped (Lambda reclaims idle environments too).
	DefaultIdleTimeout = 5 * time.Minute
)

// Function is one function of the user's app: which binary to run, and the
// configuration Lambda would give it.
type Function struct {
	// Name is the deployed name, e.g. demo-dev-clerk_job-file. It names the
	// log file and AWS_LAMBDA_FUNCTION_NAME.
	Name string
	// ShortName is the name inside the app, e.g. clerk_job-file. Invoke and
	// the other methods accept it as well as Name. Optional.
	ShortName string
	// Binary is the program to run (the user's app, built) and Args its
	// arguments.
	Binary string
	Args   []string
	// Dir is the working directory and LAMBDA_TASK_ROOT; default the
	// binary's directory.
	Dir string
	// Env holds extra variables (e.g. AWS_ENDPOINT_URL); they override the
	// ones Lambda sets.
	Env map[string]string
	// Handler is _HANDLER; default "bootstrap", as for provided.al2023.
	Handler string
	// Timeout is the invocation timeout; default 30 s.
	Timeout time.Duration
	// MemoryMB is the configured memory size; default 128. It is reported,
	// not enforced.
	MemoryMB int
	// Region is AWS_REGION; default us-east-1.
	Region string
	// MaxConcurrency caps the function's execution environments (processes)
	// running at once, like Lambda's reserved concurrency: an invocation that
	// finds every environment busy starts a new one up to this many, then
	// waits, in arrival order, for the first to become free. Default 10; 1
	// runs one invocation at a time.
	MaxConcurrency int
}

// withDefaults returns fn with its zero fields set to Lambda's defaults.
func (fn Function) withDefaults() Function {
	if fn.Timeout <= 0 {
		fn.Timeout = DefaultTimeout
	}
	if fn.MemoryMB <= 0 {
		fn.MemoryMB = DefaultMemoryMB
	}
	if fn.MaxConcurrency == 0 {
		fn.MaxConcurrency = DefaultMaxConcurrency
	}
	if fn.Region == "" {
		fn.Region = DefaultRegion
	}
	if fn.Handler == "" {
		fn.Handler = DefaultHandler
	}
	if fn.Dir == "" && fn.Binary != "" {
		fn.Dir = filepath.Dir(fn.Binary)
	}
	return fn
}

func (fn Function) validate() error {
	if fn.Name == "" {
		return fmt.Errorf("function has no name")
	}
	if fn.Binary == "" {
		return fmt.Errorf("function %s has no binary", fn.Name)
	}
	if fn.MaxConcurrency < 0 {
		return fmt.Errorf("function %s: max concurrency %d is negative", fn.Name, fn.MaxConcurrency)
	}
	return nil
}

// ARN returns the function's ARN in the given account.
func (fn Function) ARN(account string) string {
	return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", fn.Region, account, fn.Name)
}
