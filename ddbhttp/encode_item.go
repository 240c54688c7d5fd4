package ddbhttp

import (
	"bytes"
	"encoding/json"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// encodeItemOutput writes the output of an item operation (PutItem,
// GetItem, UpdateItem, DeleteItem) to buf and reports whether v was one.
// It writes what encoding/json would, without its reflection and without
// re-validating the item's JSON: ddb.Item.AppendJSON writes compact, valid
// JSON, which encoding/json (HTML escaping off) would copy as is.
func encodeItemOutput(buf *bytes.Buffer, v any) (bool, error) {
	var (
		name string
		it   ddb.Item
		cc   *wire.ConsumedCapacity
	)
	switch o := v.(type) {
	case *wire.PutItemOutput:
		if o != nil {
			name, it, cc = "Attributes", o.Attributes, o.ConsumedCapacity
		}
	case *wire.GetItemOutput:
		if o != nil {
			name, it, cc = "Item", o.Item, o.ConsumedCapacity
		}
	case *wire.UpdateItemOutput:
		if o != nil {
			name, it, cc = "Attributes", o.Attributes, o.ConsumedCapacity
		}
	case *wire.DeleteItemOutput:
		if o != nil {
			name, it, cc = "Attributes", o.Attributes, o.ConsumedCapacity
		}
	default:
		return false, nil
	}
	return true, appendItemOutput(buf, name, it, cc)
}

// appendItemOutput writes {"<name>":it,"ConsumedCapacity":cc}, leaving out
// an empty item and a nil cc (both are omitempty).
func appendItemOutput(buf *bytes.Buffer, name string, it ddb.Item, cc *wire.ConsumedCapacity) error {
	buf.WriteByte('{')
	if len(it) > 0 {
		buf.WriteByte('"')
		buf.WriteString(name)
		buf.WriteString(`":`)
		buf.Write(it.AppendJSON(buf.AvailableBuffer()))
	}
	if cc != nil {
		if len(it) > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(`"ConsumedCapacity":`)
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(cc); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
	}
	buf.WriteByte('}')
	return nil
}
