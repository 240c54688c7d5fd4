// Package jobs holds the app's jobs. `jets generate job NAME --type dynamodb
// --name METHOD` adds one; each method is a Lambda function of its own.
package jobs
