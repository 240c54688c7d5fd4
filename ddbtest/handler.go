package ddbtest

import (
	"net/http"

	"github.com/gojets/jets/ddbhttp"
	"github.com/gojets/jets/engine"
)

// newHandler is the ddbhttp handler serving eng.
func newHandler(eng *engine.Engine, cfg engine.Config) (http.Handler, error) {
	return ddbhttp.New(eng, ddbhttp.Options{Logger: cfg.Logger}), nil
}
