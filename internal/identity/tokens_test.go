package identity

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

func TestCreateTokenDefaultsAndLifetimeBounds(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	now := f.clock.Now()

	raw, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{})
	mustOK(t, err)
	id, _, _ := parseKey(raw)
	k, _ := f.st.rawKey(id)
	equal(t, k.LoginType, store.LoginTypeToken, "login type")
	equal(t, k.Scope, ScopeAll, "default scope")
	equal(t, k.ExpiresAt, now.Add(30*24*time.Hour), "default lifetime")
	equal(t, k.LifetimeSeconds, int64(30*24*3600), "lifetime seconds")
	equal(t, k.UserID, owner.User.ID, "user")
	check(t, regexp.MustCompile(`^[a-z]+_[a-z]+_[a-z0-9]{4}$`).MatchString(k.TokenName), "generated name %q", k.TokenName)

	_, err = f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{Lifetime: -time.Second})
	requireField(t, err, "lifetime")
	_, err = f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{Lifetime: 90*24*time.Hour + 1})
	e := requireField(t, err, "lifetime")
	equal(t, e.Fields[0].Detail, "lifetime must be less than 2160h0m0s", "detail")
	_, err = f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{Lifetime: 90 * 24 * time.Hour})
	mustOK(t, err)

	max, err := f.svc.TokenConfig(f.ctx, owner, "me")
	mustOK(t, err)
	equal(t, max, 90*24*time.Hour, "max token lifetime")

	// Default lifetime never exceeds the maximum.
	g := newFixture(t, func(c *Config) { c.DefaultTokenLifetime = 0; c.MaxTokenLifetime = time.Hour })
	equal(t, g.svc.cfg.DefaultTokenLifetime, time.Hour, "clamped default")
}

func TestCreateTokenScopeAndName(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	_, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{Scope: ScopeApplicationConnect, TokenName: "apps"})
	mustOK(t, err)
	_, err = f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{Scope: "admin"})
	requireField(t, err, "scope")
	for _, bad := range []string{"has space", "a/b", "dot.ted", "ünï", strings.Repeat("n", 65)} {
		_, err = f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{TokenName: bad})
		requireField(t, err, "token_name")
	}
	_, err = f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{TokenName: strings.Repeat("n", 64)})
	mustOK(t, err)
	_, err = f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{TokenName: "A-b_9"})
	mustOK(t, err)

	// Several invalid fields at once are all named.
	_, err = f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{Lifetime: -1, Scope: "x", TokenName: "?"})
	for _, field := range []string{"lifetime", "scope", "token_name"} {
		requireField(t, err, field)
	}

	// Generated names are distinct.
	seen := map[string]bool{}
	for range 20 {
		raw, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{})
		mustOK(t, err)
		id, _, _ := parseKey(raw)
		k, _ := f.st.rawKey(id)
		check(t, !seen[k.TokenName], "generated name %q repeated", k.TokenName)
		seen[k.TokenName] = true
	}
}

func TestDuplicateTokenNames(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	bob := f.member(owner, "bob")
	_, err := f.svc.CreateToken(f.ctx, bob, "me", TokenRequest{TokenName: "ci"})
	mustOK(t, err)
	_, err = f.svc.CreateToken(f.ctx, bob, "me", TokenRequest{TokenName: "ci"})
	e := requireKind(t, err, errs.KindConflict)
	equal(t, e.Fields[0].Field, "token_name", "conflict field")
	// Another user may use the same name.
	_, err = f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{TokenName: "ci"})
	mustOK(t, err)
	// A race lost at insert time is the same conflict.
	f.st.failOnce("InsertAPIKey", store.ErrConflict)
	_, err = f.svc.CreateToken(f.ctx, bob, "me", TokenRequest{TokenName: "cd"})
	e = requireKind(t, err, errs.KindConflict)
	equal(t, e.Fields[0].Field, "token_name", "race conflict field")
	// A generated name that collides is retried.
	f.st.failOnce("InsertAPIKey", store.ErrConflict)
	_, err = f.svc.CreateToken(f.ctx, bob, "me", TokenRequest{})
	mustOK(t, err)
}

func TestTokenVisibility(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	bob := f.member(owner, "bob")
	carol := f.member(owner, "carol")

	// A member acts only on themselves; others are not found.
	_, err := f.svc.CreateToken(f.ctx, bob, "carol", TokenRequest{})
	requireKind(t, err, errs.KindNotFound)
	_, err = f.svc.ListTokens(f.ctx, bob, carol.User.ID.String())
	requireKind(t, err, errs.KindNotFound)
	_, err = f.svc.TokenConfig(f.ctx, bob, "owner")
	requireKind(t, err, errs.KindNotFound)
	_, err = f.svc.TokenConfig(f.ctx, bob, "bob")
	mustOK(t, err)

	// The owner may create, list and delete tokens for anyone.
	raw, err := f.svc.CreateToken(f.ctx, owner, "bob", TokenRequest{TokenName: "for-bob"})
	mustOK(t, err)
	a, err := f.svc.Authenticate(f.ctx, raw)
	mustOK(t, err)
	equal(t, a.User.ID, bob.User.ID, "token authenticates bob")
	list, err := f.svc.ListTokens(f.ctx, owner, "bob")
	mustOK(t, err)
	equal(t, len(list), 1, "bob's tokens (sessions excluded)")
	equal(t, list[0].TokenName, "for-bob", "token name")

	// Bob cannot delete carol's key, even naming himself.
	carolTok, err := f.svc.CreateToken(f.ctx, carol, "me", TokenRequest{TokenName: "c"})
	mustOK(t, err)
	carolID, _, _ := parseKey(carolTok)
	requireKind(t, f.svc.DeleteKey(f.ctx, bob, "me", carolID), errs.KindNotFound)
	requireKind(t, f.svc.DeleteKey(f.ctx, bob, "carol", carolID), errs.KindNotFound)
	// The owner cannot delete it under the wrong user either.
	requireKind(t, f.svc.DeleteKey(f.ctx, owner, "bob", carolID), errs.KindNotFound)
	mustOK(t, f.svc.DeleteKey(f.ctx, owner, "carol", carolID))
	requireKind(t, f.svc.DeleteKey(f.ctx, owner, "carol", carolID), errs.KindNotFound)
	requireKind(t, f.svc.DeleteKey(f.ctx, owner, "carol", "bad id"), errs.KindNotFound)

	// Deleting one's own current session is allowed and takes effect at once.
	session, _, err := f.svc.Login(f.ctx, "bob@example.com", testPassword, "")
	mustOK(t, err)
	me, err := f.svc.Authenticate(f.ctx, session)
	mustOK(t, err)
	mustOK(t, f.svc.DeleteKey(f.ctx, me, "me", me.KeyID))
	_, err = f.svc.Authenticate(f.ctx, session)
	requireKind(t, err, errs.KindUnauthorized)
}

func TestTokenStoreOutage(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	f.st.setDown(true)
	_, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{TokenName: "x"})
	requireKind(t, err, errs.KindUnavailable)
	_, err = f.svc.ListTokens(f.ctx, owner, "me")
	requireKind(t, err, errs.KindUnavailable)
	requireKind(t, f.svc.DeleteKey(f.ctx, owner, "me", "abcdeABCDE"), errs.KindUnavailable)
}
