package e2e

import (
	"encoding/json"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
)

// roleNames decodes a user answer and returns its role names.
func roleNames(t *testing.T, body []byte) []string {
	t.Helper()
	var u struct {
		Roles []struct {
			Name        string `json:"name"`
			DisplayName string `json:"display_name"`
		} `json:"roles"`
	}
	require.NoError(t, json.Unmarshal(body, &u), "body %s", body)
	names := []string{}
	for _, r := range u.Roles {
		require.NotEmpty(t, r.DisplayName, "display name of %s", r.Name)
		names = append(names, r.Name)
	}
	return names
}

func putRoles(s *apitest.Server, token, user, body string) (*http.Response, []byte) {
	return s.Do("PUT", "/api/v2/users/"+user+"/roles", body, idHeader("Coder-Session-Token", token))
}

func TestUserRoles(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	alice := s.CreateMember(t, owner, "alice")
	bob := s.CreateMember(t, owner, "bob")

	// The first user is the owner; members have no listed role, as in Coder.
	res, body := s.Do("GET", "/api/v2/users/me", "", idHeader("Coder-Session-Token", owner.Token))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.Equal(t, []string{"owner"}, roleNames(t, body))
	res, body = s.Do("GET", "/api/v2/users/me", "", idHeader("Coder-Session-Token", alice.Token))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.Equal(t, []string{}, roleNames(t, body))

	// A member may not change roles.
	res, body = putRoles(s, alice.Token, "bob", `{"roles":["auditor"]}`)
	assert.Equal(t, idMsgForbidden, idExpectErr(t, res, body, http.StatusForbidden).Message)

	// The owner makes alice a user admin and auditor (member may be listed).
	res, body = putRoles(s, owner.Token, "alice", `{"roles":["user-admin","member","auditor","auditor"]}`)
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.Equal(t, []string{"auditor", "user-admin"}, roleNames(t, body))
	res, body = s.Do("GET", "/api/v2/users/alice", "", idHeader("Coder-Session-Token", owner.Token))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.Equal(t, []string{"auditor", "user-admin"}, roleNames(t, body))

	// A user admin sees and lists users and grants non-owner roles ...
	res, body = s.Do("GET", "/api/v2/users", "", idHeader("Coder-Session-Token", alice.Token))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	res, body = putRoles(s, alice.Token, bob.ID, `{"roles":["auditor"]}`)
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.Equal(t, []string{"auditor"}, roleNames(t, body))
	// ... but neither grants nor removes owner.
	res, body = putRoles(s, alice.Token, "bob", `{"roles":["owner"]}`)
	idExpectErr(t, res, body, http.StatusForbidden)
	res, body = putRoles(s, alice.Token, "owner", `{"roles":[]}`)
	idExpectErr(t, res, body, http.StatusForbidden)

	// Nobody changes their own roles; unknown roles are refused.
	res, body = putRoles(s, owner.Token, "me", `{"roles":[]}`)
	assert.Equal(t, "You cannot change your own roles.", idExpectErr(t, res, body, http.StatusBadRequest).Message)
	res, body = putRoles(s, owner.Token, "bob", `{"roles":["template-admin"]}`)
	assert.Equal(t, `"template-admin" is not a supported role`, idExpectErr(t, res, body, http.StatusBadRequest).Message)
	res, body = putRoles(s, owner.Token, "nobody", `{"roles":[]}`)
	idExpectErr(t, res, body, http.StatusNotFound)
	res, body = putRoles(s, owner.Token, "bob", `{"roles":"auditor"}`)
	idExpectErr(t, res, body, http.StatusBadRequest)

	// Bob becomes owner, demotes the first owner, and cannot be demoted
	// himself while he is the only owner.
	res, body = putRoles(s, owner.Token, "bob", `{"roles":["owner"]}`)
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	res, body = putRoles(s, bob.Token, "owner", `{"roles":[]}`)
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.Equal(t, []string{}, roleNames(t, body))
	res, body = putRoles(s, alice.Token, "bob", `{"roles":[]}`)
	idExpectErr(t, res, body, http.StatusForbidden)
	// The demoted owner is now a member and lost the owner's rights at once.
	res, body = s.Do("GET", "/api/v2/users", "", idHeader("Coder-Session-Token", owner.Token))
	idExpectErr(t, res, body, http.StatusForbidden)
	res, body = s.Do("GET", "/api/v2/users/bob", "", idHeader("Coder-Session-Token", bob.Token))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.Equal(t, []string{"owner"}, roleNames(t, body))

	// Two owners demoting each other at once: one wins, the other is refused
	// (as the last owner, or as no longer an owner), and one owner is left.
	res, body = putRoles(s, bob.Token, "owner", `{"roles":["owner"]}`)
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var wg sync.WaitGroup
	status := make([]int, 2)
	msgs := make([]string, 2)
	for i, pair := range [][2]string{{owner.Token, "bob"}, {bob.Token, "owner"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, body := putRoles(s, pair[0], pair[1], `{"roles":[]}`)
			status[i] = res.StatusCode
			if res.StatusCode != http.StatusOK {
				msgs[i] = idErr(t, res, body).Message
			}
		}()
	}
	wg.Wait()
	ok := 0
	for i := range status {
		switch status[i] {
		case http.StatusOK:
			ok++
		case http.StatusBadRequest:
			assert.Equal(t, "The last owner cannot be demoted.", msgs[i])
		default:
			assert.Equal(t, http.StatusForbidden, status[i], msgs[i])
		}
	}
	assert.Equal(t, 1, ok, "statuses %v %v", status, msgs)
	owners := 0
	for _, u := range []apitest.User{owner, bob} {
		res, body = s.Do("GET", "/api/v2/users/"+u.Username, "", idHeader("Coder-Session-Token", alice.Token))
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		if len(roleNames(t, body)) == 1 {
			owners++
		}
	}
	assert.Equal(t, 1, owners)
}
