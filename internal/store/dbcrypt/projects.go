package dbcrypt

import (
	"context"
	"fmt"

	"github.com/gitauthd/gitauthd/internal/store"
)

// Project Git authorizations keep a secret (an OAuth access token, a
// personal token or a password) and an OAuth refresh token; both are
// encrypted exactly as links' tokens are.

// gitAuthColumns are the authorization's secrets.
func gitAuthColumns(a *store.ProjectGitAuth) []column {
	return []column{
		{what: "secret", value: &a.Secret, keyID: &a.SecretKeyID},
		{what: "refresh token", value: &a.RefreshToken, keyID: &a.RefreshTokenKeyID, refresh: true},
	}
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
