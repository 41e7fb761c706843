package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/server"
)

// The ServiceStage tests run a real server against four fake providers:
// GitHub ("github"), a GitLab whose tokens expire within seconds and are
// refreshed ("gitlab"), a Bitbucket Cloud whose users sign in with app
// passwords ("bitbucket") and a generic provider with id "gitee".

// ssWorld is a server, its fake providers and a signed-in owner.
type ssWorld struct {
	s       *apitest.Server
	gh      *fakeprovider.Provider
	gl      *fakeprovider.Provider
	bb      *fakeprovider.Provider
	gitee   *fakeprovider.Provider
	owner   apitest.User
	key     string // the owner's API token, sent as X-Auth-Token
	dataDir string // "" when in memory
}

// ssGitLabTTL is the lifetime of the fake GitLab's access tokens: shorter
// than the refresh skew, so that every check refreshes the token first.
const ssGitLabTTL = 5 * time.Second

// ssFakes starts the four fake providers, each with a user who has a
// password.
func ssFakes(t *testing.T) (gh, gl, bb, gitee *fakeprovider.Provider) {
	gh = fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, DisableDeviceFlow: true})
	gl = fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, DisableDeviceFlow: true,
		AccessTokenTTL: ssGitLabTTL, RefreshTokens: true})
	bb = fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, DisableDeviceFlow: true})
	gitee = fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, DisableDeviceFlow: true})
	for _, p := range []*fakeprovider.Provider{gh, gl, bb, gitee} {
		p.AddUser(fakeprovider.User{Login: "tom-repo", Name: "Tom"})
		require.NoError(t, p.SetPassword("tom-repo", "app-password-0123"))
	}
	return gh, gl, bb, gitee
}

// ssEnv configures the server against the fakes.
func ssEnv(gh, gl, bb, gitee *fakeprovider.Provider) []string {
	var env []string
	env = append(env, gh.Env(0, "github", "github")...)
	env = append(env, gl.Env(1, "gitlab", "gitlab")...)
	env = append(env, bb.Env(2, "bitbucket", "bitbucket-cloud")...)
	env = append(env, gitee.Env(3, "gitee", "generic")...)
	return env
}

// ssStart starts a server (with args) against new fakes, creates the owner
// and an API token.
func ssStart(t *testing.T, args ...string) *ssWorld {
	t.Helper()
	w := &ssWorld{}
	w.gh, w.gl, w.bb, w.gitee = ssFakes(t)
	for i, a := range args {
		if a == "--data-dir" && i+1 < len(args) {
			w.dataDir = args[i+1]
		}
	}
	w.s = apitest.StartEnv(t, ssEnv(w.gh, w.gl, w.bb, w.gitee), args...)
	w.owner = w.s.CreateOwner(t)
	w.key = ssAPIToken(t, w.s, w.owner.Token)
	return w
}

// ssAPIToken creates an API token for the holder of session.
func ssAPIToken(t *testing.T, s *apitest.Server, session string) string {
	t.Helper()
	res, err := s.Client(session).CreateTokenWithResponse(context.Background(), "me", client.CreateTokenJSONRequestBody{})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, res.StatusCode(), "create an API token: %s", res.Body)
	return res.JSON201.Key
}

// ssDo sends a request as Huawei Cloud's SDK does: X-Auth-Token, the
// signing headers (ignored) and Content-Type: application/json on every
// request, bodiless GET and DELETE included.
func ssDo(t *testing.T, s *apitest.Server, key, method, path, body string) (*http.Response, []byte) {
	t.Helper()
	h := http.Header{
		"Content-Type":  {"application/json"},
		"Authorization": {"SDK-HMAC-SHA256 Access=AK0123, SignedHeaders=content-type;x-sdk-date, Signature=0f1e"},
		"X-Sdk-Date":    {time.Now().UTC().Format("20060102T150405Z")},
		"X-Project-Id":  {"0605767a3300d5762fb0c0186d9e1234"},
	}
	if key != "" {
		h.Set("X-Auth-Token", key)
	}
	return s.Do(method, path, body, h)
}

// ssAuthorization is an authorization as the wire carries it.
type ssAuthorization struct {
	Name       string  `json:"name"`
	RepoType   string  `json:"repo_type"`
	RepoHost   string  `json:"repo_host"`
	RepoHome   string  `json:"repo_home"`
	RepoUser   string  `json:"repo_user"`
	Avartar    string  `json:"avartar"`
	TokenType  string  `json:"token_type"`
	CreateTime int64   `json:"create_time"`
	UpdateTime int64   `json:"update_time"`
	Status     int     `json:"status"`
	Tag        *string `json:"tag"`
}

// ssCheckWire checks the encoding of one authorization object: exactly the
// page's members, integer times, a tag that is a string or null.
func ssCheckWire(t *testing.T, raw json.RawMessage) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var m map[string]any
	require.NoError(t, d.Decode(&m))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, []string{"name", "repo_type", "repo_host", "repo_home", "repo_user", "avartar",
		"token_type", "create_time", "update_time", "status", "tag"}, keys, "%s", raw)
	for _, k := range []string{"create_time", "update_time", "status"} {
		n, ok := m[k].(json.Number)
		require.True(t, ok, "%s is a number: %s", k, raw)
		assert.NotContains(t, n.String(), ".", "%s is an integer", k)
		assert.NotContains(t, strings.ToLower(n.String()), "e", "%s has no exponent", k)
	}
	if tag, ok := m["tag"]; ok && tag != nil {
		_, isString := tag.(string)
		assert.True(t, isString, "tag is a string or null: %s", raw)
	}
}

// ssCreated decodes a 200 {"authorization": …} answer.
func ssCreated(t *testing.T, res *http.Response, body []byte) ssAuthorization {
	t.Helper()
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var wrap map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &wrap))
	require.Len(t, wrap, 1, "%s", body)
	ssCheckWire(t, wrap["authorization"])
	var a ssAuthorization
	require.NoError(t, json.Unmarshal(wrap["authorization"], &a))
	return a
}

// ssList lists a project's authorizations.
func ssList(t *testing.T, s *apitest.Server, key, project string) []ssAuthorization {
	t.Helper()
	res, body := ssDo(t, s, key, http.MethodGet, "/v1/"+project+"/git/auths", "")
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var wrap struct {
		Authorizations []json.RawMessage `json:"authorizations"`
		Count          json.Number       `json:"count"`
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	require.NoError(t, d.Decode(&wrap))
	require.NotNil(t, wrap.Authorizations, "authorizations is an array, never null: %s", body)
	require.Equal(t, fmt.Sprint(len(wrap.Authorizations)), wrap.Count.String(), "count: %s", body)
	out := make([]ssAuthorization, 0, len(wrap.Authorizations))
	for _, raw := range wrap.Authorizations {
		ssCheckWire(t, raw)
		var a ssAuthorization
		require.NoError(t, json.Unmarshal(raw, &a))
		out = append(out, a)
	}
	return out
}

// ssByName returns the authorization named name in list.
func ssByName(t *testing.T, list []ssAuthorization, name string) ssAuthorization {
	t.Helper()
	for _, a := range list {
		if a.Name == name {
			return a
		}
	}
	require.Failf(t, "no such authorization", "%q in %+v", name, list)
	return ssAuthorization{}
}

// ssNames returns the names in list, in order.
func ssNames(list []ssAuthorization) []string {
	out := make([]string, 0, len(list))
	for _, a := range list {
		out = append(out, a.Name)
	}
	return out
}

// ssRedirect asks for the authorize URL of repoType in project.
func ssRedirect(t *testing.T, s *apitest.Server, key, project, repoType string) string {
	t.Helper()
	res, body := ssDo(t, s, key, http.MethodGet, "/v1/"+project+"/git/auths/"+repoType+"/redirect", "")
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var r struct {
		URL string `json:"url"`
	}
	require.NoError(t, json.Unmarshal(body, &r))
	require.NotEmpty(t, r.URL)
	return r.URL
}

// ssAuthorize signs in at the provider's authorize URL (the fake signs its
// user in at once) and returns the code and state it redirects back with.
func ssAuthorize(t *testing.T, authorizeURL string) (code, state string) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(authorizeURL)
	require.NoError(t, err)
	_ = res.Body.Close()
	require.Equal(t, http.StatusFound, res.StatusCode, "the provider redirects back")
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	require.Empty(t, loc.Query().Get("error"), "the provider refused: %s", loc)
	return loc.Query().Get("code"), loc.Query().Get("state")
}

// ssOAuth creates an OAuth authorization of repoType in project, the whole
// way: redirect URL, sign-in at the provider, code and state posted back.
func ssOAuth(t *testing.T, s *apitest.Server, key, project, repoType, name, query string) ssAuthorization {
	t.Helper()
	code, state := ssAuthorize(t, ssRedirect(t, s, key, project, repoType))
	body := fmt.Sprintf(`{"name":%q,"code":%q,"state":%q}`, name, code, state)
	res, data := ssDo(t, s, key, http.MethodPost, "/v1/"+project+"/git/auths/"+repoType+"/oauth"+query, body)
	return ssCreated(t, res, data)
}

// ssPersonal creates a personal token authorization.
func ssPersonal(t *testing.T, s *apitest.Server, key, project, repoType, name, token, host string) ssAuthorization {
	t.Helper()
	body := fmt.Sprintf(`{"name":%q,"token":%q}`, name, token)
	if host != "" {
		body = fmt.Sprintf(`{"name":%q,"token":%q,"host":%q}`, name, token, host)
	}
	res, data := ssDo(t, s, key, http.MethodPost, "/v1/"+project+"/git/auths/"+repoType+"/personal", body)
	return ssCreated(t, res, data)
}

// ssPAT issues a personal token for the fake's user.
func ssPAT(t *testing.T, p *fakeprovider.Provider) string {
	t.Helper()
	tok, err := p.IssuePersonalToken("tom-repo", "repo")
	require.NoError(t, err)
	return tok
}

// ssErr checks a ServiceStage error answer and returns its code.
func ssErr(t *testing.T, s *apitest.Server, key string, status int, method, path, body string) string {
	t.Helper()
	res, data := ssDo(t, s, key, method, path, body)
	code, _ := idServiceStageError(t, res, data, status)
	return code
}

// ssNoSecrets checks that text contains none of secrets.
func ssNoSecrets(t *testing.T, what, text string, secrets []string) {
	t.Helper()
	for _, sec := range secrets {
		require.NotEmpty(t, sec)
		assert.NotContains(t, text, sec, "%s holds a secret", what)
	}
}

func TestServiceStageOperations(t *testing.T) {
	t.Parallel()
	w := ssStart(t)
	s, key := w.s, w.key
	pjCreate(t, s, w.owner.Token, "p1", "Project one")
	var answers []string // every answer body, checked for secrets at the end
	do := func(method, path, body string) (*http.Response, []byte) {
		res, data := ssDo(t, s, key, method, path, body)
		answers = append(answers, string(data))
		return res, data
	}

	res, body := do(http.MethodGet, "/v1/p1/git/auths", "")
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.JSONEq(t, `{"authorizations":[],"count":0}`, string(body))

	t.Run("redirect", func(t *testing.T) {
		u, err := url.Parse(ssRedirect(t, s, key, "p1", "github"))
		require.NoError(t, err)
		assert.Equal(t, w.gh.AuthURL(), u.Scheme+"://"+u.Host+u.Path)
		q := u.Query()
		assert.Equal(t, w.gh.ClientID(), q.Get("client_id"))
		cb, err := url.Parse(q.Get("redirect_uri"))
		require.NoError(t, err)
		assert.Equal(t, "/external-auth/github/callback", cb.Path, "the callback registered with the provider")
		assert.Len(t, q.Get("state"), 43, "32 random bytes")
		assert.Equal(t, "S256", q.Get("code_challenge_method"))
		assert.NotEmpty(t, q.Get("code_challenge"))
		other := ssRedirect(t, s, key, "p1", "GitHub") // the page's spelling
		assert.NotEqual(t, q.Get("state"), must(url.Parse(other)).Query().Get("state"), "a new state every time")
	})

	t.Run("oauth", func(t *testing.T) {
		before := time.Now().UnixMilli()
		a := ssOAuth(t, s, key, "p1", "github", "gh-oauth", "?tag=github.com")
		after := time.Now().UnixMilli()
		assert.Equal(t, "gh-oauth", a.Name)
		assert.Equal(t, "github", a.RepoType)
		assert.Equal(t, w.gh.URL, a.RepoHost)
		assert.Equal(t, "tom-repo", a.RepoUser)
		assert.Equal(t, w.gh.URL+"/tom-repo", a.RepoHome)
		assert.Contains(t, a.Avartar, w.gh.URL+"/avatars/u/")
		assert.Equal(t, "oauth", a.TokenType)
		assert.Equal(t, 0, a.Status)
		require.NotNil(t, a.Tag)
		assert.Equal(t, "github.com", *a.Tag)
		assert.GreaterOrEqual(t, a.CreateTime, before)
		assert.LessOrEqual(t, a.CreateTime, after)
		assert.Equal(t, a.CreateTime, a.UpdateTime)

		// GitLab: PKCE, and tokens that expire (with a refresh token).
		gl := ssOAuth(t, s, key, "p1", "gitlab", "gl-oauth", "")
		assert.Equal(t, w.gl.URL, gl.RepoHost)
		assert.Nil(t, gl.Tag)
	})

	t.Run("personal", func(t *testing.T) {
		a := ssPersonal(t, s, key, "p1", "github", "gh-pat", ssPAT(t, w.gh), "")
		assert.Equal(t, "personal", a.TokenType)
		assert.Equal(t, "tom-repo", a.RepoUser)
		assert.Nil(t, a.Tag, "tag is null unless given")
		// host selects the configured instance, whatever its spelling.
		for i, host := range []string{w.gl.URL, w.gl.URL + "/", strings.TrimPrefix(w.gl.URL, "http://"), w.gl.URL + "/api/v4"} {
			a = ssPersonal(t, s, key, "p1", "gitlab", fmt.Sprintf("gl-pat-%d", i), ssPAT(t, w.gl), host)
			assert.Equal(t, w.gl.URL, a.RepoHost, host)
			assert.Equal(t, "tom-repo", a.RepoUser, host)
		}
		// gitee: a generic provider with that id.
		a = ssPersonal(t, s, key, "p1", "gitee", "gitee-pat", ssPAT(t, w.gitee), "")
		assert.Equal(t, "gitee", a.RepoType)
		assert.Equal(t, "tom-repo", a.RepoUser)
	})

	t.Run("password", func(t *testing.T) {
		res, data := do(http.MethodPost, "/v1/p1/git/auths/bitbucket/password",
			`{"name":"bb-password","user":"tom-repo","password":"app-password-0123"}`)
		a := ssCreated(t, res, data)
		assert.Equal(t, "password", a.TokenType)
		assert.Equal(t, "bitbucket", a.RepoType)
		assert.Equal(t, w.bb.URL, a.RepoHost)
		assert.Equal(t, "tom-repo", a.RepoUser)
		assert.Equal(t, 0, a.Status)
	})

	t.Run("list", func(t *testing.T) {
		list := ssList(t, s, key, "p1")
		assert.Equal(t, []string{"gh-oauth", "gl-oauth", "gh-pat", "gl-pat-0", "gl-pat-1", "gl-pat-2", "gl-pat-3",
			"gitee-pat", "bb-password"}, ssNames(list), "in creation order")
		for _, a := range list {
			assert.Equal(t, 0, a.Status, a.Name)
			assert.Equal(t, "tom-repo", a.RepoUser, a.Name)
		}
		// The GitLab token was refreshed to be checked.
		gl := ssByName(t, list, "gl-oauth")
		assert.GreaterOrEqual(t, w.gl.RefreshCount(), 1)
		assert.GreaterOrEqual(t, gl.UpdateTime, gl.CreateTime)
	})

	t.Run("delete", func(t *testing.T) {
		res, data := do(http.MethodDelete, "/v1/p1/git/auths/gh-oauth", "")
		require.Equal(t, http.StatusNoContent, res.StatusCode, "%s", data)
		assert.Empty(t, data)
		assert.NotContains(t, ssNames(ssList(t, s, key, "p1")), "gh-oauth")
		// The name is free again.
		ssOAuth(t, s, key, "p1", "github", "gh-oauth", "")
		assert.Equal(t, "gh-oauth", ssNames(ssList(t, s, key, "p1"))[8], "a new authorization comes last")
	})

	t.Run("no secret in any answer or log", func(t *testing.T) {
		res, data := do(http.MethodGet, "/v1/p1/git/auths", "")
		require.Equal(t, http.StatusOK, res.StatusCode)
		secrets := []string{"app-password-0123"}
		for _, p := range []*fakeprovider.Provider{w.gh, w.gl, w.bb, w.gitee} {
			secrets = append(secrets, p.IssuedTokens()...)
		}
		ssNoSecrets(t, "an answer", strings.Join(answers, "\n")+string(data), secrets)
		ssNoSecrets(t, "the log", s.Logs.String(), secrets)
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestServiceStageErrorCodes(t *testing.T) {
	t.Parallel()
	w := ssStart(t)
	s, key := w.s, w.key
	pjCreate(t, s, w.owner.Token, "p1", "One")
	pjCreate(t, s, w.owner.Token, "p2", "Two")
	ssPersonal(t, s, key, "p1", "github", "taken", ssPAT(t, w.gh), "")
	pat := ssPAT(t, w.gh)

	t.Run("0400 invalid parameter", func(t *testing.T) {
		long := strings.Repeat("n", 65)
		for _, tc := range []struct{ path, body string }{
			// name
			{"/v1/p1/git/auths/github/personal", `{"name":"a/b","token":"` + pat + `"}`},
			{"/v1/p1/git/auths/github/personal", `{"name":"a b","token":"` + pat + `"}`},
			{"/v1/p1/git/auths/github/personal", `{"name":"a%2Fb","token":"` + pat + `"}`},
			{"/v1/p1/git/auths/github/personal", `{"name":"a?b","token":"` + pat + `"}`},
			{"/v1/p1/git/auths/github/personal", `{"name":"","token":"` + pat + `"}`},
			{"/v1/p1/git/auths/github/personal", `{"name":"` + long + `","token":"` + pat + `"}`},
			{"/v1/p1/git/auths/github/personal", `{"token":"` + pat + `"}`},
			{"/v1/p1/git/auths/bitbucket/password", `{"name":"x/y","user":"tom-repo","password":"app-password-0123"}`},
			{"/v1/p1/git/auths/github/oauth", `{"name":"x/y","code":"c","state":"s"}`},
			// token, user, password, code, state
			{"/v1/p1/git/auths/github/personal", `{"name":"ok","token":""}`},
			{"/v1/p1/git/auths/github/personal", `{"name":"ok","token":"two words"}`},
			{"/v1/p1/git/auths/github/personal", `{"name":"ok","token":42}`},
			{"/v1/p1/git/auths/bitbucket/password", `{"name":"ok","user":"a:b","password":"x"}`},
			{"/v1/p1/git/auths/bitbucket/password", `{"name":"ok","user":"tom-repo"}`},
			{"/v1/p1/git/auths/github/oauth", `{"name":"ok","code":"","state":"s"}`},
			{"/v1/p1/git/auths/github/oauth", `{"name":"ok","code":"c"}`},
			// host: malformed, or not a configured instance
			{"/v1/p1/git/auths/gitlab/personal", `{"name":"ok","token":"t","host":"ftp://gitlab.example.com"}`},
			{"/v1/p1/git/auths/gitlab/personal", `{"name":"ok","token":"t","host":"https://user:pw@gitlab.example.com"}`},
			{"/v1/p1/git/auths/gitlab/personal", `{"name":"ok","token":"t","host":"https://gitlab.example.com"}`},
			{"/v1/p1/git/auths/gitlab/personal", `{"name":"ok","token":"t","host":"` + w.gh.URL + `"}`},
			// tag, body
			{"/v1/p1/git/auths/github/oauth?tag=" + strings.Repeat("t", 65), `{"name":"ok","code":"c","state":"s"}`},
			{"/v1/p1/git/auths/github/personal", `not json`},
			{"/v1/p1/git/auths/github/personal", ``},
		} {
			code := ssErr(t, s, key, http.StatusBadRequest, http.MethodPost, tc.path, tc.body)
			assert.Equal(t, "SVCSTG.REPO.0400", code, "%s %s", tc.path, tc.body)
		}
		code := ssErr(t, s, key, http.StatusBadRequest, http.MethodGet, "/v1/p1/git/auths/github/redirect?tag="+strings.Repeat("t", 65), "")
		assert.Equal(t, "SVCSTG.REPO.0400", code)
	})

	t.Run("host never makes the server call another host", func(t *testing.T) {
		evil := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
		evil.AddUser(fakeprovider.User{Login: "tom-repo"})
		tok, err := evil.IssuePersonalToken("tom-repo", "repo")
		require.NoError(t, err)
		for _, repoType := range []string{"github", "gitlab", "gitee"} {
			code := ssErr(t, s, key, http.StatusBadRequest, http.MethodPost, "/v1/p1/git/auths/"+repoType+"/personal",
				`{"name":"evil","token":"`+tok+`","host":"`+evil.URL+`"}`)
			assert.Equal(t, "SVCSTG.REPO.0400", code)
		}
		assert.Zero(t, evil.Calls("/user")+evil.Calls("/api/v4/user")+evil.Calls("/userinfo"), "the other host was never called")
	})

	t.Run("0401 repository type not implemented", func(t *testing.T) {
		for _, tc := range []struct{ method, path, body string }{
			{http.MethodGet, "/v1/p1/git/auths/svn/redirect", ""},
			{http.MethodPost, "/v1/p1/git/auths/svn/oauth", `{"name":"x","code":"c","state":"s"}`},
			{http.MethodPost, "/v1/p1/git/auths/svn/personal", `{"name":"x","token":"t"}`},
			{http.MethodPost, "/v1/p1/git/auths/svn/password", `{"name":"x","user":"u","password":"p"}`},
			{http.MethodGet, "/v1/p1/git/auths/generic/redirect", ""}, // generic providers: by id only
			// GitHub and GitLab do not take account passwords on their APIs.
			{http.MethodPost, "/v1/p1/git/auths/github/password", `{"name":"x","user":"tom-repo","password":"app-password-0123"}`},
			{http.MethodPost, "/v1/p1/git/auths/gitlab/password", `{"name":"x","user":"tom-repo","password":"app-password-0123"}`},
		} {
			code := ssErr(t, s, key, http.StatusBadRequest, tc.method, tc.path, tc.body)
			assert.Equal(t, "SVCSTG.REPO.0401", code, "%s %s", tc.method, tc.path)
		}
	})

	t.Run("0402 OAuth code or state invalid", func(t *testing.T) {
		post := func(project, repoType, name, code, state string) string {
			return ssErr(t, s, key, http.StatusBadRequest, http.MethodPost, "/v1/"+project+"/git/auths/"+repoType+"/oauth",
				fmt.Sprintf(`{"name":%q,"code":%q,"state":%q}`, name, code, state))
		}
		// Unknown state.
		assert.Equal(t, "SVCSTG.REPO.0402", post("p1", "github", "x", "code", "never-issued"))

		// Reused state.
		code, state := ssAuthorize(t, ssRedirect(t, s, key, "p1", "github"))
		res, data := ssDo(t, s, key, http.MethodPost, "/v1/p1/git/auths/github/oauth",
			fmt.Sprintf(`{"name":"first","code":%q,"state":%q}`, code, state))
		ssCreated(t, res, data)
		assert.Equal(t, "SVCSTG.REPO.0402", post("p1", "github", "second", code, state))

		// A state issued for another project, another repo type, or
		// another person (each consumed by that first use).
		_, state = ssAuthorize(t, ssRedirect(t, s, key, "p1", "github"))
		assert.Equal(t, "SVCSTG.REPO.0402", post("p2", "github", "x", "code", state))
		_, state = ssAuthorize(t, ssRedirect(t, s, key, "p1", "gitlab"))
		assert.Equal(t, "SVCSTG.REPO.0402", post("p1", "github", "x", "code", state))
		member := s.CreateMember(t, w.owner, "member")
		pjAddMember(t, s, w.owner.Token, "p1", "member")
		_, state = ssAuthorize(t, ssRedirect(t, s, member.Token, "p1", "github"))
		assert.Equal(t, "SVCSTG.REPO.0402", post("p1", "github", "x", "code", state))

		// A code the provider refuses.
		_, state = ssAuthorize(t, ssRedirect(t, s, key, "p1", "github"))
		assert.Equal(t, "SVCSTG.REPO.0402", post("p1", "github", "x", "not-a-code", state))
		assert.NotContains(t, ssNames(ssList(t, s, key, "p1")), "x")
	})

	t.Run("0403 name exists", func(t *testing.T) {
		for _, tc := range []struct{ path, body string }{
			{"/v1/p1/git/auths/github/personal", `{"name":"taken","token":"` + pat + `"}`},
			{"/v1/p1/git/auths/bitbucket/password", `{"name":"taken","user":"tom-repo","password":"app-password-0123"}`},
			{"/v1/p1/git/auths/github/oauth", `{"name":"taken","code":"c","state":"s"}`},
		} {
			code := ssErr(t, s, key, http.StatusBadRequest, http.MethodPost, tc.path, tc.body)
			assert.Equal(t, "SVCSTG.REPO.0403", code, tc.path)
		}
		// Names are per project.
		ssPersonal(t, s, key, "p2", "github", "taken", pat, "")
	})

	t.Run("0450 no such authorization", func(t *testing.T) {
		for _, name := range []string{"nope", "TAKEN", "taken%20"} {
			code := ssErr(t, s, key, http.StatusBadRequest, http.MethodDelete, "/v1/p1/git/auths/"+name, "")
			assert.Equal(t, "SVCSTG.REPO.0450", code, name)
		}
	})

	t.Run("0451 credential rejected", func(t *testing.T) {
		for _, tc := range []struct{ path, body string }{
			{"/v1/p1/git/auths/github/personal", `{"name":"bad-pat","token":"ghp_not-a-token"}`},
			{"/v1/p1/git/auths/gitlab/personal", `{"name":"bad-pat","token":"` + pat + `"}`}, // GitHub's token at GitLab
			{"/v1/p1/git/auths/bitbucket/password", `{"name":"bad-pw","user":"tom-repo","password":"wrong"}`},
			{"/v1/p1/git/auths/bitbucket/password", `{"name":"bad-pw","user":"nobody","password":"app-password-0123"}`},
		} {
			code := ssErr(t, s, key, http.StatusBadRequest, http.MethodPost, tc.path, tc.body)
			assert.Equal(t, "SVCSTG.REPO.0451", code, tc.body)
		}
		names := ssNames(ssList(t, s, key, "p1"))
		assert.NotContains(t, names, "bad-pat", "nothing is stored")
		assert.NotContains(t, names, "bad-pw", "nothing is stored")
	})

	t.Run("0404 no such project", func(t *testing.T) {
		for _, tc := range []struct{ method, path, body string }{
			{http.MethodGet, "/v1/nope/git/auths", ""},
			{http.MethodGet, "/v1/nope/git/auths/github/redirect", ""},
			{http.MethodPost, "/v1/nope/git/auths/github/oauth", `{"name":"x","code":"c","state":"s"}`},
			{http.MethodPost, "/v1/nope/git/auths/github/personal", `{"name":"x","token":"` + pat + `"}`},
			{http.MethodPost, "/v1/nope/git/auths/bitbucket/password", `{"name":"x","user":"u","password":"p"}`},
			{http.MethodDelete, "/v1/nope/git/auths/taken", ""},
		} {
			code := ssErr(t, s, key, http.StatusNotFound, tc.method, tc.path, tc.body)
			assert.Equal(t, "SVCSTG.REPO.0404", code, "%s %s", tc.method, tc.path)
		}
	})

	t.Run("401 without a valid X-Auth-Token", func(t *testing.T) {
		for _, k := range []string{"", "garbage", idReplaceSecret(key)} {
			code := ssErr(t, s, k, http.StatusUnauthorized, http.MethodGet, "/v1/p1/git/auths", "")
			assert.Equal(t, "APIGW.0301", code)
		}
	})
}

func TestServiceStageMembership(t *testing.T) {
	t.Parallel()
	w := ssStart(t)
	s := w.s
	alice := s.CreateMember(t, w.owner, "alice")
	bob := s.CreateMember(t, w.owner, "bob")
	aliceKey, bobKey := ssAPIToken(t, s, alice.Token), ssAPIToken(t, s, bob.Token)
	pjCreate(t, s, w.owner.Token, "team-a", "A")
	pjCreate(t, s, w.owner.Token, "team-b", "B")
	pjAddMember(t, s, w.owner.Token, "team-a", "alice")
	pjAddMember(t, s, w.owner.Token, "team-b", "bob")

	// The same name in both projects, each with its own credential.
	a := ssPersonal(t, s, aliceKey, "team-a", "github", "shared", ssPAT(t, w.gh), "")
	b := ssOAuth(t, s, bobKey, "team-b", "gitlab", "shared", "")
	assert.Equal(t, "personal", a.TokenType)
	assert.Equal(t, "oauth", b.TokenType)

	listA, listB := ssList(t, s, aliceKey, "team-a"), ssList(t, s, bobKey, "team-b")
	require.Len(t, listA, 1)
	require.Len(t, listB, 1)
	assert.Equal(t, "github", listA[0].RepoType)
	assert.Equal(t, "gitlab", listB[0].RepoType)

	// Alice cannot reach team-b at all, and cannot tell it from a project
	// that does not exist.
	for _, tc := range []struct{ method, path, body string }{
		{http.MethodGet, "/git/auths", ""},
		{http.MethodGet, "/git/auths/github/redirect", ""},
		{http.MethodPost, "/git/auths/github/personal", `{"name":"x","token":"` + ssPAT(t, w.gh) + `"}`},
		{http.MethodPost, "/git/auths/bitbucket/password", `{"name":"x","user":"tom-repo","password":"app-password-0123"}`},
		{http.MethodPost, "/git/auths/github/oauth", `{"name":"x","code":"c","state":"s"}`},
		{http.MethodDelete, "/git/auths/shared", ""},
	} {
		r1, d1 := ssDo(t, s, aliceKey, tc.method, "/v1/team-b"+tc.path, tc.body)
		r2, d2 := ssDo(t, s, aliceKey, tc.method, "/v1/team-z"+tc.path, tc.body)
		c1, m1 := idServiceStageError(t, r1, d1, http.StatusNotFound)
		c2, m2 := idServiceStageError(t, r2, d2, http.StatusNotFound)
		assert.Equal(t, "SVCSTG.REPO.0404", c1, tc.path)
		assert.Equal(t, c1, c2, tc.path)
		assert.Equal(t, strings.ReplaceAll(m1, "team-b", "team-z"), m2, tc.path)
	}
	assert.Len(t, ssList(t, s, bobKey, "team-b"), 1, "bob's authorization is untouched")

	// The owner reaches both projects.
	assert.Len(t, ssList(t, s, w.key, "team-a"), 1)
	assert.Len(t, ssList(t, s, w.key, "team-b"), 1)

	// Removed from the project, alice is out.
	rm, err := s.Client(w.owner.Token).RemoveProjectMemberWithResponse(context.Background(), "team-a", "alice")
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, rm.StatusCode())
	assert.Equal(t, "SVCSTG.REPO.0404", ssErr(t, s, aliceKey, http.StatusNotFound, http.MethodGet, "/v1/team-a/git/auths", ""))

	// Deleting a project deletes its authorizations; its id starts empty.
	del, err := s.Client(w.owner.Token).DeleteProjectWithResponse(context.Background(), "team-b")
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, del.StatusCode())
	assert.Equal(t, "SVCSTG.REPO.0404", ssErr(t, s, bobKey, http.StatusNotFound, http.MethodGet, "/v1/team-b/git/auths", ""))
	pjCreate(t, s, w.owner.Token, "team-b", "B again")
	assert.Empty(t, ssList(t, s, w.key, "team-b"))
}

func TestServiceStageStatus(t *testing.T) {
	t.Parallel()
	w := ssStart(t)
	s, key := w.s, w.key
	pjCreate(t, s, w.owner.Token, "p1", "One")

	t.Run("2: the provider rejects a revoked personal token", func(t *testing.T) {
		pat := ssPAT(t, w.gh)
		ssPersonal(t, s, key, "p1", "github", "revoked", pat, "")
		require.True(t, w.gh.RevokeToken(pat))
		a := ssByName(t, ssList(t, s, key, "p1"), "revoked")
		assert.Equal(t, 2, a.Status)
		assert.Equal(t, "tom-repo", a.RepoUser, "the last known profile stays")

		w.bb.AddUser(fakeprovider.User{Login: "changing"})
		require.NoError(t, w.bb.SetPassword("changing", "before"))
		res, data := ssDo(t, s, key, http.MethodPost, "/v1/p1/git/auths/bitbucket/password",
			`{"name":"changed-password","user":"changing","password":"before"}`)
		ssCreated(t, res, data)
		require.NoError(t, w.bb.SetPassword("changing", "after"))
		assert.Equal(t, 2, ssByName(t, ssList(t, s, key, "p1"), "changed-password").Status)
	})

	t.Run("0 after a refresh, one refresh for concurrent lists", func(t *testing.T) {
		created := ssOAuth(t, s, key, "p1", "gitlab", "refreshed", "")
		w.gl.ResetCalls()
		// A slow refresh, so that every list arrives while it runs.
		w.gl.SetFault("/oauth/token", fakeprovider.Fault{Delay: time.Second, Times: 1})
		var wg sync.WaitGroup
		lists := make([][]ssAuthorization, 6)
		for i := range lists {
			wg.Go(func() { lists[i] = ssList(t, s, key, "p1") })
		}
		wg.Wait()
		assert.Equal(t, 1, w.gl.RefreshCount(), "concurrent checks share one refresh")
		for _, l := range lists {
			a := ssByName(t, l, "refreshed")
			assert.Equal(t, 0, a.Status)
			assert.Equal(t, "tom-repo", a.RepoUser)
			assert.GreaterOrEqual(t, a.UpdateTime, created.UpdateTime)
		}
	})

	t.Run("1: the token expired and its refresh is refused", func(t *testing.T) {
		ssOAuth(t, s, key, "p1", "gitlab", "expired", "")
		issued := w.gl.IssuedTokens()
		require.True(t, w.gl.RevokeToken(issued[len(issued)-1]), "the provider revokes the grant")
		for range 2 { // the second time from what was recorded
			a := ssByName(t, ssList(t, s, key, "p1"), "expired")
			assert.Equal(t, 1, a.Status)
			assert.Equal(t, "tom-repo", a.RepoUser)
		}
		assert.Equal(t, 0, ssByName(t, ssList(t, s, key, "p1"), "refreshed").Status, "other authorizations are not affected")
	})
}

// TestServiceStageOutage checks that a provider that is down or hangs
// never fails a list, which shows the last known status within the list
// budget, and that the last known status survives a restart.
func TestServiceStageOutage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w := ssStart(t, "--data-dir", dir)
	s, key := w.s, w.key
	pjCreate(t, s, w.owner.Token, "p1", "One")
	good, bad := ssPAT(t, w.gh), ssPAT(t, w.gh)
	ssPersonal(t, s, key, "p1", "github", "good", good, "")
	ssPersonal(t, s, key, "p1", "github", "bad", bad, "")
	require.True(t, w.gh.RevokeToken(bad))
	list := ssList(t, s, key, "p1")
	require.Equal(t, 0, ssByName(t, list, "good").Status)
	require.Equal(t, 2, ssByName(t, list, "bad").Status)

	// Restart (nothing cached any more), then take the provider down.
	s.Stop()
	s = apitest.StartEnv(t, ssEnv(w.gh, w.gl, w.bb, w.gitee), "--data-dir", dir)
	for _, fault := range []fakeprovider.Fault{
		{CloseConnection: true},
		{Status: http.StatusBadGateway},
		{Garbage: true},
		{Delay: time.Minute}, // hangs
	} {
		w.gh.SetFault("/user", fault)
		start := time.Now()
		list := ssList(t, s, key, "p1")
		elapsed := time.Since(start)
		assert.Less(t, elapsed, 15*time.Second, "bounded: %+v", fault)
		assert.Equal(t, 0, ssByName(t, list, "good").Status, "%+v", fault)
		assert.Equal(t, 2, ssByName(t, list, "bad").Status, "the last known status survives: %+v", fault)
		assert.Equal(t, "tom-repo", ssByName(t, list, "good").RepoUser)
		w.gh.ClearFaults()
		if fault.Delay == 0 {
			// An inconclusive check is cached for a few seconds at most;
			// start the next case from a fresh server.
			s.Stop()
			s = apitest.StartEnv(t, ssEnv(w.gh, w.gl, w.bb, w.gitee), "--data-dir", dir)
		}
	}
	// Creating needs the provider: unavailable, not a rejection.
	w.gh.SetFault("/user", fakeprovider.Fault{Status: http.StatusServiceUnavailable})
	res, data := ssDo(t, s, key, http.MethodPost, "/v1/p1/git/auths/github/personal", `{"name":"later","token":"`+ssPAT(t, w.gh)+`"}`)
	code, _ := idServiceStageError(t, res, data, http.StatusServiceUnavailable)
	assert.NotEqual(t, "SVCSTG.REPO.0451", code)
	w.gh.ClearFaults()
}

// TestServiceStageManyAuthorizations checks that checks run concurrently,
// with a bound, and are cached.
func TestServiceStageManyAuthorizations(t *testing.T) {
	t.Parallel()
	w := ssStart(t)
	s, key := w.s, w.key
	pjCreate(t, s, w.owner.Token, "p1", "One")
	const n = 12
	for i := range n {
		ssPersonal(t, s, key, "p1", "github", fmt.Sprintf("pat-%02d", i), ssPAT(t, w.gh), "")
	}
	w.gh.ResetCalls()
	w.gh.SetFault("/user", fakeprovider.Fault{Delay: time.Second})
	start := time.Now()
	list := ssList(t, s, key, "p1")
	elapsed := time.Since(start)
	require.Len(t, list, n)
	for _, a := range list {
		assert.Equal(t, 0, a.Status, a.Name)
	}
	assert.Equal(t, n, w.gh.Calls("/user"), "one check each")
	assert.GreaterOrEqual(t, elapsed, 2*time.Second, "at most 8 at once: two rounds of 1 s")
	assert.Less(t, elapsed, 5*time.Second, "concurrent, not one after the other (12 s), within the list budget")

	start = time.Now()
	ssList(t, s, key, "p1")
	assert.Less(t, time.Since(start), time.Second, "cached")
	assert.Equal(t, n, w.gh.Calls("/user"), "no new check")
	w.gh.ClearFaults()
}

// TestServiceStageSecretsAtRest checks that no token or password reaches
// the database file in the clear, and that they still work after a restart.
func TestServiceStageSecretsAtRest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w := ssStart(t, "--data-dir", dir)
	s, key := w.s, w.key
	pjCreate(t, s, w.owner.Token, "p1", "One")
	ssOAuth(t, s, key, "p1", "github", "oauth", "")
	ssOAuth(t, s, key, "p1", "gitlab", "oauth-refresh", "")
	ssPersonal(t, s, key, "p1", "gitlab", "pat", ssPAT(t, w.gl), w.gl.URL)
	res, data := ssDo(t, s, key, http.MethodPost, "/v1/p1/git/auths/bitbucket/password",
		`{"name":"password","user":"tom-repo","password":"app-password-0123"}`)
	ssCreated(t, res, data)
	ssList(t, s, key, "p1") // refreshes the GitLab token

	secrets := []string{"app-password-0123"}
	for _, p := range []*fakeprovider.Provider{w.gh, w.gl} {
		secrets = append(secrets, p.IssuedTokens()...)
	}
	require.GreaterOrEqual(t, len(secrets), 6)
	s.Stop()
	var disk []byte
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(filepath.Join(dir, server.DatabaseFile+suffix))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		require.NoError(t, err)
		disk = append(disk, b...)
	}
	require.Contains(t, string(disk), "oauth-refresh", "the scan sees the data")
	ssNoSecrets(t, "the database", string(disk), secrets)

	s = apitest.StartEnv(t, ssEnv(w.gh, w.gl, w.bb, w.gitee), "--data-dir", dir)
	for _, a := range ssList(t, s, key, "p1") {
		assert.Equal(t, 0, a.Status, "%s still works after a restart", a.Name)
	}
}
