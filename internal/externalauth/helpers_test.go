package externalauth

import (
	"bytes"
	"context"
	"crypto/rand"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
)

// testClock is the services' clock: real time plus an offset the test moves.
type testClock struct{ offset atomic.Int64 }

func (c *testClock) Now() time.Time          { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *testClock) Advance(d time.Duration) { c.offset.Add(int64(d)) }
func bounded(t *testing.T) context.Context   { return boundedFor(t, 30*time.Second) }
func accessURL() *url.URL                    { u, _ := url.Parse("https://gitauthd.test"); return u }
func mustHost(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// boundedFor is a context that only keeps a broken test from hanging.
func boundedFor(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// syncBuffer collects log output from concurrent goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// env is one test's world: a store (SQLite in memory behind the encrypting
// decorator), a clock, a log, and services over providers.
type env struct {
	t     *testing.T
	inner store.Store
	st    store.Store
	clock *testClock
	logs  *syncBuffer
}

func newEnv(t *testing.T) *env {
	t.Helper()
	inner, err := sqlite.Open(context.Background(), sqlite.Options{InMemory: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = inner.Close() })
	key := make([]byte, dbcrypt.KeySize)
	_, _ = rand.Read(key)
	c, err := dbcrypt.NewCipher(key)
	require.NoError(t, err)
	st, err := dbcrypt.New(inner, []dbcrypt.Cipher{c})
	require.NoError(t, err)
	return &env{t: t, inner: inner, st: st, clock: &testClock{}, logs: &syncBuffer{}}
}

// user inserts a user and returns its id.
func (e *env) user(name string) uuid.UUID {
	e.t.Helper()
	now := time.Now()
	u := store.User{
		ID: uuid.New(), Email: name + "@example.com", Username: name, Name: name,
		HashedPassword: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
		Status:         "active", LoginType: store.LoginTypePassword,
		CreatedAt: now, UpdatedAt: now, LastSeenAt: now,
	}
	require.NoError(e.t, e.st.InsertUser(context.Background(), u))
	return u.ID
}

// service returns a Service over providers with short waits for tests.
func (e *env) service(holder string, providers ...*Provider) *Service {
	s := New(Options{
		Providers:       providers,
		Store:           e.st,
		Logger:          slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Now:             e.clock.Now,
		Holder:          holder,
		AccessURL:       accessURL(),
		ProviderTimeout: 2 * time.Second,
	})
	s.refreshBackoff = 10 * time.Millisecond
	s.leasePoll = 10 * time.Millisecond
	s.listenPoll = 20 * time.Millisecond
	return s
}

// githubProvider is a github-type provider against a GitHub-dialect fake.
func githubProvider(f *fakeprovider.Provider) *Provider {
	return &Provider{
		ID: "github", Type: TypeGitHub, DisplayName: "GitHub",
		ClientID: f.ClientID(), ClientSecret: f.ClientSecret(),
		AuthURL: f.AuthURL(), TokenURL: f.TokenURL(), DeviceCodeURL: f.DeviceCodeURL(),
		ValidateURL: f.ValidateURL(), RevokeURL: f.RevokeURL(), RevokeStyle: RevokeGitHub,
		AppInstallURL:       "https://github.example/apps/gitauthd/installations/new",
		AppInstallationsURL: f.InstallationsURL(),
		Scopes:              []string{"repo", "workflow"},
		DeviceFlow:          true,
		AuthStyle:           oauth2.AuthStyleInParams,
		Regex:               regexp.MustCompile(f.Regex()),
		RedirectURL:         "https://gitauthd.test/external-auth/github/callback",
	}
}

// gitlabProvider is a gitlab-type provider (PKCE, client auth in the
// header, RFC 7009 revocation) against an RFC-dialect fake.
func gitlabProvider(f *fakeprovider.Provider) *Provider {
	return &Provider{
		ID: "gitlab", Type: TypeGitLab, DisplayName: "GitLab",
		ClientID: f.ClientID(), ClientSecret: f.ClientSecret(),
		AuthURL: f.AuthURL(), TokenURL: f.TokenURL(), DeviceCodeURL: f.DeviceCodeURL(),
		ValidateURL: f.GitLabUserURL(), RevokeURL: f.RevokeURL(), RevokeStyle: RevokeRFC7009,
		Scopes:         []string{"read_repository", "write_repository"},
		ExtraTokenKeys: []string{"created_at", "scope"},
		DeviceFlow:     true,
		PKCE:           true,
		AuthStyle:      oauth2.AuthStyleInHeader,
		Regex:          regexp.MustCompile(f.Regex()),
		RedirectURL:    "https://gitauthd.test/external-auth/gitlab/callback",
	}
}

// dialect is one of the two fakes with a provider for it.
type dialect struct {
	name string
	opts fakeprovider.Options
	prov func(*fakeprovider.Provider) *Provider
}

var dialects = []dialect{
	{"github", fakeprovider.Options{Dialect: fakeprovider.GitHub, DeviceInterval: 1}, githubProvider},
	{"rfc", fakeprovider.Options{Dialect: fakeprovider.RFC, DeviceInterval: 1, RequirePKCE: true}, gitlabProvider},
}

// eachDialect runs fn against a fresh fake of each dialect.
func eachDialect(t *testing.T, mutate func(*fakeprovider.Options), fn func(t *testing.T, f *fakeprovider.Provider, p *Provider)) {
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			opts := d.opts
			if mutate != nil {
				mutate(&opts)
			}
			opts.Logf = func(string, ...any) {}
			f := fakeprovider.StartTest(t, opts)
			f.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat"})
			fn(t, f, d.prov(f))
		})
	}
}

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// authorize follows authURL at the fake (which signs the current user in
// at once) and returns the callback's query.
func authorize(t *testing.T, authURL string) url.Values {
	t.Helper()
	res, err := noRedirect.Get(authURL)
	require.NoError(t, err)
	_ = res.Body.Close()
	require.Equal(t, http.StatusFound, res.StatusCode, "authorize answered %d", res.StatusCode)
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	return loc.Query()
}

// link makes a link for user with the browser flow and returns the access
// token stored.
func link(t *testing.T, s *Service, user uuid.UUID, p *Provider) string {
	t.Helper()
	ctx := bounded(t)
	authURL, state, err := s.AuthCodeURL(ctx, user, p.ID, "")
	require.NoError(t, err)
	q := authorize(t, authURL)
	require.Equal(t, state, q.Get("state"))
	require.NotEmpty(t, q.Get("code"), "provider error: %s", q.Get("error"))
	_, err = s.Callback(ctx, user, p.ID, q.Get("code"), state, state)
	require.NoError(t, err)
	l, err := s.store.GetExternalAuthLink(ctx, user, p.ID)
	require.NoError(t, err)
	return l.AccessToken
}

// kindOf returns the errs.Kind of err (failing when it is not an *errs.Error).
func kindOf(t *testing.T, err error) errs.Kind {
	t.Helper()
	require.Error(t, err)
	e, ok := errs.As(err)
	require.True(t, ok, "not an *errs.Error: %T %v", err, err)
	return e.Kind
}

func asErr(t *testing.T, err error) *errs.Error {
	t.Helper()
	e, ok := errs.As(err)
	require.True(t, ok, "not an *errs.Error: %T %v", err, err)
	return e
}

// noSecrets checks that none of the secrets appears in text.
func noSecrets(t *testing.T, text string, secrets ...string) {
	t.Helper()
	for _, sec := range secrets {
		if sec != "" {
			require.NotContains(t, text, sec)
		}
	}
}
