// Package dbcrypt encrypts secrets at rest. New wraps a store.Store in a
// decorator that encrypts provider access and refresh tokens and the extra
// token data kept with them (which can hold an id_token), the secrets of
// project Git authorizations (tokens and passwords) and PKCE verifiers on
// write and decrypts them on read, so that nothing else knows about
// encryption (as Coder's enterprise/dbcrypt does).
//
// Values are encrypted with AES-256-GCM (see Cipher) and stored beside the id
// of their key. The first configured key encrypts; every configured key
// decrypts, so a new key can be put first while the old ones still read
// existing values. Rotate then re-encrypts everything with the first key,
// after which the others can be retired. A value with an empty key id is
// plaintext written before encryption was enabled and is read as is.
//
// A link's ExtraData has no key id of its own: it is encrypted with the key
// AccessTokenKeyID names. Extra data written before it was encrypted is a
// JSON object, which starts with '{', a byte no ciphertext (base64) starts
// with; it is read as is.
package dbcrypt

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
)

// UnknownKeyError reports a stored value encrypted with a key that is not
// configured. It is deliberately none of the store's sentinel errors: it is a
// misconfiguration (an internal error), not a missing or invalid link.
type UnknownKeyError struct {
	KeyID string
}

func (e *UnknownKeyError) Error() string {
	return fmt.Sprintf("dbcrypt: a value is encrypted with key id %s, which is not among the configured encryption keys", e.KeyID)
}

// casAttempts bounds the retries of a compare-and-swap whose stored
// ciphertext changed while its plaintext did not (a concurrent rotation).
const casAttempts = 10

// keyring holds the configured ciphers: the first encrypts, all decrypt.
type keyring struct {
	primary Cipher
	byID    map[string]Cipher
}

// newKeyring checks ciphers (at least one, distinct ids) and indexes them.
func newKeyring(ciphers []Cipher) (keyring, error) {
	if len(ciphers) == 0 {
		return keyring{}, errors.New("dbcrypt: no encryption keys")
	}
	k := keyring{primary: ciphers[0], byID: make(map[string]Cipher, len(ciphers))}
	seen := make(map[string]int, len(ciphers))
	for i, c := range ciphers {
		if c.aead == nil {
			return keyring{}, fmt.Errorf("dbcrypt: encryption key %d is not initialised", i)
		}
		if j, dup := seen[c.ID()]; dup {
			return keyring{}, fmt.Errorf("dbcrypt: encryption keys %d and %d have the same id %s", j, i, c.ID())
		}
		seen[c.ID()] = i
		k.byID[c.ID()] = c
	}
	return k, nil
}

// encrypt encrypts a non-empty value with the primary key and returns it
// with the key id; an empty value stays empty, with no key id.
func (k keyring) encrypt(value string) (ciphertext, keyID string, err error) {
	if value == "" {
		return "", "", nil
	}
	ciphertext, err = k.primary.Encrypt(value)
	if err != nil {
		return "", "", err
	}
	return ciphertext, k.primary.ID(), nil
}

// decrypt decrypts value with the key keyID names; a value with no key id,
// or an empty one, is returned as is.
func (k keyring) decrypt(value, keyID string) (string, error) {
	if keyID == "" || value == "" {
		return value, nil
	}
	c, ok := k.byID[keyID]
	if !ok {
		return "", &UnknownKeyError{KeyID: keyID}
	}
	return c.Decrypt(value)
}

// cryptStore is the encrypting decorator: a store.Store whose link and
// state methods encrypt and decrypt, every other method being inner's.
type cryptStore struct {
	store.Store
	keys     keyring
	links    rows[store.ExternalAuthLink]
	gitAuths rows[store.ProjectGitAuth]
}

// New returns inner wrapped so that tokens and PKCE verifiers are encrypted
// with the first of ciphers and decrypted with whichever of them encrypted
// them. With no ciphers it returns inner itself: nothing is encrypted. The
// values the decorator returns are plaintext; their *KeyID fields still name
// the key that encrypts them at rest.
func New(inner store.Store, ciphers []Cipher) (store.Store, error) {
	if len(ciphers) == 0 {
		return inner, nil
	}
	if _, ok := inner.(*cryptStore); ok {
		return nil, errors.New("dbcrypt: the store is already encrypting")
	}
	keys, err := newKeyring(ciphers)
	if err != nil {
		return nil, err
	}
	return &cryptStore{Store: inner, keys: keys, links: linkRows(keys, inner), gitAuths: gitAuthRows(keys, inner)}, nil
}

// linkColumns are the link's secrets. Extra data has no key id of its own:
// it shares the access token's (see column.sharesKey).
func linkColumns(l *store.ExternalAuthLink) []column {
	return []column{
		{what: "access token", value: &l.AccessToken, keyID: &l.AccessTokenKeyID},
		{what: "refresh token", value: &l.RefreshToken, keyID: &l.RefreshTokenKeyID, refresh: true},
		{what: "extra data", value: &l.ExtraData, keyID: &l.AccessTokenKeyID, sharesKey: true},
	}
}

// linkName names the link in errors.
func linkName(l store.ExternalAuthLink) string {
	return fmt.Sprintf("the link of user %s to %q", l.UserID, l.ProviderID)
}

// UpsertExternalAuthLink encrypts the tokens and extra data and stores the
// link.
func (s *cryptStore) UpsertExternalAuthLink(ctx context.Context, l store.ExternalAuthLink) error {
	return s.links.write(ctx, l, s.Store.UpsertExternalAuthLink)
}

// GetExternalAuthLink returns the link with its tokens decrypted.
func (s *cryptStore) GetExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) (store.ExternalAuthLink, error) {
	return s.links.read(s.Store.GetExternalAuthLink(ctx, userID, providerID))
}

// ListExternalAuthLinks returns the user's links with their tokens
// decrypted.
func (s *cryptStore) ListExternalAuthLinks(ctx context.Context, userID uuid.UUID) ([]store.ExternalAuthLink, error) {
	return s.links.readAll(s.Store.ListExternalAuthLinks(ctx, userID))
}

// AllExternalAuthLinks returns every link with its tokens decrypted.
func (s *cryptStore) AllExternalAuthLinks(ctx context.Context) ([]store.ExternalAuthLink, error) {
	return s.links.readAll(s.Store.AllExternalAuthLinks(ctx))
}

// UpdateExternalAuthLinkTokens replaces the tokens if the stored refresh
// token, decrypted, equals oldRefreshToken (see rows.swapTokens).
func (s *cryptStore) UpdateExternalAuthLinkTokens(ctx context.Context, l store.ExternalAuthLink, oldRefreshToken string) error {
	return s.links.swapTokens(ctx, "update external auth link tokens", l, oldRefreshToken, s.Store.UpdateExternalAuthLinkTokens)
}

// InsertOAuthState encrypts the PKCE verifier and stores the state.
func (s *cryptStore) InsertOAuthState(ctx context.Context, st store.OAuthState) error {
	var err error
	if st.PKCEVerifier, st.PKCEVerifierKeyID, err = s.keys.encrypt(st.PKCEVerifier); err != nil {
		return err
	}
	return s.Store.InsertOAuthState(ctx, st)
}

// ConsumeOAuthState consumes the state and returns it with its PKCE
// verifier decrypted.
func (s *cryptStore) ConsumeOAuthState(ctx context.Context, stateHash []byte, now time.Time) (store.OAuthState, error) {
	st, err := s.Store.ConsumeOAuthState(ctx, stateHash, now)
	if err != nil {
		return store.OAuthState{}, err
	}
	if st.PKCEVerifier, err = s.keys.decrypt(st.PKCEVerifier, st.PKCEVerifierKeyID); err != nil {
		return store.OAuthState{}, fmt.Errorf("dbcrypt: PKCE verifier of an OAuth state of user %s: %w", st.UserID, err)
	}
	return st, nil
}
