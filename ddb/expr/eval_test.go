package expr

import "testing"

const evalItem = `{
	"pk": {"S": "k1"},
	"s": {"S": "hello world"},
	"u": {"S": "é𝄞"},
	"n": {"N": "10.5"},
	"neg": {"N": "-3"},
	"b": {"B": "AQID"},
	"t": {"BOOL": true},
	"nul": {"NULL": true},
	"ss": {"SS": ["a", "b"]},
	"ns": {"NS": ["1", "2.50"]},
	"bs": {"BS": ["AQ==", "Ag=="]},
	"l": {"L": [{"S": "x"}, {"N": "2"}, {"M": {"deep": {"S": "y"}}}]},
	"m": {"M": {"a": {"N": "1"}, "b": {"L": [{"S": "p"}, {"S": "q"}]}}},
	"status": {"S": "active"}
}`

const evalValues = `{
	":hello": {"S": "hello world"}, ":he": {"S": "he"}, ":wor": {"S": "wor"}, ":zz": {"S": "zz"},
	":x": {"S": "x"}, ":a": {"S": "a"}, ":c": {"S": "c"}, ":y": {"S": "y"},
	":ten5": {"N": "10.50"}, ":n1": {"N": "1"}, ":n2": {"N": "2"}, ":n2_5": {"N": "2.5"}, ":n3": {"N": "3"},
	":n11": {"N": "11"}, ":n0": {"N": "0"}, ":n100": {"N": "100"}, ":neg5": {"N": "-5"},
	":b12": {"B": "AQI="}, ":b3": {"B": "Aw=="}, ":b1": {"B": "AQ=="}, ":bfull": {"B": "AQID"},
	":true": {"BOOL": true}, ":false": {"BOOL": false},
	":tS": {"S": "S"}, ":tN": {"S": "N"}, ":tSS": {"S": "SS"}, ":tNULL": {"S": "NULL"}, ":tM": {"S": "M"}, ":tL": {"S": "L"}, ":tBOOL": {"S": "BOOL"},
	":ssab": {"SS": ["b", "a"]}, ":lx": {"L": [{"S": "x"}, {"N": "2"}, {"M": {"deep": {"S": "y"}}}]},
	":m2": {"M": {"deep": {"S": "y"}}}, ":active": {"S": "active"}
}`

func TestConditionEval(t *testing.T) {
	tests := []struct {
		cond string
		want bool
	}{
		{"s = :hello", true},
		{"s = :x", false},
		{"n = :ten5", true},
		{"n > :n1 AND n < :n11", true},
		{"n >= :ten5 AND n <= :ten5", true},
		{"neg < :n0", true},
		{"neg > :neg5", true},
		{"s > :he", true},
		{"s < :zz", true},
		{"b > :b12", true},
		{"b < :b3", true},
		{"s = :n1", false},
		{"s < :n1", false},
		{"s <> :n1", true},
		{"absent = :x", false},
		{"absent <> :x", true},
		{"absent < :x", false},
		{"NOT absent = :x", true},
		{"t = :true", true},
		{"t <> :false", true},
		{"ss = :ssab", true},
		{"l = :lx", true},
		{"l[2] = :m2", true},
		{"l[2].deep = :y", true},
		{"m.b[1] = :y", false},
		{"m.a = :n1", true},
		{"m.absent.x = :n1", false},
		{"s.x = :n1", false},
		{"l[9] = :x", false},
		{"n BETWEEN :n1 AND :n11", true},
		{"n BETWEEN :n11 AND :n100", false},
		{"n BETWEEN :ten5 AND :ten5", true},
		{"s BETWEEN :a AND :zz", true},
		{"s BETWEEN :n1 AND :n2", false},
		{"absent BETWEEN :n1 AND :n2", false},
		{"n IN (:n1, :ten5)", true},
		{"n IN (:n1, :n2)", false},
		{"absent IN (:n1)", false},
		{"s IN (:x, m.a, s.x, :hello)", true},
		{"attribute_exists(s)", true},
		{"attribute_exists(absent)", false},
		{"attribute_not_exists(absent)", true},
		{"attribute_exists(m.b[1])", true},
		{"attribute_exists(m.b[2])", false},
		{"attribute_exists(nul)", true},
		{"attribute_type(s, :tS)", true},
		{"attribute_type(n, :tN)", true},
		{"attribute_type(n, :tS)", false},
		{"attribute_type(ss, :tSS)", true},
		{"attribute_type(nul, :tNULL)", true},
		{"attribute_type(m, :tM)", true},
		{"attribute_type(l, :tL)", true},
		{"attribute_type(t, :tBOOL)", true},
		{"attribute_type(absent, :tS)", false},
		{"begins_with(s, :he)", true},
		{"begins_with(s, :wor)", false},
		{"begins_with(b, :b12)", true},
		{"begins_with(b, :b3)", false},
		{"begins_with(n, :he)", false},
		{"begins_with(absent, :he)", false},
		{"contains(s, :wor)", true},
		{"contains(s, :zz)", false},
		{"contains(ss, :a)", true},
		{"contains(ss, :c)", false},
		{"contains(ns, :n2_5)", true},
		{"contains(ns, :n3)", false},
		{"contains(bs, :b1)", true},
		{"contains(bs, :b3)", false},
		{"contains(l, :x)", true},
		{"contains(l, :n2)", true},
		{"contains(l, :m2)", true},
		{"contains(l, :y)", false},
		{"contains(b, :b12)", true},
		{"contains(ss, :n1)", false},
		{"contains(absent, :x)", false},
		{"size(s) = :n11", true},
		{"size(u) = :n3", true},
		{"size(b) = :n3", true},
		{"size(ss) = :n2", true},
		{"size(ns) = :n2", true},
		{"size(bs) = :n2", true},
		{"size(l) = :n3", true},
		{"size(m) = :n2", true},
		{"size(n) = :n2", false},
		{"size(n) <> :n2", true},
		{"size(absent) = :n0", false},
		{"size(l) > size(m)", true},
		{"#st = :active", true},
		{"s = :hello AND n = :n1", false},
		{"s = :hello OR n = :n1", true},
		{"s = :x OR n = :n1 AND t = :true", false},
		{"(s = :x OR n = :ten5) AND t = :true", true},
		{"NOT s = :x AND t = :true", true},
		{"NOT (s = :hello AND t = :true)", false},
		{"s = :x or n = :ten5 and t = :true", true},
	}
	it := item(t, evalItem)
	for _, tc := range tests {
		t.Run(tc.cond, func(t *testing.T) {
			c := mustCompile(t, withPlaceholders(t, Request{Condition: tc.cond}, evalValues, `{"#st":"status"}`))
			got, err := c.Condition.Eval(it)
			if err != nil || got != tc.want {
				t.Errorf("Eval = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestConditionEvalMissingItem(t *testing.T) {
	for cond, want := range map[string]bool{
		"attribute_not_exists(pk)": true,
		"attribute_exists(pk)":     false,
		"pk = :x":                  false,
		"pk <> :x":                 true,
		"NOT contains(pk, :x)":     true,
	} {
		c := mustCompile(t, withPlaceholders(t, Request{Condition: cond}, evalValues, ""))
		if got, _ := c.Condition.Eval(nil); got != want {
			t.Errorf("%s on no item = %v, want %v", cond, got, want)
		}
	}
}

func TestCompareNumbers(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1", "1", 0}, {"1", "2", -1}, {"10", "9", 1}, {"-1", "1", -1}, {"-10", "-9", -1},
		{"0", "-0", 0}, {"0.5", "0.50", 0}, {"00012", "12", 0}, {"1.25", "1.3", -1},
		{"-0.001", "0", -1}, {"100", "1E+2", 0}, {"1e-2", "0.01", 0}, {"123.456", "123.4561", -1},
		{"-5", "-5.0000", 0}, {"99999999999999999999999999999999999999", "1E+38", -1},
	}
	for _, tc := range tests {
		if got := compareNumbers(tc.a, tc.b); got != tc.want {
			t.Errorf("compareNumbers(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := compareNumbers(tc.b, tc.a); got != -tc.want {
			t.Errorf("compareNumbers(%s, %s) = %d, want %d", tc.b, tc.a, got, -tc.want)
		}
	}
}
