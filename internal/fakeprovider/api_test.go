package fakeprovider_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

func TestGitHubUserAndInstallations(t *testing.T) {
	t.Parallel()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	p.AddUser(fakeprovider.User{ID: 583231, Login: "octocat", Name: "The Octocat", AvatarURL: "https://avatars.example/u/583231"})
	p.SetInstallations("octocat",
		fakeprovider.Installation{ID: 1, AccountLogin: "octocat"},
		fakeprovider.Installation{ID: 2, AccountLogin: "acme", AccountID: 9, AccountType: "Organization", AccountName: "ACME"},
	)
	tok := linkCode(t, p)

	// "token X" works as well as "Bearer X".
	req, _ := http.NewRequest(http.MethodGet, p.ValidateURL(), nil)
	req.Header.Set("Authorization", "token "+tok.AccessToken)
	a := do(t, req)
	require.Equal(t, http.StatusOK, a.status)
	m := a.json(t)
	assert.EqualValues(t, 583231, m["id"])
	assert.Equal(t, "https://avatars.example/u/583231", m["avatar_url"])
	assert.Equal(t, "4999", a.header.Get("X-RateLimit-Remaining"))

	a = get(t, p.InstallationsURL(), tok.AccessToken)
	require.Equal(t, http.StatusOK, a.status)
	var inst struct {
		TotalCount    int `json:"total_count"`
		Installations []struct {
			ID      int64  `json:"id"`
			HTMLURL string `json:"html_url"`
			Account struct {
				Login     string `json:"login"`
				ID        int64  `json:"id"`
				AvatarURL string `json:"avatar_url"`
				HTMLURL   string `json:"html_url"`
				Name      string `json:"name"`
				Type      string `json:"type"`
			} `json:"account"`
		} `json:"installations"`
	}
	require.NoError(t, json.Unmarshal(a.body, &inst))
	require.Equal(t, 2, inst.TotalCount)
	require.Len(t, inst.Installations, 2)
	assert.Equal(t, "octocat", inst.Installations[0].Account.Login)
	assert.EqualValues(t, 583231, inst.Installations[0].Account.ID)
	assert.Equal(t, "The Octocat", inst.Installations[0].Account.Name)
	assert.Equal(t, p.URL+"/settings/installations/1", inst.Installations[0].HTMLURL)
	assert.Equal(t, "acme", inst.Installations[1].Account.Login)
	assert.Equal(t, "Organization", inst.Installations[1].Account.Type)
	assert.Equal(t, p.URL+"/acme", inst.Installations[1].Account.HTMLURL)

	a = get(t, p.ValidateURL(), "")
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "Requires authentication", a.json(t)["message"])
	a = get(t, p.InstallationsURL(), "gho_unknown")
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "Bad credentials", a.json(t)["message"])
}

func TestRFCUserEndpoints(t *testing.T) {
	t.Parallel()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC})
	p.AddUser(fakeprovider.User{Login: "alice", Name: "Alice", Email: "alice@example.com"})
	tok := linkCode(t, p)

	m := get(t, p.GitLabUserURL(), tok.AccessToken).json(t)
	assert.EqualValues(t, 1, m["id"])
	assert.Equal(t, "alice", m["username"])
	assert.Equal(t, "Alice", m["name"])
	assert.Equal(t, p.URL+"/alice", m["web_url"])
	assert.NotEmpty(t, m["avatar_url"])

	m = get(t, p.ValidateURL(), tok.AccessToken).json(t)
	assert.Equal(t, "alice@example.com", m["email"])
	assert.Equal(t, "Alice", m["name"])

	a := get(t, p.GitLabUserURL(), "fake_at_nope")
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "401 Unauthorized", a.json(t)["message"])
	a = get(t, p.ValidateURL(), "fake_at_nope")
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Contains(t, a.header.Get("WWW-Authenticate"), `error="invalid_token"`)
	assert.Equal(t, "invalid_token", a.json(t)["error"])
}

func TestGitHubRevokeGrant(t *testing.T) {
	t.Parallel()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	p.AddUser(fakeprovider.User{Login: "alice"})
	p.AddUser(fakeprovider.User{Login: "bob"})
	a1, a2 := linkCode(t, p), linkCode(t, p)
	require.NoError(t, p.SetNextUser("bob"))
	b := linkCode(t, p)
	assert.Len(t, p.ValidTokens(), 3)
	pat, err := p.IssuePersonalToken("alice", "repo")
	require.NoError(t, err)

	del := func(target, user, pass, body string) answer {
		req, err := http.NewRequest(http.MethodDelete, target, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Accept", "application/vnd.github+json")
		req.Header.Set("Content-Type", "application/json")
		req.SetBasicAuth(user, pass)
		return do(t, req)
	}
	body := func(tok string) string { return `{"access_token":"` + tok + `"}` }

	assert.Equal(t, http.StatusNotFound, del(p.RevokeURL(), p.ClientID(), "wrong", body(a1.AccessToken)).status)
	assert.Equal(t, http.StatusUnprocessableEntity, del(p.RevokeURL(), p.ClientID(), p.ClientSecret(), `{}`).status)
	assert.Equal(t, http.StatusNotFound, del(p.RevokeURL(), p.ClientID(), p.ClientSecret(), body("gho_unknown")).status)

	// DELETE .../token revokes one token.
	tokenURL := strings.TrimSuffix(p.RevokeURL(), "/grant") + "/token"
	assert.Equal(t, http.StatusNoContent, del(tokenURL, p.ClientID(), p.ClientSecret(), body(a2.AccessToken)).status)
	assert.ElementsMatch(t, []string{a1.AccessToken, b.AccessToken, pat}, p.ValidTokens())

	// DELETE .../grant revokes every token of that user for the app.
	a3 := linkCode(t, p) // bob again
	require.NoError(t, p.SetNextUser("alice"))
	a4 := linkCode(t, p)
	assert.Equal(t, http.StatusNoContent, del(p.RevokeURL(), p.ClientID(), p.ClientSecret(), body(a1.AccessToken)).status)
	assert.ElementsMatch(t, []string{b.AccessToken, a3.AccessToken, pat}, p.ValidTokens(),
		"alice's personal token is not the app's: it stays")
	assert.Equal(t, http.StatusUnauthorized, get(t, p.ValidateURL(), a4.AccessToken).status)
	assert.Equal(t, http.StatusOK, get(t, p.ValidateURL(), pat).status)
	assert.Equal(t, http.StatusOK, get(t, p.ValidateURL(), b.AccessToken).status)
}

func TestRFCRevoke(t *testing.T) {
	t.Parallel()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, AccessTokenTTL: time.Hour, RefreshTokens: true})
	tok := linkCode(t, p)
	form := func(token string) url.Values {
		return url.Values{"token": {token}, "client_id": {p.ClientID()}, "client_secret": {p.ClientSecret()}}
	}

	a := post(t, p.RevokeURL(), url.Values{"token": {tok.AccessToken}, "client_id": {p.ClientID()}, "client_secret": {"wrong"}})
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, http.StatusOK, post(t, p.RevokeURL(), form("fake_at_unknown")).status, "RFC 7009: unknown tokens are fine")
	assert.Equal(t, http.StatusOK, get(t, p.ValidateURL(), tok.AccessToken).status)

	assert.Equal(t, http.StatusOK, post(t, p.RevokeURL(), form(tok.AccessToken)).status)
	assert.Equal(t, http.StatusUnauthorized, get(t, p.ValidateURL(), tok.AccessToken).status)
	_, err := config(p).TokenSource(ctx(t), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
	assert.Equal(t, "invalid_grant", retrieveError(t, err).ErrorCode, "the whole grant is revoked")
}

func TestFaults(t *testing.T) {
	t.Parallel()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	tok := linkCode(t, p)
	user := p.ValidateURL()

	p.SetFault("/user", fakeprovider.Fault{Status: http.StatusBadGateway})
	assert.Equal(t, http.StatusBadGateway, get(t, user, tok.AccessToken).status)

	p.SetFault("/user", fakeprovider.Fault{Status: http.StatusUnauthorized})
	a := get(t, user, tok.AccessToken)
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "Bad credentials", a.json(t)["message"])

	p.SetFault("/user", fakeprovider.Fault{RateLimited: true})
	a = get(t, user, tok.AccessToken)
	assert.Equal(t, http.StatusForbidden, a.status)
	assert.Equal(t, "0", a.header.Get("X-RateLimit-Remaining"))
	assert.NotEmpty(t, a.header.Get("X-RateLimit-Reset"))

	p.SetFault("/user", fakeprovider.Fault{RateLimited: true, Status: http.StatusTooManyRequests, RetryAfter: 7 * time.Second})
	a = get(t, user, tok.AccessToken)
	assert.Equal(t, http.StatusTooManyRequests, a.status)
	assert.Equal(t, "7", a.header.Get("Retry-After"))

	p.SetFault("/user", fakeprovider.Fault{Garbage: true})
	a = get(t, user, tok.AccessToken)
	assert.Equal(t, http.StatusOK, a.status)
	assert.Error(t, json.Unmarshal(a.body, new(map[string]any)))

	p.SetFault("/user", fakeprovider.Fault{CloseConnection: true})
	_, err := http.Get(user)
	assert.Error(t, err)

	// Slow: a client with a deadline gives up; without one it gets the answer late.
	p.SetFault("/user", fakeprovider.Fault{Delay: 300 * time.Millisecond})
	c, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(c, http.MethodGet, user, nil)
	_, err = http.DefaultClient.Do(req)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	p.SetFault("/user", fakeprovider.Fault{Delay: 20 * time.Millisecond})
	start := time.Now()
	assert.Equal(t, http.StatusOK, get(t, user, tok.AccessToken).status)
	assert.GreaterOrEqual(t, time.Since(start), 20*time.Millisecond)

	// Times: fail once, then recover.
	p.SetFault("/user", fakeprovider.Fault{Status: http.StatusServiceUnavailable, Times: 1})
	assert.Equal(t, http.StatusServiceUnavailable, get(t, user, tok.AccessToken).status)
	assert.Equal(t, http.StatusOK, get(t, user, tok.AccessToken).status)

	// "*" faults every path; garbage on the token endpoint breaks x/oauth2.
	p.SetFault("*", fakeprovider.Fault{Garbage: true})
	cfg := config(p)
	_, err = cfg.Exchange(ctx(t), "whatever")
	assert.Error(t, err)
	p.ClearFaults()

	n := p.Calls("/user")
	assert.Equal(t, http.StatusOK, get(t, user, tok.AccessToken).status)
	assert.Equal(t, n+1, p.Calls("/user"))
	assert.GreaterOrEqual(t, n, 10)
	p.ResetCalls()
	assert.Zero(t, p.Calls("/user"))
}

func TestServeAndEnv(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := fakeprovider.New(fakeprovider.Options{Dialect: fakeprovider.GitHub, ClientID: "cid"})
	p.URL = "http://" + ln.Addr().String()
	go func() { _ = p.Serve(ln) }()
	t.Cleanup(func() { _ = ln.Close() })

	env := strings.Join(p.Env(0, "fake", ""), "\n")
	for _, want := range []string{
		"GITAUTHD_EXTERNAL_AUTH_0_ID=fake",
		"GITAUTHD_EXTERNAL_AUTH_0_TYPE=github",
		"GITAUTHD_EXTERNAL_AUTH_0_CLIENT_ID=cid",
		"GITAUTHD_EXTERNAL_AUTH_0_CLIENT_SECRET=" + fakeprovider.DefaultClientSecret,
		"GITAUTHD_EXTERNAL_AUTH_0_AUTH_URL=" + p.URL + "/login/oauth/authorize",
		"GITAUTHD_EXTERNAL_AUTH_0_TOKEN_URL=" + p.URL + "/login/oauth/access_token",
		"GITAUTHD_EXTERNAL_AUTH_0_VALIDATE_URL=" + p.URL + "/user",
		"GITAUTHD_EXTERNAL_AUTH_0_REVOKE_URL=" + p.URL + "/applications/cid/grant",
		"GITAUTHD_EXTERNAL_AUTH_0_DEVICE_FLOW=true",
		"GITAUTHD_EXTERNAL_AUTH_0_DEVICE_CODE_URL=" + p.URL + "/login/device/code",
		"GITAUTHD_EXTERNAL_AUTH_0_APP_INSTALLATIONS_URL=" + p.URL + "/user/installations",
	} {
		assert.Contains(t, env, want+"\n")
	}
	assert.Regexp(t, p.Regex(), p.URL+"/org/repo.git")
	assert.NotRegexp(t, p.Regex(), "https://github.com/org/repo.git")

	// Served for real.
	tok := linkCode(t, p)
	assert.Equal(t, http.StatusOK, get(t, p.ValidateURL(), tok.AccessToken).status)

	rfc := fakeprovider.New(fakeprovider.Options{Dialect: fakeprovider.RFC})
	rfc.URL = "http://127.0.0.1:9"
	env = strings.Join(rfc.Env(2, "gl", ""), "\n")
	assert.Contains(t, env, "GITAUTHD_EXTERNAL_AUTH_2_TYPE=gitlab\n")
	assert.Contains(t, env, "GITAUTHD_EXTERNAL_AUTH_2_VALIDATE_URL=http://127.0.0.1:9/api/v4/user\n")
	assert.Contains(t, env, "GITAUTHD_EXTERNAL_AUTH_2_REVOKE_URL=http://127.0.0.1:9/oauth/revoke\n")
	assert.NotContains(t, env, "APP_INSTALLATIONS_URL")
	env = strings.Join(rfc.Env(2, "oidc", "oidc"), "\n")
	assert.Contains(t, env, "GITAUTHD_EXTERNAL_AUTH_2_VALIDATE_URL=http://127.0.0.1:9/userinfo\n")
}

// A faulted request never reaches the real handler: a refresh token survives
// every kind of fault on the token endpoint.
func TestFaultedRequestsHaveNoEffect(t *testing.T) {
	t.Parallel()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, AccessTokenTTL: time.Hour, RefreshTokens: true})
	tok := linkCode(t, p)
	cfg := config(p)
	for _, f := range []fakeprovider.Fault{
		{Status: http.StatusTooManyRequests, RateLimited: true},
		{RateLimited: true},
		{Status: http.StatusBadGateway},
		{Garbage: true},
		{CloseConnection: true},
	} {
		p.SetFault("/oauth/token", f)
		_, err := cfg.TokenSource(ctx(t), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
		require.Error(t, err, "%+v", f)
	}
	p.ClearFaults()
	assert.Zero(t, p.RefreshCount())
	_, err := cfg.TokenSource(ctx(t), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
	require.NoError(t, err)
	assert.Equal(t, 1, p.RefreshCount())
}
