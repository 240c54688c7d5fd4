package stream

import (
	"bytes"
	"encoding/json"
)

// outcome is what one invocation of a batch came to.
type outcome struct {
	ok bool
	// failedFrom is, for a partial failure, the index of the first record
	// to retry; 0 with ok false means the whole batch failed.
	failedFrom int
	// funcErr is "Unhandled" for a function error, "" for a failure that a
	// partial batch response reported.
	funcErr string
}

// classify reads an invocation's result as Lambda does. Without
// ReportBatchItemFailures any response is success. With it, the five
// success forms ([] null {} {"batchItemFailures":[]} {"batchItemFailures":null})
// succeed; identifiers that are empty, null, of the wrong member or not in
// the batch fail the whole batch; otherwise the batch resumes from the
// lowest reported sequence number.
func classify(res Result, batch []entry, reportFailures bool) outcome {
	if res.FunctionError != "" {
		return outcome{funcErr: "Unhandled"}
	}
	if !reportFailures {
		return outcome{ok: true}
	}
	p := bytes.TrimSpace(res.Payload)
	if len(p) == 0 || p[0] != '{' {
		return outcome{ok: true} // null, [], or a non-object: success
	}
	var resp struct {
		BatchItemFailures []map[string]json.RawMessage `json:"batchItemFailures"`
	}
	if err := json.Unmarshal(p, &resp); err != nil {
		return outcome{} // a malformed response fails the batch
	}
	if len(resp.BatchItemFailures) == 0 {
		return outcome{ok: true}
	}
	index := make(map[string]int, len(batch))
	for i, e := range batch {
		index[e.rec.Dynamodb.SequenceNumber] = i
	}
	lowest := len(batch)
	for _, f := range resp.BatchItemFailures {
		raw, ok := f["itemIdentifier"]
		var id string
		if !ok || json.Unmarshal(raw, &id) != nil || id == "" {
			return outcome{}
		}
		i, ok := index[id]
		if !ok {
			return outcome{}
		}
		lowest = min(lowest, i)
	}
	return outcome{failedFrom: lowest}
}
