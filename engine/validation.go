package engine

import (
	"fmt"
	"strings"

	"github.com/gojets/jets/ddb"
)

// violations collects DynamoDB's request-shape errors ("Value 'x' at 'y'
// failed to satisfy constraint: …") and reports them together, as DynamoDB
// does: "2 validation errors detected: …; …".
type violations []string

func (v *violations) add(value any, path, constraint string) {
	var shown string
	switch x := value.(type) {
	case nil:
		shown = "null"
	case string:
		shown = "'" + x + "'"
	default:
		shown = fmt.Sprintf("'%v'", x)
	}
	*v = append(*v, fmt.Sprintf("Value %s at '%s' failed to satisfy constraint: %s", shown, path, constraint))
}

func (v *violations) notNull(path string) { v.add(nil, path, "Member must not be null") }

func (v *violations) enum(value, path string, set string) {
	v.add(value, path, "Member must satisfy enum value set: ["+set+"]")
}

func (v violations) err() error {
	switch len(v) {
	case 0:
		return nil
	case 1:
		return ddb.Validationf("1 validation error detected: %s", v[0])
	}
	return ddb.Validationf("%d validation errors detected: %s", len(v), strings.Join(v, "; "))
}

// checkName adds the violations of a table or index name at path.
func (v *violations) checkName(name, path string, required bool) {
	if name == "" {
		if required {
			v.notNull(path)
		}
		return
	}
	if !validName(name) {
		v.add(name, path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
	}
	if len(name) < 3 {
		v.add(name, path, "Member must have length greater than or equal to 3")
	}
	if len(name) > 255 {
		v.add(name, path, "Member must have length less than or equal to 255")
	}
}

func validName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// checkEnum adds an enum violation unless value is empty or one of allowed.
func (v *violations) checkEnum(value, path string, allowed ...string) {
	if value == "" {
		return
	}
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	v.enum(value, path, strings.Join(allowed, ", "))
}

// bracketList formats names as DynamoDB does in messages: [a, b].
func bracketList(names []string) string { return "[" + strings.Join(names, ", ") + "]" }
