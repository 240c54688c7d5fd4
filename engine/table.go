package engine

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine/internal/streamlog"
	"github.com/gojets/jets/wire"
)

// The billing modes and stream view types.
const (
	billingProvisioned   = "PROVISIONED"
	billingPayPerRequest = "PAY_PER_REQUEST"
)

// tableMeta is a table's persisted metadata (JSON under tableKey).
type tableMeta struct {
	ID                   uint64                      `json:"id"`
	Name                 string                      `json:"name"`
	UUID                 string                      `json:"uuid"`
	Created              time.Time                   `json:"created"`
	AttributeDefinitions []wire.AttributeDefinition  `json:"attributeDefinitions"`
	KeySchema            []wire.KeySchemaElement     `json:"keySchema"`
	BillingMode          string                      `json:"billingMode"`
	ReadUnits            int64                       `json:"readUnits,omitempty"`
	WriteUnits           int64                       `json:"writeUnits,omitempty"`
	LastPayPerRequest    *time.Time                  `json:"lastPayPerRequest,omitempty"`
	GSIs                 []wire.GlobalSecondaryIndex `json:"gsis,omitempty"`
	LSIs                 []wire.LocalSecondaryIndex  `json:"lsis,omitempty"`
	// Stream is the enabled stream, nil when streams are off. LatestStream
	// is the last stream ever enabled; it stays after a disable.
	Stream             *streamlog.StreamRef `json:"stream,omitempty"`
	LatestStream       *streamlog.StreamRef `json:"latestStream,omitempty"`
	DeletionProtection bool                 `json:"deletionProtection,omitempty"`
	TableClass         string               `json:"tableClass,omitempty"`
}

// keyAttr is one key attribute of a table: its name and declared type.
type keyAttr struct {
	name string
	typ  ddb.Type
}

// table is an open table: metadata (mutable parts guarded by Engine.tmu and
// changed only under Engine.mu), its key attributes (immutable) and its
// counters.
type table struct {
	meta  tableMeta
	hash  keyAttr
	rng   keyAttr // name "" when the table has no range key
	items atomic.Int64
	bytes atomic.Int64
}

func newTable(m tableMeta) (*table, error) {
	t := &table{meta: m}
	types := map[string]ddb.Type{}
	for _, d := range m.AttributeDefinitions {
		typ, ok := ddb.ParseType(d.AttributeType)
		if !ok {
			return nil, fmt.Errorf("attribute %s: bad type %q", d.AttributeName, d.AttributeType)
		}
		types[d.AttributeName] = typ
	}
	for _, k := range m.KeySchema {
		a := keyAttr{name: k.AttributeName, typ: types[k.AttributeName]}
		if k.KeyType == "HASH" {
			t.hash = a
		} else {
			t.rng = a
		}
	}
	if t.hash.name == "" || t.hash.typ == 0 {
		return nil, fmt.Errorf("table %s has no usable hash key", m.Name)
	}
	return t, nil
}

func decodeTable(b []byte) (*table, error) {
	var m tableMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return newTable(m)
}

func (m *tableMeta) encode() []byte {
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("encode table metadata: %v", err)) // plain data: cannot fail
	}
	return b
}

// keyAttrs returns the table's key attributes (one or two).
func (t *table) keyAttrs() []keyAttr {
	if t.rng.name == "" {
		return []keyAttr{t.hash}
	}
	return []keyAttr{t.hash, t.rng}
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func tableARN(region, account, name string) string {
	return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name
}
