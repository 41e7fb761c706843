package dbcrypt

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"

	"github.com/gitauthd/gitauthd/internal/store"
)

// Project Git authorizations keep a secret (an OAuth access token, a
// personal token or a password) and an OAuth refresh token; both are
// encrypted exactly as links' tokens are.

// encryptGitAuth returns a with its secrets encrypted and key ids set.
func (k keyring) encryptGitAuth(a store.ProjectGitAuth) (store.ProjectGitAuth, error) {
	var err error
	if a.Secret, a.SecretKeyID, err = k.encrypt(a.Secret); err != nil {
		return store.ProjectGitAuth{}, err
	}
	if a.RefreshToken, a.RefreshTokenKeyID, err = k.encrypt(a.RefreshToken); err != nil {
		return store.ProjectGitAuth{}, err
	}
	return a, nil
}

// decryptGitAuth returns a with its secrets decrypted (key ids kept).
func (k keyring) decryptGitAuth(a store.ProjectGitAuth) (store.ProjectGitAuth, error) {
	var err error
	if a.Secret, err = k.decrypt(a.Secret, a.SecretKeyID); err != nil {
		return store.ProjectGitAuth{}, gitAuthErr("secret", a, err)
	}
	if a.RefreshToken, err = k.decrypt(a.RefreshToken, a.RefreshTokenKeyID); err != nil {
		return store.ProjectGitAuth{}, gitAuthErr("refresh token", a, err)
	}
	return a, nil
}

// gitAuthErr says which value of which authorization failed to decrypt.
func gitAuthErr(what string, a store.ProjectGitAuth, err error) error {
	return fmt.Errorf("dbcrypt: %s of the git authorization %q of project %q: %w", what, a.Name, a.ProjectID, err)
}

// InsertProjectGitAuth encrypts the secrets and stores the authorization.
func (s *cryptStore) InsertProjectGitAuth(ctx context.Context, a store.ProjectGitAuth) error {
	enc, err := s.keys.encryptGitAuth(a)
	if err != nil {
		return err
	}
	return s.Store.InsertProjectGitAuth(ctx, enc)
}

// GetProjectGitAuth returns the authorization with its secrets decrypted.
func (s *cryptStore) GetProjectGitAuth(ctx context.Context, projectID, name string) (store.ProjectGitAuth, error) {
	a, err := s.Store.GetProjectGitAuth(ctx, projectID, name)
	if err != nil {
		return store.ProjectGitAuth{}, err
	}
	return s.keys.decryptGitAuth(a)
}

// ListProjectGitAuths returns the project's authorizations, decrypted.
func (s *cryptStore) ListProjectGitAuths(ctx context.Context, projectID string) ([]store.ProjectGitAuth, error) {
	return s.decryptGitAuths(s.Store.ListProjectGitAuths(ctx, projectID))
}

// AllProjectGitAuths returns every authorization, decrypted.
func (s *cryptStore) AllProjectGitAuths(ctx context.Context) ([]store.ProjectGitAuth, error) {
	return s.decryptGitAuths(s.Store.AllProjectGitAuths(ctx))
}

func (s *cryptStore) decryptGitAuths(list []store.ProjectGitAuth, err error) ([]store.ProjectGitAuth, error) {
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i], err = s.keys.decryptGitAuth(list[i]); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// UpdateProjectGitAuthTokens replaces the secrets if the stored refresh
// token, decrypted, equals oldRefreshToken: it compares plaintexts, then has
// inner swap on the stored ciphertext, retrying when only the ciphertext
// changed meanwhile (a concurrent rotation), as UpdateExternalAuthLinkTokens
// does.
func (s *cryptStore) UpdateProjectGitAuthTokens(ctx context.Context, a store.ProjectGitAuth, oldRefreshToken string) error {
	enc, err := s.keys.encryptGitAuth(a)
	if err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		cur, err := s.Store.GetProjectGitAuth(ctx, a.ProjectID, a.Name)
		if err != nil {
			return err
		}
		plain, err := s.keys.decrypt(cur.RefreshToken, cur.RefreshTokenKeyID)
		if err != nil {
			return gitAuthErr("refresh token", cur, err)
		}
		if subtle.ConstantTimeCompare([]byte(plain), []byte(oldRefreshToken)) != 1 {
			return fmt.Errorf("dbcrypt: update project git auth tokens: %w: the refresh token has changed", store.ErrConflict)
		}
		err = s.Store.UpdateProjectGitAuthTokens(ctx, enc, cur.RefreshToken)
		if !errors.Is(err, store.ErrConflict) || attempt == casAttempts {
			return err
		}
	}
}

// rotateGitAuths re-encrypts with the primary key every project Git
// authorization that needs it, swapping on the stored values and, when a
// concurrent refresh wins, reading the authorization again. It returns how
// many it rewrote.
func (k keyring) rotateGitAuths(ctx context.Context, inner store.Store, rk store.Rekeyer) (int, error) {
	list, err := inner.AllProjectGitAuths(ctx)
	if err != nil {
		return 0, fmt.Errorf("dbcrypt: rotate: %w", err)
	}
	rotated := 0
	for _, a := range list {
		done, err := k.rotateGitAuth(ctx, inner, rk, a)
		if err != nil {
			return rotated, err
		}
		if done {
			rotated++
		}
	}
	return rotated, nil
}

func (k keyring) rotateGitAuth(ctx context.Context, inner store.Store, rk store.Rekeyer, a store.ProjectGitAuth) (bool, error) {
	for attempt := 1; ; attempt++ {
		if !k.stale(a.Secret, a.SecretKeyID) && !k.stale(a.RefreshToken, a.RefreshTokenKeyID) {
			return false, nil
		}
		plain, err := k.decryptGitAuth(a)
		if err != nil {
			return false, err
		}
		enc, err := k.encryptGitAuth(plain)
		if err != nil {
			return false, err
		}
		err = rk.RekeyProjectGitAuth(ctx, enc, a.Secret, a.RefreshToken)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, store.ErrNotFound): // deleted meanwhile
			return false, nil
		case !errors.Is(err, store.ErrConflict) || attempt == casAttempts:
			return false, fmt.Errorf("dbcrypt: rotate the git authorization %q of project %q: %w", a.Name, a.ProjectID, err)
		}
		cur, err := inner.GetProjectGitAuth(ctx, a.ProjectID, a.Name)
		if errors.Is(err, store.ErrNotFound) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("dbcrypt: rotate the git authorization %q of project %q: %w", a.Name, a.ProjectID, err)
		}
		a = cur
	}
}
