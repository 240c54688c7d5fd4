// Package devserver is `jets dev`: it runs a jets app on one machine. It
// starts the embedded engine on DynamoDB's wire protocol, creates the app's
// tables, builds the app, runs each function as a process under a local
// Lambda Runtime API, and feeds each function the records of the streams it
// is bound to, with AWS Lambda's event source mapping semantics. Source
// changes rebuild and restart the functions.
package devserver
