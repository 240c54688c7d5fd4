package expr

import (
	"strings"
	"testing"
)

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name   string
		req    Request
		names  string
		values string
		want   string
	}{
		// Syntax errors: the token, and the text from the token before it to the one after.
		{"eof", Request{Condition: "foo"}, "", "", `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "foo"`},
		{"eof after operator", Request{Condition: "a = "}, "", "", `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "= "`},
		{"double equals", Request{Condition: "a == :v"}, "", `{":v":{"S":"x"}}`, `Invalid ConditionExpression: Syntax error; token: "=", near: "== :v"`},
		{"bang", Request{Condition: "pk = !!"}, "", "", `Invalid ConditionExpression: Syntax error; token: "!", near: "= !!"`},
		{"update keyword in condition", Request{Condition: "ADD #v :i"}, `{"#v":"v"}`, `{":i":{"N":"1"}}`, `Invalid ConditionExpression: Syntax error; token: "ADD", near: "ADD #v"`},
		{"bare colon", Request{Update: "ADD hits : incr"}, "", "", `Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr"`},
		{"no clause keyword", Request{Update: "INVALID SYNTAX HERE"}, "", "", `Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"`},
		{"number literal", Request{Update: "SET MyStr = myNum + 1"}, "", "", `Invalid UpdateExpression: Syntax error; token: "1", near: "+ 1"`},
		{"bare hash", Request{Update: "SET a = :a, #, b = :b"}, "", `{":a":{"S":"x"},":b":{"S":"x"}}`, `Invalid UpdateExpression: Syntax error; token: "#", near: ", #,"`},
		{"negative index", Request{Filter: "a[-1] = :v"}, "", `{":v":{"S":"x"}}`, `Invalid FilterExpression: Syntax error; token: "-", near: "[-1"`},
		{"hyphen in name", Request{Projection: "some-attr"}, "", "", `Invalid ProjectionExpression: Syntax error; token: "-", near: "some-attr"`},
		{"key condition", Request{KeyCondition: ":hashId a"}, "", `{":hashId":{"S":"x"}}`, `Invalid KeyConditionExpression: Syntax error; token: "a", near: ":hashId a"`},
		{"underscore start", Request{Condition: "_a = :v"}, "", `{":v":{"S":"x"}}`, `Invalid ConditionExpression: Syntax error; token: "_", near: "_a"`},
		{"leading zero index", Request{Projection: "a[01]"}, "", "", `Invalid ProjectionExpression: Syntax error; token: "1", near: "01]"`},
		{"arith in condition", Request{Condition: "a = b + :v"}, "", `{":v":{"N":"1"}}`, `Invalid ConditionExpression: Syntax error; token: "+", near: "b + :v"`},
		{"value in projection", Request{Projection: ":v"}, "", "", `Invalid ProjectionExpression: Syntax error; token: ":v", near: ":v"`},
		{"and as name", Request{Projection: "a, and"}, "", "", `Invalid ProjectionExpression: Syntax error; token: "and", near: ", and"`},
		{"whitespace only", Request{Condition: "  "}, "", "", `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "  "`},
		{"clause twice", Request{Update: "SET a = :v SET b = :v"}, "", `{":v":{"S":"x"}}`, `Invalid UpdateExpression: The "SET" section can only be used once in an update expression;`},
		{"clause twice apart", Request{Update: "REMOVE a SET b = :v REMOVE c"}, "", `{":v":{"S":"x"}}`, `Invalid UpdateExpression: The "REMOVE" section can only be used once in an update expression;`},

		// Redundant parentheses.
		{"redundant parens", Request{Condition: "((a = :v))"}, "", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: The expression has redundant parentheses;"},
		{"redundant operand parens", Request{Condition: "((a)) = :v"}, "", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: The expression has redundant parentheses;"},

		// Names, values and reserved words.
		{"reserved", Request{Condition: "status = :v"}, "", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status"},
		{"reserved nested", Request{Projection: "a.Name"}, "", "", "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: Name"},
		{"reserved in update", Request{Update: "SET a = :v REMOVE data"}, "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: data"},
		{"undefined value", Request{Condition: "s = :v"}, "", "", "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v"},
		{"undefined name", Request{Condition: "#x = :v"}, "", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x"},
		{"undefined name in update", Request{Update: "SET #a = :v"}, "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #a"},
		{"unused value", Request{Condition: "a = :v"}, "", `{":v":{"S":"x"},":w":{"S":"x"},":b":{"S":"x"}}`, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b, :w}"},
		{"unused name", Request{Projection: "a"}, `{"#b":"c"}`, "", "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}"},
		{"unused names before values", Request{Condition: "a = :v"}, `{"#n":"x"}`, `{":v":{"S":"x"},":w":{"S":"x"}}`, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}"},
		{"names without expression", Request{NamesSet: true}, `{"#n":"x"}`, "", "ExpressionAttributeNames can only be specified when using expressions"},
		{"values without expression", Request{ValuesSet: true}, "", `{":v":{"S":"x"}}`, "ExpressionAttributeValues can only be specified when using expressions"},
		{"values with projection only", Request{Projection: "a", ValuesSet: true}, "", `{":v":{"S":"x"}}`, "ExpressionAttributeValues can only be specified when using expressions"},
		{"empty names", Request{Condition: "a = b", NamesSet: true}, "{}", "", "ExpressionAttributeNames must not be empty"},
		{"empty values", Request{Condition: "a = b", ValuesSet: true}, "", "{}", "ExpressionAttributeValues must not be empty"},
		{"bad name key", Request{Condition: "a = b"}, `{"n":"x"}`, "", `ExpressionAttributeNames contains invalid key: Syntax error; key: "n"`},
		{"bad value key", Request{Condition: "a = b"}, "", `{"v":{"S":"x"}}`, `ExpressionAttributeValues contains invalid key: Syntax error; key: "v"`},
		{"empty name value", Request{Condition: "#n = b"}, `{"#n":""}`, "", "ExpressionAttributeNames contains invalid value: Empty attribute name for key #n"},
		{"empty set value", Request{Condition: "a = :v"}, "", `{":v":{"SS":[]}}`, "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v"},

		// Functions.
		{"unknown function", Request{Condition: "foo(s)"}, "", "", "Invalid ConditionExpression: Invalid function name; function: foo"},
		{"function case", Request{Condition: "Attribute_Exists(s)"}, "", "", "Invalid ConditionExpression: Invalid function name; function: Attribute_Exists"},
		{"arity", Request{Condition: "attribute_exists(s, n)"}, "", "", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2"},
		{"size as condition", Request{Condition: "size(a)"}, "", "", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size"},
		{"condition function as operand", Request{Condition: "attribute_exists(a) = :v"}, "", `{":v":{"BOOL":true}}`, "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists"},
		{"update function in condition", Request{Condition: "a = if_not_exists(b, :v)"}, "", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: The function is not allowed in a condition expression; function: if_not_exists"},
		{"condition function in update", Request{Update: "SET a = size(b)"}, "", "", "Invalid UpdateExpression: The function is not allowed in an update expression; function: size"},
		{"update arity", Request{Update: "SET a = list_append(b)"}, "", "", "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1"},
		{"needs path", Request{Condition: "attribute_exists(:v)"}, "", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists"},
		{"if_not_exists needs path", Request{Update: "SET a = if_not_exists(:v, :v)"}, "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists"},
		{"begins_with type", Request{Condition: "begins_with(a, :v)"}, "", `{":v":{"N":"1"}}`, "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"},
		{"size type", Request{Condition: "size(:v) > :n"}, "", `{":v":{"BOOL":true},":n":{"N":"1"}}`, "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: BOOL"},
		{"attribute_type name", Request{Condition: "attribute_type(a, :t)"}, "", `{":t":{"S":"STRING"}}`, "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}"},
		{"attribute_type operand type", Request{Condition: "attribute_type(a, :t)"}, "", `{":t":{"N":"1"}}`, "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N"},
		{"list_append type", Request{Update: "SET a = list_append(a, :v)"}, "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S"},
		{"plus type", Request{Update: "SET a = b + :v"}, "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S"},
		{"distinct", Request{Condition: "a = a"}, "", "", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"},
		{"distinct through names", Request{Condition: "contains(#a.b[1], a.b[1])"}, `{"#a":"a"}`, "", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a, b, [1]]"},
		{"comparison type", Request{Condition: "a < :v"}, "", `{":v":{"BOOL":true}}`, "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"},

		// BETWEEN and IN.
		{"between order", Request{Condition: "a BETWEEN :hi AND :lo"}, "", `{":lo":{"N":"1"},":hi":{"N":"5"}}`, "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}"},
		{"between types", Request{Condition: "a BETWEEN :s AND :n"}, "", `{":s":{"S":"a"},":n":{"N":"5"}}`, "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {S:a}, upper bound operand: AttributeValue: {N:5}"},
		{"between strings", Request{Condition: "a BETWEEN :b AND :a"}, "", `{":a":{"S":"a"},":b":{"S":"b"}}`, "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}"},

		// Document paths.
		{"index range", Request{Projection: "a[2147483648]"}, "", "", "Invalid ProjectionExpression: List index is not within the allowable range; index: [2147483648]"},
		{"too deep", Request{Projection: "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a1.b1.c1.d1.e1.f1.g1"}, "", "", "Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33"},
		{"overlap", Request{Update: "SET a = :v, a = :v"}, "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"},
		{"overlap nested", Request{Update: "SET a.b = :v REMOVE a"}, "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]"},
		{"overlap through names", Request{Update: "SET #a[1] = :v REMOVE a[1].c"}, `{"#a":"a"}`, `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, [1]], path two: [a, [1], c]"},
		{"conflict", Request{Update: "SET a[1] = :v REMOVE a.b"}, "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [1]], path two: [a, b]"},
		{"projection overlap", Request{Projection: "a.b, a"}, "", "", "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]"},
		{"add type", Request{Update: "ADD a :v"}, "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"},
		{"delete type", Request{Update: "DELETE a :v"}, "", `{":v":{"N":"1"}}`, "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND"},
		{"too long", Request{Condition: "a = " + strings.Repeat("b", 4093)}, "", "", "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.req
			if tc.names != "" {
				r.Names, r.NamesSet = names(t, tc.names), true
			}
			if tc.values != "" {
				r.Values, r.ValuesSet = values(t, tc.values), true
			}
			_, err := Compile(r)
			if got := validationMessage(t, err); got != tc.want {
				t.Errorf("\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

func TestCompileValid(t *testing.T) {
	tests := []Request{
		{Condition: "a = :v AND NOT (b < :v OR c >= :v)"},
		{Condition: "a BETWEEN :v AND :v"},
		{Condition: "a IN (:v, b, c.d)"},
		{Condition: "attribute_exists(a) and attribute_not_exists(b) Or begins_with(c, :v)"},
		{Condition: "size(a) > size(b)"},
		{Condition: "(a = :v)"},
		{Condition: "(a) = :v"},
		{Condition: "NOT NOT a = :v"},
		{Condition: "a.b[0].c <> :v"},
		{Condition: "convert = :v AND size = :v"},
		{Update: "set a = :v, b = if_not_exists(b, :v) remove c[1], d add e :n delete f :ss"},
		{Update: "SET a = list_append(if_not_exists(a, :l), :l)"},
		{Update: "SET a = (:v)"},
		{Projection: "a, b.c, d[1][2].e, #n"},
	}
	for _, r := range tests {
		if r.Projection == "" {
			r.Values = values(t, `{":v":{"S":"x"},":n":{"N":"1"},":ss":{"SS":["a"]},":l":{"L":[]}}`)
		}
		r.Names = names(t, `{"#n":"status"}`)
		_, err := Compile(r)
		msg := validationMessage(t, err)
		if msg != "" && !isUnusedMessage(msg) {
			t.Errorf("Compile(%+v): %s", r, msg)
		}
	}
}

func isUnusedMessage(msg string) bool {
	return len(msg) > 14 && msg[:14] == "Value provided"
}

func TestIsReserved(t *testing.T) {
	for w, want := range map[string]bool{
		"status": true, "STATUS": true, "Name": true, "data": true, "zone": true,
		"pk": false, "size": false, "convert": false, "and": false, "set": false,
		"statuses": false, strings.Repeat("a", 40): false,
	} {
		if got := IsReserved(w); got != want {
			t.Errorf("IsReserved(%q) = %v, want %v", w, got, want)
		}
	}
}
