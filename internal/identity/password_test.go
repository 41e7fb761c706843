package identity

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	ctx := context.Background()
	h := newHasher(cheapParams)
	a, err := h.hash(ctx, testPassword)
	mustOK(t, err)
	b, err := h.hash(ctx, testPassword)
	mustOK(t, err)
	phc := regexp.MustCompile(`^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	check(t, phc.MatchString(a), "hash %q is not the expected PHC string", a)
	check(t, a != b, "two hashes of one password are equal (salt not random)")
	check(t, !strings.Contains(a, testPassword), "hash contains the password")

	ok, err := h.verify(ctx, testPassword, a)
	mustOK(t, err)
	check(t, ok, "right password refused")
	ok, err = h.verify(ctx, testPassword+"x", a)
	mustOK(t, err)
	check(t, !ok, "wrong password accepted")

	// A hash made with other parameters still verifies: they come from the string.
	other := newHasher(PasswordParams{Memory: 128, Iterations: 2, Parallelism: 2, SaltLength: 24, KeyLength: 16})
	c, err := other.hash(ctx, testPassword)
	mustOK(t, err)
	ok, err = h.verify(ctx, testPassword, c)
	mustOK(t, err)
	check(t, ok, "hash with other parameters refused")

	// The dummy hash parses and never matches.
	ok, err = h.verify(ctx, "", h.dummy)
	mustOK(t, err)
	check(t, !ok, "dummy hash matched")
}

func TestDefaultPasswordParamsAreStrong(t *testing.T) {
	equal(t, DefaultPasswordParams, PasswordParams{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}, "defaults")
	s := New(newFakeStore(), Config{}, nil)
	equal(t, s.cfg.PasswordParams, DefaultPasswordParams, "New without PasswordParams")
	check(t, strings.HasPrefix(s.pw.dummy, "$argon2id$v=19$m=19456,t=2,p=1$"), "dummy %q", s.pw.dummy)
}

func TestParseHashRejectsBadHashes(t *testing.T) {
	good, err := newHasher(cheapParams).hash(context.Background(), "whatever1")
	mustOK(t, err)
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	for name, bad := range map[string]string{
		"empty":              "",
		"plain text":         "hunter22",
		"bcrypt":             "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"argon2i":            "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		"old version":        "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,
		"missing version":    "$argon2id$m=64,t=1,p=1$" + salt + "$" + key,
		"params order":       "$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key,
		"zero memory":        "$argon2id$v=19$m=0,t=1,p=1$" + salt + "$" + key,
		"zero time":          "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key,
		"leading zero":       "$argon2id$v=19$m=064,t=1,p=1$" + salt + "$" + key,
		"negative":           "$argon2id$v=19$m=-64,t=1,p=1$" + salt + "$" + key,
		"huge memory":        "$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key,
		"huge time":          "$argon2id$v=19$m=64,t=100000,p=1$" + salt + "$" + key,
		"huge parallelism":   "$argon2id$v=19$m=64,t=1,p=255$" + salt + "$" + key,
		"parallelism > 8bit": "$argon2id$v=19$m=64,t=1,p=257$" + salt + "$" + key,
		"missing param":      "$argon2id$v=19$m=64,t=1$" + salt + "$" + key,
		"bad salt base64":    "$argon2id$v=19$m=64,t=1,p=1$!!!!$" + key,
		"short salt":         "$argon2id$v=19$m=64,t=1,p=1$YWJj$" + key,
		"padded salt":        "$argon2id$v=19$m=64,t=1,p=1$" + salt + "==$" + key,
		"empty hash":         "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$",
		"short hash":         "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$YWJjZGVm",
		"extra field":        good + "$x",
		"no leading dollar":  strings.TrimPrefix(good, "$"),
	} {
		if _, _, _, err := parseHash(bad); !errors.Is(err, errBadHash) {
			t.Errorf("%s: parseHash(%q) = %v, want errBadHash", name, bad, err)
		}
		ok, err := newHasher(cheapParams).verify(context.Background(), "whatever1", bad)
		check(t, !ok && err != nil, "%s: verify accepted a bad hash", name)
	}
}

func TestVerifyHonoursContext(t *testing.T) {
	h := newHasher(cheapParams)
	for range cap(h.sem) {
		h.sem <- struct{}{} // every slot busy
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := h.verify(ctx, "x", h.dummy)
	check(t, errors.Is(err, context.Canceled), "verify with a cancelled context and no slot: %v", err)
}

func TestPasswordPolicy(t *testing.T) {
	for _, c := range []struct {
		password string
		ok       bool
	}{
		{"1234567", false},
		{"12345678", true},
		{"ééééééé", false}, // 7 characters, 14 bytes
		{strings.Repeat("p", 256), true},
		{strings.Repeat("p", 257), false},
		{"alice-wonder", false}, // the username, any case below
		{"ALICE-WONDER", false},
		{"alice@example.com", false},
		{"alice-wonder1", true},
		{"bad\xffutf8xx", false},
	} {
		d := checkPassword(c.password, "alice-wonder", "alice@example.com")
		check(t, (d == "") == c.ok, "checkPassword(%q) = %q, want ok=%v", c.password, d, c.ok)
		if d != "" {
			check(t, strings.Contains(d, "password"), "detail %q does not name password", d)
		}
	}
}
