package deployment

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"time"
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
	if !isZeroURL(&v.AccessURLSetting) {
		if err := checkHTTPURL(&v.AccessURLSetting); err != nil {
			bad("access-url", "%v", err)
		}
	}
	if v.UpdateCheckURL != "" {
		if u, err := url.Parse(v.UpdateCheckURL); err != nil {
			bad("update-check-url", "invalid URL %q", v.UpdateCheckURL)
		} else if err := checkHTTPURL(u); err != nil {
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

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func isZeroURL(u *url.URL) bool { return *u == url.URL{} }

// checkHTTPURL accepts an absolute http or https URL with a host.
func checkHTTPURL(u *url.URL) error {
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("must be an absolute http or https URL, got %q", u.Redacted())
	}
	if u.User != nil {
		return fmt.Errorf("must not contain a user name or password, got %q", u.Redacted())
	}
	return nil
}

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
