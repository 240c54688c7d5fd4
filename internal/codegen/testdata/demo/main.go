// Command demo is a jets app: its jobs' methods run when items in
// DynamoDB tables change. `jets dev` runs it locally; the same binary runs
// on AWS Lambda.
package main

import (
	_ "embed"
	"log"

	"github.com/gojets/jets"

	_ "demo/app/jobs" // the jobs register themselves
)

// config is jets.json: the project name and the table namespace.
//
//go:embed jets.json
var config []byte

func main() {
	if err := jets.ConfigureJSON(config); err != nil {
		log.Fatal(err)
	}
	jets.Start()
}
