package e2e

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/server"
	"github.com/gitauthd/gitauthd/internal/sso"
	"github.com/gitauthd/gitauthd/internal/sso/ssotest"
)

// ssoStart starts gitauthd with OIDC sign-in against a fresh OP on
// loopback, and returns both.
func ssoStart(t *testing.T, args ...string) *apitest.Server {
	t.Helper()
	addr := apitest.FreePort(t)
	callback := "http://" + addr + "/api/v2/users/oidc/callback"
	issuer := ssotest.StartOP(t, callback)
	return apitest.Start(t, append([]string{"--in-memory", "--http-address", addr,
		"--oidc-issuer-url", issuer, "--oidc-client-id", ssotest.ClientID, "--oidc-client-secret", ssotest.ClientSecret,
		"--oidc-sign-in-text", "Company SSO", "--oidc-icon-url", "/icon/company.svg"}, args...)...)
}

// ssoSignIn signs username in through gitauthd's callback: start, the OP's
// login page, finish. It returns the finishing answer.
func ssoSignIn(t *testing.T, s *apitest.Server, username string) (*http.Response, []byte) {
	t.Helper()
	c := &http.Client{Transport: s.HTTP.Transport, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(s.URL + "/api/v2/users/oidc/callback")
	require.NoError(t, err)
	_ = res.Body.Close()
	require.Equal(t, http.StatusTemporaryRedirect, res.StatusCode)
	var flow *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == sso.FlowCookie {
			flow = ck
		}
	}
	require.NotNil(t, flow, "the start sets the flow cookie")
	assert.True(t, flow.HttpOnly)
	state, code := ssotest.SignIn(t, res.Header.Get("Location"), s.URL+"/api/v2/users/oidc/callback", username)

	req, err := http.NewRequest(http.MethodGet, s.URL+"/api/v2/users/oidc/callback?"+url.Values{"state": {state}, "code": {code}}.Encode(), nil)
	require.NoError(t, err)
	req.AddCookie(flow)
	res, err = c.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var body []byte
	if res.StatusCode != http.StatusTemporaryRedirect {
		require.NoError(t, json.NewDecoder(res.Body).Decode(&json.RawMessage{}))
	}
	return res, body
}

// ssoSession is the session cookie of a finished sign-in.
func ssoSession(t *testing.T, res *http.Response) string {
	t.Helper()
	require.Equal(t, http.StatusTemporaryRedirect, res.StatusCode)
	assert.Equal(t, "/", res.Header.Get("Location"))
	for _, ck := range res.Cookies() {
		if ck.Name == identity.SessionCookie {
			return ck.Value
		}
	}
	t.Fatal("no session cookie")
	return ""
}

// ssoUsers is the number of users, as the owner sees it.
func ssoUsers(t *testing.T, s *apitest.Server, owner apitest.User) []client.User {
	t.Helper()
	var list client.GetUsersResponse
	status, body := ulDo(t, s, http.MethodGet, "/api/v2/users", owner.Token, "")
	require.Equal(t, http.StatusOK, status)
	require.NoError(t, json.Unmarshal(body, &list))
	return list.Users
}

func TestOIDCSignInEndToEnd(t *testing.T) {
	t.Parallel()
	s := ssoStart(t)
	owner := s.CreateOwner(t)

	res, body := s.Do(http.MethodGet, "/api/v2/users/authmethods", "", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.JSONEq(t, `{"password":{"enabled":true},
		"github":{"enabled":false,"default_provider_configured":false},
		"oidc":{"enabled":true,"signInText":"Company SSO","iconUrl":"/icon/company.svg"}}`, string(body))

	token := ssoSession(t, ssoRes(ssoSignIn(t, s, "alice")))
	var me client.User
	status, body := ulDo(t, s, http.MethodGet, "/api/v2/users/me", token, "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	require.NoError(t, json.Unmarshal(body, &me))
	assert.Equal(t, "alice", me.Username)
	assert.Equal(t, "alice@example.com", string(me.Email))
	assert.Equal(t, "Alice Liddell", me.Name)
	assert.Equal(t, client.LoginTypeOidc, me.LoginType)

	// Signing in again finds the same user.
	again := ssoSession(t, ssoRes(ssoSignIn(t, s, "alice")))
	status, body = ulDo(t, s, http.MethodGet, "/api/v2/users/me", again, "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, string(body), me.Id.String())
	require.Len(t, ssoUsers(t, s, owner), 2)

	// The sign-up and both sign-ins are on the audit trail, as alice.
	logs, _, raw := auList(t, s, owner.Token, "username:alice")
	var steps []string
	for _, l := range logs {
		steps = append(steps, l.step())
	}
	assert.Equal(t, []string{
		"alice create user allowed 200",
		"alice login user allowed 200",
		"alice login user allowed 200",
	}, steps, "%s", raw)

	t.Run("password login refused", func(t *testing.T) {
		status, body := ulLogin(t, s, "alice@example.com", "whatever-password")
		require.Equal(t, http.StatusForbidden, status, "%s", body)
		assert.Equal(t, `Incorrect login type, attempting to use "password" but user is of login type "oidc"`, ulMessage(t, body))
	})
	t.Run("unverified email", func(t *testing.T) {
		res, _ := ssoSignIn(t, s, "mallory")
		assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
		assert.Len(t, ssoUsers(t, s, owner), 2, "no user created")
	})
	t.Run("suspended user stays out", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodPut, "/api/v2/users/alice/status/suspend", owner.Token, "")
		require.Equal(t, http.StatusOK, status, "%s", body)
		assert.False(t, ulSignedIn(t, s, token))
		res, _ := ssoSignIn(t, s, "alice")
		assert.Equal(t, http.StatusForbidden, res.StatusCode)
	})
	t.Run("the client secret is never shown", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodGet, "/api/v2/deployment/config", owner.Token, "")
		require.Equal(t, http.StatusOK, status)
		assert.NotContains(t, string(body), ssotest.ClientSecret)
		assert.Contains(t, string(body), "oidc-issuer-url")
	})
	t.Run("callback without a started flow", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodGet, "/api/v2/users/oidc/callback?code=x&state=y", "", "")
		assert.Equal(t, http.StatusUnauthorized, status, "%s", body)
	})
}

func TestOIDCSignupsOffAndDomains(t *testing.T) {
	t.Parallel()
	s := ssoStart(t, "--oidc-allow-signups=false", "--oidc-email-domain", "example.com")
	owner := s.CreateOwner(t)
	res, _ := ssoSignIn(t, s, "alice")
	assert.Equal(t, http.StatusForbidden, res.StatusCode, "sign-ups off")
	res, _ = ssoSignIn(t, s, "bob")
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode, "domain not allowed")
	assert.Len(t, ssoUsers(t, s, owner), 1, "no user created")
}

func TestOIDCOff(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--in-memory")
	status, body := ulDo(t, s, http.MethodGet, "/api/v2/users/oidc/callback", "", "")
	assert.Equal(t, http.StatusNotFound, status, "%s", body)
	assert.True(t, strings.Contains(string(body), "not configured"), "%s", body)
}

func ssoRes(res *http.Response, _ []byte) *http.Response { return res }

func TestOIDCSignInPage(t *testing.T) {
	t.Parallel()
	s := ssoStart(t)
	res, body := s.Do(http.MethodGet, "/login", "", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, string(body), `<a class="button" id="sign-in-oidc" href="/api/v2/users/oidc/callback"><img src="/icon/company.svg" alt="" width="16" height="16"> Company SSO</a>`)

	plain := apitest.Start(t, "--in-memory")
	res, body = plain.Do(http.MethodGet, "/login", "", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.NotContains(t, string(body), "sign-in-oidc", "no button when OIDC is off")
}

// With a role field, the claim's roles (mapped, with the defaults, unknown
// ones ignored) replace the user's on each sign-in; without one, roles are
// left alone.
func TestOIDCRoleSync(t *testing.T) {
	t.Parallel()
	s := ssoStart(t, "--oidc-user-role-field", "groups",
		"--oidc-user-role-mapping", `{"admins":["user-admin"]}`, "--oidc-user-roles-default", "auditor")
	owner := s.CreateOwner(t)
	roles := func(username string) []string {
		t.Helper()
		for _, u := range ssoUsers(t, s, owner) {
			if u.Username == username {
				var out []string
				for _, r := range u.Roles {
					out = append(out, r.Name)
				}
				return out
			}
		}
		t.Fatalf("no user %s", username)
		return nil
	}

	ssoSession(t, ssoRes(ssoSignIn(t, s, "alice")))
	assert.ElementsMatch(t, []string{"auditor", "user-admin"}, roles("alice"), "admins -> user-admin, no-such-role ignored, the default added")

	status, body := ulDo(t, s, http.MethodPut, "/api/v2/users/alice/roles", owner.Token, `{"roles":[]}`)
	require.Equal(t, http.StatusOK, status, "%s", body)
	assert.Empty(t, roles("alice"))
	ssoSession(t, ssoRes(ssoSignIn(t, s, "alice")))
	assert.ElementsMatch(t, []string{"auditor", "user-admin"}, roles("alice"), "the next sign-in restores the claim's roles")

	ssoSession(t, ssoRes(ssoSignIn(t, s, "bob")))
	assert.Equal(t, []string{"auditor"}, roles("bob"))

	// Each change the identity provider made is a write on the trail, by
	// the user signing in; the owner's own change is there too.
	logs, _, raw := auList(t, s, owner.Token, "action:write resource_type:user")
	var steps []string
	for _, l := range logs {
		steps = append(steps, l.step()+" "+l.ResourceTarget)
	}
	assert.Equal(t, []string{
		"alice write user allowed 200 alice",
		"owner write user allowed 200 alice",
		"alice write user allowed 200 alice",
		"bob write user allowed 200 bob",
	}, steps, "%s", raw)

	status, body = ulDo(t, s, http.MethodGet, "/api/v2/deployment/config", owner.Token, "")
	require.Equal(t, http.StatusOK, status)
	var cfg struct {
		Config struct {
			OIDC struct {
				UserRoleField    string              `json:"user_role_field"`
				UserRoleMapping  map[string][]string `json:"user_role_mapping"`
				UserRolesDefault []string            `json:"user_roles_default"`
			} `json:"oidc"`
		} `json:"config"`
	}
	require.NoError(t, json.Unmarshal(body, &cfg))
	assert.Equal(t, "groups", cfg.Config.OIDC.UserRoleField)
	assert.Equal(t, map[string][]string{"admins": {"user-admin"}}, cfg.Config.OIDC.UserRoleMapping)
	assert.Equal(t, []string{"auditor"}, cfg.Config.OIDC.UserRolesDefault)

	plain := ssoStart(t)
	plainOwner := plain.CreateOwner(t)
	ssoSession(t, ssoRes(ssoSignIn(t, plain, "alice")))
	status, body = ulDo(t, plain, http.MethodPut, "/api/v2/users/alice/roles", plainOwner.Token, `{"roles":["auditor"]}`)
	require.Equal(t, http.StatusOK, status, "%s", body)
	ssoSession(t, ssoRes(ssoSignIn(t, plain, "alice")))
	_, body = ulDo(t, plain, http.MethodGet, "/api/v2/users/alice", plainOwner.Token, "")
	assert.Contains(t, string(body), `"name":"auditor"`, "no role field: roles left alone")
}

// --oidc-auth-url-params and --oidc-scopes reach the issuer's authorization
// URL, and the config reports them.
func TestOIDCAuthURL(t *testing.T) {
	t.Parallel()
	s := ssoStart(t, "--oidc-auth-url-params", `{"prompt":"login","login_hint":"alice"}`, "--oidc-scopes", "openid,email")
	owner := s.CreateOwner(t)
	c := &http.Client{Transport: s.HTTP.Transport, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(s.URL + "/api/v2/users/oidc/callback")
	require.NoError(t, err)
	_ = res.Body.Close()
	require.Equal(t, http.StatusTemporaryRedirect, res.StatusCode)
	to, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "login", to.Query().Get("prompt"))
	assert.Equal(t, "alice", to.Query().Get("login_hint"))
	assert.Equal(t, "openid email", to.Query().Get("scope"))

	// The OP honours them: a sign-in still finishes.
	ssoSession(t, ssoRes(ssoSignIn(t, s, "alice")))

	status, body := ulDo(t, s, http.MethodGet, "/api/v2/deployment/config", owner.Token, "")
	require.Equal(t, http.StatusOK, status)
	var cfg struct {
		Config struct {
			OIDC struct {
				AuthURLParams map[string]string `json:"auth_url_params"`
				Scopes        []string          `json:"scopes"`
				ClientSecret  string            `json:"client_secret"`
			} `json:"oidc"`
		} `json:"config"`
	}
	require.NoError(t, json.Unmarshal(body, &cfg))
	assert.Equal(t, map[string]string{"prompt": "login", "login_hint": "alice"}, cfg.Config.OIDC.AuthURLParams)
	assert.Equal(t, []string{"openid", "email"}, cfg.Config.OIDC.Scopes)
	assert.Empty(t, cfg.Config.OIDC.ClientSecret)
}

// ghStart starts gitauthd with GitHub sign-in against a fresh fake GitHub
// (as an enterprise server) with octocat in acme and hubot in no org.
func ghStart(t *testing.T, args ...string) (*apitest.Server, *fakeprovider.Provider) {
	t.Helper()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, RequirePKCE: true, DeviceInterval: 1})
	p.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat", Email: "octocat@example.com"})
	p.AddUser(fakeprovider.User{Login: "hubot", Email: "hubot@example.com"})
	p.AddUser(fakeprovider.User{Login: "nomail"}) // no verified primary email
	p.AddOrgMember("acme", "octocat", "active")
	p.AddOrgMember("acme", "nomail", "active")
	s := apitest.Start(t, append([]string{"--in-memory",
		"--oauth2-github-client-id", fakeprovider.DefaultClientID, "--oauth2-github-client-secret", fakeprovider.DefaultClientSecret,
		"--oauth2-github-enterprise-base-url", p.URL, "--oauth2-github-allowed-orgs", "acme"}, args...)...)
	return s, p
}

// ghSignIn signs login in through gitauthd's GitHub callback and returns
// the finishing answer.
func ghSignIn(t *testing.T, s *apitest.Server, p *fakeprovider.Provider, login string) *http.Response {
	t.Helper()
	require.NoError(t, p.SetNextUser(login))
	c := &http.Client{Transport: s.HTTP.Transport, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(s.URL + "/api/v2/users/oauth2/github/callback")
	require.NoError(t, err)
	_ = res.Body.Close()
	require.Equal(t, http.StatusTemporaryRedirect, res.StatusCode)
	var flow *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == sso.GitHubFlowCookie {
			flow = ck
		}
	}
	require.NotNil(t, flow, "the start sets the oauth_state cookie")
	res, err = c.Get(res.Header.Get("Location")) // the fake's authorize page
	require.NoError(t, err)
	_ = res.Body.Close()
	back, err := res.Location()
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodGet, back.String(), nil)
	require.NoError(t, err)
	req.AddCookie(flow)
	res, err = c.Do(req)
	require.NoError(t, err)
	_ = res.Body.Close()
	return res
}

func TestGitHubSignInEndToEnd(t *testing.T) {
	t.Parallel()
	s, p := ghStart(t, "--oauth2-github-allow-signups")
	owner := s.CreateOwner(t)

	res, body := s.Do(http.MethodGet, "/api/v2/users/authmethods", "", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.JSONEq(t, `{"password":{"enabled":true},
		"github":{"enabled":true,"default_provider_configured":false},
		"oidc":{"enabled":false,"signInText":"","iconUrl":""}}`, string(body))

	token := ssoSession(t, ghSignIn(t, s, p, "octocat"))
	var me client.User
	status, body := ulDo(t, s, http.MethodGet, "/api/v2/users/me", token, "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	require.NoError(t, json.Unmarshal(body, &me))
	assert.Equal(t, "octocat", me.Username)
	assert.Equal(t, "octocat@example.com", string(me.Email))
	assert.Equal(t, client.LoginTypeGithub, me.LoginType)
	ssoSession(t, ghSignIn(t, s, p, "octocat"))
	require.Len(t, ssoUsers(t, s, owner), 2, "the second sign-in finds the same user")

	t.Run("password login refused", func(t *testing.T) {
		status, body := ulLogin(t, s, "octocat@example.com", "whatever-password")
		require.Equal(t, http.StatusForbidden, status, "%s", body)
		assert.Equal(t, `Incorrect login type, attempting to use "password" but user is of login type "github"`, ulMessage(t, body))
	})
	t.Run("no allowed org", func(t *testing.T) {
		res := ghSignIn(t, s, p, "hubot")
		assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
		assert.Len(t, ssoUsers(t, s, owner), 2, "no user created")
	})
	t.Run("no verified primary email", func(t *testing.T) {
		res := ghSignIn(t, s, p, "nomail")
		assert.Equal(t, http.StatusBadRequest, res.StatusCode, "as Coder answers it")
		assert.Len(t, ssoUsers(t, s, owner), 2, "no user created")
	})
	t.Run("callback without a started flow", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodGet, "/api/v2/users/oauth2/github/callback?code=x&state=y", "", "")
		assert.Equal(t, http.StatusUnauthorized, status, "%s", body)
	})
	t.Run("device flow off", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodGet, "/api/v2/users/oauth2/github/device", "", "")
		assert.Equal(t, http.StatusBadRequest, status, "%s", body)
	})
	t.Run("the config shows the options, the secret blanked", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodGet, "/api/v2/deployment/config", owner.Token, "")
		require.Equal(t, http.StatusOK, status)
		assert.NotContains(t, string(body), fakeprovider.DefaultClientSecret)
		var cfg struct {
			Config struct {
				OAuth2 struct {
					GitHub map[string]any `json:"github"`
				} `json:"oauth2"`
			} `json:"config"`
		}
		require.NoError(t, json.Unmarshal(body, &cfg))
		gh := cfg.Config.OAuth2.GitHub
		assert.Equal(t, fakeprovider.DefaultClientID, gh["client_id"])
		assert.Equal(t, "", gh["client_secret"])
		assert.Equal(t, []any{"acme"}, gh["allowed_orgs"])
		assert.Equal(t, p.URL, gh["enterprise_base_url"])
		assert.Equal(t, true, gh["allow_signups"])
		assert.Equal(t, false, gh["default_provider_enable"])
	})
}

func TestGitHubSignupsOff(t *testing.T) {
	t.Parallel()
	s, p := ghStart(t)
	owner := s.CreateOwner(t)
	res := ghSignIn(t, s, p, "octocat")
	assert.Equal(t, http.StatusForbidden, res.StatusCode, "sign-ups are off by default, as in Coder")
	assert.Len(t, ssoUsers(t, s, owner), 1, "no user created")
}

// With the device flow: the start points at the device page with the
// state, the device endpoint gives a code, and the callback takes it.
func TestGitHubDeviceFlowEndToEnd(t *testing.T) {
	t.Parallel()
	s, p := ghStart(t, "--oauth2-github-allow-signups", "--oauth2-github-device-flow")
	c := &http.Client{Transport: s.HTTP.Transport, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(s.URL + "/api/v2/users/oauth2/github/callback")
	require.NoError(t, err)
	_ = res.Body.Close()
	require.Equal(t, http.StatusTemporaryRedirect, res.StatusCode)
	to, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "/login/device", to.Path)
	state := to.Query().Get("state")
	var flow *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == sso.GitHubFlowCookie {
			flow = ck
		}
	}
	require.NotNil(t, flow)

	status, body := ulDo(t, s, http.MethodGet, "/api/v2/users/oauth2/github/device", "", "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	var d client.ExternalAuthDevice
	require.NoError(t, json.Unmarshal(body, &d))
	finish := func() *http.Response {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v2/users/oauth2/github/callback?"+url.Values{"code": {d.DeviceCode}, "state": {state}}.Encode(), nil)
		req.AddCookie(flow)
		res, err := c.Do(req)
		require.NoError(t, err)
		_ = res.Body.Close()
		return res
	}
	assert.Equal(t, http.StatusBadRequest, finish().StatusCode, "authorization_pending")
	require.NoError(t, p.ApproveDevice(d.UserCode, "octocat"))
	ssoSession(t, finish())
}

func TestGitHubOff(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--in-memory")
	for _, path := range []string{"/api/v2/users/oauth2/github/callback", "/api/v2/users/oauth2/github/device"} {
		status, body := ulDo(t, s, http.MethodGet, path, "", "")
		assert.Equal(t, http.StatusNotFound, status, "%s: %s", path, body)
	}
	for _, args := range [][]string{
		{"--oauth2-github-client-id", "x"},
		{"--oauth2-github-client-id", "x", "--oauth2-github-allowed-teams", "acme"},
	} {
		v, opts, err := deployment.Load(append([]string{"--in-memory", "--http-address", "127.0.0.1:0"}, args...), nil)
		require.NoError(t, err)
		app, err := server.New(context.Background(), v, opts, slog.New(slog.DiscardHandler))
		if err == nil {
			_ = app.Close()
			t.Fatalf("the server started with %v", args)
		}
		assert.Contains(t, err.Error(), "--oauth2-github-")
	}
}

func TestGitHubSignInPage(t *testing.T) {
	t.Parallel()
	s, _ := ghStart(t)
	res, body := s.Do(http.MethodGet, "/login", "", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, string(body), `<a class="button" id="sign-in-github" href="/api/v2/users/oauth2/github/callback"><img src="/icon/github.svg" alt="" width="16" height="16"> GitHub</a>`)
	assert.NotContains(t, string(body), "sign-in-oidc", "no OIDC button when OIDC is off")
}
