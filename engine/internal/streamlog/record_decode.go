package streamlog

import (
	"encoding/binary"
	"encoding/hex"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine/internal/itemcodec"
	"github.com/gojets/jets/wire"
)

// recordHeader is the fixed part of a stored record.
type recordHeader struct {
	event   byte
	flags   byte
	created int64 // unix millis
}

// decodeHeader reads the header of a stored record and returns the rest.
func decodeHeader(val []byte) (recordHeader, []byte, error) {
	var h recordHeader
	if len(val) < 3 || val[0] != recordVersion {
		return h, nil, errCorrupt
	}
	h.event, h.flags = val[1], val[2]
	if h.event < eventInsert || h.event > eventRemove {
		return h, nil, errCorrupt
	}
	created, n := binary.Varint(val[3:])
	if n <= 0 {
		return h, nil, errCorrupt
	}
	h.created = created
	return h, val[3+n:], nil
}

// recordCreated returns the creation time (unix millis) of a stored record.
func recordCreated(val []byte) (int64, error) {
	h, _, err := decodeHeader(val)
	return h.created, err
}

// recordBody is what a stored record holds after its header.
type recordBody struct {
	id                   []byte
	size                 uint64
	keys, newImg, oldImg ddb.Item
}

// decodeBody reads the body of a stored record whose header has flags.
// Its items' strings share one allocation.
func decodeBody(rest []byte, flags byte) (recordBody, error) {
	var r recordBody
	if len(rest) < 16 {
		return r, errCorrupt
	}
	r.id, rest = rest[:16], rest[16:]
	size, n := binary.Uvarint(rest)
	if n <= 0 {
		return r, errCorrupt
	}
	r.size = size
	d := itemcodec.NewSharedDecoder(rest[n:])
	var err error
	r.keys, err = d.Item()
	if err == nil && flags&flagNew != 0 {
		r.newImg, err = d.Item()
	}
	if err == nil && flags&flagOld != 0 {
		r.oldImg, err = d.Item()
	}
	if err != nil || len(d.Rest()) != 0 {
		return r, errCorrupt
	}
	return r, nil
}

// decodeRecord turns a stored record into its wire form.
func decodeRecord(val []byte, seq uint64, viewType, region string) (wire.Record, error) {
	h, rest, err := decodeHeader(val)
	if err != nil {
		return wire.Record{}, err
	}
	body, err := decodeBody(rest, h.flags)
	if err != nil {
		return wire.Record{}, err
	}
	r := wire.Record{
		EventID:      hex.EncodeToString(body.id),
		EventName:    eventNames[h.event],
		EventVersion: "1.1",
		EventSource:  "aws:dynamodb",
		AWSRegion:    region,
		Dynamodb: wire.StreamRecord{
			ApproximateCreationDateTime: floorDiv(h.created, 1000),
			Keys:                        body.keys,
			NewImage:                    body.newImg,
			OldImage:                    body.oldImg,
			SequenceNumber:              FormatSeq(seq),
			SizeBytes:                   int64(body.size),
			StreamViewType:              viewType,
		},
	}
	if h.flags&flagTTL != 0 {
		id := ttlIdentity
		r.UserIdentity = &id
	}
	return r, nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
