package e2e

// Replicas: two gitauthd servers on one PostgreSQL database are
// interchangeable. Each server has its own process state (caches,
// singleflight groups, lease holder id); everything that matters goes
// through the database. Skipped unless GITAUTHD_TEST_POSTGRES_URL is set.

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
)

// rpAccessURL is the one address of the replicas, as a load balancer in
// front of them would have it. Nothing listens there: the tests send each
// request to the replica they mean.
const rpAccessURL = "http://gitauthd.lb.example.test"

// rpEncryptionKey returns a new random --external-token-encryption-keys
// value.
func rpEncryptionKey(t testing.TB) string {
	t.Helper()
	b := make([]byte, 32)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(b)
}

// rpStartReplicas starts n servers on one fresh PostgreSQL schema, with the
// same configuration (env, args, access URL and encryption key), as a
// deployment behind a load balancer runs them. Each has a data directory of
// its own, as separate machines would.
func rpStartReplicas(t *testing.T, n int, env []string, args ...string) []*apitest.Server {
	t.Helper()
	dbURL := pgtest.URL(t)
	key := rpEncryptionKey(t)
	out := make([]*apitest.Server, n)
	for i := range out {
		all := append([]string{"--postgres-url", dbURL, "--data-dir", t.TempDir(),
			"--external-token-encryption-keys", key, "--access-url", rpAccessURL}, args...)
		out[i] = apitest.StartEnv(t, env, all...)
	}
	return out
}

// rpGet GETs path on s with a session token and decodes a 2xx answer.
func rpGet(t *testing.T, s *apitest.Server, token, path string, into any) int {
	t.Helper()
	res, body := s.Do(http.MethodGet, path, "", auth(token))
	if into != nil && res.StatusCode/100 == 2 {
		require.NoError(t, json.Unmarshal(body, into), "%s", body)
	}
	return res.StatusCode
}

// rpAuthenticated reports whether the holder of token has a valid link to
// provider id, asking replica s.
func rpAuthenticated(t *testing.T, s *apitest.Server, token, id string) bool {
	t.Helper()
	var st client.ExternalAuth
	require.Equal(t, http.StatusOK, rpGet(t, s, token, "/api/v2/external-auth/"+id, &st))
	return st.Authenticated
}

// rpLinkDevice links the holder of token to provider id through the device
// flow: started on one replica, finished on another.
func rpLinkDevice(t *testing.T, start, finish *apitest.Server, fake *fakeprovider.Provider, token, id string) {
	t.Helper()
	ctx := context.Background()
	d, err := start.Client(token).GetExternalAuthDeviceByIDWithResponse(ctx, id)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, d.StatusCode(), "%s", d.Body)
	require.NoError(t, fake.ApproveDevice(d.JSON200.UserCode, ""))
	done, err := finish.Client(token).PostExternalAuthDeviceByIDWithResponse(ctx, id,
		client.PostExternalAuthDeviceByIDJSONRequestBody{DeviceCode: d.JSON200.DeviceCode})
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, done.StatusCode(), "%s", done.Body)
}

// TestReplicasSessions: sessions and tokens made on one replica work on
// the other, and ending them on one ends them on both.
func TestReplicasSessions(t *testing.T) {
	t.Parallel()
	r := rpStartReplicas(t, 2, nil)
	a, b := r[0], r[1]
	owner := a.CreateOwner(t) // the user and the session are made on a

	var me client.User
	require.Equal(t, http.StatusOK, rpGet(t, b, owner.Token, "/api/v2/users/me", &me), "a's session on b")
	assert.Equal(t, owner.ID, me.Id.String())

	member := b.CreateMember(t, owner, "member") // made on b, signed in on b
	require.Equal(t, http.StatusOK, rpGet(t, a, member.Token, "/api/v2/users/me", &me), "b's session on a")
	assert.Equal(t, "member", me.Username)

	token := idCreateToken(t, b, owner.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("ci")})
	require.Equal(t, http.StatusOK, rpGet(t, a, token, "/api/v2/users/me", nil), "b's API token on a")

	// Only one first user, whichever replica is asked.
	again, err := b.Client("").CreateFirstUserWithResponse(context.Background(), client.CreateFirstUserJSONRequestBody{
		Email: "second@example.com", Username: "second", Password: apitest.Password})
	require.NoError(t, err)
	assert.Equal(t, http.StatusConflict, again.StatusCode())

	// Logging out on a ends the session on b; deleting a token on a
	// revokes it on b.
	out, err := a.Client(member.Token).LogoutWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, out.StatusCode())
	assert.Equal(t, http.StatusUnauthorized, rpGet(t, b, member.Token, "/api/v2/users/me", nil))
	del, err := a.Client(owner.Token).DeleteAPIKeyWithResponse(context.Background(), "me", idKeyID(token))
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, del.StatusCode())
	assert.Equal(t, http.StatusUnauthorized, rpGet(t, b, token, "/api/v2/users/me", nil))

	assert.Equal(t, idDeploymentID(t, a), idDeploymentID(t, b), "one deployment")
}

// TestReplicasOAuthState: the browser flow started on one replica (which
// stores the state) is finished by the other's callback (which consumes
// it), and the state cannot be used a second time on either.
func TestReplicasOAuthState(t *testing.T) {
	t.Parallel()
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	gh.AddUser(fakeprovider.User{Login: "octocat"})
	r := rpStartReplicas(t, 2, gh.Env(0, "github", "github"))
	a, b := r[0], r[1]
	owner := a.CreateOwner(t)
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(rawURL string, cookies ...*http.Cookie) (*http.Response, string) {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, rawURL, nil)
		require.NoError(t, err)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		res, err := browser.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, string(body)
	}
	session := &http.Cookie{Name: identity.SessionCookie, Value: owner.Token}

	// a starts the flow: a state cookie, and a redirect to the provider.
	res, body := get(a.URL+"/external-auth/github/callback", session)
	require.Equal(t, http.StatusTemporaryRedirect, res.StatusCode, body)
	var state *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "gitauthd_oauth_state" {
			state = c
		}
	}
	require.NotNil(t, state, "a state cookie")
	authorize := res.Header.Get("Location")
	require.True(t, strings.HasPrefix(authorize, gh.URL), authorize)

	// The provider sends the browser back to the access URL (the load
	// balancer), which hands the callback to b.
	res, body = get(authorize)
	require.Equal(t, http.StatusFound, res.StatusCode, body)
	back, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, rpAccessURL+"/external-auth/github/callback", back.Scheme+"://"+back.Host+back.Path)
	require.Equal(t, state.Value, back.Query().Get("state"))
	callback := "/external-auth/github/callback?" + back.RawQuery

	res, body = get(b.URL+callback, session, state)
	require.Equal(t, http.StatusTemporaryRedirect, res.StatusCode, body)
	assert.Equal(t, "/external-auth/github?redirected=true", res.Header.Get("Location"))
	assert.True(t, rpAuthenticated(t, a, owner.Token, "github"), "the link made on b, seen on a")

	// The state was consumed: replaying the callback fails on both.
	for _, s := range r {
		res, body = get(s.URL+callback, session, state)
		assert.Equal(t, http.StatusBadRequest, res.StatusCode, body)
	}
}

// TestReplicasDeviceFlow: a device flow started on one replica is polled
// and finished on the other.
func TestReplicasDeviceFlow(t *testing.T) {
	t.Parallel()
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, DeviceInterval: 1})
	r := rpStartReplicas(t, 2, gh.Env(0, "github", "github"))
	a, b := r[0], r[1]
	owner := a.CreateOwner(t)
	ctx := context.Background()

	d, err := a.Client(owner.Token).GetExternalAuthDeviceByIDWithResponse(ctx, "github")
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, d.StatusCode(), "%s", d.Body)
	poll := func() (int, []byte) {
		res, err := b.Client(owner.Token).PostExternalAuthDeviceByIDWithResponse(ctx, "github",
			client.PostExternalAuthDeviceByIDJSONRequestBody{DeviceCode: d.JSON200.DeviceCode})
		require.NoError(t, err)
		return res.StatusCode(), res.Body
	}
	status, body := poll()
	require.Equal(t, http.StatusBadRequest, status, "%s", body)
	assert.Equal(t, "authorization_pending", decodeCoderError(t, body).Detail)

	require.NoError(t, gh.ApproveDevice(d.JSON200.UserCode, ""))
	time.Sleep(1100 * time.Millisecond) // the announced interval
	status, body = poll()
	require.Equal(t, http.StatusNoContent, status, "%s", body)
	assert.True(t, rpAuthenticated(t, a, owner.Token, "github"))
	assert.True(t, rpAuthenticated(t, b, owner.Token, "github"))
}

// TestReplicasRefreshOnce: a link whose token needs refreshing, asked for
// at once through both replicas, is refreshed exactly once: the lease in
// the database elects one refresher, the others wait for its result, and
// the single-use refresh token is spent once, its successor stored.
func TestReplicasRefreshOnce(t *testing.T) {
	t.Parallel()
	// Tokens live 12s; gitauthd refreshes them 10s before they expire.
	gl := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, RefreshTokens: true,
		AccessTokenTTL: 12 * time.Second, DeviceInterval: 1})
	r := rpStartReplicas(t, 2, gl.Env(0, "gitlab", "gitlab"))
	a, b := r[0], r[1]
	owner := a.CreateOwner(t)
	rpLinkDevice(t, a, b, gl, owner.Token, "gitlab")
	linked := time.Now()
	require.Zero(t, gl.RefreshCount())
	first := gl.ValidRefreshTokens()
	require.Len(t, first, 1)

	burst := func() {
		t.Helper()
		const n = 16
		var wg sync.WaitGroup
		results := make([]client.ExternalAuth, n)
		statuses := make([]int, n)
		start := make(chan struct{})
		for i := range n {
			s := r[i%2]
			wg.Go(func() {
				<-start
				req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v2/external-auth/gitlab", nil)
				req.Header.Set("Coder-Session-Token", owner.Token)
				res, err := s.HTTP.Do(req)
				if err != nil {
					return
				}
				defer res.Body.Close()
				statuses[i] = res.StatusCode
				_ = json.NewDecoder(res.Body).Decode(&results[i])
			})
		}
		close(start)
		wg.Wait()
		for i := range n {
			require.Equal(t, http.StatusOK, statuses[i], "request %d", i)
			assert.True(t, results[i].Authenticated, "request %d: %+v", i, results[i])
		}
	}

	time.Sleep(time.Until(linked.Add(2500 * time.Millisecond))) // now it needs a refresh
	burst()
	require.Equal(t, 1, gl.RefreshCount(), "one refresh for 16 requests through 2 replicas")
	second := gl.ValidRefreshTokens()
	require.Len(t, second, 1, "the spent refresh token is gone, its successor is valid")
	require.NotEqual(t, first, second)

	// The stored refresh token is that successor: the next refresh, through
	// the other replica this time, succeeds.
	time.Sleep(2500 * time.Millisecond)
	assert.True(t, rpAuthenticated(t, b, owner.Token, "gitlab"))
	require.Equal(t, 2, gl.RefreshCount())
	assert.True(t, rpAuthenticated(t, a, owner.Token, "gitlab"))
	require.Equal(t, 2, gl.RefreshCount(), "a uses b's refreshed token")
}

// TestReplicasListen: a git-credentials wait (listen=true) on one replica
// answers once the person has linked on the other. The waiting replica
// polls the database (every half second), so it needs no message from the
// other.
func TestReplicasListen(t *testing.T) {
	t.Parallel()
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, DeviceInterval: 1})
	r := rpStartReplicas(t, 2, gh.Env(0, "github", "github"))
	a, b := r[0], r[1]
	owner := a.CreateOwner(t)

	type answer struct {
		status int
		body   client.GitCredentialsResponse
		err    error
	}
	done := make(chan answer, 1)
	go func() {
		q := url.Values{"match": {gh.URL + "/octo/repo.git"}, "listen": {"true"}}
		req, _ := http.NewRequest(http.MethodGet, a.URL+"/api/v2/git-credentials?"+q.Encode(), nil)
		req.Header.Set("Coder-Session-Token", owner.Token)
		ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
		defer cancel()
		res, err := a.HTTP.Do(req.WithContext(ctx))
		if err != nil {
			done <- answer{err: err}
			return
		}
		defer res.Body.Close()
		var out answer
		out.status = res.StatusCode
		out.err = json.NewDecoder(res.Body).Decode(&out.body)
		done <- out
	}()
	select {
	case got := <-done:
		t.Fatalf("the wait answered before the link: %+v", got)
	case <-time.After(1500 * time.Millisecond):
	}
	rpLinkDevice(t, b, b, gh, owner.Token, "github") // entirely on b
	select {
	case got := <-done:
		require.NoError(t, got.err)
		require.Equal(t, http.StatusOK, got.status)
		require.NotNil(t, got.body.AccessToken, "%+v", got.body)
		assert.Equal(t, gh.ValidTokens()[0], *got.body.AccessToken)
		assert.Nil(t, got.body.Url)
	case <-time.After(30 * time.Second):
		t.Fatal("the wait on a did not see the link made on b")
	}
}
