// Command fn is the test function of package lambdart: a plain aws-lambda-go
// program whose behaviour the payload chooses.
//
//	{"action":"echo","data":…}        returns {"echo":data,"env":{…}}
//	{"action":"error","message":"m"}  returns an error
//	{"action":"panic","message":"m"}  panics (lambda.Start reports it, then exits)
//	{"action":"sleep","ms":n}         sleeps n ms, then returns {"slept":n}
//	{"action":"exit","code":n}        os.Exit(n) mid-invocation
//	{"action":"print","lines":[…]}    prints each line (stdout, stderr alternately)
//	{"action":"spawn"}                starts a child (this binary, "child") and returns its pid
//	{"action":"pid"}                  returns this process's pid
//
// Run as "fn child" it blocks forever (the orphan a process group kill must
// reap). FN_INIT_PRINT, if set, is printed before lambda.Start; FN_INIT_EXIT,
// if set, is the code it exits with instead of starting.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
)

type request struct {
	Action  string   `json:"action"`
	Data    any      `json:"data,omitempty"`
	Message string   `json:"message,omitempty"`
	MS      int      `json:"ms,omitempty"`
	Code    int      `json:"code,omitempty"`
	Lines   []string `json:"lines,omitempty"`
}

type response struct {
	Echo      any               `json:"echo,omitempty"`
	Env       map[string]string `json:"env,omitempty"`
	RequestID string            `json:"requestId,omitempty"`
	Slept     int               `json:"slept,omitempty"`
	PID       int               `json:"pid,omitempty"`
}

var envNames = []string{
	"AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
	"AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_REGION", "AWS_DEFAULT_REGION",
	"_HANDLER", "LAMBDA_TASK_ROOT", "AWS_ACCESS_KEY_ID", "TZ", "AWS_ENDPOINT_URL", "JETS_TEST_LEAK", "AWS_PROFILE",
}

func handle(ctx context.Context, req request) (response, error) {
	switch req.Action {
	case "echo":
		env := map[string]string{}
		for _, n := range envNames {
			if v, ok := os.LookupEnv(n); ok {
				env[n] = v
			}
		}
		lc, _ := lambdacontext.FromContext(ctx)
		return response{Echo: req.Data, Env: env, RequestID: lc.AwsRequestID}, nil
	case "error":
		return response{}, errors.New(req.Message)
	case "panic":
		panic(req.Message)
	case "sleep":
		time.Sleep(time.Duration(req.MS) * time.Millisecond)
		return response{Slept: req.MS}, nil
	case "exit":
		fmt.Println("exiting")
		os.Exit(req.Code)
	case "print":
		for i, l := range req.Lines {
			if i%2 == 0 {
				fmt.Println(l)
			} else {
				fmt.Fprintln(os.Stderr, l)
			}
		}
		return response{}, nil
	case "spawn":
		self, err := os.Executable()
		if err != nil {
			return response{}, err
		}
		cmd := exec.Command(self, "child")
		if err := cmd.Start(); err != nil {
			return response{}, err
		}
		return response{PID: cmd.Process.Pid}, nil
	case "pid":
		return response{PID: os.Getpid()}, nil
	}
	return response{}, fmt.Errorf("unknown action %q", req.Action)
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		select {}
	}
	if s := os.Getenv("FN_INIT_PRINT"); s != "" {
		fmt.Println(s)
	}
	if s := os.Getenv("FN_INIT_EXIT"); s != "" {
		code, _ := strconv.Atoi(s)
		fmt.Fprintln(os.Stderr, "init failed")
		os.Exit(code)
	}
	lambda.Start(handle)
}
