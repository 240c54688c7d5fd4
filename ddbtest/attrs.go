package ddbtest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"

	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// Item parses an item in DynamoDB JSON ({"id":{"S":"a"}}) into SDK
// attribute values. It panics on malformed input: it is for literals in
// tests.
func Item(js string) map[string]ddbtypes.AttributeValue {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(js), &raw); err != nil {
		panic(fmt.Sprintf("ddbtest.Item(%s): %v", js, err))
	}
	out := make(map[string]ddbtypes.AttributeValue, len(raw))
	for k, v := range raw {
		out[k] = parseValue(v)
	}
	return out
}

// Value parses one attribute value in DynamoDB JSON ({"S":"a"}).
func Value(js string) ddbtypes.AttributeValue { return parseValue(json.RawMessage(js)) }

func parseValue(js json.RawMessage) ddbtypes.AttributeValue {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(js, &m); err != nil || len(m) != 1 {
		panic(fmt.Sprintf("ddbtest: bad attribute value %s", js))
	}
	for typ, body := range m {
		return parseTyped(typ, body)
	}
	return nil
}

func parseTyped(typ string, body json.RawMessage) ddbtypes.AttributeValue {
	must := func(err error) {
		if err != nil {
			panic(fmt.Sprintf("ddbtest: bad %s value %s: %v", typ, body, err))
		}
	}
	switch typ {
	case "S":
		var s string
		must(json.Unmarshal(body, &s))
		return &ddbtypes.AttributeValueMemberS{Value: s}
	case "N":
		var s string
		must(json.Unmarshal(body, &s))
		return &ddbtypes.AttributeValueMemberN{Value: s}
	case "B":
		var b []byte
		must(json.Unmarshal(body, &b))
		return &ddbtypes.AttributeValueMemberB{Value: b}
	case "SS":
		var ss []string
		must(json.Unmarshal(body, &ss))
		return &ddbtypes.AttributeValueMemberSS{Value: ss}
	case "NS":
		var ss []string
		must(json.Unmarshal(body, &ss))
		return &ddbtypes.AttributeValueMemberNS{Value: ss}
	case "BS":
		var bs [][]byte
		must(json.Unmarshal(body, &bs))
		return &ddbtypes.AttributeValueMemberBS{Value: bs}
	case "BOOL":
		var b bool
		must(json.Unmarshal(body, &b))
		return &ddbtypes.AttributeValueMemberBOOL{Value: b}
	case "NULL":
		return &ddbtypes.AttributeValueMemberNULL{Value: true}
	case "M":
		var raw map[string]json.RawMessage
		must(json.Unmarshal(body, &raw))
		m := make(map[string]ddbtypes.AttributeValue, len(raw))
		for k, v := range raw {
			m[k] = parseValue(v)
		}
		return &ddbtypes.AttributeValueMemberM{Value: m}
	case "L":
		var raw []json.RawMessage
		must(json.Unmarshal(body, &raw))
		l := make([]ddbtypes.AttributeValue, len(raw))
		for i, v := range raw {
			l[i] = parseValue(v)
		}
		return &ddbtypes.AttributeValueMemberL{Value: l}
	}
	panic(fmt.Sprintf("ddbtest: unknown attribute type %q", typ))
}

// Plain turns an SDK item into plain Go values shaped like DynamoDB JSON
// ({"id":{"S":"a"}}), with set members sorted, for comparison with cmp.
func Plain(item map[string]ddbtypes.AttributeValue) map[string]any {
	if item == nil {
		return nil
	}
	out := make(map[string]any, len(item))
	for k, v := range item {
		out[k] = plainValue(v)
	}
	return out
}

// PlainJSON is Plain(Item(js)).
func PlainJSON(js string) map[string]any { return Plain(Item(js)) }

func plainValue(v ddbtypes.AttributeValue) any {
	switch v := v.(type) {
	case *ddbtypes.AttributeValueMemberS:
		return map[string]any{"S": v.Value}
	case *ddbtypes.AttributeValueMemberN:
		return map[string]any{"N": v.Value}
	case *ddbtypes.AttributeValueMemberB:
		return map[string]any{"B": base64.StdEncoding.EncodeToString(v.Value)}
	case *ddbtypes.AttributeValueMemberSS:
		return map[string]any{"SS": sortedStrings(v.Value)}
	case *ddbtypes.AttributeValueMemberNS:
		return map[string]any{"NS": sortedStrings(v.Value)}
	case *ddbtypes.AttributeValueMemberBS:
		ss := make([]string, len(v.Value))
		for i, b := range v.Value {
			ss[i] = base64.StdEncoding.EncodeToString(b)
		}
		return map[string]any{"BS": sortedStrings(ss)}
	case *ddbtypes.AttributeValueMemberBOOL:
		return map[string]any{"BOOL": v.Value}
	case *ddbtypes.AttributeValueMemberNULL:
		return map[string]any{"NULL": v.Value}
	case *ddbtypes.AttributeValueMemberM:
		return map[string]any{"M": Plain(v.Value)}
	case *ddbtypes.AttributeValueMemberL:
		l := make([]any, len(v.Value))
		for i, e := range v.Value {
			l[i] = plainValue(e)
		}
		return map[string]any{"L": l}
	}
	return fmt.Sprintf("unknown %T", v)
}

func sortedStrings(ss []string) []any {
	c := append([]string(nil), ss...)
	sort.Strings(c)
	out := make([]any, len(c))
	for i, s := range c {
		out[i] = s
	}
	return out
}

// FromStream converts a DynamoDB Streams item to the DynamoDB SDK's types.
func FromStream(item map[string]streamtypes.AttributeValue) map[string]ddbtypes.AttributeValue {
	if item == nil {
		return nil
	}
	out := make(map[string]ddbtypes.AttributeValue, len(item))
	for k, v := range item {
		out[k] = fromStreamValue(v)
	}
	return out
}

func fromStreamValue(v streamtypes.AttributeValue) ddbtypes.AttributeValue {
	switch v := v.(type) {
	case *streamtypes.AttributeValueMemberS:
		return &ddbtypes.AttributeValueMemberS{Value: v.Value}
	case *streamtypes.AttributeValueMemberN:
		return &ddbtypes.AttributeValueMemberN{Value: v.Value}
	case *streamtypes.AttributeValueMemberB:
		return &ddbtypes.AttributeValueMemberB{Value: v.Value}
	case *streamtypes.AttributeValueMemberSS:
		return &ddbtypes.AttributeValueMemberSS{Value: v.Value}
	case *streamtypes.AttributeValueMemberNS:
		return &ddbtypes.AttributeValueMemberNS{Value: v.Value}
	case *streamtypes.AttributeValueMemberBS:
		return &ddbtypes.AttributeValueMemberBS{Value: v.Value}
	case *streamtypes.AttributeValueMemberBOOL:
		return &ddbtypes.AttributeValueMemberBOOL{Value: v.Value}
	case *streamtypes.AttributeValueMemberNULL:
		return &ddbtypes.AttributeValueMemberNULL{Value: v.Value}
	case *streamtypes.AttributeValueMemberM:
		return &ddbtypes.AttributeValueMemberM{Value: FromStream(v.Value)}
	case *streamtypes.AttributeValueMemberL:
		l := make([]ddbtypes.AttributeValue, len(v.Value))
		for i, e := range v.Value {
			l[i] = fromStreamValue(e)
		}
		return &ddbtypes.AttributeValueMemberL{Value: l}
	}
	return nil
}
