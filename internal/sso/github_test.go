package sso_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/sso"
)

// The tests run the project's fake GitHub on loopback; sign-in reaches it
// as a GitHub Enterprise Server (its pages at the base URL, its API under
// /api/v3), the only way a deployment can point sign-in elsewhere than
// github.com.

const ghRedirect = "http://127.0.0.1:1/api/v2/users/oauth2/github/callback" // never dialled

// fakeGitHub is a fake GitHub with octocat (in acme, team acme/platform),
// hubot (in widgets only, pending in acme) and nomail (no verified
// primary email).
func fakeGitHub(t *testing.T) *fakeprovider.Provider {
	t.Helper()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, RequirePKCE: true, DeviceInterval: 1})
	p.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat", Email: "octocat@example.com"})
	p.AddUser(fakeprovider.User{Login: "hubot", Email: "hubot@example.com"})
	p.AddUser(fakeprovider.User{Login: "nomail"})
	p.AddOrgMember("acme", "octocat", "active")
	p.AddOrgMember("acme", "hubot", "pending")
	p.AddOrgMember("widgets", "hubot", "active")
	p.AddOrgMember("acme", "nomail", "active")
	p.AddTeamMember("acme", "platform", "octocat", "active")
	p.AddTeamMember("acme", "platform", "hubot", "pending")
	p.SetEmails("nomail", fakeprovider.Email{Email: "nomail@example.com", Primary: true, Verified: false},
		fakeprovider.Email{Email: "other@example.com", Verified: true})
	return p
}

func newGitHub(t *testing.T, p *fakeprovider.Provider, cfg sso.GitHubConfig) *sso.GitHub {
	t.Helper()
	cfg.ClientID, cfg.ClientSecret, cfg.RedirectURL = fakeprovider.DefaultClientID, fakeprovider.DefaultClientSecret, ghRedirect
	cfg.EnterpriseBaseURL = p.URL
	g, err := sso.NewGitHub(cfg, nil)
	require.NoError(t, err)
	return g
}

// ghSignIn signs login in at the fake through g's authorization URL and
// finishes the sign-in.
func ghSignIn(t *testing.T, p *fakeprovider.Provider, g *sso.GitHub, login string) (sso.Identity, error) {
	t.Helper()
	require.NoError(t, p.SetNextUser(login))
	authURL, flow, err := g.Start()
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(authURL, p.URL+"/login/oauth/authorize?"), authURL)
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(authURL)
	require.NoError(t, err)
	_ = res.Body.Close()
	loc, err := res.Location()
	require.NoError(t, err, "the fake redirects to the callback")
	require.True(t, strings.HasPrefix(loc.String(), ghRedirect), loc.String())
	return g.Finish(t.Context(), flow, loc.Query().Get("state"), loc.Query().Get("code"))
}

func TestGitHubSignIn(t *testing.T) {
	p := fakeGitHub(t)
	g := newGitHub(t, p, sso.GitHubConfig{AllowedOrgs: []string{"ACME"}})

	authURL, flow, err := g.Start()
	require.NoError(t, err)
	u, _ := url.Parse(authURL)
	assert.Equal(t, flow.State, u.Query().Get("state"))
	assert.Equal(t, "S256", u.Query().Get("code_challenge_method"))
	assert.Equal(t, "read:user read:org user:email", u.Query().Get("scope"))

	id, err := ghSignIn(t, p, g, "octocat")
	require.NoError(t, err)
	assert.Equal(t, "octocat", id.Username)
	assert.Equal(t, "octocat@example.com", id.Email)
	assert.Equal(t, "The Octocat", id.Name)
	assert.NotEmpty(t, id.Subject)
	assert.Positive(t, p.Calls("/api/v3/user"), "the API of the enterprise base URL")
	assert.Positive(t, p.Calls("/api/v3/user/memberships/orgs"))
	assert.Positive(t, p.Calls("/api/v3/user/emails"))
	assert.Zero(t, p.Calls("/user"), "nothing outside /api/v3")

	t.Run("denied org", func(t *testing.T) {
		_, err := ghSignIn(t, p, g, "hubot") // only pending in acme
		refused(t, err, sso.MsgGitHubOrgs)
	})
	t.Run("allowed org among several", func(t *testing.T) {
		g := newGitHub(t, p, sso.GitHubConfig{AllowedOrgs: []string{"acme", "widgets"}})
		_, err := ghSignIn(t, p, g, "hubot")
		require.NoError(t, err)
	})
	t.Run("allowed team", func(t *testing.T) {
		g := newGitHub(t, p, sso.GitHubConfig{AllowedOrgs: []string{"acme"}, AllowedTeams: []string{"acme/platform"}})
		_, err := ghSignIn(t, p, g, "octocat")
		require.NoError(t, err)
		assert.Positive(t, p.Calls("/api/v3/orgs/acme/teams/platform/memberships/octocat"))

		g = newGitHub(t, p, sso.GitHubConfig{AllowedTeams: []string{"acme/platform"}})
		_, err = ghSignIn(t, p, g, "hubot") // pending in the team
		refused(t, err, sso.MsgGitHubTeams)
		_, err = ghSignIn(t, p, g, "nomail") // in acme, not in the team
		refused(t, err, sso.MsgGitHubTeams)
	})
	t.Run("allow everyone", func(t *testing.T) {
		g := newGitHub(t, p, sso.GitHubConfig{AllowEveryone: true})
		before := p.Calls("/api/v3/user/memberships/orgs")
		id, err := ghSignIn(t, p, g, "hubot")
		require.NoError(t, err)
		assert.Equal(t, "hubot@example.com", id.Email)
		assert.Equal(t, before, p.Calls("/api/v3/user/memberships/orgs"), "no membership check")
	})
	t.Run("unverified primary email", func(t *testing.T) {
		_, err := ghSignIn(t, p, g, "nomail")
		require.Error(t, err)
		e, ok := errs.As(err)
		require.True(t, ok, "%v", err)
		assert.Equal(t, errs.KindInvalid, e.Kind, "400, as Coder answers it")
		assert.Equal(t, sso.MsgGitHubEmail, e.Message)
	})
	t.Run("state mismatch", func(t *testing.T) {
		_, flow, err := g.Start()
		require.NoError(t, err)
		_, err = g.Finish(t.Context(), flow, "another-state", "code")
		refused(t, err, sso.MsgStateMismatch)
	})
	t.Run("replayed code", func(t *testing.T) {
		require.NoError(t, p.SetNextUser("octocat"))
		authURL, flow, _ := g.Start()
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.Get(authURL)
		require.NoError(t, err)
		_ = res.Body.Close()
		loc, _ := res.Location()
		_, err = g.Finish(t.Context(), flow, loc.Query().Get("state"), loc.Query().Get("code"))
		require.NoError(t, err)
		_, err = g.Finish(t.Context(), flow, loc.Query().Get("state"), loc.Query().Get("code"))
		refused(t, err, sso.MsgGitHubExchange)
	})
}

func TestGitHubConfig(t *testing.T) {
	for _, cfg := range []sso.GitHubConfig{
		{ClientID: "x"}, // neither orgs, teams nor allow everyone
		{ClientID: "x", AllowedTeams: []string{"no-slash"}},
		{ClientID: "x", AllowedTeams: []string{"acme/"}},
		{ClientID: "x", AllowEveryone: true, EnterpriseBaseURL: "ftp://github.example.com"},
		{AllowEveryone: true},
	} {
		_, err := sso.NewGitHub(cfg, nil)
		assert.Error(t, err, "%+v", cfg)
	}
	g, err := sso.NewGitHub(sso.GitHubConfig{ClientID: "x", AllowEveryone: true}, nil)
	require.NoError(t, err)
	authURL, _, err := g.Start()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(authURL, "https://github.com/login/oauth/authorize?"), "without a base URL, github.com: %s", authURL)
}

func TestGitHubDeviceFlow(t *testing.T) {
	p := fakeGitHub(t)
	g := newGitHub(t, p, sso.GitHubConfig{AllowedOrgs: []string{"acme"}, DeviceFlow: true})
	to, flow, err := g.Start()
	require.NoError(t, err)
	assert.Equal(t, "/login/device?state="+url.QueryEscape(flow.State), to, "as Coder: the device page, not GitHub")

	d, err := g.Device(t.Context())
	require.NoError(t, err)
	assert.NotEmpty(t, d.DeviceCode)
	assert.NotEmpty(t, d.UserCode)
	assert.Equal(t, p.DeviceVerificationURL(), d.VerificationURI)
	assert.Equal(t, 1, d.Interval)
	assert.Positive(t, d.ExpiresIn)

	_, err = g.Finish(t.Context(), flow, flow.State, d.DeviceCode)
	e, ok := errs.As(err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, errs.KindInvalid, e.Kind)
	assert.Equal(t, "authorization_pending", e.Detail)

	require.NoError(t, p.ApproveDevice(d.UserCode, "octocat"))
	id, err := g.Finish(t.Context(), flow, flow.State, d.DeviceCode)
	require.NoError(t, err)
	assert.Equal(t, "octocat", id.Username)

	off := newGitHub(t, p, sso.GitHubConfig{AllowEveryone: true})
	_, err = off.Device(t.Context())
	e, _ = errs.As(err)
	require.NotNil(t, e)
	assert.Equal(t, errs.KindInvalid, e.Kind)
	assert.Equal(t, sso.MsgGitHubDeviceOff, e.Message)
}
