package e2e

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
)

// The web app's forms over HTTP: setup on a fresh deployment, then every
// state-changing form refused from another origin and from the wrong role,
// changing nothing; every page under the page rules (pgCheckPage). The
// flows themselves are walked in a real browser (tests/browser).

func TestWebAppSetup(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	b := pgNewBrowser(t, s.URL)
	same := http.Header{"Origin": {s.URL}}
	hasUser := func() bool {
		res, data := s.Do(http.MethodGet, "/api/v2/users/first", "", nil)
		require.Contains(t, []int{http.StatusOK, http.StatusNotFound}, res.StatusCode, "%s", data)
		return res.StatusCode == http.StatusOK
	}
	form := url.Values{"email": {"owner@example.com"}, "username": {"owner"}, "password": {apitest.Password}}

	home := b.get("/")
	require.Equal(t, http.StatusOK, home.res.StatusCode)
	pgCheckPage(t, home)
	assert.Contains(t, home.body, `<form method="post" action="/setup">`)
	assert.Contains(t, b.get("/setup").body, `<form method="post" action="/setup">`)

	p := b.post("/setup", form, http.Header{"Origin": {"https://evil.test"}})
	assert.Equal(t, http.StatusForbidden, p.res.StatusCode)
	assert.False(t, hasUser(), "a cross-origin setup creates nothing")

	bad := url.Values{"email": {"owner@example.com"}, "username": {"owner"}, "password": {"owner"}}
	p = b.post("/setup", bad, same)
	assert.Equal(t, http.StatusBadRequest, p.res.StatusCode, p.body)
	pgCheckPage(t, p)
	assert.Contains(t, p.body, `aria-invalid="true" aria-describedby="f-password-error"`)
	assert.Contains(t, p.body, `value="owner@example.com"`, "the email is kept")
	assert.False(t, hasUser())

	p = b.post("/setup", form, same)
	require.Equal(t, http.StatusSeeOther, p.res.StatusCode, p.body)
	assert.Equal(t, "/", p.res.Header.Get("Location"))
	require.NotEmpty(t, b.session(), "the owner is signed in")
	assert.True(t, hasUser())
	accounts := b.get("/")
	assert.Contains(t, accounts.body, "<h1>Your accounts</h1>")

	// Setup is over: /setup goes home, and a second owner is refused.
	assert.Equal(t, http.StatusSeeOther, b.get("/setup").res.StatusCode)
	other := pgNewBrowser(t, s.URL)
	p = other.post("/setup", url.Values{"email": {"second@example.com"}, "username": {"second"}, "password": {apitest.Password}}, same)
	assert.GreaterOrEqual(t, p.res.StatusCode, 400, p.body)
	assert.Less(t, p.res.StatusCode, 500, p.body)
	assert.Empty(t, other.session())
}

func TestWebAppForms(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")
	ctx := context.Background()
	oc := s.Client(owner.Token)
	pjCreate(t, s, owner.Token, "web", "Web")

	signIn := func(email string) *pgBrowser {
		b := pgNewBrowser(t, s.URL)
		p := b.post("/login", url.Values{"email": {email}, "password": {apitest.Password}}, http.Header{"Origin": {s.URL}})
		require.Equal(t, http.StatusSeeOther, p.res.StatusCode, p.body)
		return b
	}
	ob, mb := signIn(owner.Email), signIn(member.Email)

	t.Run("signed in, the sign-in page goes on", func(t *testing.T) {
		p := ob.get("/login?redirect=%2Ftokens")
		assert.Equal(t, http.StatusSeeOther, p.res.StatusCode)
		assert.Equal(t, "/tokens", p.res.Header.Get("Location"))
		p = ob.get("/login?redirect=%2F%2Fevil.test")
		assert.Equal(t, "/", p.res.Header.Get("Location"), "same-origin paths only")
	})

	t.Run("every page", func(t *testing.T) {
		for _, path := range []string{"/", "/tokens", "/projects", "/projects/web", "/users", "/audit"} {
			p := ob.get(path)
			require.Equal(t, http.StatusOK, p.res.StatusCode, "%s: %s", path, p.body)
			pgCheckPage(t, p)
			assert.Contains(t, p.body, `<nav aria-label="Main">`, path)
			assert.Contains(t, p.body, `aria-current="page"`, path)
		}
		for _, path := range []string{"/", "/tokens", "/projects", "/projects/web", "/users"} {
			p := mb.get(path)
			pgCheckPage(t, p)
			assert.NotContains(t, p.body, `href="/users"`, "a member's nav has no Users: %s", path)
			assert.NotContains(t, p.body, `href="/audit"`, "a member's nav has no Audit: %s", path)
		}
		assert.Equal(t, http.StatusForbidden, mb.get("/users").res.StatusCode)
		assert.Equal(t, http.StatusNotFound, mb.get("/projects/web").res.StatusCode, "not a member: as if it did not exist")
	})

	tokens := func() int {
		res, err := oc.ListTokensWithResponse(ctx, "me")
		require.NoError(t, err)
		return len(*res.JSON200)
	}
	project := func() (int, string) {
		res, err := oc.GetProjectWithResponse(ctx, "web")
		require.NoError(t, err)
		if res.JSON200 == nil {
			return res.StatusCode(), ""
		}
		return res.StatusCode(), res.JSON200.Name
	}
	userStatus := func(ref string) string {
		res, err := oc.GetUserWithResponse(ctx, ref)
		require.NoError(t, err)
		if res.JSON200 == nil {
			return "gone"
		}
		return string(res.JSON200.Status)
	}
	posts := []struct {
		path string
		form url.Values
	}{
		{"/tokens", url.Values{"token_name": {"evil"}, "lifetime": {"3600"}}},
		{"/projects", url.Values{"name": {"Evil"}, "id": {"evil"}}},
		{"/projects/web/rename", url.Values{"name": {"Evil"}}},
		{"/projects/web/members", url.Values{"user": {"member"}}},
		{"/projects/web/delete", nil},
		{"/users", url.Values{"email": {"evil@example.com"}, "username": {"evil"}, "password": {apitest.Password}}},
		{"/users/" + member.ID + "/suspend", nil},
		{"/users/" + member.ID + "/roles", url.Values{"role": {"owner"}}},
		{"/users/" + member.ID + "/delete", nil},
		{"/logout", nil},
	}
	unchanged := func(t *testing.T, what string) {
		t.Helper()
		status, name := project()
		assert.Equal(t, http.StatusOK, status, what)
		assert.Equal(t, "Web", name, what)
		assert.Equal(t, "active", userStatus(member.ID), what)
		res, err := oc.ListProjectMembersWithResponse(ctx, "web")
		require.NoError(t, err)
		assert.Empty(t, *res.JSON200, what)
		res2, err := oc.GetUserWithResponse(ctx, member.ID)
		require.NoError(t, err)
		assert.Len(t, res2.JSON200.Roles, 0, what)
		_, data := s.Do(http.MethodGet, "/api/v2/users/evil", "", http.Header{"Coder-Session-Token": {owner.Token}})
		assert.NotContains(t, string(data), `"username":"evil"`, what)
		assert.Contains(t, ob.get("/").body, "signed in as <strong>owner</strong>", "%s: the owner's session lives", what)
	}
	base := tokens()

	t.Run("cross-origin posts change nothing", func(t *testing.T) {
		for _, p := range posts {
			for _, h := range []http.Header{{"Origin": {"https://evil.test"}}, {"Referer": {"https://evil.test/x"}}} {
				got := ob.post(p.path, p.form, h)
				assert.Equal(t, http.StatusForbidden, got.res.StatusCode, "%s %v", p.path, h)
			}
		}
		unchangedBase(t, base, tokens, unchanged)
	})

	t.Run("a member's owner-only posts change nothing", func(t *testing.T) {
		for _, p := range posts[1:9] {
			got := mb.post(p.path, p.form, http.Header{"Origin": {s.URL}})
			assert.Contains(t, []int{http.StatusForbidden, http.StatusNotFound}, got.res.StatusCode, "%s: %s", p.path, got.body)
			pgCheckPage(t, got)
		}
		unchangedBase(t, base, tokens, unchanged)
	})

	t.Run("signed out posts go to sign in", func(t *testing.T) {
		anon := pgNewBrowser(t, s.URL)
		for _, p := range posts[:9] {
			got := anon.post(p.path, p.form, http.Header{"Origin": {s.URL}})
			assert.Equal(t, http.StatusSeeOther, got.res.StatusCode, p.path)
			assert.Equal(t, "/login?redirect=%2F", got.res.Header.Get("Location"), p.path)
		}
		unchangedBase(t, base, tokens, unchanged)
	})

	t.Run("a new token is in the page, never in a URL", func(t *testing.T) {
		got := ob.post("/tokens", url.Values{"token_name": {"from-the-page"}, "lifetime": {"3600"}}, http.Header{"Origin": {s.URL}})
		require.Equal(t, http.StatusCreated, got.res.StatusCode, got.body)
		pgCheckPage(t, got)
		m := regexp.MustCompile(`<output class="code-small" id="new-token">([^<]+)</output>`).FindStringSubmatch(got.body)
		require.NotNil(t, m, got.body)
		assert.Empty(t, got.res.Header.Get("Location"))
		for _, u := range pgSrcHrefRE.FindAllStringSubmatch(got.body, -1) {
			assert.NotContains(t, u[2], m[1], "the token is in no link")
		}
		res, data := s.Do(http.MethodGet, "/api/v2/users/me", "", http.Header{"Coder-Session-Token": {m[1]}})
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", data)
		assert.NotContains(t, ob.get("/tokens").body, m[1], "shown once")
	})

	t.Run("a bad lifetime is refused beside its field", func(t *testing.T) {
		got := ob.post("/tokens", url.Values{"token_name": {"too-long"}, "lifetime": {"999999999999"}}, http.Header{"Origin": {s.URL}})
		assert.Equal(t, http.StatusBadRequest, got.res.StatusCode, got.body)
		assert.Contains(t, got.body, `id="f-lifetime-error"`)
		got = ob.post("/tokens", url.Values{"token_name": {"nan"}, "lifetime": {"soon"}}, http.Header{"Origin": {s.URL}})
		assert.Equal(t, http.StatusBadRequest, got.res.StatusCode, got.body)
		assert.Contains(t, got.body, `id="f-lifetime-error"`)
		assert.False(t, strings.Contains(ob.get("/tokens").body, ">too-long<"), "nothing made")
	})
}

// unchangedBase checks that the token count is still base, then the rest of
// what the refused posts must not have changed.
func unchangedBase(t *testing.T, base int, tokens func() int, unchanged func(*testing.T, string)) {
	t.Helper()
	assert.Equal(t, base, tokens(), "no token made")
	unchanged(t, t.Name())
}
