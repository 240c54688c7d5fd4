package devserver_test

import "github.com/gojets/jets/lambdart"

// setConcurrency lets a function run n invocations at once.
func setConcurrency(fn *lambdart.Function, n int) { fn.MaxConcurrency = n }
