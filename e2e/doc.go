// Package e2e tests jets as a user runs it: it builds the jets binary, and
// drives it and the real AWS CLI as processes, through the seed's commands
// (jets new, jets generate job, jets dev, aws dynamodb …, jets logs). The
// tests are skipped with -short.
package e2e
