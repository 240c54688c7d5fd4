package ddb

import (
	"errors"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// scanner is the JSON reader under the hand-written decoder: one pass over
// the bytes, strict JSON syntax (as encoding/json's checkValid), strings
// unquoted as encoding/json does (invalid UTF-8 and lone surrogates become
// U+FFFD). A syntax error is reported as errSyntax; the caller then asks
// encoding/json for its exact *json.SyntaxError.
type scanner struct {
	data  []byte
	pos   int
	depth int
	buf   []byte // scratch for unescaped strings
	// Members of the objects, lists and sets being decoded, on a stack
	// shared by all nesting levels, so each is made once at its final size.
	pairs []pair
	vals  []Value
	strs  []string
}

var scanners = sync.Pool{New: func() any { return new(scanner) }}

// getScanner returns a scanner over data, reusing the stacks of a
// previous one.
func getScanner(data []byte) *scanner {
	s := scanners.Get().(*scanner)
	s.data, s.pos, s.depth = data, 0, 0
	return s
}

// putScanner returns s to the pool, unless its buffers grew large.
func putScanner(s *scanner) {
	const maxKept = 1 << 16
	if cap(s.buf) > maxKept || cap(s.pairs) > 1024 || cap(s.vals) > 1024 || cap(s.strs) > 4096 {
		return
	}
	clear(s.pairs)
	clear(s.vals)
	clear(s.strs)
	s.data, s.pairs, s.vals, s.strs = nil, s.pairs[:0], s.vals[:0], s.strs[:0]
	scanners.Put(s)
}

// errSyntax marks input that is not valid JSON.
var errSyntax = errors.New("ddb: invalid JSON")

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipSpace advances past whitespace and returns the next byte (0 at the end).
func (s *scanner) skipSpace() byte {
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		if !isSpace(c) {
			return c
		}
		s.pos++
	}
	return 0
}

// expect consumes c after optional whitespace.
func (s *scanner) expect(c byte) error {
	if s.skipSpace() != c {
		return errSyntax
	}
	s.pos++
	return nil
}

// enter and leave track nesting depth around an object or array.
func (s *scanner) enter() error {
	s.depth++
	if s.depth > maxDepth {
		return errSyntax
	}
	s.pos++ // '{' or '['
	return nil
}

func (s *scanner) leave() { s.depth-- }

// more reports whether a container has another member: it consumes the ','
// before a member or the closing byte. first is true before the first one.
func (s *scanner) more(end byte, first bool) (bool, error) {
	c := s.skipSpace()
	if c == end {
		s.pos++
		return false, nil
	}
	if first {
		return true, nil
	}
	if c != ',' {
		return false, errSyntax
	}
	s.pos++
	s.skipSpace()
	return true, nil
}

// rawString scans the string at s.pos (its opening quote) and returns its
// content without quotes; plain is false when it needs unquote.
func (s *scanner) rawString() (raw []byte, plain bool, err error) {
	data := s.data
	if s.pos >= len(data) || data[s.pos] != '"' {
		return nil, false, errSyntax
	}
	start := s.pos + 1
	escaped, nonASCII := false, false
	for i := start; i < len(data); {
		c := data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			raw = data[start:i]
			plain = !escaped && (!nonASCII || utf8.Valid(raw))
			return raw, plain, nil
		case c == '\\':
			n := escapeLen(data[i:])
			if n == 0 {
				return nil, false, errSyntax
			}
			escaped = true
			i += n
		case c < 0x20:
			return nil, false, errSyntax
		default:
			if c >= utf8.RuneSelf {
				nonASCII = true
			}
			i++
		}
	}
	return nil, false, errSyntax
}

// escapeLen is the length of the valid escape at the start of b, or 0.
func escapeLen(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if getu4(b) < 0 {
			return 0
		}
		return 6
	}
	return 0
}

// getu4 decodes \uXXXX from the start of b, or returns -1.
func getu4(b []byte) rune {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// unquote appends the decoded form of a valid string's content to dst,
// exactly as encoding/json decodes it.
func unquote(dst, raw []byte) []byte {
	for r := 0; r < len(raw); {
		c := raw[r]
		switch {
		case c == '\\':
			if raw[r+1] == 'u' {
				var n int
				dst, n = appendEscapedRune(dst, raw[r:])
				r += n
				continue
			}
			dst = append(dst, unescapeByte(raw[r+1]))
			r += 2
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			r++
		default:
			rr, size := utf8.DecodeRune(raw[r:])
			dst = utf8.AppendRune(dst, rr)
			r += size
		}
	}
	return dst
}

func unescapeByte(c byte) byte {
	switch c {
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return c // '"', '\\', '/'
}

// appendEscapedRune decodes the \u escape at the start of b, joining a
// surrogate pair; a lone surrogate becomes U+FFFD. n is the bytes used.
func appendEscapedRune(dst, b []byte) (out []byte, n int) {
	rr := getu4(b)
	if utf16.IsSurrogate(rr) {
		if dec := utf16.DecodeRune(rr, getu4(b[6:])); dec != utf8.RuneError {
			return utf8.AppendRune(dst, dec), 12
		}
		rr = utf8.RuneError
	}
	return utf8.AppendRune(dst, rr), 6
}

// stringBytes scans a string and returns its decoded bytes, which alias
// the input or the scratch buffer: valid until the next call.
func (s *scanner) stringBytes() ([]byte, error) {
	raw, plain, err := s.rawString()
	if err != nil || plain {
		return raw, err
	}
	s.buf = unquote(s.buf[:0], raw)
	return s.buf, nil
}

// string scans a string and returns it as a new string.
func (s *scanner) string() (string, error) {
	b, err := s.stringBytes()
	return string(b), err
}

// number scans a JSON number and returns its text.
func (s *scanner) number() ([]byte, error) {
	data, i := s.data, s.pos
	start := i
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		i = skipDigits(data, i+1)
	default:
		return nil, errSyntax
	}
	if i < len(data) && data[i] == '.' {
		j := skipDigits(data, i+1)
		if j == i+1 {
			return nil, errSyntax
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := skipDigits(data, i)
		if j == i {
			return nil, errSyntax
		}
		i = j
	}
	s.pos = i
	return data[start:i], nil
}

func skipDigits(data []byte, i int) int {
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	return i
}

// literal consumes true, false or null, given its first byte.
func (s *scanner) literal(c byte) error {
	var word string
	switch c {
	case 't':
		word = "true"
	case 'f':
		word = "false"
	case 'n':
		word = "null"
	default:
		return errSyntax
	}
	if len(s.data)-s.pos < len(word) || string(s.data[s.pos:s.pos+len(word)]) != word {
		return errSyntax
	}
	s.pos += len(word)
	return nil
}

// skip scans over one value of any kind, checking its syntax.
func (s *scanner) skip() error {
	switch c := s.skipSpace(); c {
	case '{':
		return s.skipContainer('}')
	case '[':
		return s.skipContainer(']')
	case '"':
		_, _, err := s.rawString()
		return err
	case 't', 'f', 'n':
		return s.literal(c)
	default:
		_, err := s.number()
		return err
	}
}

func (s *scanner) skipContainer(end byte) error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	for first := true; ; first = false {
		ok, err := s.more(end, first)
		if err != nil || !ok {
			return err
		}
		if end == '}' {
			if _, _, err := s.rawString(); err != nil {
				return err
			}
			if err := s.expect(':'); err != nil {
				return err
			}
		}
		if err := s.skip(); err != nil {
			return err
		}
	}
}

// kindName names the JSON value starting with c as encoding/json's
// UnmarshalTypeError does.
func kindName(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}
