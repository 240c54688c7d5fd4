package streamlog

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine/internal/itemcodec"
	"github.com/gojets/jets/wire"
)

// E1: SizeBytes equals every AWS data point of spec A7.
func TestSizeBytesAWSDataPoints(t *testing.T) {
	s := ddb.S
	id := func(v string) ddb.Item { return ddb.Item{"id": s(v)} }
	item3 := func(a, b string) ddb.Item {
		return ddb.Item{"id": s("my-item-id"), "attr1": s(a), "attr2": s(b)}
	}
	doc := func(msg string) ddb.Item { return ddb.Item{"Id": ddb.N("101"), "Message": s(msg)} }
	docKey := ddb.Item{"Id": ddb.N("101")}
	cases := []struct {
		name     string
		viewType string
		keys     ddb.Item
		old, new ddb.Item
		want     int64
	}{
		{"KEYS_ONLY Fred", ViewKeysOnly, ddb.Item{"Username": s("Fred")}, nil, ddb.Item{"Username": s("Fred")}, 12},
		{"KEYS_ONLY Alice", ViewKeysOnly, ddb.Item{"Username": s("Alice")}, nil, ddb.Item{"Username": s("Alice")}, 13},
		{"N&O INSERT Fred", ViewNewAndOldImage, id("Fred"), nil, id("Fred"), 12},
		{"N&O REMOVE NewKey", ViewNewAndOldImage, id("NewKey"), id("NewKey"), nil, 16},
		{"N&O MODIFY add name", ViewNewAndOldImage, id("Fred"), id("Fred"), ddb.Item{"id": s("Fred"), "name": s("Fred")}, 26},
		{"N&O INSERT 3 attrs", ViewNewAndOldImage, id("my-item-id"), nil, item3("value1", "value2"), 46},
		{"N&O MODIFY 3 attrs", ViewNewAndOldImage, id("my-item-id"), item3("value1", "value2"), item3("value3", "value4"), 80},
		{"NEW_IMAGE binary", ViewNewImage, ddb.Item{"my_partition_key": s("hello world")}, nil,
			ddb.Item{"my_partition_key": s("hello world"), "binary_key": ddb.B([]byte("foobar"))}, 70},
		{"KEYS_ONLY two keys", ViewKeysOnly, ddb.Item{"ForumName": s("DynamoDB"), "Subject": s("DynamoDB Thread 3")}, nil,
			ddb.Item{"ForumName": s("DynamoDB"), "Subject": s("DynamoDB Thread 3"), "x": s("y")}, 41},
		{"doc INSERT", ViewNewAndOldImage, docKey, nil, doc("New item!"), 26},
		{"doc MODIFY", ViewNewAndOldImage, docKey, doc("New item!"), doc("This item has changed"), 59},
		{"doc REMOVE", ViewNewAndOldImage, docKey, doc("This item has changed"), nil, 38},
	}
	f := newFixture(t)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ref := f.enable("size-"+string(rune('a'+i)), tc.viewType)
			f.put(ref, Change{Keys: tc.keys, Old: tc.old, New: tc.new})
			out := f.records(f.firstIterator(ref), 0)
			if len(out.Records) != 1 {
				t.Fatalf("got %d records, want 1", len(out.Records))
			}
			if got := out.Records[0].Dynamodb.SizeBytes; got != tc.want {
				t.Errorf("SizeBytes = %d, want %d", got, tc.want)
			}
		})
	}
}

// E3: images follow the A7 matrix for every view type, including the
// key-only edge cases.
func TestImagesByViewType(t *testing.T) {
	keys := ddb.Item{"id": ddb.S("k")}
	full := ddb.Item{"id": ddb.S("k"), "a": ddb.N("1")}
	changes := map[string]Change{
		"INSERT": {Keys: keys, New: full},
		"MODIFY": {Keys: keys, Old: full, New: keys}, // reduced to key-only
		"REMOVE": {Keys: keys, Old: keys},            // a key-only item removed
	}
	type want struct{ newImg, oldImg ddb.Item }
	matrix := map[string]map[string]want{
		ViewKeysOnly:       {"INSERT": {}, "MODIFY": {}, "REMOVE": {}},
		ViewNewImage:       {"INSERT": {full, nil}, "MODIFY": {keys, nil}, "REMOVE": {}},
		ViewOldImage:       {"INSERT": {}, "MODIFY": {nil, full}, "REMOVE": {nil, keys}},
		ViewNewAndOldImage: {"INSERT": {full, nil}, "MODIFY": {keys, full}, "REMOVE": {nil, keys}},
	}
	f := newFixture(t)
	for vt, row := range matrix {
		ref := f.enable("img-"+strings.ToLower(vt), vt)
		order := []string{"INSERT", "MODIFY", "REMOVE"}
		for _, ev := range order {
			f.put(ref, changes[ev])
		}
		out := f.records(f.firstIterator(ref), 0)
		if len(out.Records) != 3 {
			t.Fatalf("%s: got %d records", vt, len(out.Records))
		}
		for i, ev := range order {
			r := out.Records[i]
			if r.EventName != ev {
				t.Errorf("%s record %d: eventName %s, want %s", vt, i, r.EventName, ev)
			}
			w := row[ev]
			if !ddb.ItemsEqual(r.Dynamodb.Keys, keys) {
				t.Errorf("%s %s: Keys = %v", vt, ev, r.Dynamodb.Keys)
			}
			if (r.Dynamodb.NewImage == nil) != (w.newImg == nil) || !ddb.ItemsEqual(r.Dynamodb.NewImage, w.newImg) {
				t.Errorf("%s %s: NewImage = %v, want %v", vt, ev, r.Dynamodb.NewImage, w.newImg)
			}
			if (r.Dynamodb.OldImage == nil) != (w.oldImg == nil) || !ddb.ItemsEqual(r.Dynamodb.OldImage, w.oldImg) {
				t.Errorf("%s %s: OldImage = %v, want %v", vt, ev, r.Dynamodb.OldImage, w.oldImg)
			}
			if r.Dynamodb.StreamViewType != vt {
				t.Errorf("%s %s: StreamViewType = %s", vt, ev, r.Dynamodb.StreamViewType)
			}
		}
	}
}

func TestRecordShape(t *testing.T) {
	f := newFixture(t)
	f.clock.Add(789 * time.Millisecond) // 12:00:00.912
	ref := f.enable("shape", ViewNewAndOldImage)
	item := ddb.Item{"id": ddb.S("x"), "b": ddb.B([]byte{1, 2}), "l": {Type: ddb.TypeL, L: []ddb.Value{ddb.N("1"), ddb.Null()}},
		"m": {Type: ddb.TypeM, M: map[string]ddb.Value{"t": ddb.Bool(true)}}, "ss": {Type: ddb.TypeSS, Strings: []string{"a", "b"}},
		"ns": {Type: ddb.TypeNS, Strings: []string{"1", "2.5"}}, "bs": {Type: ddb.TypeBS, Binaries: [][]byte{{9}}}}
	f.put(ref, Change{Keys: ddb.Item{"id": ddb.S("x")}, New: item})
	f.put(ref, Change{Old: item, TTL: true}) // Keys derived from the key schema
	out := f.records(f.firstIterator(ref), 0)
	if len(out.Records) != 2 {
		t.Fatalf("got %d records", len(out.Records))
	}
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)
	for i, r := range out.Records {
		if !hex32.MatchString(r.EventID) {
			t.Errorf("eventID %q is not 32 lowercase hex", r.EventID)
		}
		if r.EventVersion != "1.1" || r.EventSource != "aws:dynamodb" || r.AWSRegion != region {
			t.Errorf("record %d: version %q source %q region %q", i, r.EventVersion, r.EventSource, r.AWSRegion)
		}
		if want := f.clock.Now().Unix(); r.Dynamodb.ApproximateCreationDateTime != want {
			t.Errorf("ApproximateCreationDateTime = %d, want %d (whole seconds)", r.Dynamodb.ApproximateCreationDateTime, want)
		}
		if n := r.Dynamodb.SequenceNumber; len(n) < 21 || len(n) > 40 || strings.Trim(n, "0123456789") != "" {
			t.Errorf("SequenceNumber %q", n)
		}
	}
	if out.Records[0].EventID == out.Records[1].EventID {
		t.Error("eventIDs repeat")
	}
	if !ddb.ItemsEqual(out.Records[0].Dynamodb.NewImage, item) {
		t.Errorf("NewImage round trip: %v", out.Records[0].Dynamodb.NewImage)
	}
	if out.Records[0].UserIdentity != nil {
		t.Error("a user write carries userIdentity")
	}
	ttl := out.Records[1]
	if diff := cmp.Diff(&wire.Identity{PrincipalID: "dynamodb.amazonaws.com", Type: "Service"}, ttl.UserIdentity); diff != "" {
		t.Errorf("TTL userIdentity (-want +got):\n%s", diff)
	}
	if ttl.EventName != "REMOVE" || !ddb.ItemsEqual(ttl.Dynamodb.Keys, ddb.Item{"id": ddb.S("x")}) {
		t.Errorf("TTL record: %s keys %v", ttl.EventName, ttl.Dynamodb.Keys)
	}
	raw, err := json.Marshal(ttl)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}`, `"eventVersion":"1.1"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("wire JSON %s lacks %s", raw, want)
		}
	}
}

func TestRecordCodecRejectsCorruption(t *testing.T) {
	st := &stream{ref: StreamRef{ViewType: ViewNewAndOldImage}, keySchema: hashKey}
	item := ddb.Item{"id": ddb.S("x"), "l": {Type: ddb.TypeL, L: []ddb.Value{ddb.S("y")}}}
	val, err := encodeRecord(nil, st, Change{Old: item, New: item}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(val) {
		if _, err := decodeRecord(val[:n], 1, ViewKeysOnly, region); err == nil {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
	if _, err := decodeRecord(val, 1, ViewKeysOnly, region); err != nil {
		t.Errorf("decode: %v", err)
	}
	if _, err := decodeRecord(append(val, 0), 1, ViewKeysOnly, region); err == nil {
		t.Error("a trailing byte was accepted")
	}
	if _, err := decodeRecord(append([]byte{recordVersion + 1}, val[1:]...), 1, ViewKeysOnly, region); err == nil {
		t.Error("another record version was accepted")
	}
	if _, err := recordCreated(append([]byte{recordVersion + 1}, val[1:]...)); err == nil {
		t.Error("recordCreated accepted another record version")
	}
}

// Records embed itemcodec's items without a version byte of their own, so
// recordVersion 1 holds items of itemcodec.Version 1 only: a new item layout
// needs a new record version (and a decoder for the old one).
func TestRecordVersionTracksItemCodec(t *testing.T) {
	if recordVersion != 1 || itemcodec.Version != 1 {
		t.Fatalf("recordVersion %d with itemcodec.Version %d: update this test with the record format", recordVersion, itemcodec.Version)
	}
}

func TestAppendErrors(t *testing.T) {
	f := newFixture(t)
	ref := f.enable("errs", ViewKeysOnly)
	b := f.db.NewBatch()
	defer b.Close()
	if _, err := f.log.Append(b, ref, Change{Keys: ddb.Item{"id": ddb.S("a")}}); err == nil {
		t.Error("a change without images was accepted")
	}
	if _, err := f.log.Append(b, StreamRef{TableName: "nope", Label: ref.Label}, Change{New: ddb.Item{"id": ddb.S("a")}}); err == nil {
		t.Error("an append to an unknown stream was accepted")
	}
}

// Decoding any stored record bytes fails cleanly or yields a record whose
// items re-encode.
func FuzzDecodeRecord(f *testing.F) {
	st := &stream{ref: StreamRef{ViewType: ViewNewAndOldImage}, keySchema: hashKey}
	item := ddb.Item{"id": ddb.S("x"), "l": {Type: ddb.TypeL, L: []ddb.Value{ddb.S("y"), ddb.N("1")}}}
	val, err := encodeRecord(nil, st, Change{Old: item, New: item, TTL: true}, time.Now())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(val)
	f.Add(val[:len(val)/2])
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decodeRecord(b, 1, ViewNewAndOldImage, region)
		if err != nil {
			return
		}
		for _, it := range []ddb.Item{r.Dynamodb.Keys, r.Dynamodb.NewImage, r.Dynamodb.OldImage} {
			if _, err := itemcodec.Decode(itemcodec.Append(nil, it)); err != nil {
				t.Fatalf("item %v of a decoded record does not re-encode: %v", it, err)
			}
		}
	})
}
