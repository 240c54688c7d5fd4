package expr

import (
	"strings"
	"unicode/utf8"
)

// tokKind classifies a token of DynamoDB's expression language.
type tokKind uint8

const (
	tEOF     tokKind = iota
	tID              // a bare name: a letter, then letters, digits, '_'
	tName            // a #placeholder
	tValue           // a :placeholder
	tInt             // a list index: 0 or [1-9][0-9]*
	tKeyword         // AND OR NOT BETWEEN IN SET REMOVE ADD DELETE (any case)
	tPunct           // = <> < <= > >= ( ) [ ] , . + -
	tBad             // a character DynamoDB does not accept
)

// token is one token; text is its source text, kw the upper-cased keyword.
type token struct {
	kind       tokKind
	text       string
	kw         string
	start, end int
}

// keywords are the words the lexer turns into keyword tokens. They are never
// names, so using one as a bare name is a syntax error.
var keywords = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "BETWEEN": true, "IN": true,
	"SET": true, "REMOVE": true, "ADD": true, "DELETE": true,
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isWord(c byte) bool   { return isLetter(c) || isDigit(c) || c == '_' }

// tokenize splits src into tokens, ending with an EOF token whose text is
// "<EOF>". It never fails: unknown characters become tBad tokens, which the
// parser reports as syntax errors.
func tokenize(src string) []token {
	toks := make([]token, 0, len(src)/2+1)
	i := 0
	for i < len(src) {
		c := src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		start := i
		var k tokKind
		switch {
		case isLetter(c):
			for i < len(src) && isWord(src[i]) {
				i++
			}
			k = tID
		case c == '#' || c == ':':
			i++
			for i < len(src) && isWord(src[i]) {
				i++
			}
			switch {
			case i == start+1:
				k = tBad
			case c == '#':
				k = tName
			default:
				k = tValue
			}
		case isDigit(c):
			i++
			if c != '0' {
				for i < len(src) && isDigit(src[i]) {
					i++
				}
			}
			k = tInt
		case (c == '<' || c == '>') && i+1 < len(src) && src[i+1] == '=',
			c == '<' && i+1 < len(src) && src[i+1] == '>':
			i += 2
			k = tPunct
		case strings.IndexByte("=<>()[],.+-", c) >= 0:
			i++
			k = tPunct
		default:
			_, size := utf8.DecodeRuneInString(src[i:])
			i += size
			k = tBad
		}
		t := token{kind: k, text: src[start:i], start: start, end: i}
		if k == tID {
			if up := strings.ToUpper(t.text); keywords[up] {
				t.kind, t.kw = tKeyword, up
			}
		}
		toks = append(toks, t)
	}
	return append(toks, token{kind: tEOF, text: "<EOF>", start: len(src), end: len(src)})
}

// near is the context DynamoDB quotes in a syntax error: the source from the
// start of the token before the bad one to the end of the token after it.
func near(src string, toks []token, at int) string {
	from := 0
	if at > 0 {
		from = toks[at-1].start
	}
	to := toks[at].end
	if at+1 < len(toks) {
		to = toks[at+1].end
	}
	return src[from:to]
}
