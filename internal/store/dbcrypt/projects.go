package dbcrypt

import (
	"context"
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
		return store.ProjectGitAuth{}, secretErr("secret", gitAuthName(a), err)
	}
	if a.RefreshToken, err = k.decrypt(a.RefreshToken, a.RefreshTokenKeyID); err != nil {
		return store.ProjectGitAuth{}, secretErr("refresh token", gitAuthName(a), err)
	}
	return a, nil
}

// gitAuthName names the authorization in errors.
func gitAuthName(a store.ProjectGitAuth) string {
	return fmt.Sprintf("the git authorization %q of project %q", a.Name, a.ProjectID)
}

// InsertProjectGitAuth encrypts the secrets and stores the authorization.
func (s *cryptStore) InsertProjectGitAuth(ctx context.Context, a store.ProjectGitAuth) error {
	return s.gitAuths.write(ctx, a, s.Store.InsertProjectGitAuth)
}

// GetProjectGitAuth returns the authorization with its secrets decrypted.
func (s *cryptStore) GetProjectGitAuth(ctx context.Context, projectID, name string) (store.ProjectGitAuth, error) {
	return s.gitAuths.read(s.Store.GetProjectGitAuth(ctx, projectID, name))
}

// ListProjectGitAuths returns the project's authorizations, decrypted.
func (s *cryptStore) ListProjectGitAuths(ctx context.Context, projectID string) ([]store.ProjectGitAuth, error) {
	return s.gitAuths.readAll(s.Store.ListProjectGitAuths(ctx, projectID))
}

// AllProjectGitAuths returns every authorization, decrypted.
func (s *cryptStore) AllProjectGitAuths(ctx context.Context) ([]store.ProjectGitAuth, error) {
	return s.gitAuths.readAll(s.Store.AllProjectGitAuths(ctx))
}

// UpdateProjectGitAuthTokens replaces the secrets if the stored refresh
// token, decrypted, equals oldRefreshToken (see rows.swapTokens).
func (s *cryptStore) UpdateProjectGitAuthTokens(ctx context.Context, a store.ProjectGitAuth, oldRefreshToken string) error {
	return s.gitAuths.swapTokens(ctx, "update project git auth tokens", a, oldRefreshToken, s.Store.UpdateProjectGitAuthTokens)
}
