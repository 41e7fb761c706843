package dbcrypt

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"

	"github.com/gitauthd/gitauthd/internal/store"
)

// rows says how the helpers below handle one type of row with secrets:
// external auth links and project Git authorizations are encrypted on
// write, decrypted on read, compared and swapped on their refresh token and
// rotated the same way.
type rows[T any] struct {
	keys keyring
	// columns are the row's secrets, in the order they are encrypted.
	columns func(*T) []column
	// name says which row it is in errors: "the link of user … to "github"".
	name func(T) string
	// get reads the stored row with v's key from the undecorated store.
	get func(ctx context.Context, v T) (T, error)
}

// column is one secret of a row: its value and the id of the key that
// encrypts it.
type column struct {
	what         string // "refresh token", for errors
	value, keyID *string
	// refresh marks the refresh token, which swapTokens compares.
	refresh bool
	// sharesKey: keyID is another column's, so the value is encrypted (with
	// the primary key, which keyID then names) only when it is not empty,
	// and a stored value that starts with '{', a byte no ciphertext
	// (base64) starts with, is a JSON object written before the column was
	// encrypted, read as is.
	sharesKey bool
}

// storedKeyID is the id of the key the stored value is encrypted with, ""
// for plaintext.
func (c column) storedKeyID() string {
	if c.sharesKey && strings.HasPrefix(*c.value, "{") {
		return ""
	}
	return *c.keyID
}

// linkRows handles external auth links stored in inner, the undecorated
// store.
func linkRows(k keyring, inner store.Store) rows[store.ExternalAuthLink] {
	return rows[store.ExternalAuthLink]{
		keys: k, columns: linkColumns, name: linkName,
		get: func(ctx context.Context, l store.ExternalAuthLink) (store.ExternalAuthLink, error) {
			return inner.GetExternalAuthLink(ctx, l.UserID, l.ProviderID)
		},
	}
}

// gitAuthRows handles project Git authorizations stored in inner, the
// undecorated store.
func gitAuthRows(k keyring, inner store.Store) rows[store.ProjectGitAuth] {
	return rows[store.ProjectGitAuth]{
		keys: k, columns: gitAuthColumns, name: gitAuthName,
		get: func(ctx context.Context, a store.ProjectGitAuth) (store.ProjectGitAuth, error) {
			return inner.GetProjectGitAuth(ctx, a.ProjectID, a.Name)
		},
	}
}

// encrypt returns v with its secrets encrypted with the primary key and
// their key ids set.
func (r rows[T]) encrypt(v T) (T, error) {
	for _, c := range r.columns(&v) {
		if c.sharesKey && *c.value == "" {
			continue
		}
		var err error
		if *c.value, *c.keyID, err = r.keys.encrypt(*c.value); err != nil {
			var zero T
			return zero, err
		}
	}
	return v, nil
}

// decrypt returns v with its secrets decrypted, key ids kept.
func (r rows[T]) decrypt(v T) (T, error) {
	for _, c := range r.columns(&v) {
		var err error
		if *c.value, err = r.keys.decrypt(*c.value, c.storedKeyID()); err != nil {
			var zero T
			return zero, secretErr(c.what, r.name(v), err)
		}
	}
	return v, nil
}

// refreshToken is v's refresh token column.
func (r rows[T]) refreshToken(v *T) column {
	for _, c := range r.columns(v) {
		if c.refresh {
			return c
		}
	}
	panic("dbcrypt: a row kind without a refresh token column")
}

// stale reports whether a secret of v is not encrypted with the primary key.
func (r rows[T]) stale(v T) bool {
	for _, c := range r.columns(&v) {
		if r.keys.stale(*c.value, c.storedKeyID()) {
			return true
		}
	}
	return false
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
	return r.decrypt(v)
}

// readAll decrypts the result of a store call that returns a list, in
// place.
func (r rows[T]) readAll(list []T, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i], err = r.decrypt(list[i]); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// write encrypts v and hands it to the store call put.
func (r rows[T]) write(ctx context.Context, v T, put func(context.Context, T) error) error {
	enc, err := r.encrypt(v)
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
	enc, err := r.encrypt(v)
	if err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		cur, err := r.get(ctx, v)
		if err != nil {
			return err
		}
		rt := r.refreshToken(&cur)
		stored := *rt.value
		plain, err := r.keys.decrypt(stored, rt.storedKeyID())
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
		if !r.stale(v) {
			return false, nil
		}
		plain, err := r.decrypt(v)
		if err != nil {
			return false, err
		}
		enc, err := r.encrypt(plain)
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
