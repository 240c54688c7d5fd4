package ddb_test

import (
	"strings"
	"testing"

	"github.com/gojets/jets/ddb"
)

// recordSize is SizeBytes of a stream record (spec A7): the item sizes of
// Keys, NewImage and OldImage added up; a nil image is absent.
func recordSize(keys, newImage, oldImage ddb.Item) int {
	return ddb.ItemSize(keys) + ddb.ItemSize(newImage) + ddb.ItemSize(oldImage)
}

// TestStreamRecordSizeBytes reproduces every AWS data point of spec A7.
func TestStreamRecordSizeBytes(t *testing.T) {
	s := ddb.S
	fred := ddb.Item{"id": s("Fred")}
	three := ddb.Item{"id": s("my-item-id"), "attr1": s("value1"), "attr2": s("value2")}
	threeChanged := ddb.Item{"id": s("my-item-id"), "attr1": s("value3"), "attr2": s("value4")}
	docKey := ddb.Item{"Id": ddb.N("101")}
	docNew := ddb.Item{"Id": ddb.N("101"), "Message": s("New item!")}
	docChanged := ddb.Item{"Id": ddb.N("101"), "Message": s("This item has changed")}
	tests := []struct {
		name                 string
		keys, newImg, oldImg ddb.Item
		want                 int
	}{
		{"KEYS_ONLY Username Fred", ddb.Item{"Username": s("Fred")}, nil, nil, 12},
		{"KEYS_ONLY Username Alice", ddb.Item{"Username": s("Alice")}, nil, nil, 13},
		{"N&O INSERT id Fred", fred, fred, nil, 12},
		{"N&O REMOVE id NewKey", ddb.Item{"id": s("NewKey")}, nil, ddb.Item{"id": s("NewKey")}, 16},
		{"N&O MODIFY add name", fred, ddb.Item{"id": s("Fred"), "name": s("Fred")}, fred, 26},
		{"N&O INSERT three attributes", ddb.Item{"id": s("my-item-id")}, three, nil, 46},
		{"N&O MODIFY three attributes", ddb.Item{"id": s("my-item-id")}, threeChanged, three, 80},
		{"NEW_IMAGE string key and binary", ddb.Item{"my_partition_key": s("hello world")},
			ddb.Item{"my_partition_key": s("hello world"), "binary_key": ddb.B([]byte("foobar"))}, nil, 70},
		{"KEYS_ONLY two string keys", ddb.Item{"ForumName": s("DynamoDB"), "Subject": s("DynamoDB Thread 3")}, nil, nil, 41},
		{"doc INSERT", docKey, docNew, nil, 26},
		{"doc MODIFY", docKey, docChanged, docNew, 59},
		{"doc REMOVE", docKey, nil, docChanged, 38},
	}
	for _, tt := range tests {
		if got := recordSize(tt.keys, tt.newImg, tt.oldImg); got != tt.want {
			t.Errorf("%s: SizeBytes = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestValueSize(t *testing.T) {
	tests := []struct {
		name string
		v    ddb.Value
		want int
	}{
		{"S ascii", ddb.S("abc"), 3},
		{"S utf-8", ddb.S("héllo€"), 9},
		{"S empty", ddb.S(""), 0},
		{"N", ddb.N("101"), 3},
		{"N zero", ddb.N("0"), 1},
		{"N trailing zeros", ddb.N("1000000"), 2},
		{"N fraction", ddb.N("-0.000123"), 3},
		{"B", ddb.B([]byte{0, 1, 2, 3}), 4},
		{"BOOL", ddb.Bool(false), 1},
		{"NULL", ddb.Null(), 1},
		{"SS", ddb.Value{Type: ddb.TypeSS, Strings: []string{"ab", "cde"}}, 5},
		{"NS", ddb.Value{Type: ddb.TypeNS, Strings: []string{"1", "123"}}, 5},
		{"BS", ddb.Value{Type: ddb.TypeBS, Binaries: [][]byte{{1}, {2, 3}}}, 3},
		{"M empty", ddb.Value{Type: ddb.TypeM, M: map[string]ddb.Value{}}, 3},
		{"M", ddb.Value{Type: ddb.TypeM, M: map[string]ddb.Value{"ab": ddb.S("xyz"), "c": ddb.Bool(true)}}, 3 + (1 + 2 + 3) + (1 + 1 + 1)},
		{"L empty", ddb.Value{Type: ddb.TypeL, L: []ddb.Value{}}, 3},
		{"L", ddb.Value{Type: ddb.TypeL, L: []ddb.Value{ddb.S("ab"), ddb.N("12"), ddb.Null()}}, 3 + (1 + 2) + (1 + 2) + (1 + 1)},
		{"L of M", ddb.Value{Type: ddb.TypeL, L: []ddb.Value{{Type: ddb.TypeM, M: map[string]ddb.Value{"k": ddb.S("v")}}}}, 3 + 1 + (3 + 1 + 1 + 1)},
	}
	for _, tt := range tests {
		if got := ddb.ValueSize(tt.v); got != tt.want {
			t.Errorf("%s: ValueSize = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestItemSizeLimit checks the boundary dynalite measured against DynamoDB:
// an item of exactly 400 KB is accepted, one byte more is not.
func TestItemSizeLimit(t *testing.T) {
	key := "0123456789"
	fits := ddb.Item{"a": ddb.S(key), "bb": ddb.S(strings.Repeat("a", ddb.MaxItemSize-1-len(key)-2))}
	if got := ddb.ItemSize(fits); got != ddb.MaxItemSize {
		t.Errorf("ItemSize = %d, want %d", got, ddb.MaxItemSize)
	}
	big := ddb.Item{"a": ddb.S(key), "c": ddb.N(strings.Repeat("1", 38) + strings.Repeat("0", 88))}
	if got := ddb.ItemSize(big); got != 1+len(key)+1+20 {
		t.Errorf("ItemSize with a 38-digit number = %d, want %d", got, 1+len(key)+1+20)
	}
	if ddb.MaxItemSize != 409600 || ddb.MaxPartitionKeySize != 2048 || ddb.MaxSortKeySize != 1024 {
		t.Errorf("limits = %d, %d, %d", ddb.MaxItemSize, ddb.MaxPartitionKeySize, ddb.MaxSortKeySize)
	}
}
