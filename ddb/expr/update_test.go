package expr

import (
	"reflect"
	"testing"
)

const updateItem = `{
	"pk": {"S": "k1"},
	"s": {"S": "str"},
	"n": {"N": "10.5"},
	"ss": {"SS": ["a", "b"]},
	"ns": {"NS": ["1", "2.5"]},
	"bs": {"BS": ["AQ=="]},
	"l": {"L": [{"S": "x"}, {"N": "2"}, {"M": {"deep": {"S": "y"}}}]},
	"m": {"M": {"a": {"N": "1"}, "b": {"L": [{"S": "p"}, {"S": "q"}]}}},
	"ll": {"L": [{"L": [{"S": "i0"}, {"S": "i1"}]}, {"L": [{"S": "j0"}]}]}
}`

const updateValues = `{
	":v": {"S": "v"}, ":w": {"S": "w"}, ":n1": {"N": "1"}, ":n0": {"N": "0"}, ":n2": {"N": "2"},
	":lx": {"L": [{"S": "z"}]}, ":ssc": {"SS": ["c", "a"]}, ":ssab": {"SS": ["a", "b"]}, ":ssa": {"SS": ["a"]},
	":ns25": {"NS": ["2.50"]}, ":ns": {"NS": ["7"]}, ":bs2": {"BS": ["Ag=="]},
	":big": {"N": "9E+125"},
	":m": {"M": {"k": {"S": "v"}}}
}`

func TestUpdateApply(t *testing.T) {
	tests := []struct {
		name   string
		update string
		start  string // item JSON; "" for no item
		want   string // the resulting item, as JSON
	}{
		{"set on new item", "SET a = :v", "", `{"a":{"S":"v"}}`},
		{"set replaces", "SET s = :v", updateItem, replace(updateItem, "s", `{"S":"v"}`)},
		{"set copies attribute", "SET c = s", `{"s":{"S":"str"}}`, `{"c":{"S":"str"},"s":{"S":"str"}}`},
		{"plus", "SET n = n + :n1", `{"n":{"N":"10.5"}}`, `{"n":{"N":"11.5"}}`},
		{"minus", "SET n = n - :n2", `{"n":{"N":"10.5"}}`, `{"n":{"N":"8.5"}}`},
		{"minus to negative", "SET n = :n0 - n", `{"n":{"N":"10.5"}}`, `{"n":{"N":"-10.5"}}`},
		{"exact arithmetic", "SET n = n + :n1", `{"n":{"N":"12345678901234567890123456789012345678"}}`, `{"n":{"N":"12345678901234567890123456789012345679"}}`},
		{"if_not_exists absent", "SET c = if_not_exists(c, :n0) + :n1", `{}`, `{"c":{"N":"1"}}`},
		{"if_not_exists present", "SET n = if_not_exists(n, :n0) + :n1", `{"n":{"N":"4"}}`, `{"n":{"N":"5"}}`},
		{"list_append", "SET l = list_append(l, :lx)", `{"l":{"L":[{"S":"a"}]}}`, `{"l":{"L":[{"S":"a"},{"S":"z"}]}}`},
		{"list_append front", "SET l = list_append(:lx, l)", `{"l":{"L":[{"S":"a"}]}}`, `{"l":{"L":[{"S":"z"},{"S":"a"}]}}`},
		{"list_append if_not_exists", "SET l = list_append(if_not_exists(l, :lx), :lx)", `{}`, `{"l":{"L":[{"S":"z"},{"S":"z"}]}}`},
		{"nested set", "SET m.c = :v", `{"m":{"M":{"a":{"N":"1"}}}}`, `{"m":{"M":{"a":{"N":"1"},"c":{"S":"v"}}}}`},
		{"nested map value", "SET m.c = :m", `{"m":{"M":{}}}`, `{"m":{"M":{"c":{"M":{"k":{"S":"v"}}}}}}`},
		{"set list element", "SET l[1] = :v", `{"l":{"L":[{"S":"a"},{"S":"b"}]}}`, `{"l":{"L":[{"S":"a"},{"S":"v"}]}}`},
		{"set past end appends", "SET l[10] = :v", `{"l":{"L":[{"S":"a"}]}}`, `{"l":{"L":[{"S":"a"},{"S":"v"}]}}`},
		{"appends in index order", "SET l[9] = :v, l[5] = :w", `{"l":{"L":[{"S":"a"}]}}`, `{"l":{"L":[{"S":"a"},{"S":"w"},{"S":"v"}]}}`},
		{"set inside list element", "SET l[0].k = :v", `{"l":{"L":[{"M":{}}]}}`, `{"l":{"L":[{"M":{"k":{"S":"v"}}}]}}`},
		{"remove attribute", "REMOVE s, absent", `{"s":{"S":"x"},"n":{"N":"1"}}`, `{"n":{"N":"1"}}`},
		{"remove list elements", "REMOVE l[0], l[2]", `{"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"},{"S":"d"}]}}`, `{"l":{"L":[{"S":"b"},{"S":"d"}]}}`},
		{"remove past end", "REMOVE l[9]", `{"l":{"L":[{"S":"a"}]}}`, `{"l":{"L":[{"S":"a"}]}}`},
		{"remove and set same list", "REMOVE l[0] SET l[1] = :v", `{"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]}}`, `{"l":{"L":[{"S":"v"},{"S":"c"}]}}`},
		{"remove nested map member", "REMOVE m.a", `{"m":{"M":{"a":{"N":"1"},"b":{"N":"2"}}}}`, `{"m":{"M":{"b":{"N":"2"}}}}`},
		{"nested lists", "REMOVE ll[0] SET ll[1][0] = :v", `{"ll":{"L":[{"L":[{"S":"i0"}]},{"L":[{"S":"j0"}]}]}}`, `{"ll":{"L":[{"L":[{"S":"v"}]}]}}`},
		{"inner list first", "REMOVE ll[0][1], ll[1]", `{"ll":{"L":[{"L":[{"S":"i0"},{"S":"i1"}]},{"L":[{"S":"j0"}]}]}}`, `{"ll":{"L":[{"L":[{"S":"i0"}]}]}}`},
		{"add number", "ADD n :n1", `{"n":{"N":"10.5"}}`, `{"n":{"N":"11.5"}}`},
		{"add number absent", "ADD c :n2", `{}`, `{"c":{"N":"2"}}`},
		{"add to set", "ADD ss :ssc", `{"ss":{"SS":["a","b"]}}`, `{"ss":{"SS":["a","b","c"]}}`},
		{"add set absent", "ADD c :ssa", ``, `{"c":{"SS":["a"]}}`},
		{"add binary set", "ADD bs :bs2", `{"bs":{"BS":["AQ=="]}}`, `{"bs":{"BS":["AQ==","Ag=="]}}`},
		{"add nested", "ADD m.c :n1", `{"m":{"M":{}}}`, `{"m":{"M":{"c":{"N":"1"}}}}`},
		{"delete from set", "DELETE ss :ssa", `{"ss":{"SS":["a","b"]}}`, `{"ss":{"SS":["b"]}}`},
		{"delete all removes", "DELETE ss :ssab", `{"ss":{"SS":["a","b"]},"n":{"N":"1"}}`, `{"n":{"N":"1"}}`},
		{"delete numbers by value", "DELETE ns :ns25", `{"ns":{"NS":["1","2.5"]}}`, `{"ns":{"NS":["1"]}}`},
		{"delete absent", "DELETE c :ssa", `{"n":{"N":"1"}}`, `{"n":{"N":"1"}}`},
		{"all clauses", "SET a = :v REMOVE b ADD c :n1 DELETE d :ssa", `{"b":{"S":"x"},"c":{"N":"1"},"d":{"SS":["a","z"]}}`, `{"a":{"S":"v"},"c":{"N":"2"},"d":{"SS":["z"]}}`},
		{"values from old item", "SET a = b, b = a", `{"a":{"S":"1"},"b":{"S":"2"}}`, `{"a":{"S":"2"},"b":{"S":"1"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := mustCompile(t, withPlaceholders(t, Request{Update: tc.update}, updateValues, "")).Update
			start := item(t, tc.start)
			before := itemJSON(start)
			got, err := u.Apply(start)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if want := item(t, tc.want); itemJSON(got) != itemJSON(want) {
				t.Errorf("Apply\n got: %s\nwant: %s", itemJSON(got), itemJSON(want))
			}
			if itemJSON(start) != before {
				t.Errorf("Apply modified its input: %s", itemJSON(start))
			}
		})
	}
}

// replace returns the item JSON with one attribute replaced.
func replace(itemJS, name, valueJS string) string {
	it := mustItem(itemJS)
	it[name] = mustItem(`{"x":` + valueJS + `}`)["x"]
	return itemJSON(it)
}

func TestUpdateApplyErrors(t *testing.T) {
	const (
		typeErr  = "An operand in the update expression has an incorrect data type"
		pathErr  = "The document path provided in the update expression is invalid for update"
		missErr  = "The provided expression refers to an attribute that does not exist in the item"
		overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range"
	)
	tests := []struct {
		update string
		want   string
	}{
		{"SET c = s + :n1", typeErr},
		{"SET c = :n1 - s", typeErr},
		{"SET c = list_append(s, :lx)", typeErr},
		{"SET c = list_append(:lx, n)", typeErr},
		{"SET c = absent + :n1", missErr},
		{"SET c = absent", missErr},
		{"SET c = list_append(absent, :lx)", missErr},
		{"SET absent.c = :v", pathErr},
		{"SET s.c = :v", pathErr},
		{"SET m[0] = :v", pathErr},
		{"SET l.x = :v", pathErr},
		{"SET absent[0] = :v", pathErr},
		{"REMOVE absent.c", pathErr},
		{"REMOVE s[1]", pathErr},
		{"ADD s :n1", typeErr},
		{"ADD ss :n1", typeErr},
		{"ADD ss :ns", typeErr},
		{"ADD n :ssa", typeErr},
		{"ADD absent.c :n1", pathErr},
		{"DELETE s :ssa", typeErr},
		{"DELETE ns :ssa", typeErr},
		{"SET c = :big + :big", overflow},
		{"ADD n :big", "Attempting to store more than 38 significant digits in a Number"},
		// Types are checked before paths, paths before missing attributes.
		{"SET absent.c = :v, d = s + :n1", typeErr},
		{"SET c = absent REMOVE absent.x", pathErr},
	}
	it := item(t, updateItem)
	for _, tc := range tests {
		t.Run(tc.update, func(t *testing.T) {
			u := mustCompile(t, withPlaceholders(t, Request{Update: tc.update}, updateValues, "")).Update
			_, err := u.Apply(it)
			if got := validationMessage(t, err); got != tc.want {
				t.Errorf("Apply error\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}

func TestUpdateRootsAndProject(t *testing.T) {
	u := mustCompile(t, withPlaceholders(t, Request{Update: "SET m.a = :v, #s = :w REMOVE l[2].deep ADD n :n1"}, updateValues, `{"#s":"s"}`)).Update
	if got, want := u.Roots(), []string{"m", "s", "l", "n"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Roots = %v, want %v", got, want)
	}
	it := item(t, updateItem)
	want := `{"l":{"L":[{"M":{"deep":{"S":"y"}}}]},"m":{"M":{"a":{"N":"1"}}},"n":{"N":"10.5"},"s":{"S":"str"}}`
	if got := itemJSON(u.Project(it)); got != want {
		t.Errorf("Project old\n got: %s\nwant: %s", got, want)
	}
	after, err := u.Apply(it)
	if err != nil {
		t.Fatal(err)
	}
	want = `{"m":{"M":{"a":{"S":"v"}}},"n":{"N":"11.5"},"s":{"S":"w"}}`
	if got := itemJSON(u.Project(after)); got != want {
		t.Errorf("Project new\n got: %s\nwant: %s", got, want)
	}
	if got := u.Project(item(t, `{"pk":{"S":"x"}}`)); got != nil {
		t.Errorf("Project of an item without the paths = %v, want nil", got)
	}
}
