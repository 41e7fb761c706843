package fakeprovider

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Serve answers HTTP on ln until it fails (it never returns nil). It sets
// URL from ln's address when URL is empty.
func (p *Provider) Serve(ln net.Listener) error {
	p.mu.Lock()
	if p.URL == "" {
		p.URL = "http://" + ln.Addr().String()
	}
	p.mu.Unlock()
	srv := &http.Server{Handler: p.Handler(), ReadHeaderTimeout: 10 * time.Second}
	return srv.Serve(ln)
}

// StartTest starts a Provider with opts on a loopback port for the duration
// of the test, sets its URL, logs its requests to t (unless opts.Logf is
// set) and stops it when the test ends.
func StartTest(t testing.TB, opts Options) *Provider {
	t.Helper()
	if opts.Logf == nil {
		opts.Logf = t.Logf
	}
	p := New(opts)
	srv := httptest.NewUnstartedServer(p.Handler())
	p.URL = "http://" + srv.Listener.Addr().String()
	srv.Start()
	t.Cleanup(func() {
		p.Close()
		srv.Close()
	})
	return p
}

func (p *Provider) base() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.TrimRight(p.URL, "/")
}

// AuthURL is the authorization endpoint.
func (p *Provider) AuthURL() string {
	if p.opts.Dialect == GitHub {
		return p.base() + "/login/oauth/authorize"
	}
	return p.base() + "/oauth/authorize"
}

// TokenURL is the token endpoint.
func (p *Provider) TokenURL() string {
	if p.opts.Dialect == GitHub {
		return p.base() + "/login/oauth/access_token"
	}
	return p.base() + "/oauth/token"
}

// DeviceCodeURL is the device authorization endpoint.
func (p *Provider) DeviceCodeURL() string {
	if p.opts.Dialect == GitHub {
		return p.base() + "/login/device/code"
	}
	return p.base() + "/oauth/device"
}

// DeviceVerificationURL is the page where people enter the user code.
func (p *Provider) DeviceVerificationURL() string {
	return p.base() + p.deviceVerificationPath()
}

// ValidateURL is the user endpoint: GitHub /user, RFC /userinfo (OIDC).
func (p *Provider) ValidateURL() string {
	if p.opts.Dialect == GitHub {
		return p.base() + "/user"
	}
	return p.base() + "/userinfo"
}

// GitLabUserURL is /api/v4/user (RFC dialect only).
func (p *Provider) GitLabUserURL() string { return p.base() + "/api/v4/user" }

// InstallationsURL is GitHub's /user/installations ("" for RFC).
func (p *Provider) InstallationsURL() string {
	if p.opts.Dialect == GitHub {
		return p.base() + "/user/installations"
	}
	return ""
}

// RevokeURL is GitHub's /applications/{client_id}/grant or RFC's /oauth/revoke.
func (p *Provider) RevokeURL() string {
	if p.opts.Dialect == GitHub {
		return p.base() + "/applications/" + url.PathEscape(p.opts.ClientID) + "/grant"
	}
	return p.base() + "/oauth/revoke"
}

// Regex matches repository URLs on the fake's host, for the provider's regex.
func (p *Provider) Regex() string {
	host := p.base()
	if u, err := url.Parse(host); err == nil && u.Host != "" {
		host = u.Host
	}
	return `^https?://` + regexp.QuoteMeta(host) + `(/.*)?$`
}

// Env returns the environment (KEY=value) that configures gitauthd's
// external auth provider number index, with the given id and type, against
// this fake. typ "" means "github" for the GitHub dialect and "gitlab" for
// RFC; the validate URL is /user (GitHub), /api/v4/user (type gitlab) or
// /userinfo (any other type).
func (p *Provider) Env(index int, id, typ string) []string {
	if typ == "" {
		typ = "github"
		if p.opts.Dialect == RFC {
			typ = "gitlab"
		}
	}
	validate := p.ValidateURL()
	if p.opts.Dialect == RFC && typ == "gitlab" {
		validate = p.GitLabUserURL()
	}
	display := "Fake GitHub"
	if p.opts.Dialect == RFC {
		display = "Fake OAuth2"
	}
	kv := [][2]string{
		{"ID", id},
		{"TYPE", typ},
		{"CLIENT_ID", p.opts.ClientID},
		{"CLIENT_SECRET", p.opts.ClientSecret},
		{"AUTH_URL", p.AuthURL()},
		{"TOKEN_URL", p.TokenURL()},
		{"VALIDATE_URL", validate},
		{"REVOKE_URL", p.RevokeURL()},
	}
	if !p.opts.DisableDeviceFlow {
		kv = append(kv, [2]string{"DEVICE_FLOW", "true"}, [2]string{"DEVICE_CODE_URL", p.DeviceCodeURL()})
	}
	if u := p.InstallationsURL(); u != "" {
		kv = append(kv, [2]string{"APP_INSTALLATIONS_URL", u})
	}
	kv = append(kv, [2]string{"REGEX", p.Regex()}, [2]string{"DISPLAY_NAME", display})
	out := make([]string, 0, len(kv))
	for _, e := range kv {
		out = append(out, fmt.Sprintf("GITAUTHD_EXTERNAL_AUTH_%d_%s=%s", index, e[0], e[1]))
	}
	return out
}
