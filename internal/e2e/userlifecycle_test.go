package e2e

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

// ulDo sends a lifecycle request and returns the status and body.
func ulDo(t *testing.T, s *apitest.Server, method, path, token, body string) (int, []byte) {
	t.Helper()
	res, b := s.Do(method, path, body, auth(token))
	return res.StatusCode, b
}

// ulMessage is the message of a Coder answer body.
func ulMessage(t *testing.T, body []byte) string {
	t.Helper()
	var r struct {
		Message string `json:"message"`
	}
	require.NoError(t, json.Unmarshal(body, &r), "%s", body)
	return r.Message
}

// ulSignedIn reports whether token still authenticates on s.
func ulSignedIn(t *testing.T, s *apitest.Server, token string) bool {
	t.Helper()
	status, _ := ulDo(t, s, http.MethodGet, "/api/v2/users/me", token, "")
	return status == http.StatusOK
}

// ulLogin tries a password login and returns the status.
func ulLogin(t *testing.T, s *apitest.Server, email, password string) (int, []byte) {
	t.Helper()
	return ulDo(t, s, http.MethodPost, "/api/v2/users/login", "", `{"email":"`+email+`","password":"`+password+`"}`)
}

func TestUserSuspendActivate(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--in-memory")
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")
	other := s.CreateMember(t, owner, "other")
	token := idCreateToken(t, s, member.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("ci")})

	t.Run("refusals change nothing", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodPut, "/api/v2/users/me/status/suspend", owner.Token, "")
		require.Equal(t, http.StatusBadRequest, status, "%s", body)
		assert.Equal(t, "You cannot suspend yourself.", ulMessage(t, body))
		status, body = ulDo(t, s, http.MethodPut, "/api/v2/users/member/status/suspend", other.Token, "")
		require.Equal(t, http.StatusForbidden, status, "a member may not suspend: %s", body)
		status, _ = ulDo(t, s, http.MethodPut, "/api/v2/users/owner/status/suspend", member.Token, "")
		require.Equal(t, http.StatusForbidden, status)
		status, _ = ulDo(t, s, http.MethodPut, "/api/v2/users/nobody/status/suspend", owner.Token, "")
		require.Equal(t, http.StatusNotFound, status)
		assert.True(t, ulSignedIn(t, s, member.Token))
		assert.True(t, ulSignedIn(t, s, token))
		assert.True(t, ulSignedIn(t, s, owner.Token))
	})

	t.Run("suspend ends every key at once", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodPut, "/api/v2/users/member/status/suspend", owner.Token, "")
		require.Equal(t, http.StatusOK, status, "%s", body)
		var u client.User
		require.NoError(t, json.Unmarshal(body, &u))
		assert.Equal(t, client.UserStatusSuspended, u.Status)
		assert.Equal(t, "member", u.Username)
		assert.False(t, ulSignedIn(t, s, member.Token), "the session ended")
		assert.False(t, ulSignedIn(t, s, token), "the API token ended")
		status, body = ulLogin(t, s, member.Email, apitest.Password)
		assert.Equal(t, http.StatusUnauthorized, status, "a suspended user cannot sign in: %s", body)
		assert.True(t, ulSignedIn(t, s, other.Token), "nobody else is signed out")

		var list client.GetUsersResponse
		status, body = ulDo(t, s, http.MethodGet, "/api/v2/users", owner.Token, "")
		require.Equal(t, http.StatusOK, status)
		require.NoError(t, json.Unmarshal(body, &list))
		for _, lu := range list.Users {
			if lu.Username == "member" {
				assert.Equal(t, client.UserStatusSuspended, lu.Status, "the status is stored")
			}
		}
	})

	t.Run("activate lets the user sign in again", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodPut, "/api/v2/users/"+member.ID+"/status/activate", owner.Token, "")
		require.Equal(t, http.StatusOK, status, "%s", body)
		var u client.User
		require.NoError(t, json.Unmarshal(body, &u))
		assert.Equal(t, client.UserStatusActive, u.Status)
		assert.False(t, ulSignedIn(t, s, token), "keys ended by the suspension stay ended")
		fresh := s.Login(t, member.Email, apitest.Password)
		assert.True(t, ulSignedIn(t, s, fresh))
	})
}

func TestUserDelete(t *testing.T) {
	t.Parallel()
	p := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	s := eaStart(t, p.Env(0, "github", "github"))
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")
	other := s.CreateMember(t, owner, "other")
	p.AddUser(fakeprovider.User{Login: "member-gh"})
	p.AddUser(fakeprovider.User{Login: "other-gh"})
	eaLinkDevice(t, s, member.Token, "github", p, "member-gh")
	eaLinkDevice(t, s, other.Token, "github", p, "other-gh")
	require.Len(t, p.ValidTokens(), 2)
	status, body := ulDo(t, s, http.MethodPost, "/api/v2/projects", owner.Token, `{"id":"platform","name":"Platform"}`)
	require.Equal(t, http.StatusCreated, status, "%s", body)
	for _, u := range []string{"member", "other"} {
		status, body = ulDo(t, s, http.MethodPut, "/api/v2/projects/platform/members/"+u, owner.Token, "")
		require.Equal(t, http.StatusNoContent, status, "%s", body)
	}

	t.Run("refusals change nothing", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodDelete, "/api/v2/users/me", owner.Token, "")
		require.Equal(t, http.StatusForbidden, status, "%s", body)
		assert.Equal(t, "You cannot delete yourself!", ulMessage(t, body))
		status, _ = ulDo(t, s, http.MethodDelete, "/api/v2/users/other", member.Token, "")
		require.Equal(t, http.StatusForbidden, status)
		status, _ = ulDo(t, s, http.MethodDelete, "/api/v2/users/nobody", owner.Token, "")
		require.Equal(t, http.StatusNotFound, status)
		assert.True(t, ulSignedIn(t, s, member.Token))
		assert.Len(t, p.ValidTokens(), 2)
	})

	t.Run("delete revokes links, ends keys, leaves projects", func(t *testing.T) {
		revokes := p.Calls(eaRevokePath(t, p))
		status, body := ulDo(t, s, http.MethodDelete, "/api/v2/users/member", owner.Token, "")
		require.Equal(t, http.StatusOK, status, "%s", body)
		assert.JSONEq(t, `{"message":"User has been deleted!"}`, string(body))
		assert.Equal(t, revokes+1, p.Calls(eaRevokePath(t, p)), "the provider was asked to revoke")
		assert.Len(t, p.ValidTokens(), 1, "the member's provider token is revoked, the other's kept")
		assert.False(t, ulSignedIn(t, s, member.Token))
		status, _ = ulDo(t, s, http.MethodGet, "/api/v2/users/member", owner.Token, "")
		assert.Equal(t, http.StatusNotFound, status)
		status, body = ulDo(t, s, http.MethodGet, "/api/v2/projects/platform/members", owner.Token, "")
		require.Equal(t, http.StatusOK, status, "%s", body)
		assert.NotContains(t, string(body), `"member"`)
		assert.Contains(t, string(body), `"other"`)
		assert.True(t, rpAuthenticated(t, s, other.Token, "github"), "the other user's link is untouched")

		status, _ = ulDo(t, s, http.MethodDelete, "/api/v2/users/member", owner.Token, "")
		assert.Equal(t, http.StatusNotFound, status, "already gone")
		// The name is free again.
		s.CreateMember(t, owner, "member")
	})
}

func TestUserPassword(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--in-memory")
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")
	const newPassword = "a-brand-new-passphrase"

	refusals := []struct {
		name, token, user, body, message, field string
		status                                  int
	}{
		{"old password missing", member.Token, "me", `{"password":"` + newPassword + `"}`, "Old password is required.", "", 400},
		{"old password wrong", member.Token, "me", `{"old_password":"not-the-password","password":"` + newPassword + `"}`, "Old password is incorrect.", "old_password", 400},
		{"same as username", member.Token, "me", `{"old_password":"` + apitest.Password + `","password":"member@example.com"}`, "Invalid password.", "password", 400},
		{"unchanged", member.Token, "me", `{"old_password":"` + apitest.Password + `","password":"` + apitest.Password + `"}`, "New password cannot match old password.", "", 400},
		{"someone else's", member.Token, "owner", `{"old_password":"` + apitest.Password + `","password":"` + newPassword + `"}`, "", "", 404},
	}
	for _, r := range refusals {
		status, body := ulDo(t, s, http.MethodPut, "/api/v2/users/"+r.user+"/password", r.token, r.body)
		require.Equal(t, r.status, status, "%s: %s", r.name, body)
		if r.message != "" {
			e := idErr(t, &http.Response{Header: http.Header{"Content-Type": {"application/json; charset=utf-8"}}}, body)
			assert.Equal(t, r.message, e.Message, r.name)
			if r.field != "" {
				assert.Equal(t, []string{r.field}, e.fields(), r.name)
			}
		}
	}
	assert.True(t, ulSignedIn(t, s, member.Token), "refusals change nothing")
	status, _ := ulLogin(t, s, member.Email, apitest.Password)
	require.Equal(t, http.StatusCreated, status)

	t.Run("own password signs out everywhere", func(t *testing.T) {
		second := s.Login(t, member.Email, apitest.Password)
		status, body := ulDo(t, s, http.MethodPut, "/api/v2/users/me/password", member.Token,
			`{"old_password":"`+apitest.Password+`","password":"`+newPassword+`"}`)
		require.Equal(t, http.StatusNoContent, status, "%s", body)
		assert.Empty(t, body)
		assert.False(t, ulSignedIn(t, s, member.Token))
		assert.False(t, ulSignedIn(t, s, second))
		status, _ = ulLogin(t, s, member.Email, apitest.Password)
		assert.Equal(t, http.StatusUnauthorized, status, "the old password no longer works")
		member.Token = s.Login(t, member.Email, newPassword)
	})

	t.Run("owner resets without the old password", func(t *testing.T) {
		status, body := ulDo(t, s, http.MethodPut, "/api/v2/users/member/password", owner.Token, `{"password":"reset-by-the-owner"}`)
		require.Equal(t, http.StatusNoContent, status, "%s", body)
		assert.False(t, ulSignedIn(t, s, member.Token))
		assert.True(t, ulSignedIn(t, s, owner.Token), "the owner's own session is untouched")
		s.Login(t, member.Email, "reset-by-the-owner")
	})
}

// TestReplicasUserSuspend: suspending or deleting a user on one replica
// ends the user's sessions on the other at once.
func TestReplicasUserSuspend(t *testing.T) {
	t.Parallel()
	r := rpStartReplicas(t, 2, nil)
	a, b := r[0], r[1]
	owner := a.CreateOwner(t)
	member := a.CreateMember(t, owner, "member")
	other := a.CreateMember(t, owner, "other")
	onB := b.Login(t, member.Email, apitest.Password)
	require.True(t, ulSignedIn(t, b, onB), "b has read the member")
	require.True(t, ulSignedIn(t, b, other.Token))

	status, body := ulDo(t, a, http.MethodPut, "/api/v2/users/member/status/suspend", owner.Token, "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	assert.False(t, ulSignedIn(t, b, onB), "suspended on a, signed out on b")
	assert.False(t, ulSignedIn(t, b, member.Token))
	status, _ = ulLogin(t, b, member.Email, apitest.Password)
	assert.Equal(t, http.StatusUnauthorized, status)

	status, body = ulDo(t, a, http.MethodDelete, "/api/v2/users/other", owner.Token, "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	assert.False(t, ulSignedIn(t, b, other.Token), "deleted on a, signed out on b")
}

func TestUserAuthMethods(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--in-memory")
	res, body := s.Do(http.MethodGet, "/api/v2/users/authmethods", "", nil)
	require.Equal(t, http.StatusOK, res.StatusCode, "no authentication needed: %s", body)
	assert.JSONEq(t, `{"password":{"enabled":true},
		"github":{"enabled":false,"default_provider_configured":false},
		"oidc":{"enabled":false,"signInText":"","iconUrl":""}}`, string(body))
}
