package ddb

// build checks the collected members and sets v, with the checks and
// messages of the reflection-based decoder, in its order.
func (w *wireState) build(v *Value) error {
	set := 0
	*v = Value{}
	if w.hasS {
		set++
		v.Type, v.S = TypeS, w.s
	}
	if w.hasN {
		set++
		n, err := canonicalNumber(w.n)
		if err != nil {
			return err
		}
		v.Type, v.N = TypeN, n
	}
	if w.b != nil {
		set++
		v.Type, v.B = TypeB, w.b
	}
	if w.ss != nil {
		set++
		v.Type, v.Strings = TypeSS, w.ss
	}
	if w.ns != nil {
		set++
		for i, s := range w.ns {
			n, err := canonicalNumber(s)
			if err != nil {
				return err
			}
			w.ns[i] = n
		}
		v.Type, v.Strings = TypeNS, w.ns
	}
	return w.buildRest(v, set)
}

func (w *wireState) buildRest(v *Value, set int) error {
	if w.bs != nil {
		set++
		v.Type, v.Binaries = TypeBS, w.bs
	}
	if w.m != nil {
		set++
		v.Type, v.M = TypeM, w.m
	}
	if w.l != nil {
		set++
		v.Type, v.L = TypeL, w.l
	}
	if w.hasNull {
		set++
		if !w.nullVal {
			return InvalidParameter("Null attribute value types must have the value of true")
		}
		v.Type = TypeNULL
	}
	if w.hasBool {
		set++
		v.Type, v.Bool = TypeBOOL, w.boolVal
	}
	switch {
	case set == 0:
		return errEmptyValue()
	case set > 1:
		return Validationf("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
	}
	return nil
}

func errEmptyValue() error {
	return Validationf("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
}

// canonicalNumber validates a number's text and returns its canonical form
// (ParseNumber(s).String()). Text that is canonical already, the common
// case, is returned as is without parsing.
func canonicalNumber(s string) (string, error) {
	if isCanonicalNumber(s) {
		return s, nil
	}
	n, err := ParseNumber(s)
	if err != nil {
		return "", err
	}
	return n.String(), nil
}

// isCanonicalNumber reports whether s is a number in canonical form with at
// most 38 digits: -?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?, not "-0".
func isCanonicalNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := len(s) - i
	if digits == 0 || digits > MaxNumberDigits+1 {
		return false
	}
	intStart := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	switch {
	case i == intStart:
		return false
	case s[intStart] == '0' && i-intStart > 1:
		return false
	case i == len(s):
		return !(s == "-0") && digits <= MaxNumberDigits
	case s[i] != '.':
		return false
	}
	i++
	fracStart := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i == len(s) && i > fracStart && s[i-1] != '0'
}
