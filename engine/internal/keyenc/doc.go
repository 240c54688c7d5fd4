// Package keyenc encodes DynamoDB key values (S, N, B) into byte strings
// whose bytewise order is the order DynamoDB sorts them in: S and B by their
// bytes, N by numeric value. Every encoding is self-delimiting, so a hash key
// and a range key can be concatenated and still sort correctly.
package keyenc
