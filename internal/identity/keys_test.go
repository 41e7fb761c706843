package identity

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

func TestNewKeyFormatAndCharset(t *testing.T) {
	seen := map[string]bool{}
	freq := map[byte]int{}
	const n = 3000
	for range n {
		id, secret, hashed, err := newKey()
		mustOK(t, err)
		raw := id + "-" + secret
		if len(id) != keyIDLen || len(secret) != keySecretLen || !isAlphanumeric(id) || !isAlphanumeric(secret) {
			t.Fatalf("bad key shape %q", raw)
		}
		if gid, gsecret, ok := parseKey(raw); !ok || gid != id || gsecret != secret {
			t.Fatalf("parseKey(%q) did not round-trip", raw)
		}
		sum := sha256.Sum256([]byte(secret))
		if !bytes.Equal(hashed, sum[:]) {
			t.Fatal("hash is not SHA-256 of the secret")
		}
		if seen[id] {
			t.Fatalf("duplicate id %q", id)
		}
		seen[id] = true
		for i := range len(raw) {
			if raw[i] != '-' {
				freq[raw[i]]++
			}
		}
	}
	// Every alphanumeric appears, none far from uniform (expected ~1548 each).
	equal(t, len(freq), len(alphanumeric), "distinct characters")
	expected := float64(n*(keyIDLen+keySecretLen)) / float64(len(alphanumeric))
	for c, got := range freq {
		if float64(got) < 0.8*expected || float64(got) > 1.2*expected {
			t.Errorf("character %q appears %d times, expected about %.0f", c, got, expected)
		}
	}
}

func TestRandomIndexesUnbiased(t *testing.T) {
	// 62 does not divide 256: plain modulo would make 0..7 ~25% likelier.
	const draws = 62 * 2000
	idx, err := randomIndexes(draws, 62)
	mustOK(t, err)
	var counts [62]int
	for _, i := range idx {
		counts[i]++
	}
	low, high := 0, 0
	for i, c := range counts {
		if i < 8 {
			low += c
		} else {
			high += c
		}
	}
	ratio := (float64(low) / 8) / (float64(high) / 54)
	check(t, ratio > 0.93 && ratio < 1.07, "low/high frequency ratio %.3f, want ~1", ratio)
}

func TestParseKey(t *testing.T) {
	good := "abcdeABCDE-0123456789abcdefghijKL"
	if _, _, ok := parseKey(good); !ok {
		t.Fatalf("valid key refused")
	}
	for name, raw := range map[string]string{
		"empty":         "",
		"no dash":       "abcdeABCDE00123456789abcdefghijKL",
		"dash moved":    "abcdeABCD-E0123456789abcdefghijKL",
		"short id":      "abcdeABCD-0123456789abcdefghijKL",
		"long secret":   good + "x",
		"short secret":  good[:len(good)-1],
		"bad id char":   "abcde_BCDE-0123456789abcdefghijKL",
		"bad secret ch": "abcdeABCDE-0123456789abcdefghij+L",
		"two dashes":    "abcdeABCDE-0123456789-bcdefghijKL",
		"non-ascii":     "abcdeABCDé-0123456789abcdefghijK",
		"space":         "abcdeABCDE-0123456789abcdefghij L",
	} {
		if _, _, ok := parseKey(raw); ok {
			t.Errorf("%s: %q accepted", name, raw)
		}
	}
}

func TestSecretMatchesConstantTimePath(t *testing.T) {
	stored := hashSecret("0123456789abcdefghijKL")
	check(t, secretMatches("0123456789abcdefghijKL", stored), "right secret refused")
	check(t, !secretMatches("0123456789abcdefghijKM", stored), "wrong secret accepted")
	check(t, !secretMatches("0123456789abcdefghijKL", nil), "empty stored hash accepted")
	check(t, !secretMatches("0123456789abcdefghijKL", stored[:16]), "truncated stored hash accepted")
	check(t, !secretMatches("", hashSecret("x")), "empty secret accepted")
}

func TestStoredKeyHoldsOnlyTheHash(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	raw, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{TokenName: "ci"})
	mustOK(t, err)
	id, secret, ok := parseKey(raw)
	check(t, ok, "created token %q has the wrong shape", raw)
	k, found := f.st.rawKey(id)
	if !found {
		t.Fatal("token not stored")
	}
	sum := sha256.Sum256([]byte(secret))
	check(t, bytes.Equal(k.HashedSecret, sum[:]), "stored hash is not SHA-256(secret)")
	check(t, !bytes.Contains(k.HashedSecret, []byte(secret)), "stored row contains the secret")
	check(t, !strings.Contains(string(k.HashedSecret), secret[:8]), "stored row contains part of the secret")

	list, err := f.svc.ListTokens(f.ctx, owner, "me")
	mustOK(t, err)
	equal(t, len(list), 1, "tokens listed")
	check(t, list[0].HashedSecret == nil, "ListTokens leaks the hash")
}

func TestAuthenticateRejections(t *testing.T) {
	f := newFixture(t, nil)
	f.owner()
	raw, key, err := f.svc.Login(f.ctx, "owner@example.com", testPassword, "")
	mustOK(t, err)
	id, secret, _ := parseKey(raw)
	wrongSecret := id + "-" + strings.Repeat("A", keySecretLen)
	if secret == strings.Repeat("A", keySecretLen) {
		t.Skip("astronomically unlikely secret")
	}

	cases := []struct {
		name, raw, detail string
	}{
		{"empty", "", "no session token provided"},
		{"malformed", "not-a-key", "invalid API key format"},
		{"no dash", strings.Replace(raw, "-", "x", 1), "invalid API key format"},
		{"unknown id", "ZZZZZZZZZZ-" + secret, "API key is invalid"},
		{"wrong secret", wrongSecret, "API key is invalid"},
	}
	for _, c := range cases {
		_, err := f.svc.Authenticate(f.ctx, c.raw)
		e := requireKind(t, err, errs.KindUnauthorized)
		equal(t, e.Message, errs.MsgUnauthorized, c.name+" message")
		equal(t, e.Detail, c.detail, c.name+" detail")
	}

	// Expired.
	f.clock.Advance(key.ExpiresAt.Sub(f.clock.Now()))
	_, err = f.svc.Authenticate(f.ctx, raw)
	e := requireKind(t, err, errs.KindUnauthorized)
	equal(t, e.Message, errs.MsgUnauthorized, "expired message")
	check(t, strings.Contains(e.Detail, "expired"), "expired detail %q", e.Detail)
}

func TestAuthenticateDeletedKeyStopsAtOnce(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	raw, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{TokenName: "t1"})
	mustOK(t, err)
	a, err := f.svc.Authenticate(f.ctx, raw)
	mustOK(t, err)
	equal(t, a.LoginType, store.LoginTypeToken, "login type")
	mustOK(t, f.svc.DeleteKey(f.ctx, owner, "me", a.KeyID))
	_, err = f.svc.Authenticate(f.ctx, raw)
	requireKind(t, err, errs.KindUnauthorized)
}

func TestAuthenticateStoreOutageIsNot401(t *testing.T) {
	f := newFixture(t, nil)
	f.owner()
	raw, _, err := f.svc.Login(f.ctx, "owner@example.com", testPassword, "")
	mustOK(t, err)
	f.st.setDown(true)
	_, err = f.svc.Authenticate(f.ctx, raw)
	requireKind(t, err, errs.KindUnavailable)
	check(t, errors.Is(err, store.ErrUnavailable), "cause lost: %v", err)

	// Other store failures are internal errors, not 401 either.
	f.st.setDown(false)
	f.st.failOnce("GetAPIKeyByID", errors.New("disk on fire"))
	_, err = f.svc.Authenticate(f.ctx, raw)
	requireKind(t, err, errs.KindInternal)
}

func TestAuthenticateInactiveUser(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	raw, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{})
	mustOK(t, err)
	f.st.mu.Lock()
	u := f.st.users[owner.User.ID]
	u.Status = "suspended"
	f.st.users[owner.User.ID] = u
	f.st.mu.Unlock()
	_, err = f.svc.Authenticate(f.ctx, raw)
	requireKind(t, err, errs.KindUnauthorized)
}

func TestSessionRefreshOnUseButNotTokens(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	session, sk, err := f.svc.Login(f.ctx, "owner@example.com", testPassword, "")
	mustOK(t, err)
	equal(t, sk.LoginType, store.LoginTypePassword, "session login type")
	equal(t, sk.Scope, ScopeAll, "session scope")
	equal(t, sk.TokenName, "", "session token name")
	equal(t, sk.LifetimeSeconds, int64(24*3600), "session lifetime")
	equal(t, sk.ExpiresAt, f.clock.Now().Add(24*time.Hour), "session expiry")

	token, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{Lifetime: 48 * time.Hour, TokenName: "tok"})
	mustOK(t, err)
	tokenID, _, _ := parseKey(token)
	tokenExpiry := f.clock.Now().Add(48 * time.Hour)

	// Used every hour for 50 hours: the session outlives its first expiry;
	// the token's expiry never moves and it dies at 48 hours.
	for range 50 {
		f.clock.Advance(time.Hour)
		_, err := f.svc.Authenticate(f.ctx, session)
		mustOK(t, err)
		if f.clock.Now().Before(tokenExpiry) {
			_, err = f.svc.Authenticate(f.ctx, token)
			mustOK(t, err)
		}
	}
	k, _ := f.st.rawKey(sk.ID)
	equal(t, k.ExpiresAt, f.clock.Now().Add(24*time.Hour), "refreshed session expiry")
	equal(t, k.LastUsed, f.clock.Now(), "session last used")
	tk, _ := f.st.rawKey(tokenID)
	equal(t, tk.ExpiresAt, tokenExpiry, "token expiry")
	_, err = f.svc.Authenticate(f.ctx, token)
	requireKind(t, err, errs.KindUnauthorized)

	// Unused for longer than the session duration: expired.
	f.clock.Advance(24 * time.Hour)
	_, err = f.svc.Authenticate(f.ctx, session)
	e := requireKind(t, err, errs.KindUnauthorized)
	check(t, strings.Contains(e.Detail, "expired"), "detail %q", e.Detail)
}

func TestDisableExpiryRefresh(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.DisableExpiryRefresh = true })
	f.owner()
	session, sk, err := f.svc.Login(f.ctx, "owner@example.com", testPassword, "")
	mustOK(t, err)
	f.clock.Advance(time.Hour)
	_, err = f.svc.Authenticate(f.ctx, session)
	mustOK(t, err)
	k, _ := f.st.rawKey(sk.ID)
	equal(t, k.ExpiresAt, sk.ExpiresAt, "expiry")
	equal(t, k.LastUsed, f.clock.Now(), "last used still recorded")
	f.clock.Advance(23 * time.Hour)
	_, err = f.svc.Authenticate(f.ctx, session)
	requireKind(t, err, errs.KindUnauthorized)
}

func TestUsageWritesAreThrottled(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	session, _, err := f.svc.Login(f.ctx, "owner@example.com", testPassword, "")
	mustOK(t, err)
	token, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{TokenName: "tok"})
	mustOK(t, err)

	for _, raw := range []string{session, token} {
		f.clock.Advance(2 * time.Minute)
		f.st.resetCounts()
		for range 20 {
			f.clock.Advance(time.Second)
			_, err := f.svc.Authenticate(f.ctx, raw)
			mustOK(t, err)
		}
		equal(t, f.st.count("GetAPIKeyByID"), 20, "key reads (never cached)")
		equal(t, f.st.count("UpdateAPIKeyUsage"), 1, "usage writes in 20 s")
		equal(t, f.st.count("UpdateUserLastSeen"), 1, "last seen writes in 20 s")
		equal(t, f.st.count("GetUserByID"), 20, "user reads (the store's cache keeps them, not identity)")

		f.clock.Advance(time.Minute)
		_, err := f.svc.Authenticate(f.ctx, raw)
		mustOK(t, err)
		equal(t, f.st.count("UpdateAPIKeyUsage"), 2, "usage writes after a minute")
		equal(t, f.st.count("UpdateUserLastSeen"), 2, "last seen writes after a minute")
	}
	u := f.st.rawUser(owner.User.ID)
	equal(t, u.LastSeenAt, f.clock.Now(), "last seen")
}

func TestUsageWriteFailureDoesNotFailRequest(t *testing.T) {
	f := newFixture(t, nil)
	f.owner()
	raw, _, err := f.svc.Login(f.ctx, "owner@example.com", testPassword, "")
	mustOK(t, err)
	f.clock.Advance(5 * time.Minute)
	f.st.failOnce("UpdateAPIKeyUsage", errors.New("boom"))
	f.st.failOnce("UpdateUserLastSeen", errors.New("boom"))
	_, err = f.svc.Authenticate(f.ctx, raw)
	mustOK(t, err)
}

func TestAuthenticateUserGone(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	raw, err := f.svc.CreateToken(f.ctx, owner, "me", TokenRequest{})
	mustOK(t, err)
	f.st.mu.Lock()
	delete(f.st.users, owner.User.ID)
	f.st.mu.Unlock()
	_, err = f.svc.Authenticate(f.ctx, raw)
	requireKind(t, err, errs.KindUnauthorized)
}
