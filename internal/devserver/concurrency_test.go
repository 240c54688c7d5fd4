package devserver_test

import "github.com/gojets/jets/lambdart"

// setConcurrency lets a function run n invocations at once, when the
// runtime supports it.
func setConcurrency(fn *lambdart.Function, n int) {}
