package expr

import (
	"strings"
	"testing"
)

// TestCompilePathological compiles expressions at the size limit that make
// the parser backtrack or recurse the most.
func TestCompilePathological(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("(", 4096),
		strings.Repeat("(", 2047) + "a",
		strings.Repeat("((a = b) AND ", 300),
		strings.Repeat("NOT ", 1024),
		strings.Repeat("(", 1000) + "a = b" + strings.Repeat(")", 1000),
		"a IN (" + strings.Repeat("b,", 2000) + "c)",
		"SET " + strings.Repeat("a[1].", 800) + "b = c",
	} {
		for _, r := range []Request{{Condition: src}, {Update: src}, {Projection: src}} {
			if _, err := Compile(r); err != nil {
				validationMessage(t, err)
			}
		}
	}
}
