package bench

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

var errNoBanner = errors.New("no listen address in banner")

var (
	bannerURL  = regexp.MustCompile(`https?://[^\s,;"'<>)]+`)
	bannerAddr = regexp.MustCompile(`((?:\d{1,3}\.){3}\d{1,3}|localhost|\[[0-9a-fA-F:]+\]):([1-9]\d{0,4})\b`)
)

// ParseBanner returns the base URL (http://host:port) announced in the banner
// line of `jets server`: a URL if the line has one, else the first host:port.
func ParseBanner(line string) (string, error) {
	if u := bannerURL.FindString(line); u != "" {
		u = strings.TrimRight(u, ".")
		return strings.TrimSuffix(u, "/"), nil
	}
	if m := bannerAddr.FindString(line); m != "" {
		return "http://" + m, nil
	}
	return "", fmt.Errorf("%w: %q", errNoBanner, line)
}
