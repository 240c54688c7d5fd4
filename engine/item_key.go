package engine

import (
	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine/internal/keyenc"
	"github.com/gojets/jets/wire"
)

// checkItemKeys validates the key attributes of a full item (PutItem).
func checkItemKeys(t *table, it ddb.Item) error {
	for _, k := range t.keyAttrs() {
		v, ok := it[k.name]
		if !ok {
			return ddb.InvalidParameter("Missing the key %s in the item", k.name)
		}
		if v.Type != k.typ {
			return ddb.InvalidParameter("Type mismatch for key %s expected: %s actual: %s", k.name, k.typ, v.Type)
		}
	}
	return checkKeyValues(t, it)
}

// checkKey validates a Key parameter (GetItem, UpdateItem, DeleteItem): it
// must hold exactly the key attributes, of their declared types.
func checkKey(t *table, key ddb.Item) error {
	if len(key) != len(t.keyAttrs()) {
		return ddb.Validationf("The provided key element does not match the schema")
	}
	for _, k := range t.keyAttrs() {
		if v, ok := key[k.name]; !ok || v.Type != k.typ {
			return ddb.Validationf("The provided key element does not match the schema")
		}
	}
	return checkKeyValues(t, key)
}

// checkKeyValues checks emptiness and the size limits of the key values.
func checkKeyValues(t *table, it ddb.Item) error {
	for _, k := range t.keyAttrs() {
		v := it[k.name]
		if v.Type == ddb.TypeS && v.S == "" {
			return ddb.Validationf("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: %s", k.name)
		}
		if v.Type == ddb.TypeB && len(v.B) == 0 {
			return ddb.Validationf("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: %s", k.name)
		}
	}
	if ddb.ValueSize(it[t.hash.name]) > ddb.MaxPartitionKeySize {
		return ddb.InvalidParameter("Size of hashkey has exceeded the maximum size limit of2048 bytes")
	}
	if t.rng.name != "" && ddb.ValueSize(it[t.rng.name]) > ddb.MaxSortKeySize {
		return ddb.InvalidParameter("Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
	}
	return nil
}

// keyOf returns the key attributes of it (which has them all).
func keyOf(t *table, it ddb.Item) ddb.Item {
	k := ddb.Item{t.hash.name: it[t.hash.name]}
	if t.rng.name != "" {
		k[t.rng.name] = it[t.rng.name]
	}
	return k
}

// itemKey is the Pebble key of the item with key attributes in it.
func itemKey(t *table, it ddb.Item) ([]byte, error) {
	b, err := keyenc.Append(itemPrefix(t.meta.ID), it[t.hash.name])
	if err != nil {
		return nil, err
	}
	if t.rng.name != "" {
		b, err = keyenc.Append(b, it[t.rng.name])
	}
	return b, err
}

// checkIndexKeys checks the secondary index key attributes an item has:
// of their declared type and not empty. The caller holds e.mu (indexes can
// change with UpdateTable).
func checkIndexKeys(t *table, it ddb.Item) error {
	m := &t.meta
	check := func(index string, ks []wire.KeySchemaElement) error {
		for _, k := range ks {
			v, ok := it[k.AttributeName]
			if !ok {
				continue
			}
			want, _ := ddb.ParseType(typeOf(m.AttributeDefinitions, k.AttributeName))
			if v.Type != want {
				return ddb.InvalidParameter("Type mismatch for Index Key %s Expected: %s Actual: %s IndexName: %s", k.AttributeName, want, v.Type, index)
			}
			if (v.Type == ddb.TypeS && v.S == "") || (v.Type == ddb.TypeB && len(v.B) == 0) {
				kind := "string"
				if v.Type == ddb.TypeB {
					kind = "binary"
				}
				return ddb.Validationf("One or more parameter values are not valid. A value specified for a secondary index key is not supported. "+
					"The AttributeValue for a key attribute cannot contain an empty %s value. IndexName: %s, IndexKey: %s", kind, index, k.AttributeName)
			}
		}
		return nil
	}
	for _, g := range m.GSIs {
		if err := check(g.IndexName, g.KeySchema); err != nil {
			return err
		}
	}
	for _, l := range m.LSIs {
		if err := check(l.IndexName, l.KeySchema); err != nil {
			return err
		}
	}
	return nil
}
