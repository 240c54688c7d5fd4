// Package failures is the local on-failure destination of jets: each batch
// the stream runtime gives up on is kept as a JSON file holding AWS's
// failure record and the event that failed, so `jets failures` can list and
// show them and `jets failures replay` can invoke the function again.
package failures
