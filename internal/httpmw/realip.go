package httpmw

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/deployment"
)

// realIP finds a request's client address: the socket's, unless the socket
// is a trusted proxy (--proxy-trusted-origins), in which case the first
// trusted header (--proxy-trusted-headers) that names an address wins.
type realIP struct {
	headers []string // canonical header names, in order
	origins []netip.Prefix
}

// NewIPExtractor returns Echo's IPExtractor for the proxy options. With no
// trusted headers or no trusted origins it is the socket's address alone.
func NewIPExtractor(headers, origins []string) (echo.IPExtractor, error) {
	r := &realIP{}
	for _, h := range headers {
		r.headers = append(r.headers, http.CanonicalHeaderKey(strings.TrimSpace(h)))
	}
	for _, o := range origins {
		p, err := deployment.ParseOrigin(o)
		if err != nil {
			return nil, fmt.Errorf("--proxy-trusted-origins: %w", err)
		}
		r.origins = append(r.origins, p)
	}
	if len(r.headers) == 0 || len(r.origins) == 0 {
		return directIP, nil
	}
	return r.extract, nil
}

// directIP is the socket's address (an IPv4-mapped IPv6 address as the
// IPv4 address it is).
func directIP(req *http.Request) string {
	host, _, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		host = req.RemoteAddr
	}
	if strings.HasPrefix(host, "::ffff:") || strings.HasPrefix(host, "::FFFF:") {
		if a, err := netip.ParseAddr(host); err == nil {
			return a.Unmap().String()
		}
	}
	return host
}

func (r *realIP) extract(req *http.Request) string {
	direct := directIP(req)
	a, err := netip.ParseAddr(direct)
	if err != nil || !r.trusted(a) {
		return direct
	}
	for _, h := range r.headers {
		values := req.Header.Values(h)
		if len(values) == 0 {
			continue
		}
		if h == "X-Forwarded-For" {
			if ip, ok := r.fromForwardedFor(values); ok {
				return ip
			}
			continue
		}
		if ip, ok := parseIP(values[0]); ok {
			return ip.String()
		}
	}
	return direct
}

// fromForwardedFor walks X-Forwarded-For from the right (the entry the
// nearest proxy added) and returns the first address that is not itself a
// trusted proxy: entries further left were written by whoever sent the
// request and prove nothing. A malformed entry stops the walk.
func (r *realIP) fromForwardedFor(values []string) (string, bool) {
	var entries []string
	for _, v := range values {
		entries = append(entries, strings.Split(v, ",")...)
	}
	last := ""
	for i := len(entries) - 1; i >= 0; i-- {
		ip, ok := parseIP(entries[i])
		if !ok {
			break
		}
		if !r.trusted(ip) {
			return ip.String(), true
		}
		last = ip.String()
	}
	// Every parsable entry is a trusted proxy: the leftmost of them is
	// the nearest thing to a client there is.
	return last, last != ""
}

func (r *realIP) trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range r.origins {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// parseIP reads one address from a header value: "203.0.113.7",
// "2001:db8::1", "[2001:db8::1]:443" or "203.0.113.7:443".
func parseIP(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}
