module demo

go 1.26

require (
	github.com/aws/aws-lambda-go v1.55.1
	github.com/gojets/jets v0.0.0-00010101000000-000000000000
)

// jets is not published yet: the app builds against the jets source tree
// that generated it.
replace github.com/gojets/jets => $JETS_SOURCE
