package expr

import "github.com/gojets/jets/ddb"

// member returns the i'th member of a set as a scalar value.
func member(set ddb.Value, i int) ddb.Value {
	switch set.Type {
	case ddb.TypeSS:
		return ddb.Value{Type: ddb.TypeS, S: set.Strings[i]}
	case ddb.TypeNS:
		return ddb.Value{Type: ddb.TypeN, N: set.Strings[i]}
	}
	return ddb.Value{Type: ddb.TypeB, B: set.Binaries[i]}
}

func setLen(set ddb.Value) int {
	if set.Type == ddb.TypeBS {
		return len(set.Binaries)
	}
	return len(set.Strings)
}

// union returns a's members followed by b's members that a lacks.
func union(a, b ddb.Value) ddb.Value {
	out := a.Clone()
	for i := 0; i < setLen(b); i++ {
		if m := member(b, i); !setHas(a, m) {
			out = appendMember(out, m)
		}
	}
	return out
}

// minus returns a's members that b lacks.
func minus(a, b ddb.Value) ddb.Value {
	out := ddb.Value{Type: a.Type}
	for i := 0; i < setLen(a); i++ {
		if m := member(a, i); !setHas(b, m) {
			out = appendMember(out, m)
		}
	}
	return out
}

func appendMember(set, m ddb.Value) ddb.Value {
	switch set.Type {
	case ddb.TypeSS:
		set.Strings = append(set.Strings, m.S)
	case ddb.TypeNS:
		set.Strings = append(set.Strings, m.N)
	default:
		set.Binaries = append(set.Binaries, append([]byte(nil), m.B...))
	}
	return set
}
