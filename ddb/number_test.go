package ddb_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gojets/jets/ddb"
)

const (
	msgNotNumeric = "The parameter cannot be converted to a numeric value"
	msgDigits     = "Attempting to store more than 38 significant digits in a Number"
	msgOverflow   = "Number overflow. Attempting to store a number with magnitude larger than supported range"
	msgUnderflow  = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
)

func TestParseNumberNormalizes(t *testing.T) {
	max := "9.9999999999999999999999999999999999999E+125"
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"-0", "0"},
		{"+0.000", "0"},
		{"0e99999", "0"},
		{"1", "1"},
		{"+1", "1"},
		{"-1", "-1"},
		{"007", "7"},
		{"1.0", "1"},
		{"1.", "1"},
		{".5", "0.5"},
		{"-.5", "-0.5"},
		{"0.050", "0.05"},
		{"1000", "1000"},
		{"1e3", "1000"},
		{"1E+3", "1000"},
		{"1.5e1", "15"},
		{"12.5", "12.5"},
		{"-12.50", "-12.5"},
		{"1e-3", "0.001"},
		{"123.456e-2", "1.23456"},
		{"123.456e2", "12345.6"},
		{"1e-130", "0." + strings.Repeat("0", 129) + "1"},
		{"-1E-130", "-0." + strings.Repeat("0", 129) + "1"},
		{"1e125", "1" + strings.Repeat("0", 125)},
		{max, strings.Repeat("9", 38) + strings.Repeat("0", 88)},
		{"-" + max, "-" + strings.Repeat("9", 38) + strings.Repeat("0", 88)},
		// 38 significant digits, with zeros around them that do not count.
		{"000" + strings.Repeat("7", 38) + "000", strings.Repeat("7", 38) + "000"},
		{"0.000" + strings.Repeat("3", 38), "0.000" + strings.Repeat("3", 38)},
		{"1234567890123456789012345678901234567800", "1234567890123456789012345678901234567800"},
	}
	for _, tt := range tests {
		n, err := ddb.ParseNumber(tt.in)
		if err != nil {
			t.Errorf("ParseNumber(%q): %v", tt.in, err)
			continue
		}
		if got := n.String(); got != tt.want {
			t.Errorf("ParseNumber(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		// The canonical form parses to itself.
		again, err := ddb.ParseNumber(n.String())
		if err != nil || again != n {
			t.Errorf("ParseNumber(%q) = %+v, %v; want %+v", n.String(), again, err, n)
		}
	}
}

func TestParseNumberErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", msgNotNumeric},
		{"abc", msgNotNumeric + ": abc"},
		{"b", msgNotNumeric + ": b"},
		{"-", msgNotNumeric + ": -"},
		{".", msgNotNumeric + ": ."},
		{"1e", msgNotNumeric + ": 1e"},
		{"1e+", msgNotNumeric + ": 1e+"},
		{"--1", msgNotNumeric + ": --1"},
		{"1.2.3", msgNotNumeric + ": 1.2.3"},
		{" 1", msgNotNumeric + ":  1"},
		{"1 ", msgNotNumeric + ": 1 "},
		{"0x10", msgNotNumeric + ": 0x10"},
		{"NaN", msgNotNumeric + ": NaN"},
		{"Infinity", msgNotNumeric + ": Infinity"},
		{"1e5.5", msgNotNumeric + ": 1e5.5"},
		{"123456789012345678901234567890123456789", msgDigits},
		{"-1.23456789012345678901234567890123456789", msgDigits},
		{"1e126", msgOverflow},
		{"-1e126", msgOverflow},
		{"10E+125", msgOverflow},
		{"1e999999999999", msgOverflow},
		{"1e-131", msgUnderflow},
		{"-1e-131", msgUnderflow},
		{"0.1e-130", msgUnderflow},
		{"1e-999999999999", msgUnderflow},
		// DynamoDB (and dynalite) check the range before the digit count.
		{"1." + strings.Repeat("1", 38) + "e200", msgOverflow},
		{"1." + strings.Repeat("1", 38) + "e-200", msgUnderflow},
	}
	for _, tt := range tests {
		_, err := ddb.ParseNumber(tt.in)
		var e *ddb.Error
		if !errors.As(err, &e) {
			t.Errorf("ParseNumber(%q) error = %v, want a *ddb.Error", tt.in, err)
			continue
		}
		if e.Code != ddb.CodeValidation || e.Message != tt.want {
			t.Errorf("ParseNumber(%q) error = %s: %q, want ValidationException: %q", tt.in, e.Code, e.Message, tt.want)
		}
	}
}

func mustNumber(t *testing.T, s string) ddb.Number {
	t.Helper()
	n, err := ddb.ParseNumber(s)
	if err != nil {
		t.Fatalf("ParseNumber(%q): %v", s, err)
	}
	return n
}

func TestNumberCmp(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"0", "-0", 0},
		{"1", "1.0", 0},
		{"1e2", "100", 0},
		{"1", "2", -1},
		{"2", "1", 1},
		{"-1", "1", -1},
		{"-2", "-1", -1},
		{"-1", "-2", 1},
		{"0", "0.0001", -1},
		{"0", "-0.0001", 1},
		{"9", "10", -1},
		{"0.9", "0.10", 1},
		{"0.09", "0.1", -1},
		{"1.5", "1.45", 1},
		{"-1.5", "-1.45", -1},
		{"1e-130", "0", 1},
		{"9.9999999999999999999999999999999999999E+125", "1e125", 1},
		{"12345678901234567890123456789012345678", "12345678901234567890123456789012345679", -1},
	}
	for _, tt := range tests {
		a, b := mustNumber(t, tt.a), mustNumber(t, tt.b)
		if got := a.Cmp(b); got != tt.want {
			t.Errorf("Cmp(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := b.Cmp(a); got != -tt.want {
			t.Errorf("Cmp(%s, %s) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
		if got := ddb.CompareNumberStrings(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareNumberStrings(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNumberAddSubExact(t *testing.T) {
	tests := []struct{ a, b, sum, diff string }{
		{"0", "0", "0", "0"},
		{"1", "2", "3", "-1"},
		{"0.1", "0.2", "0.3", "-0.1"},
		{"1.5", "-1.5", "0", "3"},
		{"-7", "-3", "-10", "-4"},
		{"100", "0.001", "100.001", "99.999"},
		{"1e10", "1", "10000000001", "9999999999"},
		{"99999999999999999999999999999999999999", "-1", "99999999999999999999999999999999999998", "100000000000000000000000000000000000000"},
		{"1234567890123456789012345678901234567.8", "0.1", "1234567890123456789012345678901234567.9", "1234567890123456789012345678901234567.7"},
		{"0.3", "-0.1", "0.2", "0.4"},
	}
	for _, tt := range tests {
		a, b := mustNumber(t, tt.a), mustNumber(t, tt.b)
		sum, err := a.Add(b)
		if err != nil || sum.String() != tt.sum {
			t.Errorf("%s + %s = %s, %v; want %s", tt.a, tt.b, sum, err, tt.sum)
		}
		diff, err := a.Sub(b)
		if err != nil || diff.String() != tt.diff {
			t.Errorf("%s - %s = %s, %v; want %s", tt.a, tt.b, diff, err, tt.diff)
		}
		if sum.String() == "0" && (sum.Neg || !sum.IsZero()) {
			t.Errorf("%s + %s = %+v, want the canonical zero", tt.a, tt.b, sum)
		}
	}
}

func TestNumberAddLimits(t *testing.T) {
	big9 := mustNumber(t, "9e125")
	if _, err := big9.Add(big9); !isValidation(err, msgOverflow) {
		t.Errorf("9e125 + 9e125: %v, want %q", err, msgOverflow)
	}
	if _, err := mustNumber(t, "-9e125").Sub(big9); !isValidation(err, msgOverflow) {
		t.Errorf("-9e125 - 9e125: %v, want %q", err, msgOverflow)
	}
	tiny := mustNumber(t, "2e-130")
	if _, err := tiny.Sub(mustNumber(t, "1.5e-130")); !isValidation(err, msgUnderflow) {
		t.Errorf("2e-130 - 1.5e-130: %v, want %q", err, msgUnderflow)
	}
	// 39 significant digits after the addition.
	big := mustNumber(t, strings.Repeat("9", 38))
	if _, err := big.Add(mustNumber(t, "0.1")); !isValidation(err, msgDigits) {
		t.Errorf("38 nines + 0.1: %v, want %q", err, msgDigits)
	}
}

func isValidation(err error, msg string) bool {
	var e *ddb.Error
	return errors.As(err, &e) && e.Code == ddb.CodeValidation && e.Message == msg
}

func TestNumberSize(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"0", 1},
		{"1", 2},
		{"12", 2},
		{"123", 3},
		{"-101", 3},
		{"1" + strings.Repeat("0", 125), 2},
		{"11" + strings.Repeat("0", 124), 2},
		{"11111" + strings.Repeat("0", 121), 4},
		{"111111" + strings.Repeat("0", 120), 4},
		{"1111111" + strings.Repeat("0", 119), 5},
		{strings.Repeat("1", 38) + strings.Repeat("0", 88), 20},
	}
	for _, tt := range tests {
		if got := mustNumber(t, tt.in).Size(); got != tt.want {
			t.Errorf("size of %.12s… = %d, want %d", tt.in, got, tt.want)
		}
	}
}
