package ddbhttp

import (
	"net/http"
	"strings"
)

// regionOf returns the region of r's SigV4 credential scope, from the
// Authorization header (Credential=AKID/DATE/REGION/SERVICE/aws4_request)
// or a presigned URL's X-Amz-Credential; "" when the request is unsigned or
// the scope is malformed.
func regionOf(r *http.Request) string {
	if auth := r.Header.Get("Authorization"); auth != "" {
		return credentialRegion(auth)
	}
	if r.URL != nil && r.URL.RawQuery != "" {
		return scopeRegion(r.URL.Query().Get("X-Amz-Credential"))
	}
	return ""
}

// credentialRegion finds Credential=… in an Authorization header value.
func credentialRegion(auth string) string {
	const key = "Credential="
	i := strings.Index(auth, key)
	if i < 0 {
		return ""
	}
	cred := auth[i+len(key):]
	if j := strings.IndexAny(cred, ", "); j >= 0 {
		cred = cred[:j]
	}
	return scopeRegion(cred)
}

// scopeRegion returns REGION of AKID/DATE/REGION/SERVICE/aws4_request. The
// access key id may itself contain '/', so count from the end.
func scopeRegion(cred string) string {
	rest := cred
	for range 2 { // drop /aws4_request and /SERVICE
		i := strings.LastIndexByte(rest, '/')
		if i < 0 {
			return ""
		}
		rest = rest[:i]
	}
	i := strings.LastIndexByte(rest, '/')
	if i < 0 || strings.IndexByte(rest[:i], '/') < 0 { // need AKID/DATE before it
		return ""
	}
	if region := rest[i+1:]; validRegion(region) {
		return region
	}
	return ""
}

// validRegion accepts region-like names: lowercase letters, digits and '-'.
func validRegion(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
