package streamlog

import "github.com/gojets/jets/ddb"

// The request-model checks, worded as AWS words its model validation errors.

func lengthError(field, value, rule string) error {
	return ddb.Validationf("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length %s", value, field, rule)
}

// checkLimit checks an optional Limit against [1, max] and returns it, or
// def when it is absent.
func checkLimit(limit *int, max, def int) (int, error) {
	if limit == nil {
		return def, nil
	}
	switch {
	case *limit < 1:
		return 0, ddb.Validationf("1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1", *limit)
	case *limit > max:
		return 0, ddb.Validationf("1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value less than or equal to %d", *limit, max)
	}
	return *limit, nil
}

// checkShardID checks a ShardId's length (28–65).
func checkShardID(field, id string) error {
	switch {
	case id == "":
		return ddb.Validationf("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field)
	case len(id) < 28:
		return lengthError(field, id, "greater than or equal to 28")
	case len(id) > 65:
		return lengthError(field, id, "less than or equal to 65")
	}
	return nil
}

// checkTableName checks ListStreams' optional TableName.
func checkTableName(name string) error {
	switch {
	case len(name) < 3:
		return lengthError("tableName", name, "greater than or equal to 3")
	case len(name) > 255:
		return lengthError("tableName", name, "less than or equal to 255")
	case !validTableName(name):
		return ddb.Validationf("1 validation error detected: Value '%s' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", name)
	}
	return nil
}
