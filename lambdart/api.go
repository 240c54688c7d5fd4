package lambdart

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"
)

// The Runtime API, version 2018-06-01, as Lambda serves it to a runtime.
const apiPrefix = "/2018-06-01/runtime"

// Limits of synchronous invocation payloads.
const (
	maxRequest  = 6 * 1024 * 1024
	maxResponse = 6 * 1024 * 1024
)

func (p *process) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+apiPrefix+"/invocation/next", p.next)
	mux.HandleFunc("POST "+apiPrefix+"/invocation/{id}/response", p.response)
	mux.HandleFunc("POST "+apiPrefix+"/invocation/{id}/error", p.invocationError)
	mux.HandleFunc("POST "+apiPrefix+"/init/error", p.initError)
	return mux
}

// apiError answers with the Runtime API's error document.
func apiError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(errorDoc{ErrorMessage: msg, ErrorType: typ})
}

func accepted(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusAccepted)
	_, _ = io.WriteString(w, `{"status":"OK"}`)
}

// next ends the previous invocation (END, REPORT), then blocks until an
// invocation is handed to this process.
func (p *process) next(w http.ResponseWriter, r *http.Request) {
	p.endCurrent()
	p.readyOnce.Do(func() {
		p.mu.Lock()
		p.readyAt = time.Now()
		p.mu.Unlock()
		close(p.ready)
	})
	select {
	case inv := <-p.invokeCh:
		p.dispatch(w, inv)
	case <-r.Context().Done():
	}
}

// endCurrent logs END and REPORT for the invocation the process has just
// finished; one it never answered fails.
func (p *process) endCurrent() {
	p.mu.Lock()
	defer p.mu.Unlock()
	inv := p.cur
	if inv == nil {
		return
	}
	p.cur = nil
	msg := "RequestId: " + inv.id + " Error: the runtime asked for the next invocation without answering this one"
	if inv.finish(functionError(inv.id, errNoAnswer, msg)) {
		inv.status, inv.errType = "error", errNoAnswer
	}
	p.cap.mark(p.endLines(inv, peakRSSKB(p.cmd.Process.Pid))...)
}

// dispatch hands inv to the runtime: START, the deadline, the event.
func (p *process) dispatch(w http.ResponseWriter, inv *invocation) {
	p.mu.Lock()
	if p.dead {
		p.mu.Unlock()
		inv.finish(functionError(inv.id, errExit, exitMessage(inv.id, p.status)))
		return
	}
	p.cur = inv
	inv.start = time.Now()
	inv.deadline = inv.start.Add(p.fn.Timeout)
	inv.timer = time.AfterFunc(p.fn.Timeout, func() { p.timeout(inv) })
	p.cap.mark(startLine(inv.id))
	p.mu.Unlock()

	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Lambda-Runtime-Aws-Request-Id", inv.id)
	h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(inv.deadline.UnixMilli(), 10))
	h.Set("Lambda-Runtime-Invoked-Function-Arn", p.fn.ARN(p.account))
	h.Set("Lambda-Runtime-Trace-Id", inv.trace)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(inv.payload)
}

// timeout fails inv once its deadline passes, and kills the process.
func (p *process) timeout(inv *invocation) {
	p.mu.Lock()
	msg := timeoutMessage(time.Now(), inv.id, p.fn.Timeout)
	if p.cur != inv || !inv.finish(functionError(inv.id, errTimeout, msg)) {
		p.mu.Unlock()
		return
	}
	inv.status = "timeout"
	p.mu.Unlock()
	p.kill("timeout")
}

// current returns the invocation with this id if the process is running it
// and it has no result yet.
func (p *process) current(id string) *invocation {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == nil || p.cur.id != id || p.cur.finished() {
		return nil
	}
	return p.cur
}

func (p *process) response(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	body, err := io.ReadAll(io.LimitReader(r.Body, maxResponse+1))
	if err != nil {
		apiError(w, http.StatusBadRequest, "InvalidRequest", err.Error())
		return
	}
	inv := p.current(id)
	if inv == nil {
		apiError(w, http.StatusBadRequest, "InvalidRequestID", "Invalid request ID")
		return
	}
	if len(body) > maxResponse {
		msg := "Response payload size exceeded maximum allowed payload size (" + strconv.Itoa(maxResponse) + " bytes)."
		inv.finish(functionError(id, errTooLarge, msg))
		apiError(w, http.StatusRequestEntityTooLarge, errTooLarge, msg)
		return
	}
	inv.finish(Result{Payload: body})
	accepted(w)
}

func (p *process) invocationError(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	body, err := io.ReadAll(io.LimitReader(r.Body, maxResponse))
	if err != nil {
		apiError(w, http.StatusBadRequest, "InvalidRequest", err.Error())
		return
	}
	inv := p.current(id)
	if inv == nil {
		apiError(w, http.StatusBadRequest, "InvalidRequestID", "Invalid request ID")
		return
	}
	inv.finish(postedError(id, body, r.Header.Get("Lambda-Runtime-Function-Error-Type")))
	accepted(w)
}

// initError records the error a runtime reports when it cannot start; the
// waiting invocation fails with it, and the process is replaced.
func (p *process) initError(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxResponse))
	if err != nil {
		apiError(w, http.StatusBadRequest, "InvalidRequest", err.Error())
		return
	}
	res := postedError("", body, r.Header.Get("Lambda-Runtime-Function-Error-Type"))
	p.mu.Lock()
	p.initErr = &res
	p.mu.Unlock()
	accepted(w)
	go p.kill("init")
}
