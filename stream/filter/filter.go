package filter

import (
	"bytes"
	"encoding/json"
	"errors"
)

// ErrInvalidPattern is the error for a pattern Lambda refuses; its message
// is Lambda's.
var ErrInvalidPattern = errors.New("Invalid filter pattern definition.")

// MaxPatternLength is Lambda's limit on one pattern's length.
const MaxPatternLength = 4096

// Filter is a compiled FilterCriteria: a record passes when any pattern
// matches it.
type Filter struct {
	patterns []*object
}

// Compile parses patterns. It returns ErrInvalidPattern for any pattern that
// is not valid JSON or uses an operator Lambda does not accept.
func Compile(patterns []string) (*Filter, error) {
	f := &Filter{}
	for _, p := range patterns {
		if len(p) > MaxPatternLength {
			return nil, ErrInvalidPattern
		}
		o, err := parsePattern([]byte(p))
		if err != nil {
			return nil, ErrInvalidPattern
		}
		f.patterns = append(f.patterns, o)
	}
	return f, nil
}

// Match reports whether the record (its JSON as Lambda delivers it) passes
// the filter. A record that is not a JSON object never matches.
func (f *Filter) Match(record []byte) bool {
	if len(f.patterns) == 0 {
		return true
	}
	d := json.NewDecoder(bytes.NewReader(record))
	d.UseNumber()
	var ev map[string]any
	if err := d.Decode(&ev); err != nil {
		return false
	}
	return f.MatchValue(ev)
}

// MatchValue is Match for a record already decoded with json.Number numbers.
func (f *Filter) MatchValue(ev map[string]any) bool {
	for _, p := range f.patterns {
		if p.match(ev) {
			return true
		}
	}
	return false
}
