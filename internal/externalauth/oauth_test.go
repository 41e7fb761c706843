package externalauth

import (
	"context"
	"crypto/sha256"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

func TestProvidersAndLookup(t *testing.T) {
	e := newEnv(t)
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, Logf: func(string, ...any) {}})
	gl := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, Logf: func(string, ...any) {}})
	pg, pl := gitlabProvider(gl), githubProvider(gh)
	s := e.service("a", pg, pl)
	ps := s.Providers()
	require.Equal(t, []string{"gitlab", "github"}, []string{ps[0].ID, ps[1].ID})
	ps[0] = nil // a copy
	require.Equal(t, "gitlab", s.Providers()[0].ID)

	p, err := s.Provider(context.Background(), "github")
	require.NoError(t, err)
	require.Same(t, pl, p)
	_, err = s.Provider(context.Background(), "nope")
	require.Equal(t, errs.KindNotFound, kindOf(t, err))
	require.Contains(t, asErr(t, err).Detail, `"nope"`)

	// Every operation on an unknown provider is a 404.
	ctx, user := bounded(t), e.user("alice")
	_, err = s.Get(ctx, user, "nope")
	require.Equal(t, errs.KindNotFound, kindOf(t, err))
	_, err = s.Unlink(ctx, user, "nope")
	require.Equal(t, errs.KindNotFound, kindOf(t, err))
	_, err = s.StartDevice(ctx, "nope")
	require.Equal(t, errs.KindNotFound, kindOf(t, err))
	require.Equal(t, errs.KindNotFound, kindOf(t, s.ExchangeDevice(ctx, user, "nope", "x")))
	_, _, err = s.AuthCodeURL(ctx, user, "nope", "")
	require.Equal(t, errs.KindNotFound, kindOf(t, err))
	_, err = s.Callback(ctx, user, "nope", "c", "s", "s")
	require.Equal(t, errs.KindNotFound, kindOf(t, err))
	_, err = s.Token(ctx, user, "nope")
	require.Equal(t, errs.KindNotFound, kindOf(t, err))
}

func TestBrowserFlow(t *testing.T) {
	eachDialect(t, nil, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")

		st, err := s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.False(t, st.Authenticated)
		require.NotNil(t, st.Installations)
		require.Empty(t, st.Installations)
		require.False(t, st.AppInstallable, "no link: nothing could be listed")

		authURL, state, err := s.AuthCodeURL(ctx, user, p.ID, "/workspaces/w1?tab=git")
		require.NoError(t, err)
		require.Len(t, state, 43) // 32 bytes, base64url without padding
		u, err := url.Parse(authURL)
		require.NoError(t, err)
		q := u.Query()
		require.Equal(t, state, q.Get("state"))
		require.Equal(t, p.ClientID, q.Get("client_id"))
		require.Equal(t, p.RedirectURL, q.Get("redirect_uri"))
		if p.PKCE {
			require.Equal(t, "S256", q.Get("code_challenge_method"))
			require.NotEmpty(t, q.Get("code_challenge"))
		} else {
			require.Empty(t, q.Get("code_challenge"))
		}

		// Only the state's hash is stored; the PKCE verifier is encrypted.
		sum := sha256.Sum256([]byte(state))
		raw, err := e.inner.ConsumeOAuthState(ctx, sum[:], e.clock.Now())
		require.NoError(t, err)
		require.Equal(t, user, raw.UserID)
		require.Equal(t, "external-auth", raw.Purpose)
		require.Equal(t, "/workspaces/w1?tab=git", raw.RedirectTo)
		if p.PKCE {
			require.NotEmpty(t, raw.PKCEVerifierKeyID)
		}
		require.NoError(t, e.inner.InsertOAuthState(ctx, raw)) // put it back

		cb := authorize(t, authURL)
		redirect, err := s.Callback(ctx, user, p.ID, cb.Get("code"), cb.Get("state"), state)
		require.NoError(t, err)
		require.Equal(t, "/workspaces/w1?tab=git", redirect)

		st, err = s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.True(t, st.Authenticated, st.ValidateError)
		require.Empty(t, st.ValidateError)
		require.NotNil(t, st.User)
		require.Equal(t, "octocat", st.User.Login)
		require.Equal(t, "The Octocat", st.User.Name)
		require.NotEmpty(t, st.User.AvatarURL)
		require.True(t, strings.HasSuffix(st.User.ProfileURL, "/octocat"), st.User.ProfileURL)

		// The tokens are encrypted at rest.
		rawLink, err := e.inner.GetExternalAuthLink(ctx, user, p.ID)
		require.NoError(t, err)
		for _, tok := range f.IssuedTokens() {
			require.NotContains(t, rawLink.AccessToken+rawLink.RefreshToken, tok)
		}

		// Default redirect.
		link(t, s, user, p)
		authURL, state, err = s.AuthCodeURL(ctx, user, p.ID, "")
		require.NoError(t, err)
		cb = authorize(t, authURL)
		redirect, err = s.Callback(ctx, user, p.ID, cb.Get("code"), state, state)
		require.NoError(t, err)
		require.Equal(t, "/external-auth/"+p.ID+"?redirected=true", redirect)

		noSecrets(t, e.logs.String(), append(f.IssuedTokens(), state, cb.Get("code"), p.ClientSecret)...)
	})
}

func TestInstallations(t *testing.T) {
	e := newEnv(t)
	f := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, Logf: func(string, ...any) {}})
	f.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat"})
	f.AddUser(fakeprovider.User{Login: "acme", Name: "Acme Inc"})
	f.SetInstallations("octocat",
		fakeprovider.Installation{ID: 42, AccountLogin: "acme", HTMLURL: "https://github.example/organizations/acme/settings/installations/42"},
		fakeprovider.Installation{ID: 43, AccountLogin: "octocat"})
	p := githubProvider(f)
	s := e.service("a", p)
	ctx, user := bounded(t), e.user("alice")
	link(t, s, user, p)

	st, err := s.Get(ctx, user, p.ID)
	require.NoError(t, err)
	require.True(t, st.AppInstallable)
	require.Equal(t, p.AppInstallURL, st.AppInstallURL)
	require.Len(t, st.Installations, 2)
	require.Equal(t, int64(42), st.Installations[0].ID)
	require.Equal(t, "https://github.example/organizations/acme/settings/installations/42", st.Installations[0].ConfigureURL)
	require.Equal(t, "acme", st.Installations[0].Account.Login)
	require.Equal(t, "Acme Inc", st.Installations[0].Account.Name)
	require.NotEmpty(t, st.Installations[0].Account.ProfileURL)

	// A failing installations URL leaves the list empty; the link is fine.
	s2 := e.service("b", p)
	f.SetFault("/user/installations", fakeprovider.Fault{Status: 500})
	st, err = s2.Get(ctx, user, p.ID)
	require.NoError(t, err)
	require.True(t, st.Authenticated)
	require.NotNil(t, st.Installations)
	require.Empty(t, st.Installations)
	f.SetFault("/user/installations", fakeprovider.Fault{Garbage: true})
	s3 := e.service("c", p)
	st, err = s3.Get(ctx, user, p.ID)
	require.NoError(t, err)
	require.True(t, st.Authenticated)
	require.Empty(t, st.Installations)
}

func TestCallbackStateRules(t *testing.T) {
	eachDialect(t, nil, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, alice, bob := bounded(t), e.user("alice"), e.user("bob")

		t.Run("replayed state", func(t *testing.T) {
			authURL, state, err := s.AuthCodeURL(ctx, alice, p.ID, "")
			require.NoError(t, err)
			cb := authorize(t, authURL)
			_, err = s.Callback(ctx, alice, p.ID, cb.Get("code"), state, state)
			require.NoError(t, err)
			_, err = s.Callback(ctx, alice, p.ID, cb.Get("code"), state, state)
			require.Equal(t, errs.KindInvalid, kindOf(t, err))
			require.Equal(t, "state", asErr(t, err).Fields[0].Field)
		})

		t.Run("foreign state is refused and burnt", func(t *testing.T) {
			require.NoError(t, e.st.DeleteExternalAuthLink(ctx, alice, p.ID))
			authURL, state, err := s.AuthCodeURL(ctx, alice, p.ID, "")
			require.NoError(t, err)
			cb := authorize(t, authURL)
			// Bob got hold of Alice's state and code (and set the cookie).
			_, err = s.Callback(ctx, bob, p.ID, cb.Get("code"), state, state)
			require.Equal(t, errs.KindInvalid, kindOf(t, err))
			require.Contains(t, asErr(t, err).Detail, "not issued to you")
			// Nothing was stored for either of them...
			_, err = e.st.GetExternalAuthLink(ctx, bob, p.ID)
			require.Error(t, err)
			_, err = e.st.GetExternalAuthLink(ctx, alice, p.ID)
			require.Error(t, err)
			// ...and the state is spent: Alice cannot use it either.
			_, err = s.Callback(ctx, alice, p.ID, cb.Get("code"), state, state)
			require.Equal(t, errs.KindInvalid, kindOf(t, err))
		})

		t.Run("state for another provider", func(t *testing.T) {
			other := *p
			other.ID = "other"
			s2 := e.service("b", p, &other)
			authURL, state, err := s2.AuthCodeURL(ctx, alice, "other", "")
			require.NoError(t, err)
			cb := authorize(t, authURL)
			_, err = s2.Callback(ctx, alice, p.ID, cb.Get("code"), state, state)
			require.Equal(t, errs.KindInvalid, kindOf(t, err))
		})

		t.Run("cookie mismatch", func(t *testing.T) {
			authURL, state, err := s.AuthCodeURL(ctx, alice, p.ID, "")
			require.NoError(t, err)
			cb := authorize(t, authURL)
			for _, cookie := range []string{"", state + "x", strings.ToUpper(state), "other"} {
				_, err = s.Callback(ctx, alice, p.ID, cb.Get("code"), state, cookie)
				require.Equal(t, errs.KindInvalid, kindOf(t, err))
				require.Equal(t, "state", asErr(t, err).Fields[0].Field)
			}
			_, err = s.Callback(ctx, alice, p.ID, cb.Get("code"), "", "")
			require.Equal(t, errs.KindInvalid, kindOf(t, err))
			_, err = s.Callback(ctx, alice, p.ID, "", state, state)
			require.Equal(t, errs.KindInvalid, kindOf(t, err))
			require.Equal(t, "code", asErr(t, err).Fields[0].Field)
			// A mismatch does not spend the state: the real flow still works.
			_, err = s.Callback(ctx, alice, p.ID, cb.Get("code"), state, state)
			require.NoError(t, err)
		})

		t.Run("unknown and expired state", func(t *testing.T) {
			_, err := s.Callback(ctx, alice, p.ID, "code", "made-up", "made-up")
			require.Equal(t, errs.KindInvalid, kindOf(t, err))
			authURL, state, err := s.AuthCodeURL(ctx, alice, p.ID, "")
			require.NoError(t, err)
			cb := authorize(t, authURL)
			e.clock.Advance(11 * time.Minute)
			_, err = s.Callback(ctx, alice, p.ID, cb.Get("code"), state, state)
			require.Equal(t, errs.KindInvalid, kindOf(t, err))
		})
	})
}

func TestCallbackFailedExchangeStoresNothing(t *testing.T) {
	eachDialect(t, nil, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		s.providerTimeout = 200 * time.Millisecond
		ctx, user := bounded(t), e.user("alice")
		tokenPath := mustPath(t, p.TokenURL)
		validatePath := mustPath(t, p.ValidateURL)

		try := func() error {
			authURL, state, err := s.AuthCodeURL(ctx, user, p.ID, "")
			require.NoError(t, err)
			cb := authorize(t, authURL)
			_, err = s.Callback(ctx, user, p.ID, cb.Get("code"), state, state)
			return err
		}
		assertNoLink := func() {
			links, err := e.st.ListExternalAuthLinks(ctx, user)
			require.NoError(t, err)
			require.Empty(t, links)
		}

		// A code the provider does not know.
		authURL, state, err := s.AuthCodeURL(ctx, user, p.ID, "")
		require.NoError(t, err)
		cb := authorize(t, authURL)
		_, err = s.Callback(ctx, user, p.ID, cb.Get("code")+"0", state, state)
		require.Equal(t, errs.KindInvalid, kindOf(t, err))
		require.NotContains(t, err.Error(), cb.Get("code"))
		assertNoLink()

		// The token endpoint is down, slow, or talks nonsense.
		for _, fault := range []fakeprovider.Fault{
			{Status: 500}, {CloseConnection: true}, {Garbage: true}, {Delay: 5 * time.Second},
		} {
			f.SetFault(tokenPath, fault)
			err := try()
			require.Equal(t, errs.KindUnavailable, kindOf(t, err), "%+v: %v", fault, err)
			assertNoLink()
		}
		f.ClearFaults()

		// The token does not validate.
		f.SetFault(validatePath, fakeprovider.Fault{Status: 401})
		require.Equal(t, errs.KindInvalid, kindOf(t, try()))
		assertNoLink()
		f.SetFault(validatePath, fakeprovider.Fault{Status: 502})
		require.Equal(t, errs.KindUnavailable, kindOf(t, try()))
		assertNoLink()
		f.ClearFaults()

		require.NoError(t, try())
	})
}

func TestProviderErrorOnCallback(t *testing.T) {
	eachDialect(t, nil, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")
		f.DenyNext()
		authURL, _, err := s.AuthCodeURL(ctx, user, p.ID, "")
		require.NoError(t, err)
		q := authorize(t, authURL)
		require.Empty(t, q.Get("code"))
		err = s.ProviderError(p.ID, q.Get("error"), q.Get("error_description"))
		require.Equal(t, errs.KindInvalid, kindOf(t, err))
		e2 := asErr(t, err)
		require.True(t, strings.HasPrefix(e2.Detail, "access_denied"), e2.Detail)
		require.Contains(t, e2.Message, displayName(p))

		err = s.ProviderError(p.ID, "", "\x00weird\ndescription")
		require.Equal(t, errs.KindInvalid, kindOf(t, err))
		require.Equal(t, "unknown_error: weirddescription", asErr(t, err).Detail)
	})
}

func TestRedirectRules(t *testing.T) {
	e := newEnv(t)
	f := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, Logf: func(string, ...any) {}})
	p := githubProvider(f)
	s := e.service("a", p)
	ctx, user := bounded(t), e.user("alice")
	for _, ok := range []string{"", "/", "/workspaces", "/a/b?c=d&e=%2F%2Fx#frag", "/external-auth/github?redirected=true"} {
		_, _, err := s.AuthCodeURL(ctx, user, p.ID, ok)
		require.NoError(t, err, "%q", ok)
	}
	for _, bad := range []string{
		"https://evil.example/", "http://evil.example", "//evil.example", "//evil.example/path",
		"/\\evil.example", "\\\\evil.example", "/\\/evil.example", "\\/evil.example", "/a\\b",
		"javascript:alert(1)", "evil.example", "workspaces", " /x", "/\t/evil.example",
		"/\n/evil.example", "/\r\n/x", "///evil.example", "data:text/html,x", "/" + strings.Repeat("a", 3000),
	} {
		_, _, err := s.AuthCodeURL(ctx, user, p.ID, bad)
		require.Equal(t, errs.KindInvalid, kindOf(t, err), "%q", bad)
		require.Equal(t, "redirect", asErr(t, err).Fields[0].Field, "%q", bad)
	}
	// A state the store somehow holds with a bad redirect is never followed.
	require.Error(t, checkRedirect("//x"))
}

func mustPath(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u.Path
}
