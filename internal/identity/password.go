package identity

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// PasswordParams are argon2id parameters. Memory is in KiB.
type PasswordParams struct {
	Memory      uint32
	Iterations  uint32
	Parallelism uint8
	SaltLength  uint32
	KeyLength   uint32
}

// DefaultPasswordParams follow OWASP's first argon2id recommendation
// (m=19 MiB, t=2, p=1) with a 16-byte salt and a 32-byte hash. The RFC 9106
// second recommendation (m=64 MiB, t=3, p=4) is stronger per guess but costs
// three times the memory per concurrent login; on a small server the
// memory-bounded OWASP setting resists exhaustion better. Hashes are PHC
// strings, so raising the parameters later keeps old hashes verifiable.
var DefaultPasswordParams = PasswordParams{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// Bounds on the parameters accepted from a stored hash, so that a corrupt or
// hostile row cannot make one login allocate unbounded memory or CPU.
const (
	maxHashMemory      = 256 * 1024 // KiB: 256 MiB
	maxHashIterations  = 64
	maxHashParallelism = 64
	minSaltLength      = 8
	maxSaltLength      = 64
	minKeyLength       = 16
	maxKeyLength       = 128
)

// Password policy.
const (
	minPasswordLength = 8
	maxPasswordLength = 256
)

var errBadHash = errors.New("malformed argon2id hash")

var b64 = base64.RawStdEncoding

// hasher hashes and verifies passwords, running at most a few argon2
// computations at once so that memory use stays bounded under load.
type hasher struct {
	params PasswordParams
	sem    chan struct{}
	// dummy is a well-formed hash with the current parameters and random
	// bytes; verifying against it costs what a real verification costs and
	// always fails. It is used for unknown users so that timing is alike.
	dummy string
	// verified counts argon2 verifications, so that a test can show an
	// unknown user costs the same work as a known one.
	verified atomic.Int64
}

func newHasher(p PasswordParams) *hasher {
	salt := make([]byte, p.SaltLength)
	key := make([]byte, p.KeyLength)
	_, _ = rand.Read(salt)
	_, _ = rand.Read(key)
	return &hasher{
		params: p,
		sem:    make(chan struct{}, max(2, 2*runtime.GOMAXPROCS(0))),
		dummy:  formatHash(p, salt, key),
	}
}

func (h *hasher) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *hasher) release() { <-h.sem }

// hash returns the PHC string of password under the current parameters:
// $argon2id$v=19$m=<KiB>,t=<iterations>,p=<parallelism>$<salt>$<hash>,
// salt and hash in unpadded standard base64.
func (h *hasher) hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.params.SaltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	key := argon2.IDKey([]byte(password), salt, h.params.Iterations, h.params.Memory, h.params.Parallelism, h.params.KeyLength)
	return formatHash(h.params, salt, key), nil
}

// verify reports whether password matches the PHC string encoded, comparing
// in constant time. A malformed hash is an error, never a match.
func (h *hasher) verify(ctx context.Context, password, encoded string) (bool, error) {
	p, salt, want, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	h.verified.Add(1)
	got := argon2.IDKey([]byte(password), salt, p.Iterations, p.Memory, p.Parallelism, p.KeyLength)
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

func formatHash(p PasswordParams, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Iterations, p.Parallelism, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// parseHash parses and bounds-checks an argon2id PHC string.
func parseHash(encoded string) (PasswordParams, []byte, []byte, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return PasswordParams{}, nil, nil, errBadHash
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return PasswordParams{}, nil, nil, fmt.Errorf("%w: unsupported version", errBadHash)
	}
	var p PasswordParams
	fields := strings.Split(parts[3], ",")
	if len(fields) != 3 {
		return PasswordParams{}, nil, nil, errBadHash
	}
	for i, name := range []string{"m", "t", "p"} {
		v, ok := strings.CutPrefix(fields[i], name+"=")
		if !ok {
			return PasswordParams{}, nil, nil, errBadHash
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil || n == 0 || strconv.FormatUint(n, 10) != v {
			return PasswordParams{}, nil, nil, errBadHash
		}
		switch name {
		case "m":
			p.Memory = uint32(n)
		case "t":
			p.Iterations = uint32(n)
		case "p":
			if n > maxHashParallelism {
				return PasswordParams{}, nil, nil, fmt.Errorf("%w: parameters out of bounds", errBadHash)
			}
			p.Parallelism = uint8(n)
		}
	}
	if p.Memory > maxHashMemory || p.Iterations > maxHashIterations {
		return PasswordParams{}, nil, nil, fmt.Errorf("%w: parameters out of bounds", errBadHash)
	}
	salt, err := b64.Strict().DecodeString(parts[4])
	if err != nil || len(salt) < minSaltLength || len(salt) > maxSaltLength {
		return PasswordParams{}, nil, nil, fmt.Errorf("%w: bad salt", errBadHash)
	}
	key, err := b64.Strict().DecodeString(parts[5])
	if err != nil || len(key) < minKeyLength || len(key) > maxKeyLength {
		return PasswordParams{}, nil, nil, fmt.Errorf("%w: bad hash", errBadHash)
	}
	p.SaltLength, p.KeyLength = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// checkPassword applies the password policy: 8 to 256 characters, not the
// username or the email address (case-insensitively). It returns the detail
// of a violation, or "".
func checkPassword(password, username, email string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		return "password must be valid UTF-8"
	case n < minPasswordLength:
		return fmt.Sprintf("password must be at least %d characters", minPasswordLength)
	case n > maxPasswordLength:
		return fmt.Sprintf("password must be at most %d characters", maxPasswordLength)
	case username != "" && strings.EqualFold(password, username):
		return "password must not be the same as the username"
	case email != "" && strings.EqualFold(password, email):
		return "password must not be the same as the email address"
	}
	return ""
}
