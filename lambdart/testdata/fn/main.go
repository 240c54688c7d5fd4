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
//	{"action":"wait","dir":d,…}       prints lines, sleeps ms, creates d/<touch>, waits until
//	                                  d/<until> exists and d holds n files, prints lines again;
//	                                  returns its pid and start and end times (Unix ns)
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
	"path/filepath"
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
	Dir     string   `json:"dir,omitempty"`
	Touch   string   `json:"touch,omitempty"`
	Until   string   `json:"until,omitempty"`
	N       int      `json:"n,omitempty"`
}

type response struct {
	Echo      any               `json:"echo,omitempty"`
	Env       map[string]string `json:"env,omitempty"`
	RequestID string            `json:"requestId,omitempty"`
	Slept     int               `json:"slept,omitempty"`
	PID       int               `json:"pid,omitempty"`
	Start     int64             `json:"start,omitempty"`
	End       int64             `json:"end,omitempty"`
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
	case "wait":
		return wait(req)
	}
	return response{}, fmt.Errorf("unknown action %q", req.Action)
}

// wait is the "wait" action: it lets a test hold invocations inside the
// handler and see which ran at the same time.
func wait(req request) (response, error) {
	start := time.Now()
	for _, l := range req.Lines {
		fmt.Println(l)
	}
	time.Sleep(time.Duration(req.MS) * time.Millisecond)
	if req.Touch != "" {
		if err := os.WriteFile(filepath.Join(req.Dir, req.Touch), nil, 0o644); err != nil {
			return response{}, err
		}
	}
	for !ready(req) {
		time.Sleep(time.Millisecond)
	}
	for _, l := range req.Lines {
		fmt.Println(l)
	}
	return response{PID: os.Getpid(), Start: start.UnixNano(), End: time.Now().UnixNano()}, nil
}

func ready(req request) bool {
	if req.Until != "" {
		if _, err := os.Stat(filepath.Join(req.Dir, req.Until)); err != nil {
			return false
		}
	}
	if req.N > 0 {
		entries, err := os.ReadDir(req.Dir)
		return err == nil && len(entries) >= req.N
	}
	return true
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
