package deployment

import (
	"net"
	"net/url"
	"strconv"
	"strings"
)

// AccessURL returns the URL users and tools reach the server at: a copy of
// --access-url when it is set, else DefaultAccessURL(HTTPAddress).
func (v *Values) AccessURL() *url.URL {
	if !isZeroURL(&v.AccessURLSetting) {
		u := v.AccessURLSetting
		return &u
	}
	return DefaultAccessURL(v.HTTPAddress)
}

// DefaultAccessURL derives an access URL from a listen address: http://
// host:port, where an unspecified host ("", 0.0.0.0) becomes 127.0.0.1 and
// "::" becomes ::1, so the URL is one a local client can open. A server
// listening on port 0 should pass the address it actually bound. An address
// that does not parse is used as the host as is.
func DefaultAccessURL(listenAddr string) *url.URL {
	host, port, err := net.SplitHostPort(listenAddr)
	if err != nil {
		return &url.URL{Scheme: "http", Host: listenAddr}
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return &url.URL{Scheme: "http", Host: net.JoinHostPort(host, port)}
}

// Address returns --http-address split into host and port (the config's
// "address"); the zero HostPort if it does not parse, which Load refuses.
func (v *Values) Address() HostPort {
	hp, _ := ParseHostPort(v.HTTPAddress)
	return hp
}

// StrictTransportSecurityHeader returns the Strict-Transport-Security header
// value to send, "" when --strict-transport-security is 0.
func (v *Values) StrictTransportSecurityHeader() string {
	if v.StrictTransportSecurity <= 0 {
		return ""
	}
	parts := []string{"max-age=" + strconv.FormatInt(v.StrictTransportSecurity, 10)}
	parts = append(parts, v.StrictTransportSecurityOptions...)
	return strings.Join(parts, "; ")
}

// SSHConfigOptionsMap returns --ssh-config-options as key → value, as
// GET /deployment/ssh answers it (never nil). A later option with the same
// key wins; malformed entries, which Load refuses, are skipped.
func (v *Values) SSHConfigOptionsMap() map[string]string {
	out := make(map[string]string, len(v.SSHConfigOptions))
	for _, opt := range v.SSHConfigOptions {
		if k, val, err := ParseSSHConfigOption(opt); err == nil {
			out[k] = val
		}
	}
	return out
}
