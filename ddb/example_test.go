package ddb_test

import (
	"encoding/json"
	"fmt"

	"github.com/gojets/jets/ddb"
)

// Decoding an item normalizes its numbers; ItemSize counts it as DynamoDB
// does (spec A7: a stream record's SizeBytes adds up Keys and images).
func Example() {
	var item ddb.Item
	if err := json.Unmarshal([]byte(`{"Id":{"N":"101.0"},"Message":{"S":"New item!"}}`), &item); err != nil {
		fmt.Println(err)
		return
	}
	out, _ := json.Marshal(item)
	fmt.Println(string(out))
	keys := ddb.Item{"Id": item["Id"]}
	fmt.Println("INSERT SizeBytes:", ddb.ItemSize(keys)+ddb.ItemSize(item))

	_, err := ddb.ParseNumber("1e126")
	fmt.Println(err)
	// Output:
	// {"Id":{"N":"101"},"Message":{"S":"New item!"}}
	// INSERT SizeBytes: 26
	// ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range
}
