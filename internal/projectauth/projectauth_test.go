package projectauth

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
	storecache "github.com/gitauthd/gitauthd/internal/store/cache"
	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
)

// newStore is an encrypted in-memory store with an owner and a project.
func newStore(t testing.TB) (store.Store, identity.Actor) {
	t.Helper()
	ctx := context.Background()
	inner, err := sqlite.Open(ctx, sqlite.Options{InMemory: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = inner.Close() })
	key := make([]byte, dbcrypt.KeySize)
	_, _ = rand.Read(key)
	c, err := dbcrypt.NewCipher(key)
	require.NoError(t, err)
	st, err := dbcrypt.New(inner, []dbcrypt.Cipher{c})
	require.NoError(t, err)
	now := time.Now()
	u := store.User{ID: uuid.New(), Email: "owner@example.com", Username: "owner", Roles: []string{store.RoleOwner},
		Status: "active", LoginType: store.LoginTypePassword, CreatedAt: now, UpdatedAt: now, LastSeenAt: now}
	require.NoError(t, st.InsertUser(ctx, u))
	require.NoError(t, st.InsertProject(ctx, store.Project{ID: "p1", Name: "One", CreatedAt: now}))
	return st, identity.Actor{User: u}
}

// replica is one gitauthd process: its own services over the shared store.
func replica(t *testing.T, st store.Store, cfgs []externalauth.Config) *Service {
	t.Helper()
	u, _ := url.Parse("https://gitauthd.test")
	providers, err := externalauth.NewProviders(cfgs, u)
	require.NoError(t, err)
	ext := externalauth.New(externalauth.Options{Providers: providers, Store: st, Holder: uuid.NewString(),
		AccessURL: u, ProviderTimeout: 3 * time.Second})
	return New(Options{Store: st, ExternalAuth: ext})
}

// cachedSetup starts a GitLab-shaped fake provider with the user tom and
// returns it with a store behind the store cache (as the server composes
// them), the external auth service over that store, and the project owner.
func cachedSetup(t testing.TB) (*fakeprovider.Provider, store.Store, *externalauth.Service, identity.Actor) {
	t.Helper()
	f := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC})
	f.AddUser(fakeprovider.User{Login: "tom"})
	inner, owner := newStore(t)
	st := storecache.New(inner, storecache.Options{})
	u, _ := url.Parse("https://gitauthd.test")
	providers, err := externalauth.NewProviders([]externalauth.Config{gitlabConfig(f)}, u)
	if err != nil {
		t.Fatal(err)
	}
	ext := externalauth.New(externalauth.Options{Providers: providers, Store: st, Holder: uuid.NewString(),
		AccessURL: u, ProviderTimeout: 3 * time.Second})
	return f, st, ext, owner
}

// gitlabConfig configures a gitlab provider against the fake.
func gitlabConfig(f *fakeprovider.Provider) externalauth.Config {
	return externalauth.Config{ID: "gitlab", Type: "gitlab", ClientID: f.ClientID(), ClientSecret: f.ClientSecret(),
		AuthURL: f.AuthURL(), TokenURL: f.TokenURL(), ValidateURL: f.GitLabUserURL(), RevokeURL: f.RevokeURL()}
}

// oauth creates an OAuth authorization through s, signing in at the fake.
func oauth(t testing.TB, s *Service, actor identity.Actor, name string) Authorization {
	t.Helper()
	ctx := context.Background()
	authorize, err := s.RedirectURL(ctx, actor, "p1", "GitLab", nil)
	require.NoError(t, err)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(authorize)
	require.NoError(t, err)
	_ = res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	a, err := s.CreateOAuth(ctx, actor, "p1", "gitlab", nil, name, loc.Query().Get("code"), loc.Query().Get("state"))
	require.NoError(t, err)
	return a
}

// TestRefreshAcrossReplicas checks that two processes listing the same
// authorization spend its single-use refresh token once: one refreshes
// under the store lease, the other waits for it and uses the new token.
func TestRefreshAcrossReplicas(t *testing.T) {
	t.Parallel()
	f := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, AccessTokenTTL: 5 * time.Second, RefreshTokens: true})
	f.AddUser(fakeprovider.User{Login: "tom"})
	st, owner := newStore(t)
	cfgs := []externalauth.Config{gitlabConfig(f)}
	a, b := replica(t, st, cfgs), replica(t, st, cfgs)
	created := oauth(t, a, owner, "gl")
	assert.Equal(t, "tom", created.RepoUser)

	f.ResetCalls()
	f.SetFault("/oauth/token", fakeprovider.Fault{Delay: 500 * time.Millisecond, Times: 1})
	var wg sync.WaitGroup
	results := make([][]Authorization, 6)
	for i := range results {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			list, err := s.List(context.Background(), owner, "p1")
			assert.NoError(t, err)
			results[i] = list
		})
	}
	wg.Wait()
	assert.Equal(t, 1, f.RefreshCount(), "one refresh for both replicas")
	for _, list := range results {
		require.Len(t, list, 1)
		assert.Equal(t, store.GitAuthStatusNormal, list[0].Status)
		assert.Equal(t, "tom", list[0].RepoUser)
	}
	stored, err := st.GetProjectGitAuth(context.Background(), "p1", "gl")
	require.NoError(t, err)
	assert.Empty(t, stored.FailureReason)
	assert.Contains(t, f.ValidTokens(), stored.Secret, "the stored token is the refreshed one")
}

func TestProviderFor(t *testing.T) {
	t.Parallel()
	st, _ := newStore(t)
	cfg := func(id, typ, authURL, validateURL string) externalauth.Config {
		return externalauth.Config{ID: id, Type: typ, ClientID: "c", ClientSecret: "s", AuthURL: authURL, ValidateURL: validateURL}
	}
	s := replica(t, st, []externalauth.Config{
		cfg("gitlab-internal", "gitlab", "https://gitlab.internal.example:8443/oauth/authorize", ""),
		cfg("gitlab", "gitlab", "", ""),
		cfg("bb-server", "bitbucket-server", "https://bitbucket.example/rest/oauth2/latest/authorize", ""),
		cfg("bitbucket", "bitbucket-cloud", "", ""),
		{ID: "gitee", Type: "generic", ClientID: "c", ClientSecret: "s", AuthURL: "https://gitee.com/oauth/authorize",
			TokenURL: "https://gitee.com/oauth/token", ValidateURL: "https://gitee.com/api/v5/user"},
		cfg("github", "github", "", ""),
		{ID: "azure", Type: "azure-devops", ClientID: "c", ClientSecret: "s"},
	})
	for _, tc := range []struct {
		repoType, tokenType, host string
		want                      string // provider id, or the error's reason
	}{
		{"github", store.GitAuthOAuth, "", "github"},
		{"github", store.GitAuthPersonal, "https://api.github.com", "github"},
		{"github", store.GitAuthPersonal, "github.com", "github"},
		{"github", store.GitAuthPassword, "", "unsupported"},
		{"gitlab", store.GitAuthOAuth, "", "gitlab"}, // the provider with that id first
		{"gitlab", store.GitAuthPersonal, "", "gitlab"},
		{"gitlab", store.GitAuthPersonal, "https://gitlab.internal.example:8443", "gitlab-internal"},
		{"gitlab", store.GitAuthPersonal, "gitlab.internal.example:8443", "gitlab-internal"},
		{"gitlab", store.GitAuthPersonal, "https://GITLAB.com:443/some/path", "gitlab"},
		{"gitlab", store.GitAuthPersonal, "http://gitlab.com", "invalid"}, // scheme differs
		{"gitlab", store.GitAuthPersonal, "https://gitlab.internal.example", "invalid"},
		{"gitlab", store.GitAuthPersonal, "https://attacker.example", "invalid"},
		{"gitlab", store.GitAuthPersonal, "https://u:p@gitlab.com", "invalid"},
		{"gitlab", store.GitAuthPersonal, "ftp://gitlab.com", "invalid"},
		{"gitlab", store.GitAuthPersonal, "https://gitlab.com/?x=1", "invalid"},
		{"gitlab", store.GitAuthPassword, "", "unsupported"},
		{"bitbucket", store.GitAuthOAuth, "", "bitbucket"},
		{"bitbucket", store.GitAuthPassword, "", "bitbucket"},
		{"bitbucket-server", store.GitAuthPassword, "", "bb-server"},
		{"gitee", store.GitAuthPersonal, "", "gitee"},
		{"gitee", store.GitAuthPassword, "", "gitee"},
		{"generic", store.GitAuthOAuth, "", "unsupported"},
		{"azure-devops", store.GitAuthOAuth, "", "azure"},
		{"azure-devops", store.GitAuthPersonal, "", "unsupported"}, // nothing to validate with
		{"svn", store.GitAuthOAuth, "", "unsupported"},
		{"git hub", store.GitAuthOAuth, "", "invalid"},
	} {
		p, err := s.providerFor(tc.repoType, tc.tokenType, tc.host)
		if e, ok := errs.As(err); ok {
			got := map[errs.Reason]string{errs.ReasonNone: "invalid", errs.ReasonUnsupported: "unsupported"}[e.Reason]
			assert.Equal(t, tc.want, got, "%+v: %v", tc, err)
			assert.Equal(t, errs.KindInvalid, e.Kind, "%+v", tc)
			continue
		}
		require.NoError(t, err, "%+v", tc)
		assert.Equal(t, tc.want, p.ID, "%+v", tc)
	}
}

func TestCheckName(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"a", "my-github", "ci_GitLab.2", "名前", strings.Repeat("n", 64)} {
		assert.NoError(t, checkName(ok), ok)
	}
	for _, bad := range []string{"", "a/b", `a\b`, "a?b", "a#b", "a%2F", "a b", "tab\tx", "nl\n", strings.Repeat("n", 65), "\xff"} {
		err := checkName(bad)
		e, ok := errs.As(err)
		require.True(t, ok, "%q", bad)
		assert.Equal(t, errs.KindInvalid, e.Kind, "%q", bad)
		assert.Equal(t, errs.ReasonNone, e.Reason, "%q", bad)
	}
}

func TestRenameProject(t *testing.T) {
	ctx := context.Background()
	st, owner := newStore(t)
	s := replica(t, st, nil)

	p, err := s.RenameProject(ctx, owner, "p1", "  Platform  ")
	require.NoError(t, err)
	assert.Equal(t, "Platform", p.Name, "trimmed, as at creation")
	got, err := s.GetProject(ctx, owner, "p1")
	require.NoError(t, err)
	assert.Equal(t, p, got)

	for _, name := range []string{"", "   ", "tab\there", strings.Repeat("x", maxProjectNameLength+1)} {
		_, err := s.RenameProject(ctx, owner, "p1", name)
		e, ok := errs.As(err)
		require.True(t, ok, "%q: %v", name, err)
		assert.Equal(t, errs.KindInvalid, e.Kind, name)
		assert.Equal(t, "name", e.Fields[0].Field, name)
	}
	_, err = s.RenameProject(ctx, owner, "nope", "x")
	e, _ := errs.As(err)
	require.NotNil(t, e)
	assert.Equal(t, errs.KindNotFound, e.Kind)

	member := identity.Actor{User: store.User{ID: uuid.New(), Username: "m"}}
	_, err = s.RenameProject(ctx, member, "p1", "Mine")
	e, _ = errs.As(err)
	require.NotNil(t, e)
	assert.Equal(t, errs.KindForbidden, e.Kind)
	got, err = s.GetProject(ctx, owner, "p1")
	require.NoError(t, err)
	assert.Equal(t, "Platform", got.Name, "refusals change nothing")
}

// TestListMemo checks that a list whose checks the cache answered in full
// is answered again from one memo of the project, and that the memo is
// never staler than the checks and rows it was made of: it goes when the
// first of the checks expires, and when the project's authorizations
// change.
func TestListMemo(t *testing.T) {
	t.Parallel()
	f, st, ext, owner := cachedSetup(t)
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	s := New(Options{Store: st, ExternalAuth: ext, Now: clock, CheckCacheTTL: time.Minute})
	ctx := context.Background()
	oauth(t, s, owner, "one")
	oauth(t, s, owner, "two")

	list := func() []Authorization {
		t.Helper()
		l, err := s.List(ctx, owner, "p1")
		require.NoError(t, err)
		require.Len(t, l, 2)
		return l
	}
	user := "/api/v4/user"
	first := list() // checks both, fills the cache
	list()          // every check cached: makes the memo
	hits, misses := s.cache.Stats()
	f.ResetCalls()
	again := list()
	assert.Equal(t, first, again)
	h2, m2 := s.cache.Stats()
	assert.Equal(t, hits, h2, "the memo answers without a look-up per authorization")
	assert.Equal(t, misses, m2)
	assert.Zero(t, f.Calls(user), "nor a provider call")

	// A new authorization: the rows differ, the memo is not used.
	oauth(t, s, owner, "three")
	l, err := s.List(ctx, owner, "p1")
	require.NoError(t, err)
	require.Len(t, l, 3)

	// The tokens are revoked at the provider: cached checks stand until
	// they expire, and the memo with them, then the list tells.
	f.RevokeAll()
	l, err = s.List(ctx, owner, "p1")
	require.NoError(t, err)
	for _, a := range l {
		assert.Equal(t, store.GitAuthStatusNormal, a.Status, "%s: cached", a.Name)
	}
	advance(2 * time.Minute)
	l, err = s.List(ctx, owner, "p1")
	require.NoError(t, err)
	for _, a := range l {
		assert.Equal(t, store.GitAuthStatusUnauthenticated, a.Status, "%s: checked again once the cache expired", a.Name)
	}
}
