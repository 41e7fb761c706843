package e2e

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

// eaStateCookie is the cookie that carries the OAuth state of a browser flow.
const eaStateCookie = "gitauthd_oauth_state"

// eaBrowser is a browser: a cookie jar, and redirects left to the test to
// follow one by one.
type eaBrowser struct {
	t   *testing.T
	s   *apitest.Server
	jar *cookiejar.Jar
	c   *http.Client
}

func eaNewBrowser(t *testing.T, s *apitest.Server) *eaBrowser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &eaBrowser{t: t, s: s, jar: jar, c: &http.Client{
		Jar:           jar,
		Timeout:       eaBound,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// do sends a request and returns the response with its body read.
func (b *eaBrowser) do(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	res, err := b.c.Do(req)
	require.NoError(b.t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(b.t, err)
	return res, string(body)
}

// get GETs rawURL (absolute, or a path on the server).
func (b *eaBrowser) get(rawURL string) (*http.Response, string) {
	b.t.Helper()
	if strings.HasPrefix(rawURL, "/") {
		rawURL = b.s.URL + rawURL
	}
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	require.NoError(b.t, err)
	return b.do(req)
}

// location is where a redirect sends the browser, resolved.
func (b *eaBrowser) location(res *http.Response) *url.URL {
	b.t.Helper()
	u, err := res.Location()
	require.NoError(b.t, err, "no Location in a %d answer", res.StatusCode)
	return u
}

// cookie is the value of the named cookie the browser holds for the server.
func (b *eaBrowser) cookie(name string) string {
	u, _ := url.Parse(b.s.URL)
	for _, c := range b.jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// setStateCookie plants a state cookie, as a browser that had one would send.
func (b *eaBrowser) setStateCookie(state string) {
	u, _ := url.Parse(b.s.URL)
	b.jar.SetCookies(u, []*http.Cookie{{Name: eaStateCookie, Value: state, Path: "/"}})
}

// login signs in through the login form and returns where it redirects to.
func (b *eaBrowser) login(email, redirect string) *url.URL {
	b.t.Helper()
	res, body := b.get("/login?redirect=" + url.QueryEscape(redirect))
	require.Equal(b.t, http.StatusOK, res.StatusCode, "%s", body)
	form := url.Values{"email": {email}, "password": {apitest.Password}, "redirect": {redirect}}
	req, err := http.NewRequest(http.MethodPost, b.s.URL+"/login", strings.NewReader(form.Encode()))
	require.NoError(b.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.s.URL)
	res, body = b.do(req)
	require.Equal(b.t, http.StatusSeeOther, res.StatusCode, "%s", body)
	require.NotEmpty(b.t, b.cookie("coder_session_token"), "signed in")
	return b.location(res)
}

// start opens the callback without a code and checks that it sends the
// browser to p's authorize endpoint with a state (also in the state cookie)
// and, for PKCE, an S256 challenge. It returns the authorize URL.
func (b *eaBrowser) start(p *fakeprovider.Provider, path string) *url.URL {
	b.t.Helper()
	res, body := b.get(path)
	require.Equal(b.t, http.StatusTemporaryRedirect, res.StatusCode, "GET %s: %s", path, body)
	to := b.location(res)
	require.Equal(b.t, p.AuthURL(), (&url.URL{Scheme: to.Scheme, Host: to.Host, Path: to.Path}).String())
	q := to.Query()
	assert.Equal(b.t, p.ClientID(), q.Get("client_id"))
	assert.Equal(b.t, "code", q.Get("response_type"))
	require.NotEmpty(b.t, q.Get("state"))
	assert.GreaterOrEqual(b.t, len(q.Get("state")), 32, "the state is long and random")
	assert.Equal(b.t, q.Get("state"), b.cookie(eaStateCookie), "the state is also in the state cookie")
	assert.NotEmpty(b.t, q.Get("code_challenge"), "PKCE challenge")
	assert.Equal(b.t, "S256", q.Get("code_challenge_method"))
	return to
}

// authorize visits the provider's authorize URL and returns the callback
// URL it sends the browser back to.
func (b *eaBrowser) authorize(authURL *url.URL) *url.URL {
	b.t.Helper()
	res, body := b.get(authURL.String())
	require.Equal(b.t, http.StatusFound, res.StatusCode, "the fake answers the authorization with a redirect: %s", body)
	back := b.location(res)
	ru, err := url.Parse(authURL.Query().Get("redirect_uri"))
	require.NoError(b.t, err)
	require.Equal(b.t, ru.Host, back.Host)
	require.Equal(b.t, ru.Path, back.Path)
	return back
}

// link runs the whole flow from path and returns where the server finally
// sends the browser.
func (b *eaBrowser) link(p *fakeprovider.Provider, path string) *url.URL {
	b.t.Helper()
	back := b.authorize(b.start(p, path))
	require.NotEmpty(b.t, back.Query().Get("code"), "%s", back)
	res, body := b.get(back.String())
	require.Equal(b.t, http.StatusTemporaryRedirect, res.StatusCode, "%s", body)
	assert.Empty(b.t, b.cookie(eaStateCookie), "the state cookie is cleared")
	return b.location(res)
}

// failPage checks that a page answers status with an error page that
// contains want (as the page shows it), and that no redirect happens.
func eaFailPage(t *testing.T, res *http.Response, body string, status int, want ...string) {
	t.Helper()
	assert.Equal(t, status, res.StatusCode, "%s", body)
	assert.Empty(t, res.Header.Get("Location"))
	assert.Contains(t, res.Header.Get("Content-Type"), "text/html")
	text := html.UnescapeString(body)
	for _, w := range want {
		assert.Contains(t, text, w)
	}
}

func TestExternalAuthBrowserFlow(t *testing.T) {
	t.Parallel()
	gh := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	gh.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat"})
	rfc := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.RFC, RequirePKCE: true})
	rfc.AddUser(fakeprovider.User{Login: "rfc-user", Name: "RFC User"})
	s := eaStart(t, eaEnv(gh.Env(0, "gh", "github"), rfc.Env(1, "oidc", "generic")), "--login-rate-limit", "1000")
	owner := s.CreateOwner(t)
	member := func(name string) apitest.User { return s.CreateMember(t, owner, name) }
	const ghToken, rfcToken = "/login/oauth/access_token", "/oauth/token"

	// linked says whether u has a link with id, and who it belongs to.
	linked := func(t *testing.T, u apitest.User, id string) (bool, string) {
		t.Helper()
		st := eaGet(t, s, u.Token, "external-auth", id)
		if st.User == nil {
			return st.Authenticated, ""
		}
		return st.Authenticated, st.User.Login
	}

	t.Run("sign in, then link with a redirect", func(t *testing.T) {
		alice := member("alice")
		b := eaNewBrowser(t, s)
		const back = "/external-auth/gh?from=workspace"
		start := "/external-auth/gh/callback?redirect=" + url.QueryEscape(back)

		res, body := b.get(start)
		require.Equal(t, http.StatusSeeOther, res.StatusCode, "signed out: %s", body)
		to := b.location(res)
		assert.Equal(t, "/login", to.Path)
		assert.Equal(t, start, to.Query().Get("redirect"), "back to the callback after signing in")
		assert.Empty(t, b.cookie(eaStateCookie), "no flow started while signed out")

		after := b.login(alice.Email, to.Query().Get("redirect"))
		assert.Equal(t, start, after.RequestURI())

		authURL := b.start(gh, after.RequestURI())
		assert.Equal(t, s.URL+"/external-auth/gh/callback", authURL.Query().Get("redirect_uri"))
		assert.Equal(t, "repo workflow", authURL.Query().Get("scope"))
		require.NoError(t, gh.SetNextUser("octocat"))
		cb := b.authorize(authURL)
		assert.Equal(t, authURL.Query().Get("state"), cb.Query().Get("state"))
		res, body = b.get(cb.String())
		require.Equal(t, http.StatusTemporaryRedirect, res.StatusCode, "%s", body)
		assert.Equal(t, back, b.location(res).RequestURI(), "the redirect given at the start")
		assert.Equal(t, s.URL, "http://"+b.location(res).Host, "same origin")
		assert.Empty(t, b.cookie(eaStateCookie))

		ok, login := linked(t, alice, "gh")
		assert.True(t, ok)
		assert.Equal(t, "octocat", login, "linked to the account that signed in at the provider")

		res, body = b.get(back)
		assert.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	})

	t.Run("default redirect and PKCE with the RFC dialect", func(t *testing.T) {
		bob := member("bob")
		b := eaNewBrowser(t, s)
		b.login(bob.Email, "/")
		to := b.link(rfc, "/external-auth/oidc/callback")
		assert.Equal(t, "/external-auth/oidc?redirected=true", to.RequestURI())
		ok, login := linked(t, bob, "oidc")
		assert.True(t, ok)
		assert.Equal(t, "rfc-user", login)
		l, found := eaLinkOf(t, s, bob.Token, "oidc")
		require.True(t, found)
		assert.True(t, l.Authenticated)
	})

	t.Run("legacy gitauth callback", func(t *testing.T) {
		carol := member("carol")
		b := eaNewBrowser(t, s)
		b.login(carol.Email, "/")
		cb := b.authorize(b.start(gh, "/gitauth/gh/callback"))
		cb.Path = "/gitauth/gh/callback"
		res, body := b.get(cb.String())
		require.Equal(t, http.StatusTemporaryRedirect, res.StatusCode, "%s", body)
		assert.Equal(t, "/external-auth/gh?redirected=true", b.location(res).RequestURI())
		ok, _ := linked(t, carol, "gh")
		assert.True(t, ok)
	})

	t.Run("open redirects are refused", func(t *testing.T) {
		dave := member("dave")
		b := eaNewBrowser(t, s)
		b.login(dave.Email, "/")
		before := gh.Calls("/login/oauth/authorize")
		for _, evil := range []string{
			"https://evil.test", "https://evil.test/external-auth/gh", "//evil.test", "//evil.test/x",
			`/\evil.test`, "http:evil.test", "evil.test", "javascript:alert(1)", "/ok\n//evil.test",
		} {
			res, body := b.get("/external-auth/gh/callback?redirect=" + url.QueryEscape(evil))
			assert.GreaterOrEqual(t, res.StatusCode, 400, "redirect %q: %s", evil, body)
			assert.Less(t, res.StatusCode, 500, "redirect %q", evil)
			assert.Empty(t, res.Header.Get("Location"), "redirect %q", evil)
			assert.Empty(t, b.cookie(eaStateCookie), "redirect %q: no flow started", evil)
		}
		assert.Equal(t, before, gh.Calls("/login/oauth/authorize"))
		ok, _ := linked(t, dave, "gh")
		assert.False(t, ok, "nothing stored")

		// A same-origin path is fine.
		to := b.link(gh, "/external-auth/gh/callback?redirect="+url.QueryEscape("/external-auth/gh?x=1"))
		assert.Equal(t, "/external-auth/gh?x=1", to.RequestURI())
	})

	t.Run("replayed state", func(t *testing.T) {
		erin := member("erin")
		b := eaNewBrowser(t, s)
		b.login(erin.Email, "/")
		authURL := b.start(gh, "/external-auth/gh/callback")
		state := authURL.Query().Get("state")
		cb := b.authorize(authURL)
		res, body := b.get(cb.String())
		require.Equal(t, http.StatusTemporaryRedirect, res.StatusCode, "%s", body)
		first, ok := eaLinkOf(t, s, erin.Token, "gh")
		require.True(t, ok)
		exchanges := gh.Calls(ghToken)
		issued := len(gh.IssuedTokens())

		// The same callback URL again: the state cookie is gone.
		res, body = b.get(cb.String())
		eaFailPage(t, res, body, http.StatusBadRequest, "state")
		// Even with the cookie back, the state was used up.
		b.setStateCookie(state)
		res, body = b.get(cb.String())
		eaFailPage(t, res, body, http.StatusBadRequest, "already used")
		assert.Empty(t, b.cookie(eaStateCookie), "the state cookie is cleared on failure too")

		assert.Equal(t, exchanges, gh.Calls(ghToken), "no second exchange")
		assert.Equal(t, issued, len(gh.IssuedTokens()), "no new token")
		again, ok := eaLinkOf(t, s, erin.Token, "gh")
		require.True(t, ok)
		assert.True(t, first.UpdatedAt.Equal(again.UpdatedAt), "the link was not rewritten")
	})

	t.Run("foreign state", func(t *testing.T) {
		frank, grace := member("frank"), member("grace")
		fb, gb := eaNewBrowser(t, s), eaNewBrowser(t, s)
		fb.login(frank.Email, "/")
		gb.login(grace.Email, "/")

		// Frank starts; the provider sends him back with a code, but Grace's
		// session finishes the flow with his state (and his state cookie).
		authURL := fb.start(gh, "/external-auth/gh/callback")
		cb := fb.authorize(authURL)
		exchanges := gh.Calls(ghToken)
		gb.setStateCookie(authURL.Query().Get("state"))
		res, body := gb.get(cb.String())
		eaFailPage(t, res, body, http.StatusBadRequest, "not issued to you")

		// Without the cookie Grace's session is refused as well.
		res, body = gb.get(cb.String())
		eaFailPage(t, res, body, http.StatusBadRequest, "state")

		// The state was spent by its first use, whoever made it.
		res, body = fb.get(cb.String())
		eaFailPage(t, res, body, http.StatusBadRequest, "state")

		assert.Equal(t, exchanges, gh.Calls(ghToken), "the code was never exchanged")
		for _, u := range []apitest.User{frank, grace} {
			ok, _ := linked(t, u, "gh")
			assert.False(t, ok, "%s has no link", u.Username)
		}

		// A state issued for another provider does not finish this one.
		authURL = fb.start(rfc, "/external-auth/oidc/callback")
		cb = fb.authorize(authURL)
		cb.Path = "/external-auth/gh/callback"
		res, body = fb.get(cb.String())
		eaFailPage(t, res, body, http.StatusBadRequest, "state")
		ok, _ := linked(t, frank, "oidc")
		assert.False(t, ok)
	})

	t.Run("provider denies", func(t *testing.T) {
		heidi := member("heidi")
		b := eaNewBrowser(t, s)
		b.login(heidi.Email, "/")
		for _, tc := range []struct {
			p    *fakeprovider.Provider
			id   string
			name string
		}{{gh, "gh", "Fake GitHub"}, {rfc, "oidc", "Fake OAuth2"}} {
			tc.p.DenyNext()
			cb := b.authorize(b.start(tc.p, "/external-auth/"+tc.id+"/callback"))
			assert.Equal(t, "access_denied", cb.Query().Get("error"))
			assert.Empty(t, cb.Query().Get("code"))
			res, body := b.get(cb.String())
			eaFailPage(t, res, body, http.StatusBadRequest, "You did not authorize access at "+tc.name, "access_denied")
			assert.Empty(t, b.cookie(eaStateCookie))
			ok, _ := linked(t, heidi, tc.id)
			assert.False(t, ok, tc.id)
		}
	})

	t.Run("failed exchange", func(t *testing.T) {
		ivan := member("ivan")
		b := eaNewBrowser(t, s)
		b.login(ivan.Email, "/")
		for _, tc := range []struct {
			p         *fakeprovider.Provider
			id, token string
		}{{gh, "gh", ghToken}, {rfc, "oidc", rfcToken}} {
			cb := b.authorize(b.start(tc.p, "/external-auth/"+tc.id+"/callback"))
			q := cb.Query()
			q.Set("code", "not-the-code-"+q.Get("code"))
			cb.RawQuery = q.Encode()
			before := tc.p.Calls(tc.token)
			res, body := b.get(cb.String())
			eaFailPage(t, res, body, http.StatusBadRequest, "refused the authorization code")
			assert.NotContains(t, body, q.Get("code"), "the page does not echo the code")
			assert.Equal(t, before+1, tc.p.Calls(tc.token), "the exchange was tried")
			ok, _ := linked(t, ivan, tc.id)
			assert.False(t, ok, tc.id)
		}
	})

	t.Run("unknown provider", func(t *testing.T) {
		judy := member("judy")
		b := eaNewBrowser(t, s)
		b.login(judy.Email, "/")
		res, body := b.get("/external-auth/nope/callback")
		eaFailPage(t, res, body, http.StatusNotFound)
		assert.Empty(t, b.cookie(eaStateCookie))
	})

	t.Run("signed out with a code", func(t *testing.T) {
		b := eaNewBrowser(t, s)
		before := gh.Calls(ghToken)
		res, body := b.get("/external-auth/gh/callback?code=abc&state=def")
		require.Equal(t, http.StatusSeeOther, res.StatusCode, "%s", body)
		assert.Equal(t, "/login", b.location(res).Path)
		assert.Equal(t, before, gh.Calls(ghToken))
	})
}
