package jets

import (
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// ErrNoImage means a record lacks the requested image: a REMOVE has no
// NewImage, an INSERT no OldImage, and the stream's view type may leave
// images out.
var ErrNoImage = errors.New("record has no such image")

// UnmarshalKeys decodes a stream record's Keys into v (a pointer to a
// struct or map), as UnmarshalMap does.
func UnmarshalKeys(rec events.DynamoDBEventRecord, v any) error {
	return unmarshalImage(rec, "Keys", rec.Change.Keys, v)
}

// UnmarshalNewImage decodes a stream record's NewImage (the item after the
// change) into v. It returns an error wrapping ErrNoImage when the record
// has none.
func UnmarshalNewImage(rec events.DynamoDBEventRecord, v any) error {
	return unmarshalImage(rec, "NewImage", rec.Change.NewImage, v)
}

// UnmarshalOldImage decodes a stream record's OldImage (the item before
// the change) into v. It returns an error wrapping ErrNoImage when the
// record has none.
func UnmarshalOldImage(rec events.DynamoDBEventRecord, v any) error {
	return unmarshalImage(rec, "OldImage", rec.Change.OldImage, v)
}

func unmarshalImage(rec events.DynamoDBEventRecord, which string, m map[string]events.DynamoDBAttributeValue, v any) error {
	if m == nil {
		return fmt.Errorf("%s record %s (%s): no %s: %w", rec.EventName, rec.EventID, rec.Change.StreamViewType, which, ErrNoImage)
	}
	if err := UnmarshalMap(m, v); err != nil {
		return fmt.Errorf("%s of record %s: %w", which, rec.EventID, err)
	}
	return nil
}

// UnmarshalMap decodes an item (attribute name → value) into v, a non-nil
// pointer to a struct, a map with string keys, or an interface.
//
// Struct fields match attribute names by their `dynamodbav` tag, else
// their `json` tag, else their name (exactly, then case-insensitively);
// "-" skips a field; embedded structs are flattened. Values convert as
// follows: S to string or an encoding.TextUnmarshaler (time.Time takes
// RFC 3339); N to any integer or float kind (or string); B to []byte;
// BOOL to bool; NULL to the zero value; L to slices and arrays; M to
// structs and maps; SS, NS and BS to slices. Into an interface{} they
// become string, float64, []byte, bool, nil, []any and map[string]any.
// Attributes without a field are ignored.
func UnmarshalMap(m map[string]events.DynamoDBAttributeValue, v any) error {
	return UnmarshalAttribute(events.NewMapAttribute(m), v)
}

// UnmarshalAttribute decodes one attribute value into v (a non-nil
// pointer); see UnmarshalMap for the conversions.
func UnmarshalAttribute(av events.DynamoDBAttributeValue, v any) (err error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("unmarshal attribute value: need a non-nil pointer, got %T", v)
	}
	defer func() {
		// aws-lambda-go's accessors panic on a malformed value.
		if r := recover(); r != nil {
			err = fmt.Errorf("unmarshal attribute value: %v", r)
		}
	}()
	return decodeValue(av, rv.Elem(), "")
}

// UnmarshalError reports an attribute that does not fit its Go field.
type UnmarshalError struct {
	Path     string // the attribute path, e.g. "address.city"
	DataType string // the DynamoDB type: S, N, B, BOOL, NULL, L, M, SS, NS, BS
	Type     reflect.Type
	Err      error // the parse error, if any
}

func (e *UnmarshalError) Error() string {
	msg := fmt.Sprintf("cannot unmarshal %s into Go value of type %s", e.DataType, e.Type)
	if e.Path != "" {
		msg = fmt.Sprintf("cannot unmarshal %s attribute %q into Go value of type %s", e.DataType, e.Path, e.Type)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *UnmarshalError) Unwrap() error { return e.Err }

var dataTypeNames = map[events.DynamoDBDataType]string{
	events.DataTypeBinary: "B", events.DataTypeBoolean: "BOOL", events.DataTypeBinarySet: "BS",
	events.DataTypeList: "L", events.DataTypeMap: "M", events.DataTypeNumber: "N",
	events.DataTypeNumberSet: "NS", events.DataTypeNull: "NULL", events.DataTypeString: "S",
	events.DataTypeStringSet: "SS",
}

func mismatch(av events.DynamoDBAttributeValue, rv reflect.Value, path string, err error) error {
	return &UnmarshalError{Path: path, DataType: dataTypeNames[av.DataType()], Type: rv.Type(), Err: err}
}

var textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

func decodeValue(av events.DynamoDBAttributeValue, rv reflect.Value, path string) error {
	if av.DataType() == events.DataTypeNull {
		rv.SetZero()
		return nil
	}
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		return decodeValue(av, rv.Elem(), path)
	}
	if rv.Kind() == reflect.Interface && rv.NumMethod() == 0 {
		rv.Set(reflect.ValueOf(natural(av)))
		return nil
	}
	if av.DataType() == events.DataTypeString && rv.CanAddr() && rv.Addr().Type().Implements(textUnmarshalerType) {
		if err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(av.String())); err != nil {
			return mismatch(av, rv, path, err)
		}
		return nil
	}
	return decodeByType(av, rv, path)
}

func decodeByType(av events.DynamoDBAttributeValue, rv reflect.Value, path string) error {
	switch av.DataType() {
	case events.DataTypeString:
		return decodeString(av, rv, path)
	case events.DataTypeNumber:
		return decodeNumber(av, av.Number(), rv, path)
	case events.DataTypeBoolean:
		if rv.Kind() != reflect.Bool {
			return mismatch(av, rv, path, nil)
		}
		rv.SetBool(av.Boolean())
		return nil
	case events.DataTypeBinary:
		return decodeBytes(av, av.Binary(), rv, path)
	case events.DataTypeList:
		return decodeList(av.List(), rv, path, av)
	case events.DataTypeMap:
		return decodeMap(av, rv, path)
	case events.DataTypeStringSet:
		return decodeList(stringValues(av.StringSet(), events.NewStringAttribute), rv, path, av)
	case events.DataTypeNumberSet:
		return decodeList(stringValues(av.NumberSet(), events.NewNumberAttribute), rv, path, av)
	case events.DataTypeBinarySet:
		return decodeList(binaryValues(av.BinarySet()), rv, path, av)
	}
	return mismatch(av, rv, path, nil)
}

func decodeString(av events.DynamoDBAttributeValue, rv reflect.Value, path string) error {
	if rv.Kind() != reflect.String {
		return mismatch(av, rv, path, nil)
	}
	rv.SetString(av.String())
	return nil
}

func decodeNumber(av events.DynamoDBAttributeValue, n string, rv reflect.Value, path string) error {
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(n, 10, rv.Type().Bits())
		if err != nil {
			return mismatch(av, rv, path, err)
		}
		rv.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u, err := strconv.ParseUint(n, 10, rv.Type().Bits())
		if err != nil {
			return mismatch(av, rv, path, err)
		}
		rv.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(n, rv.Type().Bits())
		if err != nil {
			return mismatch(av, rv, path, err)
		}
		rv.SetFloat(f)
	case reflect.String:
		rv.SetString(n)
	default:
		return mismatch(av, rv, path, nil)
	}
	return nil
}

func decodeBytes(av events.DynamoDBAttributeValue, b []byte, rv reflect.Value, path string) error {
	if rv.Kind() != reflect.Slice || rv.Type().Elem().Kind() != reflect.Uint8 {
		return mismatch(av, rv, path, nil)
	}
	rv.SetBytes(append([]byte(nil), b...))
	return nil
}

func decodeList(items []events.DynamoDBAttributeValue, rv reflect.Value, path string, av events.DynamoDBAttributeValue) error {
	switch rv.Kind() {
	case reflect.Slice:
		rv.Set(reflect.MakeSlice(rv.Type(), len(items), len(items)))
	case reflect.Array:
		if rv.Len() < len(items) {
			return mismatch(av, rv, path, fmt.Errorf("%d elements do not fit", len(items)))
		}
		rv.SetZero()
	default:
		return mismatch(av, rv, path, nil)
	}
	for i, item := range items {
		if err := decodeValue(item, rv.Index(i), path+"["+strconv.Itoa(i)+"]"); err != nil {
			return err
		}
	}
	return nil
}

func decodeMap(av events.DynamoDBAttributeValue, rv reflect.Value, path string) error {
	switch {
	case rv.Kind() == reflect.Struct:
		return decodeStruct(av.Map(), rv, path)
	case rv.Kind() == reflect.Map && rv.Type().Key().Kind() == reflect.String:
		if rv.IsNil() {
			rv.Set(reflect.MakeMap(rv.Type()))
		}
		for k, item := range av.Map() {
			elem := reflect.New(rv.Type().Elem()).Elem()
			if err := decodeValue(item, elem, join(path, k)); err != nil {
				return err
			}
			rv.SetMapIndex(reflect.ValueOf(k).Convert(rv.Type().Key()), elem)
		}
		return nil
	}
	return mismatch(av, rv, path, nil)
}

func decodeStruct(m map[string]events.DynamoDBAttributeValue, rv reflect.Value, path string) error {
	for name, item := range m {
		field, ok := findField(rv, name)
		if !ok {
			continue
		}
		if err := decodeValue(item, field, join(path, name)); err != nil {
			return err
		}
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// natural converts a value for an interface{} target.
func natural(av events.DynamoDBAttributeValue) any {
	switch av.DataType() {
	case events.DataTypeString:
		return av.String()
	case events.DataTypeNumber:
		f, _ := av.Float()
		return f
	case events.DataTypeBoolean:
		return av.Boolean()
	case events.DataTypeBinary:
		return av.Binary()
	case events.DataTypeList, events.DataTypeStringSet, events.DataTypeNumberSet, events.DataTypeBinarySet:
		var out []any
		_ = decodeByType(av, reflect.ValueOf(&out).Elem(), "")
		return out
	case events.DataTypeMap:
		out := map[string]any{}
		for k, v := range av.Map() {
			out[k] = natural(v)
		}
		return out
	}
	return nil
}

func stringValues(ss []string, mk func(string) events.DynamoDBAttributeValue) []events.DynamoDBAttributeValue {
	out := make([]events.DynamoDBAttributeValue, len(ss))
	for i, s := range ss {
		out[i] = mk(s)
	}
	return out
}

func binaryValues(bs [][]byte) []events.DynamoDBAttributeValue {
	out := make([]events.DynamoDBAttributeValue, len(bs))
	for i, b := range bs {
		out[i] = events.NewBinaryAttribute(b)
	}
	return out
}

// attrName is the attribute name a struct field maps to, and whether the
// name came from a tag; "-" means skip.
func attrName(f reflect.StructField) (string, bool) {
	for _, key := range []string{"dynamodbav", "json"} {
		tag, ok := f.Tag.Lookup(key)
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" && tag == "-" {
			return "-", true
		}
		if name != "" {
			return name, true
		}
	}
	return f.Name, false
}

// findField finds the field of struct rv for attribute name: an exact
// match first, then a case-insensitive one, looking into embedded structs
// as encoding/json does (shallower fields win).
func findField(rv reflect.Value, name string) (reflect.Value, bool) {
	if f, ok := searchFields(rv, name, strings.EqualFold); ok {
		if exact, ok := searchFields(rv, name, func(a, b string) bool { return a == b }); ok {
			return exact, true
		}
		return f, true
	}
	return reflect.Value{}, false
}

func searchFields(rv reflect.Value, name string, eq func(a, b string) bool) (reflect.Value, bool) {
	t := rv.Type()
	var embedded []int
	for i := range t.NumField() {
		f := t.Field(i)
		n, tagged := attrName(f)
		if n == "-" {
			continue
		}
		if f.Anonymous && !tagged && indirectKind(f.Type) == reflect.Struct {
			embedded = append(embedded, i)
			continue
		}
		if f.IsExported() && eq(n, name) {
			return rv.Field(i), true
		}
	}
	for _, i := range embedded {
		fv := rv.Field(i)
		if fv.Kind() == reflect.Pointer && fv.IsNil() {
			// Allocate the embedded struct only when it holds the field.
			if _, ok := searchFields(reflect.New(fv.Type().Elem()).Elem(), name, eq); !ok || !fv.CanSet() {
				continue
			}
			fv.Set(reflect.New(fv.Type().Elem()))
		}
		if fv.Kind() == reflect.Pointer {
			fv = fv.Elem()
		}
		if found, ok := searchFields(fv, name, eq); ok {
			return found, true
		}
	}
	return reflect.Value{}, false
}

func indirectKind(t reflect.Type) reflect.Kind {
	if t.Kind() == reflect.Pointer {
		return t.Elem().Kind()
	}
	return t.Kind()
}
