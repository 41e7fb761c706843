package dbcrypt_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
)

// addProject inserts a project.
func addProject(t *testing.T, s store.Store, id string) {
	t.Helper()
	require.NoError(t, s.InsertProject(t.Context(), store.Project{ID: id, Name: id, CreatedAt: time.Now()}))
}

// gitAuth is an authorization of project with the given secrets.
func gitAuth(project, name, tokenType, secretValue, refresh string, by uuid.UUID) store.ProjectGitAuth {
	now := time.Now().UTC().Truncate(time.Millisecond)
	a := store.ProjectGitAuth{ProjectID: project, Name: name, RepoType: "github", ProviderID: "github",
		TokenType: tokenType, RepoHost: "https://api.github.com", Secret: secretValue, RefreshToken: refresh,
		CreatedBy: by, CreatedAt: now, UpdatedAt: now}
	if tokenType == store.GitAuthPassword {
		a.Username = "tom"
	}
	return a
}

// TestProjectSecretsEncrypted checks that tokens and passwords of project
// Git authorizations never reach the database file in the clear, read back
// as written, and need a configured key.
func TestProjectSecretsEncrypted(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), sqlite.DefaultFileName)
	inner := openFile(t, path)
	k := keys(t, 0)
	s := decorate(t, inner, k)
	u := addUser(t, s)
	addProject(t, s, "proj-marker-5c1e") // not secret: must be found

	oauth := gitAuth("proj-marker-5c1e", "oauth", store.GitAuthOAuth, secret("access"), secret("refresh"), u)
	personal := gitAuth("proj-marker-5c1e", "personal", store.GitAuthPersonal, secret("pat"), "", u)
	password := gitAuth("proj-marker-5c1e", "password", store.GitAuthPassword, secret("password"), "", u)
	for _, a := range []store.ProjectGitAuth{oauth, personal, password} {
		require.NoError(t, s.InsertProjectGitAuth(ctx, a))
	}
	next := oauth
	next.Secret, next.RefreshToken = secret("access2"), secret("refresh2")
	require.NoError(t, s.UpdateProjectGitAuthTokens(ctx, next, oauth.RefreshToken))
	require.ErrorIs(t, s.UpdateProjectGitAuthTokens(ctx, next, oauth.RefreshToken), store.ErrConflict,
		"the plaintext comparison sees the spent refresh token")
	secrets := []string{oauth.Secret, oauth.RefreshToken, personal.Secret, password.Secret, next.Secret, next.RefreshToken}

	got, err := s.GetProjectGitAuth(ctx, oauth.ProjectID, "oauth")
	require.NoError(t, err)
	require.Equal(t, next.Secret, got.Secret)
	require.Equal(t, next.RefreshToken, got.RefreshToken)
	require.Equal(t, k[0].ID(), got.SecretKeyID)
	list, err := s.ListProjectGitAuths(ctx, oauth.ProjectID)
	require.NoError(t, err)
	require.Len(t, list, 3)
	require.Equal(t, password.Secret, list[2].Secret)
	require.Equal(t, "tom", list[2].Username)
	raw, err := inner.GetProjectGitAuth(ctx, oauth.ProjectID, "personal")
	require.NoError(t, err)
	require.NotEqual(t, personal.Secret, raw.Secret, "ciphertext at rest")
	require.Empty(t, raw.RefreshTokenKeyID, "an empty value has no key id")

	check := func(when string) {
		var disk []byte
		for _, suffix := range []string{"", "-wal", "-shm"} {
			b, err := os.ReadFile(path + suffix)
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			require.NoError(t, err)
			disk = append(disk, b...)
		}
		require.True(t, bytes.Contains(disk, []byte("proj-marker-5c1e")), "%s: the scan sees the data", when)
		for _, sec := range secrets {
			require.False(t, bytes.Contains(disk, []byte(sec)), "%s: plaintext secret on disk", when)
		}
	}
	check("while open")

	other := decorate(t, inner, keys(t, 1)) // the key is missing
	_, err = other.GetProjectGitAuth(ctx, oauth.ProjectID, "oauth")
	var uk *dbcrypt.UnknownKeyError
	require.ErrorAs(t, err, &uk)
	_, err = other.ListProjectGitAuths(ctx, oauth.ProjectID)
	require.ErrorAs(t, err, &uk)
	require.NotContains(t, err.Error(), next.Secret)

	require.NoError(t, inner.Close())
	check("after close")
}

// TestRotateProjectGitAuths checks that Rotate re-encrypts project secrets
// with the first key, so that the old key can be retired.
func TestRotateProjectGitAuths(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), sqlite.DefaultFileName)
	inner := openFile(t, path)
	a, b := keys(t, 0), keys(t, 1)
	old := decorate(t, inner, a)
	u := addUser(t, old)
	addProject(t, old, "p1")
	addProject(t, old, "p2")

	auths := []store.ProjectGitAuth{
		gitAuth("p1", "oauth", store.GitAuthOAuth, secret("access"), secret("refresh"), u),
		gitAuth("p2", "oauth", store.GitAuthOAuth, secret("access"), "", u),
		gitAuth("p2", "password", store.GitAuthPassword, secret("password"), "", u),
	}
	for _, x := range auths {
		require.NoError(t, old.InsertProjectGitAuth(ctx, x))
	}
	legacy := gitAuth("p1", "legacy", store.GitAuthPersonal, "plain-pat", "", u)
	require.NoError(t, inner.InsertProjectGitAuth(ctx, legacy), "written before encryption was enabled")
	auths = append(auths, legacy)

	n, err := dbcrypt.Rotate(ctx, inner, append(b, a...))
	require.NoError(t, err)
	require.Equal(t, len(auths), n)
	raw, err := inner.AllProjectGitAuths(ctx)
	require.NoError(t, err)
	for _, x := range raw {
		require.Equal(t, b[0].ID(), x.SecretKeyID, x.Name)
		require.Equal(t, x.RefreshToken != "", x.RefreshTokenKeyID == b[0].ID(), x.Name)
	}
	again, err := dbcrypt.Rotate(ctx, inner, append(b, a...))
	require.NoError(t, err)
	require.Zero(t, again, "nothing left to rotate")

	require.NoError(t, inner.Close())
	s := decorate(t, openFile(t, path), b) // the old key retired
	for _, x := range auths {
		got, err := s.GetProjectGitAuth(ctx, x.ProjectID, x.Name)
		require.NoError(t, err, x.Name)
		require.Equal(t, x.Secret, got.Secret, x.Name)
		require.Equal(t, x.RefreshToken, got.RefreshToken, x.Name)
		require.Equal(t, x.UpdatedAt, got.UpdatedAt, "rotation changes only the secrets")
	}
}
