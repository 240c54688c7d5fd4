package ddb

import (
	"encoding/base64"
	"strings"
)

// ValidateValue checks the rules DynamoDB applies to every attribute value
// in a request: sets are non-empty and hold no duplicates, recursively in
// maps and lists.
func ValidateValue(v Value) error {
	switch v.Type {
	case TypeSS:
		if len(v.Strings) == 0 {
			return InvalidParameter("An string set  may not be empty")
		}
		if d := duplicates(v.Strings); d {
			return InvalidParameter("Input collection %s contains duplicates.", formatList(v.Strings))
		}
	case TypeNS:
		if len(v.Strings) == 0 {
			return InvalidParameter("An number set  may not be empty")
		}
		canon := make([]string, len(v.Strings))
		for i, s := range v.Strings {
			canon[i] = canonicalMember(TypeNS, s)
		}
		if duplicates(canon) {
			return Validationf("Input collection contains duplicates")
		}
	case TypeBS:
		if len(v.Binaries) == 0 {
			return InvalidParameter("Binary sets should not be empty")
		}
		ss := make([]string, len(v.Binaries))
		for i, b := range v.Binaries {
			ss[i] = string(b)
		}
		if duplicates(ss) {
			enc := make([]string, len(v.Binaries))
			for i, b := range v.Binaries {
				enc[i] = base64.StdEncoding.EncodeToString(b)
			}
			return InvalidParameter("Input collection %sof type BS contains duplicates.", formatList(enc))
		}
	case TypeM:
		for _, e := range v.M {
			if err := ValidateValue(e); err != nil {
				return err
			}
		}
	case TypeL:
		for _, e := range v.L {
			if err := ValidateValue(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// ValidateItem checks every value of it with ValidateValue.
func ValidateItem(it Item) error {
	for _, v := range it {
		if err := ValidateValue(v); err != nil {
			return err
		}
	}
	return nil
}

func duplicates(ss []string) bool {
	seen := make(map[string]struct{}, len(ss))
	for _, s := range ss {
		if _, ok := seen[s]; ok {
			return true
		}
		seen[s] = struct{}{}
	}
	return false
}

func formatList(ss []string) string {
	return "[" + strings.Join(ss, ", ") + "]"
}
