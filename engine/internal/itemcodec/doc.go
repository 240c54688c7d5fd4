// Package itemcodec is the engine's compact binary encoding of DynamoDB
// items, as stored in Pebble. Numbers are stored in canonical text form, so
// a decoded item is exactly the item that was encoded.
package itemcodec
