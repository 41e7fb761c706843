package externalauth

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

func TestUnlinkRevokes(t *testing.T) {
	eachDialect(t, nil, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")

		_, err := s.Unlink(ctx, user, p.ID)
		require.Equal(t, errs.KindNotFound, kindOf(t, err))

		tok := link(t, s, user, p)
		rev, err := s.Unlink(ctx, user, p.ID)
		require.NoError(t, err)
		require.True(t, rev.Revoked, rev.Error)
		require.Empty(t, rev.Error)
		info, ok := f.Token(tok)
		require.True(t, ok)
		require.False(t, info.Valid, "the provider revoked the token")
		require.Equal(t, 1, f.Calls(mustPath(t, p.RevokeURL)))

		_, err = e.st.GetExternalAuthLink(ctx, user, p.ID)
		require.Error(t, err)
		_, err = s.Unlink(ctx, user, p.ID)
		require.Equal(t, errs.KindNotFound, kindOf(t, err))
		st, err := s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.False(t, st.Authenticated)
	})
}

func TestUnlinkRevocationFailures(t *testing.T) {
	eachDialect(t, nil, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		s.providerTimeout = 300 * time.Millisecond
		ctx, user := bounded(t), e.user("alice")
		revokePath := mustPath(t, p.RevokeURL)
		for _, c := range []struct {
			fault fakeprovider.Fault
			want  string
		}{
			{fakeprovider.Fault{Status: 500}, "HTTP 500"},
			{fakeprovider.Fault{Status: 422, Body: `{"error":"unsupported_token_type"}`}, "HTTP 422 (unsupported_token_type)"},
			{fakeprovider.Fault{CloseConnection: true}, "failed to connect"},
			{fakeprovider.Fault{Delay: 5 * time.Second}, "timed out"},
		} {
			tok := link(t, s, user, p)
			f.SetFault(revokePath, c.fault)
			rev, err := s.Unlink(ctx, user, p.ID)
			require.NoError(t, err, "the link is removed whatever the provider says")
			require.False(t, rev.Revoked)
			require.Contains(t, rev.Error, c.want)
			require.NotContains(t, rev.Error, tok)
			_, err = e.st.GetExternalAuthLink(ctx, user, p.ID)
			require.Error(t, err)
			f.ClearFaults()
		}

		// A provider that cannot revoke.
		noRevoke := *p
		noRevoke.RevokeURL, noRevoke.RevokeStyle = "", RevokeNone
		s2 := e.service("b", &noRevoke)
		link(t, s2, user, &noRevoke)
		rev, err := s2.Unlink(ctx, user, p.ID)
		require.NoError(t, err)
		require.Equal(t, Revocation{}, rev)

		noSecrets(t, e.logs.String(), append(f.IssuedTokens(), p.ClientSecret)...)
	})
}

func TestTokenAndList(t *testing.T) {
	e := newEnv(t)
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, Logf: func(string, ...any) {}})
	gl := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, RefreshTokens: true, AccessTokenTTL: 2 * time.Hour, Logf: func(string, ...any) {}})
	pgh, pgl := githubProvider(gh), gitlabProvider(gl)
	s := e.service("a", pgh, pgl)
	ctx, user := bounded(t), e.user("alice")

	_, err := s.Token(ctx, user, "github")
	require.Equal(t, errs.KindNotFound, kindOf(t, err))
	require.Contains(t, asErr(t, err).Detail, "https://gitauthd.test/external-auth/github")

	ps, links, err := s.List(ctx, user)
	require.NoError(t, err)
	require.Len(t, ps, 2)
	require.NotNil(t, links)
	require.Empty(t, links)

	ghTok := link(t, s, user, pgh)
	glTok := link(t, s, user, pgl)
	tok, err := s.Token(ctx, user, "github")
	require.NoError(t, err)
	require.Equal(t, ghTok, tok.AccessToken)
	require.True(t, tok.Expiry.IsZero(), "GitHub OAuth-app tokens never expire")
	require.Nil(t, tok.Extra)
	tok, err = s.Token(ctx, user, "gitlab")
	require.NoError(t, err)
	require.Equal(t, glTok, tok.AccessToken)
	require.False(t, tok.Expiry.IsZero())
	require.Contains(t, tok.Extra, "created_at")
	require.Equal(t, "read_repository write_repository", tok.Extra["scope"])

	ps, links, err = s.List(ctx, user)
	require.NoError(t, err)
	require.Equal(t, "github", ps[0].ID)
	require.Equal(t, "gitlab", ps[1].ID)
	require.Len(t, links, 2)
	byID := map[string]LinkInfo{links[0].ProviderID: links[0], links[1].ProviderID: links[1]}
	require.True(t, byID["github"].Authenticated)
	require.False(t, byID["github"].HasRefreshToken)
	require.True(t, byID["github"].Expires.IsZero())
	require.True(t, byID["gitlab"].Authenticated)
	require.True(t, byID["gitlab"].HasRefreshToken)
	require.False(t, byID["gitlab"].Expires.IsZero())
	require.False(t, byID["gitlab"].CreatedAt.IsZero())

	// A link to a provider no longer configured is left out.
	s2 := e.service("b", pgl)
	ps, links, err = s2.List(ctx, user)
	require.NoError(t, err)
	require.Len(t, ps, 1)
	require.Len(t, links, 1)
	require.Equal(t, "gitlab", links[0].ProviderID)
}

func TestGitCredentials(t *testing.T) {
	e := newEnv(t)
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, Logf: func(string, ...any) {}})
	gl := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, Logf: func(string, ...any) {}})
	bb := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, Logf: func(string, ...any) {}})
	pgh, pgl := githubProvider(gh), gitlabProvider(gl)
	pgh.Regex = regexp.MustCompile(`^https://github\.test/`)
	pgl.Regex = regexp.MustCompile(`^https://gitlab\.test/`)
	pbb := gitlabProvider(bb)
	pbb.ID, pbb.Type, pbb.DisplayName = "bitbucket", TypeBitbucketCloud, "Bitbucket"
	pbb.ValidateURL = bb.ValidateURL()
	pbb.Regex = regexp.MustCompile(`^https://bitbucket\.test/`)
	noRegex := githubProvider(gh)
	noRegex.ID, noRegex.Regex = "noregex", nil
	s := e.service("a", noRegex, pgh, pgl, pbb)
	ctx, user := bounded(t), e.user("alice")

	_, err := s.GitCredentials(ctx, user, "https://elsewhere.test/o/r.git", false)
	require.Equal(t, errs.KindNotFound, kindOf(t, err))
	require.Contains(t, err.Error(), "no external auth provider matches")
	_, err = s.GitCredentials(ctx, user, "https://someone:hunter2@elsewhere.test/o/r.git?token=abc", false)
	require.Equal(t, errs.KindNotFound, kindOf(t, err))
	require.NotContains(t, err.Error(), "hunter2")
	require.NotContains(t, err.Error(), "abc")

	for _, p := range []*Provider{pgh, pgl, pbb} {
		creds, err := s.GitCredentials(ctx, user, "https://"+p.ID+".test/o/r.git", false)
		require.NoError(t, err)
		require.Equal(t, GitCredentials{URL: "https://gitauthd.test/external-auth/" + p.ID, Type: p.Type}, creds)
	}

	want := map[string]func(tok string) (string, string){
		"github":    func(tok string) (string, string) { return tok, "" },
		"gitlab":    func(tok string) (string, string) { return "oauth2", tok },
		"bitbucket": func(tok string) (string, string) { return "x-token-auth", tok },
	}
	for _, p := range []*Provider{pgh, pgl, pbb} {
		tok := link(t, s, user, p)
		creds, err := s.GitCredentials(ctx, user, "https://"+p.ID+".test/o/r.git", false)
		require.NoError(t, err)
		require.Equal(t, tok, creds.AccessToken)
		require.Equal(t, p.Type, creds.Type)
		require.Empty(t, creds.URL)
		u, pw := want[p.ID](tok)
		require.Equal(t, u, creds.Username, p.ID)
		require.Equal(t, pw, creds.Password, p.ID)
	}
	creds, err := s.GitCredentials(ctx, user, "https://gitlab.test/o/r.git", false)
	require.NoError(t, err)
	require.Contains(t, creds.TokenExtra, "scope")

	// A token the provider rejects is not handed out.
	gh.RevokeAll()
	s2 := e.service("b", pgh)
	creds, err = s2.GitCredentials(ctx, user, "https://github.test/o/r.git", false)
	require.NoError(t, err)
	require.Equal(t, GitCredentials{URL: "https://gitauthd.test/external-auth/github", Type: pgh.Type}, creds)
}

func TestGitCredentialsListen(t *testing.T) {
	eachDialect(t, nil, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")
		repo := "https://" + mustHost(t, p.AuthURL) + "/o/r.git"

		// Nothing comes: the wait ends with the context, answering where
		// to link.
		short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		creds, err := s.GitCredentials(short, user, repo, true)
		cancel()
		require.NoError(t, err)
		require.Equal(t, "https://gitauthd.test/external-auth/"+p.ID, creds.URL)
		require.Empty(t, creds.AccessToken)

		// The person links while the helper waits.
		type result struct {
			creds GitCredentials
			err   error
		}
		done := make(chan result, 1)
		go func() {
			c, err := s.GitCredentials(ctx, user, repo, true)
			done <- result{c, err}
		}()
		// Another process makes the link.
		other := e.service("b", p)
		tok := link(t, other, user, p)
		r := <-done
		require.NoError(t, r.err)
		require.Equal(t, tok, r.creds.AccessToken)
		require.Empty(t, r.creds.URL)
	})
}
