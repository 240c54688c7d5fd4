package logstore

import (
	"fmt"
	"regexp"
	"strings"
)

// Filter is a parsed CloudWatch Logs filter pattern (see the package
// documentation for the supported subset). The nil *Filter matches every
// message.
type Filter struct {
	all     []string // every one must occur
	any     []string // at least one must occur, if there are any
	none    []string // none may occur
	regexps []*regexp.Regexp
}

// ParseFilter parses a filter pattern. The empty pattern yields nil, which
// matches everything.
func ParseFilter(pattern string) (*Filter, error) {
	p := strings.TrimSpace(pattern)
	if p == "" || p == `""` {
		return nil, nil
	}
	if strings.HasPrefix(p, "{") || strings.HasPrefix(p, "[") {
		return nil, fmt.Errorf("filter pattern %q: JSON and space-delimited patterns are not supported; use terms, \"phrases\", -exclusions, ?alternatives or %%regex%%", pattern)
	}
	f := &Filter{}
	for rest := p; rest != ""; rest = strings.TrimLeft(rest, " \t") {
		tok, tail, err := nextTerm(rest)
		if err != nil {
			return nil, fmt.Errorf("filter pattern %q: %w", pattern, err)
		}
		rest = tail
		if err := f.add(tok); err != nil {
			return nil, fmt.Errorf("filter pattern %q: %w", pattern, err)
		}
	}
	return f, nil
}

// term is one parsed token: its operator ('-', '?' or 0), its text, and
// whether it was a %regex%.
type term struct {
	op    byte
	text  string
	regex bool
}

func nextTerm(s string) (term, string, error) {
	var t term
	if s[0] == '-' || s[0] == '?' {
		t.op, s = s[0], s[1:]
	}
	switch {
	case strings.HasPrefix(s, `"`):
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return t, "", fmt.Errorf("unterminated quoted term")
		}
		t.text = s[1 : end+1]
		return t, s[end+2:], nil
	case strings.HasPrefix(s, "%"):
		end := strings.IndexByte(s[1:], '%')
		if end < 0 {
			return t, "", fmt.Errorf("unterminated %%regex%%")
		}
		t.text, t.regex = s[1:end+1], true
		return t, s[end+2:], nil
	}
	end := strings.IndexAny(s, " \t")
	if end < 0 {
		end = len(s)
	}
	t.text = s[:end]
	if t.text == "" {
		return t, "", fmt.Errorf("operator %q without a term", string(t.op))
	}
	return t, s[end:], nil
}

func (f *Filter) add(t term) error {
	if t.regex {
		if t.op != 0 {
			return fmt.Errorf("%%regex%% takes no operator")
		}
		re, err := regexp.Compile(t.text)
		if err != nil {
			return fmt.Errorf("regex: %w", err)
		}
		f.regexps = append(f.regexps, re)
		return nil
	}
	switch t.op {
	case '-':
		f.none = append(f.none, t.text)
	case '?':
		f.any = append(f.any, t.text)
	default:
		f.all = append(f.all, t.text)
	}
	return nil
}

// Match reports whether message matches the pattern.
func (f *Filter) Match(message string) bool {
	if f == nil {
		return true
	}
	for _, s := range f.all {
		if !strings.Contains(message, s) {
			return false
		}
	}
	for _, s := range f.none {
		if strings.Contains(message, s) {
			return false
		}
	}
	for _, re := range f.regexps {
		if !re.MatchString(message) {
			return false
		}
	}
	if len(f.any) == 0 {
		return true
	}
	for _, s := range f.any {
		if strings.Contains(message, s) {
			return true
		}
	}
	return false
}
