package jets

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/lambda"
)

// Start runs the app; call it at the end of main, after the jobs are
// declared. It never returns.
//
//   - Under AWS Lambda (AWS_LAMBDA_RUNTIME_API is set; `jets dev` sets it
//     too) it serves the function named by AWS_LAMBDA_FUNCTION_NAME
//     (deployed or short name) with aws-lambda-go: one binary holds all
//     the app's functions.
//   - With the argument "manifest", or JETS_MANIFEST=1, it prints the
//     app's Manifest as JSON and exits 0.
//
// If the app is invalid (a bad name, handler or option; see App.Err) it
// prints every problem to stderr and exits 1.
func Start() {
	os.Exit(defaultApp.Main(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// Main is Start without the exit: it returns the exit status, or does not
// return while it serves a Lambda function.
func (a *App) Main(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	switch {
	case getenv("JETS_MANIFEST") == "1" || len(args) > 0 && args[0] == "manifest":
		return a.printManifest(getenv, stdout, stderr)
	case getenv("AWS_LAMBDA_RUNTIME_API") != "":
		return a.serve(getenv, stderr)
	}
	fmt.Fprintf(stderr, "This is a jets app: `jets dev` runs it locally, `jets deploy` on AWS Lambda.\n"+
		"Run it with the argument \"manifest\" to print its functions and event sources as JSON.\n")
	return 2
}

func (a *App) printManifest(getenv func(string) string, stdout, stderr io.Writer) int {
	m, err := a.Manifest(getenv)
	if err != nil {
		reportInvalid(stderr, err)
		return 1
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		fmt.Fprintf(stderr, "jets: encode manifest: %v\n", err)
		return 1
	}
	if _, err := fmt.Fprintf(stdout, "%s\n", data); err != nil {
		fmt.Fprintf(stderr, "jets: write manifest: %v\n", err)
		return 1
	}
	return 0
}

func (a *App) serve(getenv func(string) string, stderr io.Writer) int {
	name := getenv("AWS_LAMBDA_FUNCTION_NAME")
	fn, err := a.lookup(name, getenv)
	if err != nil {
		reportInvalid(stderr, err)
		return 1
	}
	start := a.startLambda
	if start == nil {
		start = lambda.Start
	}
	start(fn.handler)
	return 0
}

// lookup finds a function by its short or deployed name, after checking
// the whole app.
func (a *App) lookup(name string, getenv func(string) string) (*function, error) {
	m, err := a.Manifest(getenv)
	if err != nil {
		return nil, err
	}
	if name == "" {
		return nil, fmt.Errorf("AWS_LAMBDA_FUNCTION_NAME is not set; %s", known(m))
	}
	mf, ok := m.Function(name)
	if !ok {
		mf, ok = otherEnvFunction(m, name)
	}
	if !ok {
		return nil, fmt.Errorf("unknown function %q; %s", name, known(m))
	}
	for _, fn := range a.functions() {
		if fn.shortName() == mf.Name {
			return fn, nil
		}
	}
	return nil, fmt.Errorf("function %q vanished", name)
}

// otherEnvFunction finds the function deployed as name under another env
// than the one this process resolved (JETS_ENV unset on the function):
// "<project>-<env>-<short name>", when exactly one function fits.
func otherEnvFunction(m Manifest, name string) (ManifestFunction, bool) {
	var found []ManifestFunction
	for _, f := range m.Functions {
		if strings.HasPrefix(name, m.Project+"-") && strings.HasSuffix(name, "-"+f.Name) &&
			len(name) > len(m.Project)+len(f.Name)+2 {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		return ManifestFunction{}, false
	}
	return found[0], true
}

func known(m Manifest) string {
	if len(m.Functions) == 0 {
		return "this app declares no functions (jets generate job …)"
	}
	names := make([]string, len(m.Functions))
	for i, f := range m.Functions {
		names[i] = f.Name + " (" + f.FunctionName + ")"
	}
	return "this app has: " + strings.Join(names, ", ")
}

func reportInvalid(w io.Writer, err error) {
	lines := strings.Split(err.Error(), "\n")
	fmt.Fprintf(w, "jets: the app is invalid:\n")
	for _, l := range lines {
		fmt.Fprintf(w, "  %s\n", l)
	}
}

// Invoke runs the named function (short or deployed name) in process with
// a JSON payload, exactly as aws-lambda-go would under Lambda, and returns
// its JSON response. Tests and embedders use it.
func (a *App) Invoke(ctx context.Context, name string, payload []byte) ([]byte, error) {
	fn, err := a.lookup(name, os.Getenv)
	if err != nil {
		return nil, err
	}
	return lambda.NewHandler(fn.handler).Invoke(ctx, payload)
}
