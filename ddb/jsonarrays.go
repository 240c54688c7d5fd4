package ddb

import (
	"encoding/base64"
	"reflect"
	"strconv"
)

// Decoding of the array members of a value (SS, NS, B as numbers, BS),
// reusing a slice the way encoding/json does when a member appears twice.

// stringSlice decodes a []string member (SS, NS).
func (s *scanner) stringSlice(w *wireState, dst *[]string) error {
	c := s.skipSpace()
	switch c {
	case 'n':
		*dst = nil
		return s.literal(c)
	case '[':
	default:
		return s.mismatchAt(w, c, typeStrings)
	}
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	if *dst == nil {
		return s.newStringSlice(w, dst)
	}
	out, err := decodeInto(s, *dst, func(e *string) error { return s.stringElem(w, e) })
	if err != nil {
		return err
	}
	*dst = out
	return nil
}

// newStringSlice decodes the strings of a set into a new slice of the
// right size, collecting them on s.strs first.
func (s *scanner) newStringSlice(w *wireState, dst *[]string) error {
	mark := len(s.strs)
	for first := true; ; first = false {
		ok, err := s.more(']', first)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		var str string
		if err := s.stringElem(w, &str); err != nil {
			return err
		}
		s.strs = append(s.strs, str)
	}
	out := make([]string, len(s.strs)-mark)
	copy(out, s.strs[mark:])
	clear(s.strs[mark:])
	s.strs = s.strs[:mark]
	*dst = out
	return nil
}

// stringElem decodes one string of a set; null leaves it as it was.
func (s *scanner) stringElem(w *wireState, dst *string) error {
	switch c := s.skipSpace(); c {
	case '"':
		str, err := s.string()
		*dst = str
		return err
	case 'n':
		return s.literal(c)
	default:
		return s.mismatchAt(w, c, typeString)
	}
}

// growAt makes index i of a slice being decoded usable, as encoding/json
// does: elements past the old length keep what the backing array held.
// decodeInto decodes the elements of a JSON array (its '[' already read)
// into out, reusing its storage, with elem decoding each one in place.
func decodeInto[T any](s *scanner, out []T, elem func(*T) error) ([]T, error) {
	i := 0
	for ; ; i++ {
		ok, err := s.more(']', i == 0)
		if err != nil {
			return out, err
		}
		if !ok {
			break
		}
		out = growAt(out, i)
		if err := elem(&out[i]); err != nil {
			return out, err
		}
	}
	return truncate(out, i), nil
}

func growAt[T any](out []T, i int) []T {
	if i >= cap(out) {
		var zero T
		out = append(out, zero)
	}
	if i >= len(out) {
		out = out[:i+1]
	}
	return out
}

// truncate ends a decoded slice after n elements; an empty one is a new,
// non-nil slice.
func truncate[T any](out []T, n int) []T {
	if n == 0 {
		return make([]T, 0)
	}
	return out[:n]
}

// binary decodes a []byte (B, or one member of BS): base64 text, or, as
// encoding/json allowed, an array of byte numbers. t names it in errors.
func (s *scanner) binary(w *wireState, dst *[]byte, t reflect.Type) error {
	switch c := s.skipSpace(); c {
	case '"':
		b, err := s.stringBytes()
		if err != nil {
			return err
		}
		out := make([]byte, base64.StdEncoding.DecodedLen(len(b)))
		n, err := base64.StdEncoding.Decode(out, b)
		if err != nil {
			w.save(err)
			return nil
		}
		*dst = out[:n]
		return nil
	case 'n':
		*dst = nil
		return s.literal(c)
	case '[':
		return s.byteArray(w, dst)
	default:
		return s.mismatchAt(w, c, t)
	}
}

// byteArray decodes [1,2,3] into a []byte.
func (s *scanner) byteArray(w *wireState, dst *[]byte) error {
	if err := s.enter(); err != nil {
		return err
	}
	out, err := decodeInto(s, *dst, func(e *byte) error { return s.byteElem(w, e) })
	if err != nil {
		return err
	}
	s.leave()
	*dst = out
	return nil
}

func (s *scanner) byteElem(w *wireState, dst *byte) error {
	c := s.skipSpace()
	switch {
	case c == 'n':
		return s.literal(c)
	case c == '-' || (c >= '0' && c <= '9'):
		num, err := s.number()
		if err != nil {
			return err
		}
		n, perr := strconv.ParseUint(string(num), 10, 64)
		if perr != nil || n > 255 {
			w.mismatch("number "+string(num), typeByte, s.pos)
			return nil
		}
		*dst = byte(n)
		return nil
	default:
		return s.mismatchAt(w, c, typeByte)
	}
}

// binarySet decodes a [][]byte member (BS).
func (s *scanner) binarySet(w *wireState) error {
	c := s.skipSpace()
	switch c {
	case 'n':
		w.bs = nil
		return s.literal(c)
	case '[':
	default:
		return s.mismatchAt(w, c, typeBinSet)
	}
	if err := s.enter(); err != nil {
		return err
	}
	out, err := decodeInto(s, w.bs, func(e *[]byte) error { return s.binary(w, e, typeBytes) })
	if err != nil {
		return err
	}
	s.leave()
	w.bs = out
	return nil
}
