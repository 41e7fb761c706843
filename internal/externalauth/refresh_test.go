package externalauth

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

// expiring makes the fake issue one-hour access tokens with single-use
// refresh tokens (GitHub Apps, GitLab).
func expiring(o *fakeprovider.Options) { o.RefreshTokens = true; o.AccessTokenTTL = time.Hour }

// expire moves both clocks past the access token's expiry.
func expire(e *env, f *fakeprovider.Provider) {
	e.clock.Advance(time.Hour + time.Minute)
	f.Advance(time.Hour + time.Minute)
}

func TestRefreshBeforeUse(t *testing.T) {
	eachDialect(t, expiring, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")
		old := link(t, s, user, p)
		before, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
		require.NoError(t, err)

		// Not yet within 10 s of expiry: no refresh.
		e.clock.Advance(time.Hour - 11*time.Second)
		tok, err := s.Token(ctx, user, p.ID)
		require.NoError(t, err)
		require.Equal(t, old, tok.AccessToken)
		require.Zero(t, f.RefreshCount())

		// Within 10 s of expiry: refreshed before use.
		e.clock.Advance(5 * time.Second)
		st, err := s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.True(t, st.Authenticated, st.ValidateError)
		require.Equal(t, 1, f.RefreshCount())
		after, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
		require.NoError(t, err)
		require.NotEqual(t, before.AccessToken, after.AccessToken)
		require.NotEqual(t, before.RefreshToken, after.RefreshToken)
		require.True(t, after.ExpiresAt.After(before.ExpiresAt))
		require.Equal(t, before.CreatedAt, after.CreatedAt)
		info, ok := f.Token(after.AccessToken)
		require.True(t, ok)
		require.True(t, info.Valid)

		// Every reader uses the new token without refreshing again.
		tok, err = s.Token(ctx, user, p.ID)
		require.NoError(t, err)
		require.Equal(t, after.AccessToken, tok.AccessToken)
		require.Equal(t, after.ExpiresAt, tok.Expiry)
		_, links, err := s.List(ctx, user)
		require.NoError(t, err)
		require.True(t, links[0].Authenticated)
		require.True(t, links[0].HasRefreshToken)
		require.Equal(t, after.ExpiresAt, links[0].Expires)
		require.Equal(t, 1, f.RefreshCount())

		// List refreshes too.
		expire(e, f)
		_, links, err = s.List(ctx, user)
		require.NoError(t, err)
		require.True(t, links[0].Authenticated, links[0].ValidateError)
		require.Equal(t, 2, f.RefreshCount())
		// And so do git credentials.
		expire(e, f)
		creds, err := s.GitCredentials(ctx, user, "https://"+mustHost(t, p.AuthURL)+"/o/r.git", false)
		require.NoError(t, err)
		require.Equal(t, 3, f.RefreshCount())
		last, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
		require.NoError(t, err)
		require.Equal(t, last.AccessToken, creds.AccessToken)

		noSecrets(t, e.logs.String(), append(f.IssuedTokens(), p.ClientSecret)...)
	})
}

// concurrentTokens makes n callers (spread over services) ask for the token
// at once and returns what each got.
func concurrentTokens(t *testing.T, services []*Service, n int, providerID string, e *env, userID [16]byte) []string {
	t.Helper()
	ctx := bounded(t)
	got := make([]string, n)
	errsSeen := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			tok, err := services[i%len(services)].Token(ctx, userID, providerID)
			got[i], errsSeen[i] = tok.AccessToken, err
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errsSeen {
		require.NoError(t, err, "caller %d", i)
	}
	return got
}

func TestConcurrentRefreshOneProcess(t *testing.T) {
	eachDialect(t, expiring, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")
		old := link(t, s, user, p)
		expire(e, f)
		// A slow token endpoint keeps the refresh in flight while the
		// callers pile up.
		f.SetFault(mustPath(t, p.TokenURL), fakeprovider.Fault{Delay: 300 * time.Millisecond})

		got := concurrentTokens(t, []*Service{s}, 100, p.ID, e, user)
		require.Equal(t, 1, f.RefreshCount(), "exactly one refresh reached the provider")
		l, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
		require.NoError(t, err)
		require.NotEqual(t, old, l.AccessToken)
		for i, tok := range got {
			require.Equal(t, l.AccessToken, tok, "caller %d", i)
		}
		require.Equal(t, []string{l.AccessToken}, f.ValidTokens())
		require.Equal(t, []string{l.RefreshToken}, f.ValidRefreshTokens())
	})
}

func TestConcurrentRefreshAcrossProcesses(t *testing.T) {
	eachDialect(t, expiring, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		var services []*Service
		for i := range 4 {
			services = append(services, e.service(fmt.Sprintf("replica-%d", i), p))
		}
		ctx, user := bounded(t), e.user("alice")
		link(t, services[0], user, p)
		expire(e, f)
		f.SetFault(mustPath(t, p.TokenURL), fakeprovider.Fault{Delay: 300 * time.Millisecond})

		got := concurrentTokens(t, services, 100, p.ID, e, user)
		require.Equal(t, 1, f.RefreshCount(), "exactly one refresh across the replicas")
		l, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
		require.NoError(t, err)
		for i, tok := range got {
			require.Equal(t, l.AccessToken, tok, "caller %d", i)
		}
		require.Empty(t, l.FailureReason)
	})
}

func TestRefreshWaitsForLeaseHolder(t *testing.T) {
	e := newEnv(t)
	f := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, RefreshTokens: true, AccessTokenTTL: time.Hour, Logf: func(string, ...any) {}})
	p := gitlabProvider(f)
	s := e.service("a", p)
	ctx, user := bounded(t), e.user("alice")
	link(t, s, user, p)
	expire(e, f)

	// Another replica holds the lease (and then dies without refreshing).
	name := leaseName(user, p.ID)
	ok, err := e.st.AcquireLease(ctx, name, "other", e.clock.Now(), leaseTTL)
	require.NoError(t, err)
	require.True(t, ok)
	done := make(chan error, 1)
	go func() {
		_, err := s.Token(ctx, user, p.ID)
		done <- err
	}()
	// While the lease is held nobody refreshes.
	select {
	case err := <-done:
		t.Fatalf("Token returned while another replica held the lease: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	require.Zero(t, f.RefreshCount())
	require.NoError(t, e.st.ReleaseLease(ctx, name, "other"))
	require.NoError(t, <-done)
	require.Equal(t, 1, f.RefreshCount())
}

func TestRefreshPermanentFailure(t *testing.T) {
	eachDialect(t, expiring, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")
		link(t, s, user, p)
		expire(e, f)
		f.RevokeAll() // the refresh token is dead: bad_refresh_token (200) / invalid_grant (400)

		st, err := s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.False(t, st.Authenticated)
		require.Contains(t, st.ValidateError, "link your account again")
		require.Equal(t, 1, f.RefreshCount())
		l, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
		require.NoError(t, err)
		require.NotEmpty(t, l.FailureReason)
		require.Contains(t, l.FailureReason, map[fakeprovider.Dialect]string{
			fakeprovider.GitHub: "bad_refresh_token", fakeprovider.RFC: "invalid_grant",
		}[f.Options().Dialect])

		// The failure is remembered: no more refresh attempts.
		_, err = s.Token(ctx, user, p.ID)
		require.Equal(t, errs.KindUnauthorized, kindOf(t, err))
		require.Contains(t, asErr(t, err).Message, "Link your account again")
		s2 := e.service("b", p)
		_, links, err := s2.List(ctx, user)
		require.NoError(t, err)
		require.False(t, links[0].Authenticated)
		require.NotEmpty(t, links[0].ValidateError)
		creds, err := s2.GitCredentials(ctx, user, "https://"+mustHost(t, p.AuthURL)+"/o/r", false)
		require.NoError(t, err)
		require.Empty(t, creds.AccessToken)
		require.Equal(t, "https://gitauthd.test/external-auth/"+p.ID, creds.URL)
		require.Equal(t, 1, f.RefreshCount())

		// Linking again clears it.
		link(t, s, user, p)
		st, err = s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.True(t, st.Authenticated, st.ValidateError)
	})
}

func TestRefreshRejectedClient(t *testing.T) {
	eachDialect(t, expiring, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")
		link(t, s, user, p)
		expire(e, f)
		f.ResetCalls()
		f.SetFault(mustPath(t, p.TokenURL), fakeprovider.Fault{Status: 401, Body: `{"error":"invalid_client"}`})
		_, err := s.Token(ctx, user, p.ID)
		require.Equal(t, errs.KindUnauthorized, kindOf(t, err))
		require.Equal(t, 1, f.Calls(mustPath(t, p.TokenURL)), "a permanent failure is not retried")
		l, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
		require.NoError(t, err)
		require.Contains(t, l.FailureReason, "HTTP 401")
	})
}

func TestRefreshTransientFailure(t *testing.T) {
	eachDialect(t, expiring, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")
		link(t, s, user, p)
		expire(e, f)
		tokenPath := mustPath(t, p.TokenURL)
		for _, fault := range []fakeprovider.Fault{
			{Status: 503}, {Status: 500}, {Status: 429}, {CloseConnection: true}, {Garbage: true},
		} {
			f.ResetCalls()
			f.SetFault(tokenPath, fault)
			_, err := s.Token(ctx, user, p.ID)
			require.Equal(t, errs.KindUnavailable, kindOf(t, err), "%+v: %v", fault, err)
			require.Equal(t, refreshAttempts, f.Calls(tokenPath), "%+v: retried", fault)
			st, err := s.Get(ctx, user, p.ID)
			require.NoError(t, err)
			require.False(t, st.Authenticated)
			require.Contains(t, st.ValidateError, "try again later")
			l, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
			require.NoError(t, err)
			require.Empty(t, l.FailureReason, "%+v: a transient failure is not stored", fault)
		}

		// One blip, then success: the retry gets through.
		f.ResetCalls()
		f.SetFault(tokenPath, fakeprovider.Fault{Status: 502, Times: 1})
		tok, err := s.Token(ctx, user, p.ID)
		require.NoError(t, err)
		require.Equal(t, 2, f.Calls(tokenPath))
		require.Equal(t, 1, f.RefreshCount())
		info, ok := f.Token(tok.AccessToken)
		require.True(t, ok)
		require.True(t, info.Valid)
	})
}

func TestNoRefreshProvider(t *testing.T) {
	eachDialect(t, expiring, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		p.NoRefresh = true
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")
		link(t, s, user, p)
		l, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
		require.NoError(t, err)
		require.Empty(t, l.RefreshToken, "a refresh token that will never be used is not kept")

		st, err := s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.True(t, st.Authenticated)
		expire(e, f)
		st, err = s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.False(t, st.Authenticated)
		require.Contains(t, st.ValidateError, "expired")
		_, err = s.Token(ctx, user, p.ID)
		require.Equal(t, errs.KindUnauthorized, kindOf(t, err))
		require.Zero(t, f.RefreshCount())
	})
}

func TestClassifyRefreshErr(t *testing.T) {
	perm, reason := classifyRefreshErr(fmt.Errorf("dial tcp: connection refused"), "rt")
	require.False(t, perm)
	require.Equal(t, "the provider failed to connect", reason)
}
