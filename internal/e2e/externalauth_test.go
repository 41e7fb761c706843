package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/server"
)

// ---------------------------------------------------------------- helpers

// eaBound bounds every request of these tests: long enough never to fail a
// slow machine, short enough that a hang fails the test instead of the run.
const eaBound = 60 * time.Second

// eaFake starts a fake provider that announces a 1 s device polling interval.
func eaFake(t *testing.T, o fakeprovider.Options) *fakeprovider.Provider {
	t.Helper()
	if o.DeviceInterval == 0 {
		o.DeviceInterval = 1
	}
	return fakeprovider.StartTest(t, o)
}

// eaStart starts gitauthd with env. It listens on a port chosen up front so
// that the access URL (hence the OAuth callback URL the providers are given
// and the "where to link" URLs) names the port really served.
func eaStart(t *testing.T, env []string, args ...string) *apitest.Server {
	t.Helper()
	return apitest.StartEnv(t, env, append([]string{"--http-address", apitest.FreePort(t)}, args...)...)
}

// eaEnv joins environment lists.
func eaEnv(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// eaWith returns env with field of external auth provider n set to value,
// replacing the line that set it, if any.
func eaWith(env []string, n int, field, value string) []string {
	key := fmt.Sprintf("GITAUTHD_EXTERNAL_AUTH_%d_%s", n, field)
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	return append(out, key+"="+value)
}

// eaDo sends a request with a session token (if any) and returns the status
// and body. It is bounded by eaBound and safe to call from any goroutine:
// it reports transport failures as an error instead of failing the test.
func eaDo(s *apitest.Server, method, path, token, body string) (int, []byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), eaBound)
	defer cancel()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.URL+path, rd)
	if err != nil {
		return 0, nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Coder-Session-Token", token)
	}
	res, err := s.HTTP.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return res.StatusCode, data, err
}

// eaMust is eaDo for the test goroutine.
func eaMust(t *testing.T, s *apitest.Server, method, path, token, body string) (int, []byte) {
	t.Helper()
	status, data, err := eaDo(s, method, path, token, body)
	require.NoError(t, err)
	return status, data
}

// eaUser is ExternalAuthUser.
type eaUser struct {
	Login      string `json:"login"`
	Name       string `json:"name"`
	AvatarURL  string `json:"avatar_url"`
	ProfileURL string `json:"profile_url"`
}

// eaStatus is ExternalAuth (and GitAuth: Type instead of DisplayName).
type eaStatus struct {
	Authenticated  bool    `json:"authenticated"`
	Device         bool    `json:"device"`
	DisplayName    *string `json:"display_name"`
	Type           *string `json:"type"`
	User           *eaUser `json:"user"`
	AppInstallable bool    `json:"app_installable"`
	AppInstallURL  string  `json:"app_install_url"`
	Installations  []struct {
		ID           int64  `json:"id"`
		Account      eaUser `json:"account"`
		ConfigureURL string `json:"configure_url"`
	} `json:"installations"`
	raw map[string]json.RawMessage
}

// eaGet reads the caller's status with a provider (GET
// /api/v2/external-auth/{id}, or the legacy /api/v2/gitauth/{id}).
func eaGet(t *testing.T, s *apitest.Server, token, route, id string) eaStatus {
	t.Helper()
	status, body := eaMust(t, s, http.MethodGet, "/api/v2/"+route+"/"+url.PathEscape(id), token, "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	var st eaStatus
	require.NoError(t, json.Unmarshal(body, &st), "%s", body)
	require.NoError(t, json.Unmarshal(body, &st.raw))
	return st
}

// eaLink is ExternalAuthLink.
type eaLink struct {
	ProviderID      string    `json:"provider_id"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
	HasRefreshToken bool      `json:"has_refresh_token"`
	Expires         time.Time `json:"expires"`
	Authenticated   bool      `json:"authenticated"`
	ValidateError   string    `json:"validate_error"`
}

// eaListing is ListUserExternalAuthResponse.
type eaListing struct {
	Providers []struct {
		ID                 string `json:"id"`
		Type               string `json:"type"`
		Device             bool   `json:"device"`
		DisplayName        string `json:"display_name"`
		DisplayIcon        string `json:"display_icon"`
		AllowRefresh       bool   `json:"allow_refresh"`
		AllowValidate      bool   `json:"allow_validate"`
		SupportsRevocation bool   `json:"supports_revocation"`
	} `json:"providers"`
	Links []eaLink `json:"links"`
}

func eaList(t *testing.T, s *apitest.Server, token string) eaListing {
	t.Helper()
	status, body := eaMust(t, s, http.MethodGet, "/api/v2/external-auth", token, "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	var l eaListing
	require.NoError(t, json.Unmarshal(body, &l), "%s", body)
	return l
}

// eaLinkOf returns the caller's link with provider id, if any.
func eaLinkOf(t *testing.T, s *apitest.Server, token, id string) (eaLink, bool) {
	t.Helper()
	for _, l := range eaList(t, s, token).Links {
		if l.ProviderID == id {
			return l, true
		}
	}
	return eaLink{}, false
}

// eaDevice is ExternalAuthDevice.
type eaDevice struct {
	DeviceCode      string `json:"device_code"`
	UserCode        string `json:"user_code"`
	VerificationURI string `json:"verification_uri"`
	ExpiresIn       int    `json:"expires_in"`
	Interval        int    `json:"interval"`
}

// eaStartDevice starts the device flow (route "external-auth" or "gitauth").
func eaStartDevice(t *testing.T, s *apitest.Server, token, route, id string) eaDevice {
	t.Helper()
	status, body := eaMust(t, s, http.MethodGet, "/api/v2/"+route+"/"+url.PathEscape(id)+"/device", token, "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	var d eaDevice
	require.NoError(t, json.Unmarshal(body, &d), "%s", body)
	require.NotEmpty(t, d.DeviceCode)
	require.NotEmpty(t, d.UserCode)
	return d
}

// eaPollDevice posts the device code once and returns the status and, for
// an error, its detail.
func eaPollDevice(t *testing.T, s *apitest.Server, token, route, id, deviceCode string) (int, string) {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"device_code": deviceCode})
	status, body := eaMust(t, s, http.MethodPost, "/api/v2/"+route+"/"+url.PathEscape(id)+"/device", token, string(b))
	if status == http.StatusNoContent {
		assert.Empty(t, body)
		return status, ""
	}
	return status, decodeCoderError(t, body).Detail
}

// eaLinkDevice links the caller's account with provider id through the
// device flow, approving at the fake as login ("" for the fake's default
// signer).
func eaLinkDevice(t *testing.T, s *apitest.Server, token, id string, p *fakeprovider.Provider, login string) {
	t.Helper()
	d := eaStartDevice(t, s, token, "external-auth", id)
	require.NoError(t, p.ApproveDevice(d.UserCode, login))
	status, detail := eaPollDevice(t, s, token, "external-auth", id, d.DeviceCode)
	require.Equal(t, http.StatusNoContent, status, "linking %s: %s", id, detail)
}

// eaCreds is GitCredentialsResponse, with the keys that were present.
type eaCreds struct {
	AccessToken *string `json:"access_token"`
	Type        string  `json:"type"`
	Username    *string `json:"username"`
	Password    *string `json:"password"`
	URL         *string `json:"url"`
	keys        []string
}

func eaParseCreds(body []byte) (eaCreds, error) {
	var c eaCreds
	if err := json.Unmarshal(body, &c); err != nil {
		return c, fmt.Errorf("%w: %s", err, body)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return c, err
	}
	for k := range raw {
		c.keys = append(c.keys, k)
	}
	return c, nil
}

// eaGitCreds asks for git credentials for match; the body is decoded when
// the answer is 200.
func eaGitCreds(t *testing.T, s *apitest.Server, token, match string) (int, eaCreds, []byte) {
	t.Helper()
	status, body := eaMust(t, s, http.MethodGet, "/api/v2/git-credentials?match="+url.QueryEscape(match), token, "")
	if status != http.StatusOK {
		return status, eaCreds{}, body
	}
	c, err := eaParseCreds(body)
	require.NoError(t, err)
	return status, c, body
}

// eaStr dereferences a string pointer for messages and comparisons.
func eaStr(p *string) string {
	if p == nil {
		return "<absent>"
	}
	return *p
}

// eaRevokePath is the path the fake revokes tokens at.
func eaRevokePath(t *testing.T, p *fakeprovider.Provider) string {
	t.Helper()
	u, err := url.Parse(p.RevokeURL())
	require.NoError(t, err)
	return u.Path
}

// ---------------------------------------------------------------- configuration

func TestExternalAuthConfiguration(t *testing.T) {
	t.Parallel()
	const secret = "gh-client-secret-must-not-leak-3f9c"
	const rfcSecret = "rfc-client-secret-must-not-leak-77d1"
	gh := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, ClientSecret: secret})
	rfc := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.RFC, ClientSecret: rfcSecret})
	noDevice := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.RFC, DisableDeviceFlow: true})
	env := eaEnv(gh.Env(0, "gh", "github"), rfc.Env(1, "oidc", "generic"), rfc.Env(2, "gl", "gitlab"), noDevice.Env(3, "plain", "generic"))
	env = eaWith(env, 2, "REGEX", `^https://gitlab\.example\.test/`)
	env = eaWith(env, 3, "NO_REFRESH", "true")
	env = eaWith(env, 3, "VALIDATE_URL", "")
	env = eaWith(env, 3, "REVOKE_URL", "")
	s := eaStart(t, env)
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")

	t.Run("list", func(t *testing.T) {
		l := eaList(t, s, member.Token)
		assert.Empty(t, l.Links)
		require.Len(t, l.Providers, 4)
		type row struct {
			id, typ, name                     string
			device, refresh, validate, revoke bool
		}
		var got []row
		for _, p := range l.Providers {
			got = append(got, row{p.ID, p.Type, p.DisplayName, p.Device, p.AllowRefresh, p.AllowValidate, p.SupportsRevocation})
			assert.NotEmpty(t, p.DisplayIcon, p.ID)
		}
		assert.Equal(t, []row{
			{"gh", "github", "Fake GitHub", true, true, true, true},
			{"oidc", "generic", "Fake OAuth2", true, true, true, true},
			{"gl", "gitlab", "Fake OAuth2", true, true, true, true},
			{"plain", "generic", "Fake OAuth2", false, false, false, false},
		}, got, "providers in configuration order")
	})

	t.Run("deployment config", func(t *testing.T) {
		status, body := eaMust(t, s, http.MethodGet, "/api/v2/deployment/config", owner.Token, "")
		require.Equal(t, http.StatusOK, status, "%s", body)
		for _, leak := range []string{secret, rfcSecret, fakeprovider.DefaultClientSecret} {
			assert.NotContains(t, string(body), leak, "the deployment config must not show client secrets")
		}
		var got struct {
			Config struct {
				ExternalAuth struct {
					Value []map[string]any `json:"value"`
				} `json:"external_auth"`
			} `json:"config"`
			Options []map[string]any `json:"options"`
		}
		require.NoError(t, json.Unmarshal(body, &got))
		v := got.Config.ExternalAuth.Value
		require.Len(t, v, 4, "%s", body)
		assert.Equal(t, "gh", v[0]["id"])
		assert.Equal(t, "github", v[0]["type"])
		assert.Equal(t, gh.ClientID(), v[0]["client_id"])
		assert.Equal(t, gh.AuthURL(), v[0]["auth_url"])
		assert.Equal(t, gh.TokenURL(), v[0]["token_url"])
		assert.Equal(t, "oidc", v[1]["id"])
		assert.Equal(t, "generic", v[1]["type"])
		assert.Equal(t, rfc.ValidateURL(), v[1]["validate_url"])
		assert.Equal(t, "gl", v[2]["id"])
		assert.Equal(t, rfc.GitLabUserURL(), v[2]["validate_url"])
		assert.Equal(t, "plain", v[3]["id"])
		for i, entry := range v {
			assert.NotContains(t, entry, "client_secret", "entry %d", i)
		}

		var opt map[string]any
		for _, o := range got.Options {
			if o["name"] == "External Auth Providers" {
				opt = o
			}
		}
		require.NotNil(t, opt, "the External Auth Providers option is listed")
		assert.Contains(t, opt, "value")
		assert.Nil(t, opt["value"], "a secret option's value is null")

		status, body = eaMust(t, s, http.MethodGet, "/api/v2/deployment/config", member.Token, "")
		assert.Equal(t, http.StatusForbidden, status, "%s", body)
	})

	t.Run("git username mapping", func(t *testing.T) {
		// gl's own regex, so that oidc (same fake, listed first) does not
		// take its repositories.
		const repo = "https://gitlab.example.test/group/project.git"
		status, c, body := eaGitCreds(t, s, member.Token, repo)
		require.Equal(t, http.StatusOK, status, "%s", body)
		assert.Equal(t, "gitlab", c.Type)
		assert.Equal(t, s.URL+"/external-auth/gl", eaStr(c.URL))

		eaLinkDevice(t, s, member.Token, "gl", rfc, "")
		status, c, body = eaGitCreds(t, s, member.Token, repo)
		require.Equal(t, http.StatusOK, status, "%s", body)
		assert.Equal(t, "gitlab", c.Type)
		assert.Equal(t, "oauth2", eaStr(c.Username))
		assert.True(t, strings.HasPrefix(eaStr(c.AccessToken), fakeprovider.RFCAccessTokenPrefix), "%s", body)
		assert.Equal(t, eaStr(c.AccessToken), eaStr(c.Password))

		// The generic provider on the same fake maps like GitHub.
		status, c, body = eaGitCreds(t, s, member.Token, rfc.URL+"/group/project.git")
		require.Equal(t, http.StatusOK, status, "%s", body)
		assert.Equal(t, "generic", c.Type)
		assert.Equal(t, s.URL+"/external-auth/oidc", eaStr(c.URL), "oidc is not linked")
	})
}

// TestExternalAuthMisconfiguration checks that a bad provider entry stops
// the server from starting, with a message naming the provider and field.
func TestExternalAuthMisconfiguration(t *testing.T) {
	t.Parallel()
	gh := fakeprovider.New(fakeprovider.Options{Dialect: fakeprovider.GitHub})
	gh.URL = "http://127.0.0.1:1"
	rfc := fakeprovider.New(fakeprovider.Options{Dialect: fakeprovider.RFC})
	rfc.URL = "http://127.0.0.1:2"
	for _, tc := range []struct {
		name string
		env  []string
		want []string
	}{
		{"unknown type", eaEnv(gh.Env(0, "gh", "github"), rfc.Env(1, "weird", "gitlob")),
			[]string{`external auth provider 1 ("weird")`, "type", `"gitlob"`}},
		{"duplicate id", eaEnv(gh.Env(0, "dup", "github"), rfc.Env(1, "dup", "gitlab")),
			[]string{`external auth provider 1 ("dup")`, "id", "duplicate"}},
		{"bad regex", eaWith(gh.Env(0, "gh", "github"), 0, "REGEX", "^(unclosed"),
			[]string{`external auth provider 0 ("gh")`, "regex"}},
		{"missing client id", eaWith(rfc.Env(0, "gl", "gitlab"), 0, "CLIENT_ID", ""),
			[]string{`external auth provider 0 ("gl")`, "client_id", "required"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v, opts, err := deployment.Load([]string{"--in-memory", "--http-address", "127.0.0.1:0"}, tc.env)
			require.NoError(t, err, "the options load; the providers are checked when the server is built")
			app, err := server.New(context.Background(), v, opts, slog.New(slog.DiscardHandler))
			if err == nil {
				_ = app.Close()
				t.Fatalf("the server started with a bad provider entry")
			}
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			var ce *externalauth.ConfigError
			assert.True(t, errors.As(err, &ce), "a *externalauth.ConfigError: %v", err)

			_, perr := externalauth.NewProviders(v.ExternalAuth, v.AccessURL())
			require.Error(t, perr)
			assert.Equal(t, err.Error(), perr.Error())
		})
	}
}

// ---------------------------------------------------------------- device flow

func TestExternalAuthDeviceFlow(t *testing.T) {
	t.Parallel()
	for _, dialect := range []fakeprovider.Dialect{fakeprovider.GitHub, fakeprovider.RFC} {
		t.Run(dialect.String(), func(t *testing.T) {
			t.Parallel()
			p := eaFake(t, fakeprovider.Options{Dialect: dialect})
			octo := p.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat"})
			typ := "github"
			if dialect == fakeprovider.RFC {
				typ = "generic"
			}
			noDevice := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.RFC, DisableDeviceFlow: true})
			s := eaStart(t, eaEnv(p.Env(0, "prov", typ), noDevice.Env(1, "nodevice", "generic")))
			owner := s.CreateOwner(t)
			tok := owner.Token

			for _, route := range []string{"external-auth", "gitauth"} {
				t.Run(route, func(t *testing.T) {
					d := eaStartDevice(t, s, tok, route, "prov")
					assert.Equal(t, p.DeviceVerificationURL(), d.VerificationURI)
					assert.Equal(t, 1, d.Interval)
					assert.Positive(t, d.ExpiresIn)
					assert.Equal(t, p.LastUserCode(), d.UserCode)

					status, detail := eaPollDevice(t, s, tok, route, "prov", d.DeviceCode)
					assert.Equal(t, http.StatusBadRequest, status)
					assert.Equal(t, "authorization_pending", detail)

					p.SlowDownNext()
					status, detail = eaPollDevice(t, s, tok, route, "prov", d.DeviceCode)
					assert.Equal(t, http.StatusBadRequest, status)
					assert.Equal(t, "slow_down", detail)

					require.NoError(t, p.DenyDevice(d.UserCode))
					status, detail = eaPollDevice(t, s, tok, route, "prov", d.DeviceCode)
					assert.Equal(t, http.StatusBadRequest, status)
					assert.Equal(t, "access_denied", detail)

					expired := eaStartDevice(t, s, tok, route, "prov")
					require.NoError(t, p.ExpireDevice(expired.UserCode))
					status, detail = eaPollDevice(t, s, tok, route, "prov", expired.DeviceCode)
					assert.Equal(t, http.StatusBadRequest, status)
					assert.Equal(t, "expired_token", detail)

					assert.False(t, eaGet(t, s, tok, "external-auth", "prov").Authenticated, "nothing linked yet")

					ok := eaStartDevice(t, s, tok, route, "prov")
					require.NoError(t, p.ApproveDevice(ok.UserCode, octo.Login))
					status, detail = eaPollDevice(t, s, tok, route, "prov", ok.DeviceCode)
					require.Equal(t, http.StatusNoContent, status, detail)

					st := eaGet(t, s, tok, "external-auth", "prov")
					assert.True(t, st.Authenticated)
					require.NotNil(t, st.User)
					assert.Equal(t, "octocat", st.User.Login)

					// The device code was spent: polling it again is refused,
					// as the provider's error, not a server error.
					status, detail = eaPollDevice(t, s, tok, route, "prov", ok.DeviceCode)
					assert.Equal(t, http.StatusBadRequest, status)
					assert.NotEmpty(t, detail)

					status, body := eaMust(t, s, http.MethodDelete, "/api/v2/external-auth/prov", tok, "")
					require.Equal(t, http.StatusOK, status, "%s", body)
				})
			}

			t.Run("no device flow", func(t *testing.T) {
				for _, route := range []string{"external-auth", "gitauth"} {
					status, body := eaMust(t, s, http.MethodGet, "/api/v2/"+route+"/nodevice/device", tok, "")
					assert.Equal(t, http.StatusBadRequest, status, "%s", body)
					decodeCoderError(t, body)
					status, body = eaMust(t, s, http.MethodPost, "/api/v2/"+route+"/nodevice/device", tok, `{"device_code":"x"}`)
					assert.Equal(t, http.StatusBadRequest, status, "%s", body)
				}
				assert.Zero(t, noDevice.Calls("/oauth/device"), "the provider is not asked")
			})

			t.Run("unknown provider", func(t *testing.T) {
				for _, route := range []string{"external-auth", "gitauth"} {
					status, body := eaMust(t, s, http.MethodGet, "/api/v2/"+route+"/nope/device", tok, "")
					assert.Equal(t, http.StatusNotFound, status, "%s", body)
					status, body = eaMust(t, s, http.MethodPost, "/api/v2/"+route+"/nope/device", tok, `{"device_code":"x"}`)
					assert.Equal(t, http.StatusNotFound, status, "%s", body)
					status, body = eaMust(t, s, http.MethodGet, "/api/v2/"+route+"/nope", tok, "")
					assert.Equal(t, http.StatusNotFound, status, "%s", body)
				}
			})

			t.Run("signed out", func(t *testing.T) {
				status, body := eaMust(t, s, http.MethodGet, "/api/v2/external-auth/prov/device", "", "")
				assert.Equal(t, http.StatusUnauthorized, status, "%s", body)
			})
		})
	}
}

// ---------------------------------------------------------------- reading links

func TestExternalAuthRead(t *testing.T) {
	t.Parallel()
	const installURL = "https://github.example.test/apps/gitauthd/installations/new"
	gh := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	octo := gh.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat", Email: "octocat@example.com"})
	org := gh.AddUser(fakeprovider.User{Login: "octo-org", Name: "Octo Org"})
	gh.SetInstallations("octocat",
		fakeprovider.Installation{ID: 4242, AccountLogin: "octocat", AppID: 7},
		fakeprovider.Installation{ID: 4343, AccountLogin: "octo-org", AccountType: "Organization", AppID: 7})
	rfc := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.RFC})
	rfc.AddUser(fakeprovider.User{Login: "rfc-user", Name: "RFC User"})
	s := eaStart(t, eaEnv(
		eaWith(gh.Env(0, "gh", "github"), 0, "APP_INSTALL_URL", installURL),
		rfc.Env(1, "oidc", "generic"),
	))
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")

	t.Run("no link", func(t *testing.T) {
		for _, id := range []string{"gh", "oidc"} {
			st := eaGet(t, s, member.Token, "external-auth", id)
			assert.False(t, st.Authenticated, id)
			assert.Nil(t, st.User, id)
			assert.JSONEq(t, "null", string(st.raw["user"]), "%s: user is null", id)
			assert.JSONEq(t, "[]", string(st.raw["installations"]), "%s: installations is []", id)
			assert.True(t, st.Device, id)
		}
		ghSt := eaGet(t, s, member.Token, "external-auth", "gh")
		assert.Equal(t, "Fake GitHub", eaStr(ghSt.DisplayName))
		assert.False(t, ghSt.AppInstallable, "no link: the installations could not be listed")
		assert.Equal(t, installURL, ghSt.AppInstallURL)
		o := eaGet(t, s, member.Token, "external-auth", "oidc")
		assert.False(t, o.AppInstallable)
		assert.Equal(t, "", o.AppInstallURL)
		assert.Empty(t, eaList(t, s, member.Token).Links)
	})

	gh.ResetCalls()
	eaLinkDevice(t, s, owner.Token, "gh", gh, "octocat")
	eaLinkDevice(t, s, owner.Token, "oidc", rfc, "rfc-user")

	t.Run("github user and installations", func(t *testing.T) {
		st := eaGet(t, s, owner.Token, "external-auth", "gh")
		require.True(t, st.Authenticated)
		assert.Equal(t, "Fake GitHub", eaStr(st.DisplayName))
		assert.NotContains(t, st.raw, "type")
		assert.Equal(t, &eaUser{
			Login: "octocat", Name: "The Octocat",
			AvatarURL:  fmt.Sprintf("%s/avatars/u/%d?v=4", gh.URL, octo.ID),
			ProfileURL: gh.URL + "/octocat",
		}, st.User)
		assert.True(t, st.AppInstallable)
		assert.Equal(t, installURL, st.AppInstallURL)
		require.Len(t, st.Installations, 2)
		assert.Equal(t, int64(4242), st.Installations[0].ID)
		assert.Equal(t, gh.URL+"/settings/installations/4242", st.Installations[0].ConfigureURL)
		assert.Equal(t, "octocat", st.Installations[0].Account.Login)
		assert.Equal(t, "The Octocat", st.Installations[0].Account.Name)
		assert.Equal(t, int64(4343), st.Installations[1].ID)
		assert.Equal(t, eaUser{
			Login: "octo-org", Name: "Octo Org",
			AvatarURL:  fmt.Sprintf("%s/avatars/u/%d?v=4", gh.URL, org.ID),
			ProfileURL: gh.URL + "/octo-org",
		}, st.Installations[1].Account)
	})

	t.Run("legacy gitauth", func(t *testing.T) {
		st := eaGet(t, s, owner.Token, "gitauth", "gh")
		assert.True(t, st.Authenticated)
		assert.Equal(t, "github", eaStr(st.Type))
		assert.NotContains(t, st.raw, "display_name")
		require.NotNil(t, st.User)
		assert.Equal(t, "octocat", st.User.Login)
		assert.Len(t, st.Installations, 2)
		assert.True(t, st.AppInstallable)

		none := eaGet(t, s, member.Token, "gitauth", "oidc")
		assert.False(t, none.Authenticated)
		assert.Equal(t, "generic", eaStr(none.Type))
		assert.JSONEq(t, "null", string(none.raw["user"]))
		assert.JSONEq(t, "[]", string(none.raw["installations"]))
	})

	t.Run("oidc user", func(t *testing.T) {
		st := eaGet(t, s, owner.Token, "external-auth", "oidc")
		require.True(t, st.Authenticated)
		require.NotNil(t, st.User)
		assert.Equal(t, "rfc-user", st.User.Login)
		assert.Equal(t, "RFC User", st.User.Name)
		assert.Equal(t, rfc.URL+"/rfc-user", st.User.ProfileURL)
		assert.JSONEq(t, "[]", string(st.raw["installations"]))
	})

	t.Run("validation is cached", func(t *testing.T) {
		for range 5 {
			assert.True(t, eaGet(t, s, owner.Token, "external-auth", "gh").Authenticated)
			assert.True(t, eaGet(t, s, owner.Token, "gitauth", "gh").Authenticated)
		}
		l := eaList(t, s, owner.Token)
		require.Len(t, l.Links, 2)
		for _, link := range l.Links {
			assert.True(t, link.Authenticated, link.ProviderID)
			assert.Empty(t, link.ValidateError, link.ProviderID)
			assert.False(t, link.HasRefreshToken, link.ProviderID)
			assert.True(t, link.Expires.IsZero(), "%s: tokens that never expire: %s", link.ProviderID, link.Expires)
		}
		assert.Equal(t, 1, gh.Calls("/user"), "the token was validated once, when it was linked")
		assert.Equal(t, 1, gh.Calls("/user/installations"), "installations are listed once")
	})

	t.Run("links are per user", func(t *testing.T) {
		assert.False(t, eaGet(t, s, member.Token, "external-auth", "gh").Authenticated)
		assert.Empty(t, eaList(t, s, member.Token).Links)
	})
}

// TestExternalAuthProviderTrouble reads a link while the provider's user
// endpoint misbehaves: the answer is always 200, within bounded time, and
// only a clear refusal or an inconclusive answer makes the link look unusable.
func TestExternalAuthProviderTrouble(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault fakeprovider.Fault
		// authenticated: what GET /external-auth/{id} says.
		authenticated bool
		// handedOut: git credentials still carry the token (an outage or a
		// rate limit must not look like a revoked link).
		handedOut bool
	}{
		{"down", fakeprovider.Fault{CloseConnection: true}, false, true},
		{"slow", fakeprovider.Fault{Delay: externalauth.DefaultProviderTimeout + 3*time.Second}, false, true},
		{"garbage", fakeprovider.Fault{Garbage: true}, false, true},
		{"server error", fakeprovider.Fault{Status: http.StatusBadGateway}, false, true},
		{"unauthorized", fakeprovider.Fault{Status: http.StatusUnauthorized}, false, false},
		{"forbidden", fakeprovider.Fault{Status: http.StatusForbidden}, false, false},
		{"rate limited 403", fakeprovider.Fault{RateLimited: true}, true, true},
		{"rate limited 429", fakeprovider.Fault{RateLimited: true, Status: http.StatusTooManyRequests}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			gh := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
			env := gh.Env(0, "gh", "github")
			dir := t.TempDir()
			s1 := eaStart(t, env, "--data-dir", dir)
			owner := s1.CreateOwner(t)
			eaLinkDevice(t, s1, owner.Token, "gh", gh, "")
			s1.Stop()

			// A fresh server has validated nothing yet.
			s := eaStart(t, env, "--data-dir", dir)
			gh.ResetCalls()
			gh.SetFault("/user", tc.fault)
			status, body := eaMust(t, s, http.MethodGet, "/api/v2/external-auth/gh", owner.Token, "")
			require.Equal(t, http.StatusOK, status, "%s", body)
			var st eaStatus
			require.NoError(t, json.Unmarshal(body, &st))
			assert.Equal(t, tc.authenticated, st.Authenticated, "%s", body)
			if !tc.authenticated {
				assert.Nil(t, st.User)
				assert.Empty(t, st.Installations)
			}
			assert.Positive(t, gh.Calls("/user"), "the provider was asked")

			l, ok := eaLinkOf(t, s, owner.Token, "gh")
			require.True(t, ok)
			assert.Equal(t, tc.authenticated, l.Authenticated)
			assert.NotEmpty(t, l.ValidateError, "the link says what is wrong")
			if !tc.handedOut {
				assert.Contains(t, l.ValidateError, "link your account again")
			}

			status, c, body := eaGitCreds(t, s, owner.Token, gh.URL+"/octo/repo.git")
			require.Equal(t, http.StatusOK, status, "%s", body)
			if tc.handedOut {
				assert.NotNil(t, c.AccessToken, "%s", body)
			} else {
				assert.Nil(t, c.AccessToken, "%s", body)
				assert.Equal(t, s.URL+"/external-auth/gh", eaStr(c.URL))
			}

			// Once the provider recovers, a definitive refusal stays
			// remembered for a while; anything inconclusive is asked again
			// later. Either way nothing failed for good.
			gh.ClearFaults()
		})
	}
}

// ---------------------------------------------------------------- unlink

func TestExternalAuthUnlink(t *testing.T) {
	t.Parallel()
	for _, dialect := range []fakeprovider.Dialect{fakeprovider.GitHub, fakeprovider.RFC} {
		t.Run(dialect.String(), func(t *testing.T) {
			t.Parallel()
			p := eaFake(t, fakeprovider.Options{Dialect: dialect, RefreshTokens: true, AccessTokenTTL: time.Hour})
			typ := "github"
			if dialect == fakeprovider.RFC {
				typ = "gitlab"
			}
			s := eaStart(t, p.Env(0, "prov", typ))
			owner := s.CreateOwner(t)
			revokePath := eaRevokePath(t, p)

			t.Run("revoked", func(t *testing.T) {
				eaLinkDevice(t, s, owner.Token, "prov", p, "")
				tokens := p.ValidTokens()
				require.Len(t, tokens, 1)
				before := p.Calls(revokePath)

				status, body := eaMust(t, s, http.MethodDelete, "/api/v2/external-auth/prov", owner.Token, "")
				require.Equal(t, http.StatusOK, status, "%s", body)
				assert.JSONEq(t, `{"token_revoked": true}`, string(body))
				assert.Equal(t, before+1, p.Calls(revokePath), "the provider was asked to revoke")
				info, ok := p.Token(tokens[0])
				require.True(t, ok)
				assert.False(t, info.Valid, "the token no longer validates at the provider")
				assert.Empty(t, p.ValidRefreshTokens(), "nor does the refresh token")
				assert.False(t, eaGet(t, s, owner.Token, "external-auth", "prov").Authenticated)
				_, linked := eaLinkOf(t, s, owner.Token, "prov")
				assert.False(t, linked)
			})

			t.Run("revocation fails", func(t *testing.T) {
				eaLinkDevice(t, s, owner.Token, "prov", p, "")
				tokens := p.ValidTokens()
				require.Len(t, tokens, 1)
				p.SetFault(revokePath, fakeprovider.Fault{Status: http.StatusInternalServerError})
				defer p.ClearFaults()

				status, body := eaMust(t, s, http.MethodDelete, "/api/v2/external-auth/prov", owner.Token, "")
				require.Equal(t, http.StatusOK, status, "%s", body)
				var r struct {
					TokenRevoked         bool    `json:"token_revoked"`
					TokenRevocationError *string `json:"token_revocation_error"`
				}
				require.NoError(t, json.Unmarshal(body, &r))
				assert.False(t, r.TokenRevoked)
				require.NotNil(t, r.TokenRevocationError, "%s", body)
				assert.Contains(t, *r.TokenRevocationError, "500")
				for _, tok := range p.IssuedTokens() {
					assert.NotContains(t, string(body), tok, "the error does not show a token")
				}
				assert.Equal(t, tokens, p.ValidTokens(), "the provider did not revoke")

				// The link is gone all the same.
				assert.False(t, eaGet(t, s, owner.Token, "external-auth", "prov").Authenticated)
				_, linked := eaLinkOf(t, s, owner.Token, "prov")
				assert.False(t, linked)
				status, c, body := eaGitCreds(t, s, owner.Token, p.URL+"/a/b.git")
				require.Equal(t, http.StatusOK, status, "%s", body)
				assert.Nil(t, c.AccessToken)
			})

			t.Run("revocation unreachable", func(t *testing.T) {
				eaLinkDevice(t, s, owner.Token, "prov", p, "")
				p.SetFault(revokePath, fakeprovider.Fault{CloseConnection: true})
				defer p.ClearFaults()
				status, body := eaMust(t, s, http.MethodDelete, "/api/v2/external-auth/prov", owner.Token, "")
				require.Equal(t, http.StatusOK, status, "%s", body)
				var r map[string]any
				require.NoError(t, json.Unmarshal(body, &r))
				assert.Equal(t, false, r["token_revoked"], "%s", body)
				assert.NotEmpty(t, r["token_revocation_error"], "%s", body)
				_, linked := eaLinkOf(t, s, owner.Token, "prov")
				assert.False(t, linked)
			})

			t.Run("no link", func(t *testing.T) {
				status, body := eaMust(t, s, http.MethodDelete, "/api/v2/external-auth/prov", owner.Token, "")
				assert.Equal(t, http.StatusNotFound, status, "%s", body)
				decodeCoderError(t, body)
				status, body = eaMust(t, s, http.MethodDelete, "/api/v2/external-auth/nope", owner.Token, "")
				assert.Equal(t, http.StatusNotFound, status, "%s", body)
			})
		})
	}
}

// ---------------------------------------------------------------- git credentials

func TestExternalAuthGitCredentials(t *testing.T) {
	t.Parallel()
	gh := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	gl := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.RFC})
	s := eaStart(t, eaEnv(gh.Env(0, "gh", "github"), gl.Env(1, "gl", "gitlab")))
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")
	ghRepo := gh.URL + "/octo-org/hello-world.git"
	glRepo := gl.URL + "/group/sub/project.git"

	t.Run("not linked", func(t *testing.T) {
		for _, tc := range []struct{ repo, id, typ string }{{ghRepo, "gh", "github"}, {glRepo, "gl", "gitlab"}} {
			status, c, body := eaGitCreds(t, s, owner.Token, tc.repo)
			require.Equal(t, http.StatusOK, status, "%s", body)
			assert.ElementsMatch(t, []string{"url", "type"}, c.keys, "%s", body)
			assert.Equal(t, s.URL+"/external-auth/"+tc.id, eaStr(c.URL))
			assert.Equal(t, tc.typ, c.Type)
		}
	})

	t.Run("no provider matches", func(t *testing.T) {
		for _, repo := range []string{"https://gitlab.example.test/x/y.git", "https://github.com/octo/x.git"} {
			status, _, body := eaGitCreds(t, s, owner.Token, repo)
			assert.Equal(t, http.StatusNotFound, status, "%s", body)
			decodeCoderError(t, body)
		}
	})

	t.Run("signed out", func(t *testing.T) {
		status, _, body := eaGitCreds(t, s, "", ghRepo)
		assert.Equal(t, http.StatusUnauthorized, status, "%s", body)
	})

	eaLinkDevice(t, s, owner.Token, "gh", gh, "")
	eaLinkDevice(t, s, owner.Token, "gl", gl, "")
	ghTok := gh.IssuedTokens()[0]
	glTok := gl.IssuedTokens()[0]

	t.Run("github", func(t *testing.T) {
		for _, repo := range []string{ghRepo, strings.Replace(ghRepo, "http://", "https://", 1), gh.URL} {
			status, c, body := eaGitCreds(t, s, owner.Token, repo)
			require.Equal(t, http.StatusOK, status, "%s", body)
			assert.Equal(t, "github", c.Type)
			assert.Equal(t, ghTok, eaStr(c.AccessToken))
			assert.Equal(t, ghTok, eaStr(c.Username), "GitHub: the token is the username")
			assert.Equal(t, "", eaStr(c.Password), "GitHub: the password is empty")
			assert.Nil(t, c.URL)
		}
	})

	t.Run("gitlab", func(t *testing.T) {
		status, c, body := eaGitCreds(t, s, owner.Token, glRepo)
		require.Equal(t, http.StatusOK, status, "%s", body)
		assert.Equal(t, "gitlab", c.Type)
		assert.Equal(t, glTok, eaStr(c.AccessToken))
		assert.Equal(t, "oauth2", eaStr(c.Username))
		assert.Equal(t, glTok, eaStr(c.Password))
		assert.Nil(t, c.URL)
	})

	t.Run("other users are not linked", func(t *testing.T) {
		status, c, body := eaGitCreds(t, s, member.Token, ghRepo)
		require.Equal(t, http.StatusOK, status, "%s", body)
		assert.Nil(t, c.AccessToken)
		assert.Equal(t, s.URL+"/external-auth/gh", eaStr(c.URL))
	})

	t.Run("listen", func(t *testing.T) {
		type result struct {
			status int
			body   []byte
			err    error
		}
		done := make(chan result, 1)
		go func() {
			status, body, err := eaDo(s, http.MethodGet, "/api/v2/git-credentials?listen=true&match="+url.QueryEscape(glRepo), member.Token, "")
			done <- result{status, body, err}
		}()
		// Give the request a moment to start waiting (not required for
		// correctness: the answer is the same if the link comes first).
		time.Sleep(300 * time.Millisecond)
		select {
		case r := <-done:
			t.Fatalf("listen answered before the link existed: %d %s %v", r.status, r.body, r.err)
		default:
		}

		// Link from this goroutine while the other one listens.
		eaLinkDevice(t, s, member.Token, "gl", gl, "")

		var r result
		select {
		case r = <-done:
		case <-time.After(eaBound):
			t.Fatal("listen did not answer once the link existed")
		}
		require.NoError(t, r.err)
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		c, err := eaParseCreds(r.body)
		require.NoError(t, err)
		issued := gl.IssuedTokens()
		assert.Equal(t, issued[len(issued)-1], eaStr(c.AccessToken), "%s", r.body)
		assert.Equal(t, "oauth2", eaStr(c.Username))
		assert.Nil(t, c.URL)
	})
}
