package externalauth

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

func TestValidationIsCached(t *testing.T) {
	eachDialect(t, nil, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		ctx, user := bounded(t), e.user("alice")
		validatePath := mustPath(t, p.ValidateURL)
		link(t, s, user, p) // validates the token once, before storing it
		_, err := s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.Equal(t, 1, f.Calls(validatePath), "the link's own validation is reused")

		// Another replica (a fresh cache) asks once for many reads.
		s = e.service("b", p)
		f.ResetCalls()
		for range 5 {
			st, err := s.Get(ctx, user, p.ID)
			require.NoError(t, err)
			require.True(t, st.Authenticated)
			require.Equal(t, "octocat", st.User.Login)
		}
		_, links, err := s.List(ctx, user)
		require.NoError(t, err)
		require.True(t, links[0].Authenticated)
		_, err = s.Token(ctx, user, p.ID)
		require.NoError(t, err)
		creds, err := s.GitCredentials(ctx, user, "https://"+mustHost(t, p.AuthURL)+"/org/repo.git", false)
		require.NoError(t, err)
		require.NotEmpty(t, creds.AccessToken)
		require.Equal(t, 1, f.Calls(validatePath), "one validation for many reads")

		// After the TTL it asks again.
		e.clock.Advance(61 * time.Second)
		_, err = s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.Equal(t, 2, f.Calls(validatePath))

		// Unlinking and linking again forgets it.
		_, err = s.Unlink(ctx, user, p.ID)
		require.NoError(t, err)
		st, err := s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.False(t, st.Authenticated)
		require.Equal(t, 2, f.Calls(validatePath))
		link(t, s, user, p) // validates the new token once
		st, err = s.Get(ctx, user, p.ID)
		require.NoError(t, err)
		require.True(t, st.Authenticated)
		require.Equal(t, 3, f.Calls(validatePath))
	})
}

func TestValidationOutcomes(t *testing.T) {
	eachDialect(t, nil, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		ctx, user := bounded(t), e.user("alice")
		link(t, e.service("linker", p), user, p)
		validatePath := mustPath(t, p.ValidateURL)

		cases := []struct {
			name          string
			fault         fakeprovider.Fault
			authenticated bool
			errContains   string
		}{
			{"401", fakeprovider.Fault{Status: 401}, false, "HTTP 401"},
			{"403 rate limited", fakeprovider.Fault{RateLimited: true}, true, "rate-limited"},
			{"429", fakeprovider.Fault{Status: 429}, true, "rate-limited"},
			{"plain 403", fakeprovider.Fault{Status: 403}, false, "HTTP 403"},
			{"500", fakeprovider.Fault{Status: 500}, false, "HTTP 500"},
			{"502", fakeprovider.Fault{Status: 502}, false, "HTTP 502"},
			{"garbage", fakeprovider.Fault{Garbage: true}, false, "unreadable"},
			{"down", fakeprovider.Fault{CloseConnection: true}, false, "validating the token"},
			{"slow", fakeprovider.Fault{Delay: 10 * time.Second}, false, "timed out"},
			{"revoked for real", fakeprovider.Fault{Times: -1}, false, "HTTP 401"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f.ClearFaults()
				if c.fault.Times == -1 {
					f.RevokeAll()
				} else {
					f.SetFault(validatePath, c.fault)
				}
				s := e.service("a", p)
				s.providerTimeout = 300 * time.Millisecond
				st, err := s.Get(ctx, user, p.ID)
				require.NoError(t, err, "a provider problem is never an error")
				require.Equal(t, c.authenticated, st.Authenticated)
				require.Contains(t, st.ValidateError, c.errContains)
				_, links, err := s.List(ctx, user)
				require.NoError(t, err)
				require.Len(t, links, 1)
				require.Equal(t, c.authenticated, links[0].Authenticated)
				require.Contains(t, links[0].ValidateError, c.errContains)
			})
		}
	})
}

func TestProviderDownEverywhere(t *testing.T) {
	eachDialect(t, func(o *fakeprovider.Options) { o.RefreshTokens = true; o.AccessTokenTTL = time.Hour },
		func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
			e := newEnv(t)
			ctx, user := bounded(t), e.user("alice")
			link(t, e.service("linker", p), user, p)
			e.clock.Advance(2 * time.Hour) // needs a refresh, which cannot happen
			for _, fault := range []fakeprovider.Fault{{CloseConnection: true}, {Delay: 10 * time.Second}, {Garbage: true}, {Status: 503}} {
				f.SetFault("*", fault)
				s := e.service("a", p)
				s.providerTimeout = 200 * time.Millisecond
				st, err := s.Get(ctx, user, p.ID)
				require.NoError(t, err)
				require.False(t, st.Authenticated)
				require.Contains(t, st.ValidateError, "try again later")
				_, err = s.Token(ctx, user, p.ID)
				require.Error(t, err)
				l, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
				require.NoError(t, err)
				require.Empty(t, l.FailureReason, "a transient failure is not stored")
			}
		})
}

func TestParseUser(t *testing.T) {
	for body, want := range map[string]*ProviderUser{
		`{"login":"a","name":"A","avatar_url":"av","html_url":"h"}`:                    {Login: "a", Name: "A", AvatarURL: "av", ProfileURL: "h"},
		`{"username":"b","name":"B","avatar_url":"av","web_url":"w"}`:                  {Login: "b", Name: "B", AvatarURL: "av", ProfileURL: "w"},
		`{"sub":"1","preferred_username":"c","name":"C","picture":"p","profile":"pr"}`: {Login: "c", Name: "C", AvatarURL: "p", ProfileURL: "pr"},
		`{"sub":"42"}`: {Login: "42"},
		`{"username":"d","display_name":"D","links":{"avatar":{"href":"a"},"html":{"href":"h"}}}`: {Login: "d", Name: "D", AvatarURL: "a", ProfileURL: "h"},
		`{}`: nil,
		``:   nil,
	} {
		got, ok := parseUser([]byte(body))
		require.True(t, ok, body)
		require.Equal(t, want, got, body)
	}
	for _, bad := range []string{"<html>", "[1]", "null", `"x"`} {
		_, ok := parseUser([]byte(bad))
		require.False(t, ok, bad)
	}
}

func TestRateLimitHeaders(t *testing.T) {
	require.True(t, rateLimited(http.Header{"X-Ratelimit-Remaining": {"0"}}))
	require.True(t, rateLimited(http.Header{"Ratelimit-Remaining": {"0"}}))
	require.True(t, rateLimited(http.Header{"Retry-After": {"30"}}))
	require.False(t, rateLimited(http.Header{"X-Ratelimit-Remaining": {"10"}}))
	require.False(t, rateLimited(http.Header{}))
}
