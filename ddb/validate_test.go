package ddb_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/gojets/jets/ddb"
)

func TestValidateValue(t *testing.T) {
	const prefix = "One or more parameter values were invalid: "
	tests := []struct {
		name string
		in   string // DynamoDB JSON
		want string // "" = valid
	}{
		{"S", `{"S":"a"}`, ""},
		{"SS", `{"SS":["a","b"]}`, ""},
		{"NS", `{"NS":["1","2"]}`, ""},
		{"BS", `{"BS":["AQ==","Ag=="]}`, ""},
		{"empty M and L", `{"L":[{"M":{}},{"L":[]}]}`, ""},
		{"SS empty", `{"SS":[]}`, prefix + "An string set  may not be empty"},
		{"NS empty", `{"NS":[]}`, prefix + "An number set  may not be empty"},
		{"BS empty", `{"BS":[]}`, prefix + "Binary sets should not be empty"},
		{"SS duplicates", `{"SS":["a","a"]}`, prefix + "Input collection [a, a] contains duplicates."},
		{"NS duplicates", `{"NS":["1","1"]}`, "Input collection contains duplicates"},
		{"NS duplicates by value", `{"NS":["1","1.0"]}`, "Input collection contains duplicates"},
		{"BS duplicates", `{"BS":["Yg==","Yg=="]}`, prefix + "Input collection [Yg==, Yg==]of type BS contains duplicates."},
		{"empty set in M", `{"M":{"a":{"M":{"b":{"SS":[]}}}}}`, prefix + "An string set  may not be empty"},
		{"duplicates in L", `{"L":[{"S":"x"},{"SS":["a","b","a"]}]}`, prefix + "Input collection [a, b, a] contains duplicates."},
	}
	for _, tt := range tests {
		var v ddb.Value
		if err := json.Unmarshal([]byte(tt.in), &v); err != nil {
			t.Fatalf("%s: decode %s: %v", tt.name, tt.in, err)
		}
		err := ddb.ValidateValue(v)
		itemErr := ddb.ValidateItem(ddb.Item{"x": v, "ok": ddb.S("y")})
		if (err == nil) != (itemErr == nil) {
			t.Errorf("%s: ValidateValue = %v but ValidateItem = %v", tt.name, err, itemErr)
		}
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: ValidateValue(%s) = %v, want nil", tt.name, tt.in, err)
			}
			continue
		}
		var e *ddb.Error
		if errors.As(err, &e) && e.Code == ddb.CodeValidation && e.Message == tt.want {
			continue
		}
		t.Errorf("%s: ValidateValue(%s) = %v, want ValidationException %q", tt.name, tt.in, err, tt.want)
	}
}
