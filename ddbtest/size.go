package ddbtest

import (
	"strings"

	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// ItemSize is DynamoDB's item size by the rules of spec A7, computed here
// independently of the engine: a string is its name plus its UTF-8 bytes, a
// number its name plus ⌈significant digits/2⌉+1, binary its name plus its
// bytes, bool and null their name plus 1, a list or map its name plus 3 plus
// Σ(1 + element size), and a set its name plus the sizes of its members.
func ItemSize(item map[string]ddbtypes.AttributeValue) int64 {
	var n int64
	for name, v := range item {
		n += int64(len(name)) + valueSize(v)
	}
	return n
}

// RecordSizeBytes is a stream record's SizeBytes: the sizes of its Keys,
// NewImage and OldImage added up (nil images count 0).
func RecordSizeBytes(keys, newImage, oldImage map[string]ddbtypes.AttributeValue) int64 {
	return ItemSize(keys) + ItemSize(newImage) + ItemSize(oldImage)
}

func valueSize(v ddbtypes.AttributeValue) int64 {
	switch v := v.(type) {
	case *ddbtypes.AttributeValueMemberS:
		return int64(len(v.Value))
	case *ddbtypes.AttributeValueMemberN:
		return numberSize(v.Value)
	case *ddbtypes.AttributeValueMemberB:
		return int64(len(v.Value))
	case *ddbtypes.AttributeValueMemberBOOL, *ddbtypes.AttributeValueMemberNULL:
		return 1
	case *ddbtypes.AttributeValueMemberSS:
		var n int64
		for _, s := range v.Value {
			n += int64(len(s))
		}
		return n
	case *ddbtypes.AttributeValueMemberNS:
		var n int64
		for _, s := range v.Value {
			n += numberSize(s)
		}
		return n
	case *ddbtypes.AttributeValueMemberBS:
		var n int64
		for _, b := range v.Value {
			n += int64(len(b))
		}
		return n
	case *ddbtypes.AttributeValueMemberM:
		n := int64(3)
		for name, e := range v.Value {
			n += 1 + int64(len(name)) + valueSize(e)
		}
		return n
	case *ddbtypes.AttributeValueMemberL:
		n := int64(3)
		for _, e := range v.Value {
			n += 1 + valueSize(e)
		}
		return n
	}
	return 0
}

// numberSize is ⌈significant digits/2⌉+1 for a decimal number literal.
func numberSize(s string) int64 {
	s = strings.TrimLeft(s, "+-")
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	s = strings.Replace(s, ".", "", 1)
	s = strings.Trim(s, "0")
	return int64((len(s)+1)/2 + 1)
}
