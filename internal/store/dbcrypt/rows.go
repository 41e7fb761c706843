package dbcrypt

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"

	"github.com/gitauthd/gitauthd/internal/store"
)

// rows says how the helpers below handle one type of row with secrets:
// external auth links and project Git authorizations are encrypted on
// write, decrypted on read, compared and swapped on their refresh token and
// rotated the same way.
type rows[T any] struct {
	keys keyring
	// encrypt returns the row with its secrets encrypted with the primary
	// key and their key ids set; decrypt returns it with its secrets
	// decrypted and key ids kept.
	encrypt, decrypt func(keyring, T) (T, error)
	// stale reports whether a secret of the row is not encrypted with the
	// primary key.
	stale func(keyring, T) bool
	// refreshToken is the stored refresh token and the id of its key.
	refreshToken func(T) (value, keyID string)
	// name says which row it is in errors: "the link of user … to "github"".
	name func(T) string
	// get reads the stored row with v's key from the undecorated store.
	get func(ctx context.Context, v T) (T, error)
}

// linkRows handles external auth links stored in inner, the undecorated
// store.
func linkRows(k keyring, inner store.Store) rows[store.ExternalAuthLink] {
	return rows[store.ExternalAuthLink]{
		keys: k, encrypt: keyring.encryptLink, decrypt: keyring.decryptLink,
		stale: func(k keyring, l store.ExternalAuthLink) bool {
			return k.stale(l.AccessToken, l.AccessTokenKeyID) || k.stale(l.RefreshToken, l.RefreshTokenKeyID) ||
				k.stale(l.ExtraData, extraDataKeyID(l))
		},
		refreshToken: func(l store.ExternalAuthLink) (string, string) { return l.RefreshToken, l.RefreshTokenKeyID },
		name:         linkName,
		get: func(ctx context.Context, l store.ExternalAuthLink) (store.ExternalAuthLink, error) {
			return inner.GetExternalAuthLink(ctx, l.UserID, l.ProviderID)
		},
	}
}

// gitAuthRows handles project Git authorizations stored in inner, the
// undecorated store.
func gitAuthRows(k keyring, inner store.Store) rows[store.ProjectGitAuth] {
	return rows[store.ProjectGitAuth]{
		keys: k, encrypt: keyring.encryptGitAuth, decrypt: keyring.decryptGitAuth,
		stale: func(k keyring, a store.ProjectGitAuth) bool {
			return k.stale(a.Secret, a.SecretKeyID) || k.stale(a.RefreshToken, a.RefreshTokenKeyID)
		},
		refreshToken: func(a store.ProjectGitAuth) (string, string) { return a.RefreshToken, a.RefreshTokenKeyID },
		name:         gitAuthName,
		get: func(ctx context.Context, a store.ProjectGitAuth) (store.ProjectGitAuth, error) {
			return inner.GetProjectGitAuth(ctx, a.ProjectID, a.Name)
		},
	}
}

// secretErr says which secret of which row failed to decrypt.
func secretErr(what, row string, err error) error {
	return fmt.Errorf("dbcrypt: %s of %s: %w", what, row, err)
}

// read decrypts the result of a store call that returns one row.
func (r rows[T]) read(v T, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return r.decrypt(r.keys, v)
}

// readAll decrypts the result of a store call that returns a list, in
// place.
func (r rows[T]) readAll(list []T, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i], err = r.decrypt(r.keys, list[i]); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// write encrypts v and hands it to the store call put.
func (r rows[T]) write(ctx context.Context, v T, put func(context.Context, T) error) error {
	enc, err := r.encrypt(r.keys, v)
	if err != nil {
		return err
	}
	return put(ctx, enc)
}

// swapTokens writes v's secrets if the stored refresh token, decrypted,
// equals oldRefreshToken. Ciphertexts are randomized, so it reads the
// stored row, compares plaintexts (store.ErrConflict when they
// differ), and has the store swap on the stored ciphertext: a concurrent
// update between the read and the swap makes the store answer
// store.ErrConflict. If only the ciphertext changed meanwhile (Rotate
// re-encrypted it), it tries again. op names the operation in errors.
func (r rows[T]) swapTokens(ctx context.Context, op string, v T, oldRefreshToken string,
	swap func(ctx context.Context, v T, storedRefreshToken string) error,
) error {
	enc, err := r.encrypt(r.keys, v)
	if err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		cur, err := r.get(ctx, v)
		if err != nil {
			return err
		}
		stored, keyID := r.refreshToken(cur)
		plain, err := r.keys.decrypt(stored, keyID)
		if err != nil {
			return secretErr("refresh token", r.name(cur), err)
		}
		if subtle.ConstantTimeCompare([]byte(plain), []byte(oldRefreshToken)) != 1 {
			return fmt.Errorf("dbcrypt: %s: %w: the refresh token has changed", op, store.ErrConflict)
		}
		err = swap(ctx, enc, stored)
		if !errors.Is(err, store.ErrConflict) || attempt == casAttempts {
			return err
		}
	}
}

// rotateAll re-encrypts with the primary key every row of list that needs
// it (see rotate) and returns how many it rewrote.
func (r rows[T]) rotateAll(ctx context.Context, list []T, err error, rekey func(ctx context.Context, enc, stored T) error) (int, error) {
	if err != nil {
		return 0, fmt.Errorf("dbcrypt: rotate: %w", err)
	}
	rotated := 0
	for _, v := range list {
		done, err := r.rotate(ctx, v, rekey)
		if err != nil {
			return rotated, err
		}
		if done {
			rotated++
		}
	}
	return rotated, nil
}

// rotate re-encrypts v with the primary key if it needs it: rekey swaps on
// the stored secrets v holds, and when a concurrent update wins, the row is
// read again. It reports whether it rewrote the row; a row deleted
// meanwhile is no error.
func (r rows[T]) rotate(ctx context.Context, v T, rekey func(ctx context.Context, enc, stored T) error) (bool, error) {
	for attempt := 1; ; attempt++ {
		if !r.stale(r.keys, v) {
			return false, nil
		}
		plain, err := r.decrypt(r.keys, v)
		if err != nil {
			return false, err
		}
		enc, err := r.encrypt(r.keys, plain)
		if err != nil {
			return false, err
		}
		err = rekey(ctx, enc, v)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, store.ErrNotFound): // deleted meanwhile
			return false, nil
		case !errors.Is(err, store.ErrConflict) || attempt == casAttempts:
			return false, fmt.Errorf("dbcrypt: rotate %s: %w", r.name(v), err)
		}
		// Updated meanwhile: start again from what is stored.
		cur, err := r.get(ctx, v)
		if errors.Is(err, store.ErrNotFound) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("dbcrypt: rotate %s: %w", r.name(v), err)
		}
		v = cur
	}
}
