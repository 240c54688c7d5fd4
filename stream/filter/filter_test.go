package filter

import (
	"errors"
	"fmt"
	"testing"
)

// A record as Lambda delivers it (spec B4), with N as a string and
// ApproximateCreationDateTime as a number.
const record = `{"eventID":"e1","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb",
"awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1718000000,
"Keys":{"id":{"S":"id-1"}},"NewImage":{"id":{"S":"id-1"},"name":{"S":"Hello World"},"n":{"N":"42"},
"tags":{"SS":["a","b"]},"flag":{"BOOL":true}},"SequenceNumber":"100","SizeBytes":30,"StreamViewType":"NEW_IMAGE"},
"eventSourceARN":"arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026-01-01T00:00:00.000"}`

const ttlRecord = `{"eventName":"REMOVE","eventSource":"aws:dynamodb","dynamodb":{"Keys":{"id":{"S":"x"}}},
"userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"}}`

func TestMatch(t *testing.T) {
	tests := []struct {
		name, pattern string
		want          bool
	}{
		{"eventName", `{"eventName":["INSERT"]}`, true},
		{"eventName other", `{"eventName":["MODIFY","REMOVE"]}`, false},
		{"eventName and source", `{"eventName":["INSERT"],"eventSource":["aws:dynamodb"]}`, true},
		{"with type descriptor", `{"dynamodb":{"NewImage":{"id":{"S":["id-1"]}}}}`, true},
		{"without type descriptor", `{"dynamodb":{"NewImage":{"id":["id-1"]}}}`, false},
		{"N is a string: numeric never matches", `{"dynamodb":{"NewImage":{"n":{"N":[{"numeric":[">",0]}]}}}}`, false},
		{"N equality as string", `{"dynamodb":{"NewImage":{"n":{"N":["42"]}}}}`, true},
		{"anything-but on N", `{"dynamodb":{"NewImage":{"n":{"N":[{"numeric":[">",100]},{"anything-but":"101"}]}}}}`, true},
		{"anything-but excludes", `{"dynamodb":{"NewImage":{"n":{"N":[{"anything-but":["42","43"]}]}}}}`, false},
		{"numeric on creation time", `{"dynamodb":{"ApproximateCreationDateTime":[{"numeric":[">",0]}]}}`, true},
		{"numeric range", `{"dynamodb":{"ApproximateCreationDateTime":[{"numeric":[">=",1718000000,"<",1718000001]}]}}`, true},
		{"numeric equal mismatch", `{"dynamodb":{"SizeBytes":[{"numeric":["=",31]}]}}`, false},
		{"exact number by text", `{"dynamodb":{"SizeBytes":[30]}}`, true},
		{"exact number text differs", `{"dynamodb":{"SizeBytes":[30.0]}}`, false},
		{"exists true on leaf", `{"dynamodb":{"NewImage":{"name":{"S":[{"exists":true}]}}}}`, true},
		{"exists false on missing leaf", `{"dynamodb":{"NewImage":{"nope":{"S":[{"exists":false}]}}}}`, true},
		{"exists true on missing", `{"dynamodb":{"NewImage":{"nope":{"S":[{"exists":true}]}}}}`, false},
		{"exists false on object is true (not a leaf)", `{"dynamodb":{"NewImage":{"name":[{"exists":false}]}}}`, true},
		{"exists true on object is false", `{"dynamodb":{"NewImage":{"name":[{"exists":true}]}}}`, false},
		{"prefix", `{"dynamodb":{"NewImage":{"name":{"S":[{"prefix":"Hello"}]}}}}`, true},
		{"prefix case", `{"dynamodb":{"NewImage":{"name":{"S":[{"prefix":"hello"}]}}}}`, false},
		{"prefix ignore case", `{"dynamodb":{"NewImage":{"name":{"S":[{"prefix":{"equals-ignore-case":"hello"}}]}}}}`, true},
		{"suffix", `{"dynamodb":{"NewImage":{"name":{"S":[{"suffix":"World"}]}}}}`, true},
		{"suffix ignore case", `{"dynamodb":{"NewImage":{"name":{"S":[{"suffix":{"equals-ignore-case":"WORLD"}}]}}}}`, true},
		{"equals-ignore-case", `{"dynamodb":{"NewImage":{"name":{"S":[{"equals-ignore-case":"hello world"}]}}}}`, true},
		{"array value intersects", `{"dynamodb":{"NewImage":{"tags":{"SS":["b"]}}}}`, true},
		{"boolean", `{"dynamodb":{"NewImage":{"flag":{"BOOL":[true]}}}}`, true},
		{"$or", `{"$or":[{"eventName":["MODIFY"]},{"dynamodb":{"Keys":{"id":{"S":["id-1"]}}}}]}`, true},
		{"$or none", `{"$or":[{"eventName":["MODIFY"]},{"eventName":["REMOVE"]}]}`, false},
		{"empty string", `{"dynamodb":{"NewImage":{"name":{"S":[""]}}}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Compile([]string{tt.pattern})
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			if got := f.Match([]byte(record)); got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPatternsAreORed(t *testing.T) {
	f, err := Compile([]string{`{"eventName":["MODIFY"]}`, `{"eventName":["INSERT"]}`})
	if err != nil {
		t.Fatal(err)
	}
	if !f.Match([]byte(record)) {
		t.Error("second pattern should match")
	}
}

func TestTTLFilter(t *testing.T) {
	f, err := Compile([]string{`{"userIdentity":{"type":["Service"],"principalId":["dynamodb.amazonaws.com"]}}`})
	if err != nil {
		t.Fatal(err)
	}
	if !f.Match([]byte(ttlRecord)) || f.Match([]byte(record)) {
		t.Error("the TTL filter must match TTL deletes only")
	}
}

func TestInvalidPatterns(t *testing.T) {
	for _, p := range []string{
		`"single-string"`,
		`[{"eventName": ["INSERT"=123}]`,
		`{"eventName":"INSERT"}`,
		`{"eventName":[]}`,
		`{}`,
		`{"a":[{"wildcard":"x*"}]}`,
		`{"a":[{"anything-but":{"prefix":"x"}}]}`,
		`{"a":[{"numeric":[">"]}]}`,
		`{"a":[{"numeric":["!=",1]}]}`,
		`{"a":[{"exists":"yes"}]}`,
		`{"a":[{"prefix":"x","suffix":"y"}]}`,
		`{"$or":[{"a":["x"]}]}`,
	} {
		if _, err := Compile([]string{p}); !errors.Is(err, ErrInvalidPattern) || err.Error() != "Invalid filter pattern definition." {
			t.Errorf("Compile(%s) = %v, want Invalid filter pattern definition.", p, err)
		}
	}
}

func FuzzCompile(f *testing.F) {
	f.Add(`{"eventName":["INSERT"]}`)
	f.Add(`{"dynamodb":{"NewImage":{"n":{"N":[{"numeric":[">",1,"<=",5]}]}}}}`)
	f.Add(`{"$or":[{"a":[{"exists":false}]},{"b":[{"anything-but":["x"]}]}]}`)
	f.Fuzz(func(t *testing.T, p string) {
		flt, err := Compile([]string{p})
		if err != nil {
			return
		}
		flt.Match([]byte(record))
	})
}

func ExampleFilter_Match() {
	f, _ := Compile([]string{`{"eventName":["INSERT"],"dynamodb":{"NewImage":{"name":{"S":[{"prefix":"Hello"}]}}}}`})
	fmt.Println(f.Match([]byte(record)))
	// Output: true
}
