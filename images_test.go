package jets

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/google/go-cmp/cmp"
)

// seedEvent is the payload printed in the seed (Jets' docs).
const seedEvent = `{"Records":[{"eventID":"1a87201789a6e14315b8038ebbd3b99d","eventName":"MODIFY","eventVersion":"1.1",
"eventSource":"aws:dynamodb","awsRegion":"us-west-2","dynamodb":{"ApproximateCreationDateTime":1550272599,
"Keys":{"id":{"S":"1"}},"NewImage":{"name":{"S":"Tung Nguyen"},"id":{"S":"1"}},"OldImage":{"name":{"S":"Tung"},"id":{"S":"1"}},
"SequenceNumber":"261800000000059086429283","SizeBytes":32,"StreamViewType":"NEW_AND_OLD_IMAGES"},
"eventSourceARN":"arn:aws:dynamodb:us-west-2:112233445566:table/test-table/stream/2019-02-15T23:01:06.871"}]}`

type person struct {
	ID   string `dynamodbav:"id"`
	Name string `json:"name"`
}

func seedRecord(t *testing.T) events.DynamoDBEventRecord {
	t.Helper()
	var ev events.DynamoDBEvent
	if err := json.Unmarshal([]byte(seedEvent), &ev); err != nil {
		t.Fatal(err)
	}
	return ev.Records[0]
}

func TestUnmarshalSeedImages(t *testing.T) {
	rec := seedRecord(t)
	var keys, newImg, oldImg person
	if err := UnmarshalKeys(rec, &keys); err != nil {
		t.Fatal(err)
	}
	if err := UnmarshalNewImage(rec, &newImg); err != nil {
		t.Fatal(err)
	}
	if err := UnmarshalOldImage(rec, &oldImg); err != nil {
		t.Fatal(err)
	}
	if keys != (person{ID: "1"}) || newImg != (person{"1", "Tung Nguyen"}) || oldImg != (person{"1", "Tung"}) {
		t.Errorf("keys %+v, new %+v, old %+v", keys, newImg, oldImg)
	}
}

func TestUnmarshalNoImage(t *testing.T) {
	rec := seedRecord(t)
	rec.EventName = "REMOVE"
	rec.Change.NewImage = nil
	var p person
	err := UnmarshalNewImage(rec, &p)
	if !errors.Is(err, ErrNoImage) || !strings.Contains(err.Error(), "REMOVE record 1a87201789a6e14315b8038ebbd3b99d (NEW_AND_OLD_IMAGES): no NewImage") {
		t.Errorf("error %v", err)
	}
}

type base struct {
	Created time.Time `dynamodbav:"created"`
}

type order struct {
	base
	ID       string            `dynamodbav:"pk"`
	Count    int               `dynamodbav:"count"`
	Small    int8              `json:"small,omitempty"`
	Price    float64           `json:"price"`
	Big      uint64            `dynamodbav:"big"`
	Paid     bool              `dynamodbav:"paid"`
	Note     *string           `dynamodbav:"note"`
	Gone     *string           `dynamodbav:"gone"`
	Tags     []string          `dynamodbav:"tags"`
	Scores   []int             `dynamodbav:"scores"`
	Blob     []byte            `dynamodbav:"blob"`
	Blobs    [][]byte          `dynamodbav:"blobs"`
	Items    []item            `dynamodbav:"items"`
	Attrs    map[string]string `dynamodbav:"attrs"`
	Any      any               `dynamodbav:"any"`
	Pair     [2]int            `dynamodbav:"pair"`
	Skipped  string            `dynamodbav:"-"`
	Fallback string            // matched case-insensitively
	NumStr   string            `dynamodbav:"numstr"`
}

type item struct {
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}

func TestUnmarshalMapConversions(t *testing.T) {
	raw := `{
	  "created":{"S":"2024-02-11T15:44:30Z"}, "pk":{"S":"o-1"}, "count":{"N":"3"}, "small":{"N":"-7"},
	  "price":{"N":"9.5"}, "big":{"N":"18446744073709551615"}, "paid":{"BOOL":true}, "note":{"S":"n"},
	  "gone":{"NULL":true}, "tags":{"SS":["a","b"]}, "scores":{"NS":["1","2"]}, "blob":{"B":"Zm9vYmFy"},
	  "blobs":{"BS":["YQ=="]}, "items":{"L":[{"M":{"sku":{"S":"x"},"qty":{"N":"2"}}}]},
	  "attrs":{"M":{"k":{"S":"v"}}}, "any":{"M":{"l":{"L":[{"N":"1.5"},{"S":"s"},{"BOOL":false},{"NULL":true}]}}},
	  "pair":{"L":[{"N":"4"},{"N":"5"}]}, "-":{"S":"no"}, "Skipped":{"S":"no"}, "FALLBACK":{"S":"fb"},
	  "numstr":{"N":"12.50"}, "unknown":{"S":"ignored"}
	}`
	var m map[string]events.DynamoDBAttributeValue
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	gone := "before"
	got := order{Gone: &gone}
	if err := UnmarshalMap(m, &got); err != nil {
		t.Fatal(err)
	}
	note := "n"
	want := order{
		base: base{Created: time.Date(2024, 2, 11, 15, 44, 30, 0, time.UTC)},
		ID:   "o-1", Count: 3, Small: -7, Price: 9.5, Big: 18446744073709551615, Paid: true, Note: &note,
		Tags: []string{"a", "b"}, Scores: []int{1, 2}, Blob: []byte("foobar"), Blobs: [][]byte{[]byte("a")},
		Items: []item{{"x", 2}}, Attrs: map[string]string{"k": "v"},
		Any:      map[string]any{"l": []any{1.5, "s", false, nil}},
		Pair:     [2]int{4, 5},
		Fallback: "fb", NumStr: "12.50",
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(order{})); diff != "" {
		t.Errorf("UnmarshalMap (-want +got):\n%s", diff)
	}
}

func TestUnmarshalIntoMapAndInterface(t *testing.T) {
	rec := seedRecord(t)
	var m map[string]any
	if err := UnmarshalNewImage(rec, &m); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"id": "1", "name": "Tung Nguyen"}, m); diff != "" {
		t.Error(diff)
	}
	var v any
	if err := UnmarshalKeys(rec, &v); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"id": "1"}, v); diff != "" {
		t.Error(diff)
	}
}

func TestUnmarshalErrors(t *testing.T) {
	type wrongs struct {
		Count  string  `json:"count"`
		Small  int8    `json:"small"`
		Nested []order `json:"nested"`
	}
	tests := []struct {
		raw  string
		want string
	}{
		{`{"count":{"BOOL":true}}`, `cannot unmarshal BOOL attribute "count" into Go value of type string`},
		{`{"small":{"N":"300"}}`, `cannot unmarshal N attribute "small" into Go value of type int8: strconv.ParseInt: parsing "300": value out of range`},
		{`{"nested":{"L":[{"M":{"count":{"S":"x"}}}]}}`, `cannot unmarshal S attribute "nested[0].count" into Go value of type int`},
	}
	for _, tt := range tests {
		var m map[string]events.DynamoDBAttributeValue
		if err := json.Unmarshal([]byte(tt.raw), &m); err != nil {
			t.Fatal(err)
		}
		var w wrongs
		err := UnmarshalMap(m, &w)
		var ue *UnmarshalError
		if !errors.As(err, &ue) || err.Error() != tt.want {
			t.Errorf("UnmarshalMap(%s) = %v\nwant %s", tt.raw, err, tt.want)
		}
	}
	if err := UnmarshalMap(nil, person{}); err == nil || !strings.Contains(err.Error(), "need a non-nil pointer") {
		t.Errorf("non-pointer: %v", err)
	}
	// A zero attribute value (no type) is reported, not a panic.
	if err := UnmarshalAttribute(events.DynamoDBAttributeValue{}, new(string)); err == nil {
		t.Error("zero attribute value: no error")
	}
}

func TestBatchItemFailures(t *testing.T) {
	rec := seedRecord(t)
	data, _ := json.Marshal(BatchItemFailures(rec))
	if string(data) != `{"batchItemFailures":[{"itemIdentifier":"261800000000059086429283"}]}` {
		t.Errorf("got %s", data)
	}
	data, _ = json.Marshal(BatchItemFailures())
	if string(data) != `{"batchItemFailures":[]}` {
		t.Errorf("got %s", data)
	}
}
