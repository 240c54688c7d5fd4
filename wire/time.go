package wire

import (
	"strconv"
	"time"
)

// EpochTime is a time on the wire as epoch seconds, a JSON number with
// millisecond precision (1718000000.123), as DynamoDB sends CreationDateTime.
type EpochTime struct{ time.Time }

// MarshalJSON encodes t as epoch seconds.
func (t EpochTime) MarshalJSON() ([]byte, error) {
	ms := t.UnixMilli()
	return strconv.AppendFloat(nil, float64(ms)/1000, 'f', -1, 64), nil
}

// UnmarshalJSON decodes epoch seconds, with or without a fraction.
func (t *EpochTime) UnmarshalJSON(b []byte) error {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return err
	}
	t.Time = time.UnixMilli(int64(f * 1000)).UTC()
	return nil
}
