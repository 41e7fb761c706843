package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/identity"
)

// The pages tests use the server-rendered pages over HTTP as a browser
// would: a cookie jar, form posts, redirects looked at one by one.

// pgBrowser is an HTTP client with a cookie jar that does not follow
// redirects.
type pgBrowser struct {
	t    *testing.T
	base string
	c    *http.Client
}

func pgNewBrowser(t *testing.T, base string) *pgBrowser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &pgBrowser{t: t, base: base, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// pgPage is one answer.
type pgPage struct {
	res  *http.Response
	body string
}

func (b *pgBrowser) do(req *http.Request) pgPage {
	b.t.Helper()
	res, err := b.c.Do(req)
	require.NoError(b.t, err, "%s %s", req.Method, req.URL)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(b.t, err)
	return pgPage{res: res, body: string(data)}
}

func (b *pgBrowser) url(path string) string {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return path
	}
	return b.base + path
}

// get GETs path (relative to the server, or absolute).
func (b *pgBrowser) get(path string) pgPage {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.url(path), nil)
	require.NoError(b.t, err)
	return b.do(req)
}

// post posts a form to path with the given extra headers.
func (b *pgBrowser) post(path string, form url.Values, header http.Header) pgPage {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.url(path), strings.NewReader(form.Encode()))
	require.NoError(b.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, vs := range header {
		req.Header[k] = vs
	}
	return b.do(req)
}

// session is the session cookie the jar holds for the server.
func (b *pgBrowser) session() string {
	u, err := url.Parse(b.base)
	require.NoError(b.t, err)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == identity.SessionCookie {
			return c.Value
		}
	}
	return ""
}

var (
	pgScriptRE    = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)
	pgSrcHrefRE   = regexp.MustCompile(`(?i)\s(src|href|action)\s*=\s*"([^"]*)"`)
	pgLinkRE      = regexp.MustCompile(`(?i)<link\b[^>]*>`)
	pgHandlerRE   = regexp.MustCompile(`(?i)<[^>]+\son[a-z]+\s*=`)
	pgStyleAttrRE = regexp.MustCompile(`(?i)<[^>]+\sstyle\s*=`)
	pgHiddenRE    = regexp.MustCompile(`<input type="hidden" name="redirect" value="([^"]*)">`)
)

// pgCheckPage checks what every page must have: the page CSP (only the
// server's own scripts and styles, nothing inline), no caching, HTML, and
// no script, style or form pointing at another origin.
func pgCheckPage(t *testing.T, p pgPage) {
	t.Helper()
	h := p.res.Header
	assert.Equal(t, "no-store", h.Get("Cache-Control"), "Cache-Control of %s", p.res.Request.URL)
	assert.True(t, strings.HasPrefix(h.Get("Content-Type"), "text/html"), "Content-Type %q", h.Get("Content-Type"))
	csp := h.Get("Content-Security-Policy")
	require.NotEmpty(t, csp, "CSP of %s", p.res.Request.URL)
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	assert.Equal(t, "'self'", directives["default-src"], "CSP %q", csp)
	for _, name := range []string{"script-src", "script-src-elem", "script-src-attr", "style-src", "style-src-elem", "style-src-attr"} {
		if v, ok := directives[name]; ok {
			assert.Equal(t, "'self'", v, "CSP %s in %q", name, csp)
		}
	}
	assert.NotContains(t, csp, "unsafe-inline")
	assert.NotContains(t, csp, "unsafe-eval")
	assert.Equal(t, "'none'", directives["frame-ancestors"], "CSP %q", csp)
	assert.Equal(t, "'self'", directives["form-action"], "CSP %q", csp)
	assert.Equal(t, "'none'", directives["base-uri"], "CSP %q", csp)

	for _, m := range pgScriptRE.FindAllStringSubmatch(p.body, -1) {
		assert.Regexp(t, `src="/static/[a-z.]+"`, m[1], "scripts are the server's own files")
		assert.Empty(t, strings.TrimSpace(m[2]), "no inline script")
	}
	for _, link := range pgLinkRE.FindAllString(p.body, -1) {
		m := pgSrcHrefRE.FindStringSubmatch(link)
		require.NotNil(t, m, link)
		assert.Regexp(t, `^/static/[a-z.]+$`, m[2], "stylesheets are the server's own files: %s", link)
	}
	// Links (<a href>) may point at the provider; what loads or posts may not.
	for _, m := range pgSrcHrefRE.FindAllStringSubmatch(p.body, -1) {
		if !strings.EqualFold(m[1], "href") {
			assert.Regexp(t, `^/[^/\\]`, m[2], "%s must be same-origin", m[0])
		}
	}
	assert.NotRegexp(t, pgHandlerRE, p.body, "no inline event handlers")
	assert.NotRegexp(t, pgStyleAttrRE, p.body, "no inline styles")
	assert.NotContains(t, p.body, "<style", "no inline style sheets")
}

func TestPagesLogin(t *testing.T) {
	t.Parallel()
	// Many sign-ins from one address: a high login rate limit.
	s := apitest.Start(t, "--login-rate-limit", "1000")
	owner := s.CreateOwner(t)
	b := pgNewBrowser(t, s.URL)

	t.Run("the form", func(t *testing.T) {
		p := b.get("/login")
		require.Equal(t, http.StatusOK, p.res.StatusCode)
		pgCheckPage(t, p)
		assert.Contains(t, p.body, "<title>Sign in · gitauthd</title>")
		assert.Contains(t, p.body, `<form method="post" action="/login">`)
		assert.Contains(t, p.body, `name="email"`)
		assert.Contains(t, p.body, `type="password" name="password"`)
		assert.Contains(t, p.body, `<link rel="stylesheet" href="/static/style.css">`)
		assert.NotContains(t, p.body, `role="alert"`, "no error before a try")
		assert.Equal(t, []string{"/"}, pgHidden(p.body))
		assert.Empty(t, p.res.Cookies(), "showing the form sets no cookie")
	})

	t.Run("the form keeps same-origin redirects only", func(t *testing.T) {
		for _, tc := range []struct{ redirect, want string }{
			{"/external-auth/github", "/external-auth/github"},
			{"/external-auth/github?redirected=true", "/external-auth/github?redirected=true"},
			{"https://evil.test", "/"},
			{"https://evil.test/external-auth/github", "/"},
			{"//evil.test", "/"},
			{"//evil.test/path", "/"},
			{`/\evil.test`, "/"},
			{"javascript:alert(1)", "/"},
			{"evil.test", "/"},
			{"", "/"},
		} {
			p := b.get("/login?redirect=" + url.QueryEscape(tc.redirect))
			require.Equal(t, http.StatusOK, p.res.StatusCode, tc.redirect)
			assert.Equal(t, []string{tc.want}, pgHidden(p.body), "redirect %q", tc.redirect)
		}
	})

	t.Run("a wrong password re-renders the form with an error and 401", func(t *testing.T) {
		for _, email := range []string{owner.Email, "nobody@example.com"} {
			p := b.post("/login", url.Values{"email": {email}, "password": {"wrong-password-123"}, "redirect": {"/external-auth/github"}}, nil)
			assert.Equal(t, http.StatusUnauthorized, p.res.StatusCode, email)
			pgCheckPage(t, p)
			assert.Contains(t, p.body, `<p class="error" role="alert">`, email)
			assert.Contains(t, p.body, `value="`+email+`"`, "the email is kept")
			assert.NotContains(t, p.body, "wrong-password-123", "the password is never echoed")
			assert.Equal(t, []string{"/external-auth/github"}, pgHidden(p.body), "the redirect is kept")
			assert.Empty(t, b.session(), "no session cookie")
		}
		// The same message for an unknown email as for a wrong password.
		p1 := b.post("/login", url.Values{"email": {owner.Email}, "password": {"wrong-password-123"}}, nil)
		p2 := b.post("/login", url.Values{"email": {"nobody@example.com"}, "password": {"wrong-password-123"}}, nil)
		assert.Equal(t, pgAlert(p1.body), pgAlert(p2.body))
		assert.NotEmpty(t, pgAlert(p1.body))
	})

	t.Run("sign-in redirects to same-origin paths only", func(t *testing.T) {
		for _, tc := range []struct{ redirect, want string }{
			{"/external-auth/github", "/external-auth/github"},
			{"/external-auth/github?redirected=true", "/external-auth/github?redirected=true"},
			{"", "/"},
			{"https://evil.test", "/"},
			{"//evil.test", "/"},
			{"//evil.test/x", "/"},
			{`/\evil.test`, "/"},
			{"/ok\r\nSet-Cookie: x=y", "/"},
			{"http://" + strings.TrimPrefix(s.URL, "http://") + "/x", "/"},
		} {
			nb := pgNewBrowser(t, s.URL)
			p := nb.post("/login", url.Values{"email": {owner.Email}, "password": {apitest.Password}, "redirect": {tc.redirect}}, nil)
			require.Equal(t, http.StatusSeeOther, p.res.StatusCode, "redirect %q: %s", tc.redirect, p.body)
			assert.Equal(t, tc.want, p.res.Header.Get("Location"), "redirect %q", tc.redirect)
			assert.Equal(t, "no-store", p.res.Header.Get("Cache-Control"))
			assert.NotEmpty(t, nb.session(), "signed in")
		}
	})

	t.Run("the session cookie", func(t *testing.T) {
		nb := pgNewBrowser(t, s.URL)
		p := nb.post("/login", url.Values{"email": {owner.Email}, "password": {apitest.Password}}, nil)
		require.Equal(t, http.StatusSeeOther, p.res.StatusCode)
		var ck *http.Cookie
		for _, c := range p.res.Cookies() {
			if c.Name == identity.SessionCookie {
				ck = c
			}
		}
		require.NotNil(t, ck)
		assert.True(t, ck.HttpOnly)
		assert.Equal(t, http.SameSiteLaxMode, ck.SameSite)
		assert.Equal(t, "/", ck.Path)
		assert.False(t, ck.Expires.IsZero())
		// The cookie works for the API.
		res, body := s.Do("GET", "/api/v2/users/me", "", http.Header{"Cookie": {ck.Name + "=" + ck.Value}})
		assert.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	})

	t.Run("a sign-in posted from another origin is refused", func(t *testing.T) {
		nb := pgNewBrowser(t, s.URL)
		for _, h := range []http.Header{{"Origin": {"https://evil.test"}}, {"Referer": {"https://evil.test/login"}}} {
			p := nb.post("/login", url.Values{"email": {owner.Email}, "password": {apitest.Password}}, h)
			assert.Equal(t, http.StatusForbidden, p.res.StatusCode, "%v", h)
			assert.Empty(t, nb.session())
		}
		p := nb.post("/login", url.Values{"email": {owner.Email}, "password": {apitest.Password}}, http.Header{"Origin": {s.URL}})
		assert.Equal(t, http.StatusSeeOther, p.res.StatusCode, "same origin is fine")
	})
}

// pgHidden returns the values of the login form's hidden redirect inputs.
func pgHidden(body string) []string {
	var out []string
	for _, m := range pgHiddenRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

var pgAlertRE = regexp.MustCompile(`<p class="error" role="alert">([^<]*)</p>`)

func pgAlert(body string) string {
	if m := pgAlertRE.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

func TestPagesExternalAuth(t *testing.T) {
	t.Parallel()
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, DeviceInterval: 1})
	gh.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat"})
	nodev := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, DisableDeviceFlow: true})
	nodev.AddUser(fakeprovider.User{Login: "tanuki"})
	env := append(gh.Env(0, "github", "github"), nodev.Env(1, "gitlab", "gitlab")...)
	// The browser flow needs a real callback URL: listen on a known port.
	addr := apitest.FreePort(t)
	s := apitest.StartEnv(t, env, "--http-address", addr, "--access-url", "http://"+addr)
	owner := s.CreateOwner(t)
	b := pgNewBrowser(t, s.URL)

	linked := func(t *testing.T, id string) bool {
		t.Helper()
		res, err := s.Client(owner.Token).GetExternalAuthByIDWithResponse(context.Background(), id)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode(), "%s", res.Body)
		return res.JSON200.Authenticated
	}

	t.Run("signed out: to the sign-in page and back", func(t *testing.T) {
		for path, want := range map[string]string{
			"/external-auth/github":                 "/login?redirect=%2Fexternal-auth%2Fgithub",
			"/external-auth/github?redirected=true": "/login?redirect=%2Fexternal-auth%2Fgithub%3Fredirected%3Dtrue",
			"/external-auth/unknown":                "/login?redirect=%2Fexternal-auth%2Funknown",
		} {
			p := b.get(path)
			assert.Equal(t, http.StatusSeeOther, p.res.StatusCode, path)
			assert.Equal(t, want, p.res.Header.Get("Location"), path)
			assert.Equal(t, "no-store", p.res.Header.Get("Cache-Control"), path)
		}
		// A bad session cookie is the same as none.
		u, _ := url.Parse(s.URL)
		b.c.Jar.SetCookies(u, []*http.Cookie{{Name: identity.SessionCookie, Value: "AAAAAAAAAA-bbbbbbbbbbbbbbbbbbbbbb", Path: "/"}})
		p := b.get("/external-auth/github")
		assert.Equal(t, http.StatusSeeOther, p.res.StatusCode)

		login := b.get(p.res.Header.Get("Location"))
		require.Equal(t, http.StatusOK, login.res.StatusCode)
		require.Equal(t, []string{"/external-auth/github"}, pgHidden(login.body))
		in := b.post("/login", url.Values{"email": {owner.Email}, "password": {apitest.Password}, "redirect": pgHidden(login.body)}, nil)
		require.Equal(t, http.StatusSeeOther, in.res.StatusCode)
		assert.Equal(t, "/external-auth/github", in.res.Header.Get("Location"))
	})
	require.NotEmpty(t, b.session())

	t.Run("signed in, not linked", func(t *testing.T) {
		p := b.get("/external-auth/github")
		require.Equal(t, http.StatusOK, p.res.StatusCode, p.body)
		pgCheckPage(t, p)
		assert.Contains(t, p.body, "<h1>Fake GitHub</h1>")
		assert.Contains(t, p.body, "signed in as <strong>owner</strong>")
		assert.Contains(t, p.body, `<p class="warn">Not connected.`)
		assert.Contains(t, p.body, `<a class="button" id="link-browser" href="/external-auth/github/callback?redirect=/external-auth/github%3Fredirected%3Dtrue">Connect with Fake GitHub</a>`)
		assert.Contains(t, p.body, `<div class="device" data-device="github">`)
		assert.Contains(t, p.body, `<button type="button" class="secondary device-start">Connect with a code</button>`)
		assert.Contains(t, p.body, `<script src="/static/device.js" defer></script>`)
		assert.NotContains(t, p.body, "Disconnect")
		assert.NotContains(t, p.body, "is connected. You can close this page")
	})

	t.Run("a provider without the device flow has no device button", func(t *testing.T) {
		p := b.get("/external-auth/gitlab")
		require.Equal(t, http.StatusOK, p.res.StatusCode, p.body)
		pgCheckPage(t, p)
		assert.Contains(t, p.body, "Not connected.")
		assert.Contains(t, p.body, `id="link-browser"`)
		assert.NotContains(t, p.body, "device-start")
	})

	t.Run("an unknown provider is a 404 page", func(t *testing.T) {
		for _, id := range []string{"unknown", "GitHub", "github%2Fx"} {
			p := b.get("/external-auth/" + id)
			assert.Equal(t, http.StatusNotFound, p.res.StatusCode, "%s: %s %s", id, p.res.Header, p.body)
			pgCheckPage(t, p)
			assert.Contains(t, p.body, `role="alert"`, id)
			assert.NotContains(t, p.body, "device-start", id)
		}
		// Unlinking is idempotent: nothing to unlink, back to the page,
		// which is the 404.
		p := b.post("/external-auth/unknown/unlink", nil, http.Header{"Origin": {s.URL}})
		assert.Equal(t, http.StatusSeeOther, p.res.StatusCode)
		assert.Equal(t, "/external-auth/unknown", p.res.Header.Get("Location"))
	})

	t.Run("linked through the device flow", func(t *testing.T) {
		gcLinkDevice(t, s, gh, b.session(), "github")
		p := b.get("/external-auth/github")
		require.Equal(t, http.StatusOK, p.res.StatusCode, p.body)
		pgCheckPage(t, p)
		assert.Contains(t, p.body, "Connected as <strong>octocat</strong> (The Octocat)")
		assert.Contains(t, p.body, `rel="noreferrer">profile</a>`)
		assert.Contains(t, p.body, `data-authenticated="true"`)
		assert.Contains(t, p.body, `<form method="post" action="/external-auth/github/unlink">`)
		assert.NotContains(t, p.body, "Not connected")
		assert.NotContains(t, p.body, "device-start", "no device flow once connected")
		assert.NotContains(t, p.body, "Install the app", "no install link without an install URL")
	})

	t.Run("unlink from another origin is refused", func(t *testing.T) {
		for _, h := range []http.Header{
			{"Origin": {"https://evil.test"}},
			{"Origin": {"http://" + addr + ".evil.test"}},
			{"Referer": {"https://evil.test/page"}},
		} {
			p := b.post("/external-auth/github/unlink", nil, h)
			assert.Equal(t, http.StatusForbidden, p.res.StatusCode, "%v", h)
			assert.True(t, linked(t, "github"), "the link stays after %v", h)
		}
		assert.Contains(t, b.get("/external-auth/github").body, "Connected as <strong>octocat</strong>")
	})

	t.Run("unlink signed out goes to sign in", func(t *testing.T) {
		anon := pgNewBrowser(t, s.URL)
		p := anon.post("/external-auth/github/unlink", nil, http.Header{"Origin": {s.URL}})
		assert.Equal(t, http.StatusSeeOther, p.res.StatusCode)
		assert.True(t, strings.HasPrefix(p.res.Header.Get("Location"), "/login?redirect="), p.res.Header.Get("Location"))
		assert.True(t, linked(t, "github"))
	})

	t.Run("unlink from the page", func(t *testing.T) {
		p := b.post("/external-auth/github/unlink", nil, http.Header{"Origin": {s.URL}, "Referer": {s.URL + "/external-auth/github"}})
		require.Equal(t, http.StatusSeeOther, p.res.StatusCode, p.body)
		assert.Equal(t, "/external-auth/github?disconnected=github&revoked=true", p.res.Header.Get("Location"))
		assert.False(t, linked(t, "github"), "the link is gone")
		page := b.get(p.res.Header.Get("Location"))
		assert.Contains(t, page.body, "Not connected.")
		assert.Contains(t, page.body, "Disconnected from Fake GitHub, and Fake GitHub revoked the token.")
		assert.Contains(t, page.body, "device-start")

		// Unlinking again (nothing linked) is not an error.
		p = b.post("/external-auth/github/unlink", nil, nil)
		assert.Equal(t, http.StatusSeeOther, p.res.StatusCode, p.body)
	})

	t.Run("the browser flow from the page's link", func(t *testing.T) {
		page := b.get("/external-auth/gitlab")
		m := regexp.MustCompile(`id="link-browser" href="([^"]+)"`).FindStringSubmatch(page.body)
		require.NotNil(t, m)
		next := strings.ReplaceAll(m[1], "&amp;", "&")
		var last pgPage
		for i := 0; i < 6; i++ {
			last = b.get(next)
			loc := last.res.Header.Get("Location")
			if loc == "" {
				break
			}
			next = loc
		}
		require.Equal(t, http.StatusOK, last.res.StatusCode, "%s: %s", last.res.Request.URL, last.body)
		assert.Equal(t, "/external-auth/gitlab", last.res.Request.URL.Path)
		assert.Equal(t, "redirected=true", last.res.Request.URL.RawQuery)
		pgCheckPage(t, last)
		assert.Contains(t, last.body, "Your Fake OAuth2 account is connected. You can close this page.")
		assert.Contains(t, last.body, "Connected as <strong>tanuki</strong>")
		assert.True(t, linked(t, "gitlab"))
	})

	t.Run("a provider error on the callback is an error page", func(t *testing.T) {
		p := b.get("/external-auth/gitlab/callback?error=access_denied&error_description=The+user+said+no")
		assert.GreaterOrEqual(t, p.res.StatusCode, 400)
		pgCheckPage(t, p)
		assert.Contains(t, p.body, `role="alert"`)
	})
}

func TestPagesStatic(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	b := pgNewBrowser(t, s.URL)

	js := b.get("/static/device.js")
	require.Equal(t, http.StatusOK, js.res.StatusCode)
	assert.Regexp(t, `^(text|application)/javascript`, js.res.Header.Get("Content-Type"))
	assert.Contains(t, js.body, "/api/v2/external-auth/")
	assert.Contains(t, js.body, "device-start")
	assert.NotRegexp(t, `https?://`, js.body, "the script talks to its own origin only")

	css := b.get("/static/style.css")
	require.Equal(t, http.StatusOK, css.res.StatusCode)
	assert.Regexp(t, `^text/css`, css.res.Header.Get("Content-Type"))
	assert.NotEmpty(t, strings.TrimSpace(css.body))
	assert.NotRegexp(t, `@import|url\(\s*["']?(https?:)?//`, css.body, "nothing from another origin")

	// The pages' icon, so that browsers do not ask for /favicon.ico (a 404).
	icon := b.get("/static/favicon.svg")
	require.Equal(t, http.StatusOK, icon.res.StatusCode)
	assert.Equal(t, "image/svg+xml", icon.res.Header.Get("Content-Type"))
	assert.NotContains(t, icon.body, "<script")
	login := b.get("/login")
	assert.Contains(t, login.body, `<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">`)

	// The providers' default icons, at the paths their configuration names.
	for path, typ := range map[string]string{"/icon/github.svg": "image/svg+xml", "/icon/gitlab.svg": "image/svg+xml", "/emojis/1f511.png": "image/png"} {
		p := b.get(path)
		require.Equal(t, http.StatusOK, p.res.StatusCode, path)
		assert.Equal(t, typ, p.res.Header.Get("Content-Type"), path)
		assert.NotContains(t, p.body, "<script", path)
	}
	for _, path := range []string{"/icon/", "/emojis/", "/icon/nope.svg"} {
		assert.Equal(t, http.StatusNotFound, b.get(path).res.StatusCode, path)
	}

	// Files only: no directory listing, nothing outside the assets.
	for _, path := range []string{"/static/nope.js", "/static/", "/static", "/static/%2e%2e/web.go", "/static/templates/login.html", "/static//style.css"} {
		p := b.get(path)
		assert.Equal(t, http.StatusNotFound, p.res.StatusCode, "%s: %.200s", path, p.body)
		assert.NotContains(t, p.body, "device.js", path)
	}
}
