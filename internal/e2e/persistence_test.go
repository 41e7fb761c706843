package e2e

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
)

// idDataFiles reads every file of the data directory (the database, its
// write-ahead log and shared memory, whatever else the store keeps there).
func idDataFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out[rel] = b
		return nil
	})
	require.NoError(t, err)
	return out
}

// idCheckNoSecrets fails when any data file holds one of the secrets in
// clear, and checks that the files are the ones that hold the data (a
// non-secret value, the key id, is there).
func idCheckNoSecrets(t *testing.T, dir, when string, sanity string, secrets map[string]string) {
	t.Helper()
	files := idDataFiles(t, dir)
	require.Contains(t, files, "gitauthd.db", "%s: files %v", when, idNames(files))
	var all []byte
	for name, b := range files {
		all = append(all, b...)
		for what, secret := range secrets {
			assert.False(t, bytes.Contains(b, []byte(secret)), "%s: %s holds %s in clear", when, name, what)
		}
	}
	assert.True(t, bytes.Contains(all, []byte(sanity)), "%s: the data files should hold the key id %q", when, sanity)
}

// idNames returns the names of the files.
func idNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestPersistence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()

	s1 := apitest.Start(t, "--data-dir", dir)
	owner := s1.CreateOwner(t)
	member := s1.CreateMember(t, owner, "member")
	token := idCreateToken(t, s1, owner.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("persisted")})
	memberToken := idCreateToken(t, s1, owner.Token, member.Username, client.CreateTokenJSONRequestBody{TokenName: idPtr("for-member")})
	deleted := idCreateToken(t, s1, owner.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("deleted")})
	del, err := s1.Client(owner.Token).DeleteAPIKeyWithResponse(ctx, "me", idKeyID(deleted))
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, del.StatusCode())
	loggedOut := s1.Login(t, member.Email, apitest.Password)
	out, err := s1.Client(loggedOut).LogoutWithResponse(ctx)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, out.StatusCode())

	deploymentID := idDeploymentID(t, s1)
	tokensBefore := idListTokens(t, s1, owner.Token, "me")
	usersBefore, err := s1.Client(owner.Token).ListUsersWithResponse(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, usersBefore.StatusCode())

	secrets := map[string]string{"the password": apitest.Password}
	for what, key := range map[string]string{
		"the owner's session": owner.Token, "the member's session": member.Token,
		"the owner's token": token, "the member's token": memberToken,
		"a deleted token": deleted, "a logged-out session": loggedOut,
	} {
		secrets["the secret of "+what] = strings.SplitN(key, "-", 2)[1]
	}
	idCheckNoSecrets(t, dir, "while running", idKeyID(token), secrets)

	s1.Stop()
	idCheckNoSecrets(t, dir, "after stopping", idKeyID(token), secrets)

	s2 := apitest.Start(t, "--data-dir", dir)
	assert.Equal(t, deploymentID, idDeploymentID(t, s2), "deployment_id survives a restart")

	first, err := s2.Client("").CheckFirstUserWithResponse(ctx)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, first.StatusCode())
	again, err := s2.Client("").CreateFirstUserWithResponse(ctx, client.CreateFirstUserJSONRequestBody{
		Email: "usurper@example.com", Username: "usurper", Password: apitest.Password,
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusConflict, again.StatusCode())

	for _, tc := range []struct{ name, key, userID string }{
		{"owner session", owner.Token, owner.ID},
		{"member session", member.Token, member.ID},
		{"owner token", token, owner.ID},
		{"member token", memberToken, member.ID},
	} {
		status, id := idWhoAmI(t, s2, tc.key)
		assert.Equal(t, http.StatusOK, status, tc.name)
		assert.Equal(t, tc.userID, id, tc.name)
	}
	for _, tc := range []struct{ name, key string }{{"deleted token", deleted}, {"logged-out session", loggedOut}} {
		status, _ := idWhoAmI(t, s2, tc.key)
		assert.Equal(t, http.StatusUnauthorized, status, tc.name)
	}

	usersAfter, err := s2.Client(owner.Token).ListUsersWithResponse(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, usersAfter.StatusCode())
	require.Equal(t, 2, usersAfter.JSON200.Count)
	for i, u := range usersAfter.JSON200.Users {
		b := usersBefore.JSON200.Users[i]
		assert.Equal(t, b.Id, u.Id)
		assert.Equal(t, b.Username, u.Username)
		assert.Equal(t, b.Email, u.Email)
		assert.Equal(t, b.Roles, u.Roles)
		assert.Equal(t, b.OrganizationIds, u.OrganizationIds, "the organization survives a restart")
		assert.True(t, b.CreatedAt.Equal(u.CreatedAt), "created_at %s, then %s", b.CreatedAt, u.CreatedAt)
	}

	tokensAfter := idListTokens(t, s2, owner.Token, "me")
	require.Len(t, tokensAfter, len(tokensBefore))
	for i, k := range tokensAfter {
		b := tokensBefore[i]
		assert.Equal(t, b.Id, k.Id)
		assert.Equal(t, b.TokenName, k.TokenName)
		assert.Equal(t, b.LifetimeSeconds, k.LifetimeSeconds)
		assert.True(t, b.ExpiresAt.Equal(k.ExpiresAt), "tokens do not extend: %s, then %s", b.ExpiresAt, k.ExpiresAt)
		assert.True(t, b.CreatedAt.Equal(k.CreatedAt))
	}

	// The password hash survived too.
	s2.Login(t, member.Email, apitest.Password)
	res, body := s2.Do("POST", "/api/v2/users/login", `{"email":"member@example.com","password":"wrong-password"}`, nil)
	idExpectErr(t, res, body, http.StatusUnauthorized)

	// Nothing secret reached the logs of either run.
	for name, logs := range map[string]string{"first run": s1.Logs.String(), "second run": s2.Logs.String()} {
		for what, secret := range secrets {
			assert.NotContains(t, logs, secret, "%s logs hold %s", name, what)
		}
	}
}
