// Package filter implements Lambda event filtering (FilterCriteria) for
// DynamoDB stream records: EventBridge pattern syntax, restricted to the
// operators EventBridge Pipes supports, matched against a record as Lambda
// delivers it.
package filter
