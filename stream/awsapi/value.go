package awsapi

import (
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gojets/jets/ddb"
)

// fromStreams converts a Streams API attribute value.
func fromStreams(v stypes.AttributeValue) ddb.Value {
	switch v := v.(type) {
	case *stypes.AttributeValueMemberS:
		return ddb.Value{Type: ddb.TypeS, S: v.Value}
	case *stypes.AttributeValueMemberN:
		return ddb.Value{Type: ddb.TypeN, N: v.Value}
	case *stypes.AttributeValueMemberB:
		return ddb.Value{Type: ddb.TypeB, B: v.Value}
	case *stypes.AttributeValueMemberSS:
		return ddb.Value{Type: ddb.TypeSS, Strings: v.Value}
	case *stypes.AttributeValueMemberNS:
		return ddb.Value{Type: ddb.TypeNS, Strings: v.Value}
	case *stypes.AttributeValueMemberBS:
		return ddb.Value{Type: ddb.TypeBS, Binaries: v.Value}
	case *stypes.AttributeValueMemberBOOL:
		return ddb.Value{Type: ddb.TypeBOOL, Bool: v.Value}
	case *stypes.AttributeValueMemberNULL:
		return ddb.Value{Type: ddb.TypeNULL}
	case *stypes.AttributeValueMemberL:
		l := make([]ddb.Value, len(v.Value))
		for i, e := range v.Value {
			l[i] = fromStreams(e)
		}
		return ddb.Value{Type: ddb.TypeL, L: l}
	case *stypes.AttributeValueMemberM:
		return ddb.Value{Type: ddb.TypeM, M: fromStreamsItem(v.Value)}
	}
	return ddb.Value{}
}

func fromStreamsItem(m map[string]stypes.AttributeValue) ddb.Item {
	if m == nil {
		return nil
	}
	it := make(ddb.Item, len(m))
	for k, v := range m {
		it[k] = fromStreams(v)
	}
	return it
}

// toDynamoDB converts a value to the DynamoDB API's form.
func toDynamoDB(v ddb.Value) dtypes.AttributeValue {
	switch v.Type {
	case ddb.TypeS:
		return &dtypes.AttributeValueMemberS{Value: v.S}
	case ddb.TypeN:
		return &dtypes.AttributeValueMemberN{Value: v.N}
	case ddb.TypeB:
		return &dtypes.AttributeValueMemberB{Value: v.B}
	case ddb.TypeSS:
		return &dtypes.AttributeValueMemberSS{Value: v.Strings}
	case ddb.TypeNS:
		return &dtypes.AttributeValueMemberNS{Value: v.Strings}
	case ddb.TypeBS:
		return &dtypes.AttributeValueMemberBS{Value: v.Binaries}
	case ddb.TypeBOOL:
		return &dtypes.AttributeValueMemberBOOL{Value: v.Bool}
	case ddb.TypeNULL:
		return &dtypes.AttributeValueMemberNULL{Value: true}
	case ddb.TypeL:
		l := make([]dtypes.AttributeValue, len(v.L))
		for i, e := range v.L {
			l[i] = toDynamoDB(e)
		}
		return &dtypes.AttributeValueMemberL{Value: l}
	case ddb.TypeM:
		return &dtypes.AttributeValueMemberM{Value: toDynamoDBItem(v.M)}
	}
	return nil
}

func toDynamoDBItem(it ddb.Item) map[string]dtypes.AttributeValue {
	if it == nil {
		return nil
	}
	m := make(map[string]dtypes.AttributeValue, len(it))
	for k, v := range it {
		m[k] = toDynamoDB(v)
	}
	return m
}

// fromDynamoDB converts a DynamoDB API attribute value.
func fromDynamoDB(v dtypes.AttributeValue) ddb.Value {
	switch v := v.(type) {
	case *dtypes.AttributeValueMemberS:
		return ddb.Value{Type: ddb.TypeS, S: v.Value}
	case *dtypes.AttributeValueMemberN:
		return ddb.Value{Type: ddb.TypeN, N: v.Value}
	case *dtypes.AttributeValueMemberB:
		return ddb.Value{Type: ddb.TypeB, B: v.Value}
	case *dtypes.AttributeValueMemberSS:
		return ddb.Value{Type: ddb.TypeSS, Strings: v.Value}
	case *dtypes.AttributeValueMemberNS:
		return ddb.Value{Type: ddb.TypeNS, Strings: v.Value}
	case *dtypes.AttributeValueMemberBS:
		return ddb.Value{Type: ddb.TypeBS, Binaries: v.Value}
	case *dtypes.AttributeValueMemberBOOL:
		return ddb.Value{Type: ddb.TypeBOOL, Bool: v.Value}
	case *dtypes.AttributeValueMemberNULL:
		return ddb.Value{Type: ddb.TypeNULL}
	case *dtypes.AttributeValueMemberL:
		l := make([]ddb.Value, len(v.Value))
		for i, e := range v.Value {
			l[i] = fromDynamoDB(e)
		}
		return ddb.Value{Type: ddb.TypeL, L: l}
	case *dtypes.AttributeValueMemberM:
		it := make(ddb.Item, len(v.Value))
		for k, e := range v.Value {
			it[k] = fromDynamoDB(e)
		}
		return ddb.Value{Type: ddb.TypeM, M: it}
	}
	return ddb.Value{}
}
