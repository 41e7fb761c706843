package sso_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/sso"
	"github.com/gitauthd/gitauthd/internal/sso/ssotest"
)

// The tests run zitadel's OpenID-certified OP (its op package, with the
// example's in-memory storage and login page) on loopback, with clients and
// people of their own.

const redirectURL = "http://127.0.0.1:1/api/v2/users/oidc/callback" // never dialled: the tests read the redirect

const (
	clientID     = ssotest.ClientID
	clientSecret = ssotest.ClientSecret
	otherClient  = ssotest.OtherClient
)

func newOIDC(t *testing.T, cfg sso.OIDCConfig) *sso.OIDC {
	t.Helper()
	cfg.ClientID, cfg.ClientSecret, cfg.RedirectURL = or(cfg.ClientID, clientID), clientSecret, redirectURL
	o, err := sso.NewOIDC(t.Context(), cfg, nil)
	require.NoError(t, err)
	return o
}

func or(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// rawIDToken signs username in to the OP as client id with plain oauth2 and
// returns the ID token the OP issues.
func rawIDToken(t *testing.T, issuer, id, username string) string {
	t.Helper()
	cfg := oauth2.Config{ClientID: id, ClientSecret: clientSecret, RedirectURL: redirectURL, Scopes: []string{"openid", "email"},
		Endpoint: oauth2.Endpoint{AuthURL: issuer + "/auth", TokenURL: issuer + "/oauth/token"}}
	v := oauth2.GenerateVerifier()
	_, code := ssoSignIn(t, cfg.AuthCodeURL("s", oauth2.S256ChallengeOption(v)), username)
	tok, err := cfg.Exchange(t.Context(), code, oauth2.VerifierOption(v))
	require.NoError(t, err)
	raw, _ := tok.Extra("id_token").(string)
	require.NotEmpty(t, raw)
	return raw
}

// refused checks that err is a refusal (401) with the message.
func refused(t *testing.T, err error, message string) {
	t.Helper()
	require.Error(t, err)
	e, ok := errs.As(err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, errs.KindUnauthorized, e.Kind, "%v", err)
	assert.Contains(t, e.Message, message)
}

func TestOIDCSignIn(t *testing.T) {
	issuer := ssotest.StartOP(t, redirectURL)
	o := newOIDC(t, sso.OIDCConfig{IssuerURL: issuer})

	authURL, flow, err := o.Start()
	require.NoError(t, err)
	u, err := url.Parse(authURL)
	require.NoError(t, err)
	q := u.Query()
	assert.Equal(t, flow.State, q.Get("state"))
	assert.Equal(t, flow.Nonce, q.Get("nonce"))
	assert.Equal(t, "S256", q.Get("code_challenge_method"))
	assert.NotEmpty(t, q.Get("code_challenge"))
	assert.NotContains(t, authURL, flow.Verifier, "the PKCE verifier never leaves")

	state, code := ssoSignIn(t, authURL, "alice")
	id, err := o.Finish(t.Context(), flow, state, code)
	require.NoError(t, err)
	assert.Equal(t, "u1", id.Subject)
	assert.Equal(t, "alice@example.com", id.Email)
	assert.Equal(t, "alice", id.Username, "preferred_username, from userinfo")
	assert.Equal(t, "Alice Liddell", id.Name)

	t.Run("replayed state", func(t *testing.T) {
		_, err := o.Finish(t.Context(), flow, state, code)
		refused(t, err, sso.MsgExchangeFailed)
	})
}

func TestOIDCRefusals(t *testing.T) {
	issuer := ssotest.StartOP(t, redirectURL)
	other := ssotest.StartOP(t, redirectURL)
	o := newOIDC(t, sso.OIDCConfig{IssuerURL: issuer})

	t.Run("state mismatch", func(t *testing.T) {
		authURL, flow, err := o.Start()
		require.NoError(t, err)
		_, code := ssoSignIn(t, authURL, "alice")
		_, err = o.Finish(t.Context(), flow, "another-state", code)
		refused(t, err, sso.MsgStateMismatch)
	})
	t.Run("bad nonce", func(t *testing.T) {
		authURL, flow, err := o.Start()
		require.NoError(t, err)
		state, code := ssoSignIn(t, authURL, "alice")
		flow.Nonce = "not-the-nonce-the-op-was-given"
		_, err = o.Finish(t.Context(), flow, state, code)
		refused(t, err, sso.MsgBadNonce)
	})
	t.Run("wrong issuer", func(t *testing.T) {
		_, err := o.VerifyIDToken(t.Context(), rawIDToken(t, other, clientID, "alice"))
		refused(t, err, sso.MsgBadIDToken)
	})
	t.Run("wrong audience", func(t *testing.T) {
		_, err := o.VerifyIDToken(t.Context(), rawIDToken(t, issuer, otherClient, "alice"))
		refused(t, err, sso.MsgBadIDToken)
		e, _ := errs.As(err)
		assert.Contains(t, e.Detail, "audience")
	})
	t.Run("expired id token", func(t *testing.T) {
		late := newOIDC(t, sso.OIDCConfig{IssuerURL: issuer, Now: func() time.Time { return time.Now().Add(24 * time.Hour) }})
		authURL, flow, err := late.Start()
		require.NoError(t, err)
		state, code := ssoSignIn(t, authURL, "alice")
		_, err = late.Finish(t.Context(), flow, state, code)
		refused(t, err, sso.MsgBadIDToken)
		e, _ := errs.As(err)
		assert.Contains(t, e.Detail, "expired")
	})
	t.Run("unverified email", func(t *testing.T) {
		authURL, flow, err := o.Start()
		require.NoError(t, err)
		state, code := ssoSignIn(t, authURL, "mallory")
		_, err = o.Finish(t.Context(), flow, state, code)
		refused(t, err, sso.MsgEmailNotVerif)

		lax := newOIDC(t, sso.OIDCConfig{IssuerURL: issuer, IgnoreEmailVerified: true})
		authURL, flow, err = lax.Start()
		require.NoError(t, err)
		state, code = ssoSignIn(t, authURL, "mallory")
		id, err := lax.Finish(t.Context(), flow, state, code)
		require.NoError(t, err, "ignore_email_verified accepts it")
		assert.Equal(t, "mallory@example.com", id.Email)
	})
	t.Run("domain not allowed", func(t *testing.T) {
		strict := newOIDC(t, sso.OIDCConfig{IssuerURL: issuer, EmailDomain: []string{"example.com"}})
		authURL, flow, err := strict.Start()
		require.NoError(t, err)
		state, code := ssoSignIn(t, authURL, "bob")
		_, err = strict.Finish(t.Context(), flow, state, code)
		refused(t, err, "is not in domains")

		authURL, flow, err = strict.Start()
		require.NoError(t, err)
		state, code = ssoSignIn(t, authURL, "alice")
		_, err = strict.Finish(t.Context(), flow, state, code)
		require.NoError(t, err, "a listed domain is accepted")
	})
	t.Run("ignore user info", func(t *testing.T) {
		// This OP puts no email in its ID tokens: with userinfo ignored,
		// there is none.
		idOnly := newOIDC(t, sso.OIDCConfig{IssuerURL: issuer, IgnoreUserInfo: true})
		authURL, flow, err := idOnly.Start()
		require.NoError(t, err)
		state, code := ssoSignIn(t, authURL, "alice")
		_, err = idOnly.Finish(t.Context(), flow, state, code)
		refused(t, err, sso.MsgNoEmail)
	})
	t.Run("claim fields", func(t *testing.T) {
		custom := newOIDC(t, sso.OIDCConfig{IssuerURL: issuer, UsernameField: "given_name", NameField: "family_name"})
		authURL, flow, err := custom.Start()
		require.NoError(t, err)
		state, code := ssoSignIn(t, authURL, "alice")
		id, err := custom.Finish(t.Context(), flow, state, code)
		require.NoError(t, err)
		assert.Equal(t, "Alice", id.Username)
		assert.Equal(t, "Liddell", id.Name)
	})
	t.Run("auth url params", func(t *testing.T) {
		p := newOIDC(t, sso.OIDCConfig{IssuerURL: issuer, AuthURLParams: map[string]string{"prompt": "login"}})
		authURL, _, err := p.Start()
		require.NoError(t, err)
		u, _ := url.Parse(authURL)
		assert.Equal(t, "login", u.Query().Get("prompt"))
	})
}

func TestOIDCDiscoveryFailure(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, err := sso.NewOIDC(ctx, sso.OIDCConfig{IssuerURL: "http://127.0.0.1:1", ClientID: clientID}, nil)
	require.Error(t, err)
}

func ssoSignIn(t *testing.T, authURL, username string) (string, string) {
	t.Helper()
	return ssotest.SignIn(t, authURL, redirectURL, username)
}

// The role claim as Coder reads it: a list or one string, each value
// through the mapping, plus the defaults; from the ID token and userinfo,
// or the ID token alone.
func TestOIDCRoleClaims(t *testing.T) {
	issuer := ssotest.StartOP(t, redirectURL)
	signIn := func(t *testing.T, cfg sso.OIDCConfig, username string) (sso.Identity, error) {
		t.Helper()
		cfg.IssuerURL = issuer
		o := newOIDC(t, cfg)
		authURL, flow, err := o.Start()
		require.NoError(t, err)
		state, code := ssoSignIn(t, authURL, username)
		return o.Finish(t.Context(), flow, state, code)
	}
	mapping := map[string][]string{"admins": {"owner", "user-admin"}}

	id, err := signIn(t, sso.OIDCConfig{RoleField: "groups", RoleMapping: mapping, RolesDefault: []string{"auditor"}}, "alice")
	require.NoError(t, err)
	assert.True(t, id.SyncRoles)
	assert.Equal(t, []string{"owner", "user-admin", "no-such-role", "auditor"}, id.Roles, "mapped, unmapped kept as a name, defaults added")

	id, err = signIn(t, sso.OIDCConfig{RoleField: "groups"}, "bob")
	require.NoError(t, err)
	assert.Equal(t, []string{"auditor"}, id.Roles, "one string is one role")

	id, err = signIn(t, sso.OIDCConfig{RoleField: "userinfo_groups"}, "alice")
	require.NoError(t, err)
	assert.Equal(t, []string{"auditor"}, id.Roles, "a claim only userinfo gives")

	id, err = signIn(t, sso.OIDCConfig{RoleField: "userinfo_groups", IgnoreUserInfo: true, EmailField: "id_email"}, "alice")
	require.NoError(t, err)
	assert.True(t, id.SyncRoles)
	assert.Empty(t, id.Roles, "ignore_user_info: the ID token has no such claim, so no roles")

	id, err = signIn(t, sso.OIDCConfig{RoleField: "groups", IgnoreUserInfo: true, EmailField: "id_email"}, "alice")
	require.NoError(t, err)
	assert.Equal(t, []string{"admins", "no-such-role"}, id.Roles, "from the ID token")

	id, err = signIn(t, sso.OIDCConfig{}, "alice")
	require.NoError(t, err)
	assert.False(t, id.SyncRoles, "no role field: roles are left alone")

	_, err = signIn(t, sso.OIDCConfig{RoleField: "bad_roles"}, "alice")
	refused(t, err, sso.MsgBadRoleClaim)
	e, _ := errs.As(err)
	assert.Contains(t, e.Detail, "float64")
}
