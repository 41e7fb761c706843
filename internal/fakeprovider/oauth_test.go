package fakeprovider_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

func TestAuthorizationCodePKCE(t *testing.T) {
	t.Parallel()
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: d, RequirePKCE: true})
			alice := p.AddUser(fakeprovider.User{Login: "alice", Name: "Alice Liddell"})
			cfg := config(p)

			// PKCE is required.
			q := authorize(t, cfg, "s0")
			assert.Equal(t, "invalid_request", q.Get("error"))
			assert.Equal(t, "s0", q.Get("state"))
			assert.Empty(t, q.Get("code"))

			v := oauth2.GenerateVerifier()
			q = authorize(t, cfg, "s1", oauth2.S256ChallengeOption(v))
			assert.Equal(t, "s1", q.Get("state"))
			code := q.Get("code")
			require.NotEmpty(t, code)

			// A wrong verifier fails and does not use the code up.
			_, err := cfg.Exchange(ctx(t), code, oauth2.VerifierOption(oauth2.GenerateVerifier()))
			re := retrieveError(t, err)
			if d == fakeprovider.GitHub {
				assert.Equal(t, "bad_verification_code", re.ErrorCode)
				assert.Equal(t, http.StatusOK, re.Response.StatusCode)
			} else {
				assert.Equal(t, "invalid_grant", re.ErrorCode)
				assert.Equal(t, http.StatusBadRequest, re.Response.StatusCode)
			}

			tok, err := cfg.Exchange(ctx(t), code, oauth2.VerifierOption(v))
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(tok.AccessToken, p.AccessTokenPrefix()), tok.AccessToken)
			assert.Empty(t, tok.RefreshToken)
			assert.True(t, tok.Expiry.IsZero(), "AccessTokenTTL 0: never expires")
			if d == fakeprovider.GitHub {
				assert.Equal(t, fakeprovider.GitHubAccessTokenPrefix, p.AccessTokenPrefix())
				assert.Equal(t, "bearer", tok.TokenType)
				assert.Equal(t, "repo,read:user", tok.Extra("scope"))
			} else {
				assert.Equal(t, "Bearer", tok.TokenType)
				assert.Equal(t, "repo read:user", tok.Extra("scope"))
			}

			// Codes are single-use.
			_, err = cfg.Exchange(ctx(t), code, oauth2.VerifierOption(v))
			retrieveError(t, err)

			info, ok := p.Token(tok.AccessToken)
			require.True(t, ok)
			assert.Equal(t, "alice", info.Login)
			assert.True(t, info.Valid)
			assert.Equal(t, []string{tok.AccessToken}, p.ValidTokens())
			assert.Equal(t, []string{tok.AccessToken}, p.IssuedTokens())

			a := get(t, p.ValidateURL(), tok.AccessToken)
			require.Equal(t, http.StatusOK, a.status, "%s", a.body)
			m := a.json(t)
			if d == fakeprovider.GitHub {
				assert.Equal(t, "alice", m["login"])
				assert.EqualValues(t, alice.ID, m["id"])
				assert.Equal(t, "Alice Liddell", m["name"])
				assert.Equal(t, p.URL+"/alice", m["html_url"])
				assert.NotEmpty(t, m["avatar_url"])
				assert.Equal(t, "repo, read:user", a.header.Get("X-OAuth-Scopes"))
			} else {
				assert.Equal(t, "alice", m["preferred_username"])
				assert.Equal(t, "1", m["sub"])
				assert.Equal(t, p.URL+"/alice", m["profile"])
				assert.NotEmpty(t, m["picture"])
			}
		})
	}
}

func TestGitHubAnswersJSONOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, AccessTokenTTL: 8 * time.Hour, RefreshTokens: true})
	cfg := config(p)
	exchange := func(code string, accept ...string) answer {
		return post(t, p.TokenURL(), url.Values{
			"client_id": {p.ClientID()}, "client_secret": {p.ClientSecret()}, "code": {code}, "redirect_uri": {callback},
		}, accept...)
	}

	code := authorize(t, cfg, "s").Get("code")
	a := exchange(code, "Accept", "application/json")
	require.Equal(t, http.StatusOK, a.status)
	m := a.json(t)
	assert.True(t, strings.HasPrefix(m["access_token"].(string), "ghu_"), "expiring GitHub tokens are ghu_")
	assert.True(t, strings.HasPrefix(m["refresh_token"].(string), "ghr_"))
	assert.EqualValues(t, 28800, m["expires_in"])
	assert.EqualValues(t, 15897600, m["refresh_token_expires_in"])
	assert.Equal(t, "bearer", m["token_type"])
	assert.Equal(t, "repo,read:user", m["scope"])

	// Used code, JSON error, still HTTP 200.
	a = exchange(code, "Accept", "application/json")
	require.Equal(t, http.StatusOK, a.status)
	assert.Equal(t, "bad_verification_code", a.json(t)["error"])

	code = authorize(t, cfg, "s").Get("code")
	a = exchange(code)
	v := a.form(t)
	assert.Equal(t, "bearer", v.Get("token_type"))
	assert.Equal(t, "28800", v.Get("expires_in"))
	assert.True(t, strings.HasPrefix(v.Get("refresh_token"), "ghr_"))

	assert.Equal(t, "bad_verification_code", exchange(code).oauthError(t, fakeprovider.GitHub))
}

func TestAuthorizeRejects(t *testing.T) {
	t.Parallel()
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: d, RedirectURIs: []string{callback}})
			cfg := config(p)

			// Unknown client and unregistered redirect URIs get an error page, no redirect.
			bad := *cfg
			bad.ClientID = "nope"
			a := get(t, bad.AuthCodeURL("s"), "")
			assert.Contains(t, []int{http.StatusNotFound, http.StatusBadRequest}, a.status)
			assert.Empty(t, a.header.Get("Location"))
			bad = *cfg
			bad.RedirectURL = "http://127.0.0.1:1/elsewhere"
			a = get(t, bad.AuthCodeURL("s"), "")
			assert.Equal(t, http.StatusBadRequest, a.status)
			assert.Empty(t, a.header.Get("Location"))

			// No state: redirected back with an error.
			q := authorize(t, cfg, "")
			assert.Equal(t, "invalid_request", q.Get("error"))

			// Plain PKCE is refused.
			q = authorize(t, cfg, "s", oauth2.SetAuthURLParam("code_challenge", "abc"), oauth2.SetAuthURLParam("code_challenge_method", "plain"))
			assert.Equal(t, "invalid_request", q.Get("error"))

			// The user says no.
			p.DenyNext()
			q = authorize(t, cfg, "s2")
			assert.Equal(t, "access_denied", q.Get("error"))
			assert.Equal(t, "s2", q.Get("state"))
			assert.NotEmpty(t, q.Get("error_description"))
			q = authorize(t, cfg, "s3")
			assert.NotEmpty(t, q.Get("code"), "DenyNext is one-shot")

			// The code is bound to its redirect_uri.
			other := *cfg
			other.RedirectURL = callback + "x"
			_, err := other.Exchange(ctx(t), q.Get("code"))
			re := retrieveError(t, err)
			if d == fakeprovider.GitHub {
				assert.Equal(t, "redirect_uri_mismatch", re.ErrorCode)
			} else {
				assert.Equal(t, "invalid_grant", re.ErrorCode)
			}
		})
	}
}

func TestClientAuthentication(t *testing.T) {
	t.Parallel()
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			// A secret with characters that need escaping in HTTP Basic.
			p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: d, ClientSecret: "s3:cr/et+=%"})
			for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInHeader, oauth2.AuthStyleInParams} {
				cfg := config(p)
				cfg.Endpoint.AuthStyle = style
				_, err := cfg.Exchange(ctx(t), authorize(t, cfg, "s").Get("code"))
				require.NoError(t, err, "auth style %v", style)

				cfg.ClientSecret = "wrong"
				_, err = cfg.Exchange(ctx(t), authorize(t, cfg, "s").Get("code"))
				re := retrieveError(t, err)
				if d == fakeprovider.GitHub {
					assert.Equal(t, "incorrect_client_credentials", re.ErrorCode)
					assert.Equal(t, http.StatusOK, re.Response.StatusCode)
				} else {
					assert.Equal(t, "invalid_client", re.ErrorCode)
					assert.Equal(t, http.StatusUnauthorized, re.Response.StatusCode)
					if style == oauth2.AuthStyleInHeader {
						assert.NotEmpty(t, re.Response.Header.Get("WWW-Authenticate"))
					}
				}
			}
			a := post(t, p.TokenURL(), url.Values{"grant_type": {"password"}, "client_id": {p.ClientID()}, "client_secret": {p.ClientSecret()}})
			assert.Equal(t, "unsupported_grant_type", a.oauthError(t, d))
		})
	}
}

func TestRefreshIsSingleUse(t *testing.T) {
	t.Parallel()
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: d, AccessTokenTTL: time.Hour, RefreshTokens: true})
			p.AddUser(fakeprovider.User{Login: "alice"})
			cfg := config(p)

			tok := linkCode(t, p)
			assert.WithinDuration(t, time.Now().Add(time.Hour), tok.Expiry, time.Minute)
			assert.True(t, strings.HasPrefix(tok.RefreshToken, p.RefreshTokenPrefix()), tok.RefreshToken)

			// Expired by the fake's clock: the validate URL says 401.
			p.Advance(61 * time.Minute)
			assert.Equal(t, http.StatusUnauthorized, get(t, p.ValidateURL(), tok.AccessToken).status)

			fresh, err := cfg.TokenSource(ctx(t), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
			require.NoError(t, err)
			assert.NotEqual(t, tok.AccessToken, fresh.AccessToken)
			assert.NotEqual(t, tok.RefreshToken, fresh.RefreshToken)
			assert.Equal(t, http.StatusOK, get(t, p.ValidateURL(), fresh.AccessToken).status)
			assert.Equal(t, 1, p.RefreshCount())

			// Second use of the same refresh token fails.
			_, err = cfg.TokenSource(ctx(t), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
			re := retrieveError(t, err)
			if d == fakeprovider.GitHub {
				assert.Equal(t, "bad_refresh_token", re.ErrorCode)
				assert.Equal(t, http.StatusOK, re.Response.StatusCode)
			} else {
				assert.Equal(t, "invalid_grant", re.ErrorCode)
				assert.Equal(t, http.StatusBadRequest, re.Response.StatusCode)
			}
			assert.GreaterOrEqual(t, p.RefreshCount(), 2)

			// ExpireAccessToken; the new refresh token still works.
			require.True(t, p.ExpireAccessToken(fresh.AccessToken))
			assert.Equal(t, http.StatusUnauthorized, get(t, p.ValidateURL(), fresh.AccessToken).status)
			again, err := cfg.TokenSource(ctx(t), &oauth2.Token{RefreshToken: fresh.RefreshToken}).Token()
			require.NoError(t, err)
			assert.Equal(t, []string{again.AccessToken}, p.ValidTokens())
			assert.Equal(t, []string{again.RefreshToken}, p.ValidRefreshTokens())
			assert.Len(t, p.IssuedTokens(), 6)

			p.RevokeAll()
			assert.Empty(t, p.ValidTokens())
			assert.Equal(t, http.StatusUnauthorized, get(t, p.ValidateURL(), again.AccessToken).status)
		})
	}
}

func TestConcurrentRefreshOnlyOneWins(t *testing.T) {
	t.Parallel()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, AccessTokenTTL: time.Hour, RefreshTokens: true, Logf: func(string, ...any) {}})
	tok := linkCode(t, p)
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken},
		"client_id": {p.ClientID()}, "client_secret": {p.ClientSecret()}}

	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := http.PostForm(p.TokenURL(), form)
			if !assert.NoError(t, err) {
				return
			}
			res.Body.Close()
			mu.Lock()
			defer mu.Unlock()
			if res.StatusCode == http.StatusOK {
				wins++
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 1, wins)
	assert.Equal(t, 8, p.RefreshCount())
	assert.Equal(t, 9, p.Calls("/oauth/token"))
}
