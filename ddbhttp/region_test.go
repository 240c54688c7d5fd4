package ddbhttp

import (
	"net/http/httptest"
	"testing"
)

func TestRegionOf(t *testing.T) {
	for _, tc := range []struct{ auth, query, want string }{
		{"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-west-2/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc", "", "us-west-2"},
		{"AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-central-1/dynamodb/aws4_request,SignedHeaders=host,Signature=abc", "", "eu-central-1"},
		{"AWS4-HMAC-SHA256 SignedHeaders=host, Credential=AK/ID/20260101/ap-south-1/dynamodb/aws4_request, Signature=abc", "", "ap-south-1"},
		{"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-west-2/dynamodb/aws4_request", "", "us-west-2"},
		{"AWS4-HMAC-SHA256 Credential=AKID/us-west-2/dynamodb", "", ""},
		{"AWS4-HMAC-SHA256 Credential=20260101/us-west-2/dynamodb/aws4_request", "", ""},
		{"AWS4-HMAC-SHA256 Credential=AKID/20260101//dynamodb/aws4_request", "", ""},
		{"AWS4-HMAC-SHA256 Credential=AKID/20260101/US WEST/dynamodb/aws4_request", "", ""},
		{"AWS4-HMAC-SHA256 Credential=AKID/20260101/<script>/dynamodb/aws4_request", "", ""},
		{"Bearer xyz", "", ""},
		{"", "", ""},
		{"", "X-Amz-Credential=AKID%2F20260101%2Fsa-east-1%2Fdynamodb%2Faws4_request", "sa-east-1"},
	} {
		target := "/"
		if tc.query != "" {
			target += "?" + tc.query
		}
		req := httptest.NewRequest("POST", target, nil)
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		if got := regionOf(req); got != tc.want {
			t.Errorf("regionOf(%q, %q) = %q, want %q", tc.auth, tc.query, got, tc.want)
		}
	}
}
