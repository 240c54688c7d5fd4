package awsapi

import (
	"errors"

	"github.com/aws/smithy-go"

	"github.com/gojets/jets/ddb"
)

// apiError turns an SDK API error into a *ddb.Error with the same code, so
// the runtime handles AWS's errors as it handles the engine's.
func apiError(err error) error {
	if err == nil {
		return nil
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return &ddb.Error{Code: ddb.Code(ae.ErrorCode()), Message: ae.ErrorMessage()}
	}
	return err
}
