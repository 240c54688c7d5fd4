package expr

import (
	"encoding/json"
	"errors"
	"regexp"
	"testing"

	"github.com/gojets/jets/ddb"
)

// item decodes an item from DynamoDB's JSON form.
func item(t testing.TB, js string) ddb.Item {
	t.Helper()
	if js == "" {
		return nil
	}
	var it ddb.Item
	if err := json.Unmarshal([]byte(js), &it); err != nil {
		t.Fatalf("bad item %s: %v", js, err)
	}
	return it
}

// values decodes ExpressionAttributeValues from JSON.
func values(t testing.TB, js string) map[string]ddb.Value {
	t.Helper()
	if js == "" {
		return nil
	}
	var m map[string]ddb.Value
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatalf("bad values %s: %v", js, err)
	}
	return m
}

// names decodes ExpressionAttributeNames from JSON.
func names(t testing.TB, js string) map[string]string {
	t.Helper()
	if js == "" {
		return nil
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatalf("bad names %s: %v", js, err)
	}
	return m
}

// validationMessage returns the message of a ValidationException, failing
// the test for any other error.
func validationMessage(t testing.TB, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *ddb.Error
	if !errors.As(err, &e) || e.Code != ddb.CodeValidation {
		t.Fatalf("error %v (%T) is not a ValidationException", err, err)
	}
	return e.Message
}

func mustCompile(t testing.TB, r Request) *Compiled {
	t.Helper()
	c, err := Compile(r)
	if err != nil {
		t.Fatalf("compile %+v: %v", r, err)
	}
	return c
}

func itemJSON(it ddb.Item) string {
	if it == nil {
		return "null"
	}
	return string(it.AppendJSON(nil))
}

var (
	valueRef = regexp.MustCompile(`:[A-Za-z0-9_]+`)
	nameRef  = regexp.MustCompile(`#[A-Za-z0-9_]+`)
)

// withPlaceholders fills r's Names and Values with the entries of the given
// JSON maps that r's expressions use, so that none is unused.
func withPlaceholders(t testing.TB, r Request, valuesJSON, namesJSON string) Request {
	t.Helper()
	text := r.Condition + " " + r.Update + " " + r.Projection + " " + r.KeyCondition + " " + r.Filter
	if all := values(t, valuesJSON); all != nil {
		for _, ref := range valueRef.FindAllString(text, -1) {
			if v, ok := all[ref]; ok {
				if r.Values == nil {
					r.Values = map[string]ddb.Value{}
				}
				r.Values[ref] = v
			}
		}
	}
	if all := names(t, namesJSON); all != nil {
		for _, ref := range nameRef.FindAllString(text, -1) {
			if v, ok := all[ref]; ok {
				if r.Names == nil {
					r.Names = map[string]string{}
				}
				r.Names[ref] = v
			}
		}
	}
	return r
}

func mustItem(js string) ddb.Item {
	var it ddb.Item
	if err := json.Unmarshal([]byte(js), &it); err != nil {
		panic(err)
	}
	return it
}
