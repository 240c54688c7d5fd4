package ddbhttp

import (
	"hash/crc32"
	"net/http"
	"strconv"
)

// healthBody answers anything but POST, as DynamoDB answers GET / with
// "healthy: dynamodb.<region>.amazonaws.com".
const healthBody = "healthy: jets DynamoDB-compatible server (DynamoDB_20120810 and DynamoDBStreams_20120810 over POST /)\n"

var healthCRC = strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(healthBody))), 10)

func writeHealth(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(healthBody)))
	h.Set("X-Amz-Crc32", healthCRC)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(healthBody))
	}
}
