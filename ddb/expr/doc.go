// Package expr implements DynamoDB's expression language: condition, key
// condition and filter expressions, update expressions and projection
// expressions.
//
// Compile parses every expression of a request, substitutes its #name and
// :value placeholders and applies DynamoDB's validation, returning
// ValidationExceptions (*ddb.Error) worded as DynamoDB words them: syntax
// errors quote the bad token and its neighbours ("Syntax error; token:
// \"x\", near: \"a x\""), reserved words, undefined and unused placeholders,
// misused functions, operand types known before evaluation, overlapping
// update paths and so on, in the order DynamoDB checks them.
//
// The compiled forms evaluate against items: Condition.Eval applies
// DynamoDB's comparison rules (only values of one type compare; a missing
// attribute makes a comparison false, except <>), Update.Apply runs SET,
// REMOVE, ADD and DELETE with exact number arithmetic (ddb.Number) and the
// run-time errors DynamoDB reports, and Projection.Apply keeps the named
// parts of an item with their document structure.
//
// For Query and for key rules the engine applies, Condition.KeyConditions
// splits a KeyConditionExpression by key (with DynamoDB's messages for what
// a key condition may not do), Condition.Roots and Update.Roots list the
// top-level attributes an expression touches, and Compiled.CheckKeyPaths
// refuses document paths into key attributes.
//
// Grammar notes that follow DynamoDB rather than its documentation: names
// start with a letter; AND, OR, NOT, BETWEEN, IN, SET, REMOVE, ADD and DELETE
// are keywords in every expression (a syntax error where a name is
// expected); size() of a string counts UTF-16 code units.
package expr
