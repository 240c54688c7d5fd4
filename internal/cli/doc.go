// Package cli implements the jets command line: one file (and test) per
// command, built with cobra. cmd/jets only wires it to the process.
package cli
