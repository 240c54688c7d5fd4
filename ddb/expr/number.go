package expr

import (
	"strconv"
	"strings"

	"github.com/gojets/jets/ddb"
)

// compareNumbers compares two number texts by value. Plain decimals (the
// canonical form ddb keeps) compare without allocating; anything else falls
// back to ddb.CompareNumberStrings.
func compareNumbers(a, b string) int {
	na, okA := splitPlain(a)
	nb, okB := splitPlain(b)
	if !okA || !okB {
		return ddb.CompareNumberStrings(a, b)
	}
	if na.sign != nb.sign {
		if na.sign < nb.sign {
			return -1
		}
		return 1
	}
	c := compareMagnitude(na, nb)
	if na.sign < 0 {
		return -c
	}
	return c
}

// plain is a decimal split into sign and its integer and fraction digits,
// without leading or trailing zeros.
type plain struct {
	sign       int
	intPart    string
	fracDigits string
}

func splitPlain(s string) (plain, bool) {
	var p plain
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return p, false
	}
	dot := -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && dot < 0:
			dot = i
		case c < '0' || c > '9':
			return p, false
		}
	}
	p.intPart, p.fracDigits = s, ""
	if dot >= 0 {
		p.intPart, p.fracDigits = s[:dot], s[dot+1:]
	}
	p.intPart = strings.TrimLeft(p.intPart, "0")
	p.fracDigits = strings.TrimRight(p.fracDigits, "0")
	switch {
	case p.intPart == "" && p.fracDigits == "":
		p.sign = 0
	case neg:
		p.sign = -1
	default:
		p.sign = 1
	}
	return p, true
}

func compareMagnitude(a, b plain) int {
	if len(a.intPart) != len(b.intPart) {
		if len(a.intPart) < len(b.intPart) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.intPart, b.intPart); c != 0 {
		return c
	}
	return strings.Compare(a.fracDigits, b.fracDigits)
}

// smallInts holds the texts of the sizes most items have, so size() does
// not allocate for them.
var smallInts = func() [256]string {
	var t [256]string
	for i := range t {
		t[i] = strconv.Itoa(i)
	}
	return t
}()

func intText(n int) string {
	if n >= 0 && n < len(smallInts) {
		return smallInts[n]
	}
	return strconv.Itoa(n)
}
