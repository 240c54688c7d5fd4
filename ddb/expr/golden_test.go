package expr

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gojets/jets/ddb"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenCase is one request of testdata/compile.json.
type goldenCase struct {
	Name         string               `json:"name"`
	Condition    string               `json:"condition,omitempty"`
	Update       string               `json:"update,omitempty"`
	Projection   string               `json:"projection,omitempty"`
	KeyCondition string               `json:"key,omitempty"`
	Filter       string               `json:"filter,omitempty"`
	Names        map[string]string    `json:"names,omitempty"`
	Values       map[string]ddb.Value `json:"values,omitempty"`
}

// TestCompileGolden compiles every request of testdata/compile.json and
// compares the parse trees, or the error, with testdata/compile.golden.
func TestCompileGolden(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "compile.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, c := range cases {
		out.WriteString("== " + c.Name + "\n")
		out.WriteString(describe(t, c))
	}
	golden := filepath.Join("testdata", "compile.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != string(want) {
		t.Errorf("compile output differs from %s (run go test -update):\n%s", golden, diffLines(string(want), got))
	}
}

func describe(t *testing.T, c goldenCase) string {
	r := Request{
		Condition: c.Condition, Update: c.Update, Projection: c.Projection,
		KeyCondition: c.KeyCondition, Filter: c.Filter,
		Names: c.Names, NamesSet: c.Names != nil, Values: c.Values, ValuesSet: c.Values != nil,
	}
	comp, err := Compile(r)
	if err != nil {
		return "error: " + validationMessage(t, err) + "\n"
	}
	var b strings.Builder
	if comp.Update != nil {
		b.WriteString("update: " + comp.Update.String() + "\n")
	}
	if comp.Condition != nil {
		b.WriteString("condition: " + comp.Condition.String() + "\n")
	}
	if comp.KeyCondition != nil {
		b.WriteString("key: " + comp.KeyCondition.String() + "\n")
	}
	if comp.Filter != nil {
		b.WriteString("filter: " + comp.Filter.String() + "\n")
	}
	if comp.Projection != nil {
		b.WriteString("projection: " + comp.Projection.String() + "\n")
	}
	return b.String()
}

// diffLines lists the lines that differ, with their line numbers.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + "\n- " + wl + "\n+ " + gl + "\n")
		}
	}
	return b.String()
}
