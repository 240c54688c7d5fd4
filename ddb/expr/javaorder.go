package expr

import (
	"sort"
	"unicode/utf16"
)

// javaSetOrder orders keys as a java.util.HashSet built from total keys
// iterates them, which is the order DynamoDB lists keys in its messages
// about unused placeholders. Keys in one bucket keep lexical order.
func javaSetOrder(keys []string, total int) []string {
	want := int(float32(total)/0.75) + 1
	if want < 16 {
		want = 16
	}
	capacity := 1
	for capacity < want {
		capacity *= 2
	}
	slot := func(k string) uint32 {
		h := javaHash(k)
		return (h ^ (h >> 16)) & uint32(capacity-1)
	}
	out := append([]string(nil), keys...)
	sort.Slice(out, func(i, j int) bool {
		si, sj := slot(out[i]), slot(out[j])
		if si != sj {
			return si < sj
		}
		return out[i] < out[j]
	})
	return out
}

// javaHash is Java's String.hashCode: over UTF-16 code units, wrapping.
func javaHash(s string) uint32 {
	var h int32
	for _, u := range utf16.Encode([]rune(s)) {
		h = 31*h + int32(u)
	}
	return uint32(h)
}
