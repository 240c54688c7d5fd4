package ddb

import (
	"math/big"
	"strings"
)

// Number is an exact DynamoDB number: up to 38 significant digits, magnitude
// between 1E-130 and 9.9999999999999999999999999999999999999E+125, or zero.
//
// Its value is 0.Digits × 10^Exp, negated when Neg. Digits has no leading or
// trailing zeros; zero has empty Digits.
type Number struct {
	Neg    bool
	Digits string
	Exp    int
}

// The limits of DynamoDB numbers.
const (
	MaxNumberDigits = 38
	maxNumberExp    = 126  // 0.d × 10^126 ≥ 1E+125, < 1E+126
	minNumberExp    = -129 // 0.1 × 10^-129 = 1E-130
)

// ParseNumber parses and validates the text of a DynamoDB number. Errors are
// ValidationExceptions with DynamoDB's messages.
func ParseNumber(s string) (Number, error) {
	n, ok := parseDecimal(s)
	if !ok {
		if s == "" {
			return Number{}, Validationf("The parameter cannot be converted to a numeric value")
		}
		return Number{}, Validationf("The parameter cannot be converted to a numeric value: %s", s)
	}
	return n, n.check()
}

func parseDecimal(s string) (Number, bool) {
	var n Number
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		n.Neg = s[i] == '-'
		i++
	}
	var mant strings.Builder
	pointPos, sawDigit, sawPoint := -1, false, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			mant.WriteByte(c)
			sawDigit = true
		case c == '.' && !sawPoint:
			sawPoint = true
			pointPos = mant.Len()
		default:
			goto exponent
		}
	}
exponent:
	if !sawDigit {
		return Number{}, false
	}
	exp := 0
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return Number{}, false
		}
		i++
		expNeg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			expNeg = s[i] == '-'
			i++
		}
		if i == len(s) {
			return Number{}, false
		}
		for ; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return Number{}, false
			}
			if exp < 1_000_000 {
				exp = exp*10 + int(c-'0')
			}
		}
		if expNeg {
			exp = -exp
		}
	}
	digits := mant.String()
	if pointPos < 0 {
		pointPos = len(digits)
	}
	// value = 0.digits × 10^(pointPos+exp); now trim zeros.
	lead := 0
	for lead < len(digits) && digits[lead] == '0' {
		lead++
	}
	digits = digits[lead:]
	e := pointPos + exp - lead
	digits = strings.TrimRight(digits, "0")
	if digits == "" {
		return Number{}, true
	}
	n.Digits, n.Exp = digits, e
	return n, true
}

func (n Number) check() error {
	if n.Digits == "" {
		return nil
	}
	if n.Exp > maxNumberExp {
		return Validationf("Number overflow. Attempting to store a number with magnitude larger than supported range")
	}
	if n.Exp < minNumberExp {
		return Validationf("Number underflow. Attempting to store a number with magnitude smaller than supported range")
	}
	if len(n.Digits) > MaxNumberDigits {
		return Validationf("Attempting to store more than 38 significant digits in a Number")
	}
	return nil
}

// IsZero reports whether n is 0.
func (n Number) IsZero() bool { return n.Digits == "" }

// String returns n in DynamoDB's canonical plain notation: no exponent, no
// leading or trailing zeros ("1000", "0.05", "-12.5", "0").
func (n Number) String() string {
	if n.Digits == "" {
		return "0"
	}
	var b strings.Builder
	if n.Neg {
		b.WriteByte('-')
	}
	d := n.Digits
	switch {
	case n.Exp >= len(d):
		b.WriteString(d)
		b.WriteString(strings.Repeat("0", n.Exp-len(d)))
	case n.Exp > 0:
		b.WriteString(d[:n.Exp])
		b.WriteByte('.')
		b.WriteString(d[n.Exp:])
	default:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -n.Exp))
		b.WriteString(d)
	}
	return b.String()
}

// Cmp compares a and b by value: -1, 0 or +1.
func (a Number) Cmp(b Number) int {
	if sa, sb := a.sign(), b.sign(); sa != sb || sa == 0 {
		switch {
		case sa < sb:
			return -1
		case sa > sb:
			return 1
		}
		return 0
	}
	c := cmpMagnitude(a, b)
	if a.Neg {
		return -c
	}
	return c
}

func (n Number) sign() int {
	switch {
	case n.Digits == "":
		return 0
	case n.Neg:
		return -1
	}
	return 1
}

func cmpMagnitude(a, b Number) int {
	if a.Exp != b.Exp {
		if a.Exp < b.Exp {
			return -1
		}
		return 1
	}
	return strings.Compare(a.Digits, b.Digits)
}

// CompareNumberStrings compares two number texts by value. Unparsable text
// sorts as zero; callers validate numbers before comparing them.
func CompareNumberStrings(a, b string) int {
	na, _ := parseDecimal(a)
	nb, _ := parseDecimal(b)
	return na.Cmp(nb)
}

// Add returns a+b, validated against DynamoDB's limits.
func (a Number) Add(b Number) (Number, error) {
	x, ex := a.bigInt()
	y, ey := b.bigInt()
	// align to the smaller exponent
	for ex > ey {
		x.Mul(x, big.NewInt(10))
		ex--
	}
	for ey > ex {
		y.Mul(y, big.NewInt(10))
		ey--
	}
	sum := new(big.Int).Add(x, y)
	n := fromBigInt(sum, ex)
	return n, n.check()
}

// Sub returns a-b, validated against DynamoDB's limits.
func (a Number) Sub(b Number) (Number, error) {
	b.Neg = !b.Neg
	if b.Digits == "" {
		b.Neg = false
	}
	return a.Add(b)
}

// bigInt returns n as i × 10^e.
func (n Number) bigInt() (*big.Int, int) {
	if n.Digits == "" {
		return new(big.Int), 0
	}
	i, _ := new(big.Int).SetString(n.Digits, 10)
	if n.Neg {
		i.Neg(i)
	}
	return i, n.Exp - len(n.Digits)
}

func fromBigInt(i *big.Int, e int) Number {
	s := i.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	n, _ := parseDecimal(s)
	if n.Digits == "" {
		return Number{}
	}
	n.Neg = neg
	n.Exp += e
	return n
}

// Size is the number of bytes DynamoDB counts for the number's value:
// ⌈significant digits / 2⌉ + 1.
func (n Number) Size() int {
	return (len(n.Digits)+1)/2 + 1
}
