package dbcrypt

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
)

// Rotate re-encrypts with the first of ciphers every stored secret that is
// not already encrypted with it: the tokens and extra data of every link,
// the secrets of every project Git authorization and the PKCE verifiers of
// every pending OAuth state (expired states are deleted first). Values encrypted with any
// of ciphers, and plaintext written before encryption was enabled, are
// re-encrypted; a value encrypted with a key not among ciphers stops the
// rotation with an *UnknownKeyError. It returns how many links,
// authorizations and states it rewrote.
//
// inner must be the undecorated store (an engine, which implements
// store.Rekeyer). Rotate is safe to run while the service is running: each
// value is swapped on the stored values it was read from, so a concurrent
// refresh or relink is never overwritten (the link is then read again and
// retried), and the decorator's own swaps survive a re-encryption. Once
// Rotate returns without error, no stored value needs a key other than the
// first, and the others can be removed from the configuration.
func Rotate(ctx context.Context, inner store.Store, ciphers []Cipher) (rotated int, err error) {
	if _, ok := inner.(*cryptStore); ok {
		return 0, errors.New("dbcrypt: rotate needs the undecorated store")
	}
	rk, ok := inner.(store.Rekeyer)
	if !ok {
		return 0, errors.New("dbcrypt: rotate: the store does not implement store.Rekeyer")
	}
	keys, err := newKeyring(ciphers)
	if err != nil {
		return 0, err
	}
	links, err := inner.AllExternalAuthLinks(ctx)
	rotated, err = linkRows(keys, inner).rotateAll(ctx, links, err,
		func(ctx context.Context, enc, stored store.ExternalAuthLink) error {
			return rk.RekeyExternalAuthLink(ctx, enc, stored.AccessToken, stored.RefreshToken, stored.ExtraData)
		})
	if err != nil {
		return rotated, err
	}
	gitAuths, err := inner.AllProjectGitAuths(ctx)
	n, err := gitAuthRows(keys, inner).rotateAll(ctx, gitAuths, err,
		func(ctx context.Context, enc, stored store.ProjectGitAuth) error {
			return rk.RekeyProjectGitAuth(ctx, enc, stored.Secret, stored.RefreshToken)
		})
	rotated += n
	if err != nil {
		return rotated, err
	}
	n, err = keys.rotateStates(ctx, inner, rk)
	return rotated + n, err
}

// stale reports whether a non-empty value is not encrypted with the primary
// key.
func (k keyring) stale(value, keyID string) bool {
	return value != "" && keyID != k.primary.ID()
}

// rotateStates deletes expired OAuth states and re-encrypts the PKCE
// verifiers of the others that need it. It returns how many it rewrote.
func (k keyring) rotateStates(ctx context.Context, inner store.Store, rk store.Rekeyer) (int, error) {
	if _, err := inner.DeleteExpiredOAuthStates(ctx, time.Now()); err != nil {
		return 0, fmt.Errorf("dbcrypt: rotate: %w", err)
	}
	states, err := rk.ListOAuthStates(ctx)
	if err != nil {
		return 0, fmt.Errorf("dbcrypt: rotate: %w", err)
	}
	rotated := 0
	for _, st := range states {
		if !k.stale(st.PKCEVerifier, st.PKCEVerifierKeyID) {
			continue
		}
		plain, err := k.decrypt(st.PKCEVerifier, st.PKCEVerifierKeyID)
		if err != nil {
			return rotated, fmt.Errorf("dbcrypt: rotate the PKCE verifier of an OAuth state of user %s: %w", st.UserID, err)
		}
		enc, keyID, err := k.encrypt(plain)
		if err != nil {
			return rotated, err
		}
		// A verifier changes only by rotation, so a conflict means another
		// rotation got there first; a state not found was consumed meanwhile.
		err = rk.RekeyOAuthState(ctx, st.StateHash, enc, keyID, st.PKCEVerifier)
		switch {
		case err == nil:
			rotated++
		case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrConflict):
		default:
			return rotated, fmt.Errorf("dbcrypt: rotate: %w", err)
		}
	}
	return rotated, nil
}
