package deployment

import (
	"encoding/base64"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/gitauthd/gitauthd/internal/externalauth"
)

// stsDirectives are the directives --strict-transport-security-options
// accepts, in their canonical spelling; they are matched case-insensitively.
var stsDirectives = []string{"includeSubDomains", "preload"}

// validate checks the loaded values as a whole and canonicalises a few of
// them. Errors name each option by where its value came from.
func (l *loader) validate() {
	v := l.v
	bad := func(flag string, format string, a ...any) {
		o := l.byFlag[flag]
		l.fail(o, o.ValueSource, l.where(o), fmt.Errorf(format, a...))
	}

	if _, err := ParseHostPort(v.HTTPAddress); err != nil {
		bad("http-address", "%v", err)
	}
	for _, a := range []struct{ flag, addr string }{
		{"prometheus-address", v.PrometheusAddress},
		{"pprof-address", v.PprofAddress},
	} {
		if _, err := ParseHostPort(a.addr); err != nil {
			bad(a.flag, "%v", err)
		}
	}
	for _, h := range v.ProxyTrustedHeaders {
		if !validHeaderName(h) {
			bad("proxy-trusted-headers", "invalid header name %q", h)
		}
	}
	for _, o := range v.ProxyTrustedOrigins {
		if _, err := ParseOrigin(o); err != nil {
			bad("proxy-trusted-origins", "%v", err)
		}
	}
	if !isZeroURL(&v.AccessURLSetting) {
		if err := externalauth.CheckHTTPURL(&v.AccessURLSetting); err != nil {
			bad("access-url", "%v", err)
		}
	}
	if v.UpdateCheckURL != "" {
		if u, err := url.Parse(v.UpdateCheckURL); err != nil {
			bad("update-check-url", "invalid URL %q", v.UpdateCheckURL)
		} else if err := externalauth.CheckHTTPURL(u); err != nil {
			bad("update-check-url", "%v", err)
		}
	}

	positive := []struct {
		flag string
		d    time.Duration
	}{
		{"http-request-timeout", v.HTTPRequestTimeout},
		{"session-duration", v.SessionDuration},
		{"default-token-lifetime", v.DefaultTokenLifetime},
		{"max-token-lifetime", v.MaxTokenLifetime},
		{"metrics-cache-refresh-interval", v.MetricsCacheRefreshInterval},
	}
	for _, p := range positive {
		if p.d <= 0 {
			bad(p.flag, "must be a positive duration, got %s", p.d)
		}
	}
	if v.DefaultTokenLifetime > 0 && v.MaxTokenLifetime > 0 && v.MaxTokenLifetime < v.DefaultTokenLifetime {
		if l.byFlag["default-token-lifetime"].ValueSource == SourceDefault {
			// Only the maximum was configured: the default follows it down.
			v.DefaultTokenLifetime = v.MaxTokenLifetime
		} else {
			bad("max-token-lifetime", "must be at least --default-token-lifetime (%s), got %s",
				v.DefaultTokenLifetime, v.MaxTokenLifetime)
		}
	}

	if v.HTTPMaxBodyBytes <= 0 {
		bad("http-max-body-bytes", "must be a positive number of bytes, got %d", v.HTTPMaxBodyBytes)
	}
	if v.LoginRateLimit <= 0 {
		bad("login-rate-limit", "must be a positive number of attempts per minute, got %d", v.LoginRateLimit)
	}
	if !v.InMemory && strings.TrimSpace(v.DataDir) == "" {
		bad("data-dir", "must not be empty unless --in-memory is set")
	}
	if v.PostgresURL != "" && !validPostgresURL(v.PostgresURL) {
		// The value is secret: the message does not repeat it.
		bad("postgres-url", "must be a postgres:// or postgresql:// URL or a key=value connection string")
	}

	if v.StrictTransportSecurity < 0 {
		bad("strict-transport-security", "must be a number of seconds, 0 or more, got %d", v.StrictTransportSecurity)
	}
	if opts, err := canonicalSTSOptions(v.StrictTransportSecurityOptions); err != nil {
		bad("strict-transport-security-options", "%v", err)
	} else {
		v.StrictTransportSecurityOptions = opts
	}

	if strings.ContainsFunc(v.SSHHostnamePrefix, isSpace) {
		bad("ssh-hostname-prefix", "must not contain white space, got %q", v.SSHHostnamePrefix)
	}
	for _, opt := range v.SSHConfigOptions {
		if _, _, err := ParseSSHConfigOption(opt); err != nil {
			bad("ssh-config-options", "%v", err)
		}
	}

	if err := validateExperiments(v.Experiments, l.known); err != nil {
		bad("experiments", "%v", err)
	}

	for _, err := range checkEncryptionKeys(v.ExternalTokenEncryptionKeys) {
		bad("external-token-encryption-keys", "%v", err)
	}
}

// EncryptionKeySize is the length in bytes of an external token encryption
// key once base64-decoded (AES-256).
const EncryptionKeySize = 32

// checkEncryptionKeys checks that each key is standard base64 of
// EncryptionKeySize bytes and differs from the others. Errors name a key by
// its index, never by its value.
func checkEncryptionKeys(keys []string) []error {
	var errs []error
	seen := map[string]int{}
	for i, k := range keys {
		b, err := base64.StdEncoding.DecodeString(k)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("key %d is not valid standard base64", i))
		case len(b) != EncryptionKeySize:
			errs = append(errs, fmt.Errorf("key %d must decode to %d bytes, got %d", i, EncryptionKeySize, len(b)))
		default:
			if j, dup := seen[string(b)]; dup {
				errs = append(errs, fmt.Errorf("key %d repeats key %d", i, j))
			}
			seen[string(b)] = i
		}
	}
	return errs
}

// ParseOrigin parses a trusted proxy origin: a CIDR ("10.0.0.0/8") or a
// single address ("10.0.0.7", a /32 or /128).
func ParseOrigin(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("invalid CIDR %q", s)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("invalid address %q: want a CIDR such as 10.0.0.0/8 or a single IP address", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// validHeaderName reports whether s is an HTTP header name (an RFC 9110
// token).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func isZeroURL(u *url.URL) bool { return *u == url.URL{} }

// canonicalSTSOptions checks the Strict-Transport-Security directives and
// returns them in canonical spelling, each once.
func canonicalSTSOptions(in []string) ([]string, error) {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range in {
		canon := ""
		for _, d := range stsDirectives {
			if strings.EqualFold(s, d) {
				canon = d
			}
		}
		if canon == "" {
			return nil, fmt.Errorf("invalid directive %q, allowed: %s", s, strings.Join(stsDirectives, ", "))
		}
		if !seen[canon] {
			seen[canon] = true
			out = append(out, canon)
		}
	}
	return out, nil
}

// ParseSSHConfigOption splits an SSH option written "Key=Value", "Key Value"
// or "Key = Value" into key and value. Both must be non-empty.
func ParseSSHConfigOption(opt string) (key, value string, err error) {
	s := strings.TrimSpace(opt)
	i := strings.IndexFunc(s, func(r rune) bool { return r == '=' || isSpace(r) })
	if i <= 0 {
		return "", "", fmt.Errorf("invalid SSH option %q, want \"Key=Value\" or \"Key Value\"", opt)
	}
	key = s[:i]
	rest := strings.TrimLeftFunc(s[i:], isSpace)
	rest = strings.TrimPrefix(rest, "=")
	value = strings.TrimSpace(rest)
	if value == "" {
		return "", "", fmt.Errorf("invalid SSH option %q: no value", opt)
	}
	return key, value, nil
}

// validPostgresURL reports whether s looks like a PostgreSQL connection
// string: a postgres:// or postgresql:// URL, or key=value pairs. The store
// parses it fully when it connects.
func validPostgresURL(s string) bool {
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		return err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql")
	}
	return strings.Contains(s, "=")
}
