// Package ddb holds DynamoDB's data model: attribute values and items, their
// wire (JSON) form, DynamoDB numbers, item and key size rules, and the AWS
// error codes every other package returns. It depends on the standard library
// only.
package ddb
